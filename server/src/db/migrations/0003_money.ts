import { sql } from 'kysely';
import type { Dialect } from '../dialect';
import { type Migration, type MigrationDb, makeAppendOnly, tenantTable } from './helpers';

/** The money core: one append-only ledger, stored value, points, tiers and orders. */
export const m0003_money: Migration = {
  async up(db: MigrationDb, d: Dialect) {
    const t = d.types;
    const memberFk = (name: string): [string, ['tenant_id', 'member_id'], string, string[]] => [name, ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id']];

    // ---- ledger ----
    await tenantTable(db, 'ledger_accounts')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('balance', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('entry_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('ledger_accounts_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('ledger_accounts_owner_uq', ['tenant_id', 'member_id', 'kind', 'ref_id'])
      .addForeignKeyConstraint(...memberFk('ledger_accounts_member_fk'))
      .addCheckConstraint('ledger_accounts_nonneg_ck', sql`balance >= 0`)
      .execute();

    await tenantTable(db, 'ledger_journals')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text')
      .addColumn('order_id', 'text')
      .addColumn('ref_type', 'text')
      .addColumn('ref_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('request_id', 'text')
      .addColumn('reverses_journal_id', 'text')
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('ledger_journals_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('ledger_journals_reversal_uq', ['tenant_id', 'reverses_journal_id'])
      .addForeignKeyConstraint(...memberFk('ledger_journals_member_fk'))
      .addForeignKeyConstraint('ledger_journals_reverses_fk', ['tenant_id', 'reverses_journal_id'], 'ledger_journals', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('ledger_journals_member_idx').on('ledger_journals').columns(['tenant_id', 'member_id', 'id']).execute();
    await db.schema.createIndex('ledger_journals_order_idx').on('ledger_journals').columns(['tenant_id', 'order_id']).execute();

    await tenantTable(db, 'ledger_entries')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('journal_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('balance_after', 'bigint', (c) => c.notNull())
      .addColumn('account_seq', 'integer', (c) => c.notNull())
      .addColumn('reverses_entry_id', 'text')
      .addColumn('refers_to_entry_id', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('ledger_entries_pk', ['tenant_id', 'id'])
      // An entry is reversed at most once.
      .addUniqueConstraint('ledger_entries_reversal_uq', ['tenant_id', 'reverses_entry_id'])
      .addUniqueConstraint('ledger_entries_seq_uq', ['tenant_id', 'account_id', 'account_seq'])
      .addForeignKeyConstraint('ledger_entries_journal_fk', ['tenant_id', 'journal_id'], 'ledger_journals', ['tenant_id', 'id'])
      .addForeignKeyConstraint('ledger_entries_account_fk', ['tenant_id', 'account_id'], 'ledger_accounts', ['tenant_id', 'id'])
      .addForeignKeyConstraint('ledger_entries_reverses_fk', ['tenant_id', 'reverses_entry_id'], 'ledger_entries', ['tenant_id', 'id'])
      .addForeignKeyConstraint('ledger_entries_refers_fk', ['tenant_id', 'refers_to_entry_id'], 'ledger_entries', ['tenant_id', 'id'])
      .addCheckConstraint('ledger_entries_nonneg_ck', sql`balance_after >= 0`)
      .addCheckConstraint('ledger_entries_nonzero_ck', sql`amount <> 0`)
      .execute();
    await db.schema.createIndex('ledger_entries_member_idx').on('ledger_entries').columns(['tenant_id', 'member_id', 'id']).execute();
    await db.schema.createIndex('ledger_entries_journal_idx').on('ledger_entries').columns(['tenant_id', 'journal_id']).execute();
    await db.schema.createIndex('ledger_entries_refers_idx').on('ledger_entries').columns(['tenant_id', 'refers_to_entry_id']).execute();
    await makeAppendOnly(db, d, 'ledger_journals');
    await makeAppendOnly(db, d, 'ledger_entries');

    // ---- points ----
    await tenantTable(db, 'points_lots')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('source_entry_id', 'text', (c) => c.notNull())
      .addColumn('points', 'bigint', (c) => c.notNull())
      .addColumn('remaining', 'bigint', (c) => c.notNull())
      .addColumn('earned_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_on', t.date)
      .addColumn('expiry_warned_at', t.timestamp)
      .addPrimaryKeyConstraint('points_lots_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...memberFk('points_lots_member_fk'))
      .addForeignKeyConstraint('points_lots_entry_fk', ['tenant_id', 'source_entry_id'], 'ledger_entries', ['tenant_id', 'id'])
      .addCheckConstraint('points_lots_remaining_ck', sql`remaining >= 0 and remaining <= points`)
      .execute();
    await db.schema.createIndex('points_lots_member_idx').on('points_lots').columns(['tenant_id', 'member_id', 'expires_on']).execute();
    await db.schema.createIndex('points_lots_expiry_idx').on('points_lots').columns(['expires_on']).where(sql.ref('remaining'), '>', 0).execute();

    await tenantTable(db, 'points_lot_moves')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('lot_id', 'text', (c) => c.notNull())
      .addColumn('entry_id', 'text', (c) => c.notNull())
      .addColumn('points', 'bigint', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('points_lot_moves_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('points_lot_moves_lot_fk', ['tenant_id', 'lot_id'], 'points_lots', ['tenant_id', 'id'])
      .addForeignKeyConstraint('points_lot_moves_entry_fk', ['tenant_id', 'entry_id'], 'ledger_entries', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('points_lot_moves_lot_idx').on('points_lot_moves').columns(['tenant_id', 'lot_id']).execute();
    await db.schema.createIndex('points_lot_moves_entry_idx').on('points_lot_moves').columns(['tenant_id', 'entry_id']).execute();
    await makeAppendOnly(db, d, 'points_lot_moves');

    await tenantTable(db, 'points_pending')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text')
      .addColumn('earn_entry_id', 'text', (c) => c.notNull())
      .addColumn('points', 'bigint', (c) => c.notNull())
      .addColumn('reversed_points', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('earned_at', t.timestamp, (c) => c.notNull())
      .addColumn('release_at', t.timestamp, (c) => c.notNull())
      .addColumn('released_at', t.timestamp)
      .addPrimaryKeyConstraint('points_pending_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...memberFk('points_pending_member_fk'))
      .addForeignKeyConstraint('points_pending_entry_fk', ['tenant_id', 'earn_entry_id'], 'ledger_entries', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('points_pending_release_idx').on('points_pending').columns(['release_at']).where(sql.ref('released_at'), 'is', null).execute();
    await db.schema.createIndex('points_pending_order_idx').on('points_pending').columns(['tenant_id', 'order_id']).execute();

    await db.schema
      .createTable('points_settings')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('earn_per_yuan_milli', 'integer', (c) => c.notNull())
      .addColumn('pending_days', 'integer', (c) => c.notNull())
      .addColumn('fen_per_point', 'integer', (c) => c.notNull())
      .addColumn('cap_bp', 'integer')
      .addColumn('cap_amount', 'bigint')
      .addColumn('redeem_step', 'integer', (c) => c.notNull())
      .addColumn('expiry_json', t.json, (c) => c.notNull())
      .addColumn('remind_days_before', 'integer', (c) => c.notNull())
      .addColumn('is_earn_on_recharge', t.bool, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('points_settings_pk', ['tenant_id'])
      .execute();

    // ---- stored value ----
    await db.schema
      .createTable('wallet_settings')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('spend_mode', 'text', (c) => c.notNull())
      .addColumn('refund_fee_json', t.json, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('wallet_settings_pk', ['tenant_id'])
      .execute();

    await tenantTable(db, 'recharge_packages')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('price', 'bigint', (c) => c.notNull())
      .addColumn('bonus_type', 'text', (c) => c.notNull())
      .addColumn('bonus_value', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('bonus_points', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('recharge_packages_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('recharge_packages_name_uq', ['tenant_id', 'name'])
      .addCheckConstraint('recharge_packages_price_ck', sql`price > 0 and bonus_value >= 0 and bonus_points >= 0`)
      .execute();

    // ---- tiers ----
    await db.schema
      .createTable('tier_programs')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('window_kind', 'text', (c) => c.notNull())
      .addColumn('window_months', 'integer', (c) => c.notNull())
      .addColumn('grace_days', 'integer', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('tier_programs_pk', ['tenant_id'])
      .execute();

    await tenantTable(db, 'tier_levels')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('rank', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('threshold', 'bigint', (c) => c.notNull())
      .addColumn('retention_threshold', 'bigint')
      .addColumn('discount_bp', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('points_multiplier_bp', 'integer', (c) => c.notNull().defaultTo(10000))
      .addColumn('booking_priority_hours', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('birthday_gift_json', t.json)
      .addColumn('benefits_note', 'text')
      .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('tier_levels_pk', ['tenant_id', 'id'])
      .execute();

    await tenantTable(db, 'member_tiers')
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('tier_id', 'text')
      .addColumn('since', t.date, (c) => c.notNull())
      .addColumn('evaluate_on', t.date)
      .addColumn('is_locked', t.bool, (c) => c.notNull().defaultTo(false))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('member_tiers_pk', ['tenant_id', 'member_id'])
      .addForeignKeyConstraint(...memberFk('member_tiers_member_fk'))
      .addForeignKeyConstraint('member_tiers_tier_fk', ['tenant_id', 'tier_id'], 'tier_levels', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('member_tiers_eval_idx').on('member_tiers').columns(['evaluate_on']).execute();

    await tenantTable(db, 'tier_metric_events')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('order_id', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('tier_metric_events_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...memberFk('tier_metric_events_member_fk'))
      .execute();
    await db.schema.createIndex('tier_metric_events_member_idx').on('tier_metric_events').columns(['tenant_id', 'member_id', 'metric', 'business_date']).execute();
    await makeAppendOnly(db, d, 'tier_metric_events');

    await tenantTable(db, 'tier_history')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('from_tier_id', 'text')
      .addColumn('to_tier_id', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('metric_value', 'bigint')
      .addColumn('actor_name', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('tier_history_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...memberFk('tier_history_member_fk'))
      .execute();
    await db.schema.createIndex('tier_history_member_idx').on('tier_history').columns(['tenant_id', 'member_id', 'id']).execute();

    // ---- orders ----
    await tenantTable(db, 'orders')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('order_no', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('list_total', 'bigint', (c) => c.notNull())
      .addColumn('tier_discount', 'bigint', (c) => c.notNull())
      .addColumn('coupon_discount', 'bigint', (c) => c.notNull())
      .addColumn('points_used', 'bigint', (c) => c.notNull())
      .addColumn('points_value', 'bigint', (c) => c.notNull())
      .addColumn('payable', 'bigint', (c) => c.notNull())
      .addColumn('change_given', 'bigint', (c) => c.notNull())
      .addColumn('spend_base', 'bigint', (c) => c.notNull())
      .addColumn('recharge_total', 'bigint', (c) => c.notNull())
      .addColumn('refunded_total', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('points_earned', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('points_earn_journal_id', 'text')
      .addColumn('pricing_json', t.json, (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('shift_id', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_by_name', 'text')
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('orders_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('orders_no_uq', ['tenant_id', 'order_no'])
      .addForeignKeyConstraint('orders_store_fk', ['tenant_id', 'store_id'], 'stores', ['tenant_id', 'id'])
      .addForeignKeyConstraint(...memberFk('orders_member_fk'))
      .addCheckConstraint('orders_amounts_ck', sql`payable >= 0 and refunded_total >= 0 and refunded_total <= payable + points_value`)
      .execute();
    await db.schema.createIndex('orders_member_idx').on('orders').columns(['tenant_id', 'member_id', 'id']).execute();
    await db.schema.createIndex('orders_store_day_idx').on('orders').columns(['tenant_id', 'store_id', 'business_date']).execute();

    await tenantTable(db, 'order_lines')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('line_no', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('unit_price', 'bigint', (c) => c.notNull())
      .addColumn('list_total', 'bigint', (c) => c.notNull())
      .addColumn('tier_discount', 'bigint', (c) => c.notNull())
      .addColumn('coupon_discount', 'bigint', (c) => c.notNull())
      .addColumn('points_discount', 'bigint', (c) => c.notNull())
      .addColumn('net_total', 'bigint', (c) => c.notNull())
      .addColumn('is_spend', t.bool, (c) => c.notNull())
      .addColumn('refunded_quantity', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('refunded_amount', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('meta_json', t.json, (c) => c.notNull())
      .addPrimaryKeyConstraint('order_lines_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('order_lines_order_fk', ['tenant_id', 'order_id'], 'orders', ['tenant_id', 'id'])
      .addCheckConstraint('order_lines_refund_ck', sql`quantity > 0 and refunded_quantity <= quantity and refunded_amount <= net_total + points_discount`)
      .execute();
    await db.schema.createIndex('order_lines_order_idx').on('order_lines').columns(['tenant_id', 'order_id']).execute();

    await tenantTable(db, 'order_tenders')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('tendered', 'bigint')
      .addColumn('change_given', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('reference', 'text')
      .addColumn('points', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('journal_id', 'text')
      .addColumn('refunded_amount', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('order_tenders_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('order_tenders_order_fk', ['tenant_id', 'order_id'], 'orders', ['tenant_id', 'id'])
      .addCheckConstraint('order_tenders_amount_ck', sql`amount > 0 and refunded_amount <= amount`)
      .execute();
    await db.schema.createIndex('order_tenders_order_idx').on('order_tenders').columns(['tenant_id', 'order_id']).execute();

    await tenantTable(db, 'order_line_payments')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('line_id', 'text', (c) => c.notNull())
      .addColumn('tender_id', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('refunded_amount', 'bigint', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('order_line_payments_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('order_line_payments_line_fk', ['tenant_id', 'line_id'], 'order_lines', ['tenant_id', 'id'])
      .addForeignKeyConstraint('order_line_payments_tender_fk', ['tenant_id', 'tender_id'], 'order_tenders', ['tenant_id', 'id'])
      .addCheckConstraint('order_line_payments_ck', sql`amount > 0 and refunded_amount <= amount`)
      .execute();
    await db.schema.createIndex('order_line_payments_order_idx').on('order_line_payments').columns(['tenant_id', 'order_id']).execute();

    await tenantTable(db, 'order_refunds')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('refund_no', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text')
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text')
      .addColumn('total', 'bigint', (c) => c.notNull())
      .addColumn('money_total', 'bigint', (c) => c.notNull())
      .addColumn('stored_value_total', 'bigint', (c) => c.notNull())
      .addColumn('points_returned', 'bigint', (c) => c.notNull())
      .addColumn('points_clawed_back', 'bigint', (c) => c.notNull())
      .addColumn('points_shortfall_deduction', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('quote_json', t.json, (c) => c.notNull())
      .addColumn('shift_id', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_by_name', 'text')
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('order_refunds_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('order_refunds_no_uq', ['tenant_id', 'refund_no'])
      .addForeignKeyConstraint('order_refunds_order_fk', ['tenant_id', 'order_id'], 'orders', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('order_refunds_order_idx').on('order_refunds').columns(['tenant_id', 'order_id']).execute();
    await db.schema.createIndex('order_refunds_store_day_idx').on('order_refunds').columns(['tenant_id', 'store_id', 'business_date']).execute();

    await tenantTable(db, 'order_refund_payments')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('refund_id', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text')
      .addColumn('tender_id', 'text')
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('points', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('journal_id', 'text')
      .addPrimaryKeyConstraint('order_refund_payments_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('order_refund_payments_refund_fk', ['tenant_id', 'refund_id'], 'order_refunds', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('order_refund_payments_refund_idx').on('order_refund_payments').columns(['tenant_id', 'refund_id']).execute();

    await tenantTable(db, 'order_counters')
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addColumn('business_date', t.date, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('last_no', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('order_counters_pk', ['tenant_id', 'store_id', 'business_date', 'kind'])
      .execute();
  },
};
