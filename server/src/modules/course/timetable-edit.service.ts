import { type Tx, inTransaction } from '../../db/database';
import { enqueueEvents } from '../../db/outbox';
import { type Ctx, requirePermission, requireStoreAccess } from '../../shared/context';
import { CourseErrors } from './course.errors';
import type { CourseKit } from './course.kit';
import { type SessionRow, type TimetableRow, courseRepo } from './course.repo';
import { addDays, isTime, localToUtc, weekdayOf } from './course.rules';
import type { TimetableView } from './course.schemas';

const MINUTE = 60_000;
type CancelSessionFn = (trx: Tx, ctx: Ctx, s: SessionRow, reason: string) => Promise<void>;
interface CatalogParts {
  generate(trx: Tx, ctx: Ctx, t: TimetableRow, from: string, until: string, onConflict: 'refuse' | 'skip'): Promise<number>;
  lockPlaces(trx: Tx, ctx: Ctx, roomId: string | null, teacherId: string): Promise<void>;
  getTimetable(ctx: Ctx, id: string): Promise<TimetableView>;
}
export interface TimetablePatch {
  weekday?: number;
  startTime?: string;
  roomId?: string | null;
  teacherId?: string;
  capacity?: number;
  startsOn?: string;
  endsOn?: string | null;
  isActive?: boolean;
}

/**
 * Editing a weekly timetable and moving one of its days. Changes apply to its classes not yet
 * started: they move in place (bookings kept, members told by an outbox `class.moved` event),
 * classes falling outside a shortened range are cancelled (bookings released), a longer range is
 * generated. Like creation, the rooms and teachers are locked first and any overlap refuses the
 * whole change, nothing changed.
 */
