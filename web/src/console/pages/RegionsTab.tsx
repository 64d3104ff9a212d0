// Regions group stores (华东区, 华南区 …) for reports and for staff whose data scope is a region.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { Region } from '../../api/types';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { useT } from '../i18n';
import { useSession } from '../session';

export function RegionsTab() {
  const t = useT();
  const { can } = useSession();
  const manage = can('org.manage');
  const showError = useApiError();
  const { message } = App.useApp();
  const [regions, setRegions] = useState<Region[]>([]);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<Region | 'new' | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRegions((await call(api.GET('/api/v1/regions'))).items);
    } catch (err) {
      showError(err);
    } finally {
      setLoading(false);
    }
  }, [showError]);

  useEffect(() => {
    void load();
  }, [load]);

  async function setActive(r: Region, isActive: boolean) {
    try {
      await call(api.PATCH('/api/v1/regions/{regionId}', { params: { path: { regionId: r.id } }, body: { isActive } }));
      message.success(isActive ? t('regions.activated', { name: r.name }) : t('regions.deactivated', { name: r.name }));
      await load();
    } catch (err) {
      showError(err);
    }
  }

  return (
    <>
      {manage && (
        <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'flex-end' }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('regions.new')}
          </Button>
        </Space>
      )}
      <Table<Region>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={regions}
        pagination={false}
        columns={[
          { title: t('region.name'), dataIndex: 'name' },
          { title: t('region.storeCount'), dataIndex: 'storeCount', width: 120, align: 'right' },
          {
            title: t('common.status'),
            dataIndex: 'isActive',
            width: 100,
            render: (v: boolean) => (v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v) },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 160,
                  render: (_: unknown, r: Region) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(r)}>
                        {t('regions.rename')}
                      </Button>
                      {r.isActive ? (
                        <Popconfirm title={t('regions.deactivate.confirm', { name: r.name })} description={t('regions.deactivate.hint')} onConfirm={() => setActive(r, false)}>
                          <Button type="link" size="small" danger>
                            {t('common.deactivate')}
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Button type="link" size="small" onClick={() => void setActive(r, true)}>
                          {t('common.activate')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <RegionModal
          region={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            message.success(editing === 'new' ? t('regions.created', { name: r.name }) : t('common.saved'));
            setEditing(null);
            void load();
          }}
        />
      )}
    </>
  );
}

function RegionModal(props: { region: Region | null; onClose(): void; onSaved(r: Region): void }) {
  const t = useT();
  const showError = useApiError();
  const [form] = Form.useForm<{ name: string }>();
  const [saving, setSaving] = useState(false);
  const r = props.region;

  async function save(v: { name: string }) {
    setSaving(true);
    try {
      const body = { name: v.name.trim() };
      const saved = r
        ? await call(api.PATCH('/api/v1/regions/{regionId}', { params: { path: { regionId: r.id } }, body }))
        : await call(api.POST('/api/v1/regions', { body }));
      props.onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={r ? t('regions.renameTitle', { name: r.name }) : t('regions.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ name: r?.name ?? '' }} onFinish={(v) => void save(v)}>
        <Form.Item name="name" label={t('region.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}>
          <Input autoFocus maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
