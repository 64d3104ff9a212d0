import { type Database, type Executor, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import { runIdempotent } from '../../db/idempotency';
import { enqueueEvents } from '../../db/outbox';
import type { Clock } from '../../shared/clock';
import { type Ctx, requirePermission, systemCtx } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { type TimelineSink, noTimeline } from '../../shared/timeline';
import type { AuditService } from '../audit';
import type { LedgerService, Posting } from '../ledger';
import { PointsErrors } from './points.errors';
import { type LotRow, pointsRepo } from './points.repo';
import { type EarnRule, type ExpiryPolicy, type RedemptionRule, expiryDate, lotOrder, planConsumption } from './points.rules';

export const POINTS_JOURNALS = {
  earn: 'points_earn',
  release: 'points_release',
  redeem: 'points_redeem',
  restore: 'points_restore',
  clawback: 'points_clawback',
  expire: 'points_expire',
  grant: 'points_grant',
  deduct: 'points_deduct',
  /** Points carried over from another system by a member import. */
  opening: 'points_opening',
} as const;

export interface PointsSettings {
  /** Points per ¥1 paid. */
  earnPerYuan: number;
  /** Points from an order stay pending this many days (the refund window); 0 = at once. */
  pendingDays: number;
  fenPerPoint: number;
  capBasisPoints: number | null;
  capAmount: number | null;
  redeemStep: number;
  expiry: ExpiryPolicy;
  remindDaysBefore: number;
  earnOnRecharge: boolean;
  /** Points granted for events; 0 turns an event off. */
  eventPoints: EventPoints;
}

/** Points per event: sign-up (once), birthday month (once a year), referral (the referrer, once per referred member's first purchase), check-in. */
export interface EventPoints {
  signUp: number;
  birthdayMonth: number;
  referral: number;
  checkIn: number;
}

export type PointsEvent = keyof EventPoints | 'tierBirthdayGift';

export const NO_EVENT_POINTS: EventPoints = { signUp: 0, birthdayMonth: 0, referral: 0, checkIn: 0 };

export const DEFAULT_POINTS_SETTINGS: PointsSettings = {
  earnPerYuan: 1,
  pendingDays: 0,
  fenPerPoint: 1,
  capBasisPoints: 5000,
  capAmount: null,
  redeemStep: 1,
  expiry: { type: 'fixed_date', month: 12, day: 31, yearsAfter: 1 },
  remindDaysBefore: 30,
  earnOnRecharge: false,
  eventPoints: NO_EVENT_POINTS,
};

export interface PointsSummary {
  available: number;
  pending: number;
  /** Open lots, soonest-expiring first. */
  lots: { id: string; remaining: number; expiresOn: string | null; earnedAt: string }[];
  pendingAwards: { id: string; points: number; releaseAt: string; orderId: string | null }[];
  nextExpiry: { date: string; points: number } | null;
}

export type PointsService = ReturnType<typeof createPointsService>;

export function createPointsService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditService;
  ledger: LedgerService;
  businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string>;
  idempotencyHours: number;
  timeline?: TimelineSink<Executor>;
}) {
  const { database, clock, audit, ledger } = deps;
  const timeline = deps.timeline ?? noTimeline;
  const db = database.db;
  const idem = { dialect: database.dialect, clock, ttlHours: deps.idempotencyHours };

  // A checkout asks for the settings three times (price, earn, lot expiry): once per transaction.
  const settingsInTx = new WeakMap<object, Map<string, PointsSettings>>();
  async function settingsOf(trx: Executor, tenantId: string): Promise<PointsSettings> {
    if (!trx.isTransaction) return readSettings(trx, tenantId);
    let memo = settingsInTx.get(trx);
    if (!memo) settingsInTx.set(trx, (memo = new Map()));
    let s = memo.get(tenantId);
    if (!s) memo.set(tenantId, (s = await readSettings(trx, tenantId)));
    return s;
  }

  async function readSettings(trx: Executor, tenantId: string): Promise<PointsSettings> {
    const r = await pointsRepo.settings(trx, tenantId);
    if (!r) return DEFAULT_POINTS_SETTINGS;
    return {
      earnPerYuan: r.earn_per_yuan_milli / 1000,
      pendingDays: r.pending_days,
      fenPerPoint: r.fen_per_point,
      capBasisPoints: r.cap_bp,
      capAmount: r.cap_amount,
      redeemStep: r.redeem_step,
      expiry: r.expiry_json,
      remindDaysBefore: r.remind_days_before,
      earnOnRecharge: r.is_earn_on_recharge,
      eventPoints: { ...NO_EVENT_POINTS, ...(r.event_points_json ?? {}) },
    };
  }

  /** Add a lot for points just credited to the points account. */
  async function addLot(trx: Executor, ctx: Ctx, memberId: string, entryId: string, points: number, earnedAt: Date): Promise<void> {
    const s = await settingsOf(trx, ctx.tenantId);
    const day = await deps.businessDate(ctx.tenantId, earnedAt, trx);
    const lotId = newId(ID_PREFIXES.pointsLot);
    await pointsRepo.insertLot(trx, {
      tenant_id: ctx.tenantId,
      id: lotId,
      member_id: memberId,
      source_entry_id: entryId,
      points,
      remaining: points,
      earned_at: earnedAt.toISOString(),
      expires_on: expiryDate(s.expiry, day),
      expiry_warned_at: null,
    });
    await pointsRepo.insertMoves(trx, [{ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.pointsLotMove), lot_id: lotId, entry_id: entryId, points, created_at: earnedAt.toISOString() }]);
  }

  /** Draw points from lots (the points account must be locked by the caller's posting). */
  async function consumeLots(trx: Executor, ctx: Ctx, memberId: string, entryId: string, points: number, preferLotId?: string): Promise<void> {
    const lots = await pointsRepo.openLots(trx, ctx.tenantId, memberId);
    const sorted = [...lots].sort((a, b) => (a.id === preferLotId ? -1 : b.id === preferLotId ? 1 : lotOrder(asLot(a), asLot(b))));
    const plan = preferLotId ? planInOrder(sorted, points) : planConsumption(lots.map(asLot), points);
    const now = clock.iso();
    for (const p of plan) {
      const lot = lots.find((l) => l.id === p.lotId)!;
      await pointsRepo.setRemaining(trx, ctx.tenantId, lot.id, lot.remaining - p.points);
    }
    await pointsRepo.insertMoves(
      trx,
      plan.map((p) => ({ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.pointsLotMove), lot_id: p.lotId, entry_id: entryId, points: -p.points, created_at: now })),
    );
  }

  async function lockedPoints(trx: Executor, ctx: Ctx, memberId: string): Promise<{ available: number; pending: number }> {
    const locked = await ledger.lock(trx, ctx, memberId, [{ kind: 'points' }, { kind: 'points_pending' }]);
    return { available: locked.balance('points'), pending: locked.balance('points_pending') };
  }

  async function debit(trx: Executor, ctx: Ctx, input: { memberId: string; points: number; kind: string; orderId?: string; storeId?: string; reason?: string; refersToEntryId?: string; refType?: string; refId?: string }): Promise<Posting> {
    const { available } = await lockedPoints(trx, ctx, input.memberId);
    if (available < input.points) throw PointsErrors.POINTS_INSUFFICIENT({ params: { available, required: input.points }, details: { available, required: input.points } });
    const posting = await ledger.post(trx, ctx, {
      memberId: input.memberId,
      kind: input.kind,
      orderId: input.orderId,
      storeId: input.storeId,
      reason: input.reason,
      refType: input.refType,
      refId: input.refId,
      lines: [{ kind: 'points', amount: -input.points, refersToEntryId: input.refersToEntryId }],
    });
    await consumeLots(trx, ctx, input.memberId, posting.entries[0].id, input.points);
    return posting;
  }

  return {
    settings: (trx: Executor, tenantId: string) => settingsOf(trx, tenantId),

    async getSettings(ctx: Ctx): Promise<PointsSettings> {
      requirePermission(ctx, 'points.read');
      return settingsOf(db, ctx.tenantId);
    },

    async updateSettings(ctx: Ctx, input: Omit<PointsSettings, 'eventPoints'> & { eventPoints?: EventPoints }): Promise<PointsSettings> {
      requirePermission(ctx, 'points.settings');
      return inTransaction(database, async (trx) => {
        const before = await settingsOf(trx, ctx.tenantId);
        // Leaving eventPoints out keeps the saved event rules (older clients send the rest only).
        const s: PointsSettings = { ...input, eventPoints: input.eventPoints ?? before.eventPoints };
        await pointsRepo.upsertSettings(trx, {
          tenant_id: ctx.tenantId,
          earn_per_yuan_milli: Math.round(s.earnPerYuan * 1000),
          pending_days: s.pendingDays,
          fen_per_point: s.fenPerPoint,
          cap_bp: s.capBasisPoints,
          cap_amount: s.capAmount,
          redeem_step: s.redeemStep,
          expiry_json: toJson(s.expiry),
          remind_days_before: s.remindDaysBefore,
          is_earn_on_recharge: s.earnOnRecharge,
          event_points_json: toJson(s.eventPoints),
          updated_at: clock.iso(),
        });
        settingsInTx.delete(trx);
        await audit.record(trx, ctx, { action: 'points.settings_update', entityType: 'pointsSettings', entityId: ctx.tenantId, before, after: s, diff: true });
        return s;
      });
    },

    redemptionRule(s: PointsSettings): RedemptionRule {
      return { fenPerPoint: s.fenPerPoint, capBasisPoints: s.capBasisPoints, capAmount: s.capAmount, step: s.redeemStep };
    },

    earnRule(s: PointsSettings): EarnRule {
      return { pointsPerYuan: s.earnPerYuan };
    },

    async summary(trx: Executor, tenantId: string, memberId: string): Promise<PointsSummary> {
      const balances = await ledger.balances(trx, tenantId, memberId);
      const lots = (await pointsRepo.openLots(trx, tenantId, memberId)).sort((a, b) => lotOrder(asLot(a), asLot(b)));
      const pend = await pointsRepo.pendingOf(trx, tenantId, memberId);
      const first = lots.find((l) => l.expires_on !== null);
      return {
        available: balances.find((b) => b.kind === 'points')?.balance ?? 0,
        pending: balances.find((b) => b.kind === 'points_pending')?.balance ?? 0,
        lots: lots.map((l) => ({ id: l.id, remaining: l.remaining, expiresOn: l.expires_on, earnedAt: l.earned_at })),
        pendingAwards: pend.map((p) => ({ id: p.id, points: p.points - p.reversed_points, releaseAt: p.release_at, orderId: p.order_id })),
        nextExpiry: first ? { date: first.expires_on!, points: lots.filter((l) => l.expires_on === first.expires_on).reduce((s, l) => s + l.remaining, 0) } : null,
      };
    },

    /** Points held now (locks the member's points accounts for the caller's transaction). */
    available: async (trx: Executor, ctx: Ctx, memberId: string) => (await lockedPoints(trx, ctx, memberId)).available,

    /** Award points earned by an order: pending for the refund window, or at once. */
    async earn(trx: Executor, ctx: Ctx, input: { memberId: string; orderId: string; storeId: string; points: number }): Promise<Posting | null> {
      if (input.points <= 0) return null;
      const s = await settingsOf(trx, ctx.tenantId);
      const now = clock.now();
      if (s.pendingDays > 0) {
        const posting = await ledger.post(trx, ctx, { memberId: input.memberId, kind: POINTS_JOURNALS.earn, orderId: input.orderId, storeId: input.storeId, lines: [{ kind: 'points_pending', amount: input.points }] });
        await pointsRepo.insertPending(trx, {
          tenant_id: ctx.tenantId,
          id: newId(ID_PREFIXES.pointsPending),
          member_id: input.memberId,
          order_id: input.orderId,
          earn_entry_id: posting.entries[0].id,
          points: input.points,
          reversed_points: 0,
          earned_at: now.toISOString(),
          release_at: new Date(now.getTime() + s.pendingDays * 86_400_000).toISOString(),
          released_at: null,
        });
        return posting;
      }
      const posting = await ledger.post(trx, ctx, { memberId: input.memberId, kind: POINTS_JOURNALS.earn, orderId: input.orderId, storeId: input.storeId, lines: [{ kind: 'points', amount: input.points }] });
      await addLot(trx, ctx, input.memberId, posting.entries[0].id, input.points, now);
      return posting;
    },

    /** Use points as payment in an order. */
    redeem(trx: Executor, ctx: Ctx, input: { memberId: string; orderId: string; storeId: string; points: number }): Promise<Posting> {
      return debit(trx, ctx, { ...input, kind: POINTS_JOURNALS.redeem });
    },

    /** Give back points an order spent, into the lots they came from (latest-expiring first). */
    async restore(trx: Executor, ctx: Ctx, input: { memberId: string; orderId: string; storeId: string; refundId: string; points: number; redeemEntryId: string }): Promise<Posting | null> {
      if (input.points <= 0) return null;
      await lockedPoints(trx, ctx, input.memberId);
      const posting = await ledger.post(trx, ctx, {
        memberId: input.memberId,
        kind: POINTS_JOURNALS.restore,
        orderId: input.orderId,
        storeId: input.storeId,
        refType: 'refund',
        refId: input.refundId,
        lines: [{ kind: 'points', amount: input.points, refersToEntryId: input.redeemEntryId }],
      });
      const moves = await pointsRepo.movesOfEntries(trx, ctx.tenantId, [input.redeemEntryId]);
      const lots = await pointsRepo.lotsByIds(trx, ctx.tenantId, [...new Set(moves.map((m) => m.lot_id))]);
      let left = input.points;
      const now = clock.iso();
      const restoreMoves = [];
      for (const lot of lots.sort((a, b) => -lotOrder(asLot(a), asLot(b)))) {
        if (left <= 0) break;
        const give = Math.min(left, lot.points - lot.remaining);
        if (give <= 0) continue;
        await pointsRepo.setRemaining(trx, ctx.tenantId, lot.id, lot.remaining + give);
        restoreMoves.push({ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.pointsLotMove), lot_id: lot.id, entry_id: posting.entries[0].id, points: give, created_at: now });
        left -= give;
      }
      await pointsRepo.insertMoves(trx, restoreMoves);
      if (left > 0) await addLot(trx, ctx, input.memberId, posting.entries[0].id, left, clock.now());
      return posting;
    },

    /**
     * Take back points an order earned (a refund). Pending points are cancelled first; points
     * already released come out of the balance. Returns what could not be recovered because the
     * member has already used those points — the caller deducts their value from the refund.
     */
    async clawback(trx: Executor, ctx: Ctx, input: { memberId: string; orderId: string; storeId: string; refundId: string; points: number; earnEntryId: string }): Promise<{ recovered: number; shortfall: number }> {
      if (input.points <= 0) return { recovered: 0, shortfall: 0 };
      const { available, pending } = await lockedPoints(trx, ctx, input.memberId);
      const award = await pointsRepo.pendingByEarnEntry(trx, ctx.tenantId, input.earnEntryId);
      let left = input.points;
      if (award && !award.released_at) {
        const cancel = Math.min(left, award.points - award.reversed_points, pending);
        if (cancel > 0) {
          await ledger.post(trx, ctx, {
            memberId: input.memberId,
            kind: POINTS_JOURNALS.clawback,
            orderId: input.orderId,
            storeId: input.storeId,
            refType: 'refund',
            refId: input.refundId,
            lines: [{ kind: 'points_pending', amount: -cancel, refersToEntryId: input.earnEntryId }],
          });
          await pointsRepo.addReversed(trx, ctx.tenantId, award.id, award.reversed_points + cancel);
          left -= cancel;
        }
      }
      const take = Math.min(left, available);
      if (take > 0) {
        const posting = await ledger.post(trx, ctx, {
          memberId: input.memberId,
          kind: POINTS_JOURNALS.clawback,
          orderId: input.orderId,
          storeId: input.storeId,
          refType: 'refund',
          refId: input.refundId,
          lines: [{ kind: 'points', amount: -take, refersToEntryId: award ? undefined : input.earnEntryId }],
        });
        const ownLot = await pointsRepo.lotBySourceEntry(trx, ctx.tenantId, input.earnEntryId);
        await consumeLots(trx, ctx, input.memberId, posting.entries[0].id, take, ownLot?.id);
        left -= take;
      }
      return { recovered: input.points - left, shortfall: left };
    },

    /** Manual grant or deduction with a reason (permission points.adjust), audited. */
    async adjust(ctx: Ctx, input: { memberId: string; points: number; reason: string }): Promise<{ value: { journalId: string; available: number }; replayed: boolean }> {
      requirePermission(ctx, 'points.adjust');
      if (input.points === 0) throw PointsErrors.POINTS_ADJUSTMENT_EMPTY();
      return inTransaction(database, (trx) => runIdempotent(trx, ctx, idem, async () => {
        let posting: Posting;
        if (input.points > 0) {
          await lockedPoints(trx, ctx, input.memberId);
          posting = await ledger.post(trx, ctx, { memberId: input.memberId, kind: POINTS_JOURNALS.grant, reason: input.reason, lines: [{ kind: 'points', amount: input.points }] });
          await addLot(trx, ctx, input.memberId, posting.entries[0].id, input.points, clock.now());
        } else {
          posting = await debit(trx, ctx, { memberId: input.memberId, points: -input.points, kind: POINTS_JOURNALS.deduct, reason: input.reason });
        }
        await audit.record(trx, ctx, { action: 'points.adjust', entityType: 'member', entityId: input.memberId, after: { points: input.points, reason: input.reason, journalId: posting.journalId } });
        await timeline(trx, ctx, { memberId: input.memberId, kind: 'points.adjusted', refType: 'journal', refId: posting.journalId, summary: { points: input.points, reason: input.reason } });
        return { journalId: posting.journalId, available: posting.entries[posting.entries.length - 1].balanceAfter };
      }));
    },

    /** Opening points of an imported member (inside the import's transaction): one lot from today. */
    async grantOpening(trx: Executor, ctx: Ctx, input: { memberId: string; storeId: string; importJobId: string; points: number; reason: string }): Promise<Posting | null> {
      if (input.points <= 0) return null;
      const posting = await ledger.post(trx, ctx, { memberId: input.memberId, kind: POINTS_JOURNALS.opening, storeId: input.storeId, reason: input.reason, refType: 'importJob', refId: input.importJobId, lines: [{ kind: 'points', amount: input.points }] });
      await addLot(trx, ctx, input.memberId, posting.entries[0].id, input.points, clock.now());
      return posting;
    },

    /** Grant points for an event (sign-up, birthday month, referral, check-in) from other modules. */
    async grantForEvent(trx: Executor, ctx: Ctx, input: { memberId: string; points: number; reason: string; refType?: string; refId?: string }): Promise<Posting | null> {
      if (input.points <= 0) return null;
      await lockedPoints(trx, ctx, input.memberId);
      const posting = await ledger.post(trx, ctx, { memberId: input.memberId, kind: POINTS_JOURNALS.grant, reason: input.reason, refType: input.refType, refId: input.refId, lines: [{ kind: 'points', amount: input.points }] });
      await addLot(trx, ctx, input.memberId, posting.entries[0].id, input.points, clock.now());
      return posting;
    },

    /**
     * Grant points for an event once per (event, member, period): the claim row is inserted
     * first, so a job re-run, a retried request or two processes at once grant it once. Returns
     * null when already granted or when the amount is 0.
     */
    async grantEventOnce(trx: Executor, ctx: Ctx, input: { event: PointsEvent; memberId: string; period: string; points: number; reason: string; refType?: string; refId?: string; storeId?: string | null }): Promise<Posting | null> {
      if (input.points <= 0) return null;
      const claimed = await pointsRepo.claimEventGrant(trx, { tenant_id: ctx.tenantId, event: input.event, member_id: input.memberId, period: input.period, points: input.points, journal_id: null, granted_at: clock.iso() });
      if (!claimed) return null;
      await lockedPoints(trx, ctx, input.memberId);
      const posting = await ledger.post(trx, ctx, {
        memberId: input.memberId,
        kind: POINTS_JOURNALS.grant,
        reason: input.reason,
        storeId: input.storeId ?? undefined,
        refType: input.refType ?? 'points_event',
        refId: input.refId ?? `${input.event}:${input.period}`,
        lines: [{ kind: 'points', amount: input.points }],
      });
      await addLot(trx, ctx, input.memberId, posting.entries[0].id, input.points, clock.now());
      await pointsRepo.setEventGrantJournal(trx, ctx.tenantId, input.event, input.memberId, input.period, posting.journalId);
      await enqueueEvents(trx, ctx.tenantId, clock.iso(), [{ topic: 'points.granted', payload: { memberId: input.memberId, event: input.event, points: input.points, journalId: posting.journalId } }]);
      return posting;
    },

    /** Claim an event without points (e.g. a gift handed over at the desk); false when claimed before. */
    async claimEventOnce(trx: Executor, ctx: Ctx, input: { event: PointsEvent; memberId: string; period: string }): Promise<boolean> {
      return pointsRepo.claimEventGrant(trx, { tenant_id: ctx.tenantId, event: input.event, member_id: input.memberId, period: input.period, points: 0, journal_id: null, granted_at: clock.iso() });
    },

    /** Sign-up points for a member just created at the desk, online or through the API (not imports). */
    async onMemberSignedUp(trx: Executor, ctx: Ctx, memberId: string, storeId: string | null): Promise<void> {
      const s = await settingsOf(trx, ctx.tenantId);
      await this.grantEventOnce(trx, ctx, { event: 'signUp', memberId, period: '-', points: s.eventPoints.signUp, reason: 'sign-up', storeId });
    },

    /** The referrer's points when the member they referred pays for something the first time (once per referred member). */
    async onReferredPurchase(trx: Executor, ctx: Ctx, input: { referrerMemberId: string; memberId: string; orderId: string; storeId: string }): Promise<void> {
      const s = await settingsOf(trx, ctx.tenantId);
      await this.grantEventOnce(trx, ctx, { event: 'referral', memberId: input.referrerMemberId, period: input.memberId, points: s.eventPoints.referral, reason: 'referral', refType: 'order', refId: input.orderId, storeId: input.storeId });
    },

    /** Points for a check-in (called by check-in in the same transaction; once per check-in). */
    async onCheckIn(trx: Executor, ctx: Ctx, input: { memberId: string; checkInId: string; storeId: string }): Promise<void> {
      const s = await settingsOf(trx, ctx.tenantId);
      await this.grantEventOnce(trx, ctx, { event: 'checkIn', memberId: input.memberId, period: input.checkInId, points: s.eventPoints.checkIn, reason: 'check-in', refType: 'check_in', refId: input.checkInId, storeId: input.storeId });
    },

    // ---- jobs ----
    /** Release pending points whose refund window has passed. */
    async releaseDue(limit = 500): Promise<number> {
      let released = 0;
      await inTransaction(database, async (trx) => {
        const due = await pointsRepo.dueForRelease(trx, database.dialect, clock.iso(), limit);
        for (const p of due) {
          const points = p.points - p.reversed_points;
          const ctx = systemCtx(p.tenant_id, { name: 'points.release' });
          if (points > 0) {
            const posting = await ledger.post(trx, ctx, {
              memberId: p.member_id,
              kind: POINTS_JOURNALS.release,
              orderId: p.order_id,
              lines: [
                { kind: 'points_pending', amount: -points, refersToEntryId: p.earn_entry_id },
                { kind: 'points', amount: points },
              ],
            });
            await addLot(trx, ctx, p.member_id, posting.entries[1].id, points, new Date(p.earned_at));
          }
          await pointsRepo.markReleased(trx, p.tenant_id, p.id, clock.iso());
          released++;
        }
      });
      return released;
    },

    /** Expire lots whose date has come, one journal per member. */
    async expireDue(limit = 500): Promise<number> {
      // The latest local date anywhere (UTC+14): candidates only; each tenant is checked in its own time zone.
      const today = new Date(clock.now().getTime() + 14 * 3600_000).toISOString().slice(0, 10);
      const members = await pointsRepo.membersWithExpired(db, today, limit);
      let expired = 0;
      for (const m of members) {
        await inTransaction(database, async (trx) => {
          const ctx = systemCtx(m.tenant_id, { name: 'points.expire' });
          const localToday = await deps.businessDate(m.tenant_id, clock.now(), trx);
          await lockedPoints(trx, ctx, m.member_id);
          const lots = await pointsRepo.expiredLots(trx, m.tenant_id, m.member_id, localToday);
          const total = lots.reduce((s, l) => s + l.remaining, 0);
          if (total <= 0) return;
          const posting = await ledger.post(trx, ctx, { memberId: m.member_id, kind: POINTS_JOURNALS.expire, reason: `expired ${lots.map((l) => l.expires_on).sort()[0]}`, lines: [{ kind: 'points', amount: -total }] });
          const now = clock.iso();
          for (const l of lots) await pointsRepo.setRemaining(trx, m.tenant_id, l.id, 0);
          await pointsRepo.insertMoves(trx, lots.map((l) => ({ tenant_id: m.tenant_id, id: newId(ID_PREFIXES.pointsLotMove), lot_id: l.id, entry_id: posting.entries[0].id, points: -l.remaining, created_at: now })));
          await enqueueEvents(trx, m.tenant_id, now, [{ topic: 'points.expired', payload: { memberId: m.member_id, points: total, journalId: posting.journalId } }]);
          await timeline(trx, ctx, { memberId: m.member_id, kind: 'points.expired', refType: 'journal', refId: posting.journalId, summary: { points: total, lots: lots.length } });
          expired += total;
        });
      }
      return expired;
    },

    /** An outbox event before points expire (the notification module sends it). */
    async warnExpiring(limit = 1000): Promise<number> {
      const settings = await pointsRepo.allSettings(db);
      const maxDays = Math.max(DEFAULT_POINTS_SETTINGS.remindDaysBefore, ...settings.map((s) => s.remind_days_before));
      const now = clock.now();
      const today = now.toISOString().slice(0, 10);
      const until = new Date(now.getTime() + maxDays * 86_400_000).toISOString().slice(0, 10);
      const lots = await pointsRepo.lotsToWarn(db, today, until, limit);
      const groups = new Map<string, LotRow[]>();
      for (const l of lots) {
        const days = settings.find((s) => s.tenant_id === l.tenant_id)?.remind_days_before ?? DEFAULT_POINTS_SETTINGS.remindDaysBefore;
        const limitDay = new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
        if (l.expires_on! > limitDay) continue;
        const k = `${l.tenant_id}|${l.member_id}`;
        groups.set(k, [...(groups.get(k) ?? []), l]);
      }
      for (const [k, ls] of groups) {
        const [tenantId, memberId] = k.split('|');
        await inTransaction(database, async (trx) => {
          const nowIso = clock.iso();
          await enqueueEvents(trx, tenantId, nowIso, [
            { topic: 'points.expiring', payload: { memberId, points: ls.reduce((s, l) => s + l.remaining, 0), expiresOn: ls.map((l) => l.expires_on).sort()[0] } },
          ]);
          await pointsRepo.markWarned(trx, tenantId, ls.map((l) => l.id), nowIso);
        });
      }
      return groups.size;
    },
  };
}

function asLot(l: LotRow) {
  return { id: l.id, remaining: l.remaining, expiresOn: l.expires_on, earnedAt: l.earned_at };
}

function planInOrder(lots: LotRow[], points: number): { lotId: string; points: number }[] {
  const plan: { lotId: string; points: number }[] = [];
  let left = points;
  for (const l of lots) {
    if (left <= 0) break;
    const take = Math.min(l.remaining, left);
    if (take > 0) plan.push({ lotId: l.id, points: take });
    left -= take;
  }
  if (left > 0) throw new RangeError('not enough points in lots');
  return plan;
}
