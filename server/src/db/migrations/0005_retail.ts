import { sql } from 'kysely';
import type { Dialect } from '../dialect';
import { type Migration, type MigrationDb, makeAppendOnly, tenantTable } from './helpers';

/**
 * Cashier & retail: the catalogue (products, service items, fees, categories, member prices per
 * tier, cashier quick keys), stock per store with an append-only move journal (the same
 * discipline as the money ledger: a cached level per store and product, every move with the
 * balance after), stock documents (receipts, transfers, stocktakes, adjustments) and shifts.
 */
export const m0005_retail: Migration = {
  async up(db: MigrationDb, d: Dialect) {
    const t = d.types;
    const storeFk = <C extends string = 'store_id'>(name: string, col: C = 'store_id' as C): [string, ['tenant_id', C], string, string[]] => [name, ['tenant_id', col], 'stores', ['tenant_id', 'id']];
    const productFk = (name: string): [string, ['tenant_id', 'product_id'], string, string[]] => [name, ['tenant_id', 'product_id'], 'products', ['tenant_id', 'id']];

    // ---- catalogue ----
    await tenantTable(db, 'product_categories')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('product_categories_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('product_categories_name_uq', ['tenant_id', 'name'])
      .execute();

    await tenantTable(db, 'products')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('fee_kind', 'text')
      // Scanner and desk input are matched exactly, byte by byte, on both databases.
      .addColumn('sku', d.bytewiseText)
      .addColumn('barcode', d.bytewiseText)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('category_id', 'text')
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('price', 'bigint', (c) => c.notNull())
      .addColumn('cost', 'bigint')
      .addColumn('tax_rate_bp', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('duration_minutes', 'integer')
      .addColumn('description', 'text')
      .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('is_all_stores', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('allow_negative_stock', t.bool, (c) => c.notNull().defaultTo(false))
      .addColumn('is_tier_discountable', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('is_points_payable', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('is_stored_value_payable', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('low_stock_threshold', 'integer')
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('products_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('products_sku_uq', ['tenant_id', 'sku'])
      .addUniqueConstraint('products_barcode_uq', ['tenant_id', 'barcode'])
      .addForeignKeyConstraint('products_category_fk', ['tenant_id', 'category_id'], 'product_categories', ['tenant_id', 'id'])
      .addCheckConstraint('products_kind_ck', sql`kind in ('product', 'service', 'fee')`)
      .addCheckConstraint('products_amounts_ck', sql`price >= 0 and (cost is null or cost >= 0) and tax_rate_bp >= 0`)
      .execute();
    await db.schema.createIndex('products_list_idx').on('products').columns(['tenant_id', 'kind', 'sort_order', 'id']).execute();

    await tenantTable(db, 'product_stores')
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('product_stores_pk', ['tenant_id', 'product_id', 'store_id'])
      .addForeignKeyConstraint(...productFk('product_stores_product_fk'))
      .addForeignKeyConstraint(...storeFk('product_stores_store_fk'))
      .execute();

    await tenantTable(db, 'product_tier_prices')
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('tier_id', 'text', (c) => c.notNull())
      .addColumn('price', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('product_tier_prices_pk', ['tenant_id', 'product_id', 'tier_id'])
      .addForeignKeyConstraint(...productFk('product_tier_prices_product_fk'))
      // No foreign key to tier_levels: the tier module may delete an unused level; a price for a
      // tier nobody holds any more is never applied (tier ids are checked when prices are set).
      .addCheckConstraint('product_tier_prices_ck', sql`price >= 0`)
      .execute();

    await d
      .clustered(
        tenantTable(db, 'product_search_terms')
          .addColumn('term', d.bytewiseText, (c) => c.notNull())
          .addColumn('product_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('product_search_terms_pk', ['tenant_id', 'term', 'product_id']),
      )
      .execute();
    await db.schema.createIndex('product_search_terms_product_idx').on('product_search_terms').columns(['tenant_id', 'product_id']).execute();

    await tenantTable(db, 'cashier_quick_keys')
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('label', 'text')
      .addColumn('color', 'text')
      .addPrimaryKeyConstraint('cashier_quick_keys_pk', ['tenant_id', 'store_id', 'position'])
      .addForeignKeyConstraint(...storeFk('cashier_quick_keys_store_fk'))
      .addForeignKeyConstraint(...productFk('cashier_quick_keys_product_fk'))
      .execute();

    // ---- stock ----
    await tenantTable(db, 'stock_levels')
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('quantity', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('stock_value', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('last_unit_cost', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('low_stock_threshold', 'integer')
      .addColumn('move_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_levels_pk', ['tenant_id', 'store_id', 'product_id'])
      .addForeignKeyConstraint(...storeFk('stock_levels_store_fk'))
      .addForeignKeyConstraint(...productFk('stock_levels_product_fk'))
      .addCheckConstraint('stock_levels_value_ck', sql`stock_value >= 0`)
      .execute();
    await db.schema.createIndex('stock_levels_product_idx').on('stock_levels').columns(['tenant_id', 'product_id']).execute();

    await tenantTable(db, 'stock_documents')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('doc_no', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('to_store_id', 'text')
      .addColumn('supplier', 'text')
      .addColumn('reason', 'text')
      .addColumn('note', 'text')
      .addColumn('total_quantity', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('total_cost', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text')
      .addColumn('created_by_name', 'text')
      .addColumn('posted_by', 'text')
      .addColumn('posted_by_name', 'text')
      .addColumn('posted_at', t.timestamp)
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_documents_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('stock_documents_no_uq', ['tenant_id', 'doc_no'])
      .addForeignKeyConstraint(...storeFk('stock_documents_store_fk'))
      .addForeignKeyConstraint(...storeFk('stock_documents_to_store_fk', 'to_store_id'))
      .addCheckConstraint('stock_documents_kind_ck', sql`kind in ('receipt', 'transfer', 'stocktake', 'adjustment') and status in ('draft', 'posted', 'cancelled')`)
      .execute();
    await db.schema.createIndex('stock_documents_store_idx').on('stock_documents').columns(['tenant_id', 'store_id', 'id']).execute();
    await db.schema.createIndex('stock_documents_to_store_idx').on('stock_documents').columns(['tenant_id', 'to_store_id', 'id']).execute();

    await tenantTable(db, 'stock_document_lines')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('line_no', 'integer', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('quantity', 'bigint', (c) => c.notNull())
      .addColumn('unit_cost', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('counted_quantity', 'bigint')
      .addColumn('system_quantity', 'bigint')
      .addPrimaryKeyConstraint('stock_document_lines_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('stock_document_lines_product_uq', ['tenant_id', 'document_id', 'product_id'])
      .addForeignKeyConstraint('stock_document_lines_doc_fk', ['tenant_id', 'document_id'], 'stock_documents', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...productFk('stock_document_lines_product_fk'))
      .addCheckConstraint('stock_document_lines_ck', sql`unit_cost >= 0 and (counted_quantity is null or counted_quantity >= 0)`)
      .execute();

    await tenantTable(db, 'stock_moves')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('quantity', 'bigint', (c) => c.notNull())
      .addColumn('balance_after', 'bigint', (c) => c.notNull())
      .addColumn('unit_cost', 'bigint', (c) => c.notNull())
      .addColumn('value_change', 'bigint', (c) => c.notNull())
      .addColumn('value_after', 'bigint', (c) => c.notNull())
      .addColumn('level_seq', 'integer', (c) => c.notNull())
      .addColumn('document_id', 'text')
      .addColumn('order_id', 'text')
      .addColumn('order_line_id', 'text')
      .addColumn('refund_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_moves_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('stock_moves_seq_uq', ['tenant_id', 'store_id', 'product_id', 'level_seq'])
      .addForeignKeyConstraint('stock_moves_level_fk', ['tenant_id', 'store_id', 'product_id'], 'stock_levels', ['tenant_id', 'store_id', 'product_id'])
      .addForeignKeyConstraint('stock_moves_document_fk', ['tenant_id', 'document_id'], 'stock_documents', ['tenant_id', 'id'])
      .addCheckConstraint('stock_moves_ck', sql`quantity <> 0 and value_after >= 0 and unit_cost >= 0`)
      .execute();
    await db.schema.createIndex('stock_moves_store_idx').on('stock_moves').columns(['tenant_id', 'store_id', 'id']).execute();
    await db.schema.createIndex('stock_moves_product_idx').on('stock_moves').columns(['tenant_id', 'product_id', 'id']).execute();
    await db.schema.createIndex('stock_moves_order_idx').on('stock_moves').columns(['tenant_id', 'order_id']).execute();
    await db.schema.createIndex('stock_moves_document_idx').on('stock_moves').columns(['tenant_id', 'document_id']).execute();
    await makeAppendOnly(db, d, 'stock_moves');

    await tenantTable(db, 'stock_counters')
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('last_no', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_counters_pk', ['tenant_id', 'store_id', 'business_date', 'kind'])
      .addForeignKeyConstraint(...storeFk('stock_counters_store_fk'))
      .execute();

    // ---- shifts ----
    await tenantTable(db, 'shift_settings')
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('is_shift_required', t.bool, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('shift_settings_pk', ['tenant_id', 'store_id'])
      .addForeignKeyConstraint(...storeFk('shift_settings_store_fk'))
      .execute();

    await tenantTable(db, 'shifts')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('shift_no', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('opening_float', 'bigint', (c) => c.notNull())
      .addColumn('opened_by', 'text')
      .addColumn('opened_by_name', 'text')
      .addColumn('opened_at', t.timestamp, (c) => c.notNull())
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('closed_by', 'text')
      .addColumn('closed_by_name', 'text')
      .addColumn('closed_at', t.timestamp)
      .addColumn('expected_total', 'bigint')
      .addColumn('counted_total', 'bigint')
      .addColumn('difference_total', 'bigint')
      .addColumn('difference_reason', 'text')
      .addColumn('close_note', 'text')
      .addColumn('totals_json', t.json)
      .addColumn('confirmed_by', 'text')
      .addColumn('confirmed_by_name', 'text')
      .addColumn('confirmed_at', t.timestamp)
      .addColumn('confirm_note', 'text')
      .addPrimaryKeyConstraint('shifts_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('shifts_seq_uq', ['tenant_id', 'store_id', 'seq'])
      .addUniqueConstraint('shifts_no_uq', ['tenant_id', 'shift_no'])
      .addForeignKeyConstraint(...storeFk('shifts_store_fk'))
      .addCheckConstraint('shifts_ck', sql`status in ('open', 'closed', 'confirmed') and opening_float >= 0`)
      .execute();
    // One open shift per store (one cash drawer at the desk): a second open is refused by the database too.
    await db.schema.createIndex('shifts_one_open_uq').on('shifts').columns(['tenant_id', 'store_id']).unique().where(sql.ref('status'), '=', 'open').execute();
    await db.schema.createIndex('shifts_store_idx').on('shifts').columns(['tenant_id', 'store_id', 'id']).execute();

    await tenantTable(db, 'shift_cash_moves')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('shift_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_by_name', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('shift_cash_moves_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('shift_cash_moves_shift_fk', ['tenant_id', 'shift_id'], 'shifts', ['tenant_id', 'id'])
      .addCheckConstraint('shift_cash_moves_ck', sql`amount > 0 and kind in ('in', 'out')`)
      .execute();
    await db.schema.createIndex('shift_cash_moves_shift_idx').on('shift_cash_moves').columns(['tenant_id', 'shift_id']).execute();
    await makeAppendOnly(db, d, 'shift_cash_moves');

    await tenantTable(db, 'shift_counts')
      .addColumn('shift_id', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('expected', 'bigint', (c) => c.notNull())
      .addColumn('counted', 'bigint', (c) => c.notNull())
      .addColumn('difference', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('shift_counts_pk', ['tenant_id', 'shift_id', 'method'])
      .addForeignKeyConstraint('shift_counts_shift_fk', ['tenant_id', 'shift_id'], 'shifts', ['tenant_id', 'id'])
      .execute();
  },
};
