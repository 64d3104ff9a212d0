import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type MigrationDb = Kysely<any>;

export interface Migration {
  up(db: MigrationDb, d: Dialect): Promise<void>;
}

/**
 * Start a tenant-owned table: `tenant_id` first, referencing tenants, ready for a composite
 * primary key that includes it. Citus distributes such tables by tenant_id.
 */
export function tenantTable(db: MigrationDb, name: string): CreateTableBuilder<string, 'tenant_id'> {
  return db.schema.createTable(name).addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'));
}

/** PostgreSQL refuses UPDATE and DELETE on an append-only table, whatever the code does. */
export async function makeAppendOnly(db: MigrationDb, d: Dialect, table: string): Promise<void> {
  if (d.isPostgres) {
    await sql
      .raw(
        `create or replace function tessera_refuse_change() returns trigger language plpgsql as $$
         begin raise exception 'table % is append-only', tg_table_name using errcode = 'P0001'; end $$`,
      )
      .execute(db);
    await sql.raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function tessera_refuse_change()`).execute(db);
  } else {
    await sql.raw(`create trigger ${table}_no_update before update on ${table} begin select raise(abort, 'table ${table} is append-only'); end`).execute(db);
    await sql.raw(`create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, 'table ${table} is append-only'); end`).execute(db);
  }
}
