import { sql } from 'kysely';
import { columnTypes } from '../dialect';
import { type Migration, makeAppendOnly, tenantTable } from './helpers';

/**
 * Staff attendance (考勤打卡): clock-in/out punches per store (append-only; a per-staff sequence
 * number makes a double tap from two devices one punch), and corrections a staff member asks for
 * and a manager approves (an approved correction adds its punch).
 */
export const m0008_attendance: Migration = {
  async up(db, d) {
    const t = columnTypes(d.kind);
    await tenantTable(db, 'attendance_corrections')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('staff_name', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('punched_at', t.timestamp, (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_by_name', 'text')
      .addColumn('decided_at', t.timestamp)
      .addColumn('decision_note', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('attendance_corrections_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('attendance_corrections_staff_fk', ['tenant_id', 'staff_id'], 'staff', ['tenant_id', 'id'])
      .addForeignKeyConstraint('attendance_corrections_store_fk', ['tenant_id', 'store_id'], 'stores', ['tenant_id', 'id'])
      .addCheckConstraint('attendance_corrections_ck', sql`kind in ('in', 'out') and status in ('pending', 'approved', 'rejected')`)
      .execute();
    await db.schema.createIndex('attendance_corrections_status_idx').on('attendance_corrections').columns(['tenant_id', 'status', 'id']).execute();
    await db.schema.createIndex('attendance_corrections_staff_idx').on('attendance_corrections').columns(['tenant_id', 'staff_id', 'id']).execute();

    await tenantTable(db, 'attendance_punches')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('staff_name', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('punched_at', t.timestamp, (c) => c.notNull())
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('correction_id', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('attendance_punches_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('attendance_punches_seq_uq', ['tenant_id', 'staff_id', 'seq'])
      .addForeignKeyConstraint('attendance_punches_staff_fk', ['tenant_id', 'staff_id'], 'staff', ['tenant_id', 'id'])
      .addForeignKeyConstraint('attendance_punches_store_fk', ['tenant_id', 'store_id'], 'stores', ['tenant_id', 'id'])
      .addForeignKeyConstraint('attendance_punches_correction_fk', ['tenant_id', 'correction_id'], 'attendance_corrections', ['tenant_id', 'id'])
      .addCheckConstraint('attendance_punches_ck', sql`kind in ('in', 'out') and source in ('clock', 'correction')`)
      .execute();
    await db.schema.createIndex('attendance_punches_date_idx').on('attendance_punches').columns(['tenant_id', 'business_date', 'staff_id']).execute();
    await db.schema.createIndex('attendance_punches_staff_time_idx').on('attendance_punches').columns(['tenant_id', 'staff_id', 'punched_at']).execute();
    await makeAppendOnly(db, d, 'attendance_punches');
  },
};
