import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import type { CardProductsTable, CardSettingsTable, UseKey } from '../../db/schema';

export type ProductRow = Selectable<CardProductsTable>;
export type SettingsRow = Selectable<CardSettingsTable>;

/** Card products, what they pay for, where they are sold; card settings. Kysely only. */
export const productRepo = {
  insert: (db: Executor, row: Insertable<CardProductsTable>) => db.insertInto('card_products').values(row).execute(),

  update: (db: Executor, tenantId: string, id: string, patch: Updateable<CardProductsTable>) =>
    db.updateTable('card_products').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  byId: (db: Executor, tenantId: string, id: string) => db.selectFrom('card_products').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),

  byIds: (db: Executor, tenantId: string, ids: string[]) =>
    ids.length ? db.selectFrom('card_products').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([] as ProductRow[]),

  list: (db: Executor, tenantId: string, f: { kind?: string; includeInactive: boolean; coveringProductIds?: string[] | null }) => {
    let q = db.selectFrom('card_products').selectAll().where('tenant_id', '=', tenantId);
    if (f.kind) q = q.where('kind', '=', f.kind as ProductRow['kind']);
    if (!f.includeInactive) q = q.where('is_active', '=', true);
    if (f.coveringProductIds) {
      if (!f.coveringProductIds.length) return Promise.resolve([] as ProductRow[]);
      q = q.where('id', 'in', f.coveringProductIds);
    }
    return q.orderBy('sort_order').orderBy('id').limit(500).execute();
  },

  coverageOf: (db: Executor, tenantId: string, productIds: string[]) =>
    productIds.length
      ? db.selectFrom('card_product_coverage').select(['product_id', 'key_type', 'key_id']).where('tenant_id', '=', tenantId).where('product_id', 'in', productIds).orderBy('key_type').orderBy('key_id').execute()
      : Promise.resolve([]),

  /** Products paying for an item (by its key, or for everything). */
  productIdsCovering: async (db: Executor, tenantId: string, key: UseKey) =>
    (
      await db
        .selectFrom('card_product_coverage')
        .select('product_id')
        .distinct()
        .where('tenant_id', '=', tenantId)
        .where((eb) => eb.or([eb.and([eb('key_type', '=', key.type), eb('key_id', '=', key.id)]), eb('key_type', '=', 'any')]))
        .execute()
    ).map((r) => r.product_id),

  async replaceCoverage(db: Executor, tenantId: string, productId: string, keys: UseKey[]): Promise<void> {
    await db.deleteFrom('card_product_coverage').where('tenant_id', '=', tenantId).where('product_id', '=', productId).execute();
    if (keys.length) await db.insertInto('card_product_coverage').values(keys.map((k) => ({ tenant_id: tenantId, product_id: productId, key_type: k.type, key_id: k.id }))).execute();
  },

  saleStoresOf: (db: Executor, tenantId: string, productIds: string[]) =>
    productIds.length ? db.selectFrom('card_product_stores').select(['product_id', 'store_id']).where('tenant_id', '=', tenantId).where('product_id', 'in', productIds).execute() : Promise.resolve([]),

  async replaceSaleStores(db: Executor, tenantId: string, productId: string, storeIds: string[]): Promise<void> {
    await db.deleteFrom('card_product_stores').where('tenant_id', '=', tenantId).where('product_id', '=', productId).execute();
    if (storeIds.length) await db.insertInto('card_product_stores').values(storeIds.map((s) => ({ tenant_id: tenantId, product_id: productId, store_id: s }))).execute();
  },

  isSoldIn: async (db: Executor, tenantId: string, productId: string, storeId: string) =>
    !!(await db.selectFrom('card_product_stores').select('store_id').where('tenant_id', '=', tenantId).where('product_id', '=', productId).where('store_id', '=', storeId).executeTakeFirst()),

  settings: (db: Executor, tenantId: string) => db.selectFrom('card_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst(),

  allSettings: (db: Executor) => db.selectFrom('card_settings').selectAll().execute(),

  upsertSettings: (db: Executor, row: Insertable<CardSettingsTable>) =>
    db
      .insertInto('card_settings')
      .values(row)
      .onConflict((oc) =>
        oc.column('tenant_id').doUpdateSet({
          expiry_reminder_days_json: row.expiry_reminder_days_json,
          low_sessions_threshold: row.low_sessions_threshold,
          expiring_within_days: row.expiring_within_days,
          is_training_school: row.is_training_school,
          prepay_max_months: row.prepay_max_months,
          prepay_max_hours: row.prepay_max_hours,
          refund_terms_text: row.refund_terms_text,
          updated_at: row.updated_at,
        }),
      )
      .execute(),
};
