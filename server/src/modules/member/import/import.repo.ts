import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../../db/database';
import type { ImportStatus, MemberImportErrorsTable, MemberImportJobsTable, MemberImportMappingsTable } from '../../../db/schema';
import { chunk } from '../member.repo';

export type ImportJobRow = Selectable<MemberImportJobsTable>;
export type ImportMappingRow = Selectable<MemberImportMappingsTable>;

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
