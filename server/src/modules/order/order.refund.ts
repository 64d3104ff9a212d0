import type { Executor, Tx } from '../../db/database';
import { toJson } from '../../db/dialect';
import { enqueueEvents } from '../../db/outbox';
import { type Ctx, requireStoreAccess } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { allocate } from '../../shared/money';
import { sha256Hex } from '../../shared/secrets';
import { proportionalPoints } from '../points';
import type { CheckoutDeps } from './order.checkout';
import { OrderErrors } from './order.errors';
import { quoteLineRefund } from './order.refund.rules';
import { type OrderRow, orderRepo } from './order.repo';
import type { TenderMethod } from './order.pricing.rules';

/**
 * Refunds go back to the original tenders, line by line: money to its method (or cash, when the
 * desk chooses), stored value to principal and bonus as it was drawn, points to the lots they
 * came from; the recharge a refunded line credited is taken back; points the order earned are
 * clawed back — what the member already used of them is deducted from the money refund, shown
 * in the quote. Tier metrics go down (no downgrade before the period ends).
 */
export interface RefundRequest {
  lines: { lineId: string; quantity: number }[];
  moneyMethod?: 'original' | 'cash';
  reason?: string | null;
}

export interface RefundQuote {
  orderId: string;
  lines: { lineId: string; name: string; quantity: number; amount: number }[];
  total: number;
  money: { tenderId: string; method: string; amount: number }[];
  storedValue: { tenderId: string; principal: number; bonus: number }[];
  pointsReturned: number;
  rechargeTakenBack: { principal: number; bonus: number };
  pointsClawback: number;
  pointsShortfall: number;
  shortfallDeduction: number;
  moneyTotal: number;
  storedValueTotal: number;
  /** Lines whose refund is limited by their module (e.g. a card's refund formula), with the breakdown. */
  limits: { lineId: string; amount: number; breakdown: Record<string, unknown> }[];
  quoteToken: string;
}

interface Plan extends Omit<RefundQuote, 'quoteToken'> {
  order: OrderRow;
  points: { tenderId: string; points: number; redeemEntryId: string }[];
  svEntries: { tenderId: string; principalEntryId?: string; bonusEntryId?: string }[];
  recharge: { lineId: string; principal: number; bonus: number; principalEntryId?: string; bonusEntryId?: string }[];
  spendRefunded: number;
  rechargeRefunded: number;
  payments: { paymentId: string; tenderId: string; lineId: string; amount: number }[];
  lineRefunds: { lineId: string; quantity: number; amount: number }[];
  fenPerPoint: number;
  earnEntryId: string | null;
}

