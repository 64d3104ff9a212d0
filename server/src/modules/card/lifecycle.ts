import { type Executor, inTransaction } from '../../db/database';
import { enqueueEvents } from '../../db/outbox';
import { type Ctx, systemCtx } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { addDays, daysBetween, expiryFor, isSessionCard, statusOn, validityDays, writeoffValue } from './card.rules';
import { CARD_JOURNALS, type CardKit } from './card.kit';
import { type CardRow, type FreezeRow, cardRepo } from './card.repo';
import type { CardSettings } from './card.types';

/**
 * The card lifecycle, kept by every change and by the daily job: activation when its day comes
 * (chosen date, or the latest day for first-use cards), freezes starting and ending, the status
 * (pending → active → expiring → expired; frozen), expiry with the write-off of unused
 * sessions (their remaining value recognised at the issuing store), and reminder events at
 * the configured offsets before expiry and when sessions run low. Sending comes later.
 */
export const freezeSpans = (fs: FreezeRow[]) => fs.map((f) => ({ status: f.status, startOn: f.start_on, endOn: f.end_on, endedOn: f.ended_on, isExpiryExtended: f.is_expiry_extended }));

/** Start a card on a day: its validity days go to the ledger and fix the expiry. Mutates and saves the row. */
export async function activateCard(kit: CardKit, trx: Executor, ctx: Ctx, card: CardRow, on: string, how: 'sale' | 'date' | 'first_use' | 'deadline' | 'manual', orderId: string | null = null): Promise<void> {
  const t = card.terms_json;
  let days = 0;
  if (t.validity) {
    days = validityDays(on, t.validity);
    await kit.post(trx, ctx, card, { kind: CARD_JOURNALS.activate, days, orderId, reason: how });
  }
  card.activated_on = on;
  card.days_granted += days;
  card.days_paid = days;
  card.expires_on = t.validity ? addDays(on, card.days_granted - 1) : null;
  card.status = 'active';
  card.updated_at = kit.clock.iso();
  await cardRepo.update(trx, ctx.tenantId, card.id, { activated_on: on, days_granted: card.days_granted, days_paid: days, expires_on: card.expires_on, status: 'active', updated_at: card.updated_at });
  await kit.history(trx, ctx, card, 'activated', { activatedOn: on, expiresOn: card.expires_on, how }, { orderId, topic: 'card.activated' });
}

/**
 * A card ending (expiry, refund, cancellation) closes its open freezes: a running one ends on
 * `lastDay` (counting the days frozen so far), a scheduled one is cancelled; the card's freeze
 * usage follows. The expiry is not touched (the card's days end with it).
 */
export async function closeFreezes(kit: CardKit, trx: Executor, ctx: Ctx, card: CardRow, lastDay: string): Promise<void> {
  const now = kit.clock.iso();
  for (const f of await cardRepo.freezesOf(trx, ctx.tenantId, [card.id])) {
    if (f.status !== 'active' && f.status !== 'scheduled') continue;
    const actual = f.status === 'active' ? Math.max(0, Math.min(f.days, daysBetween(f.start_on, lastDay) + 1)) : 0;
    const cancelled = actual === 0;
    await cardRepo.updateFreeze(trx, ctx.tenantId, f.id, { status: cancelled ? 'cancelled' : 'ended', ended_on: cancelled ? null : addDays(f.start_on, actual - 1), actual_days: actual, updated_at: now });
    card.freeze_days_used -= cancelled ? f.days : f.days - actual;
    if (cancelled) card.freeze_count -= 1;
  }
  await cardRepo.update(trx, ctx.tenantId, card.id, { freeze_count: card.freeze_count, freeze_days_used: card.freeze_days_used, updated_at: now });
}

