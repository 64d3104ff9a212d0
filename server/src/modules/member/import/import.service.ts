import { type Executor, inTransaction } from '../../../db/database';
import { toJson } from '../../../db/dialect';
import type { ImportStatus } from '../../../db/schema';
import { type Ctx, canAccessStore, hasPermission, requirePermission } from '../../../shared/context';
import { AppError } from '../../../shared/errors';
import { ID_PREFIXES, newId } from '../../../shared/ids';
import { interpolate } from '../../../shared/i18n';
import { decodeCursor, encodeCursor, type Page } from '../../../shared/pagination';
import { csvLine } from '../export.service';
import { MemberErrors } from '../member.errors';
import type { MemberKit } from '../member.kit';
import { customRepo } from '../member.repo';
import { type ImportJobRow, importRepo } from './import.repo';
import { type OpenTable, openTable, scanTable } from './import.parse';
import { Cancelled, type ImportProgress, activeCustomDefs, applyImport, counts, errorRecords, rowContext, scan } from './import.pipeline';
import { type MappingProblem, ROW_MESSAGES, type RowError, checkMapping, suggestMapping } from './import.rules';

export type { ImportProgress } from './import.pipeline';

/** A running job without a heartbeat for this long was lost with its process. */
const STALE_MS = 10 * 60_000;

/**
 * Member import: upload (CSV/XLSX, any encoding Chinese Excel writes) → column mapping →
 * dry run with per-row errors → apply in the background, all-or-nothing.
 * - The dry run and the apply each read the file once, in batches of rows, so memory stays flat
 *   whatever the file's size; the apply checks each batch again and writes it at once (bulk
 *   inserts), all inside one transaction.
 * - The writes, the job's final status and its audit entry commit together in one transaction:
 *   a failure or a cancel rolls everything back, a crash leaves nothing behind.
 * - Dedupe by mobile: existing members are skipped or updated with the file's non-empty cells.
 * - Opening balances (stored value, bonus, points, sessions on a card) of NEW members land as
 *   ledger entries in the same transaction, through the handler the money modules register.
 */
