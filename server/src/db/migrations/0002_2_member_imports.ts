import { sql } from 'kysely';
import type { Dialect } from '../dialect';
import { type Migration, type MigrationDb, tenantTable } from './helpers';

/**
 * Member import jobs: the uploaded file (kept in the database so any process behind a load
 * balancer can validate and apply it), per-row errors, and saved column mappings.
 */
export const m0002_2_member_imports: Migration = {
  async up(db: MigrationDb, d: Dialect) {
    const t = d.types;

    await tenantTable(db, 'member_import_jobs')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('file_format', 'text', (c) => c.notNull())
      .addColumn('encoding', 'text')
      .addColumn('file_size', 'integer', (c) => c.notNull())
      .addColumn('headers_json', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('mapping_json', t.json)
      .addColumn('dedupe', 'text', (c) => c.notNull().defaultTo('skip'))
      .addColumn('default_store_id', 'text')
      .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('valid_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('inserted_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('skipped_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('warnings_json', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('failure_code', 'text')
      .addColumn('failure_params_json', t.json)
      .addColumn('is_cancel_requested', t.bool, (c) => c.notNull().defaultTo(false))
      .addColumn('is_dry_run_done', t.bool, (c) => c.notNull().defaultTo(false))
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('heartbeat_at', t.timestamp)
      .addColumn('finished_at', t.timestamp)
      .addPrimaryKeyConstraint('member_import_jobs_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('member_import_jobs_store_fk', ['tenant_id', 'default_store_id'], 'stores', ['tenant_id', 'id'])
      .addCheckConstraint(
        'member_import_jobs_status_ck',
        sql`status in ('uploaded', 'validating', 'validated', 'applying', 'succeeded', 'failed', 'cancelled')`,
      )
      .execute();
    await db.schema.createIndex('member_import_jobs_created_idx').on('member_import_jobs').columns(['tenant_id', 'created_at']).execute();

    await tenantTable(db, 'member_import_files')
      .addColumn('job_id', 'text', (c) => c.notNull())
      .addColumn('content', t.blob, (c) => c.notNull())
      .addPrimaryKeyConstraint('member_import_files_pk', ['tenant_id', 'job_id'])
      .addForeignKeyConstraint('member_import_files_job_fk', ['tenant_id', 'job_id'], 'member_import_jobs', ['tenant_id', 'id'])
      .execute();

    await tenantTable(db, 'member_import_errors')
      .addColumn('job_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('row_no', 'integer', (c) => c.notNull())
      .addColumn('column_name', 'text')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('params_json', t.json)
      .addPrimaryKeyConstraint('member_import_errors_pk', ['tenant_id', 'job_id', 'seq'])
      .addForeignKeyConstraint('member_import_errors_job_fk', ['tenant_id', 'job_id'], 'member_import_jobs', ['tenant_id', 'id'])
      .execute();

    await tenantTable(db, 'member_import_mappings')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('mapping_json', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('member_import_mappings_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('member_import_mappings_name_uq', ['tenant_id', 'name'])
      .execute();
  },
};
