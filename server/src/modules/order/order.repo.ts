import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { Dialect } from '../../db/dialect';
import type {
  OrderLinePaymentsTable,
  OrderLinesTable,
  OrderRefundPaymentsTable,
  OrderRefundsTable,
  OrderTendersTable,
  OrdersTable,
} from '../../db/schema';

export type OrderRow = Selectable<OrdersTable>;
export type LineRow = Selectable<OrderLinesTable>;
export type TenderRow = Selectable<OrderTendersTable>;
export type PaymentRow = Selectable<OrderLinePaymentsTable>;
export type RefundRow = Selectable<OrderRefundsTable>;
export type RefundPaymentRow = Selectable<OrderRefundPaymentsTable>;

export const orderRepo = {
  /** Next number of a per-store, per-day sequence (atomic on both databases). */
  nextNumber: async (db: Executor, tenantId: string, storeId: string, businessDate: string, kind: string): Promise<number> => {
    const r = await db
      .insertInto('order_counters')
      .values({ tenant_id: tenantId, store_id: storeId, business_date: businessDate, kind, last_no: 1 })
      .onConflict((oc) => oc.columns(['tenant_id', 'store_id', 'business_date', 'kind']).doUpdateSet((eb) => ({ last_no: eb('order_counters.last_no', '+', 1) })))
      .returning('last_no')
      .executeTakeFirstOrThrow();
    return Number(r.last_no);
  },

  insertOrder: (db: Executor, row: Insertable<OrdersTable>) => db.insertInto('orders').values(row).execute(),
  insertLines: (db: Executor, rows: Insertable<OrderLinesTable>[]) => db.insertInto('order_lines').values(rows).execute(),
  insertTenders: (db: Executor, rows: Insertable<OrderTendersTable>[]) => (rows.length ? db.insertInto('order_tenders').values(rows).execute() : Promise.resolve([])),
  insertPayments: (db: Executor, rows: Insertable<OrderLinePaymentsTable>[]) => (rows.length ? db.insertInto('order_line_payments').values(rows).execute() : Promise.resolve([])),
  setLineMeta: (db: Executor, tenantId: string, id: string, metaJson: string) =>
    db.updateTable('order_lines').set({ meta_json: metaJson }).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  /** The order's number (taken last, see commitCheckout) and the points it earned. */
  setNumberAndEarned: (db: Executor, tenantId: string, id: string, orderNo: string, points: number, journalId: string | null) =>
    db.updateTable('orders').set({ order_no: orderNo, points_earned: points, points_earn_journal_id: journalId }).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  byId: (db: Executor, tenantId: string, id: string) => db.selectFrom('orders').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  lockById: (db: Executor, d: Dialect, tenantId: string, id: string) =>
    d.forUpdate(db.selectFrom('orders').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)).executeTakeFirst(),
  linesOf: (db: Executor, tenantId: string, orderIds: string[]) =>
    orderIds.length ? db.selectFrom('order_lines').selectAll().where('tenant_id', '=', tenantId).where('order_id', 'in', orderIds).orderBy('line_no').execute() : Promise.resolve([] as LineRow[]),
  tendersOf: (db: Executor, tenantId: string, orderIds: string[]) =>
    orderIds.length ? db.selectFrom('order_tenders').selectAll().where('tenant_id', '=', tenantId).where('order_id', 'in', orderIds).orderBy('id').execute() : Promise.resolve([] as TenderRow[]),
  paymentsOf: (db: Executor, tenantId: string, orderId: string) =>
    db.selectFrom('order_line_payments').selectAll().where('tenant_id', '=', tenantId).where('order_id', '=', orderId).orderBy('id').execute(),
  refundsOf: (db: Executor, tenantId: string, orderIds: string[]) =>
    orderIds.length ? db.selectFrom('order_refunds').selectAll().where('tenant_id', '=', tenantId).where('order_id', 'in', orderIds).orderBy('id').execute() : Promise.resolve([] as RefundRow[]),
  refundById: (db: Executor, tenantId: string, id: string) => db.selectFrom('order_refunds').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  refundPaymentsOf: (db: Executor, tenantId: string, refundIds: string[]) =>
    refundIds.length ? db.selectFrom('order_refund_payments').selectAll().where('tenant_id', '=', tenantId).where('refund_id', 'in', refundIds).execute() : Promise.resolve([] as RefundPaymentRow[]),

  list: (
    db: Executor,
    tenantId: string,
    f: { orderNos?: string[]; memberId?: string; status?: OrderRow['status']; storeIds?: string[] | null; storeId?: string; from?: string; to?: string; beforeId?: string; limit: number },
  ) => {
    let q = db.selectFrom('orders').selectAll().where('tenant_id', '=', tenantId);
    // Probes of the unique (tenant_id, order_no) index.
    if (f.orderNos) q = q.where('order_no', 'in', f.orderNos);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.memberId) q = q.where('member_id', '=', f.memberId);
    if (f.storeId) q = q.where('store_id', '=', f.storeId);
    if (f.storeIds) q = f.storeIds.length ? q.where('store_id', 'in', f.storeIds) : q.where('store_id', '=', '__none__');
    if (f.from) q = q.where('business_date', '>=', f.from);
    if (f.to) q = q.where('business_date', '<=', f.to);
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  },

  insertRefund: (db: Executor, row: Insertable<OrderRefundsTable>) => db.insertInto('order_refunds').values(row).execute(),
  insertRefundPayments: (db: Executor, rows: Insertable<OrderRefundPaymentsTable>[]) => (rows.length ? db.insertInto('order_refund_payments').values(rows).execute() : Promise.resolve([])),
  addLineRefund: (db: Executor, tenantId: string, id: string, qty: number, amount: number) =>
    db
      .updateTable('order_lines')
      .set((eb) => ({ refunded_quantity: eb('refunded_quantity', '+', qty), refunded_amount: eb('refunded_amount', '+', amount) }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute(),
  addPaymentRefund: (db: Executor, tenantId: string, id: string, amount: number) =>
    db.updateTable('order_line_payments').set((eb) => ({ refunded_amount: eb('refunded_amount', '+', amount) })).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  addTenderRefund: (db: Executor, tenantId: string, id: string, amount: number) =>
    db.updateTable('order_tenders').set((eb) => ({ refunded_amount: eb('refunded_amount', '+', amount) })).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  setRefundTotals: (db: Executor, tenantId: string, id: string, refundedTotal: number, status: OrderRow['status']) =>
    db.updateTable('orders').set({ refunded_total: refundedTotal, status }).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
};
