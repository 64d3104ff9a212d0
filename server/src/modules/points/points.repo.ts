import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { Dialect } from '../../db/dialect';
import { precompiled } from '../../db/precompiled';
import type { PointsEventGrantsTable, PointsLotMovesTable, PointsLotsTable, PointsPendingTable, PointsSettingsTable } from '../../db/schema';

export type LotRow = Selectable<PointsLotsTable>;
export type PendingRow = Selectable<PointsPendingTable>;
export type PointsSettingsRow = Selectable<PointsSettingsTable>;

// Every checkout of a member reads it: compiled once (db/precompiled.ts).
const settingsOf = precompiled((db: Executor, tenantId: string) => db.selectFrom('points_settings').selectAll().where('tenant_id', '=', tenantId));

export const pointsRepo = {
  settings: (db: Executor, tenantId: string) => settingsOf.takeFirst(db, tenantId),
  upsertSettings: (db: Executor, row: Insertable<PointsSettingsTable>) => {
    const { tenant_id: _t, ...rest } = row;
    return db.insertInto('points_settings').values(row).onConflict((oc) => oc.column('tenant_id').doUpdateSet(rest)).execute();
  },

  /** Claim an event grant; false when this (event, member, period) was granted before. */
  claimEventGrant: async (db: Executor, row: Insertable<PointsEventGrantsTable>) => {
    const r = await db.insertInto('points_event_grants').values(row).onConflict((oc) => oc.columns(['tenant_id', 'event', 'member_id', 'period']).doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  },
  setEventGrantJournal: (db: Executor, tenantId: string, event: string, memberId: string, period: string, journalId: string) =>
    db.updateTable('points_event_grants').set({ journal_id: journalId }).where('tenant_id', '=', tenantId).where('event', '=', event).where('member_id', '=', memberId).where('period', '=', period).execute(),
  eventGrantsOf: (db: Executor, tenantId: string, memberId: string) =>
    db.selectFrom('points_event_grants').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).orderBy('granted_at').execute(),

  insertLot: (db: Executor, row: Insertable<PointsLotsTable>) => db.insertInto('points_lots').values(row).execute(),
  insertMoves: (db: Executor, rows: Insertable<PointsLotMovesTable>[]) => (rows.length ? db.insertInto('points_lot_moves').values(rows).execute() : Promise.resolve([])),
  setRemaining: (db: Executor, tenantId: string, id: string, remaining: number) =>
    db.updateTable('points_lots').set({ remaining }).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  openLots: (db: Executor, tenantId: string, memberId: string) =>
    db.selectFrom('points_lots').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).where('remaining', '>', 0).execute(),
  lotsByIds: (db: Executor, tenantId: string, ids: string[]) =>
    ids.length ? db.selectFrom('points_lots').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([] as LotRow[]),
  lotBySourceEntry: (db: Executor, tenantId: string, entryId: string) =>
    db.selectFrom('points_lots').selectAll().where('tenant_id', '=', tenantId).where('source_entry_id', '=', entryId).executeTakeFirst(),
  movesOfEntries: (db: Executor, tenantId: string, entryIds: string[]) =>
    entryIds.length
      ? db.selectFrom('points_lot_moves').selectAll().where('tenant_id', '=', tenantId).where('entry_id', 'in', entryIds).orderBy('id').execute()
      : Promise.resolve([]),

  insertPending: (db: Executor, row: Insertable<PointsPendingTable>) => db.insertInto('points_pending').values(row).execute(),
  pendingByEarnEntry: (db: Executor, tenantId: string, entryId: string) =>
    db.selectFrom('points_pending').selectAll().where('tenant_id', '=', tenantId).where('earn_entry_id', '=', entryId).executeTakeFirst(),
  addReversed: (db: Executor, tenantId: string, id: string, reversed: number) =>
    db.updateTable('points_pending').set({ reversed_points: reversed }).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  markReleased: (db: Executor, tenantId: string, id: string, at: string) =>
    db.updateTable('points_pending').set({ released_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).where('released_at', 'is', null).execute(),
  pendingOf: (db: Executor, tenantId: string, memberId: string) =>
    db.selectFrom('points_pending').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).where('released_at', 'is', null).orderBy('release_at').execute(),

  /** Pending awards due for release, claimed so parallel workers skip them. */
  dueForRelease: (db: Executor, d: Dialect, nowIso: string, limit: number) =>
    d.forUpdateSkipLocked(db.selectFrom('points_pending').selectAll().where('released_at', 'is', null).where('release_at', '<=', nowIso).orderBy('release_at').limit(limit)).execute(),
  /** Members with lots that have expired but still hold points. */
  membersWithExpired: (db: Executor, today: string, limit: number) =>
    db.selectFrom('points_lots').select(['tenant_id', 'member_id']).distinct().where('remaining', '>', 0).where('expires_on', '<=', today).limit(limit).execute(),
  expiredLots: (db: Executor, tenantId: string, memberId: string, today: string) =>
    db.selectFrom('points_lots').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).where('remaining', '>', 0).where('expires_on', '<=', today).execute(),
  lotsToWarn: (db: Executor, from: string, until: string, limit: number) =>
    db
      .selectFrom('points_lots')
      .selectAll()
      .where('remaining', '>', 0)
      .where('expiry_warned_at', 'is', null)
      .where('expires_on', '>', from)
      .where('expires_on', '<=', until)
      .orderBy('tenant_id')
      .orderBy('member_id')
      .limit(limit)
      .execute(),
  markWarned: (db: Executor, tenantId: string, ids: string[], at: string) =>
    db.updateTable('points_lots').set({ expiry_warned_at: at }).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute(),
  allSettings: (db: Executor) => db.selectFrom('points_settings').selectAll().execute(),
};
