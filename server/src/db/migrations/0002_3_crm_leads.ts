import { sql } from 'kysely';
import type { Dialect } from '../dialect';
import { type Migration, type MigrationDb, tenantTable } from './helpers';

/** CRM interactions and important dates; the lead pipeline with its history. */
export const m0002_3_crm_leads: Migration = {
  async up(db: MigrationDb, d: Dialect) {
    const t = d.types;

    await tenantTable(db, 'member_interactions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text')
      .addColumn('subject', 'text')
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('channel', 'text')
      .addColumn('owner_staff_id', 'text')
      .addColumn('resolution', 'text')
      .addColumn('follow_up_date', t.date)
      .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
      .addColumn('resolved_at', t.timestamp)
      .addColumn('created_by', 'text')
      .addColumn('created_by_name', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('member_interactions_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('member_interactions_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
      .addForeignKeyConstraint('member_interactions_owner_fk', ['tenant_id', 'owner_staff_id'], 'staff', ['tenant_id', 'id'])
      .addForeignKeyConstraint('member_interactions_store_fk', ['tenant_id', 'store_id'], 'stores', ['tenant_id', 'id'])
      .addCheckConstraint('member_interactions_kind_ck', sql`kind in ('consultation', 'complaint', 'suggestion', 'visit')`)
      .addCheckConstraint('member_interactions_status_ck', sql`status is null or status in ('open', 'in_progress', 'resolved')`)
      .execute();
    await db.schema.createIndex('member_interactions_member_idx').on('member_interactions').columns(['tenant_id', 'member_id', 'occurred_at']).execute();
    await db.schema.createIndex('member_interactions_status_idx').on('member_interactions').columns(['tenant_id', 'status', 'follow_up_date']).execute();
    await db.schema.createIndex('member_interactions_follow_idx').on('member_interactions').columns(['tenant_id', 'follow_up_date']).execute();

    await tenantTable(db, 'member_important_dates')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('event_date', t.date, (c) => c.notNull())
      .addColumn('event_md', 'text', (c) => c.notNull())
      .addColumn('is_recurring', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('member_important_dates_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('member_important_dates_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
      .addCheckConstraint('member_important_dates_kind_ck', sql`kind in ('anniversary', 'custom')`)
      .execute();
    await db.schema.createIndex('member_important_dates_md_idx').on('member_important_dates').columns(['tenant_id', 'event_md']).execute();
    await db.schema.createIndex('member_important_dates_member_idx').on('member_important_dates').columns(['tenant_id', 'member_id']).execute();

    await tenantTable(db, 'leads')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('mobile', 'text')
      .addColumn('gender', 'text')
      .addColumn('child_name', 'text')
      .addColumn('child_birthday', t.date)
      .addColumn('interest', 'text')
      .addColumn('notes', 'text')
      .addColumn('source_channel', 'text')
      .addColumn('store_id', 'text')
      .addColumn('owner_staff_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('lost_reason', 'text')
      .addColumn('next_follow_up_date', t.date)
      .addColumn('trial_at', t.timestamp)
      .addColumn('last_contacted_at', t.timestamp)
      .addColumn('converted_member_id', 'text')
      .addColumn('converted_at', t.timestamp)
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('erased_at', t.timestamp)
      .addPrimaryKeyConstraint('leads_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('leads_store_fk', ['tenant_id', 'store_id'], 'stores', ['tenant_id', 'id'])
      .addForeignKeyConstraint('leads_owner_fk', ['tenant_id', 'owner_staff_id'], 'staff', ['tenant_id', 'id'])
      .addForeignKeyConstraint('leads_member_fk', ['tenant_id', 'converted_member_id'], 'members', ['tenant_id', 'id'])
      .addCheckConstraint('leads_status_ck', sql`status in ('enquiry', 'contacted', 'trial_booked', 'trial_attended', 'converted', 'lost')`)
      .execute();
    await db.schema.createIndex('leads_status_idx').on('leads').columns(['tenant_id', 'status', 'id']).execute();
    await db.schema.createIndex('leads_source_idx').on('leads').columns(['tenant_id', 'source_channel']).execute();
    await db.schema.createIndex('leads_mobile_idx').on('leads').columns(['tenant_id', 'mobile']).execute();
    await db.schema.createIndex('leads_follow_idx').on('leads').columns(['tenant_id', 'next_follow_up_date']).execute();
    await db.schema.createIndex('leads_member_idx').on('leads').columns(['tenant_id', 'converted_member_id']).execute();

    await tenantTable(db, 'lead_events')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('lead_id', 'text', (c) => c.notNull())
      .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text')
      .addColumn('note', 'text')
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addPrimaryKeyConstraint('lead_events_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('lead_events_lead_fk', ['tenant_id', 'lead_id'], 'leads', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('lead_events_lead_idx').on('lead_events').columns(['tenant_id', 'lead_id', 'occurred_at']).execute();
  },
};
