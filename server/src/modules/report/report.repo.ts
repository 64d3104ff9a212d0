import type { Executor } from '../../db/database';
import type { DayLineRow, DayOrderRow, DayRefundPaymentRow, DayRefundRow, DayTenderRow } from './report.rules';

/**
 * Read-only queries over other modules' tables (orders, ledger), as reports may. Every query is
 * filtered by tenant and served by the store-day and order indexes.
 */
export const reportRepo = {
  dayOrders: (db: Executor, tenantId: string, storeId: string, date: string): Promise<DayOrderRow[]> =>
    db
      .selectFrom('orders')
      .select(['id', 'member_id', 'list_total', 'tier_discount', 'coupon_discount', 'points_used', 'points_value', 'payable', 'change_given', 'recharge_total'])
      .where('tenant_id', '=', tenantId)
      .where('store_id', '=', storeId)
      .where('business_date', '=', date)
      .orderBy('id')
      .execute(),

  async linesOf(db: Executor, tenantId: string, orderIds: string[]): Promise<DayLineRow[]> {
    const out: DayLineRow[] = [];
    // Chunked: a busy day has many orders and both databases cap bound parameters.
    for (let i = 0; i < orderIds.length; i += 500) {
      const rows = await db
        .selectFrom('order_lines')
        .select(['order_id', 'kind', 'item_id', 'name', 'quantity', 'unit_price', 'list_total', 'net_total', 'points_discount', 'refunded_quantity', 'refunded_amount', 'meta_json'])
        .where('tenant_id', '=', tenantId)
        .where('order_id', 'in', orderIds.slice(i, i + 500))
        .execute();
      for (const r of rows) {
        const meta = (r.meta_json ?? {}) as { listPrice?: unknown };
        out.push({ ...r, list_price: typeof meta.listPrice === 'number' ? meta.listPrice : null });
      }
    }
    return out;
  },

  async tendersOf(db: Executor, tenantId: string, orderIds: string[]): Promise<DayTenderRow[]> {
    const out: DayTenderRow[] = [];
    for (let i = 0; i < orderIds.length; i += 500) {
      out.push(...(await db.selectFrom('order_tenders').select(['order_id', 'method', 'amount', 'points']).where('tenant_id', '=', tenantId).where('order_id', 'in', orderIds.slice(i, i + 500)).execute()));
    }
    return out;
  },

  dayRefunds: (db: Executor, tenantId: string, storeId: string, date: string): Promise<DayRefundRow[]> =>
    db
      .selectFrom('order_refunds')
      .select(['id', 'kind', 'total', 'money_total', 'stored_value_total', 'points_returned'])
      .where('tenant_id', '=', tenantId)
      .where('store_id', '=', storeId)
      .where('business_date', '=', date)
      .orderBy('id')
      .execute(),

  async refundPaymentsOf(db: Executor, tenantId: string, refundIds: string[]): Promise<DayRefundPaymentRow[]> {
    const out: DayRefundPaymentRow[] = [];
    for (let i = 0; i < refundIds.length; i += 500) {
      out.push(...(await db.selectFrom('order_refund_payments').select(['refund_id', 'method', 'amount', 'points']).where('tenant_id', '=', tenantId).where('refund_id', 'in', refundIds.slice(i, i + 500)).execute()));
    }
    return out;
  },

  /** Line details the order view leaves out (SKU, unit, list price before a member price). */
  lineMeta: async (db: Executor, tenantId: string, orderId: string) =>
    new Map(
      (await db.selectFrom('order_lines').select(['id', 'meta_json']).where('tenant_id', '=', tenantId).where('order_id', '=', orderId).execute()).map((r) => [r.id, (r.meta_json ?? {}) as Record<string, unknown>]),
    ),

  orderShift: async (db: Executor, tenantId: string, orderId: string) =>
    (await db.selectFrom('orders').select('shift_id').where('tenant_id', '=', tenantId).where('id', '=', orderId).executeTakeFirst())?.shift_id ?? null,

  /**
   * A member's balances right after an order: per asset account, the balance after the last
   * entry up to the order's own last entry. Entry ids are ULIDs — ordered by creation — and a
   * member's entries are appended under the account lock, so "up to" is an id comparison
   * (timestamps may tie within a transaction). An order that moved none of the member's assets
   * cuts at its own id: everything before it.
   */
  async balancesAfterOrder(db: Executor, tenantId: string, memberId: string, orderId: string): Promise<Record<string, number>> {
    // The checkout's own journals: those of the order (not its refunds) and grants referring to it.
    const own = await db
      .selectFrom('ledger_entries as e')
      .innerJoin('ledger_journals as j', (jn) => jn.onRef('j.tenant_id', '=', 'e.tenant_id').onRef('j.id', '=', 'e.journal_id'))
      .select((eb) => eb.fn.max('e.id').as('last'))
      .where('j.tenant_id', '=', tenantId)
      .where('j.member_id', '=', memberId)
      .where((eb) =>
        eb.or([
          eb.and([eb('j.order_id', '=', orderId), eb.or([eb('j.ref_type', 'is', null), eb('j.ref_type', '<>', 'refund')])]),
          eb.and([eb('j.ref_type', '=', 'order'), eb('j.ref_id', '=', orderId)]),
        ]),
      )
      .executeTakeFirst();
    const cut = (own?.last as string | null | undefined) ?? `ent_${orderId.slice(orderId.indexOf('_') + 1)}`;
    const accounts = await db
      .selectFrom('ledger_accounts')
      .select(['id', 'kind'])
      .where('tenant_id', '=', tenantId)
      .where('member_id', '=', memberId)
      .where('ref_id', '=', '')
      .where('kind', 'in', ['sv_principal', 'sv_bonus', 'points', 'points_pending'])
      .execute();
    const out: Record<string, number> = {};
    for (const a of accounts) {
      const e = await db
        .selectFrom('ledger_entries')
        .select('balance_after')
        .where('tenant_id', '=', tenantId)
        .where('account_id', '=', a.id)
        .where('id', '<=', cut)
        .orderBy('account_seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      out[a.kind] = e?.balance_after ?? 0;
    }
    return out;
  },
};
