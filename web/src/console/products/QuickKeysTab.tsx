// The cashier's quick keys of the current store: which items, in which order, with a short
// label and a colour — as they will look on the cashier screen.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Input, Select, Space, Spin, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { yuan } from '../cashier/money';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { ProductSelect } from './ProductSelect';

interface Key {
  productId: string;
  name: string;
  price: number;
  label: string;
  color: string | null;
}

const COLORS = ['#1668dc', '#13a8a8', '#389e0d', '#d48806', '#d4380d', '#c41d7f', '#531dab', '#595959'];

export function QuickKeysTab() {
  const t = useT();
  const { can, currentStore } = useSession();
  const manage = can('product.manage');
  const showError = useApiError();
  const { message } = App.useApp();
  const [keys, setKeys] = useState<Key[] | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const storeId = currentStore?.id;

  useEffect(() => {
    if (!storeId) return;
    call(api.GET('/api/v1/stores/{storeId}/quick-keys', { params: { path: { storeId } } }))
      .then((r) => setKeys(r.items.map((k) => ({ productId: k.productId, name: k.product.name, price: k.product.price, label: k.label, color: k.color }))))
      .catch((err) => {
        setKeys([]);
        showError(err);
      });
  }, [storeId, showError]);

  if (!storeId) return <Empty description={t('cashier.noStore')} />;
  if (!keys) return <Spin />;

  const change = (next: Key[]) => {
    setKeys(next);
    setDirty(true);
  };
  const move = (i: number, d: number) => {
    const next = [...keys];
    const [k] = next.splice(i, 1);
    next.splice(i + d, 0, k);
    change(next);
  };

  async function save() {
    if (!storeId || !keys) return;
    setSaving(true);
    try {
      await call(api.PUT('/api/v1/stores/{storeId}/quick-keys', { params: { path: { storeId } }, body: { keys: keys.map((k) => ({ productId: k.productId, label: k.label.trim() && k.label.trim() !== k.name ? k.label.trim().slice(0, 12) : null, color: k.color })) } }));
      message.success(t('products.quickKeys.saved'));
      setDirty(false);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('products.quickKeys.intro', { store: currentStore?.name ?? '' })} />
      {manage && (
        <Space wrap>
          <ProductSelect
            style={{ width: 320 }}
            ariaLabel={t('products.quickKeys.add')}
            placeholder={t('products.quickKeys.add')}
            storeId={storeId}
            value={undefined}
            onChange={(id, item) => {
              if (keys.some((k) => k.productId === id)) return;
              change([...keys, { productId: id, name: item.name, price: item.price, label: item.name.slice(0, 12), color: COLORS[keys.length % COLORS.length] }]);
            }}
          />
          <Button type="primary" disabled={!dirty} loading={saving} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </Space>
      )}
      <Table<Key>
        rowKey="productId"
        size="small"
        pagination={false}
        dataSource={keys}
        columns={[
          { title: '#', key: 'no', width: 44, render: (_, __, i) => i + 1 },
          { title: t('products.name'), dataIndex: 'name' },
          { title: t('products.price'), dataIndex: 'price', width: 110, align: 'right', render: (v: number) => yuan(v) },
          {
            title: t('products.quickKeys.label'),
            key: 'label',
            width: 200,
            render: (_, k, i) => <Input maxLength={12} disabled={!manage} value={k.label} aria-label={t('products.quickKeys.labelOf', { name: k.name })} onChange={(e) => change(keys.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} />,
          },
          {
            title: t('products.quickKeys.color'),
            key: 'color',
            width: 160,
            render: (_, k, i) => (
              <Select
                disabled={!manage}
                value={k.color ?? COLORS[0]}
                style={{ width: 130 }}
                aria-label={t('products.quickKeys.color')}
                onChange={(c) => change(keys.map((x, j) => (j === i ? { ...x, color: c } : x)))}
                options={COLORS.map((c) => ({ value: c, label: <span style={{ display: 'inline-block', width: 60, height: 14, background: c, borderRadius: 3, verticalAlign: 'middle' }} /> }))}
              />
            ),
          },
          ...(manage
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 130,
                  render: (_: unknown, __: Key, i: number) => (
                    <Space size={0}>
                      <Button type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('products.quickKeys.up')} />
                      <Button type="text" icon={<ArrowDownOutlined />} disabled={i === keys.length - 1} onClick={() => move(i, 1)} aria-label={t('products.quickKeys.down')} />
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => change(keys.filter((_, j) => j !== i))} aria-label={t('common.delete')} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <div>
        <Typography.Text type="secondary">{t('products.quickKeys.preview')}</Typography.Text>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(128px, 1fr))', gap: 8, marginTop: 8, maxWidth: 800 }}>
          {keys.map((k) => (
            <div key={k.productId} style={{ height: 58, borderRadius: 6, border: '1px solid #d9d9d9', borderLeft: `4px solid ${k.color ?? COLORS[0]}`, padding: '6px 10px' }}>
              <Typography.Text strong ellipsis style={{ display: 'block', fontSize: 13 }}>
                {k.label || k.name}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {yuan(k.price)}
              </Typography.Text>
            </div>
          ))}
        </div>
      </div>
    </Space>
  );
}
