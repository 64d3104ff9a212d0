import type { Executor } from '../../db/database';
import type { StoreScope } from '../../shared/context';
import type { OrgService } from '../org';
import type { StaffScopeType } from '../../db/schema';
import { effectivePermissions, isOwner } from './staff.rules';
import { staffRepo } from './staff.repo';

export interface ResolvedAccess {
  roles: { id: string; name: string; builtinKey: string | null }[];
  permissions: Set<string>;
  storeScope: StoreScope;
}

/**
 * Every signed-in request needs the caller's roles, permissions and store scope. They change
 * rarely, so they are kept for a few seconds per staff member. Changes made through this process
 * (roles, staff, passwords) clear the tenant's entries at once; another process sees them within
 * the TTL. Disabling an account or signing out is checked on every request (the session query),
 * never cached.
 */
const ACCESS_TTL_MS = 5_000;
const accessCache = new Map<string, { until: number; key: string; access: ResolvedAccess }>();

export function invalidateAccess(tenantId: string): void {
  for (const k of accessCache.keys()) if (k.startsWith(`${tenantId}|`)) accessCache.delete(k);
}

/** Roles, permissions and store scope of one staff member (cached briefly, see above). */
export async function resolveStaffAccess(
  db: Executor,
  org: OrgService,
  tenantId: string,
  staff: { id: string; scope_type: StaffScopeType; scope_region_id: string | null },
): Promise<ResolvedAccess> {
  const cacheKey = `${tenantId}|${staff.id}`;
  const shape = `${staff.scope_type}|${staff.scope_region_id ?? ''}`;
  const hit = accessCache.get(cacheKey);
  const now = Date.now();
  if (hit && hit.until > now && hit.key === shape) return hit.access;
  const access = await loadStaffAccess(db, org, tenantId, staff);
  if (accessCache.size > 10_000) accessCache.clear();
  accessCache.set(cacheKey, { until: now + ACCESS_TTL_MS, key: shape, access });
  return access;
}

async function loadStaffAccess(
  db: Executor,
  org: OrgService,
  tenantId: string,
  staff: { id: string; scope_type: StaffScopeType; scope_region_id: string | null },
): Promise<ResolvedAccess> {
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
