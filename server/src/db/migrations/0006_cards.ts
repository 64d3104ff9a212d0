import { sql } from 'kysely';
import type { Dialect } from '../dialect';
import { type Migration, type MigrationDb, makeAppendOnly, tenantTable } from './helpers';

/**
 * Membership cards (卡项): card products and what they pay for, member cards (sessions and
 * validity days live in the ledger as card_sessions / card_days; the card row caches them),
 * fundings (the order lines that paid), freezes, family users, holds (bookings), usages,
 * revenue recognition and inter-store settlement, write-offs, history and reminders.
 */
export const m0006_cards: Migration = {
  async up(db: MigrationDb, d: Dialect) {
    const t = d.types;
    // Composite foreign keys, tenant_id first on both sides (the column names are checked by the database, not the builder's types).
    type Fk = [string, never[], string, string[]];
    const storeFk = (name: string, col = 'store_id'): Fk => [name, ['tenant_id', col] as never[], 'stores', ['tenant_id', 'id']];
    const memberFk = (name: string, col = 'member_id'): Fk => [name, ['tenant_id', col] as never[], 'members', ['tenant_id', 'id']];
    const cardFk = (name: string, col = 'card_id'): Fk => [name, ['tenant_id', col] as never[], 'member_cards', ['tenant_id', 'id']];
    const productFk = (name: string): Fk => [name, ['tenant_id', 'product_id'] as never[], 'card_products', ['tenant_id', 'id']];

    await db.schema
      .createTable('card_settings')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('expiry_reminder_days_json', t.json, (c) => c.notNull())
      .addColumn('low_sessions_threshold', 'integer', (c) => c.notNull())
      .addColumn('expiring_within_days', 'integer', (c) => c.notNull())
      .addColumn('is_training_school', t.bool, (c) => c.notNull())
      .addColumn('prepay_max_months', 'integer', (c) => c.notNull())
      .addColumn('prepay_max_hours', 'integer', (c) => c.notNull())
      .addColumn('refund_terms_text', 'text')
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('card_settings_pk', ['tenant_id'])
      .execute();

    // ---- products ----
    await tenantTable(db, 'card_products')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('price', 'bigint', (c) => c.notNull())
      .addColumn('sessions', 'integer')
      .addColumn('session_unit', 'text', (c) => c.notNull())
      .addColumn('validity_unit', 'text')
      .addColumn('validity_count', 'integer')
      .addColumn('per_day_cap', 'integer')
      .addColumn('per_week_cap', 'integer')
      .addColumn('coach_level', 'text')
      .addColumn('store_scope', 'text', (c) => c.notNull())
      .addColumn('is_all_sale_stores', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('activation_mode', 'text', (c) => c.notNull())
      .addColumn('activation_deadline_days', 'integer')
      .addColumn('freeze_policy_json', t.json, (c) => c.notNull())
      .addColumn('transfer_policy_json', t.json, (c) => c.notNull())
      .addColumn('refund_policy_json', t.json, (c) => c.notNull())
      .addColumn('family_policy_json', t.json, (c) => c.notNull())
      .addColumn('upgrade_policy_json', t.json, (c) => c.notNull())
      .addColumn('sale_limit_per_member', 'integer')
      .addColumn('is_tier_discountable', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('is_points_payable', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('is_stored_value_payable', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('refund_terms_text', 'text')
      .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('card_products_pk', ['tenant_id', 'id'])
      .addCheckConstraint(
        'card_products_ck',
        sql`kind in ('count', 'time', 'private', 'trial') and price >= 0 and (sessions is null or sessions > 0)
          and session_unit in ('session', 'class_hour') and store_scope in ('issuing_store', 'issuing_region', 'all_stores')
          and activation_mode in ('purchase', 'date', 'first_use')
          and ((validity_unit is null and validity_count is null) or (validity_unit in ('day', 'month') and validity_count > 0))`,
      )
      .execute();
    await db.schema.createIndex('card_products_list_idx').on('card_products').columns(['tenant_id', 'sort_order', 'id']).execute();

    await tenantTable(db, 'card_product_coverage')
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('key_type', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('card_product_coverage_pk', ['tenant_id', 'product_id', 'key_type', 'key_id'])
      .addForeignKeyConstraint(...productFk('card_product_coverage_product_fk'))
      .addCheckConstraint('card_product_coverage_ck', sql`key_type in ('course', 'course_category', 'service', 'any')`)
      .execute();
    await db.schema.createIndex('card_product_coverage_key_idx').on('card_product_coverage').columns(['tenant_id', 'key_type', 'key_id']).execute();

    await tenantTable(db, 'card_product_stores')
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('card_product_stores_pk', ['tenant_id', 'product_id', 'store_id'])
      .addForeignKeyConstraint(...productFk('card_product_stores_product_fk'))
      .addForeignKeyConstraint(...storeFk('card_product_stores_store_fk'))
      .execute();

    // ---- member cards ----
    await tenantTable(db, 'member_cards')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('card_no', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('region_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('root_card_id', 'text', (c) => c.notNull())
      .addColumn('transferred_from_card_id', 'text')
      .addColumn('transferred_to_card_id', 'text')
      .addColumn('order_id', 'text')
      .addColumn('order_line_id', 'text')
      .addColumn('terms_json', t.json, (c) => c.notNull())
      .addColumn('sale_warnings_json', t.json, (c) => c.notNull())
      .addColumn('list_price', 'bigint', (c) => c.notNull())
      .addColumn('paid_amount', 'bigint', (c) => c.notNull())
      .addColumn('value_remaining', 'bigint', (c) => c.notNull())
      .addColumn('sessions_total', 'integer')
      .addColumn('sessions_remaining', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sessions_held', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sessions_used', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sessions_paid', 'integer')
      .addColumn('days_granted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('days_paid', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('activate_on', t.date)
      .addColumn('activate_by', t.date)
      .addColumn('activated_on', t.date)
      .addColumn('expires_on', t.date)
      .addColumn('freeze_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('freeze_days_used', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('transfer_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sold_on', t.date, (c) => c.notNull())
      .addColumn('ended_on', t.date)
      .addColumn('end_reason', 'text')
      .addColumn('last_used_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('member_cards_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('member_cards_no_uq', ['tenant_id', 'card_no'])
      .addForeignKeyConstraint(...productFk('member_cards_product_fk'))
      .addForeignKeyConstraint(...memberFk('member_cards_member_fk'))
      .addForeignKeyConstraint(...storeFk('member_cards_store_fk'))
      .addForeignKeyConstraint(...cardFk('member_cards_root_fk', 'root_card_id'))
      .addForeignKeyConstraint(...cardFk('member_cards_from_fk', 'transferred_from_card_id'))
      .addCheckConstraint(
        'member_cards_ck',
        sql`status in ('pending', 'active', 'expiring', 'expired', 'frozen', 'transferred', 'refunded', 'cancelled')
          and kind in ('count', 'time', 'private', 'trial') and origin in ('sale', 'transfer', 'import')
          and sessions_remaining >= 0 and sessions_held >= 0 and sessions_held <= sessions_remaining and sessions_used >= 0
          and days_granted >= 0 and value_remaining >= 0 and paid_amount >= 0 and list_price >= 0`,
      )
      .execute();
    await db.schema.createIndex('member_cards_member_idx').on('member_cards').columns(['tenant_id', 'member_id', 'id']).execute();
    await db.schema.createIndex('member_cards_store_idx').on('member_cards').columns(['tenant_id', 'store_id', 'id']).execute();
    await db.schema.createIndex('member_cards_status_idx').on('member_cards').columns(['tenant_id', 'status', 'expires_on']).execute();
    await db.schema.createIndex('member_cards_root_idx').on('member_cards').columns(['tenant_id', 'root_card_id']).execute();
    await db.schema.createIndex('member_cards_product_idx').on('member_cards').columns(['tenant_id', 'product_id', 'member_id']).execute();
    await db.schema.createIndex('member_cards_line_idx').on('member_cards').columns(['tenant_id', 'order_line_id']).execute();

    await tenantTable(db, 'card_counters')
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('last_no', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('card_counters_pk', ['tenant_id', 'store_id'])
      .addForeignKeyConstraint(...storeFk('card_counters_store_fk'))
      .execute();

    await tenantTable(db, 'card_fundings')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('root_card_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('order_line_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('refunded_amount', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('card_fundings_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('card_fundings_line_uq', ['tenant_id', 'order_line_id'])
      .addForeignKeyConstraint(...cardFk('card_fundings_card_fk', 'root_card_id'))
      .addCheckConstraint('card_fundings_ck', sql`kind in ('sale', 'upgrade') and amount >= 0 and refunded_amount >= 0 and refunded_amount <= amount`)
      .execute();
    await db.schema.createIndex('card_fundings_root_idx').on('card_fundings').columns(['tenant_id', 'root_card_id']).execute();

    await tenantTable(db, 'card_freezes')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('card_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('start_on', t.date, (c) => c.notNull())
      .addColumn('end_on', t.date, (c) => c.notNull())
      .addColumn('days', 'integer', (c) => c.notNull())
      .addColumn('ended_on', t.date)
      .addColumn('actual_days', 'integer')
      .addColumn('is_expiry_extended', t.bool, (c) => c.notNull())
      .addColumn('extension_days', 'integer', (c) => c.notNull())
      .addColumn('fee', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('order_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_by_name', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('card_freezes_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...cardFk('card_freezes_card_fk'))
      .addCheckConstraint('card_freezes_ck', sql`status in ('scheduled', 'active', 'ended', 'cancelled') and days > 0 and extension_days >= 0 and fee >= 0`)
      .execute();
    await db.schema.createIndex('card_freezes_card_idx').on('card_freezes').columns(['tenant_id', 'card_id', 'start_on']).execute();
    await db.schema.createIndex('card_freezes_due_idx').on('card_freezes').columns(['tenant_id', 'status', 'start_on']).execute();

    await tenantTable(db, 'card_family_users')
      .addColumn('card_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('user_kind', 'text', (c) => c.notNull())
      .addColumn('relation', 'text')
      .addColumn('max_sessions', 'integer')
      .addColumn('sessions_used', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('card_family_users_pk', ['tenant_id', 'card_id', 'user_id'])
      .addForeignKeyConstraint(...cardFk('card_family_users_card_fk'))
      .addCheckConstraint('card_family_users_ck', sql`user_kind in ('member', 'dependent') and sessions_used >= 0 and (max_sessions is null or max_sessions >= 0)`)
      .execute();
    await db.schema.createIndex('card_family_users_user_idx').on('card_family_users').columns(['tenant_id', 'user_id']).execute();

    // ---- use ----
    await tenantTable(db, 'card_holds')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('card_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('units', 'integer', (c) => c.notNull())
      .addColumn('sessions', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('for_at', t.timestamp, (c) => c.notNull())
      .addColumn('for_date', t.date, (c) => c.notNull())
      .addColumn('items_json', t.json, (c) => c.notNull())
      .addColumn('ref_type', 'text')
      .addColumn('ref_id', 'text')
      .addColumn('idem_key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('usage_id', 'text')
      .addColumn('release_reason', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('resolved_at', t.timestamp)
      .addPrimaryKeyConstraint('card_holds_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('card_holds_key_uq', ['tenant_id', 'idem_key'])
      .addForeignKeyConstraint(...cardFk('card_holds_card_fk'))
      .addForeignKeyConstraint(...storeFk('card_holds_store_fk'))
      .addCheckConstraint('card_holds_ck', sql`status in ('held', 'consumed', 'released') and units > 0 and sessions >= 0`)
      .execute();
    await db.schema.createIndex('card_holds_card_idx').on('card_holds').columns(['tenant_id', 'card_id', 'status', 'for_date']).execute();
    await db.schema.createIndex('card_holds_ref_idx').on('card_holds').columns(['tenant_id', 'ref_type', 'ref_id']).execute();

    await tenantTable(db, 'card_usages')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('card_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('issuing_store_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('units', 'integer', (c) => c.notNull())
      .addColumn('sessions', 'integer', (c) => c.notNull())
      .addColumn('hold_id', 'text')
      .addColumn('journal_id', 'text')
      .addColumn('revenue', 'bigint', (c) => c.notNull())
      .addColumn('for_date', t.date, (c) => c.notNull())
      .addColumn('items_json', t.json, (c) => c.notNull())
      .addColumn('ref_type', 'text')
      .addColumn('ref_id', 'text')
      .addColumn('idem_key', 'text')
      .addColumn('request_hash', 'text')
      .addColumn('reverses_usage_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('card_usages_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('card_usages_key_uq', ['tenant_id', 'idem_key'])
      .addUniqueConstraint('card_usages_reversal_uq', ['tenant_id', 'reverses_usage_id'])
      .addForeignKeyConstraint(...cardFk('card_usages_card_fk'))
      .addForeignKeyConstraint(...storeFk('card_usages_store_fk'))
      .addForeignKeyConstraint('card_usages_hold_fk', ['tenant_id', 'hold_id'], 'card_holds', ['tenant_id', 'id'])
      .addForeignKeyConstraint('card_usages_reverses_fk', ['tenant_id', 'reverses_usage_id'], 'card_usages', ['tenant_id', 'id'])
      .addCheckConstraint('card_usages_ck', sql`kind in ('consume', 'reversal') and ((kind = 'consume' and units > 0) or (kind = 'reversal' and units < 0))`)
      .execute();
    await db.schema.createIndex('card_usages_card_idx').on('card_usages').columns(['tenant_id', 'card_id', 'for_date']).execute();
    await db.schema.createIndex('card_usages_store_idx').on('card_usages').columns(['tenant_id', 'store_id', 'for_date']).execute();
    await makeAppendOnly(db, d, 'card_usages');

    await tenantTable(db, 'card_revenue')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('card_id', 'text', (c) => c.notNull())
      .addColumn('root_card_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('usage_id', 'text')
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('card_revenue_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...cardFk('card_revenue_card_fk'))
      .addForeignKeyConstraint(...storeFk('card_revenue_store_fk'))
      .addCheckConstraint('card_revenue_ck', sql`kind in ('consumption', 'consumption_reversal', 'expiry', 'refund_retained', 'cancel')`)
      .execute();
    await db.schema.createIndex('card_revenue_store_idx').on('card_revenue').columns(['tenant_id', 'business_date', 'store_id']).execute();
    await db.schema.createIndex('card_revenue_root_idx').on('card_revenue').columns(['tenant_id', 'root_card_id']).execute();
    await makeAppendOnly(db, d, 'card_revenue');

    await tenantTable(db, 'card_settlements')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('card_id', 'text', (c) => c.notNull())
      .addColumn('usage_id', 'text', (c) => c.notNull())
      .addColumn('issuing_store_id', 'text', (c) => c.notNull())
      .addColumn('consuming_store_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('reverses_settlement_id', 'text')
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('card_settlements_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('card_settlements_reversal_uq', ['tenant_id', 'reverses_settlement_id'])
      .addForeignKeyConstraint(...cardFk('card_settlements_card_fk'))
      .addForeignKeyConstraint('card_settlements_usage_fk', ['tenant_id', 'usage_id'], 'card_usages', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...storeFk('card_settlements_issuing_fk', 'issuing_store_id'))
      .addForeignKeyConstraint(...storeFk('card_settlements_consuming_fk', 'consuming_store_id'))
      .addForeignKeyConstraint('card_settlements_reverses_fk', ['tenant_id', 'reverses_settlement_id'], 'card_settlements', ['tenant_id', 'id'])
      .addCheckConstraint('card_settlements_ck', sql`issuing_store_id <> consuming_store_id`)
      .execute();
    await db.schema.createIndex('card_settlements_date_idx').on('card_settlements').columns(['tenant_id', 'business_date']).execute();
    await db.schema.createIndex('card_settlements_usage_idx').on('card_settlements').columns(['tenant_id', 'usage_id']).execute();
    await makeAppendOnly(db, d, 'card_settlements');

    await tenantTable(db, 'card_writeoffs')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('card_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('sessions', 'integer', (c) => c.notNull())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addColumn('journal_id', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('card_writeoffs_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...cardFk('card_writeoffs_card_fk'))
      .addForeignKeyConstraint(...storeFk('card_writeoffs_store_fk'))
      .addCheckConstraint('card_writeoffs_ck', sql`sessions >= 0 and value >= 0 and reason in ('expired', 'hold_released_after_expiry')`)
      .execute();
    await db.schema.createIndex('card_writeoffs_date_idx').on('card_writeoffs').columns(['tenant_id', 'business_date', 'store_id']).execute();
    await makeAppendOnly(db, d, 'card_writeoffs');

    await tenantTable(db, 'card_events')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('card_id', 'text', (c) => c.notNull())
      .addColumn('root_card_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('summary_json', t.json, (c) => c.notNull())
      .addColumn('order_id', 'text')
      .addColumn('store_id', 'text')
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('card_events_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...cardFk('card_events_card_fk'))
      .execute();
    await db.schema.createIndex('card_events_root_idx').on('card_events').columns(['tenant_id', 'root_card_id', 'id']).execute();
    await db.schema.createIndex('card_events_order_idx').on('card_events').columns(['tenant_id', 'order_id']).execute();
    await makeAppendOnly(db, d, 'card_events');

    await tenantTable(db, 'card_reminders')
      .addColumn('card_id', 'text', (c) => c.notNull())
      .addColumn('reminder_key', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('card_reminders_pk', ['tenant_id', 'card_id', 'reminder_key'])
      .addForeignKeyConstraint(...cardFk('card_reminders_card_fk'))
      .execute();
  },
};
