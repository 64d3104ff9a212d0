import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { Dialect } from '../../db/dialect';
import { precompiled } from '../../db/precompiled';
import type { MemberTiersTable, TierHistoryTable, TierLevelsTable, TierMetricEventsTable, TierProgramsTable } from '../../db/schema';

export type LevelRow = Selectable<TierLevelsTable>;
export type MemberTierRow = Selectable<MemberTiersTable>;
export type ProgramRow = Selectable<TierProgramsTable>;

// Every checkout of a member reads these (tier benefits, tier metrics): compiled once (db/precompiled.ts).
const programOf = precompiled((db: Executor, tenantId: string) => db.selectFrom('tier_programs').selectAll().where('tenant_id', '=', tenantId));
const levelsOf = precompiled((db: Executor, tenantId: string) => db.selectFrom('tier_levels').selectAll().where('tenant_id', '=', tenantId).orderBy('rank'));
const memberTierOf = precompiled((db: Executor, tenantId: string, memberId: string) => db.selectFrom('member_tiers').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId));

export const tierRepo = {
  program: (db: Executor, tenantId: string) => programOf.takeFirst(db, tenantId),
  upsertProgram: (db: Executor, row: Insertable<TierProgramsTable>) => {
    const { tenant_id: _t, ...rest } = row;
    return db.insertInto('tier_programs').values(row).onConflict((oc) => oc.column('tenant_id').doUpdateSet(rest)).execute();
  },
  levels: async (db: Executor, tenantId: string) => (await levelsOf.execute(db, tenantId)).rows,
  insertLevel: (db: Executor, row: Insertable<TierLevelsTable>) => db.insertInto('tier_levels').values(row).execute(),
  updateLevel: (db: Executor, tenantId: string, id: string, patch: Partial<Omit<LevelRow, 'birthday_gift_json'>> & { birthday_gift_json?: string }) =>
    db.updateTable('tier_levels').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  deleteLevel: (db: Executor, tenantId: string, id: string) => db.deleteFrom('tier_levels').where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  holders: async (db: Executor, tenantId: string, tierId: string) =>
    Number((await db.selectFrom('member_tiers').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).where('tier_id', '=', tierId).executeTakeFirstOrThrow()).n),
  historyHolders: async (db: Executor, tenantId: string, tierId: string) =>
    Number(
      (
        await db
          .selectFrom('tier_history')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('tenant_id', '=', tenantId)
          .where((eb) => eb.or([eb('from_tier_id', '=', tierId), eb('to_tier_id', '=', tierId)]))
          .executeTakeFirstOrThrow()
      ).n,
    ),

  memberTier: (db: Executor, tenantId: string, memberId: string) => memberTierOf.takeFirst(db, tenantId, memberId),
  lockMemberTier: (db: Executor, d: Dialect, tenantId: string, memberId: string) =>
    d.forUpdate(db.selectFrom('member_tiers').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId)).executeTakeFirst(),
  insertMemberTier: (db: Executor, row: Insertable<MemberTiersTable>) =>
    db.insertInto('member_tiers').values(row).onConflict((oc) => oc.columns(['tenant_id', 'member_id']).doNothing()).execute(),
  updateMemberTier: (db: Executor, tenantId: string, memberId: string, patch: Partial<MemberTierRow>) =>
    db.updateTable('member_tiers').set(patch).where('tenant_id', '=', tenantId).where('member_id', '=', memberId).execute(),
  dueForEvaluation: (db: Executor, today: string, limit: number) =>
    db.selectFrom('member_tiers').selectAll().where('evaluate_on', '<=', today).where('is_locked', '=', false).orderBy('evaluate_on').limit(limit).execute(),

  insertEvent: (db: Executor, row: Insertable<TierMetricEventsTable>) => db.insertInto('tier_metric_events').values(row).execute(),
  insertEvents: (db: Executor, rows: Insertable<TierMetricEventsTable>[]) => (rows.length ? db.insertInto('tier_metric_events').values(rows).execute() : Promise.resolve([])),
  /** Per-order sums of a metric in a window (for 'single_order'), or one total. */
  metricSum: async (db: Executor, tenantId: string, memberId: string, metric: string, from: string | null) => {
    let q = db.selectFrom('tier_metric_events').select((eb) => eb.fn.sum<number>('amount').as('total')).where('tenant_id', '=', tenantId).where('member_id', '=', memberId).where('metric', '=', metric);
    if (from) q = q.where('business_date', '>=', from);
    return Number((await q.executeTakeFirst())?.total ?? 0);
  },
  metricMaxOrder: async (db: Executor, tenantId: string, memberId: string, metric: string, from: string | null) => {
    let q = db
      .selectFrom('tier_metric_events')
      .select(['order_id', (eb) => eb.fn.sum<number>('amount').as('total')])
      .where('tenant_id', '=', tenantId)
      .where('member_id', '=', memberId)
      .where('metric', '=', metric)
      .groupBy('order_id');
    if (from) q = q.where('business_date', '>=', from);
    const rows = await q.execute();
    return rows.reduce((m, r) => Math.max(m, Number(r.total)), 0);
  },

  insertHistory: (db: Executor, row: Insertable<TierHistoryTable>) => db.insertInto('tier_history').values(row).execute(),
  history: (db: Executor, tenantId: string, memberId: string) =>
    db.selectFrom('tier_history').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).orderBy('id', 'desc').limit(100).execute(),
};
