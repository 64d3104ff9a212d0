import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { Dialect } from '../../db/dialect';
import type { ShiftCashMovesTable, ShiftCountsTable, ShiftsTable } from '../../db/schema';

export type ShiftRow = Selectable<ShiftsTable>;
export type CashMoveRow = Selectable<ShiftCashMovesTable>;
export type CountRow = Selectable<ShiftCountsTable>;

/** Shift queries; every one filtered by tenant. */
export const shiftRepo = {
  upsertSetting: (db: Executor, tenantId: string, storeId: string, required: boolean, nowIso: string) =>
    db
      .insertInto('shift_settings')
      .values({ tenant_id: tenantId, store_id: storeId, is_shift_required: required, updated_at: nowIso })
      .onConflict((oc) => oc.columns(['tenant_id', 'store_id']).doUpdateSet({ is_shift_required: required, updated_at: nowIso }))
      .execute(),
  /** The store's setting (null when never set) and whether it ever opened a shift, in one round trip (checkout asks on every order). */
  requirement: async (db: Executor, tenantId: string, storeId: string): Promise<{ is_required: boolean | null; has_any: boolean }> => {
    const r = await db
      .selectNoFrom((eb) => [
        eb.selectFrom('shift_settings').select('is_shift_required').where('tenant_id', '=', tenantId).where('store_id', '=', storeId).as('is_required'),
        eb.exists(eb.selectFrom('shifts').select('id').where('tenant_id', '=', tenantId).where('store_id', '=', storeId)).as('has_any'),
      ])
      .executeTakeFirstOrThrow();
    // Aliases follow the is_/has_ convention, so SQLite's 0/1 decode to booleans like PostgreSQL's.
    return { is_required: r.is_required === null || r.is_required === undefined ? null : Boolean(r.is_required), has_any: Boolean(r.has_any) };
  },

  /** The store's open shift, locked: checkouts and the close of that shift wait on each other. */
  /** The store's open shift, share-locked: the store's tills join it together; closing it (FOR UPDATE) waits for them. */
  shareOpen: (db: Executor, d: Dialect, tenantId: string, storeId: string) =>
    d.forShare(db.selectFrom('shifts').selectAll().where('tenant_id', '=', tenantId).where('store_id', '=', storeId).where('status', '=', 'open')).executeTakeFirst(),
  open: (db: Executor, tenantId: string, storeId: string) => db.selectFrom('shifts').selectAll().where('tenant_id', '=', tenantId).where('store_id', '=', storeId).where('status', '=', 'open').executeTakeFirst(),
  byId: (db: Executor, tenantId: string, id: string) => db.selectFrom('shifts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  lockById: (db: Executor, d: Dialect, tenantId: string, id: string) => d.forUpdate(db.selectFrom('shifts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)).executeTakeFirst(),
  lastSeq: async (db: Executor, tenantId: string, storeId: string) =>
    Number((await db.selectFrom('shifts').select((eb) => eb.fn.max('seq').as('m')).where('tenant_id', '=', tenantId).where('store_id', '=', storeId).executeTakeFirst())?.m ?? 0),
  countOnDay: async (db: Executor, tenantId: string, storeId: string, businessDate: string) =>
    Number(
      (await db.selectFrom('shifts').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).where('store_id', '=', storeId).where('business_date', '=', businessDate).executeTakeFirst())?.n ?? 0,
    ),
  insert: (db: Executor, row: Insertable<ShiftsTable>) => db.insertInto('shifts').values(row).execute(),
  update: (db: Executor, tenantId: string, id: string, patch: Partial<Omit<ShiftRow, 'totals_json'>> & { totals_json?: string }) =>
    db.updateTable('shifts').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  list: (db: Executor, tenantId: string, f: { storeIds: string[] | null; storeId?: string; status?: string; from?: string; to?: string; beforeId?: string; limit: number }) => {
    let q = db.selectFrom('shifts').selectAll().where('tenant_id', '=', tenantId);
    if (f.storeIds) q = f.storeIds.length ? q.where('store_id', 'in', f.storeIds) : q.where('store_id', '=', '__none__');
    if (f.storeId) q = q.where('store_id', '=', f.storeId);
    if (f.status) q = q.where('status', '=', f.status as ShiftRow['status']);
    if (f.from) q = q.where('business_date', '>=', f.from);
    if (f.to) q = q.where('business_date', '<=', f.to);
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  },

  insertCashMove: (db: Executor, row: Insertable<ShiftCashMovesTable>) => db.insertInto('shift_cash_moves').values(row).execute(),
  cashMoves: (db: Executor, tenantId: string, shiftIds: string[]) =>
    shiftIds.length ? db.selectFrom('shift_cash_moves').selectAll().where('tenant_id', '=', tenantId).where('shift_id', 'in', shiftIds).orderBy('id').execute() : Promise.resolve([] as CashMoveRow[]),
  insertCounts: (db: Executor, rows: Insertable<ShiftCountsTable>[]) => (rows.length ? db.insertInto('shift_counts').values(rows).execute() : Promise.resolve([])),
  counts: (db: Executor, tenantId: string, shiftIds: string[]) =>
    shiftIds.length ? db.selectFrom('shift_counts').selectAll().where('tenant_id', '=', tenantId).where('shift_id', 'in', shiftIds).orderBy('method').execute() : Promise.resolve([] as CountRow[]),
};
