import { type Insertable, type Selectable, type Updateable, sql } from 'kysely';
import type { Executor } from '../../db/database';
import type { Dialect } from '../../db/dialect';
import type { LeadEventsTable, LeadStatus, LeadsTable } from '../../db/schema';

export type LeadRow = Selectable<LeadsTable>;
export type LeadEventRow = Selectable<LeadEventsTable>;

export interface LeadFilter {
  status?: LeadStatus;
  sourceChannel?: string;
  ownerStaffId?: string;
  storeId?: string;
  q?: { name: string | null; mobile: string | null; last4: string | null };
  followUpBefore?: string;
  /** null = all stores; otherwise leads of these stores, without a store, or owned by `ownerId`. */
  scope: { storeIds: string[]; ownerId: string | null } | null;
  createdFrom?: string;
  createdBefore?: string;
  beforeId?: string;
  limit: number;
}

function filtered(db: Executor, tenantId: string, f: Omit<LeadFilter, 'limit' | 'beforeId'>) {
  let q = db.selectFrom('leads').where('tenant_id', '=', tenantId).where('erased_at', 'is', null);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.sourceChannel) q = q.where('source_channel', '=', f.sourceChannel);
  if (f.ownerStaffId) q = q.where('owner_staff_id', '=', f.ownerStaffId);
  if (f.storeId) q = q.where('store_id', '=', f.storeId);
  // A follow-up is due only while the lead is still open (converted and lost leads keep the date).
  if (f.followUpBefore) q = q.where('next_follow_up_date', '<=', f.followUpBefore).where('status', 'not in', ['converted', 'lost']);
  if (f.createdFrom) q = q.where('created_at', '>=', f.createdFrom);
  if (f.createdBefore) q = q.where('created_at', '<', f.createdBefore);
  const scope = f.scope;
  if (scope) {
    q = q.where((eb) =>
      eb.or([
        eb('store_id', 'is', null),
        ...(scope.storeIds.length ? [eb('store_id', 'in', scope.storeIds)] : []),
        ...(scope.ownerId ? [eb('owner_staff_id', '=', scope.ownerId)] : []),
      ]),
    );
  }
  const text = f.q;
  if (text) {
    q = q.where((eb) =>
      eb.or([
        ...(text.name ? [sql<boolean>`name like ${`%${text.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`] : []),
        ...(text.mobile ? [eb('mobile', '=', text.mobile)] : []),
        ...(text.last4 ? [sql<boolean>`mobile like ${`%${text.last4}`}`] : []),
        sql<boolean>`1 = 0`,
      ]),
    );
  }
  return q;
}

export const leadRepo = {
  insert: (db: Executor, row: Insertable<LeadsTable>) => db.insertInto('leads').values(row).execute(),
  byId: (db: Executor, tenantId: string, id: string) => db.selectFrom('leads').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  lock: (db: Executor, d: Dialect, tenantId: string, id: string) =>
    d.forUpdate(db.selectFrom('leads').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)).executeTakeFirst(),
  update: (db: Executor, tenantId: string, id: string, patch: Updateable<LeadsTable>) =>
    db.updateTable('leads').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  list: (db: Executor, tenantId: string, f: LeadFilter) => {
    let q = filtered(db, tenantId, f).selectAll();
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  },
  countsByStatus: (db: Executor, tenantId: string, f: Omit<LeadFilter, 'limit' | 'beforeId'>) =>
    filtered(db, tenantId, f)
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .groupBy('status')
      .execute(),
  countsBySourceAndStatus: (db: Executor, tenantId: string, f: Omit<LeadFilter, 'limit' | 'beforeId'>) =>
    filtered(db, tenantId, f)
      .select(['source_channel', 'status', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['source_channel', 'status'])
      .execute(),
  ofMember: (db: Executor, tenantId: string, memberId: string) =>
    db.selectFrom('leads').selectAll().where('tenant_id', '=', tenantId).where('converted_member_id', '=', memberId).execute(),

  insertEvent: (db: Executor, row: Insertable<LeadEventsTable>) => db.insertInto('lead_events').values(row).execute(),
  events: (db: Executor, tenantId: string, leadId: string) =>
    db.selectFrom('lead_events').selectAll().where('tenant_id', '=', tenantId).where('lead_id', '=', leadId).orderBy('occurred_at').orderBy('id').execute(),
  clearEventNotes: (db: Executor, tenantId: string, leadIds: string[]) =>
    leadIds.length ? db.updateTable('lead_events').set({ note: null }).where('tenant_id', '=', tenantId).where('lead_id', 'in', leadIds).execute() : Promise.resolve([]),

  staffNames: async (db: Executor, tenantId: string, ids: string[]) =>
    new Map((ids.length ? await db.selectFrom('staff').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : []).map((r) => [r.id, r.name] as const)),
  staffExists: async (db: Executor, tenantId: string, id: string) =>
    !!(await db.selectFrom('staff').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst()),
};
