import { type Tx, inTransaction } from '../../db/database';
import { runIdempotent } from '../../db/idempotency';
import type { AppConfig } from '../../config/config';
import { type Ctx, requirePermission, requireStoreAccess } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import { type CheckoutDeps, commitCheckout, quoteCheckout } from './order.checkout';
import { OrgErrors } from '../org';
import { OrderErrors } from './order.errors';
import { presentOrder, presentRefund } from './order.presenters';
import { MONEY_METHODS, type TenderMethod } from './order.pricing.rules';
import { type RefundQuote, type RefundRequest, commitRefund, quoteRefund, refundInTransaction } from './order.refund';
import { type RefundRow, orderRepo } from './order.repo';
import type { CheckoutQuote, CheckoutRequest, OrderHooks, OrderLineHandler, OrderView, RefundView } from './order.types';

export type OrderService = ReturnType<typeof createOrderService>;

export function createOrderService(base: Omit<CheckoutDeps, 'lineHandlers' | 'hooks'> & { config: AppConfig }) {
  const deps: CheckoutDeps & { config: AppConfig } = { ...base, lineHandlers: new Map(), hooks: {} };
  const { database } = deps;
  const db = database.db;
  const idem = { dialect: database.dialect, clock: deps.clock, ttlHours: deps.config.idempotencyHours };

  /** The order as stored; `justPaid`: the checkout that created it answers, so no refund can exist yet to read. */
  async function load(ctx: Ctx, orderId: string, executor = db, opts: { justPaid?: boolean } = {}): Promise<OrderView> {
    const o = await orderRepo.byId(executor, ctx.tenantId, orderId);
    if (!o) throw OrderErrors.ORDER_NOT_FOUND({ details: { orderId } });
    requireStoreAccess(ctx, o.store_id);
    const [lines, tenders, refunds] = await Promise.all([
      orderRepo.linesOf(executor, ctx.tenantId, [o.id]),
      orderRepo.tendersOf(executor, ctx.tenantId, [o.id]),
      opts.justPaid ? ([] as RefundRow[]) : orderRepo.refundsOf(executor, ctx.tenantId, [o.id]),
    ]);
    const rp = await orderRepo.refundPaymentsOf(executor, ctx.tenantId, refunds.map((r) => r.id));
    return presentOrder(o, lines, tenders, refunds, rp);
  }

  return {
    /** Modules that sell through orders register here once, at wiring time (services.ts). */
    registerLineHandler(handler: OrderLineHandler): void {
      if (deps.lineHandlers.has(handler.kind)) throw new Error(`order line kind ${handler.kind} registered twice`);
      deps.lineHandlers.set(handler.kind, handler);
    },
    registerHooks(hooks: OrderHooks): void {
      Object.assign(deps.hooks, hooks);
    },

    async quote(ctx: Ctx, req: Omit<CheckoutRequest, 'tenders'>): Promise<CheckoutQuote> {
      requirePermission(ctx, 'order.create');
      return quoteCheckout(deps, ctx, req);
    },

    /** Checkout, exactly once per Idempotency-Key. */
    async checkout(ctx: Ctx, req: CheckoutRequest): Promise<{ order: OrderView; replayed: boolean }> {
      requirePermission(ctx, 'order.create');
      const r = await inTransaction(database, (trx) => runIdempotent(trx, ctx, idem, () => commitCheckout(deps, trx, ctx, req)));
      return { order: await load(ctx, r.value, db, { justPaid: !r.replayed }), replayed: r.replayed };
    },

    async get(ctx: Ctx, orderId: string): Promise<OrderView> {
      requirePermission(ctx, 'order.read');
      return load(ctx, orderId);
    },

    async list(
      ctx: Ctx,
      f: { orderNo?: string; memberId?: string; storeId?: string; status?: OrderView['status']; from?: string; to?: string; cursor?: string; limit: number },
    ): Promise<Page<OrderView>> {
      requirePermission(ctx, 'order.read');
      if (f.storeId) requireStoreAccess(ctx, f.storeId);
      const cursor = decodeCursor(f.cursor);
      // Store codes keep the case they were given; a typed number matches as typed or upper-cased.
      const orderNos = f.orderNo ? [...new Set([f.orderNo, f.orderNo.toUpperCase()])] : undefined;
      const rows = await orderRepo.list(db, ctx.tenantId, { ...f, orderNos, storeIds: ctx.storeScope.all ? null : [...ctx.storeScope.storeIds], beforeId: cursor?.[0] as string | undefined });
      const page = toPage(rows, f.limit, (r) => [r.id]);
      const ids = page.items.map((o) => o.id);
      const [lines, tenders, refunds] = await Promise.all([orderRepo.linesOf(db, ctx.tenantId, ids), orderRepo.tendersOf(db, ctx.tenantId, ids), orderRepo.refundsOf(db, ctx.tenantId, ids)]);
      const rp = await orderRepo.refundPaymentsOf(db, ctx.tenantId, refunds.map((r) => r.id));
      return { nextCursor: page.nextCursor, items: page.items.map((o) => presentOrder(o, lines, tenders, refunds, rp)) };
    },

    async refundQuote(ctx: Ctx, orderId: string, req: RefundRequest): Promise<RefundQuote> {
      requirePermission(ctx, 'order.refund');
      return quoteRefund(deps, ctx, orderId, req);
    },

    async refund(ctx: Ctx, orderId: string, req: RefundRequest & { quoteToken: string }): Promise<{ order: OrderView; refundId: string; replayed: boolean }> {
      requirePermission(ctx, 'order.refund');
      const r = await inTransaction(database, (trx) => runIdempotent(trx, ctx, idem, () => commitRefund(deps, trx, ctx, orderId, req)));
      return { order: await load(ctx, orderId), refundId: r.value, replayed: r.replayed };
    },

    /**
     * Refund inside the caller's transaction (quoted and committed at once): for modules that
     * refund several orders as one act, e.g. a membership card paid by its sale and an upgrade.
     * The caller owns idempotency. Returns the refund id.
     */
    async refundWithin(trx: Tx, ctx: Ctx, orderId: string, req: RefundRequest): Promise<string> {
      requirePermission(ctx, 'order.refund');
      return refundInTransaction(deps, trx, ctx, orderId, req);
    },

    /** Pay out a member's stored value: principal back (minus the fee), bonus forfeited, as quoted. */
    async refundStoredValue(ctx: Ctx, memberId: string, req: { storeId: string; quoteToken: string; method: TenderMethod; reference?: string; reason?: string | null }): Promise<{ refund: RefundView; replayed: boolean }> {
      requirePermission(ctx, 'wallet.refund');
      requireStoreAccess(ctx, req.storeId);
      if (!MONEY_METHODS.includes(req.method)) throw OrderErrors.REFUND_METHOD_INVALID();
      const member = await deps.members.activeMember(db, ctx, memberId);
      if (!member) throw OrderErrors.ORDER_MEMBER_NOT_FOUND({ details: { memberId } });
      if (!(await deps.org.storeExists(ctx.tenantId, req.storeId))) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId: req.storeId } });
      const r = await inTransaction(database, (trx) =>
        runIdempotent(trx, ctx, idem, async () => {
          const now = deps.clock.now();
          const businessDate = await deps.businessDate(ctx.tenantId, now, trx);
          const [store] = await deps.org.storesByIds(ctx.tenantId, [req.storeId], trx);
          const seq = await orderRepo.nextNumber(trx, ctx.tenantId, req.storeId, businessDate, 'refund');
          const refundId = newId(ID_PREFIXES.refund);
          const refundNo = `R${store.code}-${businessDate.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
          const shiftId = (await deps.hooks.shiftFor?.(trx, ctx, req.storeId)) ?? null;
          const { quote, posting } = await deps.wallet.applyRefund(trx, ctx, { memberId, quoteToken: req.quoteToken, storeId: req.storeId, refundId });
          await orderRepo.insertRefund(trx, {
            tenant_id: ctx.tenantId,
            id: refundId,
            refund_no: refundNo,
            kind: 'stored_value',
            order_id: null,
            store_id: req.storeId,
            member_id: memberId,
            total: quote.refundAmount,
            money_total: quote.refundAmount,
            stored_value_total: quote.refundablePrincipal + quote.bonusForfeited,
            points_returned: 0,
            points_clawed_back: 0,
            points_shortfall_deduction: 0,
            reason: req.reason ?? null,
            quote_json: JSON.stringify(quote),
            shift_id: shiftId,
            created_by: ctx.actor.id,
            created_by_name: ctx.actor.name,
            business_date: businessDate,
            created_at: now.toISOString(),
          });
          if (quote.refundAmount > 0) {
            await orderRepo.insertRefundPayments(trx, [
              { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.refundPayment), refund_id: refundId, order_id: null, tender_id: null, method: req.method, amount: quote.refundAmount, points: 0, journal_id: posting.journalId },
            ]);
          }
          await deps.members.appendTimeline(trx, ctx, { memberId, kind: 'stored_value.refunded', refType: 'refund', refId: refundId, storeId: req.storeId, summary: { refundNo, amount: quote.refundAmount, bonusForfeited: quote.bonusForfeited, fee: quote.fee } });
          await deps.audit.record(trx, ctx, { action: 'wallet.refund', entityType: 'member', entityId: memberId, storeId: req.storeId, after: { refundId, refundNo, quote, method: req.method, reference: req.reference ?? null } });
          return refundId;
        }),
      );
      const row = (await orderRepo.refundById(db, ctx.tenantId, r.value))!;
      const payments = await orderRepo.refundPaymentsOf(db, ctx.tenantId, [row.id]);
      return { refund: presentRefund(row, payments), replayed: r.replayed };
    },
  };
}
