import { sql } from 'kysely';
import type { Dialect } from '../dialect';
import { type Migration, type MigrationDb, makeAppendOnly, tenantTable } from './helpers';

export const m0001_foundation: Migration = {
  async up(db: MigrationDb, d: Dialect) {
    const t = d.types;

    await db.schema
      .createTable('tenants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
      .addColumn('currency', 'text', (c) => c.notNull().defaultTo('CNY'))
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
      .addColumn('settings_json', t.json, (c) => c.notNull().defaultTo('{}'))
      .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();

    await tenantTable(db, 'regions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('regions_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('regions_name_uq', ['tenant_id', 'name'])
      .execute();

    await tenantTable(db, 'stores')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('region_id', 'text')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('phone', 'text')
      .addColumn('business_hours', 'text')
      .addColumn('is_active', t.bool, (c) => c.notNull().defaultTo(true))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('stores_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('stores_code_uq', ['tenant_id', 'code'])
      .addUniqueConstraint('stores_name_uq', ['tenant_id', 'name'])
      .addForeignKeyConstraint('stores_region_fk', ['tenant_id', 'region_id'], 'regions', ['tenant_id', 'id'])
      .execute();

    await tenantTable(db, 'roles')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('builtin_key', 'text')
      .addColumn('description', 'text')
      .addColumn('permissions_json', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('roles_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('roles_name_uq', ['tenant_id', 'name'])
      .addUniqueConstraint('roles_builtin_uq', ['tenant_id', 'builtin_key'])
      .execute();

    await tenantTable(db, 'staff')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('login', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('mobile', 'text')
      .addColumn('email', 'text')
      .addColumn('locale', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('is_password_temporary', t.bool, (c) => c.notNull().defaultTo(false))
      .addColumn('failed_login_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', t.timestamp)
      .addColumn('scope_type', 'text', (c) => c.notNull().defaultTo('stores'))
      .addColumn('scope_region_id', 'text')
      .addColumn('last_login_at', t.timestamp)
      .addColumn('password_changed_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('staff_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('staff_login_uq', ['tenant_id', 'login'])
      .addForeignKeyConstraint('staff_region_fk', ['tenant_id', 'scope_region_id'], 'regions', ['tenant_id', 'id'])
      .addCheckConstraint('staff_scope_ck', sql`scope_type in ('all', 'region', 'stores')`)
      .addCheckConstraint('staff_status_ck', sql`status in ('active', 'disabled')`)
      .execute();

    await tenantTable(db, 'staff_roles')
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('role_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('staff_roles_pk', ['tenant_id', 'staff_id', 'role_id'])
      .addForeignKeyConstraint('staff_roles_staff_fk', ['tenant_id', 'staff_id'], 'staff', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
      .addForeignKeyConstraint('staff_roles_role_fk', ['tenant_id', 'role_id'], 'roles', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('staff_roles_role_idx').on('staff_roles').columns(['tenant_id', 'role_id']).execute();

    await tenantTable(db, 'staff_stores')
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('staff_stores_pk', ['tenant_id', 'staff_id', 'store_id'])
      .addForeignKeyConstraint('staff_stores_staff_fk', ['tenant_id', 'staff_id'], 'staff', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
      .addForeignKeyConstraint('staff_stores_store_fk', ['tenant_id', 'store_id'], 'stores', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('staff_stores_store_idx').on('staff_stores').columns(['tenant_id', 'store_id']).execute();

    await tenantTable(db, 'staff_sessions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('staff_id', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('revoked_at', t.timestamp)
      .addPrimaryKeyConstraint('staff_sessions_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('staff_sessions_token_uq', ['tenant_id', 'token_hash'])
      .addForeignKeyConstraint('staff_sessions_staff_fk', ['tenant_id', 'staff_id'], 'staff', ['tenant_id', 'id'], (c) => c.onDelete('cascade'))
      .execute();
    await db.schema.createIndex('staff_sessions_staff_idx').on('staff_sessions').columns(['tenant_id', 'staff_id']).execute();

    await tenantTable(db, 'api_keys')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('permissions_json', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('scope_type', 'text', (c) => c.notNull().defaultTo('all'))
      .addColumn('scope_region_id', 'text')
      .addColumn('scope_store_ids_json', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp)
      .addColumn('last_used_at', t.timestamp)
      .addColumn('revoked_at', t.timestamp)
      .addPrimaryKeyConstraint('api_keys_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('api_keys_region_fk', ['tenant_id', 'scope_region_id'], 'regions', ['tenant_id', 'id'])
      .execute();

    await tenantTable(db, 'audit_logs')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('store_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('before_json', t.json)
      .addColumn('after_json', t.json)
      .addColumn('request_id', 'text')
      .addColumn('ip', 'text')
      .addPrimaryKeyConstraint('audit_logs_pk', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('audit_logs_entity_idx').on('audit_logs').columns(['tenant_id', 'entity_type', 'entity_id']).execute();
    await db.schema.createIndex('audit_logs_actor_idx').on('audit_logs').columns(['tenant_id', 'actor_id']).execute();
    await db.schema.createIndex('audit_logs_request_idx').on('audit_logs').columns(['tenant_id', 'request_id']).execute();
    await makeAppendOnly(db, d, 'audit_logs');

    await tenantTable(db, 'idempotency_keys')
      .addColumn('idem_key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('response_status', 'integer')
      .addColumn('response_body_json', t.json)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'idem_key'])
      .execute();
    await db.schema.createIndex('idempotency_keys_expiry_idx').on('idempotency_keys').columns(['expires_at']).execute();

    await tenantTable(db, 'outbox_events')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('payload_json', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('available_at', t.timestamp, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('locked_by', 'text')
      .addColumn('locked_until', t.timestamp)
      .addColumn('delivered_at', t.timestamp)
      .addPrimaryKeyConstraint('outbox_events_pk', ['tenant_id', 'id'])
      .execute();
    await db.schema
      .createIndex('outbox_events_pending_idx')
      .on('outbox_events')
      .columns(['available_at'])
      .where(sql.ref('delivered_at'), 'is', null)
      .execute();

    await db.schema
      .createTable('job_leases')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text')
      .addColumn('lease_until', t.timestamp)
      .addColumn('last_run_at', t.timestamp)
      .addColumn('last_result', 'text')
      .execute();
  },
};
