import { randomUUID } from 'node:crypto';
import type { Executor, Tx } from '../../db/database';
import type { BookingStatus, UseKey } from '../../db/schema';
import { type Ctx, hasPermission } from '../../shared/context';
import type { Locale } from '../../shared/i18n';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { CourseErrors } from './course.errors';
import type { CourseKit } from './course.kit';
import { type BookingRow, type CheckInRow, type CourseRow, type SessionRow, courseRepo } from './course.repo';
import { ageAllowed } from './course.rules';
import type { BookingView, CheckInView } from './course.schemas';
import type { Attendee } from './course.types';
import type { CancelPolicyService } from './cancel-policy.service';
import { presentUsageById } from '../card';

/** What the booking and check-in services share: people, ages, card holds and consumption, timeline, presenters. */

export const STATUS_NAMES: Record<BookingStatus, Record<Locale, string>> = {
  confirmed: { 'zh-CN': '已预约', en: 'confirmed' },
  waitlisted: { 'zh-CN': '候补中', en: 'waitlisted' },
  attended: { 'zh-CN': '已签到', en: 'attended' },
  cancelled: { 'zh-CN': '已取消', en: 'cancelled' },
  late_cancelled: { 'zh-CN': '迟取消', en: 'cancelled late' },
  no_show: { 'zh-CN': '未到', en: 'no-show' },
  expired: { 'zh-CN': '候补已失效', en: 'waitlist expired' },
  on_leave: { 'zh-CN': '已请假', en: 'on leave' },
};

function ageRangeText(locale: Locale, c: CourseRow): string {
  const zh = locale === 'zh-CN';
  const m = (n: number) => (n % 12 === 0 && n > 0 ? (zh ? `${n / 12} 岁` : `${n / 12} years`) : zh ? `${n} 个月` : `${n} months`);
  if (c.min_age_months !== null && c.max_age_months !== null) return `${m(c.min_age_months)}–${m(c.max_age_months)}`;
  if (c.min_age_months !== null) return zh ? `${m(c.min_age_months)}以上` : `${m(c.min_age_months)} and older`;
  return zh ? `${m(c.max_age_months!)}以下` : `up to ${m(c.max_age_months!)}`;
}

const itemsOf = (c: CourseRow): UseKey[] => [
  { type: 'course', id: c.id },
  { type: 'course_category', id: c.category },
];

export type BookingHelpers = ReturnType<typeof createBookingHelpers>;

