import type { Database, Executor, Tx } from '../../db/database';
import { toJson } from '../../db/dialect';
import { enqueueEvents } from '../../db/outbox';
import type { Clock } from '../../shared/clock';
import { type Ctx, hasPermission, requireStoreAccess } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { formatYuan } from '../../shared/money';
import type { AuditService } from '../audit';
import type { LedgerService } from '../ledger';
import { OrgErrors, type OrgService } from '../org';
import { PointsErrors, type PointsService, pointsForAmount } from '../points';
import type { TierService } from '../tier';
import type { WalletService } from '../wallet';
import { OrderErrors } from './order.errors';
import { type LineInput, type PricingResult, type TenderInput, checkTenders, priceOrder } from './order.pricing.rules';
import { allocatePayments } from './order.refund.rules';
import { orderRepo } from './order.repo';
import type { CheckoutQuote, CheckoutRequest, MemberDirectory, OrderHooks, OrderLineHandler } from './order.types';

const yuan = (fen: number) => `¥${formatYuan(fen)}`;

export interface CheckoutDeps {
  lineHandlers: Map<string, OrderLineHandler>;
  hooks: OrderHooks;
  database: Database;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  wallet: WalletService;
  points: PointsService;
  tier: TierService;
  ledger: LedgerService;
  members: MemberDirectory;
  businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string>;
}

interface ResolvedLine extends LineInput {
  itemId: string | null;
  meta: Record<string, unknown>;
}

interface PricedBasket {
  store: { code: string };
  member: { id: string; name: string; memberNo: string; referrerMemberId?: string | null } | null;
  lines: ResolvedLine[];
  pricing: PricingResult;
  tier: { tierId: string | null; name: string | null; discountBp: number; pointsMultiplierBp: number };
  pointsHeld: number;
  pointsToEarn: number;
  fenPerPoint: number;
  pointsStep: number;
}

