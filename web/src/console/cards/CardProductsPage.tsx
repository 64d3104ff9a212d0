// 卡项 (card.read; card.product.manage to change): count, time, private-lesson and trial cards
// with their price, contents, validity and rules at a glance; the editor in a drawer.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { yuan } from '../cashier/money';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { CardProductEditor } from './CardProductEditor';
import { CardReportsTab } from './CardReportsTab';
import { CardSettingsTab } from './CardSettingsTab';
import { SoldCardsTab } from './SoldCardsTab';
import { KIND_COLOR, KIND_LABEL, unitLabel, validityText } from './format';
import type { CardProduct, CardProductKind } from './types';

export default function CardProductsPage() {
  const t = useT();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'products';
  const [products, setProducts] = useState<CardProduct[]>([]);
  useEffect(() => {
    call(api.GET('/api/v1/card-products', { params: { query: { includeInactive: 'true' } } }))
      .then((r) => setProducts(r.items))
      .catch(() => setProducts([]));
  }, []);
  return (
    <Card>
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(k) => setParams(k === 'products' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'products', label: t('cards.tab.products'), children: <ProductsTab /> },
          { key: 'sold', label: t('cards.tab.sold'), children: <SoldCardsTab products={products} /> },
          ...(can('card.report') ? [{ key: 'reports', label: t('cards.tab.reports'), children: <CardReportsTab /> }] : []),
          { key: 'settings', label: t('cards.tab.settings'), children: <CardSettingsTab /> },
        ]}
      />
    </Card>
  );
}

function ProductsTab() {
  const t = useT();
  const { can } = useSession();
  const showError = useApiError();
  const manage = can('card.product.manage');
  const [kind, setKind] = useState<CardProductKind | 'all'>('all');
  const [inactive, setInactive] = useState(false);
  const [items, setItems] = useState<CardProduct[] | null>(null);
  const [editing, setEditing] = useState<CardProduct | 'new' | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await call(api.GET('/api/v1/card-products', { params: { query: { ...(kind !== 'all' ? { kind } : {}), includeInactive: inactive ? 'true' : 'false' } } }));
      setItems(r.items);
    } catch (err) {
      setItems([]);
      showError(err);
    }
  }, [kind, inactive, showError]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%' }} wrap>
        <Segmented
          value={kind}
          onChange={(v) => setKind(v as CardProductKind | 'all')}
          options={[{ value: 'all', label: t('cards.kind.all') }, ...(['count', 'time', 'private', 'trial'] as const).map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))]}
        />
        <Switch size="small" checked={inactive} onChange={setInactive} aria-label={t('cards.product.showInactive')} />
        <Typography.Text>{t('cards.product.showInactive')}</Typography.Text>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="card-product-new" style={{ marginInlineStart: 16 }}>
            {t('cards.product.new')}
          </Button>
        )}
      </Space>
      <Table<CardProduct>
        rowKey="id"
        size="middle"
        loading={!items}
        dataSource={items ?? []}
        pagination={false}
        data-testid="card-products"
        onRow={(p) => ({ onDoubleClick: () => manage && setEditing(p) })}
        columns={[
          {
            title: t('cards.field.name'),
            dataIndex: 'name',
            width: 220,
            render: (_v, p) => (
              <Space direction="vertical" size={0}>
                <Space size={6}>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  {!p.isActive && <Tag>{t('cards.product.inactive')}</Tag>}
                </Space>
                {p.description && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {p.description}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('cards.field.kind'), dataIndex: 'kind', width: 110, render: (k: CardProductKind) => <Tag color={KIND_COLOR[k]}>{t(KIND_LABEL[k])}</Tag> },
          { title: t('cards.field.price'), dataIndex: 'price', width: 110, align: 'right', render: (v: number) => yuan(v) },
          {
            title: t('cards.field.contents'),
            width: 170,
            render: (_v, p) =>
              p.sessions !== null ? `${p.sessions} ${unitLabel(t, p.sessionUnit)}` : p.perDayCap || p.perWeekCap ? t('cards.caps', { day: p.perDayCap ?? '—', week: p.perWeekCap ?? '—' }) : t('cards.sessions.unlimited'),
          },
          { title: t('cards.field.validity'), width: 120, render: (_v, p) => validityText(t, p.validity) },
          {
            title: t('cards.field.rules'),
            render: (_v, p) => (
              <Space size={[4, 4]} wrap>
                <Tag>{t(`cards.activation.${p.activationMode}`)}</Tag>
                {p.freezePolicy.isAllowed ? <Tag color="blue">{t('cards.rule.freeze', { max: p.freezePolicy.maxDays })}</Tag> : <Tag>{t('cards.rule.noFreeze')}</Tag>}
                {p.transferPolicy.isAllowed ? <Tag color="orange">{t('cards.rule.transfer', { fee: yuan(p.transferPolicy.fee) })}</Tag> : <Tag>{t('cards.rule.noTransfer')}</Tag>}
                {p.refundPolicy.isAllowed ? <Tag color="red">{t(`cards.formula.${p.refundPolicy.formula}`)}</Tag> : <Tag>{t('cards.rule.noRefund')}</Tag>}
                {p.familyPolicy.isAllowed && <Tag color="cyan">{t('cards.rule.family', { n: p.familyPolicy.maxMembers })}</Tag>}
                {p.saleLimitPerMember !== null && <Tag color="gold">{t('cards.rule.limit', { n: p.saleLimitPerMember })}</Tag>}
              </Space>
            ),
          },
          ...(manage
            ? [
                {
                  title: '',
                  width: 80,
                  render: (_v: unknown, p: CardProduct) => (
                    <Button size="small" type="link" onClick={() => setEditing(p)}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <CardProductEditor
          product={editing}
          products={items ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </>
  );
}
