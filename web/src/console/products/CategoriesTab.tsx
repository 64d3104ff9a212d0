// Product categories: names, order and whether they are offered when editing products.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { Category } from '../../api/retail';
import { EnterSubmits } from '../components/EnterSubmits';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';

export function CategoriesTab(props: { categories: Category[]; onChanged(): void }) {
  const t = useT();
  const { can } = useSession();
  const manage = can('product.manage');
  const showError = useApiError();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const [form] = Form.useForm<{ name: string; sortOrder?: number }>();

  async function save(v: { name: string; sortOrder?: number }) {
    try {
      if (editing === 'new') await call(api.POST('/api/v1/product-categories', { body: { name: v.name.trim(), sortOrder: v.sortOrder ?? undefined } }));
      else if (editing) await call(api.PATCH('/api/v1/product-categories/{categoryId}', { params: { path: { categoryId: editing.id } }, body: { name: v.name.trim(), sortOrder: v.sortOrder ?? undefined } }));
      message.success(t('common.saved'));
      setEditing(null);
      props.onChanged();
    } catch (err) {
      showError(err, form);
    }
  }

  async function setActive(c: Category, isActive: boolean) {
    try {
      await call(api.PATCH('/api/v1/product-categories/{categoryId}', { params: { path: { categoryId: c.id } }, body: { isActive } }));
      props.onChanged();
    } catch (err) {
      showError(err);
    }
  }

  return (
    <>
      {manage && (
        <Space style={{ marginBottom: 16 }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setEditing('new');
            }}
          >
            {t('products.category.new')}
          </Button>
        </Space>
      )}
      <Table<Category>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={props.categories}
        columns={[
          { title: t('products.category.name'), dataIndex: 'name' },
          { title: t('products.category.count'), dataIndex: 'productCount', width: 120, align: 'right' },
          { title: t('products.sortOrder'), dataIndex: 'sortOrder', width: 100, align: 'right' },
          { title: t('common.status'), dataIndex: 'isActive', width: 100, render: (v: boolean) => (v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>) },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 180,
                  render: (_: unknown, c: Category) => (
                    <Space>
                      <Button
                        type="link"
                        size="small"
                        onClick={() => {
                          form.setFieldsValue({ name: c.name, sortOrder: c.sortOrder });
                          setEditing(c);
                        }}
                      >
                        {t('common.edit')}
                      </Button>
                      <Switch size="small" checked={c.isActive} onChange={(v) => void setActive(c, v)} aria-label={t('common.active')} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal open={!!editing} title={editing === 'new' ? t('products.category.new') : t('products.category.edit')} onOk={() => form.submit()} onCancel={() => setEditing(null)} width={400} forceRender>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="name" label={t('products.category.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input autoFocus maxLength={30} />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('products.sortOrder')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <EnterSubmits />
        </Form>
      </Modal>
    </>
  );
}
