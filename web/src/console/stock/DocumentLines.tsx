// Lines of a stock document being written: add products by search or scan, quantities (signed
// for adjustments), unit costs for receipts (default: the product's standard cost).
import { DeleteOutlined } from '@ant-design/icons';
import { Button, InputNumber, Table, Typography } from 'antd';
import type { CashierItem } from '../../api/retail';
import { MoneyInput } from '../cashier/MoneyInput';
import { yuan } from '../cashier/money';
import { useT } from '../i18n';
import { ProductSelect } from '../products/ProductSelect';

export interface DocLine {
  productId: string;
  name: string;
  unit: string;
  stock: number | null;
  quantity: number | null;
  unitCost: number | null;
}

export function lineFrom(item: CashierItem): DocLine {
  return { productId: item.id, name: item.name, unit: item.unit, stock: item.stock, quantity: null, unitCost: item.cost };
}

export function DocumentLines(props: { lines: DocLine[]; onChange(lines: DocLine[]): void; storeId: string; withCost?: boolean; signed?: boolean }) {
  const t = useT();
  const set = (i: number, patch: Partial<DocLine>) => props.onChange(props.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const total = props.lines.reduce((s, l) => s + (l.quantity ?? 0) * (l.unitCost ?? 0), 0);
  return (
    <div>
      <ProductSelect
        kind="product"
        storeId={props.storeId}
        ariaLabel={t('stock.addProduct')}
        placeholder={t('stock.addProduct')}
        value={undefined}
        onChange={(id, item) => {
          if (props.lines.some((l) => l.productId === id)) return;
          props.onChange([...props.lines, lineFrom(item)]);
        }}
      />
      <Table<DocLine>
        rowKey="productId"
        size="small"
        pagination={false}
        dataSource={props.lines}
        style={{ marginTop: 12 }}
        locale={{ emptyText: t('stock.noLines') }}
        columns={[
          { title: t('products.name'), dataIndex: 'name' },
          { title: t('stock.onHand'), dataIndex: 'stock', width: 90, align: 'right', render: (v: number | null, l) => (v === null ? '—' : `${v} ${l.unit}`) },
          {
            title: props.signed ? t('stock.change') : t('stock.quantity'),
            key: 'qty',
            width: 130,
            render: (_, l, i) => (
              <InputNumber
                aria-label={t('stock.quantityOf', { name: l.name })}
                min={props.signed ? -1_000_000 : 1}
                max={1_000_000}
                precision={0}
                value={l.quantity}
                onChange={(v) => set(i, { quantity: typeof v === 'number' ? v : null })}
                style={{ width: 110 }}
              />
            ),
          },
          ...(props.withCost
            ? [
                {
                  title: t('stock.unitCost'),
                  key: 'cost',
                  width: 140,
                  render: (_: unknown, l: DocLine, i: number) => <MoneyInput aria-label={t('stock.unitCostOf', { name: l.name })} value={l.unitCost} onChange={(v) => set(i, { unitCost: v })} />,
                },
                { title: t('stock.lineCost'), key: 'lineCost', width: 110, align: 'right' as const, render: (_: unknown, l: DocLine) => yuan((l.quantity ?? 0) * (l.unitCost ?? 0)) },
              ]
            : []),
          { title: '', key: 'remove', width: 48, render: (_, __, i) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => props.onChange(props.lines.filter((_, j) => j !== i))} /> },
        ]}
        summary={
          props.withCost && props.lines.length
            ? () => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={4}>
                    <Typography.Text strong>{t('stock.totalCost')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <Typography.Text strong>{yuan(total)}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} />
                </Table.Summary.Row>
              )
            : undefined
        }
      />
    </div>
  );
}
