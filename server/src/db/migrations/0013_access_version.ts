import { type Migration, type MigrationDb, tenantTable } from './helpers';

/**
 * Access version (issue 3 bench, front-desk search): a counter per tenant, owned by the staff
 * module, bumped in the same transaction as any change to what a staff member may do or see —
 * roles and their permissions, a staff member's roles, stores, scope or status, and (through the
 * org module's access-change hook) stores, regions and the tenant's profile. The per-request
 * session query reads it, so every server process keeps the resolved permissions and store scope
 * in memory and reloads them on the first request after a change: revocation stays immediate
 * across processes without re-reading roles on every request. No row yet = version 0.
 */
export const m0013_access_version: Migration = {
  async up(db: MigrationDb) {
    await tenantTable(db, 'staff_access_versions')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('staff_access_versions_pk', ['tenant_id'])
      .execute();
  },
};
