import { sql } from 'kysely';
import type { Dialect } from '../dialect';
import { type Migration, type MigrationDb, tenantTable } from './helpers';

/**
 * Class feedback to parents (issue 7, teacher view): a teacher's note on a class as a whole
 * (booking_id null, target_key 'class') or on one attendee (target_key = the booking id).
 * One row per class and target, edited in place by its author until the cut-off (updated_at,
 * edit_count); every version is in the audit log and on the member's timeline.
 */
export const m0009_class_feedback: Migration = {
  async up(db: MigrationDb, d: Dialect) {
    const t = d.types;
    type Fk = [string, never[], string, string[]];
    const fk = (name: string, col: string, table: string): Fk => [name, ['tenant_id', col] as never[], table, ['tenant_id', 'id']];

    await tenantTable(db, 'class_feedback')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      // 'class' for the note on the whole class, otherwise the booking id.
      .addColumn('target_key', 'text', (c) => c.notNull())
      .addColumn('booking_id', 'text')
      .addColumn('member_id', 'text')
      .addColumn('attendee_id', 'text')
      .addColumn('teacher_id', 'text', (c) => c.notNull())
      .addColumn('author_staff_id', 'text')
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('rating', 'integer')
      .addColumn('skills_json', t.json, (c) => c.notNull())
      .addColumn('edit_count', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('class_feedback_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('class_feedback_target_uq', ['tenant_id', 'session_id', 'target_key'])
      .addForeignKeyConstraint(...fk('class_feedback_session_fk', 'session_id', 'class_sessions'))
      .addForeignKeyConstraint(...fk('class_feedback_booking_fk', 'booking_id', 'class_bookings'))
      .addForeignKeyConstraint(...fk('class_feedback_member_fk', 'member_id', 'members'))
      .addForeignKeyConstraint(...fk('class_feedback_teacher_fk', 'teacher_id', 'course_teachers'))
      .addForeignKeyConstraint(...fk('class_feedback_store_fk', 'store_id', 'stores'))
      .addCheckConstraint('class_feedback_ck', sql`(rating is null or rating between 1 and 5) and ((target_key = 'class' and booking_id is null) or (target_key <> 'class' and booking_id = target_key))`)
      .execute();
    await db.schema.createIndex('class_feedback_member_idx').on('class_feedback').columns(['tenant_id', 'member_id', 'created_at']).execute();
  },
};
