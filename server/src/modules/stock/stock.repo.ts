import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { Dialect } from '../../db/dialect';
import type { StockDocumentLinesTable, StockDocumentsTable, StockLevelsTable, StockMovesTable } from '../../db/schema';

export type LevelRow = Selectable<StockLevelsTable>;
export type MoveRow = Selectable<StockMovesTable>;
export type DocumentRow = Selectable<StockDocumentsTable>;
export type DocumentLineRow = Selectable<StockDocumentLinesTable>;

/** Stock queries; every one filtered by tenant. */
export const stockRepo = {
  /** Make sure a level row exists (so it can be locked), without touching an existing one. */
  ensureLevel: (db: Executor, tenantId: string, storeId: string, productId: string, nowIso: string) =>
    db
      .insertInto('stock_levels')
      .values({ tenant_id: tenantId, store_id: storeId, product_id: productId, quantity: 0, stock_value: 0, last_unit_cost: 0, low_stock_threshold: null, move_count: 0, updated_at: nowIso })
      .onConflict((oc) => oc.columns(['tenant_id', 'store_id', 'product_id']).doNothing())
      .execute(),
  /** The level, locked until the transaction ends (PostgreSQL; SQLite writers are serialised); undefined when it does not exist yet. */
  lockLevel: (db: Executor, d: Dialect, tenantId: string, storeId: string, productId: string) =>
    d.forUpdate(db.selectFrom('stock_levels').selectAll().where('tenant_id', '=', tenantId).where('store_id', '=', storeId).where('product_id', '=', productId)).executeTakeFirst(),
  level: (db: Executor, tenantId: string, storeId: string, productId: string) =>
    db.selectFrom('stock_levels').selectAll().where('tenant_id', '=', tenantId).where('store_id', '=', storeId).where('product_id', '=', productId).executeTakeFirst(),
  updateLevel: (db: Executor, tenantId: string, storeId: string, productId: string, patch: Partial<LevelRow>) =>
    db.updateTable('stock_levels').set(patch).where('tenant_id', '=', tenantId).where('store_id', '=', storeId).where('product_id', '=', productId).execute(),
  insertMove: (db: Executor, row: Insertable<StockMovesTable>) => db.insertInto('stock_moves').values(row).execute(),
  /** The sale move of an order line (its cost per unit is what a refund puts back). */
  saleOfLine: (db: Executor, tenantId: string, orderId: string, orderLineId: string) =>
    db
      .selectFrom('stock_moves')
      .select(['id', 'unit_cost'])
      .where('tenant_id', '=', tenantId)
      .where('order_id', '=', orderId)
      .where('order_line_id', '=', orderLineId)
      .where('kind', '=', 'sale')
      .orderBy('id')
      .executeTakeFirst(),

  levelsIn: (db: Executor, tenantId: string, storeId: string, productIds: string[]) =>
    productIds.length
      ? db.selectFrom('stock_levels').selectAll().where('tenant_id', '=', tenantId).where('store_id', '=', storeId).where('product_id', 'in', productIds).execute()
      : Promise.resolve([] as LevelRow[]),
  levels: (db: Executor, tenantId: string, f: { storeIds: string[] | null; productId?: string; after?: [string, string]; limit?: number }) => {
    let q = db.selectFrom('stock_levels').selectAll().where('tenant_id', '=', tenantId);
    if (f.storeIds) q = f.storeIds.length ? q.where('store_id', 'in', f.storeIds) : q.where('store_id', '=', '__none__');
    if (f.productId) q = q.where('product_id', '=', f.productId);
    if (f.after) {
      const [s, p] = f.after;
      q = q.where((eb) => eb.or([eb('store_id', '>', s), eb.and([eb('store_id', '=', s), eb('product_id', '>', p)])]));
    }
    q = q.orderBy('store_id').orderBy('product_id');
    return f.limit ? q.limit(f.limit + 1).execute() : q.execute();
  },

  moves: (db: Executor, tenantId: string, f: { storeIds: string[] | null; productId?: string; kind?: string; documentId?: string; orderId?: string; from?: string; to?: string; beforeId?: string; limit: number }) => {
    let q = db.selectFrom('stock_moves').selectAll().where('tenant_id', '=', tenantId);
    if (f.storeIds) q = f.storeIds.length ? q.where('store_id', 'in', f.storeIds) : q.where('store_id', '=', '__none__');
    if (f.productId) q = q.where('product_id', '=', f.productId);
    if (f.kind) q = q.where('kind', '=', f.kind as MoveRow['kind']);
    if (f.documentId) q = q.where('document_id', '=', f.documentId);
    if (f.orderId) q = q.where('order_id', '=', f.orderId);
    if (f.from) q = q.where('business_date', '>=', f.from);
    if (f.to) q = q.where('business_date', '<=', f.to);
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  },

  /** Next number of a per-store, per-day document sequence (atomic on both databases). */
  nextNumber: async (db: Executor, tenantId: string, storeId: string, businessDate: string, kind: string): Promise<number> => {
    const r = await db
      .insertInto('stock_counters')
      .values({ tenant_id: tenantId, store_id: storeId, business_date: businessDate, kind, last_no: 1 })
      .onConflict((oc) => oc.columns(['tenant_id', 'store_id', 'business_date', 'kind']).doUpdateSet((eb) => ({ last_no: eb('stock_counters.last_no', '+', 1) })))
      .returning('last_no')
      .executeTakeFirstOrThrow();
    return Number(r.last_no);
  },

  insertDocument: (db: Executor, row: Insertable<StockDocumentsTable>) => db.insertInto('stock_documents').values(row).execute(),
  updateDocument: (db: Executor, tenantId: string, id: string, patch: Partial<DocumentRow>) => db.updateTable('stock_documents').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  documentById: (db: Executor, tenantId: string, id: string) => db.selectFrom('stock_documents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  lockDocument: (db: Executor, d: Dialect, tenantId: string, id: string) =>
    d.forUpdate(db.selectFrom('stock_documents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)).executeTakeFirst(),
  documents: (db: Executor, tenantId: string, f: { storeIds: string[] | null; storeId?: string; kind?: string; status?: string; beforeId?: string; limit: number }) => {
    let q = db.selectFrom('stock_documents').selectAll().where('tenant_id', '=', tenantId);
    if (f.storeIds) {
      const ids = f.storeIds.length ? f.storeIds : ['__none__'];
      q = q.where((eb) => eb.or([eb('store_id', 'in', ids), eb('to_store_id', 'in', ids)]));
    }
    if (f.storeId) q = q.where((eb) => eb.or([eb('store_id', '=', f.storeId!), eb('to_store_id', '=', f.storeId!)]));
    if (f.kind) q = q.where('kind', '=', f.kind as DocumentRow['kind']);
    if (f.status) q = q.where('status', '=', f.status as DocumentRow['status']);
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  },
  insertLines: (db: Executor, rows: Insertable<StockDocumentLinesTable>[]) => (rows.length ? db.insertInto('stock_document_lines').values(rows).execute() : Promise.resolve([])),
  linesOf: (db: Executor, tenantId: string, documentIds: string[]) =>
    documentIds.length
      ? db.selectFrom('stock_document_lines').selectAll().where('tenant_id', '=', tenantId).where('document_id', 'in', documentIds).orderBy('line_no').execute()
      : Promise.resolve([] as DocumentLineRow[]),
  deleteLine: (db: Executor, tenantId: string, documentId: string, productId: string) =>
    db.deleteFrom('stock_document_lines').where('tenant_id', '=', tenantId).where('document_id', '=', documentId).where('product_id', '=', productId).execute(),
  updateLine: (db: Executor, tenantId: string, id: string, patch: Partial<DocumentLineRow>) => db.updateTable('stock_document_lines').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
};