async function plan(deps: CheckoutDeps, trx: Executor, ctx: Ctx, order: OrderRow, req: RefundRequest): Promise<Plan> {
  const [lines, payments, tenders, refunds] = await Promise.all([
    orderRepo.linesOf(trx, ctx.tenantId, [order.id]),
    orderRepo.paymentsOf(trx, ctx.tenantId, order.id),
    orderRepo.tendersOf(trx, ctx.tenantId, [order.id]),
    orderRepo.refundsOf(trx, ctx.tenantId, [order.id]),
  ]);
  // Catalogue lines may limit what their refund returns (e.g. a partly used card).
  const caps = new Map<string, number>();
  const limits: RefundQuote['limits'] = [];
  for (const r of req.lines) {
    const line = lines.find((l) => l.id === r.lineId);
    const handler = line ? deps.lineHandlers.get(line.kind) : undefined;
    if (!line || !handler?.refundLimit) continue;
    const paid = line.net_total + line.points_discount - line.refunded_amount;
    const limit = await handler.refundLimit(trx, ctx, { orderId: order.id, lineId: line.id, itemId: line.item_id!, quantity: r.quantity, paid, storeId: order.store_id, memberId: order.member_id, meta: line.meta_json });
    if (limit) {
      caps.set(line.id, Math.max(0, Math.min(limit.amount, paid)));
      limits.push({ lineId: line.id, amount: Math.max(0, Math.min(limit.amount, paid)), breakdown: limit.breakdown });
    }
  }
  const q = quoteLineRefund(
    lines.map((l) => ({ id: l.id, quantity: l.quantity, refundedQuantity: l.refunded_quantity, netTotal: l.net_total + l.points_discount, refundedAmount: l.refunded_amount, isSpend: l.is_spend })),
    payments.map((p) => ({ lineId: p.line_id, tenderId: p.tender_id, method: p.method as TenderMethod, amount: p.amount, refundedAmount: p.refunded_amount })),
    req.lines,
    caps,
  );
  if (!q.ok) {
    const p = q.problem;
    if (p.code === 'REFUND_EMPTY') throw OrderErrors.REFUND_EMPTY();
    if (p.code === 'REFUND_LINE_UNKNOWN') throw OrderErrors.REFUND_LINE_UNKNOWN({ details: { path: 'lines', lineId: p.lineId } });
    throw OrderErrors.REFUND_QUANTITY_EXCEEDED({ params: { refundable: p.refundable }, details: { path: 'lines', lineId: p.lineId, refundable: p.refundable } });
  }
  if (req.moneyMethod && !['original', 'cash'].includes(req.moneyMethod)) throw OrderErrors.REFUND_METHOD_INVALID();

  // Per payment (line × tender) shares, then per tender.
  const paymentShares: Plan['payments'] = [];
  for (const share of q.payments) {
    const pay = payments.find((p) => p.line_id === share.lineId && p.tender_id === share.tenderId)!;
    paymentShares.push({ paymentId: pay.id, tenderId: share.tenderId, lineId: share.lineId, amount: share.amount });
  }
  const byTender = new Map<string, number>();
  for (const s of paymentShares) byTender.set(s.tenderId, (byTender.get(s.tenderId) ?? 0) + s.amount);

  const journals = await deps.ledger.journalsOfOrder(trx, ctx.tenantId, order.id);
  const entries = await deps.ledger.entriesOfJournals(trx, ctx.tenantId, journals.map((j) => j.id));
  const referred = await deps.ledger.referredSums(trx, ctx.tenantId, entries.map((e) => e.id));

  const money: RefundQuote['money'] = [];
  const storedValue: RefundQuote['storedValue'] = [];
  const svEntries: Plan['svEntries'] = [];
  const points: Plan['points'] = [];
  for (const t of tenders) {
    const amount = byTender.get(t.id) ?? 0;
    if (amount <= 0) continue;
    const finalForTender = t.refunded_amount + amount === t.amount;
    if (t.method === 'stored_value') {
      const je = entries.filter((e) => e.journal_id === t.journal_id);
      const pe = je.find((e) => e.kind === 'sv_principal');
      const be = je.find((e) => e.kind === 'sv_bonus');
      const origP = -(pe?.amount ?? 0);
      const origB = -(be?.amount ?? 0);
      const leftP = origP - (pe ? (referred.get(pe.id) ?? 0) : 0);
      const leftB = origB - (be ? (referred.get(be.id) ?? 0) : 0);
      let principal: number;
      let bonus: number;
      if (finalForTender) {
        principal = leftP;
        bonus = leftB;
      } else {
        [principal, bonus] = allocate(amount, [origP, origB]);
        if (principal > leftP) [principal, bonus] = [leftP, amount - leftP];
        if (bonus > leftB) [principal, bonus] = [amount - leftB, leftB];
      }
      storedValue.push({ tenderId: t.id, principal, bonus });
      svEntries.push({ tenderId: t.id, principalEntryId: pe?.id, bonusEntryId: be?.id });
    } else if (t.method === 'points') {
      const e = entries.find((x) => x.journal_id === t.journal_id && x.kind === 'points');
      const used = t.points;
      const restored = e ? (referred.get(e.id) ?? 0) : 0;
      const pts = finalForTender ? used - restored : Math.min(used - restored, proportionalPoints(used, amount, t.amount));
      points.push({ tenderId: t.id, points: pts, redeemEntryId: e!.id });
    } else {
      const method = req.moneyMethod === 'cash' ? 'cash' : t.method;
      money.push({ tenderId: t.id, method, amount });
    }
  }

  // Recharges to take back.
  const recharge: Plan['recharge'] = [];
  const rechargeJournals = journals.filter((j) => j.kind === 'recharge');
  for (const l of q.lines) {
    const line = lines.find((x) => x.id === l.lineId)!;
    if (line.kind !== 'recharge') continue;
    const meta = line.meta_json as { principal: number; bonus: number; journalId?: string };
    const j = rechargeJournals.find((x) => x.id === meta.journalId);
    const je = entries.filter((e) => e.journal_id === j?.id);
    recharge.push({
      lineId: line.id,
      principal: meta.principal * l.quantity,
      bonus: meta.bonus * l.quantity,
      principalEntryId: je.find((e) => e.kind === 'sv_principal')?.id,
      bonusEntryId: je.find((e) => e.kind === 'sv_bonus')?.id,
    });
  }

  // Points the order earned, in proportion to the spend refunded.
  const alreadyClawed = refunds.reduce((s, r) => s + r.points_clawed_back, 0);
  const allSpendRefunded = lines.every((l) => !l.is_spend || l.refunded_quantity + (q.lines.find((x) => x.lineId === l.id)?.quantity ?? 0) === l.quantity);
  const earnedLeft = order.points_earned - alreadyClawed;
  // Same basis as earning: what spend lines cost net of points.
  const spendRefunded = paymentShares
    .filter((s) => lines.find((l) => l.id === s.lineId)?.is_spend && tenders.find((t) => t.id === s.tenderId)?.method !== 'points')
    .reduce((sum, s) => sum + s.amount, 0);
  const clawback = order.points_earned <= 0 ? 0 : allSpendRefunded ? earnedLeft : Math.min(earnedLeft, proportionalPoints(order.points_earned, spendRefunded, order.spend_base));
  const pSettings = await deps.points.settings(trx, ctx.tenantId);
  let shortfall = 0;
  if (clawback > 0 && order.member_id) {
    const summary = await deps.points.summary(trx, ctx.tenantId, order.member_id);
    const pendingHere = summary.pendingAwards.filter((a) => a.orderId === order.id).reduce((s, a) => s + a.points, 0);
    // The refund gives the points it was paid with back first (commitRefund restores, then claws
    // back): those count as held, or the quote would promise a shortfall the refund does not find.
    const restored = points.reduce((s, p) => s + p.points, 0);
    shortfall = Math.max(0, clawback - Math.min(clawback, pendingHere) - summary.available - restored);
  }
  const moneyTotalBefore = money.reduce((s, m) => s + m.amount, 0);
  const svTotalBefore = storedValue.reduce((s, m) => s + m.principal, 0);
  const shortfallDeduction = Math.min(shortfall * pSettings.fenPerPoint, moneyTotalBefore + svTotalBefore);
  // The deduction comes off money first (last tenders first), then stored-value principal.
  let toDeduct = shortfallDeduction;
  for (const m of [...money].reverse()) {
    const d = Math.min(m.amount, toDeduct);
    m.amount -= d;
    toDeduct -= d;
  }
  for (const sv of [...storedValue].reverse()) {
    const d = Math.min(sv.principal, toDeduct);
    sv.principal -= d;
    toDeduct -= d;
  }
  const rechargeTakenBack = recharge.reduce((s, r) => ({ principal: s.principal + r.principal, bonus: s.bonus + r.bonus }), { principal: 0, bonus: 0 });
  return {
    order,
    orderId: order.id,
    lines: q.lines.map((l) => ({ lineId: l.lineId, name: lines.find((x) => x.id === l.lineId)!.name, quantity: l.quantity, amount: l.amount })),
    total: q.total,
    money: money.filter((m) => m.amount > 0),
    storedValue,
    pointsReturned: points.reduce((s, p) => s + p.points, 0),
    rechargeTakenBack,
    pointsClawback: clawback,
    pointsShortfall: shortfall,
    shortfallDeduction,
    moneyTotal: money.reduce((s, m) => s + m.amount, 0),
    storedValueTotal: storedValue.reduce((s, v) => s + v.principal + v.bonus, 0),
    limits,
    points,
    svEntries,
    recharge,
    spendRefunded,
    rechargeRefunded: q.lines.filter((l) => lines.find((x) => x.id === l.lineId)?.kind === 'recharge').reduce((s, l) => s + l.amount, 0),
    payments: paymentShares,
    lineRefunds: q.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity, amount: l.amount })),
    fenPerPoint: pSettings.fenPerPoint,
    earnEntryId: order.points_earn_journal_id ? (entries.find((e) => e.journal_id === order.points_earn_journal_id)?.id ?? null) : null,
  };
}

