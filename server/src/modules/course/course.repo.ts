import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import type { Dialect } from '../../db/dialect';
import type { ClassBookingsTable, ClassCheckInsTable, ClassSessionsTable, CourseRoomsTable, CourseSettingsTable, CourseTeachersTable, CourseTimetablesTable, CoursesTable, MakeupCreditsTable } from '../../db/schema';

export type CourseRow = Selectable<CoursesTable>;
export type RoomRow = Selectable<CourseRoomsTable>;
export type TeacherRow = Selectable<CourseTeachersTable>;
export type TimetableRow = Selectable<CourseTimetablesTable>;
export type SessionRow = Selectable<ClassSessionsTable>;
export type BookingRow = Selectable<ClassBookingsTable>;
export type CheckInRow = Selectable<ClassCheckInsTable>;
export type SettingsRow = Selectable<CourseSettingsTable>;
export type MakeupCreditRow = Selectable<MakeupCreditsTable>;

/** Kysely only: classes and booking tables, always filtered by tenant. */
export const courseRepo = {
  settings: (x: Executor, tenantId: string) => x.selectFrom('course_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst(),
  async upsertSettings(x: Executor, row: Insertable<CourseSettingsTable>) {
    const { tenant_id: _t, ...rest } = row;
    await x.insertInto('course_settings').values(row).onConflict((oc) => oc.column('tenant_id').doUpdateSet(rest)).execute();
  },

  // ---- courses, rooms, teachers ----
  course: (x: Executor, tenantId: string, id: string) => x.selectFrom('courses').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  coursesByIds: (x: Executor, tenantId: string, ids: string[]) => (ids.length ? x.selectFrom('courses').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([] as CourseRow[])),
  courses: (x: Executor, tenantId: string, f: { category?: string; isActive?: boolean }) => {
    let q = x.selectFrom('courses').selectAll().where('tenant_id', '=', tenantId);
    if (f.category) q = q.where('category', '=', f.category);
    if (f.isActive !== undefined) q = q.where('is_active', '=', f.isActive);
    return q.orderBy('name').limit(500).execute();
  },
  courseByName: (x: Executor, tenantId: string, name: string) => x.selectFrom('courses').select('id').where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst(),
  insertCourse: (x: Executor, row: Insertable<CoursesTable>) => x.insertInto('courses').values(row).execute(),
  updateCourse: (x: Executor, tenantId: string, id: string, patch: Updateable<CoursesTable>) => x.updateTable('courses').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  room: (x: Executor, tenantId: string, id: string) => x.selectFrom('course_rooms').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  lockRoom: (x: Executor, d: Dialect, tenantId: string, id: string) => d.forUpdate(x.selectFrom('course_rooms').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)).executeTakeFirst(),
  roomsByIds: (x: Executor, tenantId: string, ids: string[]) => (ids.length ? x.selectFrom('course_rooms').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([] as RoomRow[])),
  rooms: (x: Executor, tenantId: string, storeIds: string[] | null) => {
    let q = x.selectFrom('course_rooms').selectAll().where('tenant_id', '=', tenantId);
    if (storeIds) q = q.where('store_id', 'in', storeIds.length ? storeIds : ['-']);
    return q.orderBy('store_id').orderBy('name').limit(500).execute();
  },
  roomByName: (x: Executor, tenantId: string, storeId: string, name: string) => x.selectFrom('course_rooms').select('id').where('tenant_id', '=', tenantId).where('store_id', '=', storeId).where('name', '=', name).executeTakeFirst(),
  insertRoom: (x: Executor, row: Insertable<CourseRoomsTable>) => x.insertInto('course_rooms').values(row).execute(),
  updateRoom: (x: Executor, tenantId: string, id: string, patch: Updateable<CourseRoomsTable>) => x.updateTable('course_rooms').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  teacher: (x: Executor, tenantId: string, id: string) => x.selectFrom('course_teachers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  lockTeacher: (x: Executor, d: Dialect, tenantId: string, id: string) => d.forUpdate(x.selectFrom('course_teachers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)).executeTakeFirst(),
  teachersByIds: (x: Executor, tenantId: string, ids: string[]) => (ids.length ? x.selectFrom('course_teachers').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([] as TeacherRow[])),
  teachers: (x: Executor, tenantId: string) => x.selectFrom('course_teachers').selectAll().where('tenant_id', '=', tenantId).orderBy('name').limit(500).execute(),
  teacherByStaff: (x: Executor, tenantId: string, staffId: string) => x.selectFrom('course_teachers').select('id').where('tenant_id', '=', tenantId).where('staff_id', '=', staffId).executeTakeFirst(),
  staffExists: async (x: Executor, tenantId: string, staffId: string) => !!(await x.selectFrom('staff').select('id').where('tenant_id', '=', tenantId).where('id', '=', staffId).executeTakeFirst()),
  insertTeacher: (x: Executor, row: Insertable<CourseTeachersTable>) => x.insertInto('course_teachers').values(row).execute(),
  updateTeacher: (x: Executor, tenantId: string, id: string, patch: Updateable<CourseTeachersTable>) => x.updateTable('course_teachers').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  // ---- timetables ----
  timetable: (x: Executor, tenantId: string, id: string) => x.selectFrom('course_timetables').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  timetables: (x: Executor, tenantId: string, f: { storeIds: string[] | null; courseId?: string }) => {
    let q = x.selectFrom('course_timetables').selectAll().where('tenant_id', '=', tenantId);
    if (f.storeIds) q = q.where('store_id', 'in', f.storeIds.length ? f.storeIds : ['-']);
    if (f.courseId) q = q.where('course_id', '=', f.courseId);
    return q.orderBy('weekday').orderBy('start_time').limit(500).execute();
  },
  /** Active timetables not yet generated up to a date, across tenants (the generation job). */
  timetablesToExtend: (x: Executor, until: string, limit: number) =>
    x.selectFrom('course_timetables').selectAll().where('is_active', '=', true).where('generated_until', '<', until).orderBy('tenant_id').orderBy('id').limit(limit).execute(),
  insertTimetable: (x: Executor, row: Insertable<CourseTimetablesTable>) => x.insertInto('course_timetables').values(row).execute(),
  updateTimetable: (x: Executor, tenantId: string, id: string, patch: Updateable<CourseTimetablesTable>) => x.updateTable('course_timetables').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  exceptions: async (x: Executor, tenantId: string, timetableId: string) =>
    (await x.selectFrom('timetable_exceptions').select(['on_date', 'reason']).where('tenant_id', '=', tenantId).where('timetable_id', '=', timetableId).orderBy('on_date').execute()),
  insertException: (x: Executor, row: { tenant_id: string; timetable_id: string; on_date: string; reason: string | null; created_at: string }) => x.insertInto('timetable_exceptions').values(row).execute(),

  // ---- sessions ----
  session: (x: Executor, tenantId: string, id: string) => x.selectFrom('class_sessions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  lockSession: (x: Executor, d: Dialect, tenantId: string, id: string) => d.forUpdate(x.selectFrom('class_sessions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)).executeTakeFirst(),
  sessionsByIds: (x: Executor, tenantId: string, ids: string[]) => (ids.length ? x.selectFrom('class_sessions').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([] as SessionRow[])),
  sessionOfTimetable: (x: Executor, tenantId: string, timetableId: string, date: string) =>
    x.selectFrom('class_sessions').selectAll().where('tenant_id', '=', tenantId).where('timetable_id', '=', timetableId).where('business_date', '=', date).executeTakeFirst(),
  sessions: (x: Executor, tenantId: string, f: { storeIds: string[] | null; fromIso: string; toIso: string; courseId?: string; teacherId?: string; roomId?: string; includeCancelled?: boolean }) => {
    let q = x.selectFrom('class_sessions').selectAll().where('tenant_id', '=', tenantId).where('starts_at', '>=', f.fromIso).where('starts_at', '<', f.toIso);
    if (f.storeIds) q = q.where('store_id', 'in', f.storeIds.length ? f.storeIds : ['-']);
    if (f.courseId) q = q.where('course_id', '=', f.courseId);
    if (f.roomId) q = q.where('room_id', '=', f.roomId);
    if (f.teacherId) {
      const t = f.teacherId;
      q = q.where((eb) => eb.or([eb('substitute_teacher_id', '=', t), eb.and([eb('teacher_id', '=', t), eb('substitute_teacher_id', 'is', null)])]));
    }
    if (!f.includeCancelled) q = q.where('status', '=', 'scheduled');
    return q.orderBy('starts_at').orderBy('id').limit(1000).execute();
  },
  /** Scheduled sessions in a room or with a teacher (taught by them, or substituted) overlapping [start, end). */
  overlapping: (x: Executor, tenantId: string, f: { roomId: string | null; teacherId: string; startsAt: string; endsAt: string; excludeId?: string }) => {
    let q = x
      .selectFrom('class_sessions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'scheduled')
      .where('starts_at', '<', f.endsAt)
      .where('ends_at', '>', f.startsAt)
      .where((eb) =>
        eb.or([
          ...(f.roomId ? [eb('room_id', '=', f.roomId)] : []),
          eb('substitute_teacher_id', '=', f.teacherId),
          eb.and([eb('teacher_id', '=', f.teacherId), eb('substitute_teacher_id', 'is', null)]),
        ]),
      );
    if (f.excludeId) q = q.where('id', '!=', f.excludeId);
    return q.limit(5).execute();
  },
  /** Scheduled classes a teacher teaches (or substitutes) overlapping [from, to) — the appointment module's busy times. */
  teacherBusy: (x: Executor, tenantId: string, teacherId: string, fromIso: string, toIso: string) =>
    x
      .selectFrom('class_sessions')
      .select(['id', 'store_id', 'starts_at', 'ends_at'])
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'scheduled')
      .where('starts_at', '<', toIso)
      .where('ends_at', '>', fromIso)
      .where((eb) => eb.or([eb('substitute_teacher_id', '=', teacherId), eb.and([eb('teacher_id', '=', teacherId), eb('substitute_teacher_id', 'is', null)])]))
      .orderBy('starts_at')
      .limit(2000)
      .execute(),
  insertSession: (x: Executor, row: Insertable<ClassSessionsTable>) => x.insertInto('class_sessions').values(row).execute(),
  updateSession: (x: Executor, tenantId: string, id: string, patch: Updateable<ClassSessionsTable>) => x.updateTable('class_sessions').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  // ---- bookings ----
  booking: (x: Executor, tenantId: string, id: string) => x.selectFrom('class_bookings').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  activeBooking: (x: Executor, tenantId: string, sessionId: string, attendeeId: string) =>
    x.selectFrom('class_bookings').selectAll().where('tenant_id', '=', tenantId).where('session_id', '=', sessionId).where('active_key', '=', attendeeId).executeTakeFirst(),
  bookingsOfSession: (x: Executor, tenantId: string, sessionId: string, statuses?: string[]) => {
    let q = x.selectFrom('class_bookings').selectAll().where('tenant_id', '=', tenantId).where('session_id', '=', sessionId);
    if (statuses) q = q.where('status', 'in', statuses as BookingRow['status'][]);
    return q.orderBy('created_at').orderBy('id').execute();
  },
  /** Confirmed and attended bookings of a class whose attendee or booker is one of these people (a scanned code's), by the active key's unique index and the member index — not the whole roster. */
  bookingsOfSessionFor: (x: Executor, tenantId: string, sessionId: string, personIds: string[]) =>
    personIds.length
      ? x
          .selectFrom('class_bookings')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('session_id', '=', sessionId)
          .where((eb) => eb.or([eb('active_key', 'in', personIds), eb('member_id', 'in', personIds)]))
          .where('status', 'in', ['confirmed', 'attended'])
          .orderBy('created_at')
          .orderBy('id')
          .execute()
      : Promise.resolve([] as BookingRow[]),
  waitlist: (x: Executor, tenantId: string, sessionId: string) =>
    x.selectFrom('class_bookings').selectAll().where('tenant_id', '=', tenantId).where('session_id', '=', sessionId).where('status', '=', 'waitlisted').orderBy('waitlist_pos').execute(),
  bookings: (x: Executor, tenantId: string, f: { memberId?: string; attendeeId?: string; limit: number }) => {
    let q = x.selectFrom('class_bookings').selectAll().where('tenant_id', '=', tenantId);
    if (f.memberId) q = q.where('member_id', '=', f.memberId);
    if (f.attendeeId) q = q.where('attendee_id', '=', f.attendeeId);
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  },
  /** Confirmed bookings of sessions that ended before a time, across tenants (the no-show job). */
  dueNoShows: (x: Executor, endedBefore: string, limit: number) =>
    x
      .selectFrom('class_bookings as b')
      .innerJoin('class_sessions as s', (j) => j.onRef('s.tenant_id', '=', 'b.tenant_id').onRef('s.id', '=', 'b.session_id'))
      .select(['b.tenant_id', 'b.id', 's.ends_at'])
      .where('b.status', 'in', ['confirmed', 'waitlisted'])
      .where('s.status', '=', 'scheduled')
      .where('s.ends_at', '<', endedBefore)
      .orderBy('s.ends_at')
      .limit(limit)
      .execute(),
  /** Late cancellations and no-shows of a member since a time (the booking ban). */
  /** When the member's strikes happened: bookings decided as strikes, or (before 0011) late cancellations and no-shows not waived. */
  strikeTimesSince: (x: Executor, tenantId: string, memberId: string, sinceIso: string) =>
    x
      .selectFrom('class_bookings')
      .select('updated_at')
      .where('tenant_id', '=', tenantId)
      .where('member_id', '=', memberId)
      .where('updated_at', '>=', sinceIso)
      .where((eb) => eb.or([eb('is_strike', '=', true), eb.and([eb('is_strike', 'is', null), eb('status', 'in', ['late_cancelled', 'no_show']), eb('is_waived', '=', false)])]))
      .execute(),
  strikesSince: async (x: Executor, tenantId: string, memberId: string, sinceIso: string) =>
    Number(
      (
        await x
          .selectFrom('class_bookings')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('tenant_id', '=', tenantId)
          .where('member_id', '=', memberId)
          .where('status', 'in', ['late_cancelled', 'no_show'])
          .where('is_waived', '=', false)
          .where('updated_at', '>=', sinceIso)
          .executeTakeFirst()
      )?.n ?? 0,
    ),
  /** The attendee's waitlisted bookings of other scheduled classes overlapping [start, end). */
  overlappingWaitlisted: (x: Executor, tenantId: string, attendeeId: string, f: { sessionId: string; startsAt: string; endsAt: string }) =>
    x
      .selectFrom('class_bookings as b')
      .innerJoin('class_sessions as s', (j) => j.onRef('s.tenant_id', '=', 'b.tenant_id').onRef('s.id', '=', 'b.session_id'))
      .select(['b.id', 'b.session_id'])
      .where('b.tenant_id', '=', tenantId)
      .where('b.attendee_id', '=', attendeeId)
      .where('b.status', '=', 'waitlisted')
      .where('s.id', '!=', f.sessionId)
      .where('s.status', '=', 'scheduled')
      .where('s.starts_at', '<', f.endsAt)
      .where('s.ends_at', '>', f.startsAt)
      .orderBy('s.id')
      .execute(),
  insertBooking: (x: Executor, row: Insertable<ClassBookingsTable>) => x.insertInto('class_bookings').values(row).execute(),
  updateBooking: (x: Executor, tenantId: string, id: string, patch: Updateable<ClassBookingsTable>) => x.updateTable('class_bookings').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  // ---- check-ins ----
  checkIn: (x: Executor, tenantId: string, id: string) => x.selectFrom('class_check_ins').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  activeCheckIn: (x: Executor, tenantId: string, sessionId: string, attendeeId: string) =>
    x.selectFrom('class_check_ins').selectAll().where('tenant_id', '=', tenantId).where('session_id', '=', sessionId).where('active_key', '=', attendeeId).executeTakeFirst(),
  checkInsOfSession: (x: Executor, tenantId: string, sessionId: string) => x.selectFrom('class_check_ins').selectAll().where('tenant_id', '=', tenantId).where('session_id', '=', sessionId).orderBy('created_at').execute(),
  insertCheckIn: (x: Executor, row: Insertable<ClassCheckInsTable>) => x.insertInto('class_check_ins').values(row).execute(),
  updateCheckIn: (x: Executor, tenantId: string, id: string, patch: Updateable<ClassCheckInsTable>) => x.updateTable('class_check_ins').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
};
