import type { Executor } from '../../db/database';
import type { StoreScope } from '../../shared/context';
import type { OrgService, Store, Tenant } from '../org';
import type { StaffScopeType } from '../../db/schema';
import { effectivePermissions, isOwner } from './staff.rules';
import { staffRepo } from './staff.repo';

export interface ResolvedAccess {
  roles: { id: string; name: string; builtinKey: string | null }[];
  permissions: Set<string>;
  storeScope: StoreScope;
}

/** What GET /auth/me shows besides the access: loaded on the first /auth/me of a version. */
export interface ProfileExtras {
  tenant: Tenant;
  stores: Store[];
}

interface Entry {
  version: number;
  shape: string;
  access: ResolvedAccess;
  extras?: ProfileExtras;
}

export type StaffAccessCache = ReturnType<typeof createAccessCache>;

/**
 * Every signed-in request needs the caller's roles, permissions and store scope. They change
 * rarely, so each server process keeps them in memory per staff member, stamped with the
 * tenant's access version (staff_access_versions, migration 0013). Every change to roles,
 * a staff member's roles, stores, scope or status, stores, regions or the tenant's profile bumps
 * that counter in its own transaction, and the per-request session query reads it in the same
 * statement as the session: the first request after a change — in any process — sees a new
 * version and reloads. The session row itself (revocation, expiry, disabled staff) is never
 * cached. A version read before a change and data loaded after it are kept under the old version
 * (fresher than that version, never staler), and the next request reloads.
 */
export function createAccessCache(deps: { db: Executor; org: OrgService; maxEntries?: number }) {
  const { db, org } = deps;
  const maxEntries = deps.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();

  const keyOf = (tenantId: string, staffId: string) => `${tenantId}|${staffId}`;
  const shapeOf = (staff: { scope_type: StaffScopeType; scope_region_id: string | null }) => `${staff.scope_type}|${staff.scope_region_id ?? ''}`;

  function fresh(tenantId: string, staff: StaffRef, version: number): Entry | undefined {
    const hit = entries.get(keyOf(tenantId, staff.id));
    return hit && hit.version === version && hit.shape === shapeOf(staff) ? hit : undefined;
  }

  function keep(tenantId: string, staff: StaffRef, entry: Entry): void {
    const key = keyOf(tenantId, staff.id);
    const current = entries.get(key);
    // A slow request that read an older version must not replace a newer entry.
    if (current && current.version > entry.version) return;
    if (!current && entries.size >= maxEntries) entries.clear();
    entries.set(key, entry);
  }

  return {
    /** Roles, permissions and store scope at this access version (from memory when unchanged). */
    async access(tenantId: string, staff: StaffRef, version: number): Promise<ResolvedAccess> {
      const hit = fresh(tenantId, staff, version);
      if (hit) return hit.access;
      const access = await loadStaffAccess(db, org, tenantId, staff);
      keep(tenantId, staff, { version, shape: shapeOf(staff), access });
      return access;
    },

    /** The access plus the tenant and the stores in scope (GET /auth/me), at this version. */
    async profile(tenantId: string, staff: StaffRef, version: number): Promise<{ access: ResolvedAccess; extras: ProfileExtras | undefined }> {
      let entry = fresh(tenantId, staff, version);
      if (!entry) {
        entry = { version, shape: shapeOf(staff), access: await loadStaffAccess(db, org, tenantId, staff) };
      }
      if (!entry.extras) {
        const [tenant, stores] = await Promise.all([org.tenantById(tenantId), org.storesForScope(tenantId, entry.access.storeScope)]);
        if (!tenant) return { access: entry.access, extras: undefined };
        entry.extras = { tenant, stores };
      }
      keep(tenantId, staff, entry);
      return { access: entry.access, extras: entry.extras };
    },

    /** Uncached (sign-in, tests): what the database says now. */
    load: (tenantId: string, staff: StaffRef) => loadStaffAccess(db, org, tenantId, staff),

    size: () => entries.size,
  };
}

type StaffRef = { id: string; scope_type: StaffScopeType; scope_region_id: string | null };

async function loadStaffAccess(db: Executor, org: OrgService, tenantId: string, staff: StaffRef): Promise<ResolvedAccess> {
  const roleRows = await staffRepo.rolesOf(db, tenantId, [staff.id]);
  const grants = roleRows.map((r) => ({ builtinKey: r.builtin_key, permissions: r.permissions_json }));
  const permissions = effectivePermissions(grants);
  const roles = roleRows.map((r) => ({ id: r.id, name: r.name, builtinKey: r.builtin_key }));
  const storeScope = await scopeOf(db, org, tenantId, staff.id, staff.scope_type, staff.scope_region_id, isOwner(grants));
  return { roles, permissions, storeScope };
}

export async function scopeOf(
  db: Executor,
  org: OrgService,
  tenantId: string,
  staffId: string | null,
  scopeType: StaffScopeType,
  regionId: string | null,
  owner = false,
  explicitStoreIds?: string[],
): Promise<StoreScope> {
  if (owner || scopeType === 'all') return { all: true };
  if (scopeType === 'region') {
    return { all: false, storeIds: new Set(regionId ? await org.storeIdsInRegion(tenantId, regionId, db) : []) };
  }
  if (explicitStoreIds) return { all: false, storeIds: new Set(explicitStoreIds) };
  const rows = staffId ? await staffRepo.storesOf(db, tenantId, [staffId]) : [];
  return { all: false, storeIds: new Set(rows.map((r) => r.store_id)) };
}
