import type { Dialect } from '../dialect';
import { type Migration, type MigrationDb, tenantTable } from './helpers';

/**
 * Points for events (sign-up, birthday month, referral, check-in) and tier birthday gifts. The
 * rule amounts live with the points settings; every grant is claimed in points_event_grants
 * first, whose key (event, member, period) makes "once per member", "once a year" or "once per
 * referred member" hold under concurrency and job re-runs.
 */
export const m0006_points_events: Migration = {
  async up(db: MigrationDb, d: Dialect) {
    const t = d.types;
    await db.schema.alterTable('points_settings').addColumn('event_points_json', t.json).execute();
    await tenantTable(db, 'points_event_grants')
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      // '-' for once ever, the year for birthdays, the referred member for referrals, the check-in id.
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('points', 'bigint', (c) => c.notNull())
      .addColumn('journal_id', 'text')
      .addColumn('granted_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('points_event_grants_pk', ['tenant_id', 'event', 'member_id', 'period'])
      .addForeignKeyConstraint('points_event_grants_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
      .execute();
  },
};