/** Expire a card: unused sessions not held by bookings are written off, with their value, at the issuing store. */
async function expireCard(kit: CardKit, trx: Executor, ctx: Ctx, card: CardRow, today: string): Promise<void> {
  const t = card.terms_json;
  const nowIso = kit.clock.iso();
  const sessions = isSessionCard(t) ? card.sessions_remaining - card.sessions_held : 0;
  const value = isSessionCard(t) ? (sessions > 0 || card.sessions_held === 0 ? writeoffValue(card.value_remaining, sessions, card.sessions_remaining) : 0) : card.value_remaining;
  const posting = sessions > 0 ? await kit.post(trx, ctx, card, { kind: CARD_JOURNALS.writeoff, sessions: -sessions, reason: 'expired', storeId: card.store_id }) : null;
  if (value > 0) {
    await cardRepo.insertRevenue(trx, [{ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.cardRevenue), card_id: card.id, root_card_id: card.root_card_id, store_id: card.store_id, kind: 'expiry', amount: value, usage_id: null, business_date: today, created_at: nowIso }]);
  }
  if (sessions > 0 || value > 0) {
    await cardRepo.insertWriteoff(trx, { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.cardWriteoff), card_id: card.id, member_id: card.member_id, store_id: card.store_id, product_id: card.product_id, sessions, value, journal_id: posting?.journalId ?? null, reason: 'expired', business_date: today, created_at: nowIso });
  }
  card.sessions_remaining -= sessions;
  card.value_remaining -= value;
  card.status = 'expired';
  card.updated_at = nowIso;
  await cardRepo.update(trx, ctx.tenantId, card.id, { status: 'expired', sessions_remaining: card.sessions_remaining, value_remaining: card.value_remaining, updated_at: nowIso });
  await kit.history(trx, ctx, card, 'expired', { expiresOn: card.expires_on, sessionsWrittenOff: sessions, valueWrittenOff: value }, { topic: 'card.expired', storeId: card.store_id });
}

/** Write off sessions of a hold released after the card expired (they can no longer be used). */
export async function writeOffReleased(kit: CardKit, trx: Executor, ctx: Ctx, card: CardRow, sessions: number, today: string): Promise<void> {
  if (sessions <= 0) return;
  const value = writeoffValue(card.value_remaining, sessions, card.sessions_remaining);
  const nowIso = kit.clock.iso();
  const posting = await kit.post(trx, ctx, card, { kind: CARD_JOURNALS.writeoff, sessions: -sessions, reason: 'hold released after expiry', storeId: card.store_id });
  if (value > 0) await cardRepo.insertRevenue(trx, [{ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.cardRevenue), card_id: card.id, root_card_id: card.root_card_id, store_id: card.store_id, kind: 'expiry', amount: value, usage_id: null, business_date: today, created_at: nowIso }]);
  await cardRepo.insertWriteoff(trx, { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.cardWriteoff), card_id: card.id, member_id: card.member_id, store_id: card.store_id, product_id: card.product_id, sessions, value, journal_id: posting?.journalId ?? null, reason: 'hold_released_after_expiry', business_date: today, created_at: nowIso });
  card.sessions_remaining -= sessions;
  card.value_remaining -= value;
  await cardRepo.update(trx, ctx.tenantId, card.id, { sessions_remaining: card.sessions_remaining, value_remaining: card.value_remaining, updated_at: nowIso });
}

/**
 * Bring a (locked) card up to date for a day: due activation, freezes that start or end, its
 * status, expiry. Every change calls this after its own work, and so does the daily job.
 */
export async function settleCard(kit: CardKit, trx: Executor, ctx: Ctx, card: CardRow, today: string, s?: CardSettings): Promise<void> {
  if (['transferred', 'refunded', 'cancelled'].includes(card.status)) return;
  const settings = s ?? (await kit.settings(trx, ctx.tenantId));
  const t = card.terms_json;
  if (!card.activated_on) {
    if (t.activationMode === 'date' && card.activate_on && card.activate_on <= today) await activateCard(kit, trx, ctx, card, card.activate_on, 'date');
    else if (card.activate_by && card.activate_by <= today) await activateCard(kit, trx, ctx, card, card.activate_by, 'deadline');
  }
  const nowIso = kit.clock.iso();
  const freezes = await cardRepo.freezesOf(trx, ctx.tenantId, [card.id]);
  for (const f of freezes) {
    if (f.status === 'scheduled' && f.start_on <= today) {
      f.status = f.end_on < today ? 'ended' : 'active';
      await cardRepo.updateFreeze(trx, ctx.tenantId, f.id, { status: f.status, updated_at: nowIso });
      await kit.history(trx, ctx, card, 'freeze_started', { freezeId: f.id, startOn: f.start_on, endOn: f.end_on }, { timeline: false, topic: 'card.frozen' });
    }
    if (f.status === 'active' && f.end_on < today) {
      f.status = 'ended';
      await cardRepo.updateFreeze(trx, ctx.tenantId, f.id, { status: 'ended', updated_at: nowIso });
      await kit.history(trx, ctx, card, 'freeze_ended', { freezeId: f.id, endOn: f.end_on, expiresOn: card.expires_on }, { timeline: false, topic: 'card.unfrozen' });
    }
  }
  const next = statusOn({ status: card.status, activatedOn: card.activated_on, expiresOn: card.expires_on }, today, freezeSpans(freezes), settings.expiringWithinDays);
  if (next === 'expired' && card.status !== 'expired') {
    // A freeze still running at expiry ends with it.
    await closeFreezes(kit, trx, ctx, card, card.expires_on!);
    await expireCard(kit, trx, ctx, card, today);
  } else if (next !== card.status) {
    const from = card.status;
    card.status = next;
    card.updated_at = nowIso;
    await cardRepo.update(trx, ctx.tenantId, card.id, { status: next, updated_at: nowIso });
    await kit.history(trx, ctx, card, 'status', { from, to: next }, { timeline: false });
  }
}