export function createBookingHelpers(kit: CourseKit, policy: CancelPolicyService) {
  const { consumption, people } = kit.deps;
  const audit = kit.deps.audit;
  const elevate = (ctx: Ctx): Ctx => (hasPermission(ctx, 'card.consume') ? ctx : { ...ctx, permissions: new Set([...ctx.permissions, 'card.consume']) });
  const statusName = (ctx: Ctx, s: BookingStatus) => STATUS_NAMES[s][ctx.locale];

  async function timeline(trx: Executor, ctx: Ctx, b: { id: string; member_id: string; attendee_id: string }, kind: string, s: SessionRow, c: CourseRow, extra: Record<string, unknown> = {}) {
    await people.timeline(trx, ctx, { memberId: b.member_id, kind, refType: 'class_booking', refId: b.id, storeId: s.store_id, summary: { courseName: c.name, startsAt: s.starts_at, sessionId: s.id, attendeeId: b.attendee_id, ...extra } });
  }

  function holdFor(trx: Tx, ctx: Ctx, b: { id: string; attendee_id: string }, s: SessionRow, c: CourseRow, cardId?: string | null) {
    return consumption.hold(elevate(ctx), { userId: b.attendee_id, storeId: s.store_id, items: itemsOf(c), at: s.starts_at, ...(cardId ? { cardId } : {}), ref: { type: 'booking', id: b.id }, key: `booking:${b.id}:${randomUUID()}` }, { trx });
  }

  function payerOf(a: Attendee, memberId?: string): string {
    if (a.kind === 'member') {
      if (memberId && memberId !== a.id) throw CourseErrors.COURSE_NOT_GUARDIAN({ details: [{ path: 'memberId' }] });
      return a.id;
    }
    if (memberId && !a.memberIds.includes(memberId)) throw CourseErrors.COURSE_NOT_GUARDIAN({ details: [{ path: 'memberId' }] });
    const m = memberId ?? a.memberIds[0];
    if (!m) throw CourseErrors.COURSE_NOT_GUARDIAN({ details: [{ path: 'memberId' }] });
    return m;
  }

  async function requireAttendee(x: Executor, ctx: Ctx, id: string): Promise<Attendee> {
    const a = await people.attendee(x, ctx, id);
    if (!a) throw CourseErrors.COURSE_ATTENDEE_NOT_FOUND({ details: { attendeeId: id } });
    return a;
  }

  function checkAge(ctx: Ctx, c: CourseRow, a: Attendee, onDate: string) {
    const r = ageAllowed({ minMonths: c.min_age_months, maxMonths: c.max_age_months }, a.birthday, onDate);
    if (!r.ok) throw CourseErrors.COURSE_AGE_NOT_ALLOWED({ params: { range: ageRangeText(ctx.locale, c) }, details: { ageMonths: r.ageMonths, minAgeMonths: c.min_age_months, maxAgeMonths: c.max_age_months } });
  }

  async function presentOne(x: Executor, ctx: Ctx, id: string): Promise<BookingView> {
    return (await kit.presentBookings(x, ctx, [(await courseRepo.booking(x, ctx.tenantId, id))!]))[0];
  }

  /**
   * A check-in as answered. `known` spares the lookups when the caller has them at hand (the
   * attendee's name, and the usage it just consumed): the check-in path calls this under the
   * class's row lock.
   */
  async function presentCheckIn(x: Executor, ctx: Ctx, ci: CheckInRow, isWalkIn: boolean, known: { attendeeName?: string | null; usage?: { sessionsRemaining: number | null } } = {}): Promise<CheckInView> {
    const attendeeName = known.attendeeName !== undefined ? known.attendeeName : ((await people.names(x, ctx, [ci.attendee_id])).get(ci.attendee_id) ?? null);
    let sessionsRemaining: number | null = null;
    if (known.usage) sessionsRemaining = known.usage.sessionsRemaining;
    else if (ci.usage_id) sessionsRemaining = (await presentUsageById(consumption, x, ctx, ci.usage_id))?.sessionsRemaining ?? null;
    return {
      id: ci.id,
      sessionId: ci.session_id,
      bookingId: ci.booking_id,
      memberId: ci.member_id,
      attendeeId: ci.attendee_id,
      attendeeName,
      method: ci.method,
      cardId: ci.card_id,
      usageId: ci.usage_id,
      isWalkIn,
      createdAt: ci.created_at,
      undoneAt: ci.undone_at,
      undoReason: ci.undo_reason,
      sessionsRemaining,
    };
  }

  async function consumeFor(trx: Tx, ctx: Ctx, b: BookingRow, s: SessionRow, c: CourseRow, cardId?: string | null) {
    if (b.hold_id) return consumption.consumeHold(elevate(ctx), b.hold_id, { trx });
    return consumption.consumeDirect(elevate(ctx), { userId: b.attendee_id, storeId: s.store_id, items: itemsOf(c), at: s.starts_at, ...(cardId ?? b.card_id ? { cardId: (cardId ?? b.card_id)! } : {}), ref: { type: 'booking', id: b.id }, key: `booking:${b.id}:${randomUUID()}` }, { trx });
  }

  async function markNoShow(trx: Tx, ctx: Ctx, b: BookingRow, s: SessionRow, c: CourseRow) {
    const now = kit.clock.iso();
    // The policy's after-start rule decides a no-show (by default: forfeit and a strike).
    const dec = await policy.decide(trx, ctx, b, s, { isNoShow: true });
    if (b.hold_id) {
      if (dec.session === 'forfeit') await consumption.consumeHold(elevate(ctx), b.hold_id, { trx });
      else await consumption.releaseHold(elevate(ctx), b.hold_id, { reason: 'no-show (policy releases)' }, { trx });
    }
    await courseRepo.updateBooking(trx, ctx.tenantId, b.id, { status: 'no_show', is_strike: dec.countsTowardBan, updated_at: now });
    const feeId = await policy.chargeFee(trx, ctx, b, s, dec, 'no_show');
    await timeline(trx, ctx, b, 'booking.no_show', s, c, feeId ? { feeFen: dec.feeFen, feeId } : {});
    await audit.record(trx, ctx, { action: 'course.booking.no_show', entityType: 'classBooking', entityId: b.id, storeId: s.store_id, after: { sessionId: s.id, holdId: b.hold_id, session: dec.session, ruleIndex: dec.ruleIndex, feeFen: dec.feeFen, isStrike: dec.countsTowardBan } });
  }

  async function insertCheckIn(trx: Tx, ctx: Ctx, c: { session: SessionRow; booking: BookingRow; method: CheckInRow['method']; cardId: string | null; usageId: string | null }): Promise<CheckInRow> {
    const row: CheckInRow = {
      tenant_id: ctx.tenantId,
      id: newId(ID_PREFIXES.checkIn),
      session_id: c.session.id,
      booking_id: c.booking.id,
      member_id: c.booking.member_id,
      attendee_id: c.booking.attendee_id,
      active_key: c.booking.attendee_id,
      method: c.method,
      card_id: c.cardId,
      usage_id: c.usageId,
      actor_name: ctx.actor.name,
      created_at: kit.clock.iso(),
      undone_at: null,
      undo_reason: null,
      undo_usage_id: null,
    };
    await courseRepo.insertCheckIn(trx, row);
    return row;
  }

  return { elevate, statusName, timeline, holdFor, payerOf, requireAttendee, checkAge, presentOne, presentCheckIn, consumeFor, markNoShow, insertCheckIn, itemsOf };
}
