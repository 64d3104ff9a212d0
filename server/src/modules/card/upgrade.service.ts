import type { Executor } from '../../db/database';
import { toJson } from '../../db/dialect';
import { type Ctx, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { type UpgradePlan, planUpgrade } from './change.rules';
import { CARD_JOURNALS, type CardKit } from './card.kit';
import { presentCard } from './card.present';
import { type CardRow, cardRepo } from './card.repo';
import type { CardView, Tender } from './card.schemas';
import { settleCard } from './lifecycle';
import type { Payments } from './payments';
import { productRepo } from './product.repo';
import { productTerms } from './products.service';

/**
 * Upgrade (补差价): within the window after the sale, a card becomes a bigger product of the same
 * sort; the member pays the list-price difference through an order (which becomes a second
 * funding of the card), keeps the sessions used and the start date, and gets the new product's
 * sessions and validity and its terms.
 */
export async function upgradePlanFor(kit: CardKit, x: Executor, ctx: Ctx, card: CardRow, toProductId: string, today: string) {
  const p = await productRepo.byId(x, ctx.tenantId, toProductId);
  if (!p) throw kit.problem(ctx, { code: 'CARD_PRODUCT_NOT_FOUND', productId: toProductId });
  const terms = productTerms(p, (await productRepo.coverageOf(x, ctx.tenantId, [p.id])).map((c) => ({ type: c.key_type, id: c.key_id })));
  const r = planUpgrade(
    {
      status: card.status,
      terms: card.terms_json,
      productId: card.product_id,
      listPrice: card.list_price,
      soldOn: card.sold_on,
      activatedOn: card.activated_on,
      expiresOn: card.expires_on,
      sessionsRemaining: card.sessions_remaining,
      sessionsHeld: card.sessions_held,
      sessionsPaid: card.sessions_paid,
      daysGranted: card.days_granted,
      daysPaid: card.days_paid,
    },
    { id: p.id, price: p.price, isActive: p.is_active, terms },
    today,
  );
  if (!r.ok) throw kit.problem(ctx, r.problem);
  return { product: p, terms, plan: r.plan };
}

export async function applyUpgrade(kit: CardKit, trx: Executor, ctx: Ctx, cardId: string, toProductId: string, paid: { orderId: string; lineId: string; amount: number; reason?: string | null }): Promise<string> {
  const card = await kit.requireCard(trx, ctx, cardId, { lock: true });
  await kit.requireCardAccess(trx, ctx, card);
  const today = await kit.today(ctx.tenantId, trx);
  await settleCard(kit, trx, ctx, card, today);
  const { product, terms, plan } = await upgradePlanFor(kit, trx, ctx, card, toProductId, today);
  const now = kit.clock.iso();
  await kit.post(trx, ctx, card, { kind: CARD_JOURNALS.upgrade, sessions: plan.sessionsDelta, days: plan.daysDelta, orderId: paid.orderId, reason: `${card.name} → ${product.name}` });
  const before = { productId: card.product_id, name: card.name, listPrice: card.list_price, paidAmount: card.paid_amount, sessionsRemaining: card.sessions_remaining, expiresOn: card.expires_on };
  Object.assign(card, {
    product_id: product.id,
    kind: product.kind,
    name: product.name,
    terms_json: terms,
    list_price: product.price,
    paid_amount: card.paid_amount + paid.amount,
    value_remaining: card.value_remaining + paid.amount,
    sessions_total: card.sessions_total === null ? null : card.sessions_total + plan.sessionsDelta,
    sessions_remaining: card.sessions_remaining + plan.sessionsDelta,
    sessions_paid: plan.sessionsPaid,
    days_granted: card.days_granted + plan.daysDelta,
    days_paid: plan.daysPaid,
    expires_on: plan.newExpiresOn,
    updated_at: now,
  });
  await cardRepo.update(trx, ctx.tenantId, card.id, {
    product_id: card.product_id,
    kind: card.kind,
    name: card.name,
    terms_json: toJson(terms),
    list_price: card.list_price,
    paid_amount: card.paid_amount,
    value_remaining: card.value_remaining,
    sessions_total: card.sessions_total,
    sessions_remaining: card.sessions_remaining,
    sessions_paid: card.sessions_paid,
    days_granted: card.days_granted,
    days_paid: card.days_paid,
    expires_on: card.expires_on,
    updated_at: now,
  });
  await cardRepo.insertFunding(trx, { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.cardFunding), root_card_id: card.root_card_id, kind: 'upgrade', order_id: paid.orderId, order_line_id: paid.lineId, amount: paid.amount, refunded_amount: 0, created_at: now });
  await settleCard(kit, trx, ctx, card, today);
  const after = { productId: product.id, name: product.name, listPrice: product.price, paidAmount: card.paid_amount, sessionsRemaining: card.sessions_remaining, expiresOn: card.expires_on, difference: paid.amount };
  await kit.history(trx, ctx, card, 'upgraded', { from: before, to: after, reason: paid.reason ?? null }, { orderId: paid.orderId, topic: 'card.upgraded' });
  await kit.deps.audit.record(trx, ctx, { action: 'card.upgrade', entityType: 'member_card', entityId: card.id, before, after });
  return card.id;
}

export function createUpgradeService(kit: CardKit, pay: Payments) {
  const { db } = kit;
  return {
    async preview(ctx: Ctx, cardId: string, req: { toProductId: string }): Promise<UpgradePlan & { cardId: string; fromProductId: string; toProductId: string; toProductName: string; sessionsRemaining: number | null; newSessionsRemaining: number | null }> {
      requirePermission(ctx, 'card.operate');
      const card = await kit.requireCard(db, ctx, cardId);
      await kit.requireCardAccess(db, ctx, card);
      const { product, plan } = await upgradePlanFor(kit, db, ctx, card, req.toProductId, await kit.today(ctx.tenantId));
      const isSessions = card.terms_json.sessions !== null;
      return {
        cardId,
        fromProductId: card.product_id,
        toProductId: product.id,
        toProductName: product.name,
        ...plan,
        sessionsRemaining: isSessions ? card.sessions_remaining : null,
        newSessionsRemaining: isSessions ? card.sessions_remaining + plan.sessionsDelta : null,
      };
    },

    /** Upgrade, paying the difference through an order (tenders required). */
    async upgrade(ctx: Ctx, cardId: string, req: { toProductId: string; reason?: string | null; storeId?: string; tenders?: Tender[] }): Promise<{ card: CardView; replayed: boolean }> {
      requirePermission(ctx, 'card.operate');
      const card = await kit.requireCard(db, ctx, cardId);
      await kit.requireCardAccess(db, ctx, card);
      // Planned here only to name the amount due; with tenders the order line checks it (a retry replays the order).
      const fee = req.tenders?.length ? 0 : (await upgradePlanFor(kit, db, ctx, card, req.toProductId, await kit.today(ctx.tenantId))).plan.difference;
      const r = await pay.charge(ctx, { card, fee, storeId: req.storeId, tenders: req.tenders, payerId: card.member_id, options: { action: 'upgrade', toProductId: req.toProductId, reason: req.reason ?? null } });
      return { card: await presentCard(kit, db, ctx, (await cardRepo.byId(db, ctx.tenantId, cardId))!), replayed: r.replayed };
    },
  };
}