function tokenOf(p: Plan): string {
  return sha256Hex(
    JSON.stringify([p.orderId, p.order.refunded_total, p.lines, p.money, p.storedValue, p.pointsReturned, p.rechargeTakenBack, p.pointsClawback, p.pointsShortfall, p.shortfallDeduction, p.limits]),
  ).slice(0, 32);
}

function present(p: Plan): RefundQuote {
  return {
    orderId: p.orderId,
    lines: p.lines,
    total: p.total,
    money: p.money,
    storedValue: p.storedValue,
    pointsReturned: p.pointsReturned,
    rechargeTakenBack: p.rechargeTakenBack,
    pointsClawback: p.pointsClawback,
    pointsShortfall: p.pointsShortfall,
    shortfallDeduction: p.shortfallDeduction,
    moneyTotal: p.moneyTotal,
    storedValueTotal: p.storedValueTotal,
    limits: p.limits,
    quoteToken: tokenOf(p),
  };
}

async function loadOrder(trx: Executor, ctx: Ctx, orderId: string, lock: boolean, deps: CheckoutDeps): Promise<OrderRow> {
  const o = lock ? await orderRepo.lockById(trx, deps.database.dialect, ctx.tenantId, orderId) : await orderRepo.byId(trx, ctx.tenantId, orderId);
  if (!o) throw OrderErrors.ORDER_NOT_FOUND({ details: { orderId } });
  requireStoreAccess(ctx, o.store_id);
  return o;
}

