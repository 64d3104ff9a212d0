import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import { precompiled } from '../../db/precompiled';
import type { ApiKeysTable, RolesTable, StaffSessionsTable, StaffTable } from '../../db/schema';

export type StaffRow = Selectable<StaffTable>;
export type RoleRow = Selectable<RolesTable>;
export type SessionRow = Selectable<StaffSessionsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;

const sessionByTokenHash = precompiled((db: Executor, tenantId: string, tokenHash: string) =>
  db
    .selectFrom('staff_sessions as ses')
    .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'ses.tenant_id').onRef('s.id', '=', 'ses.staff_id'))
    .leftJoin('staff_access_versions as av', 'av.tenant_id', 'ses.tenant_id')
    .select((eb) => [
      eb.fn.coalesce('av.version', eb.lit(0)).as('access_version'),
      's.is_password_temporary',
      'ses.id as session_id',
      'ses.csrf_token',
      'ses.expires_at',
      'ses.last_seen_at',
      'ses.revoked_at',
      's.id as staff_id',
      's.name',
      's.login',
      's.status',
      's.locale',
      's.scope_type',
      's.scope_region_id',
    ])
    .where('ses.tenant_id', '=', tenantId)
    .where('ses.token_hash', '=', tokenHash),
);

export const staffRepo = {
  insert: (db: Executor, row: Insertable<StaffTable>) => db.insertInto('staff').values(row).execute(),
  byId: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('staff').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  byLogin: (db: Executor, tenantId: string, login: string) =>
    db.selectFrom('staff').selectAll().where('tenant_id', '=', tenantId).where('login', '=', login).executeTakeFirst(),
  update: (db: Executor, tenantId: string, id: string, patch: Partial<StaffRow>) =>
    db.updateTable('staff').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  list: (db: Executor, tenantId: string, f: { ids?: string[] | null; beforeId?: string; limit: number; q?: string; status?: string }) => {
    let q = db.selectFrom('staff').selectAll().where('tenant_id', '=', tenantId);
    if (f.ids) q = f.ids.length ? q.where('id', 'in', f.ids) : q.where('id', '=', '__none__');
    if (f.status) q = q.where('status', '=', f.status as 'active' | 'disabled');
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  },
  /** Ids of staff who belong to any of the given stores. */
  idsInStores: async (db: Executor, tenantId: string, storeIds: string[]) =>
    storeIds.length
      ? (await db.selectFrom('staff_stores').select('staff_id').distinct().where('tenant_id', '=', tenantId).where('store_id', 'in', storeIds).execute()).map((r) => r.staff_id)
      : [],
  rolesOf: (db: Executor, tenantId: string, staffIds: string[]) =>
    staffIds.length
      ? db
          .selectFrom('staff_roles as sr')
          .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'sr.tenant_id').onRef('r.id', '=', 'sr.role_id'))
          .select(['sr.staff_id', 'r.id', 'r.name', 'r.builtin_key', 'r.permissions_json'])
          .where('sr.tenant_id', '=', tenantId)
          .where('sr.staff_id', 'in', staffIds)
          .execute()
      : Promise.resolve([]),
  storesOf: (db: Executor, tenantId: string, staffIds: string[]) =>
    staffIds.length
      ? db.selectFrom('staff_stores').select(['staff_id', 'store_id']).where('tenant_id', '=', tenantId).where('staff_id', 'in', staffIds).execute()
      : Promise.resolve([]),
  setRoles: async (db: Executor, tenantId: string, staffId: string, roleIds: string[]) => {
    await db.deleteFrom('staff_roles').where('tenant_id', '=', tenantId).where('staff_id', '=', staffId).execute();
    if (roleIds.length) await db.insertInto('staff_roles').values(roleIds.map((role_id) => ({ tenant_id: tenantId, staff_id: staffId, role_id }))).execute();
  },
  setStores: async (db: Executor, tenantId: string, staffId: string, storeIds: string[]) => {
    await db.deleteFrom('staff_stores').where('tenant_id', '=', tenantId).where('staff_id', '=', staffId).execute();
    if (storeIds.length) await db.insertInto('staff_stores').values(storeIds.map((store_id) => ({ tenant_id: tenantId, staff_id: staffId, store_id }))).execute();
  },
  /** Active staff holding the owner role. */
  activeOwnerIds: async (db: Executor, tenantId: string) =>
    (
      await db
        .selectFrom('staff_roles as sr')
        .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'sr.tenant_id').onRef('r.id', '=', 'sr.role_id'))
        .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'sr.tenant_id').onRef('s.id', '=', 'sr.staff_id'))
        .select('s.id')
        .where('sr.tenant_id', '=', tenantId)
        .where('r.builtin_key', '=', 'owner')
        .where('s.status', '=', 'active')
        .execute()
    ).map((r) => r.id),
};

