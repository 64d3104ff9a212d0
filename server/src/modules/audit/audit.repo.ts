import type { Executor } from '../../db/database';
import { precompiledInsert } from '../../db/precompiled';
import type { Insertable } from 'kysely';
import type { AuditLogsTable } from '../../db/schema';

// Every write records one: compiled once (see db/precompiled.ts).
const insertAuditRow = precompiledInsert('audit_logs', [
  'tenant_id', 'id', 'occurred_at', 'actor_type', 'actor_id', 'actor_name', 'store_id', 'action',
  'entity_type', 'entity_id', 'before_json', 'after_json', 'request_id', 'ip',
]);

export function insertAudit(db: Executor, row: Insertable<AuditLogsTable>) {
  return insertAuditRow.execute(db, row);
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  storeIds?: string[] | null;
  from?: string;
  to?: string;
  requestId?: string;
  beforeId?: string;
  limit: number;
}

export function listAudit(db: Executor, tenantId: string, f: AuditFilter) {
  let q = db.selectFrom('audit_logs').selectAll().where('tenant_id', '=', tenantId);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.requestId) q = q.where('request_id', '=', f.requestId);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  if (f.storeIds) {
    const ids = f.storeIds;
    // Entries not tied to a store (tenant-wide settings) stay visible to scoped readers only if they may see everything.
    q = ids.length ? q.where('store_id', 'in', ids) : q.where('store_id', '=', '__none__');
  }
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
}

export function distinctActions(db: Executor, tenantId: string) {
  return db.selectFrom('audit_logs').select('action').distinct().where('tenant_id', '=', tenantId).orderBy('action').execute();
}
