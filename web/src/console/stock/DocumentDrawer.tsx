// A posted (or cancelled) stock document: receipt, transfer or adjustment, line by line.
import { Descriptions, Drawer, Space, Table, Tag } from 'antd';
import type { StockDocument } from '../../api/retail';
import { yuan } from '../cashier/money';
import { useOrgOptions } from '../components/org-options';
import { formatTime } from '../format';
import { useT } from '../i18n';

type Line = StockDocument['lines'][number];

export function DocumentDrawer(props: { doc: StockDocument; onClose(): void }) {
  const t = useT();
  const { stores } = useOrgOptions();
  const d = props.doc;
  const storeName = (id: string | null) => (id ? (stores.find((s) => s.id === id)?.name ?? id) : '—');
  return (
    <Drawer open size={760} onClose={props.onClose} title={<Space>{`${t(`stock.kind.${d.kind}`)} ${d.docNo}`}<Tag>{t(`stock.status.${d.status}`)}</Tag></Space>} destroyOnHidden>
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'store', label: d.kind === 'transfer' ? t('stock.fromStore') : t('stock.store'), children: storeName(d.storeId) },
          ...(d.kind === 'transfer' ? [{ key: 'to', label: t('stock.toStore'), children: storeName(d.toStoreId) }] : []),
          ...(d.supplier ? [{ key: 'supplier', label: t('stock.supplier'), children: d.supplier }] : []),
          ...(d.reason ? [{ key: 'reason', label: t('stock.reason'), children: d.reason }] : []),
          { key: 'by', label: t('stock.postedBy'), children: `${d.postedByName ?? d.createdByName ?? '—'} · ${formatTime(d.postedAt ?? d.createdAt)}` },
          { key: 'total', label: t('stock.totalCost'), children: yuan(d.totalCost) },
          ...(d.note ? [{ key: 'note', label: t('stock.note'), children: d.note }] : []),
        ]}
      />
      <Table<Line>
        rowKey="lineNo"
        size="small"
        pagination={false}
        dataSource={d.lines}
        columns={[
          { title: '#', dataIndex: 'lineNo', width: 44 },
          { title: t('products.name'), dataIndex: 'productName' },
          { title: t('products.sku'), dataIndex: 'sku', render: (v: string | null) => v ?? '—' },
          ...(d.kind === 'stocktake'
            ? [
                { title: t('stock.onHandAtCount'), dataIndex: 'systemQuantity', align: 'right' as const, render: (v: number | null) => v ?? '—' },
                { title: t('stock.counted'), dataIndex: 'countedQuantity', align: 'right' as const, render: (v: number | null) => v ?? '—' },
              ]
            : []),
          { title: d.kind === 'stocktake' ? t('stock.difference') : t('stock.quantity'), dataIndex: 'quantity', align: 'right', render: (v: number, l) => `${v > 0 && d.kind !== 'receipt' && d.kind !== 'transfer' ? '+' : ''}${v} ${l.unit}` },
          { title: t('stock.unitCost'), dataIndex: 'unitCost', align: 'right', render: (v: number) => yuan(v) },
          { title: t('stock.lineCost'), key: 'cost', align: 'right', render: (_, l) => yuan(l.quantity * l.unitCost) },
        ]}
      />
    </Drawer>
  );
}
