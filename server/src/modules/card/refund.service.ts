import type { Executor, Tx } from '../../db/database';
import { type Ctx, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { sha256Hex } from '../../shared/secrets';
import { CardErrors } from './card.errors';
import { addDays, daysUsed, isSessionCard, validityDays } from './card.rules';
import { CARD_JOURNALS, type CardKit } from './card.kit';
import { presentCard } from './card.present';
import { type CardRow, type FundingRow, cardRepo } from './card.repo';
import type { CardRefundQuote, CardView } from './card.schemas';
import { closeFreezes, freezeSpans, settleCard } from './lifecycle';
import { type CardRefundCalc, cardRefundAmount, splitOverFundings } from './refund.rules';
import { termsLines } from './terms.rules';

/**
 * Refunding a card: a quote by the card's formula first (what was paid and not yet refunded,
 * what was used, the deduction and the fee, never below zero), then — only with the quote's
 * token — the refund of every order line that paid for the card, through the order module's
 * refund flow (money back to the original tenders), in one transaction. The card ends as
 * `refunded`: its sessions and days leave the ledger and the value it kept is recognised at the
 * issuing store.
 */
export interface CardRefundPlan {
  card: CardRow;
  calc: CardRefundCalc;
  fundings: FundingRow[];
  /** Per order line: what its refund returns. */
  split: Map<string, number>;
}

export async function planCardRefund(kit: CardKit, x: Executor, ctx: Ctx, card: CardRow, today: string): Promise<CardRefundPlan> {
  const t = card.terms_json;
  if (card.status === 'refunded') throw CardErrors.CARD_ALREADY_REFUNDED();
  if (card.status === 'transferred' || card.status === 'cancelled') throw kit.problem(ctx, { code: 'CARD_NOT_USABLE', status: card.status });
  if (!t.refund.isAllowed) throw CardErrors.CARD_REFUND_NOT_ALLOWED();
  if (!t.refund.isAllowedAfterExpiry && (card.status === 'expired' || (card.expires_on !== null && today > card.expires_on))) throw CardErrors.CARD_REFUND_EXPIRED();
  const fundings = await cardRepo.fundingsOfRoot(x, ctx.tenantId, card.root_card_id);
  const paid = fundings.reduce((s, f) => s + f.amount - f.refunded_amount, 0);
  let basis: 'sessions' | 'days';
  let total: number;
  let used: number;
  if (isSessionCard(t)) {
    basis = 'sessions';
    total = card.sessions_paid ?? 0;
    used = Math.min(card.sessions_used, total);
  } else {
    basis = 'days';
    const freezes = await cardRepo.freezesOf(x, ctx.tenantId, [card.id]);
    total = card.activated_on ? card.days_paid : t.validity ? validityDays(today, t.validity) : 0;
    used = daysUsed({ activatedOn: card.activated_on, expiresOn: card.expires_on, daysPaid: total }, freezeSpans(freezes), today);
  }
  const calc = cardRefundAmount({ policy: t.refund, paid, listPrice: card.list_price, basis, total, used });
  const split = splitOverFundings(calc.amount, fundings.map((f) => ({ orderLineId: f.order_line_id, left: f.amount - f.refunded_amount })));
  // Lines with nothing to give back are refunded too (for zero), so no order line stays open.
  for (const f of fundings) if (f.amount - f.refunded_amount > 0 && !split.has(f.order_line_id)) split.set(f.order_line_id, 0);
  return { card, calc, fundings, split };
}

const tokenOf = (p: CardRefundPlan) => sha256Hex(JSON.stringify([p.card.id, p.card.sessions_remaining, p.card.sessions_used, p.card.days_granted, p.calc, [...p.split.entries()].sort()])).slice(0, 32);

/**
 * Refunds this module runs itself (one card, several orders) mark their transaction, so the line
 * handler knows each line's planned share and finishes the card on the last one.
 */
const orchestrated = new WeakMap<object, Map<string, { shares: Map<string, number>; pending: Set<string>; refunded: number; refundIds: string[] }>>();

export function plannedShare(trx: Executor, rootCardId: string, lineId: string): number | undefined {
  return orchestrated.get(trx)?.get(rootCardId)?.shares.get(lineId);
}

/** The order module refunds a card's sale or upgrade line (from a card refund, or an order refund of a single-funded card). */
export async function refundFundingLine(kit: CardKit, trx: Executor, ctx: Ctx, line: { orderId: string; refundId: string; lineId: string; amount: number }): Promise<void> {
  const funding = await cardRepo.fundingByLine(trx, ctx.tenantId, line.lineId);
  if (!funding) throw CardErrors.CARD_NOT_FOUND({ details: { orderLineId: line.lineId } });
  const live = await cardRepo.liveOfRoot(trx, ctx.tenantId, funding.root_card_id);
  if (!live) throw CardErrors.CARD_NOT_FOUND({ details: { rootCardId: funding.root_card_id } });
  const card = await kit.requireCard(trx, ctx, live.id, { lock: true });
  if (card.status === 'refunded') throw CardErrors.CARD_ALREADY_REFUNDED();
  if (card.status === 'cancelled') throw kit.problem(ctx, { code: 'CARD_NOT_USABLE', status: card.status });
  const holds = await cardRepo.openHolds(trx, ctx.tenantId, card.id);
  if (holds.length) throw CardErrors.CARD_HAS_OPEN_HOLDS({ params: { count: holds.length }, details: { holdIds: holds.map((h) => h.id) } });
  const mark = orchestrated.get(trx)?.get(funding.root_card_id);
  const others = (await cardRepo.fundingsOfRoot(trx, ctx.tenantId, funding.root_card_id)).filter((f) => f.id !== funding.id && f.amount - f.refunded_amount > 0);
  if (others.length && !mark) throw CardErrors.CARD_REFUND_USE_CARD({ details: { cardId: card.id } });
  await cardRepo.addFundingRefund(trx, ctx.tenantId, funding.id, line.amount);
  let refunded = line.amount;
  let refundIds = [line.refundId];
  if (mark) {
    mark.refunded += line.amount;
    mark.refundIds.push(line.refundId);
    mark.pending.delete(line.lineId);
    if (mark.pending.size > 0) return;
    refunded = mark.refunded;
    refundIds = mark.refundIds;
  }
  await finishRefund(kit, trx, ctx, card, refunded, refundIds, line.orderId);
}

async function finishRefund(kit: CardKit, trx: Executor, ctx: Ctx, card: CardRow, refunded: number, refundIds: string[], orderId: string): Promise<void> {
  const today = await kit.today(ctx.tenantId, trx);
  const now = kit.clock.iso();
  const before = { status: card.status, sessionsRemaining: card.sessions_remaining, daysGranted: card.days_granted, valueRemaining: card.value_remaining };
  await kit.post(trx, ctx, card, { kind: CARD_JOURNALS.refund, sessions: -card.sessions_remaining, days: -card.days_granted, orderId, reason: 'refund' });
  // What the member does not get back stays with the issuing store as revenue (negative when a cap gives back more than was left).
  const retained = card.value_remaining - refunded;
  if (retained !== 0) await cardRepo.insertRevenue(trx, [{ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.cardRevenue), card_id: card.id, root_card_id: card.root_card_id, store_id: card.store_id, kind: 'refund_retained', amount: retained, usage_id: null, business_date: today, created_at: now }]);
  await closeFreezes(kit, trx, ctx, card, addDays(today, -1));
  await cardRepo.deleteFamily(trx, ctx.tenantId, card.id);
  await cardRepo.update(trx, ctx.tenantId, card.id, { status: 'refunded', sessions_remaining: 0, days_granted: 0, value_remaining: 0, ended_on: today, end_reason: 'refund', updated_at: now });
  const after = { status: 'refunded', refunded, retained, refundIds };
  await kit.history(trx, ctx, card, 'refunded', { refunded, retained, refundIds, sessionsForfeited: before.sessionsRemaining }, { orderId, topic: 'card.refunded' });
  await kit.deps.audit.record(trx, ctx, { action: 'card.refund', entityType: 'member_card', entityId: card.id, before, after });
}

