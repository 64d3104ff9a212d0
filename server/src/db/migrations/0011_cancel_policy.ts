import { sql } from 'kysely';
import type { Dialect } from '../dialect';
import { type Migration, type MigrationDb, tenantTable } from './helpers';

/**
 * Cancellation policy (issue 7, item 4): the ordered rule list with grace allowances and the ban
 * length (no row: the simple course settings apply), what each cancellation or no-show was
 * decided as (strike, grace), and late fees owed by members until paid or waived.
 */
export const m0011_cancel_policy: Migration = {
  async up(db: MigrationDb, d: Dialect) {
    const t = d.types;
    await db.schema
      .createTable('course_cancel_policies')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('rules_json', t.json, (c) => c.notNull())
      .addColumn('grace_per_month', 'integer', (c) => c.notNull())
      .addColumn('ban_days', 'integer')
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('course_cancel_policies_pk', ['tenant_id'])
      .execute();

    // Null on bookings decided before the policy existed (their status says it: late or no-show).
    await db.schema.alterTable('class_bookings').addColumn('is_strike', t.bool).execute();
    await db.schema.alterTable('class_bookings').addColumn('is_grace', t.bool).execute();

    await tenantTable(db, 'class_cancel_fees')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('booking_id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('rule_index', 'integer', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('settle_note', 'text')
      .addColumn('settled_by', 'text')
      .addColumn('settled_at', t.timestamp)
      // The order that took the money (paid at the cashier); null when collected otherwise or waived.
      .addColumn('order_id', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('class_cancel_fees_pk', ['tenant_id', 'id'])
      // One fee per booking: a retried cancellation cannot charge twice.
      .addUniqueConstraint('class_cancel_fees_booking_uq', ['tenant_id', 'booking_id'])
      .addForeignKeyConstraint('class_cancel_fees_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
      .addForeignKeyConstraint('class_cancel_fees_booking_fk', ['tenant_id', 'booking_id'], 'class_bookings', ['tenant_id', 'id'])
      .addForeignKeyConstraint('class_cancel_fees_session_fk', ['tenant_id', 'session_id'], 'class_sessions', ['tenant_id', 'id'])
      .addCheckConstraint('class_cancel_fees_ck', sql`status in ('due', 'paid', 'waived') and kind in ('late_cancel', 'no_show') and amount > 0`)
      .execute();
    await db.schema.createIndex('class_cancel_fees_member_idx').on('class_cancel_fees').columns(['tenant_id', 'member_id', 'status']).execute();
  },
};
