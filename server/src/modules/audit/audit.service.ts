import type { Executor } from '../../db/database';
import { toJson } from '../../db/dialect';
import type { Database } from '../../db/database';
import type { Clock } from '../../shared/clock';
import { type Ctx, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import { type AuditFilter, distinctActions, insertAudit, listAudit } from './audit.repo';
import { diffFields, redactForAudit } from './audit.rules';

export interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  storeId?: string | null;
  before?: unknown;
  after?: unknown;
  /** For updates: store only the fields that changed. */
  diff?: boolean;
}

export interface AuditEntry {
  id: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  storeId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService(deps: { database: Database; clock: Clock }) {
  return {
    /**
     * Record a change inside the transaction that makes it, so the log and the data never
     * disagree. Sensitive fields are redacted here, whatever the caller passes.
     */
    async record(trx: Executor, ctx: Ctx, e: AuditEntryInput): Promise<void> {
      let before = e.before ?? null;
      let after = e.after ?? null;
      if (e.diff && before && after && typeof before === 'object' && typeof after === 'object') {
        const d = diffFields(before as Record<string, unknown>, after as Record<string, unknown>);
        before = d.before;
        after = d.after;
      }
      await insertAudit(trx, {
        tenant_id: ctx.tenantId,
        id: newId(ID_PREFIXES.audit),
        occurred_at: deps.clock.iso(),
        actor_type: ctx.actor.type,
        actor_id: ctx.actor.id,
        actor_name: ctx.actor.name,
        store_id: e.storeId ?? ctx.storeId ?? null,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId ?? null,
        before_json: before === null ? null : toJson(redactForAudit(before)),
        after_json: after === null ? null : toJson(redactForAudit(after)),
        request_id: ctx.requestId,
        ip: ctx.ip,
      });
    },

    async list(ctx: Ctx, f: Omit<AuditFilter, 'beforeId' | 'storeIds'> & { cursor?: string }): Promise<Page<AuditEntry>> {
      requirePermission(ctx, 'audit.read');
      const cursor = decodeCursor(f.cursor);
      const storeIds = ctx.storeScope.all ? null : [...ctx.storeScope.storeIds];
      const rows = await listAudit(deps.database.db, ctx.tenantId, { ...f, storeIds, beforeId: cursor?.[0] as string | undefined });
      const page = toPage(rows, f.limit, (r) => [r.id]);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((r) => ({
          id: r.id,
          occurredAt: r.occurred_at,
          actorType: r.actor_type,
          actorId: r.actor_id,
          actorName: r.actor_name,
          storeId: r.store_id,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before_json,
          after: r.after_json,
          requestId: r.request_id,
          ip: r.ip,
        })),
      };
    },

    async actions(ctx: Ctx): Promise<string[]> {
      requirePermission(ctx, 'audit.read');
      return (await distinctActions(deps.database.db, ctx.tenantId)).map((r) => r.action);
    },
  };
}