/** Resolve lines, member, tier and points, and run the price pipeline (no side effects). */
export async function priceBasket(deps: CheckoutDeps, trx: Executor, ctx: Ctx, req: Omit<CheckoutRequest, 'tenders'>, opts: { lockPoints: boolean }): Promise<PricedBasket> {
  if (!req.lines.length) throw OrderErrors.ORDER_EMPTY();
  requireStoreAccess(ctx, req.storeId);
  const [store] = await deps.org.storesByIds(ctx.tenantId, [req.storeId], trx);
  if (!store) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId: req.storeId } });
  if (!store.isActive) throw OrgErrors.STORE_INACTIVE({ details: { storeId: req.storeId } });
  const member = req.memberId ? await deps.members.activeMember(trx, ctx, req.memberId) : null;
  if (req.memberId && !member) throw OrderErrors.ORDER_MEMBER_NOT_FOUND({ details: { memberId: req.memberId } });

  const lines: ResolvedLine[] = [];
  for (const l of req.lines) {
    if (l.kind === 'recharge') {
      if (!member) throw OrderErrors.ORDER_MEMBER_REQUIRED({ params: { what: ctx.locale === 'en' ? 'A recharge' : '充值' } });
      const pkg = await deps.wallet.packageForSale(trx, ctx.tenantId, l.packageId);
      lines.push({
        kind: 'recharge',
        name: pkg.name,
        quantity: l.quantity ?? 1,
        unitPrice: pkg.price,
        isTierDiscountable: false,
        isPointsPayable: false,
        isStoredValuePayable: false,
        isSpend: false,
        itemId: pkg.id,
        meta: { principal: pkg.credit.principal, bonus: pkg.credit.bonus, bonusPoints: pkg.bonusPoints },
      });
    } else if (l.kind !== 'custom') {
      const handler = deps.lineHandlers.get(l.kind);
      if (!handler) throw OrderErrors.ORDER_LINE_KIND_UNSUPPORTED({ params: { kind: l.kind } });
      if (l.unitPrice !== undefined && !hasPermission(ctx, 'order.customPrice')) throw OrderErrors.ORDER_CUSTOM_PRICE_FORBIDDEN({ details: { permission: 'order.customPrice' } });
      const item = await handler.resolve(trx, ctx, { itemId: l.itemId, quantity: l.quantity, unitPrice: l.unitPrice, options: l.options, storeId: req.storeId, memberId: member?.id ?? null });
      lines.push({ kind: l.kind, name: item.name, quantity: l.quantity, unitPrice: item.unitPrice, isTierDiscountable: item.isTierDiscountable, isPointsPayable: item.isPointsPayable, isStoredValuePayable: item.isStoredValuePayable, isSpend: item.isSpend, itemId: l.itemId, meta: item.meta });
    } else {
      if (!hasPermission(ctx, 'order.customPrice')) throw OrderErrors.ORDER_CUSTOM_PRICE_FORBIDDEN({ details: { permission: 'order.customPrice' } });
      lines.push({
        kind: 'custom',
        name: l.name,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        isTierDiscountable: l.isTierDiscountable ?? true,
        isPointsPayable: true,
        isStoredValuePayable: true,
        isSpend: true,
        itemId: null,
        meta: {},
      });
    }
  }

  const tier = member ? await deps.tier.benefits(trx, ctx.tenantId, member.id) : { tierId: null, name: null, discountBp: 0, pointsMultiplierBp: 10_000 };
  const pSettings = await deps.points.settings(trx, ctx.tenantId);
  const pointsHeld = member ? (opts.lockPoints ? await deps.points.available(trx, ctx, member.id) : (await deps.points.summary(trx, ctx.tenantId, member.id)).available) : 0;
  if ((req.pointsToUse ?? 0) > 0 && !member) throw OrderErrors.ORDER_MEMBER_REQUIRED({ params: { what: ctx.locale === 'en' ? 'Paying with points' : '积分抵扣' } });
  const priced = priceOrder({
    lines,
    tierDiscountBp: tier.discountBp,
    tierName: tier.name,
    couponDiscount: 0,
    points: member ? { requested: req.pointsToUse ?? 0, held: pointsHeld, rule: deps.points.redemptionRule(pSettings) } : null,
  });
  if (!priced.ok) {
    const p = priced.problem;
    if (p.code === 'POINTS_OVER_CAP') throw PointsErrors.POINTS_OVER_CAP({ params: { maxPoints: p.maxPoints }, details: { path: 'pointsToUse', maxPoints: p.maxPoints } });
    if (p.code === 'POINTS_STEP') throw PointsErrors.POINTS_STEP({ params: { step: p.step }, details: { path: 'pointsToUse' } });
    throw PointsErrors.POINTS_INSUFFICIENT({ params: { available: p.held, required: req.pointsToUse }, details: { path: 'pointsToUse', available: p.held } });
  }
  const earnBase = priced.result.spendBase + (pSettings.earnOnRecharge ? priced.result.rechargeTotal : 0);
  const pointsToEarn = member ? pointsForAmount(earnBase, deps.points.earnRule(pSettings), tier.pointsMultiplierBp) : 0;
  return { store, member, lines, pricing: priced.result, tier, pointsHeld, pointsToEarn, fenPerPoint: pSettings.fenPerPoint, pointsStep: Math.max(1, pSettings.redeemStep) };
}

/** Where a line's unit price came from (catalogue handlers record it in the line's meta). */
function linePriceOrigin(l: ResolvedLine): { listUnitPrice: number; priceSource: 'list' | 'member' | 'override' } {
  const m = l.meta as { listPrice?: unknown; priceSource?: unknown };
  const source = m.priceSource === 'member' || m.priceSource === 'override' ? m.priceSource : 'list';
  return { listUnitPrice: typeof m.listPrice === 'number' ? m.listPrice : l.unitPrice, priceSource: source };
}