export async function quoteRefund(deps: CheckoutDeps, ctx: Ctx, orderId: string, req: RefundRequest): Promise<RefundQuote> {
  const order = await loadOrder(deps.database.db, ctx, orderId, false, deps);
  return present(await plan(deps, deps.database.db, ctx, order, req));
}

/**
 * Quote and refund at once inside the caller's transaction, for a module that refunds several
 * orders as one act (a card paid by its sale and an upgrade). The order is locked first, so the
 * quote cannot go stale between the two; the caller owns idempotency.
 */
export async function refundInTransaction(deps: CheckoutDeps, trx: Tx, ctx: Ctx, orderId: string, req: RefundRequest): Promise<string> {
  const order = await loadOrder(trx, ctx, orderId, true, deps);
  if (order.member_id) await deps.ledger.lock(trx, ctx, order.member_id, [{ kind: 'points' }, { kind: 'points_pending' }, { kind: 'sv_principal' }, { kind: 'sv_bonus' }]);
  const quoteToken = tokenOf(await plan(deps, trx, ctx, order, req));
  return commitRefund(deps, trx, ctx, orderId, { ...req, quoteToken });
}

export async function commitRefund(deps: CheckoutDeps, trx: Tx, ctx: Ctx, orderId: string, req: RefundRequest & { quoteToken: string }): Promise<string> {
  const order = await loadOrder(trx, ctx, orderId, true, deps);
  if (order.member_id) await deps.ledger.lock(trx, ctx, order.member_id, [{ kind: 'points' }, { kind: 'points_pending' }, { kind: 'sv_principal' }, { kind: 'sv_bonus' }]);
  const p = await plan(deps, trx, ctx, order, req);
  if (tokenOf(p) !== req.quoteToken) throw OrderErrors.REFUND_QUOTE_STALE({ details: { quote: present(p) } });

  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const businessDate = await deps.businessDate(ctx.tenantId, now, trx);
  const [store] = await deps.org.storesByIds(ctx.tenantId, [order.store_id], trx);
  const seq = await orderRepo.nextNumber(trx, ctx.tenantId, order.store_id, businessDate, 'refund');
  const refundId = newId(ID_PREFIXES.refund);
  const refundNo = `R${store.code}-${businessDate.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
  const memberId = order.member_id;
  const refundPayments: { tender_id: string | null; method: string; amount: number; points: number; journal_id: string | null }[] = [];

  // Take back refunded recharges first: if they were spent, nothing else happens.
  for (const r of p.recharge) {
    try {
      await deps.wallet.takeBackRecharge(trx, ctx, { memberId: memberId!, orderId, storeId: order.store_id, refundId, parts: { principal: r.principal, bonus: r.bonus }, principalEntryId: r.principalEntryId, bonusEntryId: r.bonusEntryId });
    } catch (err) {
      if ((err as { code?: string }).code === 'INSUFFICIENT_BALANCE') throw OrderErrors.REFUND_RECHARGE_SPENT();
      throw err;
    }
  }
  for (const sv of p.storedValue) {
    if (sv.principal + sv.bonus <= 0) continue;
    const e = p.svEntries.find((x) => x.tenderId === sv.tenderId)!;
    const posting = await deps.wallet.restitute(trx, ctx, { memberId: memberId!, orderId, storeId: order.store_id, refundId, parts: { principal: sv.principal, bonus: sv.bonus }, principalEntryId: e.principalEntryId, bonusEntryId: e.bonusEntryId });
    refundPayments.push({ tender_id: sv.tenderId, method: 'stored_value', amount: sv.principal + sv.bonus, points: 0, journal_id: posting.journalId });
  }
  for (const pt of p.points) {
    if (pt.points <= 0) continue;
    const posting = await deps.points.restore(trx, ctx, { memberId: memberId!, orderId, storeId: order.store_id, refundId, points: pt.points, redeemEntryId: pt.redeemEntryId });
    refundPayments.push({ tender_id: pt.tenderId, method: 'points', amount: 0, points: pt.points, journal_id: posting?.journalId ?? null });
  }
  let recovered = 0;
  if (p.pointsClawback > 0 && memberId && p.earnEntryId) {
    const r = await deps.points.clawback(trx, ctx, { memberId, orderId, storeId: order.store_id, refundId, points: p.pointsClawback, earnEntryId: p.earnEntryId });
    recovered = r.recovered;
    if (r.shortfall !== p.pointsShortfall) throw OrderErrors.REFUND_QUOTE_STALE();
  }
  for (const m of p.money) refundPayments.push({ tender_id: m.tenderId, method: m.method, amount: m.amount, points: 0, journal_id: null });

  // Catalogue lines: their module undoes the fulfilment for the refunded quantity (stock back, card refunded).
  const orderLines = await orderRepo.linesOf(trx, ctx.tenantId, [orderId]);
  for (const l of p.lineRefunds) {
    const line = orderLines.find((x) => x.id === l.lineId)!;
    const handler = deps.lineHandlers.get(line.kind);
    if (handler) await handler.refund(trx, ctx, { orderId, refundId, lineId: line.id, itemId: line.item_id!, quantity: l.quantity, amount: l.amount, storeId: order.store_id, memberId, meta: line.meta_json });
  }
  const shiftId = (await deps.hooks.shiftFor?.(trx, ctx, order.store_id)) ?? null;

  await orderRepo.insertRefund(trx, {
    tenant_id: ctx.tenantId,
    id: refundId,
    refund_no: refundNo,
    kind: 'order',
    order_id: orderId,
    store_id: order.store_id,
    member_id: memberId,
    total: p.total,
    money_total: p.moneyTotal,
    stored_value_total: p.storedValueTotal,
    points_returned: p.pointsReturned,
    points_clawed_back: p.pointsClawback,
    points_shortfall_deduction: p.shortfallDeduction,
    reason: req.reason ?? null,
    quote_json: toJson(present(p)),
    shift_id: shiftId,
    created_by: ctx.actor.id,
    created_by_name: ctx.actor.name,
    business_date: businessDate,
    created_at: nowIso,
  });
  await orderRepo.insertRefundPayments(trx, refundPayments.map((r) => ({ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.refundPayment), refund_id: refundId, order_id: orderId, ...r })));
  for (const l of p.lineRefunds) await orderRepo.addLineRefund(trx, ctx.tenantId, l.lineId, l.quantity, l.amount);
  for (const s of p.payments) await orderRepo.addPaymentRefund(trx, ctx.tenantId, s.paymentId, s.amount);
  const perTender = new Map<string, number>();
  for (const s of p.payments) perTender.set(s.tenderId, (perTender.get(s.tenderId) ?? 0) + s.amount);
  for (const [tenderId, amount] of perTender) await orderRepo.addTenderRefund(trx, ctx.tenantId, tenderId, amount);
  const refundedTotal = order.refunded_total + p.total;
  const linesAfter = await orderRepo.linesOf(trx, ctx.tenantId, [orderId]);
  const status = linesAfter.every((l) => l.refunded_quantity === l.quantity) ? 'refunded' : 'partially_refunded';
  await orderRepo.setRefundTotals(trx, ctx.tenantId, orderId, refundedTotal, status);

  if (memberId) {
    await deps.tier.recordMetrics(trx, ctx, memberId, [
      { metric: 'spend', amount: -p.spendRefunded, orderId },
      { metric: 'single_order', amount: -p.spendRefunded, orderId },
      { metric: 'recharge', amount: -p.rechargeRefunded, orderId },
      { metric: 'points', amount: -recovered, orderId },
    ]);
    await deps.members.appendTimeline(trx, ctx, { memberId, kind: 'order.refunded', refType: 'refund', refId: refundId, storeId: order.store_id, summary: { orderNo: order.order_no, refundNo, total: p.total } });
  }
  await enqueueEvents(trx, ctx.tenantId, nowIso, [{ topic: 'order.refunded', payload: { orderId, refundId, refundNo, memberId, total: p.total } }]);
  await deps.audit.record(trx, ctx, {
    action: 'order.refund',
    entityType: 'order',
    entityId: orderId,
    storeId: order.store_id,
    before: { status: order.status, refundedTotal: order.refunded_total },
    after: { status, refundedTotal, refundId, refundNo, quote: present(p) },
  });
  return refundId;
}
