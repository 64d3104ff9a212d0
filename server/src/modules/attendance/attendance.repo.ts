import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import type { AttendanceCorrectionsTable, AttendancePunchesTable, CorrectionStatus } from '../../db/schema';

export type PunchRow = Selectable<AttendancePunchesTable>;
export type CorrectionRow = Selectable<AttendanceCorrectionsTable>;

/** Attendance queries; every one filtered by tenant. */
export const attendanceRepo = {
  lastPunch: (db: Executor, tenantId: string, staffId: string) =>
    db.selectFrom('attendance_punches').selectAll().where('tenant_id', '=', tenantId).where('staff_id', '=', staffId).orderBy('seq', 'desc').limit(1).executeTakeFirst(),
  /** The punch just before an instant (a correction is checked against its neighbours). */
  punchBefore: (db: Executor, tenantId: string, staffId: string, at: string) =>
    db.selectFrom('attendance_punches').selectAll().where('tenant_id', '=', tenantId).where('staff_id', '=', staffId).where('punched_at', '<=', at).orderBy('punched_at', 'desc').limit(1).executeTakeFirst(),
  insertPunch: (db: Executor, row: Insertable<AttendancePunchesTable>) => db.insertInto('attendance_punches').values(row).execute(),
  punches: (db: Executor, tenantId: string, f: { from: string; to: string; staffId?: string; storeIds: string[] | null }) => {
    let q = db.selectFrom('attendance_punches').selectAll().where('tenant_id', '=', tenantId).where('business_date', '>=', f.from).where('business_date', '<=', f.to);
    if (f.staffId) q = q.where('staff_id', '=', f.staffId);
    if (f.storeIds) q = f.storeIds.length ? q.where('store_id', 'in', f.storeIds) : q.where('store_id', '=', '__none__');
    return q.orderBy('punched_at').orderBy('seq').execute();
  },

  insertCorrection: (db: Executor, row: Insertable<AttendanceCorrectionsTable>) => db.insertInto('attendance_corrections').values(row).execute(),
  correction: (db: Executor, tenantId: string, id: string) => db.selectFrom('attendance_corrections').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  /** Move a pending correction to its decision; false when someone decided it first. */
  decide: async (db: Executor, tenantId: string, id: string, patch: Updateable<AttendanceCorrectionsTable>) =>
    Number((await db.updateTable('attendance_corrections').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst()).numUpdatedRows) === 1,
  corrections: (db: Executor, tenantId: string, f: { status?: CorrectionStatus; staffId?: string; storeIds: string[] | null; limit: number }) => {
    let q = db.selectFrom('attendance_corrections').selectAll().where('tenant_id', '=', tenantId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.staffId) q = q.where('staff_id', '=', f.staffId);
    if (f.storeIds) q = f.storeIds.length ? q.where('store_id', 'in', f.storeIds) : q.where('store_id', '=', '__none__');
    return q.orderBy('id', 'desc').limit(f.limit).execute();
  },
};