export async function quoteCheckout(deps: CheckoutDeps, ctx: Ctx, req: Omit<CheckoutRequest, 'tenders'>): Promise<CheckoutQuote> {
  const b = await priceBasket(deps, deps.database.db, ctx, req, { lockPoints: false });
  const sv = b.member ? await deps.wallet.balances(deps.database.db, ctx.tenantId, b.member.id) : null;
  const maxPoints = (b.pricing.steps.find((s) => s.step === 'points') as { maxPoints: number } | undefined)?.maxPoints ?? 0;
  return {
    memberId: b.member?.id ?? null,
    tier: { id: b.tier.tierId, name: b.tier.name, discountBp: b.tier.discountBp, pointsMultiplierBp: b.tier.pointsMultiplierBp },
    lines: b.lines.map((l, i) => ({
      name: l.name,
      kind: l.kind,
      itemId: l.itemId,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      ...linePriceOrigin(l),
      ...b.pricing.lines[i],
    })),
    steps: b.pricing.steps,
    pointsRule: { fenPerPoint: b.fenPerPoint, step: b.pointsStep },
    listTotal: b.pricing.listTotal,
    payable: b.pricing.payable,
    storedValueLimit: b.pricing.storedValueLimit,
    maxPoints,
    pointsToEarn: b.pointsToEarn,
    balances: sv ? { storedValue: sv.available, points: b.pointsHeld } : null,
  };
}

