import { type Executor, type Tx, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import { type Ctx, requirePermission, requireStoreAccess, systemCtx } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { CourseErrors } from './course.errors';
import type { CourseKit } from './course.kit';
import { type CourseRow, type RoomRow, type SessionRow, type TeacherRow, type TimetableRow, courseRepo } from './course.repo';
import { addDays, isTime, localToUtc, weeklyDates } from './course.rules';
import type { CourseSettings, SessionView, TimetableView } from './course.schemas';

const MINUTE = 60_000;

const presentTeacher = (t: TeacherRow) => ({ id: t.id, staffId: t.staff_id, name: t.name, skills: t.skills_json, isActive: t.is_active });
const presentRoom = (r: RoomRow) => ({ id: r.id, storeId: r.store_id, name: r.name, capacity: r.capacity, isActive: r.is_active });
const presentCourse = (c: CourseRow) => ({
  id: c.id,
  name: c.name,
  category: c.category,
  description: c.description,
  minAgeMonths: c.min_age_months,
  maxAgeMonths: c.max_age_months,
  durationMinutes: c.duration_minutes,
  capacity: c.capacity,
  price: c.price,
  defaultTeacherId: c.default_teacher_id,
  isActive: c.is_active,
});

export interface CourseInput {
  name: string;
  category: string;
  description?: string | null;
  minAgeMonths?: number | null;
  maxAgeMonths?: number | null;
  durationMinutes: number;
  capacity: number;
  price: number;
  defaultTeacherId?: string | null;
}

/** Cancelling a class releases its bookings; the booking service does it (a timetable exception cancels that day's class). */
export type CancelSessionFn = (trx: Tx, ctx: Ctx, session: SessionRow, reason: string) => Promise<void>;

/**
 * Courses, rooms, teachers, weekly timetables and their sessions. Every class placed in a room
 * or with a teacher first locks that room's and teacher's rows, then refuses an overlap — so two
 * requests cannot double-book a room or a teacher.
 */
export function createCatalogService(kit: CourseKit, cancelSession: CancelSessionFn) {
  const { db, d } = kit;
  const audit = kit.deps.audit;

  async function presentTimetable(x: Executor, ctx: Ctx, t: TimetableRow, extra: { sessionsCreated?: number } = {}): Promise<TimetableView> {
    const ex = await courseRepo.exceptions(x, ctx.tenantId, t.id);
    return {
      id: t.id,
      courseId: t.course_id,
      storeId: t.store_id,
      roomId: t.room_id,
      teacherId: t.teacher_id,
      weekday: t.weekday,
      startTime: t.start_time,
      capacity: t.capacity,
      startsOn: t.starts_on,
      endsOn: t.ends_on,
      generatedUntil: t.generated_until,
      isActive: t.is_active,
      exceptions: ex.map((e) => ({ onDate: e.on_date, reason: e.reason })),
      ...extra,
    };
  }

  /** Lock a class's room and teacher (in a fixed order) before checking overlaps. */
  async function lockPlaces(trx: Tx, ctx: Ctx, roomId: string | null, teacherId: string) {
    if (roomId) await courseRepo.lockRoom(trx, d, ctx.tenantId, roomId);
    await courseRepo.lockTeacher(trx, d, ctx.tenantId, teacherId);
  }

  async function insertSession(trx: Tx, ctx: Ctx, s: { course: CourseRow; storeId: string; roomId: string | null; teacherId: string; timetableId: string | null; startsAt: string; capacity: number }): Promise<string> {
    const endsAt = new Date(Date.parse(s.startsAt) + s.course.duration_minutes * MINUTE).toISOString();
    await kit.assertNoOverlap(trx, ctx, { roomId: s.roomId, teacherId: s.teacherId, startsAt: s.startsAt, endsAt });
    const now = kit.clock.iso();
    const id = newId(ID_PREFIXES.classSession);
    await courseRepo.insertSession(trx, {
      tenant_id: ctx.tenantId,
      id,
      course_id: s.course.id,
      store_id: s.storeId,
      room_id: s.roomId,
      teacher_id: s.teacherId,
      substitute_teacher_id: null,
      timetable_id: s.timetableId,
      business_date: await kit.dateOf(ctx.tenantId, new Date(s.startsAt), trx),
      starts_at: s.startsAt,
      ends_at: endsAt,
      capacity: s.capacity,
      booked_count: 0,
      waitlist_count: 0,
      next_waitlist_pos: 1,
      status: 'scheduled',
      cancel_reason: null,
      cancelled_at: null,
      created_at: now,
      updated_at: now,
    });
    return id;
  }

  /** Create a timetable's sessions from `from` to `until` (skipping exceptions and days already created). */
  async function generate(trx: Tx, ctx: Ctx, t: TimetableRow, from: string, until: string, onConflict: 'refuse' | 'skip'): Promise<number> {
    const course = await kit.requireCourse(trx, ctx, t.course_id);
    const tz = await kit.timeZone(ctx.tenantId, trx);
    const except = new Set((await courseRepo.exceptions(trx, ctx.tenantId, t.id)).map((e) => e.on_date));
    const last = t.ends_on && t.ends_on < until ? t.ends_on : until;
    await lockPlaces(trx, ctx, t.room_id, t.teacher_id);
    let n = 0;
    for (const date of weeklyDates(from < t.starts_on ? t.starts_on : from, last, t.weekday, except)) {
      if (await courseRepo.sessionOfTimetable(trx, ctx.tenantId, t.id, date)) continue;
      try {
        await insertSession(trx, ctx, { course, storeId: t.store_id, roomId: t.room_id, teacherId: t.teacher_id, timetableId: t.id, startsAt: localToUtc(date, t.start_time, tz), capacity: t.capacity });
        n++;
      } catch (err) {
        // The job extends timetables past classes placed by hand since: those days are left out.
        if (onConflict === 'skip' && ['COURSE_ROOM_OVERLAP', 'COURSE_TEACHER_OVERLAP'].includes((err as { code?: string }).code ?? '')) continue;
        throw err;
      }
    }
    await courseRepo.updateTimetable(trx, ctx.tenantId, t.id, { generated_until: last > t.generated_until ? last : t.generated_until, updated_at: kit.clock.iso() });
    return n;
  }

  return {
    // ---- settings ----
    async getSettings(ctx: Ctx): Promise<CourseSettings> {
      requirePermission(ctx, 'course.read');
      return kit.settings(db, ctx.tenantId);
    },
    async putSettings(ctx: Ctx, s: CourseSettings): Promise<CourseSettings> {
      requirePermission(ctx, 'course.settings');
      return inTransaction(kit.deps.database, async (trx) => {
        const before = await kit.settings(trx, ctx.tenantId);
        await kit.saveSettings(trx, ctx.tenantId, s);
        await audit.record(trx, ctx, { action: 'course.settings', entityType: 'courseSettings', entityId: ctx.tenantId, before, after: s, diff: true });
        return kit.settings(trx, ctx.tenantId);
      });
    },

    // ---- teachers ----
    async listTeachers(ctx: Ctx) {
      requirePermission(ctx, 'course.read');
      return (await courseRepo.teachers(db, ctx.tenantId)).map(presentTeacher);
    },
    async createTeacher(ctx: Ctx, input: { name: string; staffId?: string | null; skills: string[] }) {
      requirePermission(ctx, 'course.manage');
      return inTransaction(kit.deps.database, async (trx) => {
        if (input.staffId) {
          if (!(await courseRepo.staffExists(trx, ctx.tenantId, input.staffId))) throw CourseErrors.COURSE_TEACHER_STAFF_NOT_FOUND({ details: { staffId: input.staffId } });
          if (await courseRepo.teacherByStaff(trx, ctx.tenantId, input.staffId)) throw CourseErrors.COURSE_TEACHER_STAFF_TAKEN({ details: { staffId: input.staffId } });
        }
        const now = kit.clock.iso();
        const id = newId(ID_PREFIXES.courseTeacher);
        await courseRepo.insertTeacher(trx, { tenant_id: ctx.tenantId, id, staff_id: input.staffId ?? null, name: input.name, skills_json: toJson(input.skills) as unknown as string[], is_active: true, created_at: now, updated_at: now });
        const t = presentTeacher((await courseRepo.teacher(trx, ctx.tenantId, id))!);
        await audit.record(trx, ctx, { action: 'course.teacher.create', entityType: 'courseTeacher', entityId: id, after: t });
        return t;
      });
    },
    async updateTeacher(ctx: Ctx, id: string, patch: { name?: string; skills?: string[]; isActive?: boolean }) {
      requirePermission(ctx, 'course.manage');
      return inTransaction(kit.deps.database, async (trx) => {
        const before = presentTeacher(await kit.requireTeacher(trx, ctx, id, { lock: true }));
        await courseRepo.updateTeacher(trx, ctx.tenantId, id, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.skills !== undefined ? { skills_json: toJson(patch.skills) as unknown as string[] } : {}),
          ...(patch.isActive !== undefined ? { is_active: patch.isActive } : {}),
          updated_at: kit.clock.iso(),
        });
        const after = presentTeacher((await courseRepo.teacher(trx, ctx.tenantId, id))!);
        await audit.record(trx, ctx, { action: 'course.teacher.update', entityType: 'courseTeacher', entityId: id, before, after, diff: true });
        return after;
      });
    },

    // ---- rooms ----
    async listRooms(ctx: Ctx, q: { storeId?: string }) {
      requirePermission(ctx, 'course.read');
      if (q.storeId) requireStoreAccess(ctx, q.storeId);
      const scope = q.storeId ? [q.storeId] : ctx.storeScope.all ? null : [...ctx.storeScope.storeIds];
      return (await courseRepo.rooms(db, ctx.tenantId, scope)).map(presentRoom);
    },
    async createRoom(ctx: Ctx, input: { storeId: string; name: string; capacity?: number | null }) {
      requirePermission(ctx, 'course.manage');
      return inTransaction(kit.deps.database, async (trx) => {
        await kit.requireStore(trx, ctx, input.storeId);
        if (await courseRepo.roomByName(trx, ctx.tenantId, input.storeId, input.name)) throw CourseErrors.COURSE_ROOM_NAME_TAKEN({ params: { name: input.name } });
        const now = kit.clock.iso();
        const id = newId(ID_PREFIXES.courseRoom);
        await courseRepo.insertRoom(trx, { tenant_id: ctx.tenantId, id, store_id: input.storeId, name: input.name, capacity: input.capacity ?? null, is_active: true, created_at: now, updated_at: now });
        const r = presentRoom((await courseRepo.room(trx, ctx.tenantId, id))!);
        await audit.record(trx, ctx, { action: 'course.room.create', entityType: 'courseRoom', entityId: id, storeId: input.storeId, after: r });
        return r;
      });
    },
    async updateRoom(ctx: Ctx, id: string, patch: { name?: string; capacity?: number | null; isActive?: boolean }) {
      requirePermission(ctx, 'course.manage');
      return inTransaction(kit.deps.database, async (trx) => {
        const row = await courseRepo.lockRoom(trx, d, ctx.tenantId, id);
        if (!row) throw CourseErrors.COURSE_ROOM_NOT_FOUND({ details: { roomId: id } });
        requireStoreAccess(ctx, row.store_id);
        if (patch.name && patch.name !== row.name && (await courseRepo.roomByName(trx, ctx.tenantId, row.store_id, patch.name))) throw CourseErrors.COURSE_ROOM_NAME_TAKEN({ params: { name: patch.name } });
        await courseRepo.updateRoom(trx, ctx.tenantId, id, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
          ...(patch.isActive !== undefined ? { is_active: patch.isActive } : {}),
          updated_at: kit.clock.iso(),
        });
        const after = presentRoom((await courseRepo.room(trx, ctx.tenantId, id))!);
        await audit.record(trx, ctx, { action: 'course.room.update', entityType: 'courseRoom', entityId: id, storeId: row.store_id, before: presentRoom(row), after, diff: true });
        return after;
      });
    },

    // ---- courses ----
    async listCourses(ctx: Ctx, q: { category?: string; active?: 'true' | 'false' }) {
      requirePermission(ctx, 'course.read');
      return (await courseRepo.courses(db, ctx.tenantId, { category: q.category, isActive: q.active === undefined ? undefined : q.active === 'true' })).map(presentCourse);
    },
    async getCourse(ctx: Ctx, id: string) {
      requirePermission(ctx, 'course.read');
      return presentCourse(await kit.requireCourse(db, ctx, id));
    },
    async createCourse(ctx: Ctx, input: CourseInput) {
      requirePermission(ctx, 'course.manage');
      return inTransaction(kit.deps.database, async (trx) => {
        if ((input.minAgeMonths ?? null) !== null && (input.maxAgeMonths ?? null) !== null && input.minAgeMonths! > input.maxAgeMonths!) throw CourseErrors.COURSE_AGE_RANGE_INVALID({ details: [{ path: 'minAgeMonths' }] });
        if (await courseRepo.courseByName(trx, ctx.tenantId, input.name)) throw CourseErrors.COURSE_NAME_TAKEN({ params: { name: input.name } });
        if (input.defaultTeacherId) await kit.requireTeacher(trx, ctx, input.defaultTeacherId);
        const now = kit.clock.iso();
        const id = newId(ID_PREFIXES.course);
        await courseRepo.insertCourse(trx, {
          tenant_id: ctx.tenantId,
          id,
          name: input.name,
          category: input.category,
          description: input.description ?? null,
          min_age_months: input.minAgeMonths ?? null,
          max_age_months: input.maxAgeMonths ?? null,
          duration_minutes: input.durationMinutes,
          capacity: input.capacity,
          price: input.price,
          default_teacher_id: input.defaultTeacherId ?? null,
          is_active: true,
          created_at: now,
          updated_at: now,
        });
        const c = presentCourse((await courseRepo.course(trx, ctx.tenantId, id))!);
        await audit.record(trx, ctx, { action: 'course.create', entityType: 'course', entityId: id, after: c });
        return c;
      });
    },
    async updateCourse(ctx: Ctx, id: string, patch: Partial<CourseInput> & { isActive?: boolean }) {
      requirePermission(ctx, 'course.manage');
      return inTransaction(kit.deps.database, async (trx) => {
        const row = await kit.requireCourse(trx, ctx, id);
        const min = patch.minAgeMonths !== undefined ? patch.minAgeMonths : row.min_age_months;
        const max = patch.maxAgeMonths !== undefined ? patch.maxAgeMonths : row.max_age_months;
        if (min !== null && max !== null && min > max) throw CourseErrors.COURSE_AGE_RANGE_INVALID({ details: [{ path: 'minAgeMonths' }] });
        if (patch.name && patch.name !== row.name && (await courseRepo.courseByName(trx, ctx.tenantId, patch.name))) throw CourseErrors.COURSE_NAME_TAKEN({ params: { name: patch.name } });
        if (patch.defaultTeacherId) await kit.requireTeacher(trx, ctx, patch.defaultTeacherId);
        const map: Record<string, string> = { name: 'name', category: 'category', description: 'description', minAgeMonths: 'min_age_months', maxAgeMonths: 'max_age_months', durationMinutes: 'duration_minutes', capacity: 'capacity', price: 'price', defaultTeacherId: 'default_teacher_id', isActive: 'is_active' };
        const set: Record<string, unknown> = { updated_at: kit.clock.iso() };
        for (const [k, col] of Object.entries(map)) if ((patch as Record<string, unknown>)[k] !== undefined) set[col] = (patch as Record<string, unknown>)[k];
        await courseRepo.updateCourse(trx, ctx.tenantId, id, set);
        const after = presentCourse((await courseRepo.course(trx, ctx.tenantId, id))!);
        await audit.record(trx, ctx, { action: 'course.update', entityType: 'course', entityId: id, before: presentCourse(row), after, diff: true });
        return after;
      });
    },

    // ---- timetables ----
    async listTimetables(ctx: Ctx, q: { storeId?: string; courseId?: string }) {
      requirePermission(ctx, 'course.read');
      if (q.storeId) requireStoreAccess(ctx, q.storeId);
      const scope = q.storeId ? [q.storeId] : ctx.storeScope.all ? null : [...ctx.storeScope.storeIds];
      const rows = await courseRepo.timetables(db, ctx.tenantId, { storeIds: scope, courseId: q.courseId });
      return Promise.all(rows.map((t) => presentTimetable(db, ctx, t)));
    },
    async getTimetable(ctx: Ctx, id: string) {
      requirePermission(ctx, 'course.read');
      const t = await courseRepo.timetable(db, ctx.tenantId, id);
      if (!t) throw CourseErrors.COURSE_TIMETABLE_NOT_FOUND({ details: { timetableId: id } });
      requireStoreAccess(ctx, t.store_id);
      return presentTimetable(db, ctx, t);
    },
    /** A weekly class: sessions are created up to `generateWeeks` ahead (the daily job keeps extending); any overlap refuses the whole timetable. */
    async createTimetable(ctx: Ctx, input: { courseId: string; storeId: string; roomId?: string | null; teacherId?: string; weekday: number; startTime: string; capacity?: number; startsOn: string; endsOn?: string | null; exceptDates: string[] }) {
      requirePermission(ctx, 'course.manage');
      if (!isTime(input.startTime)) throw CourseErrors.COURSE_TIME_INVALID({ details: [{ path: 'startTime' }] });
      if (input.endsOn && input.endsOn < input.startsOn) throw CourseErrors.COURSE_TIMETABLE_DATES_INVALID({ details: [{ path: 'endsOn' }] });
      return inTransaction(kit.deps.database, async (trx) => {
        await kit.requireStore(trx, ctx, input.storeId);
        const course = await kit.requireCourse(trx, ctx, input.courseId);
        if (!course.is_active) throw CourseErrors.COURSE_INACTIVE({ params: { name: course.name } });
        const teacherId = input.teacherId ?? course.default_teacher_id;
        if (!teacherId) throw CourseErrors.COURSE_TEACHER_REQUIRED({ details: [{ path: 'teacherId' }] });
        await kit.requireTeacher(trx, ctx, teacherId, { active: true });
        if (input.roomId) await kit.requireRoom(trx, ctx, input.roomId, input.storeId);
        const now = kit.clock.iso();
        const id = newId(ID_PREFIXES.timetable);
        await courseRepo.insertTimetable(trx, {
          tenant_id: ctx.tenantId,
          id,
          course_id: course.id,
          store_id: input.storeId,
          room_id: input.roomId ?? null,
          teacher_id: teacherId,
          weekday: input.weekday,
          start_time: input.startTime,
          capacity: input.capacity ?? course.capacity,
          starts_on: input.startsOn,
          ends_on: input.endsOn ?? null,
          generated_until: addDays(input.startsOn, -1),
          is_active: true,
          created_at: now,
          updated_at: now,
        });
        for (const on of [...new Set(input.exceptDates)]) await courseRepo.insertException(trx, { tenant_id: ctx.tenantId, timetable_id: id, on_date: on, reason: null, created_at: now });
        const s = await kit.settings(trx, ctx.tenantId);
        const today = await kit.dateOf(ctx.tenantId, kit.clock.now(), trx);
        const t = (await courseRepo.timetable(trx, ctx.tenantId, id))!;
        const created = await generate(trx, ctx, t, input.startsOn < today ? today : input.startsOn, addDays(today, s.generateWeeks * 7), 'refuse');
        const view = await presentTimetable(trx, ctx, (await courseRepo.timetable(trx, ctx.tenantId, id))!, { sessionsCreated: created });
        await audit.record(trx, ctx, { action: 'course.timetable.create', entityType: 'courseTimetable', entityId: id, storeId: input.storeId, after: view });
        return view;
      });
    },
    /** No class on a day (a holiday): the day's class, when already created, is cancelled and its bookings released. */
    async addException(ctx: Ctx, id: string, input: { onDate: string; reason?: string | null }) {
      requirePermission(ctx, 'course.manage');
      return inTransaction(kit.deps.database, async (trx) => {
        const t = await courseRepo.timetable(trx, ctx.tenantId, id);
        if (!t) throw CourseErrors.COURSE_TIMETABLE_NOT_FOUND({ details: { timetableId: id } });
        requireStoreAccess(ctx, t.store_id);
        if ((await courseRepo.exceptions(trx, ctx.tenantId, id)).some((e) => e.on_date === input.onDate)) throw CourseErrors.COURSE_EXCEPTION_EXISTS({ params: { onDate: input.onDate } });
        if (!weeklyDates(input.onDate, input.onDate, t.weekday).length || input.onDate < t.starts_on || (t.ends_on && input.onDate > t.ends_on)) throw CourseErrors.COURSE_EXCEPTION_DATE_INVALID({ params: { onDate: input.onDate }, details: [{ path: 'onDate' }] });
        await courseRepo.insertException(trx, { tenant_id: ctx.tenantId, timetable_id: id, on_date: input.onDate, reason: input.reason ?? null, created_at: kit.clock.iso() });
        const s = await courseRepo.sessionOfTimetable(trx, ctx.tenantId, id, input.onDate);
        if (s && s.status === 'scheduled') await cancelSession(trx, ctx, (await courseRepo.lockSession(trx, d, ctx.tenantId, s.id))!, input.reason ?? 'timetable exception');
        const view = await presentTimetable(trx, ctx, t);
        await audit.record(trx, ctx, { action: 'course.timetable.exception', entityType: 'courseTimetable', entityId: id, storeId: t.store_id, after: { onDate: input.onDate, reason: input.reason ?? null, cancelledSessionId: s?.id ?? null } });
        return view;
      });
    },

    // ---- sessions ----
    async listSessions(ctx: Ctx, q: { from: string; to: string; storeId?: string; courseId?: string; teacherId?: string; roomId?: string; includeCancelled?: 'true' | 'false' }): Promise<SessionView[]> {
      requirePermission(ctx, 'course.read');
      if (q.to < q.from) throw CourseErrors.COURSE_TIMETABLE_DATES_INVALID({ details: [{ path: 'to' }] });
      if (addDays(q.from, 62) < q.to) throw CourseErrors.COURSE_RANGE_TOO_LONG({ params: { days: 62 }, details: [{ path: 'to' }] });
      if (q.storeId) requireStoreAccess(ctx, q.storeId);
      const tz = await kit.timeZone(ctx.tenantId);
      const scope = q.storeId ? [q.storeId] : ctx.storeScope.all ? null : [...ctx.storeScope.storeIds];
      const rows = await courseRepo.sessions(db, ctx.tenantId, { storeIds: scope, fromIso: localToUtc(q.from, '00:00', tz), toIso: localToUtc(addDays(q.to, 1), '00:00', tz), courseId: q.courseId, teacherId: q.teacherId, roomId: q.roomId, includeCancelled: q.includeCancelled === 'true' });
      return kit.presentSessions(db, ctx, rows);
    },
    /** A one-off class. */
    async createSession(ctx: Ctx, input: { courseId: string; storeId: string; roomId?: string | null; teacherId?: string; startsAt: string; capacity?: number }): Promise<SessionView> {
      requirePermission(ctx, 'course.manage');
      return inTransaction(kit.deps.database, async (trx) => {
        await kit.requireStore(trx, ctx, input.storeId);
        const course = await kit.requireCourse(trx, ctx, input.courseId);
        if (!course.is_active) throw CourseErrors.COURSE_INACTIVE({ params: { name: course.name } });
        const teacherId = input.teacherId ?? course.default_teacher_id;
        if (!teacherId) throw CourseErrors.COURSE_TEACHER_REQUIRED({ details: [{ path: 'teacherId' }] });
        await kit.requireTeacher(trx, ctx, teacherId, { active: true });
        if (input.roomId) await kit.requireRoom(trx, ctx, input.roomId, input.storeId);
        await lockPlaces(trx, ctx, input.roomId ?? null, teacherId);
        const id = await insertSession(trx, ctx, { course, storeId: input.storeId, roomId: input.roomId ?? null, teacherId, timetableId: null, startsAt: new Date(input.startsAt).toISOString(), capacity: input.capacity ?? course.capacity });
        const [view] = await kit.presentSessions(trx, ctx, [(await courseRepo.session(trx, ctx.tenantId, id))!]);
        await audit.record(trx, ctx, { action: 'course.session.create', entityType: 'classSession', entityId: id, storeId: input.storeId, after: view });
        return view;
      });
    },

    generate,
    lockPlaces,

    /** The daily job: extend weekly timetables to `generateWeeks` ahead (days clashing with classes placed since are skipped). */
    async extendTimetables(): Promise<number> {
      let created = 0;
      const horizon = addDays(new Date(kit.clock.now().getTime()).toISOString().slice(0, 10), 7);
      const due = await courseRepo.timetablesToExtend(db, horizon, 200);
      for (const t of due) {
        const ctx = systemCtx(t.tenant_id, { name: 'timetable job' });
        created += await inTransaction(kit.deps.database, async (trx) => {
          const s = await kit.settings(trx, t.tenant_id);
          const today = await kit.dateOf(t.tenant_id, kit.clock.now(), trx);
          const fresh = (await courseRepo.timetable(trx, t.tenant_id, t.id))!;
          if (fresh.ends_on && fresh.generated_until >= fresh.ends_on) {
            await courseRepo.updateTimetable(trx, t.tenant_id, t.id, { is_active: false, updated_at: kit.clock.iso() });
            return 0;
          }
          const from = addDays(fresh.generated_until, 1);
          return generate(trx, ctx, fresh, from < today ? today : from, addDays(today, s.generateWeeks * 7), 'skip');
        });
      }
      return created;
    },
  };
}
