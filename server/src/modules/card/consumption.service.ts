import { type Executor, type Tx, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import type { UseKey } from '../../db/schema';
import { type Ctx, requirePermission, requireStoreAccess } from '../../shared/context';
import { CommonErrors } from '../../shared/errors';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { sha256Hex } from '../../shared/secrets';
import { CardErrors } from './card.errors';
import { addDays, bySoonestExpiry, consumptionRevenue, isSessionCard, minDate, weekStart } from './card.rules';
import { CARD_JOURNALS, type CardKit } from './card.kit';
import { type CardRow, type HoldRow, type UsageRow, cardRepo } from './card.repo';
import { endFreezeToday } from './freeze.service';
import { activateCard, freezeSpans, remindLowSessions, settleCard, writeOffReleased } from './lifecycle';
import { type UseProblem, type UseVerdict, checkUse } from './use.rules';
import type { EligibilityView, EligibleCardView, HoldView, UsageView } from './use.schemas';

/**
 * The consumption API: what booking and check-in call in-process (and integrations over REST).
 *
 * - `eligibleCards` lists the cards a person may pay with for an item at a store and time,
 *   soonest-expiring first, with the reason each other card is not eligible;
 * - `hold` reserves sessions for a booking (the soonest-expiring eligible card unless one is
 *   named), `consumeHold` turns the hold into a consumption (check-in, late cancel, no-show),
 *   `releaseHold` gives it back (timely cancel, class cancelled);
 * - `consumeDirect` consumes without a booking (walk-in check-in; time cards check their caps);
 * - `reverseConsumption` undoes a consumption (check-in undo), with reversal entries.
 *
 * Every change takes the card's row lock (FOR UPDATE on PostgreSQL; SQLite writers are
 * serialised by BEGIN IMMEDIATE) before it checks, so sessions are never over-held or
 * over-consumed under concurrency. Holds and consumptions carry the caller's key: the same key
 * with the same request returns the first result; with another request it is refused.
 * Pass `{ trx }` to run inside the caller's transaction (a booking and its hold commit together).
 */
export interface UseRequest {
  /** Who attends: the holder (mbr_…) or a family member named on the card (mbr_… or dep_…). */
  userId: string;
  /** Where the card is used. */
  storeId: string;
  /** What is paid for, e.g. [{ type: 'course', id }, { type: 'course_category', id }] or [{ type: 'service', id: 'prd_…' }]. */
  items: UseKey[];
  /** Sessions (class hours) to take; default 1. Unlimited cards take 1. */
  units?: number;
  /** Private lessons: the coach's level (cards for one level refuse another). */
  coachLevel?: string | null;
  /** Pay with this card; otherwise the soonest-expiring eligible card. */
  cardId?: string;
  /** When (the class start, ISO); defaults to now. The card must be valid on its business day. */
  at?: string;
  /** What the use is for, e.g. { type: 'booking', id }. */
  ref?: { type: string; id: string } | null;
}

export interface KeyedUseRequest extends UseRequest {
  /** Idempotency key of the hold or consumption (REST passes its Idempotency-Key). */
  key: string;
}

export interface TxOption {
  /** Run inside this transaction (the caller commits); default: a transaction of its own. */
  trx?: Tx;
  /** Consuming, releasing or reversing what already was: return the earlier result (default) or refuse with 409. */
  repeat?: 'return' | 'refuse';
}

const fingerprint = (op: string, r: UseRequest) =>
  sha256Hex(JSON.stringify([op, r.cardId ?? null, r.userId, r.storeId, r.items.map((i) => [i.type, i.id]), r.units ?? 1, r.coachLevel ?? null, r.at ?? null, r.ref ?? null]));

export type ConsumptionService = ReturnType<typeof createConsumptionService>;

export function createConsumptionService(kit: CardKit) {
  const { db, d } = kit;

  async function run<T>(opt: TxOption | undefined, fn: (trx: Tx) => Promise<T>, onKeyConflict?: () => Promise<T>): Promise<T> {
    if (opt?.trx) return fn(opt.trx);
    try {
      return await inTransaction(kit.deps.database, fn);
    } catch (err) {
      // Two first attempts with one key raced past the lookup: the loser reads the winner's result.
      if (onKeyConflict && d.isUniqueViolation(err)) return onKeyConflict();
      throw err;
    }
  }

  async function facts(x: Executor, ctx: Ctx, card: CardRow, userId: string, forDate: string, excludeHoldId?: string) {
    const t = card.terms_json;
    const freezes = await cardRepo.freezesOf(x, ctx.tenantId, [card.id]);
    let family = null;
    if (userId !== card.member_id) {
      const f = await cardRepo.familyEntry(x, ctx.tenantId, card.id, userId);
      if (f) family = { isActive: f.is_active, maxSessions: f.max_sessions, sessionsUsed: f.sessions_used, sessionsHeld: await cardRepo.heldByUser(x, ctx.tenantId, card.id, userId, excludeHoldId) };
    }
    const ws = weekStart(forDate);
    return {
      status: card.status,
      holderId: card.member_id,
      issuingStoreId: card.store_id,
      regionId: card.region_id,
      terms: t,
      activatedOn: card.activated_on,
      activateOn: card.activate_on,
      activateBy: card.activate_by,
      expiresOn: card.expires_on,
      sessionsRemaining: card.sessions_remaining,
      sessionsHeld: card.sessions_held,
      freezes: freezeSpans(freezes),
      family,
      usesOnDate: t.perDayCap !== null ? await cardRepo.usesBetween(x, ctx.tenantId, card.id, forDate, forDate, excludeHoldId) : 0,
      usesInWeek: t.perWeekCap !== null ? await cardRepo.usesBetween(x, ctx.tenantId, card.id, ws, addDays(ws, 6), excludeHoldId) : 0,
    };
  }

  async function evaluate(x: Executor, ctx: Ctx, card: CardRow, r: UseRequest, store: { id: string; regionId: string | null }, forDate: string, excludeHoldId?: string): Promise<{ ok: true; verdict: UseVerdict } | { ok: false; problem: UseProblem | { code: 'CARD_USE_UNITS' } }> {
    const units = r.units ?? 1;
    if (!isSessionCard(card.terms_json) && units !== 1) return { ok: false, problem: { code: 'CARD_USE_UNITS' } };
    return checkUse(await facts(x, ctx, card, r.userId, forDate, excludeHoldId), { userId: r.userId, storeId: store.id, storeRegionId: store.regionId, forDate, items: r.items, units, coachLevel: r.coachLevel ?? null });
  }

  async function begin(x: Executor, ctx: Ctx, r: UseRequest) {
    // A named card is looked up first: an unknown card is the answer, whatever else the request says.
    if (r.cardId) await kit.requireCard(x, ctx, r.cardId);
    requireStoreAccess(ctx, r.storeId);
    const store = await kit.store(x, ctx, r.storeId);
    const at = r.at ?? kit.clock.iso();
    const forDate = await kit.dateOf(ctx.tenantId, new Date(at), x);
    return { store, at, forDate };
  }

  async function listEligible(x: Executor, ctx: Ctx, r: UseRequest, store: { id: string; regionId: string | null }, forDate: string): Promise<EligibilityView> {
    let cards: CardRow[];
    if (r.cardId) {
      const c = await cardRepo.byId(x, ctx.tenantId, r.cardId);
      if (!c) throw CardErrors.CARD_NOT_FOUND({ details: { cardId: r.cardId } });
      cards = [c];
    } else {
      cards = await cardRepo.usableFor(x, ctx.tenantId, r.userId);
    }
    const eligible: EligibleCardView[] = [];
    const ineligible: EligibilityView['ineligible'] = [];
    for (const c of cards) {
      const v = await evaluate(x, ctx, c, r, store, forDate);
      if (v.ok) {
        eligible.push({ cardId: c.id, cardNo: c.card_no, name: c.name, kind: c.kind, holderMemberId: c.member_id, isFamilyUse: v.verdict.isFamilyUse, expiresOn: v.verdict.expiresOn, sessionsAvailable: v.verdict.sessionsAvailable, willActivate: v.verdict.willActivate, willUnfreeze: v.verdict.willUnfreeze });
      } else {
        const e = kit.problem(ctx, v.problem);
        ineligible.push({ cardId: c.id, cardNo: c.card_no, name: c.name, code: e.code, message: e.localizedMessage(ctx.locale) });
      }
    }
    return { eligible: eligible.sort(bySoonestExpiry), ineligible };
  }

  /**
   * Lock the card to use (the named one, or the first eligible one that is still eligible once
   * locked) and return it with its verdict; refuses with the reason when none is.
   */
  async function lockUsable(trx: Tx, ctx: Ctx, r: UseRequest, store: { id: string; regionId: string | null }, forDate: string): Promise<{ card: CardRow; verdict: UseVerdict }> {
    if (r.cardId) {
      const card = await kit.requireCard(trx, ctx, r.cardId, { lock: true });
      const v = await evaluate(trx, ctx, card, r, store, forDate);
      if (!v.ok) throw kit.problem(ctx, v.problem);
      return { card, verdict: v.verdict };
    }
    const list = await listEligible(trx, ctx, r, store, forDate);
    for (const e of list.eligible) {
      const card = (await cardRepo.lock(trx, d, ctx.tenantId, e.cardId))!;
      const v = await evaluate(trx, ctx, card, r, store, forDate);
      if (v.ok) return { card, verdict: v.verdict };
    }
    throw CardErrors.CARD_NO_ELIGIBLE_CARD({ details: { ineligible: list.ineligible } });
  }

  /** Consume on a locked card already found eligible. */
  async function consume(trx: Tx, ctx: Ctx, card: CardRow, verdict: UseVerdict, u: { userId: string; storeId: string; units: number; forDate: string; items: UseKey[]; ref: { type: string; id: string } | null; holdId: string | null; key: string | null; hash: string | null }): Promise<UsageRow> {
    const t = card.terms_json;
    const today = await kit.today(ctx.tenantId, trx);
    if (verdict.willActivate && !card.activated_on) {
      const start = t.activationMode === 'date' && card.activate_on ? card.activate_on : card.activate_by ? minDate(card.activate_by, u.forDate) : u.forDate;
      await activateCard(kit, trx, ctx, card, start, 'first_use');
    }
    if (verdict.willUnfreeze) {
      const f = (await cardRepo.freezesOf(trx, ctx.tenantId, [card.id])).find((x) => x.status === 'active');
      if (f) await endFreezeToday(kit, trx, ctx, card, f, today, 'use');
    }
    const session = isSessionCard(t);
    const sessions = session ? u.units : 0;
    const firstUseOfDay = session ? true : !(await cardRepo.recognisedOn(trx, ctx.tenantId, card.id, u.forDate));
    const revenue = consumptionRevenue({ isSessionCard: session, valueRemaining: card.value_remaining, sessionsRemaining: card.sessions_remaining, paidAmount: card.paid_amount, daysGranted: card.days_granted }, sessions, firstUseOfDay);
    const posting = sessions > 0 ? await kit.post(trx, ctx, card, { kind: CARD_JOURNALS.consume, sessions: -sessions, storeId: u.storeId, reason: u.ref ? `${u.ref.type} ${u.ref.id}` : null }) : null;
    const now = kit.clock.iso();
    const id = newId(ID_PREFIXES.cardUsage);
    const row = {
      tenant_id: ctx.tenantId,
      id,
      card_id: card.id,
      member_id: card.member_id,
      user_id: u.userId,
      store_id: u.storeId,
      issuing_store_id: card.store_id,
      kind: 'consume' as const,
      units: u.units,
      sessions,
      hold_id: u.holdId,
      journal_id: posting?.journalId ?? null,
      revenue,
      for_date: u.forDate,
      items_json: toJson(u.items),
      ref_type: u.ref?.type ?? null,
      ref_id: u.ref?.id ?? null,
      idem_key: u.key,
      request_hash: u.hash,
      reverses_usage_id: null,
      reason: null,
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      created_at: now,
    };
    await cardRepo.insertUsage(trx, row);
    // Revenue belongs to the store where the session was consumed; another store than the one that took the money settles with it.
    if (revenue > 0) {
      await cardRepo.insertRevenue(trx, [{ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.cardRevenue), card_id: card.id, root_card_id: card.root_card_id, store_id: u.storeId, kind: 'consumption', amount: revenue, usage_id: id, business_date: today, created_at: now }]);
      if (u.storeId !== card.store_id) {
        await cardRepo.insertSettlement(trx, { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.cardSettlement), card_id: card.id, usage_id: id, issuing_store_id: card.store_id, consuming_store_id: u.storeId, amount: revenue, reverses_settlement_id: null, business_date: today, created_at: now });
      }
    }
    const before = card.sessions_remaining;
    card.sessions_remaining -= sessions;
    card.sessions_used += sessions;
    card.value_remaining -= revenue;
    card.last_used_at = now;
    card.updated_at = now;
    await cardRepo.update(trx, ctx.tenantId, card.id, { sessions_remaining: card.sessions_remaining, sessions_used: card.sessions_used, value_remaining: card.value_remaining, last_used_at: now, updated_at: now });
    if (verdict.isFamilyUse) {
      const f = await cardRepo.familyEntry(trx, ctx.tenantId, card.id, u.userId);
      if (f) await cardRepo.updateFamily(trx, ctx.tenantId, card.id, u.userId, { sessions_used: f.sessions_used + u.units, updated_at: now });
    }
    await remindLowSessions(kit, trx, ctx, card, before);
    await settleCard(kit, trx, ctx, card, today);
    await kit.deps.audit.record(trx, ctx, { action: 'card.consume', entityType: 'member_card', entityId: card.id, storeId: u.storeId, after: { usageId: id, userId: u.userId, units: u.units, holdId: u.holdId, revenue, isCrossStore: u.storeId !== card.store_id, sessionsRemaining: card.sessions_remaining, ref: u.ref } });
    return (await cardRepo.usageById(trx, ctx.tenantId, id))!;
  }

  async function presentHold(x: Executor, ctx: Ctx, h: HoldRow): Promise<HoldView> {
    const card = await cardRepo.byId(x, ctx.tenantId, h.card_id);
    return {
      id: h.id,
      cardId: h.card_id,
      cardNo: card?.card_no ?? '',
      memberId: h.member_id,
      userId: h.user_id,
      storeId: h.store_id,
      units: h.units,
      status: h.status,
      forAt: h.for_at,
      forDate: h.for_date,
      items: h.items_json,
      ref: h.ref_type && h.ref_id ? { type: h.ref_type, id: h.ref_id } : null,
      usageId: h.usage_id,
      releaseReason: h.release_reason,
      createdAt: h.created_at,
      resolvedAt: h.resolved_at,
    };
  }

  async function presentUsages(x: Executor, ctx: Ctx, rows: UsageRow[]): Promise<UsageView[]> {
    const cards = new Map((await cardRepo.byIds(x, ctx.tenantId, [...new Set(rows.map((r) => r.card_id))])).map((c) => [c.id, c]));
    const reversals = rows.length
      ? await x.selectFrom('card_usages').select(['id', 'reverses_usage_id']).where('tenant_id', '=', ctx.tenantId).where('reverses_usage_id', 'in', rows.map((r) => r.id)).execute()
      : [];
    return rows.map((u) => {
      const c = cards.get(u.card_id);
      return {
        id: u.id,
        cardId: u.card_id,
        cardNo: c?.card_no ?? '',
        kind: u.kind,
        memberId: u.member_id,
        userId: u.user_id,
        storeId: u.store_id,
        units: u.units,
        holdId: u.hold_id,
        revenue: u.revenue,
        isCrossStore: u.store_id !== u.issuing_store_id,
        forDate: u.for_date,
        items: u.items_json,
        ref: u.ref_type && u.ref_id ? { type: u.ref_type, id: u.ref_id } : null,
        reversesUsageId: u.reverses_usage_id,
        reversedByUsageId: reversals.find((r) => r.reverses_usage_id === u.id)?.id ?? null,
        reason: u.reason,
        actorName: u.actor_name,
        sessionsRemaining: c && isSessionCard(c.terms_json) ? c.sessions_remaining : null,
        createdAt: u.created_at,
      };
    });
  }
  const presentUsage = async (x: Executor, ctx: Ctx, u: UsageRow) => (await presentUsages(x, ctx, [u]))[0];

  const replayHold = async (ctx: Ctx, key: string, hash: string, x: Executor) => {
    const h = await cardRepo.holdByKey(x, ctx.tenantId, key);
    if (!h) return null;
    if (h.request_hash !== hash) throw CardErrors.CARD_KEY_REUSED({ details: { key } });
    return h;
  };
  const replayUsage = async (ctx: Ctx, key: string, hash: string, x: Executor) => {
    const u = await cardRepo.usageByKey(x, ctx.tenantId, key);
    if (!u) return null;
    if (u.request_hash !== hash) throw CardErrors.CARD_KEY_REUSED({ details: { key } });
    return u;
  };

  return {
    presentUsages,

    /** Cards that may pay for an item: eligible ones soonest-expiring first, and why the others may not. */
    async eligibleCards(ctx: Ctx, r: UseRequest, opt?: { trx?: Executor }): Promise<EligibilityView> {
      requirePermission(ctx, 'card.consume');
      const x = opt?.trx ?? db;
      const { store, forDate } = await begin(x, ctx, r);
      return listEligible(x, ctx, r, store, forDate);
    },

    /** Reserve sessions for a booking; returns the hold (the same one again for a repeated key). */
    async hold(ctx: Ctx, r: KeyedUseRequest & { at: string }, opt?: TxOption): Promise<HoldView & { replayed: boolean }> {
      requirePermission(ctx, 'card.consume');
      const hash = fingerprint('hold', r);
      const replay = async (x: Executor) => {
        const h = await replayHold(ctx, r.key, hash, x);
        return h ? { ...(await presentHold(x, ctx, h)), replayed: true } : null;
      };
      return run(
        opt,
        async (trx) => {
          const earlier = await replay(trx);
          if (earlier) return earlier;
          const { store, at, forDate } = await begin(trx, ctx, r);
          const { card } = await lockUsable(trx, ctx, r, store, forDate);
          // A duplicate that waited on the card's lock now sees the first one's hold.
          const raced = await replay(trx);
          if (raced) return raced;
          const units = r.units ?? 1;
          const sessions = isSessionCard(card.terms_json) ? units : 0;
          const now = kit.clock.iso();
          const id = newId(ID_PREFIXES.cardHold);
          await cardRepo.insertHold(trx, {
            tenant_id: ctx.tenantId,
            id,
            card_id: card.id,
            member_id: card.member_id,
            user_id: r.userId,
            store_id: store.id,
            units,
            sessions,
            status: 'held',
            for_at: new Date(at).toISOString(),
            for_date: forDate,
            items_json: toJson(r.items),
            ref_type: r.ref?.type ?? null,
            ref_id: r.ref?.id ?? null,
            idem_key: r.key,
            request_hash: hash,
            usage_id: null,
            release_reason: null,
            created_at: now,
            resolved_at: null,
          });
          if (sessions > 0) await cardRepo.update(trx, ctx.tenantId, card.id, { sessions_held: card.sessions_held + sessions, updated_at: now });
          await kit.deps.audit.record(trx, ctx, { action: 'card.hold', entityType: 'member_card', entityId: card.id, storeId: store.id, after: { holdId: id, userId: r.userId, units, forDate, ref: r.ref ?? null } });
          return { ...(await presentHold(trx, ctx, (await cardRepo.holdById(trx, ctx.tenantId, id))!)), replayed: false };
        },
        async () => (await replay(db)) ?? Promise.reject(CommonErrors.IDEMPOTENCY_IN_PROGRESS()),
      );
    },

    /** Turn a hold into a consumption (check-in, late cancellation, no-show). Consuming it again returns the same consumption. */
    async consumeHold(ctx: Ctx, holdId: string, opt?: TxOption): Promise<UsageView & { replayed: boolean }> {
      requirePermission(ctx, 'card.consume');
      return run(opt, async (trx) => {
        const first = await cardRepo.holdById(trx, ctx.tenantId, holdId);
        if (!first) throw CardErrors.CARD_HOLD_NOT_FOUND({ details: { holdId } });
        requireStoreAccess(ctx, first.store_id);
        const card = await kit.requireCard(trx, ctx, first.card_id, { lock: true });
        const h = (await cardRepo.holdById(trx, ctx.tenantId, holdId))!;
        if (h.status === 'consumed') {
          if (opt?.repeat === 'refuse') throw CardErrors.CARD_HOLD_ALREADY_CONSUMED({ details: { holdId } });
          return { ...(await presentUsage(trx, ctx, (await cardRepo.usageById(trx, ctx.tenantId, h.usage_id!))!)), replayed: true };
        }
        if (h.status === 'released') throw CardErrors.CARD_HOLD_RELEASED({ details: { holdId } });
        // The hold was checked when it was made; now only the start and a running freeze matter.
        card.sessions_held -= h.sessions;
        await cardRepo.update(trx, ctx.tenantId, card.id, { sessions_held: card.sessions_held });
        const t = card.terms_json;
        const activeFreeze = (await cardRepo.freezesOf(trx, ctx.tenantId, [card.id])).some((f) => f.status === 'active');
        const verdict: UseVerdict = { expiresOn: card.expires_on, sessionsAvailable: null, willActivate: !card.activated_on, willUnfreeze: activeFreeze && t.freeze.isAutoUnfreezeOnUse, isFamilyUse: h.user_id !== card.member_id };
        const usage = await consume(trx, ctx, card, verdict, { userId: h.user_id, storeId: h.store_id, units: h.units, forDate: h.for_date, items: h.items_json, ref: h.ref_type && h.ref_id ? { type: h.ref_type, id: h.ref_id } : null, holdId: h.id, key: null, hash: null });
        await cardRepo.updateHold(trx, ctx.tenantId, h.id, { status: 'consumed', usage_id: usage.id, resolved_at: kit.clock.iso() });
        return { ...(await presentUsage(trx, ctx, usage)), replayed: false };
      });
    },

    /** Give a hold back (timely cancellation, class cancelled). Releasing it again is a no-op. */
    async releaseHold(ctx: Ctx, holdId: string, req: { reason?: string | null } = {}, opt?: TxOption): Promise<HoldView & { replayed: boolean }> {
      requirePermission(ctx, 'card.consume');
      return run(opt, async (trx) => {
        const first = await cardRepo.holdById(trx, ctx.tenantId, holdId);
        if (!first) throw CardErrors.CARD_HOLD_NOT_FOUND({ details: { holdId } });
        requireStoreAccess(ctx, first.store_id);
        const card = await kit.requireCard(trx, ctx, first.card_id, { lock: true });
        const h = (await cardRepo.holdById(trx, ctx.tenantId, holdId))!;
        if (h.status === 'released') {
          if (opt?.repeat === 'refuse') throw CardErrors.CARD_HOLD_ALREADY_RELEASED({ details: { holdId } });
          return { ...(await presentHold(trx, ctx, h)), replayed: true };
        }
        if (h.status === 'consumed') throw CardErrors.CARD_HOLD_CONSUMED({ details: { holdId } });
        const now = kit.clock.iso();
        await cardRepo.updateHold(trx, ctx.tenantId, h.id, { status: 'released', release_reason: req.reason ?? null, resolved_at: now });
        card.sessions_held -= h.sessions;
        await cardRepo.update(trx, ctx.tenantId, card.id, { sessions_held: card.sessions_held, updated_at: now });
        if (card.status === 'expired') await writeOffReleased(kit, trx, ctx, card, h.sessions, await kit.today(ctx.tenantId, trx));
        await kit.deps.audit.record(trx, ctx, { action: 'card.hold.release', entityType: 'member_card', entityId: card.id, storeId: h.store_id, after: { holdId: h.id, units: h.units, reason: req.reason ?? null } });
        return { ...(await presentHold(trx, ctx, (await cardRepo.holdById(trx, ctx.tenantId, h.id))!)), replayed: false };
      });
    },

    /** Consume without a booking (walk-in check-in); time cards check their daily and weekly caps. */
    async consumeDirect(ctx: Ctx, r: KeyedUseRequest, opt?: TxOption): Promise<UsageView & { replayed: boolean }> {
      requirePermission(ctx, 'card.consume');
      const hash = fingerprint('consume', r);
      const replay = async (x: Executor) => {
        const u = await replayUsage(ctx, r.key, hash, x);
        return u ? { ...(await presentUsage(x, ctx, u)), replayed: true } : null;
      };
      return run(
        opt,
        async (trx) => {
          const earlier = await replay(trx);
          if (earlier) return earlier;
          const { store, forDate } = await begin(trx, ctx, r);
          const { card, verdict } = await lockUsable(trx, ctx, r, store, forDate);
          const raced = await replay(trx);
          if (raced) return raced;
          const usage = await consume(trx, ctx, card, verdict, { userId: r.userId, storeId: store.id, units: r.units ?? 1, forDate, items: r.items, ref: r.ref ?? null, holdId: null, key: r.key, hash });
          return { ...(await presentUsage(trx, ctx, usage)), replayed: false };
        },
        async () => (await replay(db)) ?? Promise.reject(CommonErrors.IDEMPOTENCY_IN_PROGRESS()),
      );
    },

    /** Undo a consumption: its sessions, revenue and settlement are reversed by linked entries. Reversing it again returns the same reversal. */
    async reverseConsumption(ctx: Ctx, usageId: string, req: { reason: string }, opt?: TxOption): Promise<UsageView & { replayed: boolean }> {
      requirePermission(ctx, 'card.consume');
      return run(opt, async (trx) => {
        const u0 = await cardRepo.usageById(trx, ctx.tenantId, usageId);
        if (!u0) throw CardErrors.CARD_USAGE_NOT_FOUND({ details: { usageId } });
        requireStoreAccess(ctx, u0.store_id);
        if (u0.kind !== 'consume') throw CardErrors.CARD_USAGE_REVERSED({ details: { usageId } });
        const card = await kit.requireCard(trx, ctx, u0.card_id, { lock: true });
        const done = await cardRepo.reversalOf(trx, ctx.tenantId, usageId);
        if (done) {
          if (opt?.repeat === 'refuse') throw CardErrors.CARD_USAGE_REVERSED({ details: { usageId } });
          return { ...(await presentUsage(trx, ctx, done)), replayed: true };
        }
        if (['expired', 'transferred', 'refunded', 'cancelled'].includes(card.status)) throw kit.problem(ctx, { code: 'CARD_USAGE_NOT_REVERSIBLE', status: card.status });
        const today = await kit.today(ctx.tenantId, trx);
        const now = kit.clock.iso();
        const reversal = u0.journal_id ? await kit.deps.ledger.reverse(trx, ctx, u0.journal_id, req.reason) : null;
        const id = newId(ID_PREFIXES.cardUsage);
        await cardRepo.insertUsage(trx, {
          ...u0,
          items_json: toJson(u0.items_json),
          id,
          kind: 'reversal',
          units: -u0.units,
          sessions: -u0.sessions,
          journal_id: reversal?.journalId ?? null,
          revenue: -u0.revenue,
          idem_key: null,
          request_hash: null,
          reverses_usage_id: u0.id,
          reason: req.reason,
          actor_type: ctx.actor.type,
          actor_id: ctx.actor.id,
          actor_name: ctx.actor.name,
          created_at: now,
        });
        if (u0.revenue !== 0) {
          await cardRepo.insertRevenue(trx, [{ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.cardRevenue), card_id: card.id, root_card_id: card.root_card_id, store_id: u0.store_id, kind: 'consumption_reversal', amount: -u0.revenue, usage_id: id, business_date: today, created_at: now }]);
        }
        const s = await cardRepo.settlementOfUsage(trx, ctx.tenantId, u0.id);
        if (s) {
          await cardRepo.insertSettlement(trx, { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.cardSettlement), card_id: card.id, usage_id: id, issuing_store_id: s.issuing_store_id, consuming_store_id: s.consuming_store_id, amount: -s.amount, reverses_settlement_id: s.id, business_date: today, created_at: now });
        }
        card.sessions_remaining += u0.sessions;
        card.sessions_used -= u0.sessions;
        card.value_remaining += u0.revenue;
        card.updated_at = now;
        await cardRepo.update(trx, ctx.tenantId, card.id, { sessions_remaining: card.sessions_remaining, sessions_used: card.sessions_used, value_remaining: card.value_remaining, updated_at: now });
        if (u0.user_id !== u0.member_id) {
          const f = await cardRepo.familyEntry(trx, ctx.tenantId, card.id, u0.user_id);
          if (f) await cardRepo.updateFamily(trx, ctx.tenantId, card.id, u0.user_id, { sessions_used: Math.max(0, f.sessions_used - u0.units), updated_at: now });
        }
        await kit.deps.audit.record(trx, ctx, { action: 'card.consume.reverse', entityType: 'member_card', entityId: card.id, storeId: u0.store_id, after: { usageId: u0.id, reversalId: id, units: u0.units, revenue: u0.revenue, reason: req.reason } });
        return { ...(await presentUsage(trx, ctx, (await cardRepo.usageById(trx, ctx.tenantId, id))!)), replayed: false };
      });
    },

    async getHold(ctx: Ctx, holdId: string): Promise<HoldView> {
      requirePermission(ctx, 'card.read');
      const h = await cardRepo.holdById(db, ctx.tenantId, holdId);
      if (!h) throw CardErrors.CARD_HOLD_NOT_FOUND({ details: { holdId } });
      return presentHold(db, ctx, h);
    },
  };
}
