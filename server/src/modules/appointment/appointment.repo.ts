import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import type { Dialect } from '../../db/dialect';
import type { AppointmentCoachesTable, AppointmentSettingsTable, AppointmentStatus, AppointmentsTable, CoachAvailabilityExceptionsTable, CoachAvailabilityWindowsTable } from '../../db/schema';

export type AppointmentRow = Selectable<AppointmentsTable>;
export type CoachRow = Selectable<AppointmentCoachesTable>;
export type WindowRow = Selectable<CoachAvailabilityWindowsTable>;
export type ExceptionRow = Selectable<CoachAvailabilityExceptionsTable>;

/** Kysely only: appointment tables, always filtered by tenant. */
export const appointmentRepo = {
  settings: (x: Executor, tenantId: string) => x.selectFrom('appointment_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst(),
  async upsertSettings(x: Executor, row: Insertable<AppointmentSettingsTable>) {
    const { tenant_id: _t, ...rest } = row;
    await x.insertInto('appointment_settings').values(row).onConflict((oc) => oc.column('tenant_id').doUpdateSet(rest)).execute();
  },

  coach: (x: Executor, tenantId: string, teacherId: string) => x.selectFrom('appointment_coaches').selectAll().where('tenant_id', '=', tenantId).where('teacher_id', '=', teacherId).executeTakeFirst(),
  coaches: (x: Executor, tenantId: string) => x.selectFrom('appointment_coaches').selectAll().where('tenant_id', '=', tenantId).execute(),
  /** The coach's row lock: every booking, cancellation and availability change of one coach is serialised on it. */
  lockCoach: (x: Executor, d: Dialect, tenantId: string, teacherId: string) => d.forUpdate(x.selectFrom('appointment_coaches').selectAll().where('tenant_id', '=', tenantId).where('teacher_id', '=', teacherId)).executeTakeFirst(),
  async ensureCoach(x: Executor, row: Insertable<AppointmentCoachesTable>) {
    await x.insertInto('appointment_coaches').values(row).onConflict((oc) => oc.columns(['tenant_id', 'teacher_id']).doNothing()).execute();
  },
  updateCoach: (x: Executor, tenantId: string, teacherId: string, patch: Updateable<AppointmentCoachesTable>) => x.updateTable('appointment_coaches').set(patch).where('tenant_id', '=', tenantId).where('teacher_id', '=', teacherId).execute(),

  windows: (x: Executor, tenantId: string, teacherId: string, storeId: string) =>
    x.selectFrom('coach_availability_windows').selectAll().where('tenant_id', '=', tenantId).where('teacher_id', '=', teacherId).where('store_id', '=', storeId).orderBy('weekday').orderBy('start_time').execute(),
  deleteWindows: (x: Executor, tenantId: string, teacherId: string, storeId: string) => x.deleteFrom('coach_availability_windows').where('tenant_id', '=', tenantId).where('teacher_id', '=', teacherId).where('store_id', '=', storeId).execute(),
  insertWindows: (x: Executor, rows: Insertable<CoachAvailabilityWindowsTable>[]) => (rows.length ? x.insertInto('coach_availability_windows').values(rows).execute() : Promise.resolve([])),

  exceptions: (x: Executor, tenantId: string, teacherId: string, storeId: string, from: string, to: string) =>
    x
      .selectFrom('coach_availability_exceptions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('teacher_id', '=', teacherId)
      .where('store_id', '=', storeId)
      .where('on_date', '>=', from)
      .where('on_date', '<=', to)
      .orderBy('on_date')
      .orderBy('start_time')
      .limit(500)
      .execute(),
  exception: (x: Executor, tenantId: string, id: string) => x.selectFrom('coach_availability_exceptions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  insertException: (x: Executor, row: Insertable<CoachAvailabilityExceptionsTable>) => x.insertInto('coach_availability_exceptions').values(row).execute(),
  deleteException: (x: Executor, tenantId: string, id: string) => x.deleteFrom('coach_availability_exceptions').where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  appointment: (x: Executor, tenantId: string, id: string) => x.selectFrom('appointments').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  /** Appointments of a coach that still take its time (booked, completed, no-show) overlapping [from, to). */
  coachTaken: (x: Executor, tenantId: string, teacherId: string, fromIso: string, toIso: string) =>
    x
      .selectFrom('appointments')
      .select(['id', 'starts_at', 'ends_at'])
      .where('tenant_id', '=', tenantId)
      .where('teacher_id', '=', teacherId)
      .where('status', 'in', ['booked', 'completed', 'no_show'])
      .where('starts_at', '<', toIso)
      .where('ends_at', '>', fromIso)
      .execute(),
  /** The attendee's booked appointments overlapping [from, to). */
  attendeeBooked: (x: Executor, tenantId: string, attendeeId: string, fromIso: string, toIso: string) =>
    x.selectFrom('appointments').selectAll().where('tenant_id', '=', tenantId).where('attendee_id', '=', attendeeId).where('status', '=', 'booked').where('starts_at', '<', toIso).where('ends_at', '>', fromIso).limit(1).execute(),
  list: (x: Executor, tenantId: string, f: { teacherId?: string; storeIds: string[] | null; memberId?: string; from?: string; to?: string; status?: AppointmentStatus }) => {
    let q = x.selectFrom('appointments').selectAll().where('tenant_id', '=', tenantId);
    if (f.teacherId) q = q.where('teacher_id', '=', f.teacherId);
    if (f.storeIds) q = q.where('store_id', 'in', f.storeIds.length ? f.storeIds : ['-']);
    if (f.memberId) q = q.where((eb) => eb.or([eb('member_id', '=', f.memberId!), eb('attendee_id', '=', f.memberId!)]));
    if (f.from) q = q.where('business_date', '>=', f.from);
    if (f.to) q = q.where('business_date', '<=', f.to);
    if (f.status) q = q.where('status', '=', f.status);
    return q.orderBy('starts_at').orderBy('id').limit(500).execute();
  },
  /** Booked appointments (any tenant) that ended before the given time, oldest first: the no-show job's work. */
  dueNoShows: (x: Executor, endedBefore: string, limit: number) =>
    x.selectFrom('appointments').select(['tenant_id', 'id', 'teacher_id', 'ends_at']).where('status', '=', 'booked').where('ends_at', '<', endedBefore).orderBy('ends_at').orderBy('id').limit(limit).execute(),
  insert: (x: Executor, row: Insertable<AppointmentsTable>) => x.insertInto('appointments').values(row).execute(),
  update: (x: Executor, tenantId: string, id: string, patch: Updateable<AppointmentsTable>) => x.updateTable('appointments').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
};
