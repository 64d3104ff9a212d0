import { type Executor, inTransaction } from '../../db/database';
import { type Ctx, requirePermission } from '../../shared/context';
import { addDays, localToUtc } from './course.rules';
import type { BookingHelpers } from './booking.helpers';
import { CourseErrors } from './course.errors';
import type { CourseKit } from './course.kit';
import { type SessionRow, courseRepo } from './course.repo';
import type { Attendee } from './course.types';
import type { createCheckInService } from './checkin.service';
import type { TeacherAccess, createFeedbackService } from './feedback.service';
import { ATTENDANCE_CLOSES_HOURS, type Mark, attendanceWindow, feedbackWindow, markOutcome, teacherOf, windowProblem } from './teacher.rules';
import { teacherRepo } from './teacher.repo';
import type { TeacherClassView } from './teacher.schemas';

const ROSTER_STATUSES = ['confirmed', 'attended', 'no_show', 'on_leave'] as const;
const MAX_DAYS = 31;

/**
 * The teacher view: a teacher's own classes (the substitute's, not the replaced teacher's) with
 * rosters carrying the children's allergies, special needs and notes, and attendance marking
 * through the desk's check-in and no-show paths (so a card session is consumed exactly once).
 */
export function createTeacherService(kit: CourseKit, h: BookingHelpers, access: TeacherAccess, checkIns: ReturnType<typeof createCheckInService>, feedback: ReturnType<typeof createFeedbackService>) {
  const { db } = kit;
  const { people } = kit.deps;

  async function presentClasses(x: Executor, ctx: Ctx, rows: SessionRow[]): Promise<TeacherClassView[]> {
    const views = await kit.presentSessions(x, ctx, rows);
    const settings = await kit.settings(x, ctx.tenantId);
    const notes = await feedback.present(x, ctx, await teacherRepo.feedbackOfSessions(x, ctx.tenantId, rows.map((r) => r.id)));
    const out: TeacherClassView[] = [];
    for (const [i, s] of rows.entries()) {
      const bookings = await courseRepo.bookingsOfSession(x, ctx.tenantId, s.id, [...ROSTER_STATUSES]);
      const checkIns = (await courseRepo.checkInsOfSession(x, ctx.tenantId, s.id)).filter((c) => c.active_key);
      const attendees = new Map<string, Attendee | null>();
      for (const b of bookings) if (!attendees.has(b.attendee_id)) attendees.set(b.attendee_id, await people.attendee(x, ctx, b.attendee_id));
      const names = await people.names(x, ctx, [...new Set(bookings.flatMap((b) => [b.member_id, b.attendee_id]))]);
      const w = attendanceWindow(s.starts_at, s.ends_at, settings.checkInOpensMinutes);
      out.push({
        ...views[i],
        isSubstitute: !!s.substitute_teacher_id,
        attendanceOpensAt: w.opensAt,
        attendanceClosesAt: w.closesAt,
        feedbackClosesAt: feedbackWindow(s.starts_at, s.ends_at).closesAt,
        roster: bookings.map((b) => {
          const a = attendees.get(b.attendee_id) ?? null;
          const ci = checkIns.find((c) => c.booking_id === b.id) ?? null;
          return {
            bookingId: b.id,
            attendeeId: b.attendee_id,
            attendeeKind: b.attendee_id.startsWith('dep_') ? 'dependent' : 'member',
            attendeeName: names.get(b.attendee_id) ?? null,
            memberId: b.member_id,
            memberName: names.get(b.member_id) ?? null,
            birthday: a?.birthday ?? null,
            allergies: a?.allergies ?? null,
            specialNeeds: a?.specialNeeds ?? null,
            notes: a?.notes ?? null,
            status: b.status,
            checkInId: ci?.id ?? null,
            checkedInAt: ci?.created_at ?? null,
            feedback: notes.find((n) => n.bookingId === b.id) ?? null,
          };
        }),
        classFeedback: notes.find((n) => n.sessionId === s.id && !n.bookingId) ?? null,
      });
    }
    return out;
  }

  /** The desk's check-in and no-show run with the teacher's right to mark (their class was checked) and one idempotency key per booking. */
  const actingFor = (ctx: Ctx, bookingId: string): Ctx => ({
    ...ctx,
    permissions: new Set([...ctx.permissions, 'course.checkin']),
    ...(ctx.idempotency ? { idempotency: { key: `${ctx.idempotency.key}:${bookingId}`, requestHash: ctx.idempotency.requestHash } } : {}),
  });

  return {
    /** My classes between two business days (or another teacher's, with course.manage). */
    async classes(ctx: Ctx, q: { from: string; to?: string; teacherId?: string }) {
      requirePermission(ctx, 'course.teach');
      const to = q.to ?? q.from;
      if (to < q.from) throw CourseErrors.COURSE_TIMETABLE_DATES_INVALID({ details: [{ path: 'to' }] });
      if (addDays(q.from, MAX_DAYS) < to) throw CourseErrors.COURSE_RANGE_TOO_LONG({ params: { days: MAX_DAYS }, details: [{ path: 'to' }] });
      const mine = await access.myTeacher(db, ctx);
      let teacher = mine;
      if (q.teacherId && q.teacherId !== mine?.id) {
        requirePermission(ctx, 'course.manage');
        teacher = await kit.requireTeacher(db, ctx, q.teacherId);
      }
      if (!teacher) return { teacher: null, items: [] };
      const tz = await kit.timeZone(ctx.tenantId);
      const scope = ctx.storeScope.all ? null : [...ctx.storeScope.storeIds];
      const rows = await courseRepo.sessions(db, ctx.tenantId, { storeIds: scope, fromIso: localToUtc(q.from, '00:00', tz), toIso: localToUtc(addDays(to, 1), '00:00', tz), teacherId: teacher.id });
      return { teacher: { id: teacher.id, name: teacher.name }, items: await presentClasses(db, ctx, rows) };
    },

    /** One of my classes. */
    async getClass(ctx: Ctx, sessionId: string): Promise<TeacherClassView> {
      requirePermission(ctx, 'course.teach');
      const s = await kit.requireSession(db, ctx, sessionId);
      await access.requireOwnClass(db, ctx, s);
      return (await presentClasses(db, ctx, [s]))[0];
    },

    /**
     * Mark attendance: present checks a booking in (the desk's check-in: the held session is
     * consumed once), absent makes it a no-show (the desk's path, once the class started).
     * Every mark is checked before any is applied; marking a booking as it already is changes
     * nothing, and a retry with the same Idempotency-Key replays each booking's result.
     */
    async mark(ctx: Ctx, sessionId: string, input: { marks: { bookingId: string; mark: Mark }[] }): Promise<TeacherClassView> {
      requirePermission(ctx, 'course.teach');
      const s = await kit.requireSession(db, ctx, sessionId);
      await access.requireOwnClass(db, ctx, s);
      if (s.status === 'cancelled') throw CourseErrors.COURSE_SESSION_CANCELLED({ details: { sessionId } });
      const settings = await kit.settings(db, ctx.tenantId);
      const w = attendanceWindow(s.starts_at, s.ends_at, settings.checkInOpensMinutes);
      const now = kit.clock.iso();
      const problem = windowProblem(now, w);
      if (problem === 'early') throw CourseErrors.COURSE_ATTENDANCE_NOT_OPEN({ params: { opensAt: w.opensAt }, details: { opensAt: w.opensAt } });
      if (problem === 'closed') throw CourseErrors.COURSE_ATTENDANCE_CLOSED({ params: { hours: ATTENDANCE_CLOSES_HOURS }, details: { closesAt: w.closesAt } });
      const plan: { bookingId: string; outcome: ReturnType<typeof markOutcome> }[] = [];
      for (const [i, m] of input.marks.entries()) {
        const b = await courseRepo.booking(db, ctx.tenantId, m.bookingId);
        if (!b || b.session_id !== s.id) throw CourseErrors.COURSE_BOOKING_NOT_FOUND({ details: [{ path: `marks.${i}.bookingId` }] });
        const outcome = markOutcome(b.status, m.mark);
        if (outcome === 'conflict') {
          const name = (await people.names(db, ctx, [b.attendee_id])).get(b.attendee_id) ?? '';
          throw CourseErrors.COURSE_ATTENDANCE_CONFLICT({ params: { name, status: h.statusName(ctx, b.status) }, details: { bookingId: b.id, status: b.status, path: `marks.${i}.mark` } });
        }
        if (outcome === 'no_show' && Date.parse(now) < Date.parse(s.starts_at)) throw CourseErrors.COURSE_NO_SHOW_TOO_EARLY({ details: { startsAt: s.starts_at } });
        plan.push({ bookingId: b.id, outcome });
      }
      for (const p of plan) {
        if (p.outcome === 'check_in') await checkIns.checkIn(actingFor(ctx, p.bookingId), s.id, { bookingId: p.bookingId }, { closesAt: w.closesAt });
        else if (p.outcome === 'no_show') await checkIns.noShow(actingFor(ctx, p.bookingId), p.bookingId);
      }
      // The register as the teacher sent it (each check-in and no-show has its own entry too).
      await inTransaction(kit.deps.database, (trx) => kit.deps.audit.record(trx, ctx, { action: 'course.attendance.mark', entityType: 'classSession', entityId: s.id, storeId: s.store_id, after: { marks: plan } }));
      return (await presentClasses(db, ctx, [(await courseRepo.session(db, ctx.tenantId, s.id))!]))[0];
    },

    teacherOf,
  };
}
