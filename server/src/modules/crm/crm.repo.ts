import { type Insertable, type Selectable, type Updateable, sql } from 'kysely';
import type { Executor } from '../../db/database';
import type { InteractionKind, InteractionStatus, MemberImportantDatesTable, MemberInteractionsTable } from '../../db/schema';

export type InteractionRow = Selectable<MemberInteractionsTable>;
export type ImportantDateRow = Selectable<MemberImportantDatesTable>;

export interface InteractionFilter {
  memberId?: string;
  kind?: InteractionKind;
  status?: InteractionStatus;
  ownerStaffId?: string;
  followUpBefore?: string;
  /** null = every store; otherwise these stores and interactions without a store. */
  storeIds: string[] | null;
  before?: [string, string];
  limit: number;
}

export const crmRepo = {
  insertInteraction: (db: Executor, row: Insertable<MemberInteractionsTable>) => db.insertInto('member_interactions').values(row).execute(),
  interaction: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('member_interactions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  updateInteraction: (db: Executor, tenantId: string, id: string, patch: Updateable<MemberInteractionsTable>) =>
    db.updateTable('member_interactions').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  /** Newest first by occurred_at, then id. */
  interactions: (db: Executor, tenantId: string, f: InteractionFilter) => {
    let q = db.selectFrom('member_interactions').selectAll().where('tenant_id', '=', tenantId);
    if (f.memberId) q = q.where('member_id', '=', f.memberId);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.ownerStaffId) q = q.where('owner_staff_id', '=', f.ownerStaffId);
    if (f.followUpBefore) {
      q = q.where('follow_up_date', '<=', f.followUpBefore).where((eb) => eb.or([eb('status', 'is', null), eb('status', '!=', 'resolved')]));
    }
    const storeIds = f.storeIds;
    if (storeIds) q = q.where((eb) => eb.or([eb('store_id', 'is', null), ...(storeIds.length ? [eb('store_id', 'in', storeIds)] : [])]));
    if (f.before) {
      const [at, id] = f.before;
      q = q.where((eb) => eb.or([eb('occurred_at', '<', at), eb.and([eb('occurred_at', '=', at), eb('id', '<', id)])]));
    }
    return q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
  },

  /** Display names of staff (read-only, for "owner" columns), like a report would read them. */
  staffNames: async (db: Executor, tenantId: string, ids: string[]) =>
    new Map(
      (ids.length ? await db.selectFrom('staff').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : []).map((r) => [r.id, r.name] as const),
    ),
  /**
   * Active staff who can be chosen to follow something up: with `storeIds`, those working in
   * one of these stores or across all stores; otherwise everyone. Read-only, names only.
   */
  owners: (db: Executor, tenantId: string, storeIds: string[] | null) => {
    let q = db.selectFrom('staff').select(['id', 'name']).where('tenant_id', '=', tenantId).where('status', '=', 'active');
    if (storeIds) {
      q = q.where((eb) =>
        eb.or([
          eb('scope_type', '=', 'all'),
          ...(storeIds.length
            ? [
                eb.exists(
                  eb
                    .selectFrom('staff_stores as ss')
                    .select(sql`1`.as('one'))
                    .whereRef('ss.tenant_id', '=', 'staff.tenant_id')
                    .whereRef('ss.staff_id', '=', 'staff.id')
                    .where('ss.store_id', 'in', storeIds),
                ),
              ]
            : []),
        ]),
      );
    }
    return q.orderBy('name').orderBy('id').limit(500).execute();
  },
  staffExists: async (db: Executor, tenantId: string, id: string) =>
    !!(await db.selectFrom('staff').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst()),

  anonymiseInteractions: (db: Executor, tenantId: string, memberId: string, placeholder: string) =>
    db
      .updateTable('member_interactions')
      .set({ subject: null, content: placeholder, resolution: sql<string | null>`case when resolution is null then null else ${placeholder} end` })
      .where('tenant_id', '=', tenantId)
      .where('member_id', '=', memberId)
      .execute(),

  insertDate: (db: Executor, row: Insertable<MemberImportantDatesTable>) => db.insertInto('member_important_dates').values(row).execute(),
  date: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('member_important_dates').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  datesOf: (db: Executor, tenantId: string, memberId: string) =>
    db.selectFrom('member_important_dates').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).orderBy('event_md').execute(),
  datesByMd: (db: Executor, tenantId: string, mds: string[]) =>
    mds.length ? db.selectFrom('member_important_dates').selectAll().where('tenant_id', '=', tenantId).where('event_md', 'in', mds).execute() : Promise.resolve([] as ImportantDateRow[]),
  deleteDate: (db: Executor, tenantId: string, id: string) => db.deleteFrom('member_important_dates').where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  deleteDatesOf: (db: Executor, tenantId: string, memberId: string) =>
    db.deleteFrom('member_important_dates').where('tenant_id', '=', tenantId).where('member_id', '=', memberId).execute(),
};
