import { inTransaction } from '../../db/database';
import { type Ctx, requirePermission, systemCtx } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { ID_PREFIXES, newId } from '../../shared/ids';
import type { BookingHelpers } from './booking.helpers';
import { CourseErrors } from './course.errors';
import type { CourseKit } from './course.kit';
import { type BookingRow, type CheckInRow, courseRepo } from './course.repo';
import { canUndoCheckIn, checkInTime, isNoShowDue } from './course.rules';

/**
 * No-shows (by hand and by the job) and check-in at the desk: by scanned code, booking or
 * attendee; repeated scans answer with the same check-in; walk-ins; undo within the window.
 * Like bookings, every change locks the class's row first, then the card.
 */
export function createCheckInService(kit: CourseKit, h: BookingHelpers) {
  const { db, d } = kit;
  const { audit, consumption, people } = kit.deps;
  const { elevate, statusName, timeline, holdFor, payerOf, requireAttendee, checkAge, presentCheckIn, consumeFor, markNoShow, insertCheckIn } = h;
  const presentOne = h.presentOne;

  return {
    /** Mark a booking a no-show once the class has started: the held session is consumed. */
    async noShow(ctx: Ctx, id: string) {
      requirePermission(ctx, 'course.checkin');
      return kit.idempotent(ctx, async (trx) => {
        const b0 = await courseRepo.booking(trx, ctx.tenantId, id);
        if (!b0) throw CourseErrors.COURSE_BOOKING_NOT_FOUND({ details: { bookingId: id } });
        const s = await kit.requireSession(trx, ctx, b0.session_id, { lock: true });
        const b = (await courseRepo.booking(trx, ctx.tenantId, id))!;
        if (b.status !== 'confirmed') throw CourseErrors.COURSE_NO_SHOW_STATUS({ params: { status: statusName(ctx, b.status) }, details: { status: b.status } });
        if (Date.parse(kit.clock.iso()) < Date.parse(s.starts_at)) throw CourseErrors.COURSE_NO_SHOW_TOO_EARLY({ details: { startsAt: s.starts_at } });
        await markNoShow(trx, ctx, b, s, await kit.requireCourse(trx, ctx, s.course_id));
        return presentOne(trx, ctx, id);
      });
    },

    /** The job: bookings still confirmed after their class ended (plus the grace) become no-shows; waitlists of past classes expire. */
    async runNoShows(limit = 500): Promise<{ noShows: number; expired: number }> {
      const due = await courseRepo.dueNoShows(db, kit.clock.iso(), limit);
      let noShows = 0;
      let expired = 0;
      for (const row of due) {
        const ctx = systemCtx(row.tenant_id, { name: 'no-show job' });
        const r = await inTransaction(kit.deps.database, async (trx) => {
          const settings = await kit.settings(trx, row.tenant_id);
          if (!isNoShowDue(kit.clock.iso(), row.ends_at, settings.noShowGraceMinutes)) return null;
          const b0 = (await courseRepo.booking(trx, row.tenant_id, row.id))!;
          const s = (await courseRepo.lockSession(trx, d, row.tenant_id, b0.session_id))!;
          const b = (await courseRepo.booking(trx, row.tenant_id, row.id))!;
          const now = kit.clock.iso();
          if (b.status === 'waitlisted') {
            await courseRepo.updateBooking(trx, row.tenant_id, b.id, { status: 'expired', active_key: null, waitlist_pos: null, updated_at: now });
            await courseRepo.updateSession(trx, row.tenant_id, s.id, { waitlist_count: Math.max(0, s.waitlist_count - 1), updated_at: now });
            return 'expired';
          }
          if (b.status !== 'confirmed') return null;
          await markNoShow(trx, ctx, b, s, await kit.requireCourse(trx, ctx, s.course_id));
          return 'noShow';
        });
        if (r === 'noShow') noShows++;
        if (r === 'expired') expired++;
      }
      return { noShows, expired };
    },

    /**
     * Check in at the desk: by a scanned or typed code (member QR / number, card number, mobile
     * or its tail), a booking or an attendee. Consumes the booking's hold; without a booking, a
     * walk-in takes a free place and consumes a card session at once (when walk-ins are on).
     * One check-in per attendee and class: a repeated scan answers with the same check-in.
     *
     * Who is checked in, the class's window, the course and the attendee are read before the
     * class's row lock, and a repeated scan is answered without it; under the lock the booking is
     * read again (it may have been cancelled or checked in meanwhile) and only the writes follow.
     */
    async checkIn(ctx: Ctx, sessionId: string, input: { code?: string; bookingId?: string; attendeeId?: string; memberId?: string; cardId?: string }, opts: { closesAt?: string } = {}) {
      requirePermission(ctx, 'course.checkin');
      const found = input.code && !input.bookingId && !input.attendeeId ? await people.find(ctx, input.code) : null;
      if (found && !found.memberIds.length) throw CourseErrors.COURSE_CHECKIN_UNKNOWN({ params: { code: input.code }, details: [{ path: 'code' }] });
      return kit.idempotent(ctx, async (trx) => {
        const s0 = await kit.requireSession(trx, ctx, sessionId);
        if (s0.status === 'cancelled') throw CourseErrors.COURSE_SESSION_CANCELLED({ details: { sessionId } });
        const settings = await kit.settings(trx, ctx.tenantId);
        const now = kit.clock.iso();
        // The teacher's register stays open a while after the class (opts.closesAt); the desk's closes at the end.
        const tp = checkInTime(now, s0.starts_at, opts.closesAt ?? s0.ends_at, settings.checkInOpensMinutes);
        if (tp) {
          const { code, ...params } = tp;
          throw CourseErrors[code]({ params, details: params });
        }
        const course = await kit.requireCourse(trx, ctx, s0.course_id);
        let booking: BookingRow | null = null;
        let walkInAttendee: string | null = input.attendeeId ?? null;
        let method: CheckInRow['method'] = 'attendee';
        if (input.bookingId) {
          booking = (await courseRepo.booking(trx, ctx.tenantId, input.bookingId)) ?? null;
          if (!booking || booking.session_id !== s0.id) throw CourseErrors.COURSE_BOOKING_NOT_FOUND({ details: { bookingId: input.bookingId } });
          method = 'booking';
        } else if (input.attendeeId) {
          booking = (await courseRepo.activeBooking(trx, ctx.tenantId, s0.id, input.attendeeId)) ?? null;
        } else if (found) {
          method = found.method;
          const mine = await courseRepo.bookingsOfSessionFor(trx, ctx.tenantId, s0.id, found.memberIds);
          const pending = mine.filter((b) => b.status === 'confirmed');
          const choices = async (rows: BookingRow[]) => (await kit.presentBookings(trx, ctx, rows)).map((v) => ({ bookingId: v.id, attendeeId: v.attendeeId, attendeeName: v.attendeeName }));
          if (pending.length > 1) throw CourseErrors.COURSE_CHECKIN_AMBIGUOUS({ details: { bookings: await choices(pending) } });
          if (pending.length === 1) booking = pending[0];
          else if (mine.length) booking = mine[0];
          else if (found.memberIds.length === 1) walkInAttendee = found.memberIds[0];
          else throw CourseErrors.COURSE_CHECKIN_AMBIGUOUS({ details: { memberIds: found.memberIds } });
        }

        // A repeated scan: the same answer, never a second row (no lock needed to read it).
        const repeat = async (existing: CheckInRow, source: BookingRow['source'] | undefined) => {
          await audit.record(trx, ctx, { action: 'course.check_in.repeat', entityType: 'classCheckIn', entityId: existing.id, storeId: s0.store_id, after: { method } });
          return presentCheckIn(trx, ctx, existing, (source ?? (await courseRepo.booking(trx, ctx.tenantId, existing.booking_id))?.source) === 'walk_in');
        };
        const repeatOf = async (b: BookingRow) => {
          const existing = b.status === 'attended' ? await courseRepo.activeCheckIn(trx, ctx.tenantId, s0.id, b.attendee_id) : undefined;
          return existing ? repeat(existing, existing.booking_id === b.id ? b.source : undefined) : null;
        };
        if (booking) {
          const again = await repeatOf(booking);
          if (again) return again;
          if (booking.status !== 'confirmed') throw CourseErrors.COURSE_CHECKIN_STATUS({ params: { status: statusName(ctx, booking.status) }, details: { bookingId: booking.id, status: booking.status } });
        } else {
          if (!walkInAttendee) throw CourseErrors.COURSE_CHECKIN_NO_BOOKING();
          if (!settings.isWalkInAllowed) throw CourseErrors.COURSE_CHECKIN_NO_BOOKING({ details: { attendeeId: walkInAttendee } });
        }
        const attendee = booking ? null : await requireAttendee(trx, ctx, walkInAttendee!);
        const memberId = attendee ? payerOf(attendee, input.memberId) : null;
        if (attendee) checkAge(ctx, course, attendee, s0.business_date);
        const attendeeName = attendee ? attendee.name : ((await people.names(trx, ctx, [booking!.attendee_id])).get(booking!.attendee_id) ?? null);

        // Under the class's row lock: read again what may have changed, then write.
        const s = await kit.requireSession(trx, ctx, sessionId, { lock: true });
        if (s.status === 'cancelled') throw CourseErrors.COURSE_SESSION_CANCELLED({ details: { sessionId } });
        const current = booking ? ((await courseRepo.booking(trx, ctx.tenantId, booking.id)) ?? null) : ((await courseRepo.activeBooking(trx, ctx.tenantId, s.id, attendee!.id)) ?? null);
        if (current) {
          // Checked in meanwhile (another scanner), or a walk-in's place booked meanwhile.
          const again = await repeatOf(current);
          if (again) return again;
          if (current.status !== 'confirmed') throw CourseErrors.COURSE_CHECKIN_STATUS({ params: { status: statusName(ctx, current.status) }, details: { bookingId: current.id, status: current.status } });
        }
        let b: BookingRow;
        let usage: Awaited<ReturnType<typeof consumeFor>>;
        let isWalkIn = false;
        if (current) {
          b = current;
          usage = await consumeFor(trx, ctx, b, s, course, input.cardId);
          await courseRepo.updateBooking(trx, ctx.tenantId, b.id, { status: 'attended', card_id: usage.cardId, updated_at: now });
        } else {
          if (s.booked_count >= s.capacity) throw CourseErrors.COURSE_SESSION_FULL({ params: { capacity: s.capacity }, details: { sessionId: s.id, capacity: s.capacity } });
          const id = newId(ID_PREFIXES.booking);
          const row: BookingRow = { tenant_id: ctx.tenantId, id, session_id: s.id, member_id: memberId!, attendee_id: attendee!.id, active_key: attendee!.id, status: 'attended', source: 'walk_in', waitlist_pos: null, card_id: null, hold_id: null, is_waived: false, makeup_credit_id: null, is_late_promotion_ok: false, cancel_reason: null, created_at: now, updated_at: now, confirmed_at: now, cancelled_at: null, is_strike: null, is_grace: null };
          usage = await consumeFor(trx, ctx, row, s, course, input.cardId);
          b = { ...row, card_id: usage.cardId };
          await courseRepo.insertBooking(trx, b);
          await courseRepo.updateSession(trx, ctx.tenantId, s.id, { booked_count: s.booked_count + 1, updated_at: now });
          isWalkIn = true;
        }
        const ci = await insertCheckIn(trx, ctx, { session: s, booking: b, method, cardId: usage.cardId, usageId: usage.id });
        await timeline(trx, ctx, b, 'class.checked_in', s, course, { checkInId: ci.id, isWalkIn });
        await audit.record(trx, ctx, { action: 'course.check_in', entityType: 'classCheckIn', entityId: ci.id, storeId: s.store_id, after: { bookingId: b.id, attendeeId: b.attendee_id, method, usageId: ci.usage_id, isWalkIn } });
        await kit.deps.hooks?.afterCheckIn?.(trx, ctx, { memberId: b.member_id, checkInId: ci.id, storeId: s.store_id });
        return presentCheckIn(trx, ctx, ci, isWalkIn, { attendeeName, usage });
      });
    },

    /** Undo a check-in within the window: the consumption is reversed (the session re-credited) and the booking held again (a walk-in is dropped). */
    async undoCheckIn(ctx: Ctx, id: string, input: { reason: string }) {
      requirePermission(ctx, 'course.checkin');
      return kit.idempotent(ctx, async (trx) => {
        const c0 = await courseRepo.checkIn(trx, ctx.tenantId, id);
        if (!c0) throw CourseErrors.COURSE_CHECKIN_NOT_FOUND({ details: { checkInId: id } });
        const s = await kit.requireSession(trx, ctx, c0.session_id, { lock: true });
        const ci = (await courseRepo.checkIn(trx, ctx.tenantId, id))!;
        if (ci.undone_at) throw CourseErrors.COURSE_CHECKIN_UNDONE({ details: { checkInId: id } });
        const settings = await kit.settings(trx, ctx.tenantId);
        const now = kit.clock.iso();
        if (!canUndoCheckIn(now, ci.created_at, settings.checkInUndoMinutes)) throw CourseErrors.COURSE_CHECKIN_UNDO_EXPIRED({ params: { minutes: settings.checkInUndoMinutes } });
        const reversal = ci.usage_id ? await consumption.reverseConsumption(elevate(ctx), ci.usage_id, { reason: input.reason }, { trx }) : null;
        await courseRepo.updateCheckIn(trx, ctx.tenantId, id, { undone_at: now, undo_reason: input.reason, undo_usage_id: reversal?.id ?? null, active_key: null });
        const b = (await courseRepo.booking(trx, ctx.tenantId, ci.booking_id))!;
        const course = await kit.requireCourse(trx, ctx, s.course_id);
        if (b.source === 'walk_in') {
          await courseRepo.updateBooking(trx, ctx.tenantId, b.id, { status: 'cancelled', active_key: null, cancel_reason: input.reason, cancelled_at: now, updated_at: now });
          await courseRepo.updateSession(trx, ctx.tenantId, s.id, { booked_count: s.booked_count - 1, updated_at: now });
        } else {
          let holdId: string | null = null;
          try {
            holdId = (await holdFor(trx, ctx, b, s, course, b.card_id)).id;
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
          }
          await courseRepo.updateBooking(trx, ctx.tenantId, b.id, { status: 'confirmed', hold_id: holdId, updated_at: now });
        }
        await timeline(trx, ctx, b, 'class.check_in_undone', s, course, { checkInId: id, reason: input.reason });
        await audit.record(trx, ctx, { action: 'course.check_in.undo', entityType: 'classCheckIn', entityId: id, storeId: s.store_id, after: { reason: input.reason, reversalId: reversal?.id ?? null } });
        return presentCheckIn(trx, ctx, (await courseRepo.checkIn(trx, ctx.tenantId, id))!, b.source === 'walk_in');
      });
    },
  };
}