/** Queue the expiry reminder due for a card today (one event per offset and expiry date, the nearest offset only). */
async function remindExpiry(kit: CardKit, trx: Executor, ctx: Ctx, card: CardRow, today: string, s: CardSettings): Promise<boolean> {
  if (!card.expires_on || !['active', 'expiring'].includes(card.status)) return false;
  const daysLeft = daysBetween(today, card.expires_on);
  const due = s.expiryReminderDays.filter((o) => daysLeft <= o && daysLeft >= 0).sort((a, b) => a - b);
  if (!due.length) return false;
  let fresh = false;
  for (const o of due) fresh = (await cardRepo.claimReminder(trx, ctx.tenantId, card.id, `expiry:${o}:${card.expires_on}`, kit.clock.iso())) || fresh;
  if (!fresh) return false;
  await enqueueEvents(trx, ctx.tenantId, kit.clock.iso(), [
    { topic: 'card.expiring', payload: { cardId: card.id, cardNo: card.card_no, name: card.name, memberId: card.member_id, expiresOn: card.expires_on, daysLeft, offset: due[0], sessionsRemaining: isSessionCard(card.terms_json) ? card.sessions_remaining : null } },
  ]);
  return true;
}

/** Queue a low-sessions event when a session card gets down to the threshold (once per threshold and grant). */
export async function remindLowSessions(kit: CardKit, trx: Executor, ctx: Ctx, card: CardRow, before: number, s?: CardSettings): Promise<void> {
  if (!isSessionCard(card.terms_json)) return;
  const settings = s ?? (await kit.settings(trx, ctx.tenantId));
  const after = card.sessions_remaining;
  if (!(after <= settings.lowSessionsThreshold && before > settings.lowSessionsThreshold)) return;
  if (!(await cardRepo.claimReminder(trx, ctx.tenantId, card.id, `low:${settings.lowSessionsThreshold}:${card.sessions_total}`, kit.clock.iso()))) return;
  await enqueueEvents(trx, ctx.tenantId, kit.clock.iso(), [
    { topic: 'card.sessions_low', payload: { cardId: card.id, cardNo: card.card_no, name: card.name, memberId: card.member_id, sessionsRemaining: after, threshold: settings.lowSessionsThreshold, expiresOn: card.expires_on } },
  ]);
}

/**
 * The daily job (run hourly; each pass is idempotent for the business day of each tenant):
 * settles every card with something due and queues expiry reminders. One short transaction per card.
 */
export async function runLifecycle(kit: CardKit, limit = 5000): Promise<{ cards: number; reminders: number }> {
  let cards = 0;
  let reminders = 0;
  for (const tenantId of await cardRepo.tenantsWithLiveCards(kit.db)) {
    const ctx = systemCtx(tenantId, { name: 'card lifecycle' });
    const s = await kit.settings(kit.db, tenantId);
    const today = await kit.today(tenantId);
    const reminderUntil = addDays(today, Math.max(0, ...s.expiryReminderDays));
    const expiringUntil = addDays(today, s.expiringWithinDays);
    const ids = await cardRepo.dueForLifecycle(kit.db, tenantId, today, expiringUntil, reminderUntil, limit);
    for (const id of ids) {
      await inTransaction(kit.deps.database, async (trx) => {
        const card = await cardRepo.lock(trx, kit.d, tenantId, id);
        if (!card) return;
        await settleCard(kit, trx, ctx, card, today, s);
        if (await remindExpiry(kit, trx, ctx, card, today, s)) reminders++;
      });
      cards++;
    }
  }
  return { cards, reminders };
}

/** The projected last day of a card not started yet, if it started on a day. */
export function projectedExpiry(card: CardRow, on: string): string | null {
  const t = card.terms_json;
  return t.validity ? expiryFor(on, t.validity) : null;
}
