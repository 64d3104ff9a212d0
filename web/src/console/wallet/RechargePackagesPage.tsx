// Recharge packages (wallet.settings): pay X, get a fixed or percentage bonus and/or bonus
// points. Price and bonus are fixed once created (orders refer to them); name, order, bonus
// points and whether the package is on sale can change.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Space, Switch, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { RechargePackage } from '../../api/retail';
import { MoneyInput } from '../cashier/MoneyInput';
import { percent, yuan } from '../cashier/money';
import { EnterSubmits } from '../components/EnterSubmits';
import { useApiError } from '../errors';
import { useT } from '../i18n';

interface Draft {
  name: string;
  price: number | null;
  bonusType: 'none' | 'fixed' | 'percent';
  bonusAmount: number | null;
  bonusPercent: number | null;
  bonusPoints: number | null;
  sortOrder: number | null;
}

export default function RechargePackagesPage() {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const [items, setItems] = useState<RechargePackage[] | null>(null);
  const [editing, setEditing] = useState<RechargePackage | 'new' | null>(null);

  const load = useCallback(() => {
    call(api.GET('/api/v1/recharge-packages', { params: { query: { includeInactive: 'true' } } }))
      .then((r) => setItems(r.items))
      .catch(showError);
  }, [showError]);
  useEffect(load, [load]);

  async function toggle(p: RechargePackage, isActive: boolean) {
    try {
      await call(api.PATCH('/api/v1/recharge-packages/{packageId}', { params: { path: { packageId: p.id } }, body: { isActive } }));
      message.success(t(isActive ? 'pkg.activated' : 'pkg.deactivated', { name: p.name }));
      load();
    } catch (err) {
      showError(err);
    }
  }

  return (
    <Card
      title={t('pkg.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="pkg-new">
          {t('pkg.new')}
        </Button>
      }
      data-testid="recharge-packages-page"
    >
      <Table<RechargePackage>
        rowKey="id"
        size="middle"
        loading={!items}
        dataSource={items ?? []}
        pagination={false}
        columns={[
          { title: t('pkg.name'), dataIndex: 'name' },
          { title: t('pkg.price'), dataIndex: 'price', align: 'right', render: (v: number) => yuan(v) },
          {
            title: t('pkg.bonus'),
            key: 'bonus',
            align: 'right',
            render: (_, p) => (p.bonus.type === 'fixed' ? yuan(p.bonus.amount) : p.bonus.type === 'percent' ? `${percent(p.bonus.basisPoints)} (${yuan(p.credit.bonus)})` : '—'),
          },
          { title: t('pkg.bonusPoints'), dataIndex: 'bonusPoints', align: 'right', render: (v: number) => (v ? v.toLocaleString() : '—') },
          { title: t('pkg.credit'), key: 'credit', align: 'right', render: (_, p) => <Typography.Text strong>{yuan(p.credit.principal + p.credit.bonus)}</Typography.Text> },
          { title: t('pkg.sortOrder'), dataIndex: 'sortOrder', align: 'right', width: 80 },
          { title: t('pkg.active'), dataIndex: 'isActive', width: 80, render: (v: boolean, p) => <Switch size="small" checked={v} onChange={(on) => void toggle(p, on)} aria-label={t('pkg.active')} /> },
          {
            key: 'edit',
            width: 80,
            render: (_, p) => (
              <Button type="link" onClick={() => setEditing(p)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <PackageModal
        editing={editing}
        onClose={() => setEditing(null)}
        onDone={() => {
          setEditing(null);
          load();
        }}
      />
    </Card>
  );
}

function PackageModal(props: { editing: RechargePackage | 'new' | null; onClose(): void; onDone(): void }) {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Draft>();
  const [busy, setBusy] = useState(false);
  const isNew = props.editing === 'new';
  const bonusType = Form.useWatch('bonusType', form);
  useEffect(() => {
    if (!props.editing) return;
    form.resetFields();
    if (props.editing !== 'new') {
      const p = props.editing;
      form.setFieldsValue({ name: p.name, price: p.price, bonusType: p.bonus.type, bonusAmount: p.bonus.type === 'fixed' ? p.bonus.amount : null, bonusPercent: p.bonus.type === 'percent' ? p.bonus.basisPoints / 100 : null, bonusPoints: p.bonusPoints, sortOrder: p.sortOrder });
    }
  }, [props.editing, form]);

  async function submit(v: Draft) {
    setBusy(true);
    try {
      if (props.editing === 'new') {
        const bonus =
          v.bonusType === 'fixed' ? { type: 'fixed' as const, amount: v.bonusAmount! } : v.bonusType === 'percent' ? { type: 'percent' as const, basisPoints: Math.round(v.bonusPercent! * 100) } : { type: 'none' as const };
        const p = await call(api.POST('/api/v1/recharge-packages', { body: { name: v.name.trim(), price: v.price!, bonus, bonusPoints: v.bonusPoints ?? 0, ...(v.sortOrder !== null && v.sortOrder !== undefined ? { sortOrder: v.sortOrder } : {}) } }));
        message.success(t('pkg.created', { name: p.name }));
      } else if (props.editing) {
        await call(api.PATCH('/api/v1/recharge-packages/{packageId}', { params: { path: { packageId: props.editing.id } }, body: { name: v.name.trim(), bonusPoints: v.bonusPoints ?? 0, sortOrder: v.sortOrder ?? 0 } }));
        message.success(t('pkg.saved'));
      }
      props.onDone();
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  }

  const positive = (msg: string) => ({ validator: (_: unknown, v: number | null) => (v === null || v === undefined || v > 0 ? Promise.resolve() : Promise.reject(new Error(msg))) });
  return (
    <Modal open={!!props.editing} title={isNew ? t('pkg.create') : t('pkg.edit')} onOk={() => form.submit()} onCancel={props.onClose} okText={t('common.save')} okButtonProps={{ loading: busy }} destroyOnHidden width={480}>
      <Form form={form} layout="vertical" initialValues={{ bonusType: 'none', bonusPoints: 0 }} onFinish={(v) => void submit(v)} data-testid="pkg-form">
        <Form.Item name="name" label={t('pkg.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input autoFocus maxLength={50} />
        </Form.Item>
        {!isNew && <Typography.Paragraph type="secondary">{t('pkg.fixedNote')}</Typography.Paragraph>}
        <Form.Item name="price" label={t('pkg.price')} rules={[{ required: true, message: t('pkg.price.required') }, positive(t('money.positive'))]}>
          <MoneyInput disabled={!isNew} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="bonusType" label={t('pkg.bonusType')}>
          <Radio.Group disabled={!isNew} optionType="button" options={(['none', 'fixed', 'percent'] as const).map((b) => ({ value: b, label: t(`pkg.bonus.${b}`) }))} />
        </Form.Item>
        {bonusType === 'fixed' && (
          <Form.Item name="bonusAmount" label={t('pkg.bonusAmount')} rules={[{ required: true, message: t('pkg.bonus.required') }, positive(t('money.positive'))]}>
            <MoneyInput disabled={!isNew} style={{ width: 200 }} />
          </Form.Item>
        )}
        {bonusType === 'percent' && (
          <Form.Item
            name="bonusPercent"
            label={t('pkg.bonusPercent')}
            rules={[{ required: true, message: t('pkg.bonus.required') }, { type: 'number', min: 0.01, max: 100, message: t('pkg.percent.range') }]}
          >
            <InputNumber disabled={!isNew} min={0.01} max={100} precision={2} suffix="%" style={{ width: 200 }} />
          </Form.Item>
        )}
        <Space size={16}>
          <Form.Item name="bonusPoints" label={t('pkg.bonusPoints')}>
            <InputNumber min={0} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('pkg.sortOrder')}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
