import type { Executor } from '../../db/database';
import { type Ctx, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { CardErrors } from './card.errors';
import { expiryFromDays } from './card.rules';
import { CARD_JOURNALS, type CardKit } from './card.kit';
import { presentCard } from './card.present';
import { type CardRow, type FreezeRow, cardRepo } from './card.repo';
import type { CardView, Tender } from './card.schemas';
import { type FreezePlan, endFreeze, planFreeze } from './freeze.rules';
import { settleCard } from './lifecycle';
import type { Payments } from './payments';

/**
 * Freezing a card (停卡/请假) by its policy: previewed first (the new expiry shown before
 * confirming), the expiry extended by the days frozen (unless the policy says otherwise), a fee
 * paid through an order when the policy has one; ended early by hand or by using the card.
 */
export async function freezePlanFor(kit: CardKit, x: Executor, ctx: Ctx, card: CardRow, req: { startOn: string; days: number }, today: string): Promise<FreezePlan> {
  const freezes = await cardRepo.freezesOf(x, ctx.tenantId, [card.id]);
  const r = planFreeze(
    card.terms_json.freeze,
    {
      status: card.status,
      activatedOn: card.activated_on,
      expiresOn: card.expires_on,
      daysGranted: card.days_granted,
      freezeCount: card.freeze_count,
      freezeDaysUsed: card.freeze_days_used,
      hasOpenFreeze: freezes.some((f) => f.status === 'active' || f.status === 'scheduled'),
    },
    req,
    today,
  );
  if (!r.ok) throw kit.problem(ctx, r.problem);
  // Bookings inside the freeze would be left without a usable card.
  const inside = (await cardRepo.openHolds(x, ctx.tenantId, card.id)).filter((h) => h.for_date >= r.plan.startOn && h.for_date <= r.plan.endOn);
  if (inside.length) throw CardErrors.CARD_HOLDS_IN_FREEZE({ params: { count: inside.length }, details: { holdIds: inside.map((h) => h.id) } });
  return r.plan;
}

/** Apply a freeze to a card inside a transaction (a fee, when due, is paid by the order this runs in). */
export async function applyFreeze(kit: CardKit, trx: Executor, ctx: Ctx, cardId: string, req: { startOn: string; days: number; reason?: string | null }, paid: { orderId: string | null; fee: number }): Promise<string> {
  const card = await kit.requireCard(trx, ctx, cardId, { lock: true });
  await kit.requireCardAccess(trx, ctx, card);
  const today = await kit.today(ctx.tenantId, trx);
  await settleCard(kit, trx, ctx, card, today);
  const plan = await freezePlanFor(kit, trx, ctx, card, req, today);
  const now = kit.clock.iso();
  const id = newId(ID_PREFIXES.cardFreeze);
  await cardRepo.insertFreeze(trx, {
    tenant_id: ctx.tenantId,
    id,
    card_id: card.id,
    status: plan.startsNow ? 'active' : 'scheduled',
    start_on: plan.startOn,
    end_on: plan.endOn,
    days: plan.days,
    ended_on: null,
    actual_days: null,
    is_expiry_extended: plan.isExpiryExtended,
    extension_days: plan.extensionDays,
    fee: paid.fee,
    order_id: paid.orderId,
    reason: req.reason ?? null,
    created_by: ctx.actor.id,
    created_by_name: ctx.actor.name,
    created_at: now,
    updated_at: now,
  });
  if (plan.extensionDays > 0) await kit.post(trx, ctx, card, { kind: CARD_JOURNALS.freeze, days: plan.extensionDays, orderId: paid.orderId, reason: req.reason ?? 'freeze' });
  const before = { status: card.status, expiresOn: card.expires_on, freezeCount: card.freeze_count, freezeDaysUsed: card.freeze_days_used };
  card.days_granted += plan.extensionDays;
  card.expires_on = plan.newExpiresOn;
  card.freeze_count += 1;
  card.freeze_days_used += plan.days;
  card.updated_at = now;
  await cardRepo.update(trx, ctx.tenantId, card.id, { days_granted: card.days_granted, expires_on: card.expires_on, freeze_count: card.freeze_count, freeze_days_used: card.freeze_days_used, updated_at: now });
  await settleCard(kit, trx, ctx, card, today);
  await kit.history(trx, ctx, card, 'frozen', { freezeId: id, startOn: plan.startOn, endOn: plan.endOn, days: plan.days, expiresOn: before.expiresOn, newExpiresOn: plan.newExpiresOn, fee: paid.fee, reason: req.reason ?? null }, { orderId: paid.orderId, topic: plan.startsNow ? 'card.frozen' : undefined });
  await kit.deps.audit.record(trx, ctx, { action: 'card.freeze', entityType: 'member_card', entityId: card.id, before, after: { freezeId: id, startOn: plan.startOn, endOn: plan.endOn, days: plan.days, status: card.status, expiresOn: card.expires_on, freezeCount: card.freeze_count, freezeDaysUsed: card.freeze_days_used, fee: paid.fee, orderId: paid.orderId } });
  return id;
}

/** End the running or scheduled freeze today: the days not frozen come off the extension and the policy usage. */
export async function endFreezeToday(kit: CardKit, trx: Executor, ctx: Ctx, card: CardRow, f: FreezeRow, today: string, how: 'manual' | 'use', reason: string | null = null): Promise<void> {
  const r = endFreeze({ startOn: f.start_on, days: f.days, extensionDays: f.extension_days, isExpiryExtended: f.is_expiry_extended }, today);
  const now = kit.clock.iso();
  await cardRepo.updateFreeze(trx, ctx.tenantId, f.id, { status: r.cancelled ? 'cancelled' : 'ended', ended_on: r.endedOn, actual_days: r.actualDays, extension_days: f.extension_days - r.extensionRemoved, updated_at: now });
  if (r.extensionRemoved > 0) await kit.post(trx, ctx, card, { kind: CARD_JOURNALS.unfreeze, days: -r.extensionRemoved, reason: reason ?? how });
  card.days_granted -= r.extensionRemoved;
  if (card.activated_on && card.expires_on) card.expires_on = expiryFromDays(card.activated_on, card.days_granted);
  card.freeze_days_used -= r.daysReturned;
  if (r.cancelled) card.freeze_count -= 1;
  card.updated_at = now;
  await cardRepo.update(trx, ctx.tenantId, card.id, { days_granted: card.days_granted, expires_on: card.expires_on, freeze_days_used: card.freeze_days_used, freeze_count: card.freeze_count, updated_at: now });
  await settleCard(kit, trx, ctx, card, today);
  await kit.history(trx, ctx, card, 'unfrozen', { freezeId: f.id, how, cancelled: r.cancelled, daysFrozen: r.actualDays, expiresOn: card.expires_on, reason }, { topic: 'card.unfrozen' });
}

export function createFreezeService(kit: CardKit, pay: Payments) {
  const { db } = kit;
  return {
    async preview(ctx: Ctx, cardId: string, req: { startOn: string; days: number }): Promise<FreezePlan & { cardId: string }> {
      requirePermission(ctx, 'card.operate');
      const card = await kit.requireCard(db, ctx, cardId);
      await kit.requireCardAccess(db, ctx, card);
      return { cardId, ...(await freezePlanFor(kit, db, ctx, card, req, await kit.today(ctx.tenantId))) };
    },

    /** Freeze as previewed; a fee is paid through an order (tenders required) unless waived by someone with card.adjust. */
    async freeze(ctx: Ctx, cardId: string, req: { startOn: string; days: number; reason?: string | null; waiveFee?: boolean; storeId?: string; tenders?: Tender[] }): Promise<{ card: CardView; replayed: boolean }> {
      requirePermission(ctx, 'card.operate');
      if (req.waiveFee) requirePermission(ctx, 'card.adjust');
      const card = await kit.requireCard(db, ctx, cardId);
      const fee = req.waiveFee ? 0 : card.terms_json.freeze.fee;
      if (fee > 0) {
        // Say why the freeze cannot happen before asking for the fee.
        if (!req.tenders?.length) {
          await kit.requireCardAccess(db, ctx, card);
          await freezePlanFor(kit, db, ctx, card, req, await kit.today(ctx.tenantId));
        }
        const r = await pay.charge(ctx, { card, fee, storeId: req.storeId, tenders: req.tenders, payerId: card.member_id, options: { action: 'freeze', startOn: req.startOn, days: req.days, reason: req.reason ?? null } });
        return { card: await presentCard(kit, db, ctx, (await cardRepo.byId(db, ctx.tenantId, cardId))!), replayed: r.replayed };
      }
      const r = await kit.idempotent(ctx, (trx) => applyFreeze(kit, trx, ctx, cardId, req, { orderId: null, fee: 0 }));
      return { card: await presentCard(kit, db, ctx, (await cardRepo.byId(db, ctx.tenantId, cardId))!), replayed: r.replayed };
    },

    async unfreeze(ctx: Ctx, cardId: string, req: { reason?: string | null }): Promise<{ card: CardView; replayed: boolean }> {
      requirePermission(ctx, 'card.operate');
      const r = await kit.idempotent(ctx, async (trx) => {
        const card = await kit.requireCard(trx, ctx, cardId, { lock: true });
        await kit.requireCardAccess(trx, ctx, card);
        const today = await kit.today(ctx.tenantId, trx);
        await settleCard(kit, trx, ctx, card, today);
        const f = (await cardRepo.freezesOf(trx, ctx.tenantId, [card.id])).find((x) => x.status === 'active' || x.status === 'scheduled');
        if (!f) throw CardErrors.CARD_NOT_FROZEN();
        const before = { status: card.status, expiresOn: card.expires_on };
        await endFreezeToday(kit, trx, ctx, card, f, today, 'manual', req.reason ?? null);
        await kit.deps.audit.record(trx, ctx, { action: 'card.unfreeze', entityType: 'member_card', entityId: card.id, before, after: { freezeId: f.id, status: card.status, expiresOn: card.expires_on, reason: req.reason ?? null } });
        return card.id;
      });
      return { card: await presentCard(kit, db, ctx, (await cardRepo.byId(db, ctx.tenantId, r.value))!), replayed: r.replayed };
    },
  };
}
