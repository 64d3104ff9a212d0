import { sql } from 'kysely';
import type { Executor } from '../../db/database';

/**
 * What went through a cashier shift, per tender method: what orders took and what refunds paid
 * out (for the shift's expected amounts). Read-only; the store and first business date let the
 * store-day indexes find the rows.
 */
export interface ShiftTenderTotals {
  sales: { method: string; amount: number; points: number }[];
  refunds: { method: string; amount: number; points: number }[];
  orderCount: number;
  refundCount: number;
  changeGiven: number;
}

export async function tenderTotalsOfShift(db: Executor, tenantId: string, shift: { id: string; storeId: string; fromDate: string }): Promise<ShiftTenderTotals> {
  const sales = await sql<{ method: string; amount: number | null; points: number | null }>`
    select t.method, sum(t.amount) as amount, sum(t.points) as points
    from orders o join order_tenders t on t.tenant_id = o.tenant_id and t.order_id = o.id
    where o.tenant_id = ${tenantId} and o.store_id = ${shift.storeId} and o.business_date >= ${shift.fromDate} and o.shift_id = ${shift.id}
    group by t.method`.execute(db);
  const orders = await sql<{ n: number; change: number | null }>`
    select count(*) as n, sum(o.change_given) as change from orders o
    where o.tenant_id = ${tenantId} and o.store_id = ${shift.storeId} and o.business_date >= ${shift.fromDate} and o.shift_id = ${shift.id}`.execute(db);
  const refunds = await sql<{ method: string; amount: number | null; points: number | null }>`
    select p.method, sum(p.amount) as amount, sum(p.points) as points
    from order_refunds r join order_refund_payments p on p.tenant_id = r.tenant_id and p.refund_id = r.id
    where r.tenant_id = ${tenantId} and r.store_id = ${shift.storeId} and r.business_date >= ${shift.fromDate} and r.shift_id = ${shift.id}
    group by p.method`.execute(db);
  const refundCount = await sql<{ n: number }>`
    select count(*) as n from order_refunds r
    where r.tenant_id = ${tenantId} and r.store_id = ${shift.storeId} and r.business_date >= ${shift.fromDate} and r.shift_id = ${shift.id}`.execute(db);
  const num = (v: unknown) => Number(v ?? 0);
  return {
    sales: sales.rows.map((r) => ({ method: r.method, amount: num(r.amount), points: num(r.points) })),
    refunds: refunds.rows.map((r) => ({ method: r.method, amount: num(r.amount), points: num(r.points) })),
    orderCount: num(orders.rows[0]?.n),
    refundCount: num(refundCount.rows[0]?.n),
    changeGiven: num(orders.rows[0]?.change),
  };
}
