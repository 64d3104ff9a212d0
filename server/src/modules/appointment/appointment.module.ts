import type { Executor } from '../../db/database';
import type { Ctx } from '../../shared/context';
import { createAppointmentKit } from './appointment.kit';
import { appointmentRepo } from './appointment.repo';
import { createAppointmentService } from './appointment.service';
import type { AppointmentDeps } from './appointment.types';
import { createAvailabilityService } from './availability.service';

/** 1:1 appointments (私教预约), wired once (services.ts). */
export function createAppointmentModule(deps: AppointmentDeps) {
  const kit = createAppointmentKit(deps);
  const availability = createAvailabilityService(kit);
  const appointments = createAppointmentService(kit, availability);
  return {
    /** A coach's booked 1:1 time, for the course module's overlap check. */
    teacherBusy: async (x: Executor, ctx: Ctx, teacherId: string, fromIso: string, toIso: string) =>
      (await appointmentRepo.coachTaken(x, ctx.tenantId, teacherId, fromIso, toIso)).map((a) => ({ id: a.id, startsAt: a.starts_at, endsAt: a.ends_at, label: ctx.locale === 'en' ? '1:1 appointment' : '私教预约' })),
    availability,
    appointments,
    /** The no-show job (leased in jobs/runner.ts): booked appointments past their end become no-shows. */
    runNoShows: (limit?: number) => appointments.runNoShows(limit),
    /** A member's appointments (as booker or attendee) for their data export. */
    async exportOf(x: Executor, ctx: Ctx, memberId: string) {
      return { appointments: await kit.present(x, ctx, await appointmentRepo.list(x, ctx.tenantId, { memberId, storeIds: null })) };
    },
  };
}

export type AppointmentModule = ReturnType<typeof createAppointmentModule>;
