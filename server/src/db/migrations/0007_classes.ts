import { sql } from 'kysely';
import type { Dialect } from '../dialect';
import { type Migration, type MigrationDb, tenantTable } from './helpers';

/**
 * Classes and booking (issue 7): courses, rooms, teachers, weekly timetables with exceptions,
 * class sessions (generated or one-off), bookings with their waitlist, and check-ins. A booking
 * holds a card session through the card module (card_holds.ref = booking); a check-in, late
 * cancellation or no-show consumes it.
 */
export const m0007_classes: Migration = {
  async up(db: MigrationDb, d: Dialect) {
    const t = d.types;
    type Fk = [string, never[], string, string[]];
    const fk = (name: string, col: string, table: string): Fk => [name, ['tenant_id', col] as never[], table, ['tenant_id', 'id']];

    await db.schema
      .createTable('course_settings')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('booking_opens_days', 'integer', (c) => c.notNull())
      .addColumn('booking_closes_minutes', 'integer', (c) => c.notNull())
      .addColumn('late_cancel_minutes', 'integer', (c) => c.notNull())
      .addColumn('waitlist_cutoff_minutes', 'integer', (c) => c.notNull())
      .addColumn('check_in_opens_minutes', 'integer', (c) => c.notNull())
      .addColumn('check_in_undo_minutes', 'integer', (c) => c.notNull())
      .addColumn('no_show_grace_minutes', 'integer', (c) => c.notNull())
      .addColumn('generate_weeks', 'integer', (c) => c.notNull())
      .addColumn('is_walk_in_allowed', t.bool, (c) => c.notNull())
      .addColumn('makeup_valid_days', 'integer', (c) => c.notNull())
      .addColumn('ban_after_count', 'integer', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('course_settings_pk', ['tenant_id'])
      .execute();

    await tenantTable(db, 'course_teachers')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('skills_json', t.json, (c) => c.notNull())
      .addColumn('is_active', t.bool, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('course_teachers_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('course_teachers_staff_uq', ['tenant_id', 'staff_id'])
      .addForeignKeyConstraint(...fk('course_teachers_staff_fk', 'staff_id', 'staff'))
      .execute();

    await tenantTable(db, 'course_rooms')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer')
      .addColumn('is_active', t.bool, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('course_rooms_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('course_rooms_name_uq', ['tenant_id', 'store_id', 'name'])
      .addForeignKeyConstraint(...fk('course_rooms_store_fk', 'store_id', 'stores'))
      .execute();

    await tenantTable(db, 'courses')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('min_age_months', 'integer')
      .addColumn('max_age_months', 'integer')
      .addColumn('duration_minutes', 'integer', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('price', 'bigint', (c) => c.notNull())
      .addColumn('default_teacher_id', 'text')
      .addColumn('is_active', t.bool, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('courses_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('courses_name_uq', ['tenant_id', 'name'])
      .addForeignKeyConstraint(...fk('courses_teacher_fk', 'default_teacher_id', 'course_teachers'))
      .addCheckConstraint('courses_ck', sql`duration_minutes > 0 and capacity > 0 and price >= 0`)
      .execute();

    await tenantTable(db, 'course_timetables')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('course_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('room_id', 'text')
      .addColumn('teacher_id', 'text', (c) => c.notNull())
      .addColumn('weekday', 'integer', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('starts_on', t.date, (c) => c.notNull())
      .addColumn('ends_on', t.date)
      .addColumn('generated_until', t.date, (c) => c.notNull())
      .addColumn('is_active', t.bool, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('course_timetables_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...fk('course_timetables_course_fk', 'course_id', 'courses'))
      .addForeignKeyConstraint(...fk('course_timetables_store_fk', 'store_id', 'stores'))
      .addForeignKeyConstraint(...fk('course_timetables_room_fk', 'room_id', 'course_rooms'))
      .addForeignKeyConstraint(...fk('course_timetables_teacher_fk', 'teacher_id', 'course_teachers'))
      .addCheckConstraint('course_timetables_ck', sql`weekday between 1 and 7 and capacity > 0`)
      .execute();

    await tenantTable(db, 'timetable_exceptions')
      .addColumn('timetable_id', 'text', (c) => c.notNull())
      .addColumn('on_date', t.date, (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('timetable_exceptions_pk', ['tenant_id', 'timetable_id', 'on_date'])
      .addForeignKeyConstraint(...fk('timetable_exceptions_timetable_fk', 'timetable_id', 'course_timetables'))
      .execute();

    await tenantTable(db, 'class_sessions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('course_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('room_id', 'text')
      .addColumn('teacher_id', 'text', (c) => c.notNull())
      .addColumn('substitute_teacher_id', 'text')
      .addColumn('timetable_id', 'text')
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('starts_at', t.timestamp, (c) => c.notNull())
      .addColumn('ends_at', t.timestamp, (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('booked_count', 'integer', (c) => c.notNull())
      .addColumn('waitlist_count', 'integer', (c) => c.notNull())
      .addColumn('next_waitlist_pos', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('cancel_reason', 'text')
      .addColumn('cancelled_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('class_sessions_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('class_sessions_timetable_uq', ['tenant_id', 'timetable_id', 'business_date'])
      .addForeignKeyConstraint(...fk('class_sessions_course_fk', 'course_id', 'courses'))
      .addForeignKeyConstraint(...fk('class_sessions_store_fk', 'store_id', 'stores'))
      .addForeignKeyConstraint(...fk('class_sessions_room_fk', 'room_id', 'course_rooms'))
      .addForeignKeyConstraint(...fk('class_sessions_teacher_fk', 'teacher_id', 'course_teachers'))
      .addForeignKeyConstraint(...fk('class_sessions_substitute_fk', 'substitute_teacher_id', 'course_teachers'))
      .addForeignKeyConstraint(...fk('class_sessions_timetable_fk', 'timetable_id', 'course_timetables'))
      .addCheckConstraint('class_sessions_ck', sql`status in ('scheduled', 'cancelled') and booked_count >= 0 and booked_count <= capacity and waitlist_count >= 0 and ends_at > starts_at`)
      .execute();
    await db.schema.createIndex('class_sessions_store_idx').on('class_sessions').columns(['tenant_id', 'store_id', 'starts_at']).execute();
    await db.schema.createIndex('class_sessions_room_idx').on('class_sessions').columns(['tenant_id', 'room_id', 'starts_at']).execute();
    await db.schema.createIndex('class_sessions_teacher_idx').on('class_sessions').columns(['tenant_id', 'teacher_id', 'starts_at']).execute();
    await db.schema.createIndex('class_sessions_substitute_idx').on('class_sessions').columns(['tenant_id', 'substitute_teacher_id', 'starts_at']).execute();
    await db.schema.createIndex('class_sessions_ends_idx').on('class_sessions').columns(['status', 'ends_at']).execute();

    await tenantTable(db, 'class_bookings')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('attendee_id', 'text', (c) => c.notNull())
      // The attendee while the booking counts (one per attendee and session); null once cancelled.
      .addColumn('active_key', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('waitlist_pos', 'integer')
      .addColumn('card_id', 'text')
      .addColumn('hold_id', 'text')
      .addColumn('is_waived', t.bool, (c) => c.notNull())
      .addColumn('makeup_credit_id', 'text')
      // Waitlisted: the member agreed to be promoted inside the late-cancel window (the session is then forfeited if they cancel).
      .addColumn('is_late_promotion_ok', t.bool, (c) => c.notNull())
      .addColumn('cancel_reason', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('confirmed_at', t.timestamp)
      .addColumn('cancelled_at', t.timestamp)
      .addPrimaryKeyConstraint('class_bookings_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('class_bookings_active_uq', ['tenant_id', 'session_id', 'active_key'])
      .addForeignKeyConstraint(...fk('class_bookings_session_fk', 'session_id', 'class_sessions'))
      .addForeignKeyConstraint(...fk('class_bookings_member_fk', 'member_id', 'members'))
      .addCheckConstraint('class_bookings_ck', sql`status in ('confirmed', 'waitlisted', 'attended', 'cancelled', 'late_cancelled', 'no_show', 'expired', 'on_leave') and source in ('staff', 'member', 'walk_in')`)
      .execute();
    await db.schema.createIndex('class_bookings_session_idx').on('class_bookings').columns(['tenant_id', 'session_id', 'status', 'waitlist_pos']).execute();
    await db.schema.createIndex('class_bookings_member_idx').on('class_bookings').columns(['tenant_id', 'member_id', 'created_at']).execute();
    await db.schema.createIndex('class_bookings_attendee_idx').on('class_bookings').columns(['tenant_id', 'attendee_id', 'created_at']).execute();
    await db.schema.createIndex('class_bookings_member_status_idx').on('class_bookings').columns(['tenant_id', 'member_id', 'status', 'updated_at']).execute();
    await db.schema.createIndex('class_bookings_status_idx').on('class_bookings').columns(['status', 'session_id']).execute();

    // Leave (请假): a booking on leave grants a credit to book another class of the course (补课) within a period.
    await tenantTable(db, 'makeup_credits')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('attendee_id', 'text', (c) => c.notNull())
      .addColumn('course_id', 'text', (c) => c.notNull())
      .addColumn('source_booking_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('expires_on', t.date, (c) => c.notNull())
      .addColumn('used_booking_id', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('makeup_credits_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('makeup_credits_source_uq', ['tenant_id', 'source_booking_id'])
      .addForeignKeyConstraint(...fk('makeup_credits_member_fk', 'member_id', 'members'))
      .addForeignKeyConstraint(...fk('makeup_credits_course_fk', 'course_id', 'courses'))
      .addForeignKeyConstraint(...fk('makeup_credits_source_fk', 'source_booking_id', 'class_bookings'))
      .addCheckConstraint('makeup_credits_ck', sql`status in ('open', 'used')`)
      .execute();
    await db.schema.createIndex('makeup_credits_attendee_idx').on('makeup_credits').columns(['tenant_id', 'attendee_id', 'status']).execute();

    await tenantTable(db, 'class_check_ins')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('booking_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('attendee_id', 'text', (c) => c.notNull())
      // The attendee while the check-in stands (one per attendee and session); null once undone.
      .addColumn('active_key', 'text')
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('card_id', 'text')
      .addColumn('usage_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('undone_at', t.timestamp)
      .addColumn('undo_reason', 'text')
      .addColumn('undo_usage_id', 'text')
      .addPrimaryKeyConstraint('class_check_ins_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('class_check_ins_active_uq', ['tenant_id', 'session_id', 'active_key'])
      .addForeignKeyConstraint(...fk('class_check_ins_session_fk', 'session_id', 'class_sessions'))
      .addForeignKeyConstraint(...fk('class_check_ins_booking_fk', 'booking_id', 'class_bookings'))
      .addForeignKeyConstraint(...fk('class_check_ins_member_fk', 'member_id', 'members'))
      .execute();
    await db.schema.createIndex('class_check_ins_member_idx').on('class_check_ins').columns(['tenant_id', 'member_id', 'created_at']).execute();
  },
};
