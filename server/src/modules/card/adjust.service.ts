import { type Ctx, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { CardErrors } from './card.errors';
import { addDays, expiryFromDays, isSessionCard, isTerminal } from './card.rules';
import { CARD_JOURNALS, type CardKit } from './card.kit';
import { presentCard } from './card.present';
import { cardRepo } from './card.repo';
import type { CardView } from './card.schemas';
import { activateCard, closeFreezes, remindLowSessions, settleCard } from './lifecycle';

/**
 * Manual changes with a reason and their own permission: session adjustments and extensions
 * (also bringing an expired card back), cancelling a card (its remaining value is recognised at
 * the issuing store), and starting a pending card now.
 */
export function createAdjustService(kit: CardKit) {
  const { db } = kit;
  const view = async (ctx: Ctx, id: string) => presentCard(kit, db, ctx, (await cardRepo.byId(db, ctx.tenantId, id))!);

  return {
    async adjust(ctx: Ctx, cardId: string, req: { sessions?: number; days?: number; reason: string }): Promise<{ card: CardView; replayed: boolean }> {
      requirePermission(ctx, 'card.adjust');
      const sessions = req.sessions ?? 0;
      const days = req.days ?? 0;
      if (sessions === 0 && days === 0) throw CardErrors.CARD_ADJUST_EMPTY({ details: { path: 'sessions' } });
      const r = await kit.idempotent(ctx, async (trx) => {
        const card = await kit.requireCard(trx, ctx, cardId, { lock: true });
        await kit.requireCardAccess(trx, ctx, card);
        if (isTerminal(card.status)) throw kit.problem(ctx, { code: 'CARD_NOT_USABLE', status: card.status });
        const today = await kit.today(ctx.tenantId, trx);
        await settleCard(kit, trx, ctx, card, today);
        const t = card.terms_json;
        if (sessions !== 0) {
          if (!isSessionCard(t)) throw CardErrors.CARD_ADJUST_NO_SESSIONS({ details: { path: 'sessions' } });
          if (card.sessions_remaining + sessions < card.sessions_held) throw CardErrors.CARD_ADJUST_SESSIONS_NEGATIVE({ params: { held: card.sessions_held, remaining: card.sessions_remaining }, details: { path: 'sessions', held: card.sessions_held, remaining: card.sessions_remaining } });
        }
        let expiresOn = card.expires_on;
        if (days !== 0) {
          if (!card.activated_on || !card.expires_on) throw CardErrors.CARD_ADJUST_NO_VALIDITY({ details: { path: 'days' } });
          expiresOn = expiryFromDays(card.activated_on, card.days_granted + days);
          if (expiresOn < today) throw CardErrors.CARD_ADJUST_EXPIRY_PAST({ params: { expiresOn }, details: { path: 'days', expiresOn } });
        }
        const before = { status: card.status, sessionsRemaining: card.sessions_remaining, sessionsTotal: card.sessions_total, expiresOn: card.expires_on };
        await kit.post(trx, ctx, card, { kind: CARD_JOURNALS.adjust, sessions, days, reason: req.reason });
        const now = kit.clock.iso();
        card.sessions_remaining += sessions;
        card.sessions_total = card.sessions_total === null ? null : card.sessions_total + sessions;
        card.days_granted += days;
        card.expires_on = expiresOn;
        card.updated_at = now;
        await cardRepo.update(trx, ctx.tenantId, card.id, { sessions_remaining: card.sessions_remaining, sessions_total: card.sessions_total, days_granted: card.days_granted, expires_on: expiresOn, updated_at: now });
        await settleCard(kit, trx, ctx, card, today);
        await remindLowSessions(kit, trx, ctx, card, before.sessionsRemaining);
        const after = { status: card.status, sessionsRemaining: card.sessions_remaining, sessionsTotal: card.sessions_total, expiresOn: card.expires_on };
        await kit.history(trx, ctx, card, 'adjusted', { sessions, days, reason: req.reason, before, after });
        await kit.deps.audit.record(trx, ctx, { action: 'card.adjust', entityType: 'member_card', entityId: card.id, before, after: { ...after, sessions, days, reason: req.reason } });
        return card.id;
      });
      return { card: await view(ctx, r.value), replayed: r.replayed };
    },

    async cancel(ctx: Ctx, cardId: string, req: { reason: string }): Promise<{ card: CardView; replayed: boolean }> {
      requirePermission(ctx, 'card.adjust');
      const r = await kit.idempotent(ctx, async (trx) => {
        const card = await kit.requireCard(trx, ctx, cardId, { lock: true });
        await kit.requireCardAccess(trx, ctx, card);
        if (isTerminal(card.status)) throw kit.problem(ctx, { code: 'CARD_NOT_USABLE', status: card.status });
        const holds = await cardRepo.openHolds(trx, ctx.tenantId, card.id);
        if (holds.length) throw CardErrors.CARD_HAS_OPEN_HOLDS({ params: { count: holds.length }, details: { holdIds: holds.map((h) => h.id) } });
        const today = await kit.today(ctx.tenantId, trx);
        const now = kit.clock.iso();
        const before = { status: card.status, sessionsRemaining: card.sessions_remaining, daysGranted: card.days_granted, valueRemaining: card.value_remaining };
        await kit.post(trx, ctx, card, { kind: CARD_JOURNALS.cancel, sessions: -card.sessions_remaining, days: -card.days_granted, reason: req.reason });
        if (card.value_remaining > 0) {
          await cardRepo.insertRevenue(trx, [{ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.cardRevenue), card_id: card.id, root_card_id: card.root_card_id, store_id: card.store_id, kind: 'cancel', amount: card.value_remaining, usage_id: null, business_date: today, created_at: now }]);
        }
        await closeFreezes(kit, trx, ctx, card, addDays(today, -1));
        await cardRepo.deleteFamily(trx, ctx.tenantId, card.id);
        await cardRepo.update(trx, ctx.tenantId, card.id, { status: 'cancelled', sessions_remaining: 0, days_granted: 0, value_remaining: 0, ended_on: today, end_reason: req.reason, updated_at: now });
        await kit.history(trx, ctx, card, 'cancelled', { reason: req.reason, ...before }, { topic: 'card.cancelled' });
        await kit.deps.audit.record(trx, ctx, { action: 'card.cancel', entityType: 'member_card', entityId: card.id, before, after: { status: 'cancelled', reason: req.reason } });
        return card.id;
      });
      return { card: await view(ctx, r.value), replayed: r.replayed };
    },

    /** Start a pending card today (the member wants to begin before the chosen date or first use). */
    async activate(ctx: Ctx, cardId: string, req: { reason?: string | null }): Promise<{ card: CardView; replayed: boolean }> {
      requirePermission(ctx, 'card.operate');
      const r = await kit.idempotent(ctx, async (trx) => {
        const card = await kit.requireCard(trx, ctx, cardId, { lock: true });
        await kit.requireCardAccess(trx, ctx, card);
        if (card.activated_on) throw CardErrors.CARD_ALREADY_ACTIVE();
        if (isTerminal(card.status)) throw kit.problem(ctx, { code: 'CARD_NOT_USABLE', status: card.status });
        const today = await kit.today(ctx.tenantId, trx);
        await activateCard(kit, trx, ctx, card, today, 'manual');
        await settleCard(kit, trx, ctx, card, today);
        await kit.deps.audit.record(trx, ctx, { action: 'card.activate', entityType: 'member_card', entityId: card.id, before: { status: 'pending' }, after: { status: card.status, activatedOn: today, expiresOn: card.expires_on, reason: req.reason ?? null } });
        return card.id;
      });
      return { card: await view(ctx, r.value), replayed: r.replayed };
    },
  };
}
