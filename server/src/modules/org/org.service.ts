import { type Database, type Executor, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import { type Clock, businessDate } from '../../shared/clock';
import { type Ctx, canAccessStore, requirePermission, requireStoreAccess } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import type { AuditService } from '../audit';
import { OrgErrors } from './org.errors';
import { type RegionRow, type StoreRow, type TenantRow, regionsRepo, storesRepo, tenantsRepo } from './org.repo';
import type { Region, Store, StoreCreate, StoreUpdate, Tenant } from './org.schemas';

export function presentTenant(t: TenantRow): Tenant {
  return { id: t.id, code: t.code, name: t.name, timeZone: t.time_zone, currency: t.currency, locale: t.locale };
}

export function presentStore(s: StoreRow): Store {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    regionId: s.region_id,
    address: s.address,
    phone: s.phone,
    businessHours: s.business_hours,
    isActive: s.is_active,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

function presentRegion(r: RegionRow, storeCount: number): Region {
  return { id: r.id, name: r.name, isActive: r.is_active, storeCount, createdAt: r.created_at, updatedAt: r.updated_at };
}

export interface TenantCreate {
  code: string;
  name: string;
  timeZone?: string;
  locale?: string;
}

export type OrgService = ReturnType<typeof createOrgService>;

/** Runs inside a transaction that changes stores, regions or the tenant's profile. */
export type AccessChangedHook = (trx: Executor, tenantId: string) => Promise<unknown>;

export function createOrgService(deps: { database: Database; clock: Clock; audit: AuditService }) {
  const { database, clock, audit } = deps;
  const db = database.db;
  const accessHooks: AccessChangedHook[] = [];
  const accessChanged = async (trx: Executor, tenantId: string) => {
    for (const hook of accessHooks) await hook(trx, tenantId);
  };

  async function uniqueStoreViolation(err: unknown, input: { code?: string; name?: string }): Promise<never> {
    if (database.dialect.isUniqueViolation(err)) {
      const msg = String((err as Error).message);
      if (/code/.test(msg)) throw OrgErrors.STORE_CODE_TAKEN({ params: { code: input.code } });
      throw OrgErrors.STORE_NAME_TAKEN({ params: { name: input.name } });
    }
    if (database.dialect.isForeignKeyViolation(err)) throw OrgErrors.REGION_NOT_FOUND();
    throw err;
  }

  async function requireRegion(trx: Executor, tenantId: string, regionId: string) {
    const r = await regionsRepo.byId(trx, tenantId, regionId);
    if (!r) throw OrgErrors.REGION_NOT_FOUND({ details: { regionId } });
    return r;
  }

  async function nextStoreCode(trx: Executor, tenantId: string): Promise<string> {
    const n = await storesRepo.count(trx, tenantId);
    for (let i = n + 1; ; i++) {
      const code = `S${String(i).padStart(3, '0')}`;
      const taken = await trx.selectFrom('stores').select('id').where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
      if (!taken) return code;
    }
  }

  // Tenants change their time zone rarely; a short cache keeps business-date lookups off the hot path.
  const zoneCache = new Map<string, { zone: string; until: number }>();
  async function timeZoneOf(tenantId: string, x: Executor = db): Promise<string> {
    const hit = zoneCache.get(tenantId);
    const now = Date.now();
    if (hit && hit.until > now) return hit.zone;
    // Inside a transaction pass it (x): on SQLite a second connection would wait for the first.
    const t = await tenantsRepo.byId(x, tenantId);
    const zone = t?.time_zone ?? 'Asia/Shanghai';
    zoneCache.set(tenantId, { zone, until: now + 60_000 });
    return zone;
  }

  return {
    timeZoneOf,

    /** The tenant's business date (YYYY-MM-DD in its time zone) of an instant. */
    async businessDate(tenantId: string, at: Date, x?: Executor): Promise<string> {
      return businessDate(at, await timeZoneOf(tenantId, x));
    },

    // ---- tenants (system level: the CLI creates them) ----
    async createTenant(input: TenantCreate, trx?: Executor): Promise<Tenant> {
      const now = clock.iso();
      const row: TenantRow = {
        id: newId(ID_PREFIXES.tenant),
        code: input.code,
        name: input.name,
        time_zone: input.timeZone ?? 'Asia/Shanghai',
        currency: 'CNY',
        locale: input.locale ?? 'zh-CN',
        settings_json: {},
        is_active: true,
        created_at: now,
        updated_at: now,
      };
      try {
        await tenantsRepo.insert(trx ?? db, { ...row, settings_json: toJson(row.settings_json) });
      } catch (err) {
        if (database.dialect.isUniqueViolation(err)) throw OrgErrors.TENANT_CODE_TAKEN({ params: { code: input.code } });
        throw err;
      }
      return presentTenant(row);
    },

    async tenantById(tenantId: string): Promise<Tenant | undefined> {
      const t = await tenantsRepo.byId(db, tenantId);
      return t && t.is_active ? presentTenant(t) : undefined;
    },

    async tenantByCode(code: string): Promise<Tenant | undefined> {
      const t = await tenantsRepo.byCode(db, code);
      return t && t.is_active ? presentTenant(t) : undefined;
    },

    /** Every active tenant (for scheduled jobs that work tenant by tenant). */
    activeTenantIds: () => tenantsRepo.activeIds(db),

    /** For the login page: whether to ask for a tenant code at all. */
    async tenantDirectory(): Promise<{ count: number; single: Tenant | null }> {
      const rows = await tenantsRepo.firstActive(db, 2);
      return { count: await tenantsRepo.count(db), single: rows.length === 1 ? presentTenant(rows[0]) : null };
    },

    async getTenant(ctx: Ctx): Promise<Tenant> {
      const t = await tenantsRepo.byId(db, ctx.tenantId);
      if (!t) throw OrgErrors.TENANT_NOT_FOUND();
      return presentTenant(t);
    },

    async updateTenant(ctx: Ctx, patch: { name?: string; timeZone?: string; locale?: string }): Promise<Tenant> {
      requirePermission(ctx, 'org.manage');
      return inTransaction(database, async (trx) => {
        await accessChanged(trx, ctx.tenantId);
        const before = await tenantsRepo.byId(trx, ctx.tenantId);
        if (!before) throw OrgErrors.TENANT_NOT_FOUND();
        const next: Partial<Omit<TenantRow, 'settings_json'>> = { updated_at: clock.iso() };
        if (patch.name !== undefined) next.name = patch.name;
        if (patch.timeZone !== undefined) next.time_zone = patch.timeZone;
        if (patch.locale !== undefined) next.locale = patch.locale;
        await tenantsRepo.update(trx, ctx.tenantId, next);
        zoneCache.delete(ctx.tenantId);
        const after = { ...before, ...next };
        await audit.record(trx, ctx, { action: 'tenant.update', entityType: 'tenant', entityId: ctx.tenantId, before: presentTenant(before), after: presentTenant(after), diff: true });
        return presentTenant(after);
      });
    },

    // ---- regions ----
    async listRegions(ctx: Ctx): Promise<Region[]> {
      requirePermission(ctx, 'org.read');
      const [rows, counts] = await Promise.all([regionsRepo.list(db, ctx.tenantId), regionsRepo.storeCounts(db, ctx.tenantId)]);
      const byRegion = new Map(counts.map((c) => [c.region_id, Number(c.n)]));
      return rows.map((r) => presentRegion(r, byRegion.get(r.id) ?? 0));
    },

    async createRegion(ctx: Ctx, input: { name: string }): Promise<Region> {
      requirePermission(ctx, 'org.manage');
      return inTransaction(database, (trx) => this.createRegionInTx(trx, ctx, input));
    },

    async createRegionInTx(trx: Executor, ctx: Ctx, input: { name: string }): Promise<Region> {
      requirePermission(ctx, 'org.manage');
      {
        const now = clock.iso();
        const row: RegionRow = { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.region), name: input.name, is_active: true, created_at: now, updated_at: now };
        try {
          await regionsRepo.insert(trx, row);
        } catch (err) {
          if (database.dialect.isUniqueViolation(err)) throw OrgErrors.REGION_NAME_TAKEN({ params: { name: input.name } });
          throw err;
        }
        const region = presentRegion(row, 0);
        await audit.record(trx, ctx, { action: 'region.create', entityType: 'region', entityId: row.id, after: region });
        return region;
      }
    },

    async updateRegion(ctx: Ctx, regionId: string, patch: { name?: string; isActive?: boolean }): Promise<Region> {
      requirePermission(ctx, 'org.manage');
      return inTransaction(database, async (trx) => {
        await accessChanged(trx, ctx.tenantId);
        const before = await requireRegion(trx, ctx.tenantId, regionId);
        const next: Partial<RegionRow> = { updated_at: clock.iso() };
        if (patch.name !== undefined) next.name = patch.name;
        if (patch.isActive !== undefined) next.is_active = patch.isActive;
        try {
          await regionsRepo.update(trx, ctx.tenantId, regionId, next);
        } catch (err) {
          if (database.dialect.isUniqueViolation(err)) throw OrgErrors.REGION_NAME_TAKEN({ params: { name: patch.name } });
          throw err;
        }
        const counts = await regionsRepo.storeCounts(trx, ctx.tenantId);
        const after = presentRegion({ ...before, ...next }, Number(counts.find((c) => c.region_id === regionId)?.n ?? 0));
        await audit.record(trx, ctx, { action: 'region.update', entityType: 'region', entityId: regionId, before: presentRegion(before, after.storeCount), after, diff: true });
        return after;
      });
    },

    // ---- stores ----
    async listStores(ctx: Ctx, filter: { regionId?: string; includeInactive?: boolean } = {}): Promise<Store[]> {
      requirePermission(ctx, 'org.read');
      const ids = ctx.storeScope.all ? null : [...ctx.storeScope.storeIds];
      return (await storesRepo.list(db, ctx.tenantId, { ...filter, ids })).map(presentStore);
    },

    async getStore(ctx: Ctx, storeId: string): Promise<Store> {
      const s = await storesRepo.byId(db, ctx.tenantId, storeId);
      if (!s) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId } });
      requireStoreAccess(ctx, storeId);
      return presentStore(s);
    },

    async createStore(ctx: Ctx, input: StoreCreate, trxIn?: Executor): Promise<Store> {
      requirePermission(ctx, 'org.manage');
      const run = async (trx: Executor) => {
        await accessChanged(trx, ctx.tenantId);
        if (input.regionId) await requireRegion(trx, ctx.tenantId, input.regionId);
        const now = clock.iso();
        const row: StoreRow = {
          tenant_id: ctx.tenantId,
          id: newId(ID_PREFIXES.store),
          region_id: input.regionId ?? null,
          code: input.code ?? (await nextStoreCode(trx, ctx.tenantId)),
          name: input.name,
          address: input.address ?? null,
          phone: input.phone ?? null,
          business_hours: input.businessHours ?? null,
          is_active: true,
          created_at: now,
          updated_at: now,
        };
        try {
          await storesRepo.insert(trx, row);
        } catch (err) {
          await uniqueStoreViolation(err, { code: row.code, name: row.name });
        }
        const store = presentStore(row);
        await audit.record(trx, ctx, { action: 'store.create', entityType: 'store', entityId: row.id, storeId: row.id, after: store });
        return store;
      };
      return trxIn ? run(trxIn) : inTransaction(database, run);
    },

    async updateStore(ctx: Ctx, storeId: string, patch: StoreUpdate): Promise<Store> {
      requirePermission(ctx, 'org.manage');
      return inTransaction(database, async (trx) => {
        await accessChanged(trx, ctx.tenantId);
        const before = await storesRepo.byId(trx, ctx.tenantId, storeId);
        if (!before) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId } });
        requireStoreAccess(ctx, storeId);
        if (patch.regionId) await requireRegion(trx, ctx.tenantId, patch.regionId);
        const next: Partial<StoreRow> = { updated_at: clock.iso() };
        if (patch.name !== undefined) next.name = patch.name;
        if (patch.code !== undefined) next.code = patch.code;
        if (patch.regionId !== undefined) next.region_id = patch.regionId;
        if (patch.address !== undefined) next.address = patch.address;
        if (patch.phone !== undefined) next.phone = patch.phone;
        if (patch.businessHours !== undefined) next.business_hours = patch.businessHours;
        if (patch.isActive !== undefined) next.is_active = patch.isActive;
        try {
          await storesRepo.update(trx, ctx.tenantId, storeId, next);
        } catch (err) {
          await uniqueStoreViolation(err, { code: patch.code, name: patch.name });
        }
        const after = presentStore({ ...before, ...next });
        await audit.record(trx, ctx, { action: 'store.update', entityType: 'store', entityId: storeId, storeId, before: presentStore(before), after, diff: true });
        return after;
      });
    },

    // ---- for other modules ----
    /**
     * Run `hook` inside every transaction that changes stores, regions or the tenant's profile —
     * what a staff member's store scope and profile are made of (the staff module keeps its
     * access cache by a version it bumps here).
     */
    onAccessChanged(hook: AccessChangedHook): void {
      accessHooks.push(hook);
    },

    /** Store ids of a region (staff scoped to a region see these). */
    storeIdsInRegion(tenantId: string, regionId: string, trx?: Executor): Promise<string[]> {
      return storesRepo.idsInRegion(trx ?? db, tenantId, regionId);
    },

    async storeExists(tenantId: string, storeId: string, trx?: Executor): Promise<boolean> {
      return !!(await storesRepo.byId(trx ?? db, tenantId, storeId));
    },

    async regionExists(tenantId: string, regionId: string, trx?: Executor): Promise<boolean> {
      return !!(await regionsRepo.byId(trx ?? db, tenantId, regionId));
    },

    /** Stores by id within the tenant (unknown ids are left out). */
    async storesByIds(tenantId: string, ids: string[], trx?: Executor): Promise<Store[]> {
      if (!ids.length) return [];
      return (await storesRepo.list(trx ?? db, tenantId, { ids, includeInactive: true })).map(presentStore);
    },

    /** Active stores a scope covers, without a permission check (the console's store switcher). */
    async storesForScope(tenantId: string, scope: Ctx['storeScope']): Promise<Store[]> {
      const ids = scope.all ? null : [...scope.storeIds];
      return (await storesRepo.list(db, tenantId, { ids })).map(presentStore);
    },

    canAccessStore,
  };
}