export function createImportService(kit: MemberKit) {
  const { database, clock, audit, org } = kit;
  const db = database.db;
  const tasks = new Map<string, { promise: Promise<void>; progress: ImportProgress; cancel: boolean; tenantId: string; snapshot: ImportJobRow | null }>();

  function message(code: string, params: Record<string, unknown> | null | undefined, locale: 'zh-CN' | 'en'): string {
    const m = ROW_MESSAGES[code];
    if (m) return interpolate(m[locale], params ?? undefined);
    try {
      return new AppError(code, { params: params ?? undefined }).localizedMessage(locale);
    } catch {
      return code;
    }
  }

  function present(ctx: Ctx, j: ImportJobRow) {
    const task = tasks.get(j.id);
    const p = task?.progress;
    const running = j.status === 'validating' || j.status === 'applying';
    return {
      id: j.id,
      status: j.status,
      fileName: j.file_name,
      format: j.file_format,
      encoding: j.encoding,
      fileSize: j.file_size,
      headers: j.headers_json,
      mapping: j.mapping_json,
      dedupe: j.dedupe,
      defaultStoreId: j.default_store_id,
      isDryRunDone: j.is_dry_run_done,
      counts: {
        totalRows: j.total_rows,
        validRows: j.valid_rows,
        errorRows: j.error_rows,
        insert: j.inserted_count,
        update: j.updated_count,
        skip: j.skipped_count,
      },
      progress:
        running && p
          ? { ...p, percent: Math.min(99, Math.round((p.phase === 'reading' ? 0 : p.phase === 'checking' ? 10 : 40) + ((p.total ? p.processed / p.total : 0) * (p.phase === 'writing' ? 59 : p.phase === 'checking' ? 30 : 10)))) }
          : null,
      isCancelRequested: j.is_cancel_requested,
      warnings: j.warnings_json.map((w) => ({ code: w.code, message: message(w.code, w.params, ctx.locale) })),
      failure: j.failure_code ? { code: j.failure_code, message: message(j.failure_code, j.failure_params_json, ctx.locale) } : null,
      createdAt: j.created_at,
      updatedAt: j.updated_at,
      finishedAt: j.finished_at,
    };
  }
  type JobDto = ReturnType<typeof present>;

  async function loadJob(x: Executor, ctx: Ctx, jobId: string): Promise<ImportJobRow> {
    const j = await importRepo.job(x, ctx.tenantId, jobId);
    if (!j) throw MemberErrors.IMPORT_NOT_FOUND({ details: { jobId } });
    // A job whose process died mid-run: nothing was written (one transaction), say so.
    if ((j.status === 'validating' || j.status === 'applying') && !tasks.has(j.id) && Date.parse(j.heartbeat_at ?? j.updated_at) < clock.now().getTime() - STALE_MS) {
      const patch = { status: 'failed' as ImportStatus, failure_code: 'IMPORT_INTERRUPTED', failure_params_json: toJson({}), updated_at: clock.iso(), finished_at: clock.iso() };
      await importRepo.transition(db, ctx.tenantId, j.id, ['validating', 'applying'], patch);
      return { ...j, ...patch, failure_params_json: {} };
    }
    return j;
  }

  function stateError(ctx: Ctx, j: ImportJobRow, action: { 'zh-CN': string; en: string }) {
    return MemberErrors.IMPORT_STATE({ params: { status: j.status, action: action[ctx.locale] }, details: { status: j.status } });
  }

  function mappingError(problems: MappingProblem[]): AppError {
    const forbidden = problems.find((p) => p.kind === 'openingForbidden');
    if (forbidden && forbidden.kind === 'openingForbidden') {
      return MemberErrors.IMPORT_OPENING_BALANCE_FORBIDDEN({ params: { columns: forbidden.columns.join('、') }, details: { columns: forbidden.columns, permissions: forbidden.permissions } });
    }
    const reason = problems
      .map((p) =>
        p.kind === 'unknownColumn'
          ? `column “${p.column}” is not in the file`
          : p.kind === 'unknownField'
            ? `“${p.field}” is not a member field`
            : p.kind === 'duplicateField'
              ? `${p.field} is mapped twice`
              : p.kind === 'missingRequired'
                ? `${p.field} must be mapped`
                : '',
      )
      .join('; ');
    return MemberErrors.IMPORT_MAPPING_INVALID({ params: { reason }, details: problems });
  }

  async function storeErrors(ctx: Ctx, jobId: string, errors: RowError[]): Promise<void> {
    await inTransaction(database, (trx) => importRepo.replaceErrors(trx, ctx.tenantId, jobId, errorRecords(errors)));
  }

  /** Run a job step in the background; its outcome is written to the job row. */
  function start(ctx: Ctx, job: ImportJobRow, step: (progress: ImportProgress, isCancelled: () => boolean) => Promise<void>): void {
    const jobId = job.id;
    const progress: ImportProgress = { phase: 'reading', processed: 0, total: 0 };
    const entry = { progress, cancel: false, promise: Promise.resolve(), tenantId: ctx.tenantId, snapshot: job as ImportJobRow | null };
    const isCancelled = () => entry.cancel;
    entry.promise = (async () => {
      try {
        await step(progress, isCancelled);
      } catch (err) {
        const now = clock.iso();
        if (err instanceof Cancelled || entry.cancel) {
          await importRepo.transition(db, ctx.tenantId, jobId, ['validating', 'applying'], { status: 'cancelled', updated_at: now, finished_at: now });
          await importRepo.deleteFile(db, ctx.tenantId, jobId);
        } else {
          const code = err instanceof AppError ? err.code : database.dialect.isUniqueViolation(err) ? 'IMPORT_DATA_CHANGED' : 'INTERNAL';
          // No request is waiting for this answer: leave the cause where operators look.
          if (code === 'INTERNAL') console.error(`member import ${jobId} failed`, err);
          const params = err instanceof AppError ? (err.params ?? {}) : {};
          await importRepo.transition(db, ctx.tenantId, jobId, ['validating', 'applying'], {
            status: 'failed',
            failure_code: code,
            failure_params_json: toJson(params),
            updated_at: now,
            finished_at: now,
          });
        }
      } finally {
        tasks.delete(jobId);
      }
    })().catch(() => {
      // The job row could not be updated (database gone at shutdown): the job is reported stale later.
    });
    tasks.set(jobId, entry);
  }

  async function table(ctx: Ctx, jobId: string): Promise<OpenTable> {
    const content = await importRepo.file(db, ctx.tenantId, jobId);
    if (!content) throw MemberErrors.IMPORT_NOT_FOUND({ details: { jobId, file: 'gone' } });
    return openTable(Buffer.from(content));
  }

  /** The validation step (dry run): counts and row errors, nothing else changes. */
  async function runValidation(ctx: Ctx, jobId: string, progress: ImportProgress, isCancelled: () => boolean): Promise<void> {
    const j = await importRepo.job(db, ctx.tenantId, jobId);
    if (!j) return;
    const t = await table(ctx, jobId);
    progress.phase = 'checking';
    const a = await scan(db, kit, ctx, j, await rowContext(kit, ctx, j, t), t, { progress, isCancelled });
    if (isCancelled()) throw new Cancelled();
    await storeErrors(ctx, jobId, a.errors);
    await importRepo.transition(db, ctx.tenantId, jobId, ['validating'], {
      ...counts(a),
      status: 'validated',
      is_dry_run_done: true,
      updated_at: clock.iso(),
      heartbeat_at: clock.iso(),
    });
  }

  /**
   * The apply step: one pass over the file inside one transaction, checking and writing batch by
   * batch. Rows must come out as the dry run said (the route refuses a job with invalid rows
   * unless told to skip them); otherwise the database changed since and all of it rolls back.
   */
  async function runApply(ctx: Ctx, jobId: string, progress: ImportProgress, isCancelled: () => boolean): Promise<void> {
    const j = await importRepo.job(db, ctx.tenantId, jobId);
    if (!j) return;
    const t = await table(ctx, jobId);
    await applyImport(kit, ctx, j, await rowContext(kit, ctx, j, t), t, { progress, isCancelled });
  }

  return {
    async upload(ctx: Ctx, file: { filename: string; content: Buffer }) {
      requirePermission(ctx, 'member.import');
      const t = await scanTable(file.content);
      const defs = (await customRepo.fields(db, ctx.tenantId)).filter((d) => d.is_active);
      const saved = (await importRepo.mappings(db, ctx.tenantId)).find((m) => Object.keys(m.mapping_json).length && Object.keys(m.mapping_json).every((h) => t.headers.includes(h)));
      const suggested = saved?.mapping_json ?? suggestMapping(t.headers, defs.map((d) => ({ key: d.field_key, labelZh: d.label_zh, labelEn: d.label_en })));
      const warnings: { code: string; params: Record<string, unknown> }[] = [];
      const now = clock.iso();
      const id = newId(ID_PREFIXES.importJob);
      const job = await inTransaction(database, async (trx) => {
        await importRepo.insertJob(trx, {
          tenant_id: ctx.tenantId,
          id,
          status: 'uploaded',
          file_name: file.filename.slice(0, 200),
          file_format: t.format,
          encoding: t.encoding,
          file_size: file.content.length,
          headers_json: toJson(t.headers),
          mapping_json: null,
          dedupe: 'skip',
          default_store_id: null,
          total_rows: t.rowCount,
          valid_rows: 0,
          error_rows: 0,
          processed_rows: 0,
          inserted_count: 0,
          updated_count: 0,
          skipped_count: 0,
          warnings_json: toJson(warnings),
          failure_code: null,
          failure_params_json: null,
          is_cancel_requested: false,
          is_dry_run_done: false,
          created_by: ctx.actor.id,
          created_at: now,
          updated_at: now,
          heartbeat_at: null,
          finished_at: null,
        });
        await importRepo.putFile(trx, ctx.tenantId, id, file.content);
        await audit.record(trx, ctx, { action: 'member.import.upload', entityType: 'memberImport', entityId: id, after: { fileName: file.filename, rows: t.rowCount, format: t.format, encoding: t.encoding } });
        return (await importRepo.job(trx, ctx.tenantId, id))!;
      });
      return { ...present(ctx, job), sampleRows: t.sampleRows, suggestedMapping: suggested, savedMappingId: saved?.id ?? null };
    },

    async get(ctx: Ctx, jobId: string): Promise<JobDto> {
      requirePermission(ctx, 'member.import');
      // A job running here is answered from memory: on SQLite the writing transaction holds the
      // only connection, and the progress bar must keep moving.
      const running = tasks.get(jobId);
      if (running?.snapshot && running.tenantId === ctx.tenantId) return present(ctx, { ...running.snapshot, is_cancel_requested: running.cancel || running.snapshot.is_cancel_requested });
      return present(ctx, await loadJob(db, ctx, jobId));
    },

    async list(ctx: Ctx, f: { cursor?: string; limit: number }): Promise<Page<JobDto>> {
      requirePermission(ctx, 'member.import');
      const c = decodeCursor(f.cursor);
      const rows = await importRepo.jobs(db, ctx.tenantId, c?.[0] as string | undefined, f.limit);
      const items = rows.slice(0, f.limit);
      return { items: items.map((j) => present(ctx, j)), nextCursor: rows.length > f.limit ? encodeCursor([items[items.length - 1].id]) : null };
    },

    /** Start the dry run: every row checked against the file and the database; nothing written. */
    async validate(ctx: Ctx, jobId: string, input: { mapping: Record<string, string>; dedupe: 'skip' | 'update'; defaultStoreId?: string | null; saveMappingAs?: string }): Promise<JobDto> {
      requirePermission(ctx, 'member.import');
      const j = await loadJob(db, ctx, jobId);
      if (!(['uploaded', 'validated', 'failed'] as ImportStatus[]).includes(j.status)) throw stateError(ctx, j, { 'zh-CN': '重新校验', en: 'be checked again' });
      const defs = await activeCustomDefs(db, ctx.tenantId);
      const problems = checkMapping(input.mapping, j.headers_json, new Set(defs.map((d) => d.key)), (p) => hasPermission(ctx, p));
      if (problems.length) throw mappingError(problems);
      let defaultStoreId = input.defaultStoreId ?? ctx.storeId ?? null;
      if (!defaultStoreId && !Object.values(input.mapping).includes('homeStore')) {
        const mine = await org.storesForScope(ctx.tenantId, ctx.storeScope);
        if (mine.length === 1) defaultStoreId = mine[0].id;
      }
      if (defaultStoreId) {
        if (!(await org.storeExists(ctx.tenantId, defaultStoreId))) throw MemberErrors.IMPORT_MAPPING_INVALID({ params: { reason: 'defaultStoreId' }, details: { defaultStoreId } });
        if (!canAccessStore(ctx, defaultStoreId)) throw MemberErrors.IMPORT_MAPPING_INVALID({ params: { reason: 'defaultStoreId is outside your data scope' } });
      }
      const now = clock.iso();
      const updated = await inTransaction(database, async (trx) => {
        const moved = await importRepo.transition(trx, ctx.tenantId, jobId, ['uploaded', 'validated', 'failed'], {
          status: 'validating',
          mapping_json: toJson(input.mapping),
          dedupe: input.dedupe,
          default_store_id: defaultStoreId,
          is_dry_run_done: false,
          is_cancel_requested: false,
          failure_code: null,
          failure_params_json: null,
          updated_at: now,
          heartbeat_at: now,
          finished_at: null,
        });
        if (!moved) throw stateError(ctx, j, { 'zh-CN': '重新校验', en: 'be checked again' });
        if (input.saveMappingAs) {
          const existing = await importRepo.mappingByName(trx, ctx.tenantId, input.saveMappingAs);
          if (existing) await importRepo.updateMapping(trx, ctx.tenantId, existing.id, { mapping_json: toJson(input.mapping), updated_at: now });
          else await importRepo.insertMapping(trx, { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.importMapping), name: input.saveMappingAs, mapping_json: toJson(input.mapping), created_at: now, updated_at: now });
        }
        await audit.record(trx, ctx, { action: 'member.import.validate', entityType: 'memberImport', entityId: jobId, after: { mapping: input.mapping, dedupe: input.dedupe, defaultStoreId } });
        return (await importRepo.job(trx, ctx.tenantId, jobId))!;
      });
      start(ctx, updated, (p, c) => runValidation(ctx, jobId, p, c));
      return present(ctx, updated);
    },

    /** Start writing a checked job; all rows or none. */
    async apply(ctx: Ctx, jobId: string, input: { skipInvalidRows: boolean }): Promise<JobDto> {
      requirePermission(ctx, 'member.import');
      const j = await loadJob(db, ctx, jobId);
      if (j.status !== 'validated') throw stateError(ctx, j, { 'zh-CN': '导入(请先完成校验)', en: 'be applied (check it first)' });
      if (j.error_rows > 0 && !input.skipInvalidRows) throw MemberErrors.IMPORT_HAS_ERRORS({ params: { count: j.error_rows } });
      const now = clock.iso();
      const updated = await inTransaction(database, async (trx) => {
        const moved = await importRepo.transition(trx, ctx.tenantId, jobId, ['validated'], { status: 'applying', updated_at: now, heartbeat_at: now });
        if (!moved) throw stateError(ctx, j, { 'zh-CN': '导入', en: 'be applied' });
        await audit.record(trx, ctx, { action: 'member.import.start', entityType: 'memberImport', entityId: jobId, after: { skipInvalidRows: input.skipInvalidRows } });
        return (await importRepo.job(trx, ctx.tenantId, jobId))!;
      });
      start(ctx, updated, (p, c) => runApply(ctx, jobId, p, c));
      return present(ctx, updated);
    },

    async cancel(ctx: Ctx, jobId: string): Promise<JobDto> {
      requirePermission(ctx, 'member.import');
      // Flag a job running here first: on SQLite its transaction holds the connection, and it
      // checks the flag between batches, rolls back and lets this request continue.
      const running = tasks.get(jobId);
      if (running && running.tenantId === ctx.tenantId) running.cancel = true;
      const j = await loadJob(db, ctx, jobId);
      const now = clock.iso();
      const updated = await inTransaction(database, async (trx) => {
        if ((['uploaded', 'validated', 'failed'] as ImportStatus[]).includes(j.status)) {
          if (!(await importRepo.transition(trx, ctx.tenantId, jobId, ['uploaded', 'validated', 'failed'], { status: 'cancelled', updated_at: now, finished_at: now }))) {
            throw stateError(ctx, j, { 'zh-CN': '取消', en: 'be cancelled' });
          }
          await importRepo.deleteFile(trx, ctx.tenantId, jobId);
        } else if ((['validating', 'applying'] as ImportStatus[]).includes(j.status)) {
          await importRepo.updateJob(trx, ctx.tenantId, jobId, { is_cancel_requested: true, updated_at: now });
        } else {
          throw stateError(ctx, j, { 'zh-CN': '取消', en: 'be cancelled' });
        }
        await audit.record(trx, ctx, { action: 'member.import.cancel', entityType: 'memberImport', entityId: jobId, before: { status: j.status } });
        return (await importRepo.job(trx, ctx.tenantId, jobId))!;
      });
      const task = tasks.get(jobId);
      if (task) {
        task.cancel = true;
        task.snapshot = updated;
      }
      return present(ctx, updated);
    },

    async errors(ctx: Ctx, jobId: string, f: { cursor?: string; limit: number }) {
      requirePermission(ctx, 'member.import');
      await loadJob(db, ctx, jobId);
      const c = decodeCursor(f.cursor);
      const rows = await importRepo.errors(db, ctx.tenantId, jobId, Number(c?.[0] ?? 0), f.limit + 1);
      const items = rows.slice(0, f.limit);
      return {
        items: items.map((e) => ({ row: e.row_no, column: e.column_name, code: e.code, message: message(e.code, e.params_json, ctx.locale) })),
        nextCursor: rows.length > f.limit ? encodeCursor([items[items.length - 1].seq]) : null,
      };
    },

    /** The error report as a spreadsheet-friendly CSV (UTF-8 with BOM): row, column, reason. */
    async errorsCsv(ctx: Ctx, jobId: string): Promise<{ body: string; filename: string }> {
      requirePermission(ctx, 'member.import');
      const j = await loadJob(db, ctx, jobId);
      const head = ctx.locale === 'en' ? ['Row', 'Column', 'Reason'] : ['行号', '列', '原因'];
      let out = `\ufeff${csvLine(head)}`;
      let after = 0;
      for (;;) {
        const rows = await importRepo.errors(db, ctx.tenantId, jobId, after, 2000);
        if (!rows.length) break;
        for (const e of rows) out += csvLine([String(e.row_no), e.column_name ?? '', message(e.code, e.params_json, ctx.locale)]);
        after = rows[rows.length - 1].seq;
      }
      return { body: out, filename: `${j.file_name.replace(/\.[^.]+$/, '')}-errors.csv` };
    },

    // ---- saved mappings ----
    async listMappings(ctx: Ctx) {
      requirePermission(ctx, 'member.import');
      return (await importRepo.mappings(db, ctx.tenantId)).map((m) => ({ id: m.id, name: m.name, mapping: m.mapping_json, updatedAt: m.updated_at }));
    },

    async saveMapping(ctx: Ctx, input: { name: string; mapping: Record<string, string> }) {
      requirePermission(ctx, 'member.import');
      return inTransaction(database, async (trx) => {
        const now = clock.iso();
        const id = newId(ID_PREFIXES.importMapping);
        try {
          await importRepo.insertMapping(trx, { tenant_id: ctx.tenantId, id, name: input.name, mapping_json: toJson(input.mapping), created_at: now, updated_at: now });
        } catch (err) {
          if (database.dialect.isUniqueViolation(err)) throw MemberErrors.IMPORT_MAPPING_NAME_TAKEN({ params: { name: input.name } });
          throw err;
        }
        await audit.record(trx, ctx, { action: 'member.importMapping.create', entityType: 'memberImportMapping', entityId: id, after: input });
        return { id, name: input.name, mapping: input.mapping, updatedAt: now };
      });
    },

    async deleteMapping(ctx: Ctx, mappingId: string): Promise<void> {
      requirePermission(ctx, 'member.import');
      await inTransaction(database, async (trx) => {
        const m = await importRepo.mapping(trx, ctx.tenantId, mappingId);
        if (!m) throw MemberErrors.IMPORT_MAPPING_NOT_FOUND();
        await importRepo.deleteMapping(trx, ctx.tenantId, mappingId);
        await audit.record(trx, ctx, { action: 'member.importMapping.delete', entityType: 'memberImportMapping', entityId: mappingId, before: { name: m.name, mapping: m.mapping_json } });
      });
    },

    /** Wait for running jobs (server shutdown, tests). */
    async drain(): Promise<void> {
      while (tasks.size) await Promise.allSettled([...tasks.values()].map((t) => t.promise));
    },

    /** Whether a job runs in this process (tests poll until it settles). */
    isRunning: (jobId: string) => tasks.has(jobId),
  };
}

export type ImportService = ReturnType<typeof createImportService>;
