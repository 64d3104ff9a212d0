import './appointment.permissions';

export { createAppointmentModule, type AppointmentModule } from './appointment.module';
export { appointmentRoutes } from './appointment.routes';
export { AppointmentErrors } from './appointment.errors';
export type { AppointmentDeps, AppointmentPeople } from './appointment.types';
export type { AppointmentView } from './appointment.schemas';
