import { type Database, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import type { Clock } from '../../shared/clock';
import { type Ctx, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { isPermission } from '../../shared/permissions';
import { randomToken, sha256Hex } from '../../shared/secrets';
import type { AuditService } from '../audit';
import type { OrgService } from '../org';
import { StaffErrors } from './staff.errors';
import { type ApiKeyRow, apiKeysRepo } from './staff.repo';
import { excessPermissions } from './staff.rules';
import type { ApiKeyCreate, ApiKeyDto } from './staff.schemas';

/**
 * API keys for integrations: `tsk.<tenantId>.<keyId>.<secret>`. Only a SHA-256 of the secret is
 * stored (the secret has 256 bits of entropy, so a slow hash adds nothing); the token is shown once.
 */
function present(r: ApiKeyRow): ApiKeyDto {
  return {
    id: r.id,
    name: r.name,
    permissions: r.permissions_json,
    scopeType: r.scope_type,
    scopeRegionId: r.scope_region_id,
    storeIds: r.scope_store_ids_json,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;

export function createApiKeyService(deps: { database: Database; clock: Clock; org: OrgService; audit: AuditService }) {
  const { database, clock, org, audit } = deps;
  return {
    async list(ctx: Ctx): Promise<ApiKeyDto[]> {
      requirePermission(ctx, 'apikey.manage');
      return (await apiKeysRepo.list(database.db, ctx.tenantId)).map(present);
    },

    async create(ctx: Ctx, input: ApiKeyCreate): Promise<{ apiKey: ApiKeyDto; token: string }> {
      requirePermission(ctx, 'apikey.manage');
      const permissions = [...new Set(input.permissions)].sort();
      const unknown = permissions.filter((p) => !isPermission(p));
      if (unknown.length) throw StaffErrors.PERMISSION_UNKNOWN({ params: { codes: unknown.join(', ') } });
      const excess = excessPermissions(ctx.permissions, permissions);
      if (excess.length) throw StaffErrors.PRIVILEGE_ESCALATION({ params: { codes: excess.join(', ') } });
      if (!ctx.storeScope.all && input.scopeType === 'all') throw StaffErrors.SCOPE_ESCALATION();
      if (input.scopeType === 'region' && !input.scopeRegionId) throw StaffErrors.SCOPE_INVALID({ params: { reason: 'scopeRegionId' } });
      const stores = await org.storesByIds(ctx.tenantId, input.storeIds);
      if (stores.length !== new Set(input.storeIds).size) throw StaffErrors.SCOPE_INVALID({ params: { reason: 'storeIds' } });
      if (input.scopeRegionId && !(await org.regionExists(ctx.tenantId, input.scopeRegionId))) throw StaffErrors.SCOPE_INVALID({ params: { reason: 'scopeRegionId' } });
      const id = newId(ID_PREFIXES.apiKey);
      const secret = randomToken(32);
      const row: ApiKeyRow = {
        tenant_id: ctx.tenantId,
        id,
        name: input.name,
        secret_hash: sha256Hex(secret),
        permissions_json: permissions,
        scope_type: input.scopeType,
        scope_region_id: input.scopeType === 'region' ? (input.scopeRegionId ?? null) : null,
        scope_store_ids_json: input.scopeType === 'stores' ? [...new Set(input.storeIds)] : [],
        created_by: ctx.actor.id,
        created_at: clock.iso(),
        expires_at: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
        last_used_at: null,
        revoked_at: null,
      };
      await inTransaction(database, async (trx) => {
        await apiKeysRepo.insert(trx, { ...row, permissions_json: toJson(row.permissions_json), scope_store_ids_json: toJson(row.scope_store_ids_json) });
        await audit.record(trx, ctx, { action: 'apikey.create', entityType: 'apiKey', entityId: id, after: present(row) });
      });
      return { apiKey: present(row), token: `tsk.${ctx.tenantId}.${id}.${secret}` };
    },

    async revoke(ctx: Ctx, apiKeyId: string): Promise<ApiKeyDto> {
      requirePermission(ctx, 'apikey.manage');
      return inTransaction(database, async (trx) => {
        const before = await apiKeysRepo.byId(trx, ctx.tenantId, apiKeyId);
        if (!before) throw StaffErrors.API_KEY_NOT_FOUND({ details: { apiKeyId } });
        const at = clock.iso();
        await apiKeysRepo.revoke(trx, ctx.tenantId, apiKeyId, at);
        const after = present({ ...before, revoked_at: before.revoked_at ?? at });
        await audit.record(trx, ctx, { action: 'apikey.revoke', entityType: 'apiKey', entityId: apiKeyId, before: present(before), after, diff: true });
        return after;
      });
    },
  };
}
