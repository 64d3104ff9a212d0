import { sql } from 'kysely';
import type { Dialect } from '../dialect';
import { type Migration, type MigrationDb, tenantTable } from './helpers';

/**
 * 1:1 appointments (私教预约, issue 7 item 8): coaches' weekly availability windows per store and
 * their date exceptions, the coach's level (private-lesson packages may be for one level), the
 * booking-window settings, and the appointments themselves. An appointment holds a session on a
 * private-lesson card through the card module (card_holds.ref = appointment).
 */
export const m0010_appointments: Migration = {
  async up(db: MigrationDb, d: Dialect) {
    const t = d.types;
    type Fk = [string, never[], string, string[]];
    const fk = (name: string, col: string, table: string, target: string[] = ['tenant_id', 'id']): Fk => [name, ['tenant_id', col] as never[], table, target];

    await db.schema
      .createTable('appointment_settings')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('min_notice_minutes', 'integer', (c) => c.notNull())
      .addColumn('max_days_ahead', 'integer', (c) => c.notNull())
      .addColumn('late_cancel_minutes', 'integer', (c) => c.notNull())
      .addColumn('is_late_cancel_forfeit', t.bool, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('appointment_settings_pk', ['tenant_id'])
      .execute();

    // One row per coach taking appointments: their level, and the row bookings of the coach lock.
    await tenantTable(db, 'appointment_coaches')
      .addColumn('teacher_id', 'text', (c) => c.notNull())
      .addColumn('coach_level', 'text')
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('appointment_coaches_pk', ['tenant_id', 'teacher_id'])
      .addForeignKeyConstraint(...fk('appointment_coaches_teacher_fk', 'teacher_id', 'course_teachers'))
      .execute();

    await tenantTable(db, 'coach_availability_windows')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('teacher_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('weekday', 'integer', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull())
      .addColumn('end_time', 'text', (c) => c.notNull())
      .addColumn('slot_minutes', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('coach_availability_windows_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...fk('coach_availability_windows_coach_fk', 'teacher_id', 'appointment_coaches', ['tenant_id', 'teacher_id']))
      .addForeignKeyConstraint(...fk('coach_availability_windows_store_fk', 'store_id', 'stores'))
      .addCheckConstraint('coach_availability_windows_ck', sql`weekday between 1 and 7 and start_time < end_time and slot_minutes between 5 and 480`)
      .execute();
    await db.schema.createIndex('coach_availability_windows_coach_idx').on('coach_availability_windows').columns(['tenant_id', 'teacher_id', 'store_id', 'weekday']).execute();

    await tenantTable(db, 'coach_availability_exceptions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('teacher_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('on_date', t.date, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text')
      .addColumn('end_time', 'text')
      .addColumn('slot_minutes', 'integer')
      .addColumn('reason', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('coach_availability_exceptions_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...fk('coach_availability_exceptions_coach_fk', 'teacher_id', 'appointment_coaches', ['tenant_id', 'teacher_id']))
      .addForeignKeyConstraint(...fk('coach_availability_exceptions_store_fk', 'store_id', 'stores'))
      .addCheckConstraint('coach_availability_exceptions_ck', sql`kind in ('off', 'extra')`)
      .execute();
    await db.schema.createIndex('coach_availability_exceptions_coach_idx').on('coach_availability_exceptions').columns(['tenant_id', 'teacher_id', 'on_date']).execute();

    await tenantTable(db, 'appointments')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('teacher_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('attendee_id', 'text', (c) => c.notNull())
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('starts_at', t.timestamp, (c) => c.notNull())
      .addColumn('ends_at', t.timestamp, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      // The slot's start while the appointment is booked (null after): one booked appointment per coach and start.
      .addColumn('slot_key', 'text')
      .addColumn('card_id', 'text', (c) => c.notNull())
      .addColumn('hold_id', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('cancel_reason', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('cancelled_at', t.timestamp)
      .addColumn('completed_at', t.timestamp)
      .addPrimaryKeyConstraint('appointments_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('appointments_slot_uq', ['tenant_id', 'teacher_id', 'slot_key'])
      .addForeignKeyConstraint(...fk('appointments_store_fk', 'store_id', 'stores'))
      .addForeignKeyConstraint(...fk('appointments_coach_fk', 'teacher_id', 'appointment_coaches', ['tenant_id', 'teacher_id']))
      .addForeignKeyConstraint(...fk('appointments_member_fk', 'member_id', 'members'))
      .addForeignKeyConstraint(...fk('appointments_card_fk', 'card_id', 'member_cards'))
      .addForeignKeyConstraint(...fk('appointments_hold_fk', 'hold_id', 'card_holds'))
      .addCheckConstraint('appointments_ck', sql`status in ('booked', 'completed', 'cancelled', 'late_cancelled', 'no_show') and starts_at < ends_at`)
      .execute();
    await db.schema.createIndex('appointments_coach_time_idx').on('appointments').columns(['tenant_id', 'teacher_id', 'starts_at']).execute();
    await db.schema.createIndex('appointments_attendee_time_idx').on('appointments').columns(['tenant_id', 'attendee_id', 'starts_at']).execute();
    await db.schema.createIndex('appointments_member_idx').on('appointments').columns(['tenant_id', 'member_id', 'created_at']).execute();
    await db.schema.createIndex('appointments_store_time_idx').on('appointments').columns(['tenant_id', 'store_id', 'starts_at']).execute();
  },
};
