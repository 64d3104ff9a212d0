// The lists of the stock page: levels, low stock, documents and the journal of moves.
import { Button, DatePicker, InputNumber, Popover, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import type { StockDocument, StockLevel, StockMove, StockMoveKind } from '../../api/retail';
import { yuan } from '../cashier/money';
import { CursorPagination, useCursorList } from '../components/CursorPager';
import { useOrgOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { useT } from '../i18n';
import { useSession } from '../session';

function useStoreName() {
  const { stores } = useOrgOptions();
  return (id: string) => stores.find((s) => s.id === id)?.name ?? '—';
}

function levelColumns(t: ReturnType<typeof useT>, storeName: (id: string) => string, showStore: boolean, onThreshold: ((l: StockLevel) => React.ReactNode) | null) {
  return [
    ...(showStore ? [{ title: t('stock.store'), dataIndex: 'storeId', width: 120, render: (id: string) => storeName(id) }] : []),
    {
      title: t('products.name'),
      key: 'name',
      render: (_: unknown, l: StockLevel) => (
        <Space>
          <Typography.Text strong>{l.product.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.product.sku ?? l.product.barcode ?? ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('stock.quantity'),
      dataIndex: 'quantity',
      width: 120,
      align: 'right' as const,
      render: (v: number, l: StockLevel) => (
        <Space size={4}>
          <Typography.Text strong type={v <= 0 ? 'danger' : undefined}>{`${v} ${l.product.unit}`}</Typography.Text>
          {l.isLow && <Tag color="red">{t('stock.low')}</Tag>}
        </Space>
      ),
    },
    { title: t('stock.averageCost'), dataIndex: 'averageCost', width: 110, align: 'right' as const, render: (v: number) => yuan(v) },
    { title: t('stock.value'), dataIndex: 'value', width: 120, align: 'right' as const, render: (v: number) => yuan(v) },
    {
      title: t('stock.threshold'),
      key: 'threshold',
      width: 150,
      align: 'right' as const,
      render: (_: unknown, l: StockLevel) => (
        <Space size={4}>
          <span>{l.lowStockThreshold ?? '—'}</span>
          {l.storeThreshold !== null && <Tag>{t('stock.threshold.store')}</Tag>}
          {onThreshold?.(l)}
        </Space>
      ),
    },
    { title: t('stock.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatTime(v) },
  ];
}

function ThresholdEdit(props: { level: StockLevel; onSaved(): void }) {
  const t = useT();
  const showError = useApiError();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<number | null>(props.level.storeThreshold);
  async function save(v: number | null) {
    try {
      await call(api.PATCH('/api/v1/stores/{storeId}/stock-levels/{productId}', { params: { path: { storeId: props.level.storeId, productId: props.level.productId } }, body: { lowStockThreshold: v } }));
      setOpen(false);
      props.onSaved();
    } catch (err) {
      showError(err);
    }
  }
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={t('stock.threshold.edit', { name: props.level.product.name })}
      content={
        <Space orientation="vertical">
          <InputNumber autoFocus min={0} precision={0} value={value} onChange={(v) => setValue(typeof v === 'number' ? v : null)} onPressEnter={() => void save(value)} style={{ width: 160 }} aria-label={t('stock.threshold')} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('stock.threshold.hint')}
          </Typography.Text>
          <Space>
            <Button size="small" type="primary" onClick={() => void save(value)}>
              {t('common.save')}
            </Button>
            <Button size="small" onClick={() => void save(null)}>
              {t('stock.threshold.reset')}
            </Button>
          </Space>
        </Space>
      }
    >
      <Button type="link" size="small">
        {t('common.edit')}
      </Button>
    </Popover>
  );
}

export function LevelsTab(props: { storeId: string | undefined; version: number }) {
  const t = useT();
  const { can } = useSession();
  const storeName = useStoreName();
  const list = useCursorList<StockLevel>((cursor) => call(api.GET('/api/v1/stock', { params: { query: { storeId: props.storeId, cursor, limit: 50 } } })), [props.storeId, props.version]);
  return (
    <>
      <Table<StockLevel>
        rowKey={(l) => `${l.storeId}:${l.productId}`}
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="stock-levels"
        columns={levelColumns(t, storeName, !props.storeId, can('stock.manage') ? (l) => <ThresholdEdit level={l} onSaved={list.reload} /> : null)}
      />
      <CursorPagination list={list} />
    </>
  );
}

export function LowStockTab(props: { storeId: string | undefined; version: number }) {
  const t = useT();
  const showError = useApiError();
  const storeName = useStoreName();
  const [items, setItems] = useState<StockLevel[] | null>(null);
  useEffect(() => {
    let live = true;
    call(api.GET('/api/v1/stock/low', { params: { query: { storeId: props.storeId } } }))
      .then((r) => live && setItems(r.items))
      .catch((err) => {
        if (live) setItems([]);
        showError(err);
      });
    return () => {
      live = false;
    };
  }, [props.storeId, props.version, showError]);
  return <Table<StockLevel> rowKey={(l) => `${l.storeId}:${l.productId}`} size="middle" loading={!items} dataSource={items ?? []} pagination={false} data-testid="stock-low" locale={{ emptyText: t('stock.low.none') }} columns={levelColumns(t, storeName, !props.storeId, null)} />;
}

const DOC_COLOR: Record<StockDocument['kind'], string> = { receipt: 'green', transfer: 'blue', stocktake: 'purple', adjustment: 'orange' };

export function DocumentsTab(props: { storeId: string | undefined; version: number; onOpen(doc: StockDocument): void }) {
  const t = useT();
  const storeName = useStoreName();
  const [kind, setKind] = useState<StockDocument['kind'] | undefined>();
  const [status, setStatus] = useState<StockDocument['status'] | undefined>();
  const list = useCursorList<StockDocument>((cursor) => call(api.GET('/api/v1/stock/documents', { params: { query: { storeId: props.storeId, kind, status, cursor, limit: 30 } } })), [props.storeId, kind, status, props.version]);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('stock.docKind')} aria-label={t('stock.docKind')} style={{ width: 140 }} value={kind} onChange={setKind} options={(['receipt', 'transfer', 'stocktake', 'adjustment'] as const).map((k) => ({ value: k, label: t(`stock.kind.${k}`) }))} />
        <Select allowClear placeholder={t('common.status')} aria-label={t('common.status')} style={{ width: 120 }} value={status} onChange={setStatus} options={(['draft', 'posted', 'cancelled'] as const).map((s) => ({ value: s, label: t(`stock.status.${s}`) }))} />
      </Space>
      <Table<StockDocument>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="stock-documents"
        onRow={(d) => ({ onClick: () => props.onOpen(d), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('stock.docNo'), dataIndex: 'docNo', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('stock.docKind'), dataIndex: 'kind', render: (k: StockDocument['kind']) => <Tag color={DOC_COLOR[k]}>{t(`stock.kind.${k}`)}</Tag> },
          { title: t('common.status'), dataIndex: 'status', render: (s: StockDocument['status']) => (s === 'draft' ? <Tag color="orange">{t('stock.status.draft')}</Tag> : s === 'cancelled' ? <Tag>{t('stock.status.cancelled')}</Tag> : <Tag color="green">{t('stock.status.posted')}</Tag>) },
          { title: t('stock.store'), key: 'store', render: (_, d) => (d.kind === 'transfer' && d.toStoreId ? `${storeName(d.storeId)} → ${storeName(d.toStoreId)}` : storeName(d.storeId)) },
          { title: t('stock.detail'), key: 'detail', ellipsis: true, render: (_, d) => d.supplier ?? d.reason ?? d.note ?? '—' },
          { title: t('stock.quantity'), dataIndex: 'totalQuantity', align: 'right' },
          { title: t('stock.totalCost'), dataIndex: 'totalCost', align: 'right', render: (v: number) => yuan(v) },
          { title: t('stock.postedBy'), key: 'by', render: (_, d) => `${d.postedByName ?? d.createdByName ?? '—'} · ${formatTime(d.postedAt ?? d.createdAt)}` },
        ]}
      />
      <CursorPagination list={list} />
    </>
  );
}

const MOVE_COLOR: Record<StockMoveKind, string> = { purchase: 'green', transfer_out: 'blue', transfer_in: 'cyan', stocktake: 'purple', sale: 'volcano', refund: 'gold', manual: 'orange' };
const MOVE_KINDS: StockMoveKind[] = ['purchase', 'sale', 'refund', 'transfer_out', 'transfer_in', 'stocktake', 'manual'];

export function MovesTab(props: { storeId: string | undefined; version: number }) {
  const t = useT();
  const storeName = useStoreName();
  const [kind, setKind] = useState<StockMoveKind | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const from = range?.[0].format('YYYY-MM-DD');
  const to = range?.[1].format('YYYY-MM-DD');
  const list = useCursorList<StockMove>((cursor) => call(api.GET('/api/v1/stock/moves', { params: { query: { storeId: props.storeId, kind, from, to, cursor, limit: 50 } } })), [props.storeId, kind, from, to, props.version]);
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select allowClear placeholder={t('stock.moveKind')} aria-label={t('stock.moveKind')} style={{ width: 140 }} value={kind} onChange={setKind} options={MOVE_KINDS.map((k) => ({ value: k, label: t(`stock.move.${k}`) }))} />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} />
      </Space>
      <Table<StockMove>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="stock-moves"
        columns={[
          { title: t('orders.time'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
          ...(!props.storeId ? [{ title: t('stock.store'), dataIndex: 'storeId', width: 110, render: (id: string) => storeName(id) }] : []),
          { title: t('products.name'), dataIndex: 'productName' },
          { title: t('stock.moveKind'), dataIndex: 'kind', width: 100, render: (k: StockMoveKind) => <Tag color={MOVE_COLOR[k]}>{t(`stock.move.${k}`)}</Tag> },
          { title: t('stock.change'), dataIndex: 'quantity', width: 80, align: 'right', render: (v: number) => <Typography.Text type={v < 0 ? 'danger' : 'success'} strong>{v > 0 ? `+${v}` : v}</Typography.Text> },
          { title: t('stock.balanceAfter'), dataIndex: 'balanceAfter', width: 90, align: 'right' },
          { title: t('stock.unitCost'), dataIndex: 'unitCost', width: 100, align: 'right', render: (v: number) => yuan(v) },
          { title: t('stock.valueChange'), dataIndex: 'valueChange', width: 110, align: 'right', render: (v: number) => yuan(v, { sign: true }) },
          { title: t('stock.valueAfter'), dataIndex: 'valueAfter', width: 110, align: 'right', render: (v: number) => yuan(v) },
          {
            title: t('stock.source'),
            key: 'source',
            width: 160,
            render: (_, m) => (m.orderId ? <Link to={`/orders/${m.orderId}`}>{t('stock.source.order')}</Link> : (m.reason ?? '—')),
          },
          { title: t('stock.by'), dataIndex: 'actorName', width: 100, render: (v: string | null) => v ?? '—' },
        ]}
      />
      <CursorPagination list={list} />
    </>
  );
}
