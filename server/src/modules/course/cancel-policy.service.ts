import { type Executor, type Tx, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import type { CancelFeeKind, ClassCancelFeesTable } from '../../db/schema';
import { type Ctx, requirePermission, requireStoreAccess } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import type { Selectable } from 'kysely';
import { CourseErrors } from './course.errors';
import type { CourseKit } from './course.kit';
import { type BookingRow, type SessionRow, courseRepo } from './course.repo';
import { type CancelDecision, type CancelPolicy, type CancelRule, banUntil, decideCancellation, defaultCancelPolicy, localToUtc } from './course.rules';
import type { CancelFeeView, CancelPolicyView, CancelPreview } from './cancel-policy.schemas';

type FeeRow = Selectable<ClassCancelFeesTable>;
const DAY = 86_400_000;

/**
 * The cancellation policy: an ordered rule list (first match decides release / forfeit / fee /
 * strike), the month's grace allowances, the booking ban, and late fees owed until collected or
 * waived. The booking and no-show paths ask `decide` inside their transaction, under the class's
 * row lock. Known gap: on PostgreSQL two cancellations of one member in two different classes at
 * the same instant lock different rows and could both use the month's last grace (SQLite
 * serialises writers).
 */
export function createCancelPolicy(kit: CourseKit) {
  const { db } = kit;
  const { audit } = kit.deps;

  async function policy(x: Executor, tenantId: string): Promise<CancelPolicy & { isCustom: boolean }> {
    const settings = await kit.settings(x, tenantId);
    const row = await x.selectFrom('course_cancel_policies').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!row) return { ...defaultCancelPolicy(settings.lateCancelMinutes, settings.banAfterCount), isCustom: false };
    const rules = (typeof row.rules_json === 'string' ? JSON.parse(row.rules_json) : row.rules_json) as CancelRule[];
    return { rules, graceLateCancelsPerMonth: row.grace_per_month, banAfterCount: settings.banAfterCount, banDays: row.ban_days, isCustom: true };
  }

  /** The start of the tenant's calendar month holding `now` (grace allowances count per month). */
  async function monthStart(x: Executor, tenantId: string, now: string): Promise<string> {
    const today = await kit.dateOf(tenantId, new Date(now), x);
    return localToUtc(`${today.slice(0, 7)}-01`, '00:00', await kit.timeZone(tenantId, x));
  }

  async function graceUsed(x: Executor, tenantId: string, memberId: string, now: string): Promise<number> {
    const r = await x
      .selectFrom('class_bookings')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('member_id', '=', memberId)
      .where('is_grace', '=', true)
      .where('cancelled_at', '>=', await monthStart(x, tenantId, now))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async function decide(x: Executor, ctx: Ctx, b: BookingRow, s: SessionRow, e: { isNoShow?: boolean; isWaived?: boolean }): Promise<CancelDecision & { graceRemaining: number; rule: CancelRule | null; policy: CancelPolicy }> {
    const p = await policy(x, ctx.tenantId);
    const now = kit.clock.iso();
    const used = await graceUsed(x, ctx.tenantId, b.member_id, now);
    const dec = decideCancellation(p, { now, startsAt: s.starts_at, isNoShow: e.isNoShow, isWaived: e.isWaived, graceUsedThisMonth: used });
    return { ...dec, graceRemaining: Math.max(0, p.graceLateCancelsPerMonth - used), rule: dec.ruleIndex !== null && dec.ruleIndex >= 0 ? p.rules[dec.ruleIndex] : null, policy: p };
  }

  /** Record the decision's fee as owed by the booking member (one per booking). */
  async function chargeFee(trx: Tx, ctx: Ctx, b: BookingRow, s: SessionRow, dec: CancelDecision, kind: CancelFeeKind): Promise<string | null> {
    if (dec.feeFen <= 0) return null;
    const now = kit.clock.iso();
    const id = newId(ID_PREFIXES.cancelFee);
    await trx
      .insertInto('class_cancel_fees')
      .values({ tenant_id: ctx.tenantId, id, member_id: b.member_id, booking_id: b.id, session_id: s.id, store_id: s.store_id, kind, rule_index: dec.ruleIndex ?? -1, amount: dec.feeFen, status: 'due', settle_note: null, settled_by: null, settled_at: null, order_id: null, created_at: now, updated_at: now })
      .execute();
    await audit.record(trx, ctx, { action: 'course.cancel_fee.charge', entityType: 'classCancelFee', entityId: id, storeId: s.store_id, after: { bookingId: b.id, memberId: b.member_id, amount: dec.feeFen, kind, ruleIndex: dec.ruleIndex } });
    return id;
  }

  /** Refuse booking while the member is banned (K strikes in 30 days → D days). */
  async function assertNotBanned(x: Executor, ctx: Ctx, memberId: string): Promise<void> {
    const p = await policy(x, ctx.tenantId);
    if (p.banAfterCount <= 0) return;
    const now = kit.clock.iso();
    const since = new Date(Date.parse(now) - (30 + (p.banDays ?? 0)) * DAY).toISOString();
    const times = (await courseRepo.strikeTimesSince(x, ctx.tenantId, memberId, since)).map((r) => r.updated_at);
    const until = banUntil(times, now, p);
    if (until) {
      const count = times.filter((t) => Date.parse(t) > Date.parse(now) - 30 * DAY).length;
      throw CourseErrors.COURSE_BOOKING_BANNED({ params: { count }, details: { count, banAfterCount: p.banAfterCount, bannedUntil: until } });
    }
  }

  async function presentFees(x: Executor, ctx: Ctx, rows: FeeRow[]): Promise<CancelFeeView[]> {
    const sessions = new Map((await courseRepo.sessionsByIds(x, ctx.tenantId, [...new Set(rows.map((r) => r.session_id))])).map((s) => [s.id, s]));
    const courses = new Map((await courseRepo.coursesByIds(x, ctx.tenantId, [...new Set([...sessions.values()].map((s) => s.course_id))])).map((c) => [c.id, c]));
    return rows.map((f) => {
      const s = sessions.get(f.session_id);
      return {
        id: f.id,
        memberId: f.member_id,
        bookingId: f.booking_id,
        sessionId: f.session_id,
        storeId: f.store_id,
        kind: f.kind,
        amount: Number(f.amount),
        status: f.status,
        courseName: (s && courses.get(s.course_id)?.name) ?? '',
        startsAt: s?.starts_at ?? '',
        settleNote: f.settle_note,
        settledBy: f.settled_by,
        settledAt: f.settled_at,
        orderId: f.order_id,
        createdAt: f.created_at,
      };
    });
  }

  async function settle(ctx: Ctx, id: string, to: 'paid' | 'waived', note: string) {
    requirePermission(ctx, to === 'waived' ? 'course.waive' : 'course.book');
    return kit.idempotent(ctx, async (trx) => {
      const f = await kit.d.forUpdate(trx.selectFrom('class_cancel_fees').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id)).executeTakeFirst();
      if (!f) throw CourseErrors.COURSE_FEE_NOT_FOUND({ details: { feeId: id } });
      requireStoreAccess(ctx, f.store_id);
      if (f.status !== 'due') throw CourseErrors.COURSE_FEE_SETTLED({ params: { status: f.status }, details: { feeId: id, status: f.status } });
      const now = kit.clock.iso();
      await trx.updateTable('class_cancel_fees').set({ status: to, settle_note: note, settled_by: ctx.actor.name, settled_at: now, updated_at: now }).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
      await audit.record(trx, ctx, { action: to === 'paid' ? 'course.cancel_fee.collect' : 'course.cancel_fee.waive', entityType: 'classCancelFee', entityId: id, storeId: f.store_id, before: { status: f.status }, after: { status: to, note, amount: Number(f.amount) } });
      const row = (await trx.selectFrom('class_cancel_fees').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst())!;
      return (await presentFees(trx, ctx, [row]))[0];
    });
  }

  return {
    policy,
    decide,
    chargeFee,
    assertNotBanned,

    async getPolicy(ctx: Ctx): Promise<CancelPolicyView> {
      requirePermission(ctx, 'course.read');
      return policy(db, ctx.tenantId);
    },

    /** Save the rule list (checked in the body schema: every rule can apply, every moment has one); banAfterCount is the course settings' value. */
    async putPolicy(ctx: Ctx, p: CancelPolicy): Promise<CancelPolicyView> {
      requirePermission(ctx, 'course.settings');
      return inTransaction(kit.deps.database, async (trx) => {
        const before = await policy(trx, ctx.tenantId);
        const now = kit.clock.iso();
        const row = { rules_json: toJson(p.rules), grace_per_month: p.graceLateCancelsPerMonth, ban_days: p.banDays, updated_at: now };
        await trx.insertInto('course_cancel_policies').values({ tenant_id: ctx.tenantId, ...row }).onConflict((oc) => oc.column('tenant_id').doUpdateSet(row)).execute();
        if (p.banAfterCount !== before.banAfterCount) {
          await kit.saveSettings(trx, ctx.tenantId, { ...(await kit.settings(trx, ctx.tenantId)), banAfterCount: p.banAfterCount });
        }
        const after = await policy(trx, ctx.tenantId);
        await audit.record(trx, ctx, { action: 'course.cancel_policy', entityType: 'courseCancelPolicy', entityId: ctx.tenantId, before, after });
        return after;
      });
    },

    /** What cancelling a booking now would do (the console shows it before confirming). */
    async preview(ctx: Ctx, bookingId: string, q: { waive?: boolean }): Promise<CancelPreview> {
      requirePermission(ctx, 'course.read');
      const b = await courseRepo.booking(db, ctx.tenantId, bookingId);
      if (!b) throw CourseErrors.COURSE_BOOKING_NOT_FOUND({ details: { bookingId } });
      const s = await kit.requireSession(db, ctx, b.session_id);
      const minutesBefore = Math.floor((Date.parse(s.starts_at) - Date.parse(kit.clock.iso())) / 60_000);
      if (b.status !== 'confirmed' && b.status !== 'waitlisted') throw CourseErrors.COURSE_BOOKING_NOT_CANCELLABLE({ params: { status: b.status }, details: { status: b.status } });
      const dec = await decide(db, ctx, b, s, { isWaived: q.waive });
      if (b.status === 'waitlisted') return { bookingId, status: b.status, outcome: 'waitlist', feeFen: 0, countsTowardBan: false, isLate: false, isGrace: false, isWaived: false, graceRemaining: dec.graceRemaining, ruleIndex: null, rule: null, minutesBefore };
      return { bookingId, status: b.status, outcome: dec.session, feeFen: dec.feeFen, countsTowardBan: dec.countsTowardBan, isLate: dec.isLate, isGrace: dec.isGrace, isWaived: dec.isWaived, graceRemaining: dec.graceRemaining, ruleIndex: dec.ruleIndex, rule: dec.rule, minutesBefore };
    },

    async listFees(ctx: Ctx, q: { memberId?: string; status?: 'due' | 'paid' | 'waived' }): Promise<CancelFeeView[]> {
      requirePermission(ctx, 'course.read');
      let qb = db.selectFrom('class_cancel_fees').selectAll().where('tenant_id', '=', ctx.tenantId);
      if (q.memberId) qb = qb.where('member_id', '=', q.memberId);
      if (q.status) qb = qb.where('status', '=', q.status);
      const rows = (await qb.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute()).filter((f) => ctx.storeScope.all || ctx.storeScope.storeIds.has(f.store_id));
      return presentFees(db, ctx, rows);
    },
    /** The fee was taken at the desk (outside the cashier's orders): recorded with who and how. */
    collectFee: (ctx: Ctx, id: string, input: { note: string }) => settle(ctx, id, 'paid', input.note),
    waiveFee: (ctx: Ctx, id: string, input: { note: string }) => settle(ctx, id, 'waived', input.note),
  };
}

export type CancelPolicyService = ReturnType<typeof createCancelPolicy>;