/** Take the payment: one transaction that writes the order and moves every asset it touches. */
export async function commitCheckout(deps: CheckoutDeps, trx: Tx, ctx: Ctx, req: CheckoutRequest): Promise<string> {
  const b = await priceBasket(deps, trx, ctx, req, { lockPoints: true });
  const tenders: TenderInput[] = req.tenders.map((t) => ({ method: t.method, amount: t.amount, tendered: t.tendered, reference: t.reference }));
  if (tenders.some((t) => t.method === 'stored_value') && !b.member) throw OrderErrors.ORDER_MEMBER_REQUIRED({ params: { what: ctx.locale === 'en' ? 'Paying with stored value' : '储值支付' } });
  const checked = checkTenders(b.pricing.payable, b.pricing.storedValueLimit, tenders);
  if ('problem' in checked) {
    const p = checked.problem;
    switch (p.code) {
      case 'TENDERS_MISMATCH':
        throw OrderErrors.ORDER_TENDERS_MISMATCH({ params: { tendered: yuan(p.tendered), payable: yuan(p.payable) }, details: { path: 'tenders', payable: p.payable, tendered: p.tendered } });
      case 'STORED_VALUE_NOT_ALLOWED':
        throw OrderErrors.ORDER_STORED_VALUE_NOT_ALLOWED({ params: { limit: yuan(p.limit) }, details: { path: 'tenders', limit: p.limit } });
      case 'CASH_TENDERED_SHORT':
        throw OrderErrors.ORDER_CASH_TENDERED_SHORT({ details: { path: `tenders.${p.index}.tendered` } });
      case 'TENDERED_ONLY_CASH':
        throw OrderErrors.ORDER_TENDERED_ONLY_CASH({ details: { path: `tenders.${p.index}.tendered` } });
      default:
        throw OrderErrors.ORDER_REFERENCE_REQUIRED({ details: { path: `tenders.${p.index}.reference` } });
    }
  }

  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const businessDate = await deps.businessDate(ctx.tenantId, now, trx);
  const shiftId = (await deps.hooks.shiftFor?.(trx, ctx, req.storeId)) ?? null;
  const orderId = newId(ID_PREFIXES.order);
  const p = b.pricing;
  // The order number is the store's per-day counter, gap-free (it rolls back with the order). Its
  // row serialises a store's tills until commit (on PostgreSQL), so it is taken last: the order is
  // written under its id as a stand-in number and numbered at the end, together with its points.
  await orderRepo.insertOrder(trx, {
    tenant_id: ctx.tenantId,
    id: orderId,
    order_no: orderId,
    store_id: req.storeId,
    member_id: b.member?.id ?? null,
    status: 'paid',
    list_total: p.listTotal,
    tier_discount: p.tierDiscount,
    coupon_discount: p.couponDiscount,
    points_used: p.pointsUsed,
    points_value: p.pointsValue,
    payable: p.payable,
    change_given: checked.change,
    spend_base: p.spendBase,
    recharge_total: p.rechargeTotal,
    refunded_total: 0,
    points_earned: 0,
    points_earn_journal_id: null,
    pricing_json: toJson({ steps: p.steps, tier: b.tier }),
    note: req.note ?? null,
    shift_id: shiftId,
    created_by: ctx.actor.id,
    created_by_name: ctx.actor.name,
    business_date: businessDate,
    created_at: nowIso,
  });

  // Recharges credit first, so each line is written knowing its credit (a refund takes exactly that back).
  const lineMeta: Record<string, unknown>[] = b.lines.map((l) => ({ ...l.meta, isStoredValuePayable: l.isStoredValuePayable, isPointsPayable: l.isPointsPayable }));
  let bonusPoints = 0;
  for (const [i, l] of b.lines.entries()) {
    if (l.kind !== 'recharge') continue;
    const per = l.meta as { principal: number; bonus: number; bonusPoints: number };
    const posting = await deps.wallet.creditRecharge(trx, ctx, {
      memberId: b.member!.id,
      orderId,
      storeId: req.storeId,
      credit: { principal: per.principal * l.quantity, bonus: per.bonus * l.quantity },
      packageName: l.name,
    });
    lineMeta[i] = { ...l.meta, journalId: posting.journalId, isStoredValuePayable: false, isPointsPayable: false };
    bonusPoints += (per.bonusPoints ?? 0) * l.quantity;
  }
  const lineIds = b.lines.map(() => newId(ID_PREFIXES.orderLine));
  await orderRepo.insertLines(
    trx,
    b.lines.map((l, i) => ({
      tenant_id: ctx.tenantId,
      id: lineIds[i],
      order_id: orderId,
      line_no: i + 1,
      kind: l.kind,
      item_id: l.itemId,
      name: l.name,
      quantity: l.quantity,
      unit_price: l.unitPrice,
      list_total: p.lines[i].listTotal,
      tier_discount: p.lines[i].tierDiscount,
      coupon_discount: p.lines[i].couponDiscount,
      points_discount: p.lines[i].pointsDiscount,
      net_total: p.lines[i].netTotal,
      is_spend: l.isSpend,
      refunded_quantity: 0,
      refunded_amount: 0,
      meta_json: toJson(lineMeta[i]),
    })),
  );

  // Tenders: money and stored value as given, points as their own tender. Stored value and points
  // move first, so each tender is written with its journal.
  const allTenders = [
    ...tenders.map((t) => ({ method: t.method as string, amount: t.amount, tendered: t.tendered ?? null, change: t.tendered !== undefined ? t.tendered - t.amount : 0, reference: t.reference ?? null, points: 0 })),
    ...(p.pointsUsed > 0 ? [{ method: 'points', amount: p.pointsValue, tendered: null, change: 0, reference: null, points: p.pointsUsed }] : []),
  ].filter((t) => t.amount > 0);
  const journalIds: (string | null)[] = [];
  for (const t of allTenders) {
    if (t.method === 'stored_value') {
      const { posting } = await deps.wallet.spend(trx, ctx, { memberId: b.member!.id, orderId, storeId: req.storeId, amount: t.amount });
      journalIds.push(posting.journalId);
    } else if (t.method === 'points') {
      const posting = await deps.points.redeem(trx, ctx, { memberId: b.member!.id, orderId, storeId: req.storeId, points: t.points });
      journalIds.push(posting.journalId);
    } else journalIds.push(null);
  }
  const tenderIds = allTenders.map(() => newId(ID_PREFIXES.orderTender));
  await orderRepo.insertTenders(
    trx,
    allTenders.map((t, i) => ({
      tenant_id: ctx.tenantId,
      id: tenderIds[i],
      order_id: orderId,
      method: t.method,
      amount: t.amount,
      tendered: t.tendered,
      change_given: t.change,
      reference: t.reference,
      points: t.points,
      journal_id: journalIds[i],
      refunded_amount: 0,
    })),
  );
  const payments = allocatePayments(
    b.lines,
    p.lines,
    allTenders.map((t, i) => ({ key: i, method: t.method as never, amount: t.amount })),
  );
  await orderRepo.insertPayments(
    trx,
    payments.map((x) => ({ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.orderPayment), order_id: orderId, line_id: lineIds[x.line], tender_id: tenderIds[x.tender], method: allTenders[x.tender].method, amount: x.amount, refunded_amount: 0 })),
  );

  let earned: { journalId: string } | null = null;
  if (b.member) {
    earned = await deps.points.earn(trx, ctx, { memberId: b.member.id, orderId, storeId: req.storeId, points: b.pointsToEarn });
    if (bonusPoints > 0) await deps.points.grantForEvent(trx, ctx, { memberId: b.member.id, points: bonusPoints, reason: 'recharge bonus', refType: 'order', refId: orderId });
    await deps.tier.recordMetrics(trx, ctx, b.member.id, [
      { metric: 'spend', amount: p.spendBase, orderId },
      { metric: 'single_order', amount: p.spendBase, orderId },
      { metric: 'recharge', amount: p.rechargeTotal, orderId },
      { metric: 'points', amount: earned ? b.pointsToEarn : 0, orderId },
    ]);
    await deps.hooks.afterPaid?.(trx, ctx, { orderId, memberId: b.member.id, storeId: req.storeId, spendBase: p.spendBase, referrerMemberId: b.member.referrerMemberId });
  }

  const seq = await orderRepo.nextNumber(trx, ctx.tenantId, req.storeId, businessDate, 'order');
  const orderNo = `${b.store.code}-${businessDate.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
  await orderRepo.setNumberAndEarned(trx, ctx.tenantId, orderId, orderNo, earned ? b.pointsToEarn : 0, earned?.journalId ?? null);

  // Hand catalogue lines to their modules (stock out, card issued …); they may add to the line's meta.
  for (const [i, l] of b.lines.entries()) {
    const handler = deps.lineHandlers.get(l.kind);
    if (!handler) continue;
    const extra = await handler.fulfil(trx, ctx, { orderId, orderNo, lineId: lineIds[i], itemId: l.itemId!, quantity: l.quantity, netTotal: p.lines[i].netTotal + p.lines[i].pointsDiscount, storeId: req.storeId, memberId: b.member?.id ?? null, meta: l.meta });
    if (extra && Object.keys(extra).length) await orderRepo.setLineMeta(trx, ctx.tenantId, lineIds[i], toJson({ ...l.meta, ...extra, isStoredValuePayable: l.isStoredValuePayable, isPointsPayable: l.isPointsPayable }));
  }
  if (b.member) {
    await deps.members.appendTimeline(trx, ctx, {
      memberId: b.member.id,
      kind: 'order.paid',
      refType: 'order',
      refId: orderId,
      storeId: req.storeId,
      summary: { orderNo, payable: p.payable, lines: b.lines.map((l) => l.name).slice(0, 5) },
    });
  }
  await enqueueEvents(trx, ctx.tenantId, nowIso, [{ topic: 'order.paid', payload: { orderId, orderNo, memberId: b.member?.id ?? null, storeId: req.storeId, payable: p.payable } }]);
  await deps.audit.record(trx, ctx, {
    action: 'order.create',
    entityType: 'order',
    entityId: orderId,
    storeId: req.storeId,
    after: { orderNo, memberId: b.member?.id ?? null, payable: p.payable, tenders: allTenders.map((t) => ({ method: t.method, amount: t.amount })) },
  });
  return orderId;
}
