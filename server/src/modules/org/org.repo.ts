import type { Executor } from '../../db/database';
import type { Insertable, Selectable } from 'kysely';
import type { RegionsTable, StoresTable, TenantsTable } from '../../db/schema';

export type TenantRow = Selectable<TenantsTable>;
export type RegionRow = Selectable<RegionsTable>;
export type StoreRow = Selectable<StoresTable>;

export const tenantsRepo = {
  insert: (db: Executor, row: Insertable<TenantsTable>) => db.insertInto('tenants').values(row).execute(),
  byId: (db: Executor, id: string) => db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst(),
  byCode: (db: Executor, code: string) => db.selectFrom('tenants').selectAll().where('code', '=', code).executeTakeFirst(),
  count: async (db: Executor) => Number((await db.selectFrom('tenants').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  activeIds: async (db: Executor) => (await db.selectFrom('tenants').select('id').where('is_active', '=', true).orderBy('id').execute()).map((r) => r.id),
  firstActive: (db: Executor, limit: number) => db.selectFrom('tenants').selectAll().where('is_active', '=', true).orderBy('id').limit(limit).execute(),
  update: (db: Executor, id: string, patch: Partial<Omit<TenantRow, 'settings_json'>>) => db.updateTable('tenants').set(patch).where('id', '=', id).execute(),
};

export const regionsRepo = {
  insert: (db: Executor, row: RegionRow) => db.insertInto('regions').values(row).execute(),
  byId: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('regions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  list: (db: Executor, tenantId: string) => db.selectFrom('regions').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute(),
  update: (db: Executor, tenantId: string, id: string, patch: Partial<RegionRow>) =>
    db.updateTable('regions').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  storeCounts: (db: Executor, tenantId: string) =>
    db
      .selectFrom('stores')
      .select(['region_id', (eb) => eb.fn.countAll().as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('region_id')
      .execute(),
};

export const storesRepo = {
  insert: (db: Executor, row: StoreRow) => db.insertInto('stores').values(row).execute(),
  byId: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('stores').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  list: (db: Executor, tenantId: string, filter: { regionId?: string; ids?: string[] | null; includeInactive?: boolean }) => {
    let q = db.selectFrom('stores').selectAll().where('tenant_id', '=', tenantId);
    if (filter.regionId) q = q.where('region_id', '=', filter.regionId);
    if (filter.ids) q = filter.ids.length ? q.where('id', 'in', filter.ids) : q.where('id', '=', '__none__');
    if (!filter.includeInactive) q = q.where('is_active', '=', true);
    return q.orderBy('code').execute();
  },
  idsInRegion: async (db: Executor, tenantId: string, regionId: string) =>
    (await db.selectFrom('stores').select('id').where('tenant_id', '=', tenantId).where('region_id', '=', regionId).execute()).map((r) => r.id),
  count: async (db: Executor, tenantId: string) =>
    Number((await db.selectFrom('stores').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n),
  update: (db: Executor, tenantId: string, id: string, patch: Partial<StoreRow>) =>
    db.updateTable('stores').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
};