export const rolesRepo = {
  insert: (db: Executor, row: Insertable<RolesTable>) => db.insertInto('roles').values(row).execute(),
  byId: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('roles').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  byIds: (db: Executor, tenantId: string, ids: string[]) =>
    ids.length ? db.selectFrom('roles').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([]),
  byBuiltin: (db: Executor, tenantId: string, key: string) =>
    db.selectFrom('roles').selectAll().where('tenant_id', '=', tenantId).where('builtin_key', '=', key).executeTakeFirst(),
  list: (db: Executor, tenantId: string) => db.selectFrom('roles').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute(),
  update: (db: Executor, tenantId: string, id: string, patch: { name?: string; description?: string | null; permissions_json?: string; updated_at: string }) =>
    db.updateTable('roles').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  delete: (db: Executor, tenantId: string, id: string) => db.deleteFrom('roles').where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  holderCounts: (db: Executor, tenantId: string) =>
    db
      .selectFrom('staff_roles')
      .select(['role_id', (eb) => eb.fn.countAll().as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('role_id')
      .execute(),
};

/** The tenant's access version (migration 0013): one row per tenant, created by its first bump. */
export const accessVersionsRepo = {
  bump: (db: Executor, tenantId: string) =>
    db
      .insertInto('staff_access_versions')
      .values({ tenant_id: tenantId, version: 1 })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet((eb) => ({ version: eb('staff_access_versions.version', '+', 1) })))
      .execute(),
};

export const sessionsRepo = {
  insert: (db: Executor, row: Insertable<StaffSessionsTable>) => db.insertInto('staff_sessions').values(row).execute(),
  /** The session with its staff member, in one round trip (every authenticated request: compiled once). */
  activeByTokenHash: (db: Executor, tenantId: string, tokenHash: string) => sessionByTokenHash.takeFirst(db, tenantId, tokenHash),
  touch: (db: Executor, tenantId: string, id: string, lastSeen: string, expiresAt: string) =>
    db.updateTable('staff_sessions').set({ last_seen_at: lastSeen, expires_at: expiresAt }).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  revoke: (db: Executor, tenantId: string, id: string, at: string) =>
    db.updateTable('staff_sessions').set({ revoked_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).where('revoked_at', 'is', null).execute(),
  revokeAllOf: (db: Executor, tenantId: string, staffId: string, at: string, exceptId?: string) => {
    let q = db.updateTable('staff_sessions').set({ revoked_at: at }).where('tenant_id', '=', tenantId).where('staff_id', '=', staffId).where('revoked_at', 'is', null);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return q.execute();
  },
};

export const apiKeysRepo = {
  insert: (db: Executor, row: Insertable<ApiKeysTable>) => db.insertInto('api_keys').values(row).execute(),
  byId: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  list: (db: Executor, tenantId: string) => db.selectFrom('api_keys').selectAll().where('tenant_id', '=', tenantId).orderBy('id', 'desc').execute(),
  revoke: (db: Executor, tenantId: string, id: string, at: string) =>
    db.updateTable('api_keys').set({ revoked_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).where('revoked_at', 'is', null).execute(),
  touch: (db: Executor, tenantId: string, id: string, at: string) =>
    db.updateTable('api_keys').set({ last_used_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
};
