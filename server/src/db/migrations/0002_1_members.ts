import { sql } from 'kysely';
import type { Dialect } from '../dialect';
import { type Migration, type MigrationDb, tenantTable } from './helpers';

/**
 * Members: profiles, tags, search terms, custom fields, photos, encrypted sensitive data,
 * consents, family, the member timeline. Search stays an index lookup at 1M members: every
 * lookup key (member number, card number, mobile, mobile tail, name/pinyin terms) is indexed
 * with tenant_id first.
 */
export const m0002_1_members: Migration = {
  async up(db: MigrationDb, d: Dialect) {
    const t = d.types;

    await tenantTable(db, 'member_settings')
      .addColumn('number_prefix', 'text', (c) => c.notNull().defaultTo('M'))
      .addColumn('number_width', 'integer', (c) => c.notNull().defaultTo(6))
      .addColumn('next_number', t.bigint, (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('member_settings_pk', ['tenant_id'])
      .execute();

    await tenantTable(db, 'consent_texts')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('consent_texts_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('consent_texts_version_uq', ['tenant_id', 'kind', 'version'])
      .addCheckConstraint('consent_texts_kind_ck', sql`kind in ('sensitive', 'child')`)
      .execute();

    await tenantTable(db, 'members')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_no', d.bytewiseText, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_pinyin', 'text', (c) => c.notNull())
      .addColumn('name_initials', 'text', (c) => c.notNull())
      .addColumn('gender', 'text')
      .addColumn('birthday', t.date)
      .addColumn('birthday_calendar', 'text', (c) => c.notNull().defaultTo('solar'))
      .addColumn('birth_md', 'text')
      .addColumn('lunar_md', 'text')
      .addColumn('mobile', d.bytewiseText)
      .addColumn('mobile_last4', 'text')
      .addColumn('email', 'text')
      .addColumn('address', 'text')
      .addColumn('card_no', d.bytewiseText)
      .addColumn('home_store_id', 'text', (c) => c.notNull())
      .addColumn('source_channel', 'text')
      .addColumn('referrer_member_id', 'text')
      .addColumn('referrer_name', 'text')
      .addColumn('interests_json', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('goals', 'text')
      .addColumn('notes', 'text')
      .addColumn('emergency_name', 'text')
      .addColumn('emergency_relation', 'text')
      .addColumn('emergency_mobile', 'text')
      .addColumn('has_photo', t.bool, (c) => c.notNull().defaultTo(false))
      .addColumn('origin', 'text', (c) => c.notNull().defaultTo('desk'))
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('erased_at', t.timestamp)
      .addPrimaryKeyConstraint('members_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('members_no_uq', ['tenant_id', 'member_no'])
      .addForeignKeyConstraint('members_store_fk', ['tenant_id', 'home_store_id'], 'stores', ['tenant_id', 'id'])
      .addForeignKeyConstraint('members_referrer_fk', ['tenant_id', 'referrer_member_id'], 'members', ['tenant_id', 'id'])
      .addCheckConstraint('members_gender_ck', sql`gender is null or gender in ('male', 'female', 'unknown')`)
      .addCheckConstraint('members_calendar_ck', sql`birthday_calendar in ('solar', 'lunar')`)
      .execute();
    // A mobile belongs to one member at a time; erased members release theirs.
    await db.schema.createIndex('members_mobile_uq').on('members').columns(['tenant_id', 'mobile']).unique().where(sql.ref('erased_at'), 'is', null).execute();
    await db.schema
      .createIndex('members_card_uq')
      .on('members')
      .columns(['tenant_id', 'card_no'])
      .unique()
      .where(sql<boolean>`card_no is not null and erased_at is null`)
      .execute();
    // id last: the tail lookup orders by id, so the index alone serves it (no scan of the primary key in id order).
    await db.schema.createIndex('members_last4_idx').on('members').columns(['tenant_id', 'mobile_last4', 'id']).execute();
    await db.schema.createIndex('members_store_idx').on('members').columns(['tenant_id', 'home_store_id', 'id']).execute();
    await db.schema.createIndex('members_birth_md_idx').on('members').columns(['tenant_id', 'birth_md']).execute();
    await db.schema.createIndex('members_lunar_md_idx').on('members').columns(['tenant_id', 'lunar_md']).where(sql.ref('lunar_md'), 'is not', null).execute();
    await db.schema.createIndex('members_source_idx').on('members').columns(['tenant_id', 'source_channel']).execute();
    await db.schema.createIndex('members_created_idx').on('members').columns(['tenant_id', 'created_at']).execute();

    await d
      .clustered(
        tenantTable(db, 'member_tags')
          .addColumn('member_id', 'text', (c) => c.notNull())
          .addColumn('tag', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('member_tags_pk', ['tenant_id', 'member_id', 'tag'])
          .addForeignKeyConstraint('member_tags_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id']),
      )
      .execute();
    await db.schema.createIndex('member_tags_tag_idx').on('member_tags').columns(['tenant_id', 'tag', 'member_id']).execute();

    // No foreign key: the table is rebuilt with its member and checked by the repo; a key per
    // row would double the cost of writing ~8 terms per member on import.
    await d
      .clustered(
        tenantTable(db, 'member_search_terms')
          .addColumn('term', d.bytewiseText, (c) => c.notNull())
          .addColumn('member_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('member_search_terms_pk', ['tenant_id', 'term', 'member_id']),
      )
      .execute();
    await db.schema.createIndex('member_search_terms_member_idx').on('member_search_terms').columns(['tenant_id', 'member_id']).execute();

    await tenantTable(db, 'member_custom_fields')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('field_key', 'text', (c) => c.notNull())
      .addColumn('label_zh', 'text', (c) => c.notNull())
      .addColumn('label_en', 'text', (c) => c.notNull())
      .addColumn('field_type', 'text', (c) => c.notNull())
      .addColumn('options_json', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('is_required', t.bool, (c) => c.notNull().defaultTo(false))
      .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('member_custom_fields_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('member_custom_fields_key_uq', ['tenant_id', 'field_key'])
      .addCheckConstraint('member_custom_fields_type_ck', sql`field_type in ('text', 'number', 'date', 'choice')`)
      .execute();

    await tenantTable(db, 'member_custom_values')
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('field_id', 'text', (c) => c.notNull())
      .addColumn('value_text', 'text')
      .addColumn('value_number', t.double)
      .addColumn('value_date', t.date)
      .addPrimaryKeyConstraint('member_custom_values_pk', ['tenant_id', 'member_id', 'field_id'])
      .addForeignKeyConstraint('member_custom_values_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
      .addForeignKeyConstraint('member_custom_values_field_fk', ['tenant_id', 'field_id'], 'member_custom_fields', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('member_custom_values_text_idx').on('member_custom_values').columns(['tenant_id', 'field_id', 'value_text']).execute();
    await db.schema.createIndex('member_custom_values_number_idx').on('member_custom_values').columns(['tenant_id', 'field_id', 'value_number']).execute();
    await db.schema.createIndex('member_custom_values_date_idx').on('member_custom_values').columns(['tenant_id', 'field_id', 'value_date']).execute();

    await tenantTable(db, 'member_photos')
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('content', t.blob, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('member_photos_pk', ['tenant_id', 'member_id'])
      .addForeignKeyConstraint('member_photos_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
      .execute();

    await tenantTable(db, 'member_sensitive')
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('id_type', 'text')
      .addColumn('id_number_enc', 'text')
      .addColumn('health_enc', 'text')
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addPrimaryKeyConstraint('member_sensitive_pk', ['tenant_id', 'member_id'])
      .addForeignKeyConstraint('member_sensitive_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
      .execute();

    await tenantTable(db, 'member_dependents')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('gender', 'text')
      .addColumn('birthday', t.date, (c) => c.notNull())
      .addColumn('birth_md', 'text', (c) => c.notNull())
      .addColumn('allergies', 'text')
      .addColumn('special_needs', 'text')
      .addColumn('school', 'text')
      .addColumn('class_name', 'text')
      .addColumn('notes', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('erased_at', t.timestamp)
      .addPrimaryKeyConstraint('member_dependents_pk', ['tenant_id', 'id'])
      .addCheckConstraint('member_dependents_gender_ck', sql`gender is null or gender in ('male', 'female', 'unknown')`)
      .execute();
    await db.schema.createIndex('member_dependents_birth_md_idx').on('member_dependents').columns(['tenant_id', 'birth_md']).execute();

    await tenantTable(db, 'member_guardianships')
      .addColumn('dependent_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('relation', 'text', (c) => c.notNull())
      .addColumn('is_primary', t.bool, (c) => c.notNull().defaultTo(false))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('member_guardianships_pk', ['tenant_id', 'dependent_id', 'member_id'])
      .addForeignKeyConstraint('member_guardianships_dependent_fk', ['tenant_id', 'dependent_id'], 'member_dependents', ['tenant_id', 'id'])
      .addForeignKeyConstraint('member_guardianships_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('member_guardianships_member_idx').on('member_guardianships').columns(['tenant_id', 'member_id']).execute();

    await tenantTable(db, 'dependent_contacts')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('dependent_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('relation', 'text')
      .addColumn('mobile', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('dependent_contacts_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('dependent_contacts_dependent_fk', ['tenant_id', 'dependent_id'], 'member_dependents', ['tenant_id', 'id'])
      .addCheckConstraint('dependent_contacts_kind_ck', sql`kind in ('pickup', 'emergency')`)
      .execute();
    await db.schema.createIndex('dependent_contacts_dependent_idx').on('dependent_contacts').columns(['tenant_id', 'dependent_id']).execute();

    await tenantTable(db, 'member_consents')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('dependent_id', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text_id', 'text', (c) => c.notNull())
      .addColumn('granted_by_name', 'text', (c) => c.notNull())
      .addColumn('granted_by_relation', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('granted_at', t.timestamp, (c) => c.notNull())
      .addColumn('recorded_by', 'text')
      .addColumn('withdrawn_at', t.timestamp)
      .addColumn('withdrawn_by', 'text')
      .addPrimaryKeyConstraint('member_consents_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('member_consents_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
      .addForeignKeyConstraint('member_consents_dependent_fk', ['tenant_id', 'dependent_id'], 'member_dependents', ['tenant_id', 'id'])
      .addForeignKeyConstraint('member_consents_text_fk', ['tenant_id', 'text_id'], 'consent_texts', ['tenant_id', 'id'])
      .addCheckConstraint('member_consents_kind_ck', sql`kind in ('sensitive', 'child')`)
      .execute();
    await db.schema.createIndex('member_consents_member_idx').on('member_consents').columns(['tenant_id', 'member_id']).execute();

    await tenantTable(db, 'member_timeline')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ref_type', 'text')
      .addColumn('ref_id', 'text')
      .addColumn('summary_json', t.json, (c) => c.notNull().defaultTo('{}'))
      .addColumn('actor_name', 'text')
      .addColumn('store_id', 'text')
      .addPrimaryKeyConstraint('member_timeline_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('member_timeline_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('member_timeline_member_idx').on('member_timeline').columns(['tenant_id', 'member_id', 'occurred_at', 'id']).execute();
  },
};