export function createTimetableEditService(kit: CourseKit, catalog: CatalogParts, cancelSession: CancelSessionFn) {
  const { d } = kit;
  const { audit } = kit.deps;

  async function requireTimetable(trx: Tx, ctx: Ctx, id: string): Promise<TimetableRow> {
    const t = await d.forUpdate(trx.selectFrom('course_timetables').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id)).executeTakeFirst();
    if (!t) throw CourseErrors.COURSE_TIMETABLE_NOT_FOUND({ details: { timetableId: id } });
    requireStoreAccess(ctx, t.store_id);
    return t;
  }

  /** Move a class to a new start, keeping its bookings: overlaps refused, members told. */
  async function moveSession(trx: Tx, ctx: Ctx, s: SessionRow, to: { startsAt: string; roomId: string | null; teacherId: string; capacity: number }, durationMinutes: number) {
    const endsAt = new Date(Date.parse(to.startsAt) + durationMinutes * MINUTE).toISOString();
    const teaching = s.substitute_teacher_id ?? to.teacherId;
    await kit.assertNoOverlap(trx, ctx, { roomId: to.roomId, teacherId: teaching, startsAt: to.startsAt, endsAt, excludeId: s.id });
    if (to.capacity < s.booked_count) throw CourseErrors.COURSE_CAPACITY_BELOW_BOOKED({ params: { booked: s.booked_count }, details: [{ path: 'capacity' }] });
    const now = kit.clock.iso();
    const moved = to.startsAt !== s.starts_at;
    await courseRepo.updateSession(trx, ctx.tenantId, s.id, { starts_at: to.startsAt, ends_at: endsAt, business_date: await kit.dateOf(ctx.tenantId, new Date(to.startsAt), trx), room_id: to.roomId, teacher_id: to.teacherId, capacity: to.capacity, updated_at: now });
    if (moved) {
      const course = await kit.requireCourse(trx, ctx, s.course_id);
      for (const b of await courseRepo.bookingsOfSession(trx, ctx.tenantId, s.id, ['confirmed', 'waitlisted'])) {
        await enqueueEvents(trx, ctx.tenantId, now, [{ topic: 'class.moved', payload: { bookingId: b.id, sessionId: s.id, memberId: b.member_id, attendeeId: b.attendee_id, courseName: course.name, fromStartsAt: s.starts_at, startsAt: to.startsAt, storeId: s.store_id } }]);
      }
    }
  }

  return {
    async updateTimetable(ctx: Ctx, id: string, patch: TimetablePatch): Promise<TimetableView> {
      requirePermission(ctx, 'course.manage');
      if (patch.startTime !== undefined && !isTime(patch.startTime)) throw CourseErrors.COURSE_TIME_INVALID({ details: [{ path: 'startTime' }] });
      await inTransaction(kit.deps.database, async (trx) => {
        const t = await requireTimetable(trx, ctx, id);
        const next = {
          weekday: patch.weekday ?? t.weekday,
          start_time: patch.startTime ?? t.start_time,
          room_id: patch.roomId !== undefined ? patch.roomId : t.room_id,
          teacher_id: patch.teacherId ?? t.teacher_id,
          capacity: patch.capacity ?? t.capacity,
          starts_on: patch.startsOn ?? t.starts_on,
          ends_on: patch.endsOn !== undefined ? patch.endsOn : t.ends_on,
          is_active: patch.isActive ?? t.is_active,
        };
        if (next.ends_on && next.ends_on < next.starts_on) throw CourseErrors.COURSE_TIMETABLE_DATES_INVALID({ details: [{ path: 'endsOn' }] });
        if (patch.roomId) await kit.requireRoom(trx, ctx, patch.roomId, t.store_id);
        if (patch.teacherId) await kit.requireTeacher(trx, ctx, patch.teacherId, { active: true });
        const course = await kit.requireCourse(trx, ctx, t.course_id);
        await catalog.lockPlaces(trx, ctx, next.room_id, next.teacher_id);
        const tz = await kit.timeZone(ctx.tenantId, trx);
        const now = kit.clock.iso();
        const today = await kit.dateOf(ctx.tenantId, kit.clock.now(), trx);
        const future = (await trx.selectFrom('class_sessions').selectAll().where('tenant_id', '=', ctx.tenantId).where('timetable_id', '=', id).where('status', '=', 'scheduled').where('starts_at', '>', now).orderBy('starts_at').execute()) as SessionRow[];
        let moved = 0;
        let cancelled = 0;
        for (const s0 of future) {
          const s = (await courseRepo.lockSession(trx, d, ctx.tenantId, s0.id))!;
          // The same week, the new weekday.
          const date = addDays(s.business_date, next.weekday - weekdayOf(s.business_date));
          if (!next.is_active || date < next.starts_on || (next.ends_on && date > next.ends_on) || date < today) {
            await cancelSession(trx, ctx, s, 'timetable changed');
            cancelled++;
            continue;
          }
          const startsAt = localToUtc(date, next.start_time, tz);
          if (Date.parse(startsAt) <= Date.parse(now)) {
            await cancelSession(trx, ctx, s, 'timetable changed');
            cancelled++;
            continue;
          }
          if (startsAt !== s.starts_at || next.room_id !== s.room_id || next.teacher_id !== s.teacher_id || next.capacity !== s.capacity) {
            await moveSession(trx, ctx, s, { startsAt, roomId: next.room_id, teacherId: next.teacher_id, capacity: next.capacity }, course.duration_minutes);
            moved++;
          }
        }
        await courseRepo.updateTimetable(trx, ctx.tenantId, id, { ...next, updated_at: now });
        let created = 0;
        if (next.is_active) {
          const s = await kit.settings(trx, ctx.tenantId);
          const fresh = (await courseRepo.timetable(trx, ctx.tenantId, id))!;
          created = await catalog.generate(trx, ctx, fresh, next.starts_on < today ? today : next.starts_on, addDays(today, s.generateWeeks * 7), 'refuse');
        }
        await audit.record(trx, ctx, { action: 'course.timetable.update', entityType: 'courseTimetable', entityId: id, storeId: t.store_id, before: t, after: { ...next, moved, cancelled, created } });
      });
      return catalog.getTimetable(ctx, id);
    },

    /** Move one day's class to another time (kept bookings); the day becomes an exception so generation does not recreate it. */
    async moveDay(ctx: Ctx, id: string, input: { onDate: string; startsAt: string; reason?: string | null }): Promise<TimetableView> {
      requirePermission(ctx, 'course.manage');
      await inTransaction(kit.deps.database, async (trx) => {
        const t = await requireTimetable(trx, ctx, id);
        const s0 = await courseRepo.sessionOfTimetable(trx, ctx.tenantId, id, input.onDate);
        if (!s0 || s0.status !== 'scheduled') throw CourseErrors.COURSE_SESSION_NOT_FOUND({ details: [{ path: 'onDate' }] });
        const now = kit.clock.iso();
        if (Date.parse(s0.starts_at) <= Date.parse(now) || Date.parse(input.startsAt) <= Date.parse(now)) throw CourseErrors.COURSE_SESSION_PAST({ details: [{ path: 'startsAt' }] });
        const course = await kit.requireCourse(trx, ctx, t.course_id);
        await catalog.lockPlaces(trx, ctx, s0.room_id, s0.substitute_teacher_id ?? s0.teacher_id);
        const s = (await courseRepo.lockSession(trx, d, ctx.tenantId, s0.id))!;
        const startsAt = new Date(input.startsAt).toISOString();
        await moveSession(trx, ctx, s, { startsAt, roomId: s.room_id, teacherId: s.teacher_id, capacity: s.capacity }, course.duration_minutes);
        // That day becomes an exception: generation will not create its class again.
        if (!(await courseRepo.exceptions(trx, ctx.tenantId, id)).some((e) => e.on_date === input.onDate)) {
          await courseRepo.insertException(trx, { tenant_id: ctx.tenantId, timetable_id: id, on_date: input.onDate, reason: input.reason ?? `moved to ${startsAt}`, created_at: now });
        }
        await audit.record(trx, ctx, { action: 'course.timetable.move', entityType: 'courseTimetable', entityId: id, storeId: t.store_id, before: { sessionId: s.id, startsAt: s.starts_at }, after: { sessionId: s.id, startsAt, reason: input.reason ?? null } });
      });
      return catalog.getTimetable(ctx, id);
    },
  };
}
