import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../../db/database';
import type { Dialect } from '../../../db/dialect';
import type { DB, ImportStatus, MemberImportErrorsTable, MemberImportJobsTable, MemberImportMappingsTable } from '../../../db/schema';
import { bulkInsert, chunk } from '../member.repo';

export type ImportJobRow = Selectable<MemberImportJobsTable>;
export type ImportMappingRow = Selectable<MemberImportMappingsTable>;

/**
 * The import's bulk insert: rows as value arrays in `columns` order.
 * - SQLite: multi-row INSERTs of `sqliteRows` rows with reused prepared statements (the rest
 *   in power-of-two pieces).
 * - PostgreSQL: `dialect.insertUnnest` — one parameter per column instead of one per cell, so
 *   PostgreSQL parses and plans a statement of a few dozen parameters instead of a
 *   6,000-parameter VALUES list for every chunk (the server, not Node, was the bottleneck).
 */
export async function insertRows<T extends keyof DB & string>(db: Executor, dialect: Dialect, table: T, columns: readonly (keyof DB[T] & string)[], rows: unknown[][], sqliteRows: number): Promise<void> {
  if (!rows.length) return;
  if (!dialect.isPostgres) {
    // Full chunks, then the rest in power-of-two pieces: a handful of statement shapes per table
    // (each compiled and prepared once), not a new one for every batch's remainder.
    const full = rows.length - (rows.length % sqliteRows);
    if (full) await bulkInsert(db, table, columns, full === rows.length ? rows : rows.slice(0, full), sqliteRows);
    let i = full;
    for (let piece = 1 << Math.floor(Math.log2(sqliteRows)); i < rows.length; piece >>= 1) {
      if (rows.length - i < piece) continue;
      await bulkInsert(db, table, columns, rows.slice(i, i + piece), piece);
      i += piece;
    }
    return;
  }
  await dialect.insertUnnest(db as never, table, columns, rows);
}

/**
 * PostgreSQL plans a foreign-key check (member_tags, member_custom_values, the ledger's rows →
 * members) once per connection, with the statistics it has then: on a members table that was
 * (nearly) empty that is a sequential scan, which an import then runs for every tag row over a
 * table it keeps growing (seconds per 1,000 rows, measured). When the import at least doubles
 * the table, ANALYZE it once its first rows are in: inside the transaction it counts them, and
 * it invalidates the cached plans. It holds SHARE UPDATE EXCLUSIVE on the table until commit
 * (VACUUM, another ANALYZE or an index build wait; reads and writes do not). SQLite: nothing
 * (see dialect.analyzeIfFewerThan).
 */
export async function refreshStatsIfStale(db: Executor, dialect: Dialect, table: 'members', adding: number): Promise<void> {
  await dialect.analyzeIfFewerThan(db as never, table, adding);
}

export const importRepo = {
  insertJob: (db: Executor, row: Insertable<MemberImportJobsTable>) => db.insertInto('member_import_jobs').values(row).execute(),
  job: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('member_import_jobs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  jobs: (db: Executor, tenantId: string, beforeId: string | undefined, limit: number) => {
    let q = db.selectFrom('member_import_jobs').selectAll().where('tenant_id', '=', tenantId);
    if (beforeId) q = q.where('id', '<', beforeId);
    return q.orderBy('id', 'desc').limit(limit + 1).execute();
  },
  updateJob: (db: Executor, tenantId: string, id: string, patch: Updateable<MemberImportJobsTable>) =>
    db.updateTable('member_import_jobs').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  /** Move a job from one status to another; false when someone else moved it first. */
  transition: async (db: Executor, tenantId: string, id: string, from: ImportStatus[], patch: Updateable<MemberImportJobsTable>) => {
    const r = await db.updateTable('member_import_jobs').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
    return Number(r.numUpdatedRows ?? 0n) === 1;
  },
  isCancelRequested: async (db: Executor, tenantId: string, id: string) =>
    (await db.selectFrom('member_import_jobs').select('is_cancel_requested').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst())?.is_cancel_requested ?? true,

  putFile: (db: Executor, tenantId: string, jobId: string, content: Buffer) => db.insertInto('member_import_files').values({ tenant_id: tenantId, job_id: jobId, content }).execute(),
  file: async (db: Executor, tenantId: string, jobId: string) =>
    (await db.selectFrom('member_import_files').select('content').where('tenant_id', '=', tenantId).where('job_id', '=', jobId).executeTakeFirst())?.content,
  deleteFile: (db: Executor, tenantId: string, jobId: string) => db.deleteFrom('member_import_files').where('tenant_id', '=', tenantId).where('job_id', '=', jobId).execute(),

  replaceErrors: async (db: Executor, tenantId: string, jobId: string, rows: Omit<Insertable<MemberImportErrorsTable>, 'tenant_id' | 'job_id'>[]) => {
    await db.deleteFrom('member_import_errors').where('tenant_id', '=', tenantId).where('job_id', '=', jobId).execute();
    for (const part of chunk(rows, 1000)) {
      await db
        .insertInto('member_import_errors')
        .values(part.map((r) => ({ ...r, tenant_id: tenantId, job_id: jobId })))
        .execute();
    }
  },
  errors: (db: Executor, tenantId: string, jobId: string, afterSeq: number, limit: number) =>
    db
      .selectFrom('member_import_errors')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('job_id', '=', jobId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute(),

  mappings: (db: Executor, tenantId: string) => db.selectFrom('member_import_mappings').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute(),
  mapping: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('member_import_mappings').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  mappingByName: (db: Executor, tenantId: string, name: string) =>
    db.selectFrom('member_import_mappings').selectAll().where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst(),
  insertMapping: (db: Executor, row: Insertable<MemberImportMappingsTable>) => db.insertInto('member_import_mappings').values(row).execute(),
  updateMapping: (db: Executor, tenantId: string, id: string, patch: Updateable<MemberImportMappingsTable>) =>
    db.updateTable('member_import_mappings').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  deleteMapping: (db: Executor, tenantId: string, id: string) =>
    db.deleteFrom('member_import_mappings').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
};
