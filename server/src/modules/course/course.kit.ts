import type { Executor } from '../../db/database';
import { type Ctx, requireStoreAccess } from '../../shared/context';
import { CourseErrors } from './course.errors';
import { type BookingRow, type CourseRow, type SessionRow, courseRepo } from './course.repo';
import type { BookingView, CourseSettings, SessionView } from './course.schemas';
import type { CourseDeps } from './course.types';
import { createKitBasics } from './kit.shared';

export const DEFAULT_COURSE_SETTINGS: CourseSettings = {
  bookingOpensDays: 7,
  bookingClosesMinutes: 0,
  lateCancelMinutes: 120,
  waitlistCutoffMinutes: 120,
  checkInOpensMinutes: 60,
  checkInUndoMinutes: 30,
  noShowGraceMinutes: 15,
  generateWeeks: 8,
  isWalkInAllowed: true,
  makeupValidDays: 30,
  banAfterCount: 0,
};

export type CourseKit = ReturnType<typeof createCourseKit>;

/** What the course services share: settings, lookups under the caller's scope, overlap checks, presenters. */
/** What else holds a teacher's time in [from, to) — registered by modules that depend on the course module. */
export type TeacherBusyFn = (x: Executor, ctx: Ctx, teacherId: string, fromIso: string, toIso: string) => Promise<{ id: string; startsAt: string; endsAt: string; label: string }[]>;

