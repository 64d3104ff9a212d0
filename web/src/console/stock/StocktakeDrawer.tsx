// A stocktake (盘点): count what is on the shelf — every stocked product of the store can be
// listed, or products added by scan — see counted − on hand as it is typed, save the counts as
// a draft, and confirm to post the differences (or cancel: nothing is posted).
import { Alert, App, Button, Drawer, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, call } from '../../api/client';
import type { StockDocument } from '../../api/retail';
import { useAttemptKey } from '../cashier/idempotency';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { ProductSelect } from '../products/ProductSelect';

interface CountRow {
  productId: string;
  name: string;
  sku: string | null;
  unit: string;
  system: number;
  counted: number | null;
  saved: number | null;
}

function rowsOf(doc: StockDocument): CountRow[] {
  return doc.lines.map((l) => ({ productId: l.productId, name: l.productName, sku: l.sku, unit: l.unit, system: l.systemQuantity ?? 0, counted: l.countedQuantity, saved: l.countedQuantity }));
}

export function StocktakeDrawer(props: { doc: StockDocument; onClose(): void; onChanged(doc: StockDocument): void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const attempt = useAttemptKey();
  const [doc, setDoc] = useState(props.doc);
  const [rows, setRows] = useState<CountRow[]>(() => rowsOf(props.doc));
  const [busy, setBusy] = useState<'save' | 'confirm' | 'cancel' | 'list' | null>(null);
  const draft = doc.status === 'draft';
  const dirty = rows.some((r) => r.counted !== r.saved);
  const diffs = useMemo(() => rows.filter((r) => r.counted !== null && r.counted !== r.system), [rows]);

  async function listAll() {
    setBusy('list');
    try {
      const have = new Set(rows.map((r) => r.productId));
      const extra: CountRow[] = [];
      let cursor: string | undefined;
      do {
        const page = await call(api.GET('/api/v1/stock', { params: { query: { storeId: doc.storeId, cursor, limit: 200 } } }));
        for (const l of page.items) if (!have.has(l.productId)) extra.push({ productId: l.productId, name: l.product.name, sku: l.product.sku, unit: l.product.unit, system: l.quantity, counted: null, saved: null });
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      setRows((r) => [...r, ...extra]);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  async function save(): Promise<StockDocument | null> {
    const changed = rows.filter((r) => r.counted !== r.saved);
    if (changed.length === 0) return doc;
    setBusy('save');
    try {
      const next = await call(api.PUT('/api/v1/stocktakes/{stocktakeId}/lines', { params: { path: { stocktakeId: doc.id } }, body: { lines: changed.map((r) => ({ productId: r.productId, countedQuantity: r.counted })) } }));
      setDoc(next);
      // Keep rows listed but not yet counted; take the server's on-hand figures for the rest.
      const server = new Map(rowsOf(next).map((r) => [r.productId, r]));
      setRows((rs) => rs.map((r) => server.get(r.productId) ?? { ...r, saved: null, counted: r.counted === null ? null : r.counted }));
      props.onChanged(next);
      return next;
    } catch (err) {
      showError(err);
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function confirm() {
    const saved = await save();
    if (!saved) return;
    setBusy('confirm');
    try {
      const posted = await call(api.POST('/api/v1/stocktakes/{stocktakeId}/confirm', { params: { path: { stocktakeId: doc.id } }, headers: { 'Idempotency-Key': attempt.keyFor({ confirm: doc.id }) } }));
      message.success(t('stock.stocktake.confirmed', { no: posted.docNo }));
      setDoc(posted);
      setRows(rowsOf(posted));
      props.onChanged(posted);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  async function cancel() {
    setBusy('cancel');
    try {
      const next = await call(api.POST('/api/v1/stocktakes/{stocktakeId}/cancel', { params: { path: { stocktakeId: doc.id } } }));
      setDoc(next);
      props.onChanged(next);
      message.info(t('stock.stocktake.cancelled'));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Drawer
      open
      size={880}
      title={
        <Space>
          {t('stock.stocktake.title', { no: doc.docNo })}
          <Tag color={draft ? 'orange' : doc.status === 'posted' ? 'green' : 'default'}>{t(`stock.status.${doc.status}`)}</Tag>
        </Space>
      }
      onClose={props.onClose}
      destroyOnHidden
      footer={
        draft && (
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Popconfirm title={t('stock.stocktake.cancel.confirm')} onConfirm={() => void cancel()}>
              <Button danger loading={busy === 'cancel'}>
                {t('stock.stocktake.cancel')}
              </Button>
            </Popconfirm>
            <Space>
              <Button disabled={!dirty} loading={busy === 'save'} onClick={() => void save()} data-testid="stocktake-save">
                {t('stock.stocktake.save')}
              </Button>
              <Popconfirm title={t('stock.stocktake.confirm.title', { n: diffs.length })} onConfirm={() => void confirm()}>
                <Button type="primary" loading={busy === 'confirm'} disabled={!rows.some((r) => r.counted !== null)} data-testid="stocktake-confirm">
                  {t('stock.stocktake.confirm')}
                </Button>
              </Popconfirm>
            </Space>
          </Space>
        )
      }
    >
      {draft ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <ProductSelect
            kind="product"
            storeId={doc.storeId}
            style={{ width: 320 }}
            ariaLabel={t('stock.addProduct')}
            placeholder={t('stock.stocktake.add')}
            value={undefined}
            onChange={(id, item) => {
              if (rows.some((r) => r.productId === id)) return;
              setRows((r) => [...r, { productId: id, name: item.name, sku: item.sku, unit: item.unit, system: item.stock ?? 0, counted: null, saved: null }]);
            }}
          />
          <Button loading={busy === 'list'} onClick={() => void listAll()}>
            {t('stock.stocktake.listAll')}
          </Button>
        </Space>
      ) : (
        <Alert type={doc.status === 'posted' ? 'success' : 'info'} showIcon style={{ marginBottom: 12 }} title={doc.status === 'posted' ? t('stock.stocktake.postedInfo', { n: diffs.length }) : t('stock.stocktake.cancelledInfo')} />
      )}
      <Table<CountRow>
        rowKey="productId"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="stocktake-lines"
        locale={{ emptyText: t('stock.stocktake.empty') }}
        columns={[
          { title: t('products.name'), dataIndex: 'name', render: (v: string, r) => <Space><span>{v}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.sku ?? ''}</Typography.Text></Space> },
          { title: draft ? t('stock.onHandNow') : t('stock.onHandAtCount'), dataIndex: 'system', width: 110, align: 'right', render: (v: number, r) => `${v} ${r.unit}` },
          {
            title: t('stock.counted'),
            key: 'counted',
            width: 140,
            render: (_, r, i) =>
              draft ? (
                <InputNumber
                  aria-label={t('stock.countedOf', { name: r.name })}
                  min={0}
                  precision={0}
                  value={r.counted}
                  onChange={(v) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, counted: typeof v === 'number' ? v : null } : x)))}
                  style={{ width: 110 }}
                />
              ) : (
                (r.counted ?? '—')
              ),
          },
          {
            title: t('stock.difference'),
            key: 'diff',
            width: 110,
            align: 'right',
            render: (_, r) => {
              if (r.counted === null) return '—';
              const d = r.counted - r.system;
              return d === 0 ? <Typography.Text type="success">0</Typography.Text> : <Typography.Text type={d > 0 ? 'warning' : 'danger'} strong>{d > 0 ? `+${d}` : d}</Typography.Text>;
            },
          },
        ]}
      />
    </Drawer>
  );
}
