import { type Executor, type Tx, inTransaction } from '../../db/database';
import { enqueueEvents } from '../../db/outbox';
import { type Ctx, hasPermission, requirePermission } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { CourseErrors } from './course.errors';
import type { CourseKit } from './course.kit';
import { type BookingRow, type CourseRow, type MakeupCreditRow, type SessionRow, courseRepo } from './course.repo';
import { addDays, bookingWindow, canPromote, cancellationOutcome, checkBookable } from './course.rules';
import type { BookingView, CourseSettings, SessionView } from './course.schemas';
import type { Attendee } from './course.types';
import type { BookingHelpers } from './booking.helpers';
import type { CancelPolicyService } from './cancel-policy.service';
import { teacherRepo } from './teacher.repo';

/**
 * Bookings, the waitlist, cancellations and leave (check-ins and no-shows: checkin.service.ts). Every change to a class's
 * bookings locks the class's row first (FOR UPDATE on PostgreSQL; SQLite serialises writers),
 * then the card the booking holds on — so the capacity is never exceeded and holds match.
 * Booking rights include placing the card hold (`course.book` / `course.checkin` act on the
 * card through the consumption API in the same transaction).
 */
export function createBookingService(kit: CourseKit, helpers: BookingHelpers, policy: CancelPolicyService) {
  const { db, d } = kit;
  const { audit, consumption, people, tier } = kit.deps;
  const h: BookingHelpers = helpers;
  const { elevate, statusName, timeline, holdFor, payerOf, requireAttendee, checkAge, presentOne } = h;

  async function requireCredit(trx: Tx, ctx: Ctx, id: string, use: { attendeeId: string; courseId: string; onDate: string }) {
    const c = await d.forUpdate(trx.selectFrom('makeup_credits').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id)).executeTakeFirst();
    if (!c) throw CourseErrors.COURSE_MAKEUP_NOT_FOUND({ details: { makeupCreditId: id } });
    if (c.status === 'used') throw CourseErrors.COURSE_MAKEUP_USED({ details: { makeupCreditId: id, usedBookingId: c.used_booking_id } });
    if (c.attendee_id !== use.attendeeId || c.course_id !== use.courseId) throw CourseErrors.COURSE_MAKEUP_MISMATCH({ details: { makeupCreditId: id } });
    if (use.onDate > c.expires_on) throw CourseErrors.COURSE_MAKEUP_EXPIRED({ params: { expiresOn: c.expires_on }, details: { makeupCreditId: id, expiresOn: c.expires_on } });
    return c;
  }

  async function presentCredits(x: Executor, ctx: Ctx, rows: MakeupCreditRow[]) {
    const courses = new Map((await courseRepo.coursesByIds(x, ctx.tenantId, [...new Set(rows.map((r) => r.course_id))])).map((c) => [c.id, c]));
    const today = await kit.dateOf(ctx.tenantId, kit.clock.now(), x);
    return rows.map((c) => ({
      id: c.id,
      memberId: c.member_id,
      attendeeId: c.attendee_id,
      courseId: c.course_id,
      courseName: courses.get(c.course_id)?.name ?? '',
      sourceBookingId: c.source_booking_id,
      status: c.status === 'open' && c.expires_on < today ? ('expired' as const) : c.status,
      expiresOn: c.expires_on,
      usedBookingId: c.used_booking_id,
      createdAt: c.created_at,
    }));
  }

  /**
   * Someone confirmed into a class leaves the waitlists of other classes at the same time (they
   * cannot attend both). Those classes' rows are locked in id order after this one's.
   */
  async function leaveOverlappingWaitlists(trx: Tx, ctx: Ctx, attendeeId: string, s: SessionRow) {
    const now = kit.clock.iso();
    for (const w of await courseRepo.overlappingWaitlisted(trx, ctx.tenantId, attendeeId, { sessionId: s.id, startsAt: s.starts_at, endsAt: s.ends_at })) {
      const other = (await courseRepo.lockSession(trx, d, ctx.tenantId, w.session_id))!;
      const b = (await courseRepo.booking(trx, ctx.tenantId, w.id))!;
      if (b.status !== 'waitlisted') continue;
      await courseRepo.updateBooking(trx, ctx.tenantId, b.id, { status: 'cancelled', active_key: null, waitlist_pos: null, cancel_reason: 'booked an overlapping class', cancelled_at: now, updated_at: now });
      await courseRepo.updateSession(trx, ctx.tenantId, other.id, { waitlist_count: Math.max(0, other.waitlist_count - 1), updated_at: now });
      const course = await kit.requireCourse(trx, ctx, other.course_id);
      await timeline(trx, ctx, b, 'booking.waitlist_left', other, course, { becauseSessionId: s.id });
    }
  }

  /**
   * Promote waitlisted bookings in order while places are free and the cut-off has not passed.
   * A promotion holds a card session; members without a usable card are skipped (they stay on
   * the waitlist). Each promotion writes a `booking.promoted` outbox event.
   */
  async function promote(trx: Tx, ctx: Ctx, sessionId: string, course: CourseRow, settings: CourseSettings): Promise<string[]> {
    const s = (await courseRepo.session(trx, ctx.tenantId, sessionId))!;
    const now = kit.clock.iso();
    if (s.status !== 'scheduled' || !canPromote(now, s.starts_at, settings.waitlistCutoffMinutes)) return [];
    let booked = s.booked_count;
    let waiting = s.waitlist_count;
    const promoted: string[] = [];
    // Inside the late-cancel window a promoted member could no longer cancel without forfeiting: only those who agreed are promoted there.
    const isLate = cancellationOutcome(now, s.starts_at, settings.lateCancelMinutes, false) === 'forfeit';
    for (const w of await courseRepo.waitlist(trx, ctx.tenantId, s.id)) {
      if (booked >= s.capacity) break;
      if (isLate && !w.is_late_promotion_ok) continue;
      let hold;
      try {
        hold = await holdFor(trx, ctx, w, s, course, w.card_id);
      } catch (err) {
        if (err instanceof AppError) continue;
        throw err;
      }
      await courseRepo.updateBooking(trx, ctx.tenantId, w.id, { status: 'confirmed', card_id: hold.cardId, hold_id: hold.id, waitlist_pos: null, confirmed_at: now, updated_at: now });
      booked++;
      waiting--;
      promoted.push(w.id);
      await leaveOverlappingWaitlists(trx, ctx, w.attendee_id, s);
      await enqueueEvents(trx, ctx.tenantId, now, [{ topic: 'booking.promoted', payload: { bookingId: w.id, sessionId: s.id, memberId: w.member_id, attendeeId: w.attendee_id, courseName: course.name, startsAt: s.starts_at, storeId: s.store_id } }]);
      await timeline(trx, ctx, w, 'booking.promoted', s, course);
      await audit.record(trx, ctx, { action: 'course.booking.promote', entityType: 'classBooking', entityId: w.id, storeId: s.store_id, after: { sessionId: s.id, holdId: hold.id, cardId: hold.cardId } });
    }
    if (promoted.length) await courseRepo.updateSession(trx, ctx.tenantId, s.id, { booked_count: booked, waitlist_count: waiting, updated_at: now });
    return promoted;
  }

  /** Cancel a class: confirmed bookings' holds are released, the waitlist is cleared, every booking's member is told (outbox `class.cancelled`). */
  async function cancelSessionIn(trx: Tx, ctx: Ctx, s: SessionRow, reason: string): Promise<number> {
    if (s.status === 'cancelled') throw CourseErrors.COURSE_SESSION_CANCELLED({ details: { sessionId: s.id } });
    const course = await kit.requireCourse(trx, ctx, s.course_id);
    const now = kit.clock.iso();
    const open = await courseRepo.bookingsOfSession(trx, ctx.tenantId, s.id, ['confirmed', 'waitlisted']);
    for (const b of open) {
      if (b.status === 'confirmed' && b.hold_id) await consumption.releaseHold(elevate(ctx), b.hold_id, { reason: 'class cancelled' }, { trx });
      await courseRepo.updateBooking(trx, ctx.tenantId, b.id, { status: 'cancelled', active_key: null, waitlist_pos: null, cancel_reason: reason, cancelled_at: now, updated_at: now });
      await enqueueEvents(trx, ctx.tenantId, now, [{ topic: 'class.cancelled', payload: { bookingId: b.id, sessionId: s.id, memberId: b.member_id, attendeeId: b.attendee_id, courseName: course.name, startsAt: s.starts_at, storeId: s.store_id, reason, wasWaitlisted: b.status === 'waitlisted' } }]);
      await timeline(trx, ctx, b, 'booking.class_cancelled', s, course, { reason });
    }
    await courseRepo.updateSession(trx, ctx.tenantId, s.id, { status: 'cancelled', cancel_reason: reason, cancelled_at: now, booked_count: 0, waitlist_count: 0, updated_at: now });
    await audit.record(trx, ctx, { action: 'course.session.cancel', entityType: 'classSession', entityId: s.id, storeId: s.store_id, after: { reason, bookingsReleased: open.length } });
    return open.length;
  }

  return {
    cancelSessionIn: async (trx: Tx, ctx: Ctx, s: SessionRow, reason: string) => {
      await cancelSessionIn(trx, ctx, s, reason);
    },

    // ---- sessions (those touching bookings) ----
    /**
     * A class with its roster (children's allergies and needs) and waitlist. The desk and managers
     * read every class; a teacher without desk rights (course.teach, not course.book) reads only
     * the classes they teach now (their own, or ones they substitute) — the teacher view's rule.
     */
    async getSession(ctx: Ctx, id: string) {
      requirePermission(ctx, 'course.read');
      const s = await kit.requireSession(db, ctx, id);
      if (hasPermission(ctx, 'course.teach') && !hasPermission(ctx, 'course.book') && !hasPermission(ctx, 'course.manage')) {
        const mine = ctx.actor.type === 'staff' && ctx.actor.id ? await teacherRepo.teacherOfStaff(db, ctx.tenantId, ctx.actor.id) : undefined;
        if (!mine) throw CourseErrors.COURSE_NOT_A_TEACHER();
        if ((s.substitute_teacher_id ?? s.teacher_id) !== mine.id) throw CourseErrors.COURSE_NOT_YOUR_CLASS({ details: { sessionId: s.id } });
      }
      const [view] = await kit.presentSessions(db, ctx, [s]);
      const rows = await courseRepo.bookingsOfSession(db, ctx.tenantId, s.id);
      const checkIns = (await courseRepo.checkInsOfSession(db, ctx.tenantId, s.id)).filter((c) => c.active_key);
      const roster = rows.filter((b) => ['confirmed', 'attended', 'no_show', 'late_cancelled'].includes(b.status));
      const waitlist = (await courseRepo.waitlist(db, ctx.tenantId, s.id)) as BookingRow[];
      const people2 = new Map<string, Attendee | null>();
      for (const b of roster) people2.set(b.attendee_id, await people.attendee(db, ctx, b.attendee_id));
      const views = await kit.presentBookings(db, ctx, roster);
      const teacherId = s.substitute_teacher_id ?? s.teacher_id;
      return {
        ...view,
        teacher: { id: teacherId, name: view.teacherName },
        bookings: views.map((v) => ({ ...v, allergies: people2.get(v.attendeeId)?.allergies ?? null, specialNeeds: people2.get(v.attendeeId)?.specialNeeds ?? null, checkInId: checkIns.find((c) => c.booking_id === v.id)?.id ?? null })),
        waitlist: await kit.presentBookings(db, ctx, waitlist),
      };
    },

    async cancelSession(ctx: Ctx, id: string, input: { reason: string }): Promise<SessionView> {
      requirePermission(ctx, 'course.manage');
      return inTransaction(kit.deps.database, async (trx) => {
        const s = await kit.requireSession(trx, ctx, id, { lock: true });
        await cancelSessionIn(trx, ctx, s, input.reason);
        return (await kit.presentSessions(trx, ctx, [(await courseRepo.session(trx, ctx.tenantId, id))!]))[0];
      });
    },

    /** A substitute teacher, another room or capacity for one class (overlaps refused; more places promote the waitlist). */
    async updateSession(ctx: Ctx, id: string, patch: { substituteTeacherId?: string | null; roomId?: string | null; capacity?: number }): Promise<SessionView> {
      requirePermission(ctx, 'course.manage');
      return inTransaction(kit.deps.database, async (trx) => {
        const s = await kit.requireSession(trx, ctx, id, { lock: true });
        if (s.status === 'cancelled') throw CourseErrors.COURSE_SESSION_CANCELLED({ details: { sessionId: id } });
        const roomId = patch.roomId !== undefined ? patch.roomId : s.room_id;
        const sub = patch.substituteTeacherId !== undefined ? patch.substituteTeacherId : s.substitute_teacher_id;
        if (patch.roomId) await kit.requireRoom(trx, ctx, patch.roomId, s.store_id);
        if (patch.substituteTeacherId) await kit.requireTeacher(trx, ctx, patch.substituteTeacherId, { active: true });
        if (patch.roomId !== undefined || patch.substituteTeacherId !== undefined) {
          if (roomId) await courseRepo.lockRoom(trx, d, ctx.tenantId, roomId);
          await courseRepo.lockTeacher(trx, d, ctx.tenantId, sub ?? s.teacher_id);
          await kit.assertNoOverlap(trx, ctx, { roomId, teacherId: sub ?? s.teacher_id, startsAt: s.starts_at, endsAt: s.ends_at, excludeId: s.id });
        }
        if (patch.capacity !== undefined && patch.capacity < s.booked_count) throw CourseErrors.COURSE_CAPACITY_BELOW_BOOKED({ params: { booked: s.booked_count }, details: [{ path: 'capacity' }] });
        const now = kit.clock.iso();
        await courseRepo.updateSession(trx, ctx.tenantId, id, { room_id: roomId, substitute_teacher_id: sub, ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}), updated_at: now });
        if (patch.capacity !== undefined && patch.capacity > s.capacity) await promote(trx, ctx, id, await kit.requireCourse(trx, ctx, s.course_id), await kit.settings(trx, ctx.tenantId));
        const [before] = await kit.presentSessions(trx, ctx, [s]);
        const [after] = await kit.presentSessions(trx, ctx, [(await courseRepo.session(trx, ctx.tenantId, id))!]);
        await audit.record(trx, ctx, { action: 'course.session.update', entityType: 'classSession', entityId: id, storeId: s.store_id, before, after, diff: true });
        return after;
      });
    },

    // ---- bookings ----
    async listBookings(ctx: Ctx, q: { memberId?: string; attendeeId?: string; limit: number }): Promise<BookingView[]> {
      requirePermission(ctx, 'course.read');
      const rows = await courseRepo.bookings(db, ctx.tenantId, q);
      const sessions = new Map((await courseRepo.sessionsByIds(db, ctx.tenantId, [...new Set(rows.map((r) => r.session_id))])).map((s) => [s.id, s]));
      const visible = rows.filter((r) => ctx.storeScope.all || ctx.storeScope.storeIds.has(sessions.get(r.session_id)?.store_id ?? ''));
      return kit.presentBookings(db, ctx, visible);
    },
    async getBooking(ctx: Ctx, id: string): Promise<BookingView> {
      requirePermission(ctx, 'course.read');
      const b = await courseRepo.booking(db, ctx.tenantId, id);
      if (!b) throw CourseErrors.COURSE_BOOKING_NOT_FOUND({ details: { bookingId: id } });
      await kit.requireSession(db, ctx, b.session_id);
      return presentOne(db, ctx, id);
    },

    /**
     * Book a member or child into a class: window, age and double booking checked, a card
     * session held (the named card, or the soonest-expiring eligible one); a full class refuses
     * (COURSE_SESSION_FULL) or waitlists when asked.
     */
    async book(ctx: Ctx, input: { sessionId: string; attendeeId: string; memberId?: string; cardId?: string; joinWaitlist: boolean; acceptLatePromotion?: boolean; makeupCreditId?: string }, source: 'staff' | 'member' = 'staff') {
      requirePermission(ctx, 'course.book');
      return kit.idempotent(ctx, async (trx) => {
        // Everything that does not depend on the class's seats is read before its row lock, and
        // the card hold is placed before it too (it locks only the member's card): the class's
        // lock is held for the seat check and the writes, so a storm on one class queues briefly.
        const s0 = await kit.requireSession(trx, ctx, input.sessionId);
        const course = await kit.requireCourse(trx, ctx, s0.course_id);
        const attendee = await requireAttendee(trx, ctx, input.attendeeId);
        const memberId = payerOf(attendee, input.memberId);
        const settings = await kit.settings(trx, ctx.tenantId);
        const now = kit.clock.iso();
        const benefits = await tier.benefits(trx, ctx.tenantId, memberId);
        // A make-up (补课) of a leave is not bound by the booking window's opening, only by the credit's period.
        const credit = input.makeupCreditId ? await requireCredit(trx, ctx, input.makeupCreditId, { attendeeId: attendee.id, courseId: course.id, onDate: s0.business_date }) : null;
        const window = bookingWindow(s0.starts_at, settings, benefits.bookingPriorityHours);
        if (credit) window.opensAt = new Date(0).toISOString();
        const refuse = (st: SessionRow) => {
          const problem = checkBookable(now, { status: st.status, startsAt: st.starts_at }, window);
          if (problem) {
            const { code, ...params } = problem;
            throw CourseErrors[code]({ params, details: { sessionId: st.id, ...params } });
          }
        };
        const already = async () => {
          const existing = await courseRepo.activeBooking(trx, ctx.tenantId, s0.id, attendee.id);
          if (existing) throw CourseErrors.COURSE_ALREADY_BOOKED({ params: { status: statusName(ctx, existing.status) }, details: { bookingId: existing.id, status: existing.status } });
        };
        refuse(s0);
        checkAge(ctx, course, attendee, s0.business_date);
        await policy.assertNotBanned(trx, ctx, memberId);
        await already();
        if (s0.booked_count >= s0.capacity && !input.joinWaitlist) throw CourseErrors.COURSE_SESSION_FULL({ params: { capacity: s0.capacity }, details: { sessionId: s0.id, capacity: s0.capacity, waitlisted: s0.waitlist_count } });
        const id = newId(ID_PREFIXES.booking);
        let hold = s0.booked_count < s0.capacity ? await holdFor(trx, ctx, { id, attendee_id: attendee.id }, s0, course, input.cardId) : null;

        const s = await kit.requireSession(trx, ctx, input.sessionId, { lock: true });
        refuse(s);
        await already();
        const full = s.booked_count >= s.capacity;
        if (full && !input.joinWaitlist) throw CourseErrors.COURSE_SESSION_FULL({ params: { capacity: s.capacity }, details: { sessionId: s.id, capacity: s.capacity, waitlisted: s.waitlist_count } });
        if (full && hold) {
          // The last seat went while the hold was placed: give it back and wait in line.
          await consumption.releaseHold(elevate(ctx), hold.id, { reason: 'class full: waitlisted' }, { trx });
          hold = null;
        }
        if (!full && !hold) hold = await holdFor(trx, ctx, { id, attendee_id: attendee.id }, s, course, input.cardId);
        const base = { tenant_id: ctx.tenantId, id, session_id: s.id, member_id: memberId, attendee_id: attendee.id, active_key: attendee.id, source, is_waived: false, makeup_credit_id: credit?.id ?? null, is_late_promotion_ok: input.acceptLatePromotion ?? false, cancel_reason: null, created_at: now, updated_at: now, cancelled_at: null };
        let position: number | null = null;
        if (full) {
          await courseRepo.insertBooking(trx, { ...base, status: 'waitlisted', waitlist_pos: s.next_waitlist_pos, card_id: input.cardId ?? null, hold_id: null, confirmed_at: null });
          await courseRepo.updateSession(trx, ctx.tenantId, s.id, { waitlist_count: s.waitlist_count + 1, next_waitlist_pos: s.next_waitlist_pos + 1, updated_at: now });
          position = s.waitlist_count + 1;
        } else {
          await courseRepo.insertBooking(trx, { ...base, status: 'confirmed', waitlist_pos: null, card_id: hold!.cardId, hold_id: hold!.id, confirmed_at: now });
          await courseRepo.updateSession(trx, ctx.tenantId, s.id, { booked_count: s.booked_count + 1, updated_at: now });
          await leaveOverlappingWaitlists(trx, ctx, attendee.id, s);
        }
        if (credit) await trx.updateTable('makeup_credits').set({ status: 'used', used_booking_id: id, updated_at: now }).where('tenant_id', '=', ctx.tenantId).where('id', '=', credit.id).execute();
        await timeline(trx, ctx, base, full ? 'booking.waitlisted' : 'booking.confirmed', s, course, credit ? { makeupCreditId: credit.id } : {});
        const view: BookingView = {
          id,
          sessionId: s.id,
          memberId,
          attendeeId: attendee.id,
          attendeeName: attendee.name,
          status: full ? 'waitlisted' : 'confirmed',
          source,
          waitlistPosition: position,
          cardId: full ? (input.cardId ?? null) : hold!.cardId,
          holdId: full ? null : hold!.id,
          isWaived: false,
          makeupCreditId: input.makeupCreditId ?? null,
          acceptsLatePromotion: input.acceptLatePromotion ?? false,
          cancelReason: null,
          createdAt: now,
          confirmedAt: full ? null : now,
          cancelledAt: null,
          startsAt: s.starts_at,
          courseName: course.name,
        };
        await audit.record(trx, ctx, { action: full ? 'course.booking.waitlist' : 'course.booking.create', entityType: 'classBooking', entityId: id, storeId: s.store_id, after: { sessionId: s.id, attendeeId: attendee.id, memberId, status: view.status, cardId: view.cardId, holdId: view.holdId } });
        return view;
      });
    },

    /**
     * Cancel: the policy's first matching rule decides — the hold released or forfeited (consumed),
     * a late fee owed, a strike toward the ban; a grace allowance or a manager's waiver makes a late
     * cancellation an in-time one. A freed place promotes the waitlist.
     */
    async cancel(ctx: Ctx, id: string, input: { reason?: string | null; waive: boolean }) {
      requirePermission(ctx, 'course.book');
      if (input.waive) {
        requirePermission(ctx, 'course.waive');
        if (!input.reason) throw CourseErrors.COURSE_WAIVE_REASON_REQUIRED({ details: [{ path: 'reason' }] });
      }
      return kit.idempotent(ctx, async (trx) => {
        const b0 = await courseRepo.booking(trx, ctx.tenantId, id);
        if (!b0) throw CourseErrors.COURSE_BOOKING_NOT_FOUND({ details: { bookingId: id } });
        const s = await kit.requireSession(trx, ctx, b0.session_id, { lock: true });
        const b = (await courseRepo.booking(trx, ctx.tenantId, id))!;
        if (b.status !== 'confirmed' && b.status !== 'waitlisted') throw CourseErrors.COURSE_BOOKING_NOT_CANCELLABLE({ params: { status: statusName(ctx, b.status) }, details: { status: b.status } });
        const course = await kit.requireCourse(trx, ctx, s.course_id);
        const settings = await kit.settings(trx, ctx.tenantId);
        const now = kit.clock.iso();
        let outcome: 'waitlist' | 'release' | 'forfeit' = 'waitlist';
        let decision: Awaited<ReturnType<typeof policy.decide>> | null = null;
        let feeId: string | null = null;
        if (b.status === 'waitlisted') {
          await courseRepo.updateBooking(trx, ctx.tenantId, id, { status: 'cancelled', active_key: null, waitlist_pos: null, cancel_reason: input.reason ?? null, cancelled_at: now, updated_at: now });
          await courseRepo.updateSession(trx, ctx.tenantId, s.id, { waitlist_count: s.waitlist_count - 1, updated_at: now });
        } else {
          decision = await policy.decide(trx, ctx, b, s, { isWaived: input.waive });
          outcome = decision.session;
          if (b.hold_id) {
            if (outcome === 'release') await consumption.releaseHold(elevate(ctx), b.hold_id, { reason: input.reason ?? 'booking cancelled' }, { trx });
            else await consumption.consumeHold(elevate(ctx), b.hold_id, { trx });
          }
          await courseRepo.updateBooking(trx, ctx.tenantId, id, { status: outcome === 'release' ? 'cancelled' : 'late_cancelled', is_waived: decision.isWaived, is_strike: decision.countsTowardBan, is_grace: decision.isGrace, active_key: null, cancel_reason: input.reason ?? null, cancelled_at: now, updated_at: now });
          await courseRepo.updateSession(trx, ctx.tenantId, s.id, { booked_count: s.booked_count - 1, updated_at: now });
          feeId = await policy.chargeFee(trx, ctx, b, s, decision, 'late_cancel');
          await promote(trx, ctx, s.id, course, settings);
        }
        // A make-up booking cancelled without forfeit gives its credit back.
        if (b.makeup_credit_id && outcome !== 'forfeit') await trx.updateTable('makeup_credits').set({ status: 'open', used_booking_id: null, updated_at: now }).where('tenant_id', '=', ctx.tenantId).where('id', '=', b.makeup_credit_id).execute();
        const policyFacts = decision ? { ruleIndex: decision.ruleIndex, feeFen: decision.feeFen, feeId, isStrike: decision.countsTowardBan, isGrace: decision.isGrace } : {};
        const shown = { ...(feeId ? { feeFen: decision!.feeFen, feeId } : {}), ...(decision?.isGrace ? { isGrace: true } : {}) };
        await timeline(trx, ctx, b, outcome === 'forfeit' ? 'booking.late_cancelled' : 'booking.cancelled', s, course, { reason: input.reason ?? null, isWaived: input.waive, ...shown });
        await audit.record(trx, ctx, { action: 'course.booking.cancel', entityType: 'classBooking', entityId: id, storeId: s.store_id, after: { outcome, reason: input.reason ?? null, isWaived: input.waive, ...policyFacts } });
        return presentOne(trx, ctx, id);
      });
    },

    /**
     * Leave (请假) for a booked class, before the late-cancel window: the card session is released,
     * the place goes to the waitlist, and the attendee gets a make-up credit for another class of
     * the same course within `makeupValidDays` (补课).
     */
    async leave(ctx: Ctx, id: string, input: { reason?: string | null }) {
      requirePermission(ctx, 'course.book');
      return kit.idempotent(ctx, async (trx) => {
        const b0 = await courseRepo.booking(trx, ctx.tenantId, id);
        if (!b0) throw CourseErrors.COURSE_BOOKING_NOT_FOUND({ details: { bookingId: id } });
        const s = await kit.requireSession(trx, ctx, b0.session_id, { lock: true });
        const b = (await courseRepo.booking(trx, ctx.tenantId, id))!;
        if (b.status !== 'confirmed') throw CourseErrors.COURSE_LEAVE_STATUS({ params: { status: statusName(ctx, b.status) }, details: { status: b.status } });
        const settings = await kit.settings(trx, ctx.tenantId);
        const now = kit.clock.iso();
        if (cancellationOutcome(now, s.starts_at, settings.lateCancelMinutes, false) === 'forfeit') throw CourseErrors.COURSE_LEAVE_TOO_LATE({ params: { minutes: settings.lateCancelMinutes }, details: { startsAt: s.starts_at } });
        const course = await kit.requireCourse(trx, ctx, s.course_id);
        if (b.hold_id) await consumption.releaseHold(elevate(ctx), b.hold_id, { reason: input.reason ?? 'leave' }, { trx });
        await courseRepo.updateBooking(trx, ctx.tenantId, id, { status: 'on_leave', active_key: null, cancel_reason: input.reason ?? null, cancelled_at: now, updated_at: now });
        await courseRepo.updateSession(trx, ctx.tenantId, s.id, { booked_count: s.booked_count - 1, updated_at: now });
        const creditId = newId(ID_PREFIXES.makeupCredit);
        const expiresOn = addDays(s.business_date, settings.makeupValidDays);
        await trx.insertInto('makeup_credits').values({ tenant_id: ctx.tenantId, id: creditId, member_id: b.member_id, attendee_id: b.attendee_id, course_id: course.id, source_booking_id: b.id, status: 'open', expires_on: expiresOn, used_booking_id: null, created_at: now, updated_at: now }).execute();
        await promote(trx, ctx, s.id, course, settings);
        await timeline(trx, ctx, b, 'booking.leave', s, course, { reason: input.reason ?? null, makeupCreditId: creditId, makeupExpiresOn: expiresOn });
        await audit.record(trx, ctx, { action: 'course.booking.leave', entityType: 'classBooking', entityId: id, storeId: s.store_id, after: { reason: input.reason ?? null, makeupCreditId: creditId, expiresOn } });
        const credit = (await trx.selectFrom('makeup_credits').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', creditId).executeTakeFirst())!;
        return { booking: await presentOne(trx, ctx, id), makeupCredit: (await presentCredits(trx, ctx, [credit]))[0] };
      });
    },

    /** Make-up credits of a member (as booker) or attendee, newest first. */
    async listMakeupCredits(ctx: Ctx, q: { memberId?: string; attendeeId?: string; status?: 'open' | 'used' | 'expired' }) {
      requirePermission(ctx, 'course.read');
      let qb = db.selectFrom('makeup_credits').selectAll().where('tenant_id', '=', ctx.tenantId);
      if (q.memberId) qb = qb.where('member_id', '=', q.memberId);
      if (q.attendeeId) qb = qb.where('attendee_id', '=', q.attendeeId);
      const rows = await qb.orderBy('created_at', 'desc').limit(200).execute();
      const views = await presentCredits(db, ctx, rows);
      return q.status ? views.filter((v) => v.status === q.status) : views;
    },
  };
}
