import type { Dialect } from '../dialect';
import type { Migration, MigrationDb } from './helpers';

/**
 * Access version (issue 3 bench, front-desk search): a counter on the tenant, bumped in the same
 * transaction as any change to what a staff member may do or see — roles and their permissions,
 * a staff member's roles, stores, scope or status, stores and regions, the tenant's profile. The
 * per-request session query reads it, so every server process keeps the resolved permissions and
 * store scope in memory and reloads them on the first request after a change: revocation stays
 * immediate across processes without re-reading roles on every request.
 */
export const m0013_access_version: Migration = {
  async up(db: MigrationDb, _d: Dialect) {
    await db.schema
      .alterTable('tenants')
      .addColumn('access_version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
