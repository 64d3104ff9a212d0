import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { CashierQuickKeysTable, ProductCategoriesTable, ProductsTable } from '../../db/schema';

export type ProductRow = Selectable<ProductsTable>;
export type CategoryRow = Selectable<ProductCategoriesTable>;
export type QuickKeyRow = Selectable<CashierQuickKeysTable>;

/** Catalogue queries; every one filtered by tenant. */
export const productRepo = {
  insert: (db: Executor, row: Insertable<ProductsTable>) => db.insertInto('products').values(row).execute(),
  update: (db: Executor, tenantId: string, id: string, patch: Partial<ProductRow>) => db.updateTable('products').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  byId: (db: Executor, tenantId: string, id: string) => db.selectFrom('products').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  byIds: (db: Executor, tenantId: string, ids: string[]) => (ids.length ? db.selectFrom('products').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([] as ProductRow[])),
  byBarcode: (db: Executor, tenantId: string, barcode: string) => db.selectFrom('products').selectAll().where('tenant_id', '=', tenantId).where('barcode', '=', barcode).executeTakeFirst(),
  bySku: (db: Executor, tenantId: string, sku: string) => db.selectFrom('products').selectAll().where('tenant_id', '=', tenantId).where('sku', '=', sku).executeTakeFirst(),

  list: (db: Executor, tenantId: string, f: { kind?: string; categoryId?: string; ids?: string[]; includeInactive: boolean; after?: [number, string]; limit: number }) => {
    let q = db.selectFrom('products').selectAll().where('tenant_id', '=', tenantId);
    if (f.kind) q = q.where('kind', '=', f.kind as ProductRow['kind']);
    if (f.categoryId) q = q.where('category_id', '=', f.categoryId);
    if (f.ids) q = f.ids.length ? q.where('id', 'in', f.ids) : q.where('id', '=', '__none__');
    if (!f.includeInactive) q = q.where('is_active', '=', true);
    if (f.after) {
      const [order, id] = f.after;
      q = q.where((eb) => eb.or([eb('sort_order', '>', order), eb.and([eb('sort_order', '=', order), eb('id', '>', id)])]));
    }
    return q.orderBy('sort_order').orderBy('id').limit(f.limit + 1).execute();
  },

  // ---- stores that sell a product (none listed = every store, see is_all_stores) ----
  storesOf: (db: Executor, tenantId: string, productIds: string[]) =>
    productIds.length ? db.selectFrom('product_stores').select(['product_id', 'store_id']).where('tenant_id', '=', tenantId).where('product_id', 'in', productIds).execute() : Promise.resolve([]),
  isSoldIn: async (db: Executor, tenantId: string, productId: string, storeId: string) =>
    !!(await db.selectFrom('product_stores').select('store_id').where('tenant_id', '=', tenantId).where('product_id', '=', productId).where('store_id', '=', storeId).executeTakeFirst()),
  replaceStores: async (db: Executor, tenantId: string, productId: string, storeIds: string[]) => {
    await db.deleteFrom('product_stores').where('tenant_id', '=', tenantId).where('product_id', '=', productId).execute();
    if (storeIds.length) await db.insertInto('product_stores').values(storeIds.map((s) => ({ tenant_id: tenantId, product_id: productId, store_id: s }))).execute();
  },

  // ---- member prices ----
  tierPricesOf: (db: Executor, tenantId: string, productIds: string[]) =>
    productIds.length
      ? db.selectFrom('product_tier_prices').select(['product_id', 'tier_id', 'price']).where('tenant_id', '=', tenantId).where('product_id', 'in', productIds).orderBy('tier_id').execute()
      : Promise.resolve([]),
  tierPrice: async (db: Executor, tenantId: string, productId: string, tierId: string) =>
    (await db.selectFrom('product_tier_prices').select('price').where('tenant_id', '=', tenantId).where('product_id', '=', productId).where('tier_id', '=', tierId).executeTakeFirst())?.price ?? null,
  replaceTierPrices: async (db: Executor, tenantId: string, productId: string, prices: { tierId: string; price: number }[]) => {
    await db.deleteFrom('product_tier_prices').where('tenant_id', '=', tenantId).where('product_id', '=', productId).execute();
    if (prices.length) await db.insertInto('product_tier_prices').values(prices.map((p) => ({ tenant_id: tenantId, product_id: productId, tier_id: p.tierId, price: p.price }))).execute();
  },

  // ---- search terms ----
  replaceTerms: async (db: Executor, tenantId: string, productId: string, terms: string[]) => {
    await db.deleteFrom('product_search_terms').where('tenant_id', '=', tenantId).where('product_id', '=', productId).execute();
    if (terms.length) await db.insertInto('product_search_terms').values(terms.map((term) => ({ tenant_id: tenantId, term, product_id: productId }))).execute();
  },
  /** Products with a term starting with the prefix: one range scan of the terms' primary key. */
  idsByTermPrefix: async (db: Executor, tenantId: string, prefix: string, upper: string, limit: number) =>
    (
      await db
        .selectFrom('product_search_terms')
        .select('product_id')
        .distinct()
        .where('tenant_id', '=', tenantId)
        .where('term', '>=', prefix)
        .where('term', '<', upper)
        .limit(limit)
        .execute()
    ).map((r) => r.product_id),

  // ---- categories ----
  insertCategory: (db: Executor, row: CategoryRow) => db.insertInto('product_categories').values(row).execute(),
  updateCategory: (db: Executor, tenantId: string, id: string, patch: Partial<CategoryRow>) => db.updateTable('product_categories').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  categoryById: (db: Executor, tenantId: string, id: string) => db.selectFrom('product_categories').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  categories: (db: Executor, tenantId: string) => db.selectFrom('product_categories').selectAll().where('tenant_id', '=', tenantId).orderBy('sort_order').orderBy('name').execute(),
  categoryCounts: (db: Executor, tenantId: string) =>
    db
      .selectFrom('products')
      .select(['category_id', (eb) => eb.fn.countAll().as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('category_id')
      .execute(),

  // ---- cashier quick keys ----
  quickKeys: (db: Executor, tenantId: string, storeId: string) => db.selectFrom('cashier_quick_keys').selectAll().where('tenant_id', '=', tenantId).where('store_id', '=', storeId).orderBy('position').execute(),
  replaceQuickKeys: async (db: Executor, tenantId: string, storeId: string, rows: Insertable<CashierQuickKeysTable>[]) => {
    await db.deleteFrom('cashier_quick_keys').where('tenant_id', '=', tenantId).where('store_id', '=', storeId).execute();
    if (rows.length) await db.insertInto('cashier_quick_keys').values(rows).execute();
  },
};
