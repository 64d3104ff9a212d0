import { type Database, type Executor, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import type { StaffScopeType } from '../../db/schema';
import type { Clock } from '../../shared/clock';
import { type Ctx, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import {
  BUILTIN_ROLES,
  BUILTIN_ROLE_NAMES,
  PERMISSION_GROUPS,
  allPermissions,
  builtinRolePermissions,
  isPermission,
  type BuiltinRole,
} from '../../shared/permissions';
import type { Locale } from '../../shared/i18n';
import { generateOneTimePassword, hashPassword } from '../../shared/secrets';
import type { AuditService } from '../audit';
import type { OrgService } from '../org';
import { StaffErrors } from './staff.errors';
import { type RoleRow, type StaffRow, accessVersionsRepo, rolesRepo, sessionsRepo, staffRepo } from './staff.repo';
import { effectivePermissions, excessPermissions, isLocked } from './staff.rules';
import type { RoleDto, StaffCreate, StaffDto, StaffUpdate } from './staff.schemas';

export type StaffService = ReturnType<typeof createStaffService>;

/**
 * Staff and roles. Every change to what a staff member may do or see (a new staff member, their
 * roles, stores, scope or status, a role's permissions) bumps the tenant's access version inside
 * its transaction, first, so every process's access cache (scope.ts) reloads on the next request.
 */
export function createStaffService(deps: { database: Database; clock: Clock; org: OrgService; audit: AuditService }) {
  const { database, clock, org, audit } = deps;
  const db = database.db;
  const accessChanged = (trx: Executor, tenantId: string) => accessVersionsRepo.bump(trx, tenantId);
  // Stores, regions and the tenant's profile are the org module's; it tells us when they change.
  org.onAccessChanged(accessChanged);

  async function present(trx: Executor, tenantId: string, rows: StaffRow[]): Promise<StaffDto[]> {
    const ids = rows.map((r) => r.id);
    const [roles, stores] = await Promise.all([staffRepo.rolesOf(trx, tenantId, ids), staffRepo.storesOf(trx, tenantId, ids)]);
    const nowIso = clock.iso();
    return rows.map((r) => ({
      id: r.id,
      login: r.login,
      name: r.name,
      mobile: r.mobile,
      email: r.email,
      locale: r.locale,
      status: r.status,
      mustChangePassword: r.is_password_temporary,
      isLocked: isLocked({ failedLoginCount: r.failed_login_count, lockedUntil: r.locked_until }, nowIso),
      scopeType: r.scope_type,
      scopeRegionId: r.scope_region_id,
      storeIds: stores.filter((s) => s.staff_id === r.id).map((s) => s.store_id).sort(),
      roles: roles.filter((x) => x.staff_id === r.id).map((x) => ({ id: x.id, name: x.name, builtinKey: x.builtin_key })),
      lastLoginAt: r.last_login_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  function presentRole(r: RoleRow, staffCount: number, locale: Locale): RoleDto {
    const builtin = r.builtin_key as BuiltinRole | null;
    return {
      id: r.id,
      name: builtin && BUILTIN_ROLE_NAMES[builtin] ? BUILTIN_ROLE_NAMES[builtin][locale] : r.name,
      builtinKey: r.builtin_key,
      description: r.description,
      permissions: builtin ? builtinRolePermissions(builtin) : r.permissions_json.filter(isPermission),
      staffCount,
      isEditable: !builtin,
    };
  }

  /** Check roles exist and hold nothing the actor lacks; return their permission union. */
  async function checkGrantableRoles(trx: Executor, ctx: Ctx, roleIds: string[]): Promise<RoleRow[]> {
    const roles = await rolesRepo.byIds(trx, ctx.tenantId, [...new Set(roleIds)]);
    if (roles.length !== new Set(roleIds).size) throw StaffErrors.ROLE_NOT_FOUND({ details: { roleIds } });
    const granted = effectivePermissions(roles.map((r) => ({ builtinKey: r.builtin_key, permissions: r.permissions_json })));
    const excess = excessPermissions(ctx.permissions, granted);
    if (excess.length) throw StaffErrors.PRIVILEGE_ESCALATION({ params: { codes: excess.join(', ') }, details: { permissions: excess } });
    return roles;
  }

  /** Scope must be complete and inside the actor's own scope. */
  async function checkScope(trx: Executor, ctx: Ctx, scopeType: StaffScopeType, regionId: string | null | undefined, storeIds: string[]): Promise<void> {
    if (scopeType === 'region' && !regionId) throw StaffErrors.SCOPE_INVALID({ params: { reason: 'scopeRegionId' } });
    if (regionId && !(await org.regionExists(ctx.tenantId, regionId, trx))) throw StaffErrors.SCOPE_INVALID({ params: { reason: 'scopeRegionId' } });
    const found = await org.storesByIds(ctx.tenantId, storeIds, trx);
    if (found.length !== new Set(storeIds).size) throw StaffErrors.SCOPE_INVALID({ params: { reason: 'storeIds' }, details: { storeIds } });
    if (ctx.storeScope.all) return;
    if (scopeType === 'all') throw StaffErrors.SCOPE_ESCALATION();
    const mine = ctx.storeScope.storeIds;
    const wanted = scopeType === 'region' && regionId ? await org.storeIdsInRegion(ctx.tenantId, regionId, trx) : [];
    if ([...storeIds, ...wanted].some((id) => !mine.has(id))) throw StaffErrors.SCOPE_ESCALATION();
  }

  /** Staff a scoped manager may see: those sharing one of their stores. */
  async function visibleStaffIds(trx: Executor, ctx: Ctx): Promise<string[] | null> {
    if (ctx.storeScope.all) return null;
    const ids = await staffRepo.idsInStores(trx, ctx.tenantId, [...ctx.storeScope.storeIds]);
    if (ctx.actor.type === 'staff' && ctx.actor.id) ids.push(ctx.actor.id);
    return ids;
  }

  async function loadVisible(trx: Executor, ctx: Ctx, staffId: string): Promise<StaffRow> {
    const row = await staffRepo.byId(trx, ctx.tenantId, staffId);
    if (!row) throw StaffErrors.STAFF_NOT_FOUND({ details: { staffId } });
    const visible = await visibleStaffIds(trx, ctx);
    if (visible && !visible.includes(staffId)) throw StaffErrors.STAFF_NOT_FOUND({ details: { staffId } });
    return row;
  }

  async function insertStaff(
    trx: Executor,
    ctx: Ctx,
    input: StaffCreate,
    opts: { passwordHash: string; temporary: boolean },
  ): Promise<StaffDto> {
    await accessChanged(trx, ctx.tenantId);
    const now = clock.iso();
    const id = newId(ID_PREFIXES.staff);
    try {
      await staffRepo.insert(trx, {
        tenant_id: ctx.tenantId,
        id,
        login: input.login,
        name: input.name,
        mobile: input.mobile ?? null,
        email: input.email ?? null,
        locale: null,
        status: 'active',
        password_hash: opts.passwordHash,
        is_password_temporary: opts.temporary,
        failed_login_count: 0,
        locked_until: null,
        scope_type: input.scopeType,
        scope_region_id: input.scopeType === 'region' ? (input.scopeRegionId ?? null) : null,
        last_login_at: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      });
    } catch (err) {
      if (database.dialect.isUniqueViolation(err)) throw StaffErrors.STAFF_LOGIN_TAKEN({ params: { login: input.login } });
      throw err;
    }
    await staffRepo.setRoles(trx, ctx.tenantId, id, [...new Set(input.roleIds)]);
    await staffRepo.setStores(trx, ctx.tenantId, id, [...new Set(input.storeIds)]);
    const [dto] = await present(trx, ctx.tenantId, [(await staffRepo.byId(trx, ctx.tenantId, id))!]);
    await audit.record(trx, ctx, { action: 'staff.create', entityType: 'staff', entityId: id, after: dto });
    return dto;
  }

  return {
    async list(ctx: Ctx, f: { status?: 'active' | 'disabled'; storeId?: string; cursor?: string; limit: number }): Promise<Page<StaffDto>> {
      requirePermission(ctx, 'staff.read');
      const cursor = decodeCursor(f.cursor);
      let ids = await visibleStaffIds(db, ctx);
      if (f.storeId) {
        const inStore = await staffRepo.idsInStores(db, ctx.tenantId, [f.storeId]);
        ids = ids ? ids.filter((i) => inStore.includes(i)) : inStore;
      }
      const rows = await staffRepo.list(db, ctx.tenantId, { ids, status: f.status, beforeId: cursor?.[0] as string | undefined, limit: f.limit });
      const page = toPage(rows, f.limit, (r) => [r.id]);
      return { items: await present(db, ctx.tenantId, page.items), nextCursor: page.nextCursor };
    },

    async get(ctx: Ctx, staffId: string): Promise<StaffDto> {
      requirePermission(ctx, 'staff.read');
      const row = await loadVisible(db, ctx, staffId);
      return (await present(db, ctx.tenantId, [row]))[0];
    },

    async create(ctx: Ctx, input: StaffCreate): Promise<{ staff: StaffDto; temporaryPassword: string | null }> {
      requirePermission(ctx, 'staff.manage');
      const temporaryPassword = input.password ? null : generateOneTimePassword();
      const passwordHash = await hashPassword(input.password ?? temporaryPassword!);
      return inTransaction(database, async (trx) => {
        const roles = await checkGrantableRoles(trx, ctx, input.roleIds);
        const owner = roles.some((r) => r.builtin_key === 'owner');
        const scoped = owner ? { ...input, scopeType: 'all' as const } : input;
        await checkScope(trx, ctx, scoped.scopeType, scoped.scopeRegionId, scoped.storeIds);
        const staff = await insertStaff(trx, ctx, scoped, { passwordHash, temporary: true });
        return { staff, temporaryPassword };
      });
    },

    async update(ctx: Ctx, staffId: string, patch: StaffUpdate): Promise<StaffDto> {
      requirePermission(ctx, 'staff.manage');
      return inTransaction(database, async (trx) => {
        await accessChanged(trx, ctx.tenantId);
        const before = await loadVisible(trx, ctx, staffId);
        const [beforeDto] = await present(trx, ctx.tenantId, [before]);
        // Whoever edits a staff member must hold at least what that member holds now.
        const currentGrant = effectivePermissions((await staffRepo.rolesOf(trx, ctx.tenantId, [staffId])).map((r) => ({ builtinKey: r.builtin_key, permissions: r.permissions_json })));
        const excessNow = excessPermissions(ctx.permissions, currentGrant);
        if (excessNow.length) throw StaffErrors.PRIVILEGE_ESCALATION({ params: { codes: excessNow.join(', ') } });

        let roles = beforeDto.roles;
        if (patch.roleIds) {
          const rows = await checkGrantableRoles(trx, ctx, patch.roleIds);
          roles = rows.map((r) => ({ id: r.id, name: r.name, builtinKey: r.builtin_key }));
        }
        const wasOwner = beforeDto.roles.some((r) => r.builtinKey === 'owner');
        const staysOwner = roles.some((r) => r.builtinKey === 'owner');
        const disabling = patch.status === 'disabled' && before.status === 'active';
        if (disabling && ctx.actor.id === staffId) throw StaffErrors.SELF_DISABLE();
        if (wasOwner && (!staysOwner || disabling)) {
          const owners = await staffRepo.activeOwnerIds(trx, ctx.tenantId);
          if (owners.filter((id) => id !== staffId).length === 0) throw StaffErrors.LAST_OWNER();
        }
        const scopeType = staysOwner ? 'all' : (patch.scopeType ?? before.scope_type);
        const regionId = patch.scopeRegionId !== undefined ? patch.scopeRegionId : before.scope_region_id;
        const storeIds = patch.storeIds ?? beforeDto.storeIds;
        if (patch.scopeType !== undefined || patch.scopeRegionId !== undefined || patch.storeIds !== undefined || patch.roleIds) {
          await checkScope(trx, ctx, scopeType, scopeType === 'region' ? regionId : null, storeIds);
        }
        const now = clock.iso();
        await staffRepo.update(trx, ctx.tenantId, staffId, {
          name: patch.name ?? before.name,
          mobile: patch.mobile !== undefined ? patch.mobile : before.mobile,
          email: patch.email !== undefined ? patch.email : before.email,
          status: patch.status ?? before.status,
          scope_type: scopeType,
          scope_region_id: scopeType === 'region' ? regionId : null,
          updated_at: now,
        });
        if (patch.roleIds) await staffRepo.setRoles(trx, ctx.tenantId, staffId, [...new Set(patch.roleIds)]);
        if (patch.storeIds) await staffRepo.setStores(trx, ctx.tenantId, staffId, [...new Set(patch.storeIds)]);
        if (disabling) await sessionsRepo.revokeAllOf(trx, ctx.tenantId, staffId, now);
        const [after] = await present(trx, ctx.tenantId, [(await staffRepo.byId(trx, ctx.tenantId, staffId))!]);
        await audit.record(trx, ctx, { action: disabling ? 'staff.disable' : 'staff.update', entityType: 'staff', entityId: staffId, before: beforeDto, after, diff: true });
        return after;
      });
    },

    /** An owner or manager sets a one-time password; the member must change it at next sign-in. */
    async resetPassword(ctx: Ctx, staffId: string): Promise<{ temporaryPassword: string }> {
      requirePermission(ctx, 'staff.manage');
      const temporaryPassword = generateOneTimePassword();
      const hash = await hashPassword(temporaryPassword);
      await inTransaction(database, async (trx) => {
        await loadVisible(trx, ctx, staffId);
        const grant = effectivePermissions((await staffRepo.rolesOf(trx, ctx.tenantId, [staffId])).map((r) => ({ builtinKey: r.builtin_key, permissions: r.permissions_json })));
        const excess = excessPermissions(ctx.permissions, grant);
        if (excess.length) throw StaffErrors.PRIVILEGE_ESCALATION({ params: { codes: excess.join(', ') } });
        const now = clock.iso();
        await staffRepo.update(trx, ctx.tenantId, staffId, {
          password_hash: hash,
          is_password_temporary: true,
          failed_login_count: 0,
          locked_until: null,
          password_changed_at: now,
          updated_at: now,
        });
        await sessionsRepo.revokeAllOf(trx, ctx.tenantId, staffId, now);
        await audit.record(trx, ctx, { action: 'staff.password_reset', entityType: 'staff', entityId: staffId });
      });
      return { temporaryPassword };
    },

    // ---- roles ----
    async listRoles(ctx: Ctx): Promise<RoleDto[]> {
      requirePermission(ctx, 'staff.read');
      const [rows, counts] = await Promise.all([rolesRepo.list(db, ctx.tenantId), rolesRepo.holderCounts(db, ctx.tenantId)]);
      const byRole = new Map(counts.map((c) => [c.role_id, Number(c.n)]));
      const order = (r: RoleRow) => (r.builtin_key ? BUILTIN_ROLES.indexOf(r.builtin_key as BuiltinRole) : 100);
      return rows.sort((a, b) => order(a) - order(b)).map((r) => presentRole(r, byRole.get(r.id) ?? 0, ctx.locale));
    },

    async createRole(ctx: Ctx, input: { name: string; description?: string | null; permissions: string[] }): Promise<RoleDto> {
      requirePermission(ctx, 'role.manage');
      const permissions = [...new Set(input.permissions)];
      const unknown = permissions.filter((p) => !isPermission(p));
      if (unknown.length) throw StaffErrors.PERMISSION_UNKNOWN({ params: { codes: unknown.join(', ') }, details: { permissions: unknown } });
      const excess = excessPermissions(ctx.permissions, permissions);
      if (excess.length) throw StaffErrors.PRIVILEGE_ESCALATION({ params: { codes: excess.join(', ') } });
      return inTransaction(database, async (trx) => {
        const now = clock.iso();
        const id = newId(ID_PREFIXES.role);
        try {
          await rolesRepo.insert(trx, {
            tenant_id: ctx.tenantId,
            id,
            name: input.name,
            builtin_key: null,
            description: input.description ?? null,
            permissions_json: toJson(permissions.sort()),
            created_at: now,
            updated_at: now,
          });
        } catch (err) {
          if (database.dialect.isUniqueViolation(err)) throw StaffErrors.ROLE_NAME_TAKEN({ params: { name: input.name } });
          throw err;
        }
        const dto = presentRole((await rolesRepo.byId(trx, ctx.tenantId, id))!, 0, ctx.locale);
        await audit.record(trx, ctx, { action: 'role.create', entityType: 'role', entityId: id, after: dto });
        return dto;
      });
    },

    async updateRole(ctx: Ctx, roleId: string, patch: { name?: string; description?: string | null; permissions?: string[] }): Promise<RoleDto> {
      requirePermission(ctx, 'role.manage');
      return inTransaction(database, async (trx) => {
        await accessChanged(trx, ctx.tenantId);
        const before = await rolesRepo.byId(trx, ctx.tenantId, roleId);
        if (!before) throw StaffErrors.ROLE_NOT_FOUND({ details: { roleId } });
        if (before.builtin_key) throw StaffErrors.ROLE_BUILTIN_READONLY();
        const counts = await rolesRepo.holderCounts(trx, ctx.tenantId);
        const staffCount = Number(counts.find((c) => c.role_id === roleId)?.n ?? 0);
        const beforeDto = presentRole(before, staffCount, ctx.locale);
        let permissionsJson: string | undefined;
        if (patch.permissions) {
          const permissions = [...new Set(patch.permissions)];
          const unknown = permissions.filter((p) => !isPermission(p));
          if (unknown.length) throw StaffErrors.PERMISSION_UNKNOWN({ params: { codes: unknown.join(', ') }, details: { permissions: unknown } });
          const excess = excessPermissions(ctx.permissions, [...permissions, ...beforeDto.permissions]);
          if (excess.length) throw StaffErrors.PRIVILEGE_ESCALATION({ params: { codes: excess.join(', ') } });
          permissionsJson = toJson(permissions.sort());
        }
        try {
          await rolesRepo.update(trx, ctx.tenantId, roleId, {
            name: patch.name,
            description: patch.description,
            permissions_json: permissionsJson,
            updated_at: clock.iso(),
          });
        } catch (err) {
          if (database.dialect.isUniqueViolation(err)) throw StaffErrors.ROLE_NAME_TAKEN({ params: { name: patch.name } });
          throw err;
        }
        const after = presentRole((await rolesRepo.byId(trx, ctx.tenantId, roleId))!, staffCount, ctx.locale);
        await audit.record(trx, ctx, { action: 'role.update', entityType: 'role', entityId: roleId, before: beforeDto, after, diff: true });
        return after;
      });
    },

    async deleteRole(ctx: Ctx, roleId: string): Promise<void> {
      requirePermission(ctx, 'role.manage');
      await inTransaction(database, async (trx) => {
        await accessChanged(trx, ctx.tenantId);
        const before = await rolesRepo.byId(trx, ctx.tenantId, roleId);
        if (!before) throw StaffErrors.ROLE_NOT_FOUND({ details: { roleId } });
        if (before.builtin_key) throw StaffErrors.ROLE_BUILTIN_READONLY();
        const counts = await rolesRepo.holderCounts(trx, ctx.tenantId);
        const n = Number(counts.find((c) => c.role_id === roleId)?.n ?? 0);
        if (n > 0) throw StaffErrors.ROLE_IN_USE({ params: { count: n } });
        await rolesRepo.delete(trx, ctx.tenantId, roleId);
        await audit.record(trx, ctx, { action: 'role.delete', entityType: 'role', entityId: roleId, before: presentRole(before, 0, ctx.locale) });
      });
    },

    permissionCatalogue(ctx: Ctx) {
      requirePermission(ctx, 'staff.read');
      return {
        groups: Object.entries(PERMISSION_GROUPS).map(([key, label]) => ({ key, label: label[ctx.locale] })),
        items: allPermissions().map((p) => ({ code: p.code, group: p.group, label: p.label[ctx.locale], sensitive: !!p.sensitive })),
      };
    },

    // ---- bootstrap (CLI) ----
    /** Create the built-in roles of a new tenant. */
    async createBuiltinRoles(trx: Executor, tenantId: string): Promise<Record<BuiltinRole, string>> {
      const now = clock.iso();
      const out = {} as Record<BuiltinRole, string>;
      for (const key of BUILTIN_ROLES) {
        const id = newId(ID_PREFIXES.role);
        out[key] = id;
        await rolesRepo.insert(trx, {
          tenant_id: tenantId,
          id,
          name: BUILTIN_ROLE_NAMES[key]['zh-CN'],
          builtin_key: key,
          description: null,
          permissions_json: toJson([]),
          created_at: now,
          updated_at: now,
        });
      }
      return out;
    },

    /** Create a staff member from the CLI (system context): no escalation checks apply. */
    async createFromCli(
      trx: Executor,
      ctx: Ctx,
      input: { login: string; name: string; password?: string; roleKeys: BuiltinRole[]; storeIds: string[]; scopeType: StaffScopeType; temporary?: boolean },
    ): Promise<{ staff: StaffDto; temporaryPassword: string | null }> {
      const roleIds: string[] = [];
      for (const key of input.roleKeys) {
        const role = await rolesRepo.byBuiltin(trx, ctx.tenantId, key);
        if (!role) throw StaffErrors.ROLE_NOT_FOUND({ details: { builtinKey: key } });
        roleIds.push(role.id);
      }
      const temporaryPassword = input.password ? null : generateOneTimePassword();
      const passwordHash = await hashPassword(input.password ?? temporaryPassword!);
      const owner = input.roleKeys.includes('owner');
      const staff = await insertStaff(
        trx,
        ctx,
        {
          login: input.login.toLowerCase(),
          name: input.name,
          roleIds,
          storeIds: input.storeIds,
          scopeType: owner ? 'all' : input.scopeType,
          scopeRegionId: null,
          mobile: null,
          email: null,
        },
        { passwordHash, temporary: input.temporary ?? true },
      );
      return { staff, temporaryPassword };
    },
  };
}