export function createRefundService(kit: CardKit) {
  const { db } = kit;
  const orders = kit.deps.orders;

  async function quote(ctx: Ctx, cardId: string, req: { moneyMethod?: 'original' | 'cash' }): Promise<CardRefundQuote> {
    requirePermission(ctx, 'card.refund');
    const card = await kit.requireCard(db, ctx, cardId);
    await kit.requireCardAccess(db, ctx, card);
    const today = await kit.today(ctx.tenantId);
    const p = await planCardRefund(kit, db, ctx, card, today);
    if (!p.split.size) throw CardErrors.CARD_REFUND_NOTHING_PAID();
    const perOrder = [];
    for (const f of p.fundings) {
      if (!p.split.has(f.order_line_id)) continue;
      const q = await orders.refundQuote(ctx, f.order_id, { lines: [{ lineId: f.order_line_id, quantity: 1 }], moneyMethod: req.moneyMethod });
      perOrder.push({
        orderId: f.order_id,
        lineId: f.order_line_id,
        amount: q.total,
        money: q.money,
        storedValue: q.storedValue,
        pointsReturned: q.pointsReturned,
        pointsClawback: q.pointsClawback,
        shortfallDeduction: q.shortfallDeduction,
        moneyTotal: q.moneyTotal,
        storedValueTotal: q.storedValueTotal,
      });
    }
    const s = await kit.settings(db, ctx.tenantId);
    return {
      cardId,
      ...p.calc,
      orders: perOrder.map(({ moneyTotal: _m, storedValueTotal: _s, ...o }) => o),
      moneyTotal: perOrder.reduce((a, o) => a + o.moneyTotal, 0),
      storedValueTotal: perOrder.reduce((a, o) => a + o.storedValueTotal, 0),
      sessionsForfeited: isSessionCard(card.terms_json) ? card.sessions_remaining : null,
      terms: termsLines(card.terms_json, ctx.locale, [s.refundTermsText]),
      quoteToken: tokenOf(p),
    };
  }

  return {
    quote,

    /** Refund exactly as quoted: every order line that paid for the card, in one transaction. */
    async refund(ctx: Ctx, cardId: string, req: { quoteToken: string; moneyMethod?: 'original' | 'cash'; reason?: string | null }): Promise<{ card: CardView; refundIds: string[]; replayed: boolean }> {
      requirePermission(ctx, 'card.refund');
      const r = await kit.idempotent(ctx, async (trx: Tx) => {
        const card = await kit.requireCard(trx, ctx, cardId, { lock: true });
        await kit.requireCardAccess(trx, ctx, card);
        const today = await kit.today(ctx.tenantId, trx);
        await settleCard(kit, trx, ctx, card, today);
        const p = await planCardRefund(kit, trx, ctx, card, today);
        if (tokenOf(p) !== req.quoteToken) throw CardErrors.CARD_REFUND_QUOTE_STALE();
        if (!p.split.size) throw CardErrors.CARD_REFUND_NOTHING_PAID();
        const mark = { shares: p.split, pending: new Set(p.split.keys()), refunded: 0, refundIds: [] as string[] };
        const marks = orchestrated.get(trx) ?? new Map();
        marks.set(card.root_card_id, mark);
        orchestrated.set(trx, marks);
        try {
          for (const f of p.fundings) {
            if (!p.split.has(f.order_line_id)) continue;
            await orders.refundWithin(trx, ctx, f.order_id, { lines: [{ lineId: f.order_line_id, quantity: 1 }], moneyMethod: req.moneyMethod, reason: req.reason ?? null });
          }
        } finally {
          marks.delete(card.root_card_id);
        }
        return { cardId: card.id, refundIds: mark.refundIds };
      });
      return { card: await presentCard(kit, db, ctx, (await cardRepo.byId(db, ctx.tenantId, r.value.cardId))!), refundIds: r.value.refundIds, replayed: r.replayed };
    },
  };
}
