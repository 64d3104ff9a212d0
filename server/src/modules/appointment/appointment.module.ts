import { createAppointmentKit } from './appointment.kit';
import { createAppointmentService } from './appointment.service';
import type { AppointmentDeps } from './appointment.types';
import { createAvailabilityService } from './availability.service';

/** 1:1 appointments (私教预约), wired once (services.ts). */
export function createAppointmentModule(deps: AppointmentDeps) {
  const kit = createAppointmentKit(deps);
  const availability = createAvailabilityService(kit);
  const appointments = createAppointmentService(kit, availability);
  return { availability, appointments };
}

export type AppointmentModule = ReturnType<typeof createAppointmentModule>;
