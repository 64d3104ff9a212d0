import { type Executor, inTransaction } from '../../db/database';
import { type Ctx, hasPermission, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { AppointmentErrors } from './appointment.errors';
import type { AppointmentKit } from './appointment.kit';
import { type ExceptionRow, appointmentRepo } from './appointment.repo';
import { type Slot, addDays, daySlots, overlappingWindows, windowSlots } from './appointment.rules';
import type { AppointmentSettings } from './appointment.schemas';

const MAX_RANGE_DAYS = 31;

const presentException = (e: ExceptionRow) => ({ id: e.id, teacherId: e.teacher_id, storeId: e.store_id, onDate: e.on_date, kind: e.kind, startTime: e.start_time, endTime: e.end_time, slotMinutes: e.slot_minutes, reason: e.reason });

/** Coaches' weekly availability and exceptions, the computed slots, and the booking-window settings. */
export function createAvailabilityService(kit: AppointmentKit) {
  const { db, d } = kit;
  const { audit, coaches } = kit.deps;

  /**
   * Every slot of a coach at a store between two business days, with its status. Reads the
   * coach's appointments and group classes (through the course module) in the caller's executor,
   * so a booking computing it under the coach's lock sees every committed booking.
   */
  async function slotsFor(x: Executor, ctx: Ctx, teacherId: string, storeId: string, from: string, to: string, s?: AppointmentSettings): Promise<Slot[]> {
    const settings = s ?? (await kit.settings(x, ctx.tenantId));
    const timeZone = await kit.timeZone(ctx.tenantId, x);
    const now = kit.clock.now();
    const today = await kit.dateOf(ctx.tenantId, now, x);
    const windows = await appointmentRepo.windows(x, ctx.tenantId, teacherId, storeId);
    const exceptions = await appointmentRepo.exceptions(x, ctx.tenantId, teacherId, storeId, from, to);
    // A day in any time zone lies within [from − 1 day, to + 2 days) in UTC.
    const fromIso = `${addDays(from, -1)}T00:00:00.000Z`;
    const toIso = `${addDays(to, 2)}T00:00:00.000Z`;
    const taken = await appointmentRepo.coachTaken(x, ctx.tenantId, teacherId, fromIso, toIso);
    const classes = await coaches.busy(x, ctx.tenantId, teacherId, fromIso, toIso);
    return daySlots({
      from,
      to,
      timeZone,
      weekly: windows.map((w) => ({ weekday: w.weekday, startTime: w.start_time, endTime: w.end_time, slotMinutes: w.slot_minutes })),
      exceptions: exceptions.map((e) => ({ onDate: e.on_date, kind: e.kind, startTime: e.start_time, endTime: e.end_time, slotMinutes: e.slot_minutes })),
      appointments: taken.map((a) => ({ startsAt: a.starts_at, endsAt: a.ends_at })),
      // A coach teaching at another store is busy here too.
      classes: classes.map((c) => ({ startsAt: c.startsAt, endsAt: c.endsAt })),
      now: now.toISOString(),
      today,
      minNoticeMinutes: settings.minNoticeMinutes,
      maxDaysAhead: settings.maxDaysAhead,
    });
  }

  async function view(x: Executor, ctx: Ctx, teacherId: string, storeId: string) {
    const coach = await kit.requireCoach(x, ctx, teacherId);
    const row = await appointmentRepo.coach(x, ctx.tenantId, teacherId);
    const today = await kit.dateOf(ctx.tenantId, kit.clock.now(), x);
    const windows = await appointmentRepo.windows(x, ctx.tenantId, teacherId, storeId);
    const exceptions = await appointmentRepo.exceptions(x, ctx.tenantId, teacherId, storeId, today, '9999-12-31');
    return {
      teacherId,
      teacherName: coach.name,
      storeId,
      coachLevel: row?.coach_level ?? null,
      windows: windows.map((w) => ({ id: w.id, weekday: w.weekday, startTime: w.start_time, endTime: w.end_time, slotMinutes: w.slot_minutes })),
      exceptions: exceptions.map(presentException),
    };
  }

  return {
    slotsFor,

    async getSettings(ctx: Ctx): Promise<AppointmentSettings> {
      requirePermission(ctx, 'appointment.view');
      return kit.settings(db, ctx.tenantId);
    },
    async putSettings(ctx: Ctx, input: AppointmentSettings): Promise<AppointmentSettings> {
      requirePermission(ctx, 'appointment.manage');
      return inTransaction(kit.deps.database, async (trx) => {
        const before = await kit.settings(trx, ctx.tenantId);
        await appointmentRepo.upsertSettings(trx, { tenant_id: ctx.tenantId, min_notice_minutes: input.minNoticeMinutes, max_days_ahead: input.maxDaysAhead, late_cancel_minutes: input.lateCancelMinutes, is_late_cancel_forfeit: input.isLateCancelForfeit, updated_at: kit.clock.iso() });
        await audit.record(trx, ctx, { action: 'appointment.settings.update', entityType: 'appointmentSettings', entityId: ctx.tenantId, before, after: input, diff: true });
        return input;
      });
    },

    /** Active teachers as coaches, with their level; `isMe` marks the caller's own. */
    async listCoaches(ctx: Ctx) {
      requirePermission(ctx, 'appointment.view');
      const levels = new Map((await appointmentRepo.coaches(db, ctx.tenantId)).map((c) => [c.teacher_id, c.coach_level]));
      const all = (await coaches.teachers(db, ctx.tenantId)).filter((t) => t.isActive);
      const mine = hasPermission(ctx, 'appointment.manage') ? all : all.filter((t) => kit.isCoach(ctx, t));
      return mine.map((t) => ({ teacherId: t.id, name: t.name, staffId: t.staffId, coachLevel: levels.get(t.id) ?? null, isActive: t.isActive, isMe: kit.isCoach(ctx, t) }));
    },

    async getAvailability(ctx: Ctx, teacherId: string, store?: string) {
      const coach = await kit.requireCoach(db, ctx, teacherId);
      kit.requireManageOrOwn(ctx, coach);
      const storeId = store ?? ctx.storeId;
      if (!storeId) throw AppointmentErrors.APPOINTMENT_STORE_REQUIRED({ details: [{ path: 'storeId' }] });
      await kit.requireStore(db, ctx, storeId);
      return view(db, ctx, teacherId, storeId);
    },

    /** Replace a coach's weekly windows at a store (and set their level). Booked appointments stay. */
    async putAvailability(ctx: Ctx, teacherId: string, input: { storeId: string; coachLevel?: string | null; windows: { weekday: number; startTime: string; endTime: string; slotMinutes: number }[] }) {
      requirePermission(ctx, 'appointment.manage');
      input.windows.forEach((w, i) => {
        if (w.startTime >= w.endTime || !windowSlots(w).length) throw AppointmentErrors.APPOINTMENT_WINDOW_INVALID({ details: [{ path: `windows.${i}.endTime` }] });
      });
      const clash = overlappingWindows(input.windows);
      if (clash) {
        const txt = (w: { startTime: string; endTime: string }) => `${w.startTime}–${w.endTime}`;
        throw AppointmentErrors.APPOINTMENT_WINDOWS_OVERLAP({ params: { a: txt(clash[0]), b: txt(clash[1]) }, details: [{ path: `windows.${input.windows.indexOf(clash[1])}.startTime` }] });
      }
      return inTransaction(kit.deps.database, async (trx) => {
        await kit.requireCoach(trx, ctx, teacherId, { active: true });
        await kit.requireStore(trx, ctx, input.storeId);
        const now = kit.clock.iso();
        await appointmentRepo.ensureCoach(trx, { tenant_id: ctx.tenantId, teacher_id: teacherId, coach_level: input.coachLevel ?? null, updated_at: now });
        const before = await view(trx, ctx, teacherId, input.storeId);
        await appointmentRepo.lockCoach(trx, d, ctx.tenantId, teacherId);
        if (input.coachLevel !== undefined) await appointmentRepo.updateCoach(trx, ctx.tenantId, teacherId, { coach_level: input.coachLevel, updated_at: now });
        await appointmentRepo.deleteWindows(trx, ctx.tenantId, teacherId, input.storeId);
        await appointmentRepo.insertWindows(
          trx,
          input.windows.map((w) => ({ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.availabilityWindow), teacher_id: teacherId, store_id: input.storeId, weekday: w.weekday, start_time: w.startTime, end_time: w.endTime, slot_minutes: w.slotMinutes, created_at: now })),
        );
        const after = await view(trx, ctx, teacherId, input.storeId);
        await audit.record(trx, ctx, { action: 'appointment.availability.update', entityType: 'courseTeacher', entityId: teacherId, storeId: input.storeId, before: { coachLevel: before.coachLevel, windows: before.windows }, after: { coachLevel: after.coachLevel, windows: after.windows } });
        return after;
      });
    },

    /** A day off (all day, or some hours) or extra hours on a date. */
    async addException(ctx: Ctx, teacherId: string, input: { storeId: string; onDate: string; kind: 'off' | 'extra'; startTime?: string | null; endTime?: string | null; slotMinutes?: number | null; reason?: string | null }) {
      requirePermission(ctx, 'appointment.manage');
      const hasTimes = !!input.startTime || !!input.endTime;
      if ((input.kind === 'extra' || hasTimes) && (!input.startTime || !input.endTime || input.startTime >= input.endTime)) throw AppointmentErrors.APPOINTMENT_WINDOW_INVALID({ details: [{ path: 'endTime' }] });
      return inTransaction(kit.deps.database, async (trx) => {
        await kit.requireCoach(trx, ctx, teacherId, { active: true });
        await kit.requireStore(trx, ctx, input.storeId);
        const now = kit.clock.iso();
        await appointmentRepo.ensureCoach(trx, { tenant_id: ctx.tenantId, teacher_id: teacherId, coach_level: null, updated_at: now });
        await appointmentRepo.lockCoach(trx, d, ctx.tenantId, teacherId);
        const row: ExceptionRow = { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.availabilityException), teacher_id: teacherId, store_id: input.storeId, on_date: input.onDate, kind: input.kind, start_time: input.startTime ?? null, end_time: input.endTime ?? null, slot_minutes: input.kind === 'extra' ? (input.slotMinutes ?? null) : null, reason: input.reason ?? null, created_at: now };
        await appointmentRepo.insertException(trx, row);
        await audit.record(trx, ctx, { action: 'appointment.availability.exception', entityType: 'courseTeacher', entityId: teacherId, storeId: input.storeId, after: presentException(row) });
        return presentException(row);
      });
    },

    async deleteException(ctx: Ctx, exceptionId: string) {
      requirePermission(ctx, 'appointment.manage');
      return inTransaction(kit.deps.database, async (trx) => {
        const e = await appointmentRepo.exception(trx, ctx.tenantId, exceptionId);
        if (!e) throw AppointmentErrors.APPOINTMENT_EXCEPTION_NOT_FOUND({ details: { exceptionId } });
        await kit.requireStore(trx, ctx, e.store_id);
        await appointmentRepo.lockCoach(trx, d, ctx.tenantId, e.teacher_id);
        await appointmentRepo.deleteException(trx, ctx.tenantId, exceptionId);
        await audit.record(trx, ctx, { action: 'appointment.availability.exception_remove', entityType: 'courseTeacher', entityId: e.teacher_id, storeId: e.store_id, before: presentException(e) });
        return { deleted: true };
      });
    },

    /** Free slots (or all, with why) of a coach at a store. */
    async listSlots(ctx: Ctx, q: { teacherId: string; storeId: string; from: string; to: string; includeUnavailable?: 'true' | 'false' }) {
      const coach = await kit.requireCoach(db, ctx, q.teacherId);
      kit.requireManageOrOwn(ctx, coach);
      await kit.requireStore(db, ctx, q.storeId);
      if (q.to < q.from || addDays(q.from, MAX_RANGE_DAYS) < q.to) throw AppointmentErrors.APPOINTMENT_RANGE_TOO_LONG({ params: { days: MAX_RANGE_DAYS }, details: [{ path: 'to' }] });
      const all = await slotsFor(db, ctx, q.teacherId, q.storeId, q.from, q.to);
      return q.includeUnavailable === 'true' ? all : all.filter((s) => s.status === 'free');
    },
  };
}
