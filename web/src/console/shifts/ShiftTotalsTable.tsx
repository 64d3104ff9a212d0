// Expected money per drawer method of a shift: float, sales, refunds, cash in and out.
import { Table, Typography } from 'antd';
import type { Shift } from '../../api/retail';
import { methodName } from '../cashier/labels';
import { yuan } from '../cashier/money';
import { useT } from '../i18n';

type MethodTotals = Shift['totals']['methods'][number];

export function ShiftTotalsTable({ shift }: { shift: Shift }) {
  const t = useT();
  return (
    <Table<MethodTotals>
      rowKey="method"
      size="small"
      pagination={false}
      dataSource={shift.totals.methods}
      data-testid="shift-totals"
      columns={[
        { title: t('shift.method'), dataIndex: 'method', render: (m: string) => methodName(t, m) },
        { title: t('shift.float'), dataIndex: 'float', align: 'right', render: (v: number) => (v ? yuan(v) : '—') },
        { title: t('shift.sales'), dataIndex: 'sales', align: 'right', render: (v: number) => yuan(v) },
        { title: t('shift.refunds'), dataIndex: 'refunds', align: 'right', render: (v: number) => (v ? yuan(-v) : '—') },
        { title: t('shift.cashIn'), dataIndex: 'cashIn', align: 'right', render: (v: number) => (v ? yuan(v) : '—') },
        { title: t('shift.cashOut'), dataIndex: 'cashOut', align: 'right', render: (v: number) => (v ? yuan(-v) : '—') },
        { title: t('shift.expected'), dataIndex: 'expected', align: 'right', render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text> },
      ]}
      footer={() => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('shift.totals.footer', {
            orders: shift.totals.orderCount,
            refunds: shift.totals.refundCount,
            sv: yuan(shift.totals.storedValue.sales - shift.totals.storedValue.refunds),
            points: shift.totals.points.points.toLocaleString(),
            change: yuan(shift.totals.changeGiven),
          })}
        </Typography.Text>
      )}
    />
  );
}
