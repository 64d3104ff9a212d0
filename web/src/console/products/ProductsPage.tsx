// Products, service items and fees (product.read; product.manage to change): the catalogue
// with search and filters, the editor, categories and the cashier's quick keys per store.
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Segmented, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import type { Category, Product, ProductKind, TierLevel } from '../../api/retail';
import { percent, yuan } from '../cashier/money';
import { CursorPagination, useCursorList } from '../components/CursorPager';
import { useT } from '../i18n';
import { useSession } from '../session';
import { CategoriesTab } from './CategoriesTab';
import { ProductEditor } from './ProductEditor';
import { QuickKeysTab } from './QuickKeysTab';

const KIND_COLOR: Record<ProductKind, string> = { product: 'blue', service: 'cyan', fee: 'gold' };

export default function ProductsPage() {
  const t = useT();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'items';
  const [categories, setCategories] = useState<Category[]>([]);
  const [tiers, setTiers] = useState<TierLevel[]>([]);

  const loadCategories = useCallback(() => {
    call(api.GET('/api/v1/product-categories'))
      .then((r) => setCategories(r.items))
      .catch(() => setCategories([]));
  }, []);
  useEffect(() => {
    loadCategories();
    if (can('tier.read'))
      call(api.GET('/api/v1/tier-config'))
        .then((c) => setTiers(c.levels))
        .catch(() => setTiers([]));
  }, [loadCategories, can]);

  return (
    <Card>
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(k) => setParams(k === 'items' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'items', label: t('products.tab.items'), children: <ItemsTab categories={categories} tiers={tiers} /> },
          { key: 'categories', label: t('products.tab.categories'), children: <CategoriesTab categories={categories} onChanged={loadCategories} /> },
          { key: 'quick-keys', label: t('products.tab.quickKeys'), children: <QuickKeysTab /> },
        ]}
      />
    </Card>
  );
}

function ItemsTab(props: { categories: Category[]; tiers: TierLevel[] }) {
  const t = useT();
  const { can } = useSession();
  const manage = can('product.manage');
  const [kind, setKind] = useState<ProductKind | 'all'>('all');
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [inactive, setInactive] = useState(false);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);

  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(q.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [q]);

  const list = useCursorList<Product>(
    (cursor) =>
      call(
        api.GET('/api/v1/products', {
          params: { query: { kind: kind === 'all' ? undefined : kind, categoryId, q: search || undefined, includeInactive: inactive ? 'true' : 'false', cursor, limit: 50 } },
        }),
      ),
    [kind, categoryId, search, inactive],
  );
  const categoryName = new Map(props.categories.map((c) => [c.id, c.name]));
  const tierName = new Map(props.tiers.map((l) => [l.id, l.name]));

  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Segmented<ProductKind | 'all'>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'product', label: t('products.kind.product') },
              { value: 'service', label: t('products.kind.service') },
              { value: 'fee', label: t('products.kind.fee') },
            ]}
          />
          <Input allowClear prefix={<SearchOutlined />} placeholder={t('products.search')} aria-label={t('products.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} autoFocus />
          <Select allowClear placeholder={t('products.category')} aria-label={t('products.category')} style={{ width: 160 }} value={categoryId} onChange={setCategoryId} options={props.categories.map((c) => ({ value: c.id, label: c.name }))} />
          <Space size={6}>
            <Switch size="small" checked={inactive} onChange={setInactive} aria-label={t('products.showInactive')} />
            <Typography.Text>{t('products.showInactive')}</Typography.Text>
          </Space>
        </Space>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="product-new">
            {t('products.new')}
          </Button>
        )}
      </Space>
      <Table<Product>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1200 }}
        onRow={(p) => ({ onClick: () => manage && setEditing(p), style: { cursor: manage ? 'pointer' : undefined } })}
        columns={[
          {
            title: t('products.name'),
            dataIndex: 'name',
            width: 220,
            render: (v: string, p) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{v}</Typography.Text>
                {p.durationMinutes && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('products.durationIs', { n: p.durationMinutes })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('products.kind'), dataIndex: 'kind', width: 100, render: (k: ProductKind, p) => <Tag color={KIND_COLOR[k]}>{p.feeKind ? t(`products.feeKind.${p.feeKind}`) : t(`products.kind.${k}`)}</Tag> },
          { title: t('products.sku'), dataIndex: 'sku', width: 120, render: (v: string | null) => v ?? '—' },
          { title: t('products.barcode'), dataIndex: 'barcode', width: 150, render: (v: string | null) => v ?? '—' },
          { title: t('products.category'), dataIndex: 'categoryId', width: 110, render: (v: string | null) => (v ? (categoryName.get(v) ?? '—') : '—') },
          { title: t('products.price'), dataIndex: 'price', width: 110, align: 'right', render: (v: number, p) => <Typography.Text strong>{`${yuan(v)}/${p.unit}`}</Typography.Text> },
          {
            title: t('products.memberPrices'),
            key: 'tierPrices',
            width: 200,
            render: (_, p) => (p.tierPrices.length ? p.tierPrices.map((x) => <Tag key={x.tierId} color="gold">{`${tierName.get(x.tierId) ?? '?'} ${yuan(x.price)}`}</Tag>) : '—'),
          },
          { title: t('products.cost'), dataIndex: 'cost', width: 100, align: 'right', render: (v: number | null) => (v === null ? '—' : yuan(v)) },
          { title: t('products.taxRate'), dataIndex: 'taxRateBp', width: 80, align: 'right', render: (v: number) => percent(v) },
          {
            title: t('common.status'),
            dataIndex: 'isActive',
            width: 90,
            render: (v: boolean) => (v ? <Tag color="green">{t('products.onSale')}</Tag> : <Tag>{t('products.offSale')}</Tag>),
          },
        ]}
      />
      <CursorPagination list={list} />
      {editing && (
        <ProductEditor
          product={editing}
          defaultKind={kind === 'all' ? 'product' : kind}
          categories={props.categories}
          tiers={props.tiers}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}
