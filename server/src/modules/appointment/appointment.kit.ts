import type { Executor } from '../../db/database';
import { type Ctx, hasPermission, requirePermission, requireStoreAccess } from '../../shared/context';
import { createKitBasics } from '../course';
import { AppointmentErrors } from './appointment.errors';
import { type AppointmentRow, appointmentRepo } from './appointment.repo';
import type { AppointmentSettings, AppointmentView } from './appointment.schemas';
import type { AppointmentDeps } from './appointment.types';

export const DEFAULT_APPOINTMENT_SETTINGS: AppointmentSettings = { minNoticeMinutes: 60, maxDaysAhead: 14, lateCancelMinutes: 720, isLateCancelForfeit: true };

export type AppointmentKit = ReturnType<typeof createAppointmentKit>;

/** What the appointment services share: settings, scoped lookups, the coach a staff member is, presenters. */
export function createAppointmentKit(deps: AppointmentDeps) {
  const db = deps.database.db;
  const d = deps.database.dialect;
  const basics = createKitBasics(deps);

  async function settings(x: Executor, tenantId: string): Promise<AppointmentSettings> {
    const r = await appointmentRepo.settings(x, tenantId);
    if (!r) return DEFAULT_APPOINTMENT_SETTINGS;
    return { minNoticeMinutes: r.min_notice_minutes, maxDaysAhead: r.max_days_ahead, lateCancelMinutes: r.late_cancel_minutes, isLateCancelForfeit: r.is_late_cancel_forfeit };
  }


  async function requireCoach(x: Executor, ctx: Ctx, teacherId: string, opts: { active?: boolean } = {}) {
    const t = await deps.coaches.teacher(x, ctx.tenantId, teacherId);
    if (!t) throw AppointmentErrors.APPOINTMENT_COACH_NOT_FOUND({ details: { teacherId } });
    if (opts.active && !t.isActive) throw AppointmentErrors.APPOINTMENT_COACH_INACTIVE({ params: { name: t.name }, details: { teacherId } });
    return t;
  }

  /** Whether the caller is this coach (a teacher linked to their staff account). */
  const isCoach = (ctx: Ctx, coach: { staffId: string | null }) => ctx.actor.type === 'staff' && !!coach.staffId && coach.staffId === ctx.actor.id;

  /**
   * Managers and the desk (`appointment.manage`) act on every coach; a coach holding only
   * `appointment.view` acts on their own appointments.
   */
  function requireManageOrOwn(ctx: Ctx, coach: { staffId: string | null }) {
    if (hasPermission(ctx, 'appointment.manage')) return;
    requirePermission(ctx, 'appointment.view');
    if (!isCoach(ctx, coach)) throw AppointmentErrors.APPOINTMENT_NOT_YOURS({ details: { permission: 'appointment.manage' } });
  }

  async function requireAppointment(x: Executor, ctx: Ctx, id: string): Promise<AppointmentRow> {
    const a = await appointmentRepo.appointment(x, ctx.tenantId, id);
    if (!a) throw AppointmentErrors.APPOINTMENT_NOT_FOUND({ details: { appointmentId: id } });
    requireStoreAccess(ctx, a.store_id);
    return a;
  }

  async function present(x: Executor, ctx: Ctx, rows: AppointmentRow[]): Promise<AppointmentView[]> {
    const names = await deps.people.names(x, ctx, [...new Set(rows.map((r) => r.attendee_id))]);
    const coaches = new Map((await deps.coaches.teachers(x, ctx.tenantId)).map((t) => [t.id, t]));
    const cards = await deps.cardBriefs(x, ctx.tenantId, [...new Set(rows.map((r) => r.card_id))]);
    return rows.map((a) => {
      const c = cards.get(a.card_id);
      return {
        id: a.id,
        storeId: a.store_id,
        teacherId: a.teacher_id,
        teacherName: coaches.get(a.teacher_id)?.name ?? '',
        memberId: a.member_id,
        attendeeId: a.attendee_id,
        attendeeName: names.get(a.attendee_id) ?? null,
        businessDate: a.business_date,
        startsAt: a.starts_at,
        endsAt: a.ends_at,
        status: a.status,
        cardId: a.card_id,
        cardName: c?.name ?? null,
        holdId: a.hold_id,
        sessionsRemaining: c ? c.sessionsRemaining : null,
        note: a.note,
        cancelReason: a.cancel_reason,
        createdAt: a.created_at,
        cancelledAt: a.cancelled_at,
        completedAt: a.completed_at,
      };
    });
  }

  const presentOne = async (x: Executor, ctx: Ctx, id: string) => (await present(x, ctx, [(await appointmentRepo.appointment(x, ctx.tenantId, id))!]))[0];


  return {
    deps,
    db,
    d,
    clock: deps.clock,
    ...basics,
    settings,
    requireCoach,
    isCoach,
    requireManageOrOwn,
    requireAppointment,
    present,
    presentOne,
  };
}