export function createCourseKit(deps: CourseDeps) {
  const teacherBusy: TeacherBusyFn[] = [];
  const db = deps.database.db;
  const d = deps.database.dialect;
  const basics = createKitBasics(deps);

  async function settings(x: Executor, tenantId: string): Promise<CourseSettings> {
    const r = await courseRepo.settings(x, tenantId);
    if (!r) return DEFAULT_COURSE_SETTINGS;
    return {
      bookingOpensDays: r.booking_opens_days,
      bookingClosesMinutes: r.booking_closes_minutes,
      lateCancelMinutes: r.late_cancel_minutes,
      waitlistCutoffMinutes: r.waitlist_cutoff_minutes,
      checkInOpensMinutes: r.check_in_opens_minutes,
      checkInUndoMinutes: r.check_in_undo_minutes,
      noShowGraceMinutes: r.no_show_grace_minutes,
      generateWeeks: r.generate_weeks,
      isWalkInAllowed: r.is_walk_in_allowed,
      makeupValidDays: r.makeup_valid_days,
      banAfterCount: r.ban_after_count,
    };
  }

  /** Store the tenant's course settings (the one field mapping, for the settings and the cancellation policy's ban count). */
  async function saveSettings(x: Executor, tenantId: string, s: CourseSettings) {
    await courseRepo.upsertSettings(x, {
      tenant_id: tenantId,
      booking_opens_days: s.bookingOpensDays,
      booking_closes_minutes: s.bookingClosesMinutes,
      late_cancel_minutes: s.lateCancelMinutes,
      waitlist_cutoff_minutes: s.waitlistCutoffMinutes,
      check_in_opens_minutes: s.checkInOpensMinutes,
      check_in_undo_minutes: s.checkInUndoMinutes,
      no_show_grace_minutes: s.noShowGraceMinutes,
      generate_weeks: s.generateWeeks,
      is_walk_in_allowed: s.isWalkInAllowed,
      makeup_valid_days: s.makeupValidDays,
      ban_after_count: s.banAfterCount,
      updated_at: deps.clock.iso(),
    });
  }


  async function requireCourse(x: Executor, ctx: Ctx, id: string): Promise<CourseRow> {
    const c = await courseRepo.course(x, ctx.tenantId, id);
    if (!c) throw CourseErrors.COURSE_NOT_FOUND({ details: { courseId: id } });
    return c;
  }

  async function requireTeacher(x: Executor, ctx: Ctx, id: string, opts: { lock?: boolean; active?: boolean } = {}) {
    const t = opts.lock ? await courseRepo.lockTeacher(x, d, ctx.tenantId, id) : await courseRepo.teacher(x, ctx.tenantId, id);
    if (!t) throw CourseErrors.COURSE_TEACHER_NOT_FOUND({ details: { teacherId: id } });
    if (opts.active && !t.is_active) throw CourseErrors.COURSE_TEACHER_INACTIVE({ params: { name: t.name }, details: { teacherId: id } });
    return t;
  }

  async function requireRoom(x: Executor, ctx: Ctx, id: string, storeId: string, opts: { lock?: boolean } = {}) {
    const r = opts.lock ? await courseRepo.lockRoom(x, d, ctx.tenantId, id) : await courseRepo.room(x, ctx.tenantId, id);
    if (!r) throw CourseErrors.COURSE_ROOM_NOT_FOUND({ details: { roomId: id } });
    if (r.store_id !== storeId) throw CourseErrors.COURSE_ROOM_WRONG_STORE({ details: { roomId: id, storeId } });
    return r;
  }

  /** A session of the caller's stores (locked when `lock`: bookings of one class are serialised on its row). */
  async function requireSession(x: Executor, ctx: Ctx, id: string, opts: { lock?: boolean } = {}): Promise<SessionRow> {
    const s = opts.lock ? await courseRepo.lockSession(x, d, ctx.tenantId, id) : await courseRepo.session(x, ctx.tenantId, id);
    if (!s) throw CourseErrors.COURSE_SESSION_NOT_FOUND({ details: { sessionId: id } });
    requireStoreAccess(ctx, s.store_id);
    return s;
  }

  /**
   * Refuse a class that would share its room or teacher with another at the same time. The
   * caller holds the room's and teacher's row locks (PostgreSQL; SQLite serialises writers), so two
   * overlapping classes cannot both pass.
   */
  async function assertNoOverlap(x: Executor, ctx: Ctx, s: { roomId: string | null; teacherId: string; startsAt: string; endsAt: string; excludeId?: string }) {
    // Other modules' hold on a teacher's time (1:1 appointments); callers have locked the teacher's row already.
    for (const busy of teacherBusy) {
      const taken = await busy(x, ctx, s.teacherId, s.startsAt, s.endsAt);
      if (taken.length) {
        const a = taken[0];
        throw CourseErrors.COURSE_TEACHER_OVERLAP({ params: { startsAt: await localTime(x, ctx.tenantId, a.startsAt), courseName: a.label }, details: { appointmentId: a.id, startsAt: a.startsAt, endsAt: a.endsAt, teacherId: s.teacherId } });
      }
    }
    const clash = await courseRepo.overlapping(x, ctx.tenantId, s);
    if (!clash.length) return;
    const c = clash[0];
    const course = await courseRepo.course(x, ctx.tenantId, c.course_id);
    const details = { sessionId: c.id, startsAt: c.starts_at, endsAt: c.ends_at, roomId: c.room_id, teacherId: c.substitute_teacher_id ?? c.teacher_id };
    const params = { startsAt: await localTime(x, ctx.tenantId, c.starts_at), courseName: course?.name ?? '' };
    if (s.roomId && c.room_id === s.roomId) throw CourseErrors.COURSE_ROOM_OVERLAP({ params, details });
    throw CourseErrors.COURSE_TEACHER_OVERLAP({ params, details });
  }

  async function localTime(x: Executor, tenantId: string, iso: string): Promise<string> {
    const tz = await deps.org.timeZoneOf(tenantId, x);
    return new Intl.DateTimeFormat('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  }

  async function presentSessions(x: Executor, ctx: Ctx, rows: SessionRow[]): Promise<SessionView[]> {
    const courses = new Map((await courseRepo.coursesByIds(x, ctx.tenantId, [...new Set(rows.map((r) => r.course_id))])).map((c) => [c.id, c]));
    const rooms = new Map((await courseRepo.roomsByIds(x, ctx.tenantId, [...new Set(rows.map((r) => r.room_id).filter((v): v is string => !!v))])).map((r) => [r.id, r]));
    const teacherIds = [...new Set(rows.flatMap((r) => [r.teacher_id, r.substitute_teacher_id]).filter((v): v is string => !!v))];
    const teachers = new Map((await courseRepo.teachersByIds(x, ctx.tenantId, teacherIds)).map((t) => [t.id, t]));
    return rows.map((s) => ({
      id: s.id,
      courseId: s.course_id,
      courseName: courses.get(s.course_id)?.name ?? '',
      category: courses.get(s.course_id)?.category ?? '',
      storeId: s.store_id,
      roomId: s.room_id,
      roomName: s.room_id ? (rooms.get(s.room_id)?.name ?? null) : null,
      teacherId: s.teacher_id,
      substituteTeacherId: s.substitute_teacher_id,
      teacherName: teachers.get(s.substitute_teacher_id ?? s.teacher_id)?.name ?? '',
      timetableId: s.timetable_id,
      businessDate: s.business_date,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      capacity: s.capacity,
      booked: s.booked_count,
      waitlisted: s.waitlist_count,
      available: s.status === 'scheduled' ? Math.max(0, s.capacity - s.booked_count) : 0,
      status: s.status,
      cancelReason: s.cancel_reason,
    }));
  }

  async function presentBookings(x: Executor, ctx: Ctx, rows: BookingRow[]): Promise<BookingView[]> {
    const sessions = new Map((await courseRepo.sessionsByIds(x, ctx.tenantId, [...new Set(rows.map((r) => r.session_id))])).map((s) => [s.id, s]));
    const courses = new Map((await courseRepo.coursesByIds(x, ctx.tenantId, [...new Set([...sessions.values()].map((s) => s.course_id))])).map((c) => [c.id, c]));
    const names = await deps.people.names(x, ctx, [...new Set(rows.map((r) => r.attendee_id))]);
    // Waitlist positions are shown as places in the queue (1 = next), not the stored sequence.
    const queue = new Map<string, number>();
    for (const sid of new Set(rows.filter((r) => r.status === 'waitlisted').map((r) => r.session_id))) {
      (await courseRepo.waitlist(x, ctx.tenantId, sid)).forEach((w, i) => queue.set(w.id, i + 1));
    }
    return rows.map((b) => {
      const s = sessions.get(b.session_id);
      return {
        id: b.id,
        sessionId: b.session_id,
        memberId: b.member_id,
        attendeeId: b.attendee_id,
        attendeeName: names.get(b.attendee_id) ?? null,
        status: b.status,
        source: b.source,
        waitlistPosition: b.status === 'waitlisted' ? (queue.get(b.id) ?? null) : null,
        cardId: b.card_id,
        holdId: b.hold_id,
        isWaived: b.is_waived,
        makeupCreditId: b.makeup_credit_id,
        acceptsLatePromotion: b.is_late_promotion_ok,
        cancelReason: b.cancel_reason,
        createdAt: b.created_at,
        confirmedAt: b.confirmed_at,
        cancelledAt: b.cancelled_at,
        startsAt: s?.starts_at ?? '',
        courseName: s ? (courses.get(s.course_id)?.name ?? '') : '',
      };
    });
  }


  return {
    deps,
    db,
    d,
    clock: deps.clock,
    ...basics,
    settings,
    saveSettings,
    requireCourse,
    requireTeacher,
    requireRoom,
    requireSession,
    assertNoOverlap,
    registerTeacherBusy: (fn: TeacherBusyFn) => void teacherBusy.push(fn),
    presentSessions,
    presentBookings,
  };
}
