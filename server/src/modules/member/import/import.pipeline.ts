import { type Executor, inTransaction } from '../../../db/database';
import { toJson } from '../../../db/dialect';
import type { MembersTable } from '../../../db/schema';
import { type Ctx, canAccessStore } from '../../../shared/context';
import { ID_PREFIXES, newId } from '../../../shared/ids';
import { MemberErrors } from '../member.errors';
import type { MemberKit } from '../member.kit';
import { type MemberPatch, customRepo, membersRepo, tagsRepo } from '../member.repo';
import { type CustomFieldDef, memberTerms, mobileLast4, monthDay, nameKeys } from '../member.rules';
import { timelineRepo } from '../timeline.repo';
import { type ImportJobRow, importRepo, insertRows, refreshStatsIfStale } from './import.repo';
import type { OpenTable } from './import.parse';
import { IGNORE, type ImportRecord, type RowContext, type RowError, hasField, hasOpening, presentFields, readRow } from './import.rules';

/**
 * The two heavy steps of an import, both one pass over the file in batches of rows: the dry run
 * (every row against the file and the database, no writes) and the apply (the same checks, each
 * batch written as it is checked, all in one transaction). Nothing is kept per row between the
 * two, nor for the whole file: memory stays flat whatever the file's size (the duplicate checks
 * within the file keep one key per row, and at most MAX_KEPT_ERRORS row errors are kept).
 * The service runs them in the background.
 */
export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing';
  processed: number;
  total: number;
}

/** Thrown between batches when the job was cancelled: the transaction rolls back. */
export class Cancelled extends Error {}

export type Planned = { rec: ImportRecord; action: 'insert' } | { rec: ImportRecord; action: 'update'; memberId: string } | { rec: ImportRecord; action: 'skip'; memberId: string };

/** At most this many row errors are kept per job (the counts stay exact). */
export const MAX_KEPT_ERRORS = 10_000;

export interface ScanResult {
  total: number;
  errorRows: number;
  /** The first MAX_KEPT_ERRORS row errors, by row and column. */
  errors: RowError[];
  insert: number;
  update: number;
  skip: number;
}

/** Columns an imported member row fills, in the order the bulk insert passes them. */
const IMPORT_MEMBER_COLUMNS = [
  'tenant_id', 'id', 'member_no', 'name', 'name_pinyin', 'name_initials', 'gender', 'birthday',
  'birth_md', 'mobile', 'mobile_last4', 'email', 'address', 'card_no',
  'home_store_id', 'source_channel', 'referrer_name', 'interests_json', 'goals', 'notes', 'origin', 'created_by', 'created_at', 'updated_at',
] as const satisfies readonly (keyof MembersTable)[];

const tick = () => new Promise<void>((r) => setImmediate(r));

export async function activeCustomDefs(x: Executor, tenantId: string): Promise<CustomFieldDef[]> {
  return (await customRepo.fields(x, tenantId))
    .filter((d) => d.is_active)
    .map((d) => ({ id: d.id, key: d.field_key, type: d.field_type, options: d.options_json, isRequired: d.is_required, isActive: d.is_active }));
}

/** A key seen on an earlier row of the file is an error on this one. */
function dup(first: Map<string, number>, value: string | null, row: number, errs: RowError[], column: string | null, code: string): void {
  if (!value) return;
  const seen = first.get(value);
  if (seen !== undefined) errs.push({ row, column, code, params: { row: seen } });
  else first.set(value, row);
}

/** What checking a row needs besides the row (read before any transaction). */
export async function rowContext(kit: MemberKit, ctx: Ctx, j: ImportJobRow, table: Pick<OpenTable, 'headers' | 'format'>): Promise<RowContext> {
  const mapping = j.mapping_json ?? {};
  const defs = await activeCustomDefs(kit.db, ctx.tenantId);
  const stores = await kit.org.storesForScope(ctx.tenantId, { all: true });
  const storeKeys = new Map<string, string>();
  for (const s of stores) {
    storeKeys.set(s.name.toLowerCase(), s.id);
    storeKeys.set(s.code.toLowerCase(), s.id);
  }
  return {
    headers: table.headers,
    columns: table.headers.map((header, index) => ({ index, header, field: mapping[header] })).filter((c) => c.field && c.field !== IGNORE),
    custom: new Map(defs.map((d) => [d.key, d])),
    stores: storeKeys,
    defaultStoreId: j.default_store_id,
    today: await kit.today(ctx),
    fromXlsx: table.format === 'xlsx',
  };
}

/**
 * Check every row of a file against the file and the database, batch by batch, in row order.
 * `x`: the database or the writing transaction (the apply sees its own earlier batches).
 * `write`: the apply's writer, called with each batch's planned rows (none: a dry run).
 * `expected`: the dry run's counts (an apply): the rows must come out as the dry run said, else
 * the database changed since (a mobile taken, a card number used) and IMPORT_DATA_CHANGED
 * rolls the apply back, seen at the first batch that differs.
 */
export async function scan(
  x: Executor,
  kit: MemberKit,
  ctx: Ctx,
  j: ImportJobRow,
  rc: RowContext,
  table: OpenTable,
  opts: { progress: ImportProgress; isCancelled: () => Promise<boolean> | boolean; write?: (planned: Planned[]) => Promise<void>; expected?: Pick<ScanResult, 'insert' | 'update' | 'skip' | 'errorRows'> },
): Promise<ScanResult> {
  const { progress } = opts;
  const out: ScanResult = { total: 0, errorRows: 0, errors: [], insert: 0, update: 0, skip: 0 };
  const headerOf = new Map<string, string>();
  for (const c of rc.columns) if (!headerOf.has(c.field)) headerOf.set(c.field, c.header);
  const header = (field: string) => headerOf.get(field) ?? null;
  const col = (c: string | null) => (c === null ? Number.MAX_SAFE_INTEGER : rc.headers.indexOf(c));
  // Duplicates within the file: the first row of each key (bad rows take part too).
  const firstRow = { mobile: new Map<string, number>(), card: new Map<string, number>(), memberNo: new Map<string, number>() };
  const products = new Map<string, { id: string; name: string; keepsSessions: boolean } | null>();
  progress.processed = 0;
  progress.total = j.total_rows;
  for await (const rows of table.batches) {
    const errors: RowError[] = [];
    const bad = new Set<number>();
    const ok: ImportRecord[] = [];
    for (const cells of rows) {
      const row = ++out.total + 1;
      const r = readRow(cells, row, rc);
      const errs = r.errors;
      const rec = r.record;
      if (rec.homeStoreId && !canAccessStore(ctx, rec.homeStoreId)) errs.push({ row, column: header('homeStore'), code: 'store_out_of_scope' });
      dup(firstRow.mobile, rec.mobile, row, errs, header('mobile'), 'mobile_duplicate_in_file');
      dup(firstRow.card, rec.cardNo, row, errs, header('cardNo'), 'card_duplicate_in_file');
      dup(firstRow.memberNo, rec.memberNo, row, errs, header('memberNo'), 'member_no_duplicate_in_file');
      if (errs.length) {
        bad.add(row);
        for (const e of errs) errors.push(e);
      } else ok.push(rec);
    }

    // Against the database: who already has these mobiles, card numbers, member numbers.
    const existing = new Map((await membersRepo.byMobiles(x, ctx.tenantId, ok.map((r) => r.mobile))).map((m) => [m.mobile!, m]));
    const cardNos = ok.flatMap((r) => (r.cardNo ? [r.cardNo] : []));
    const cards = new Map(cardNos.length ? (await membersRepo.byCardNos(x, ctx.tenantId, cardNos)).map((m) => [m.card_no!, m]) : []);
    const memberNos = ok.flatMap((r) => (r.memberNo ? [r.memberNo] : []));
    const takenNos = memberNos.length ? await membersRepo.memberNosTaken(x, ctx.tenantId, memberNos) : new Set<string>();
    // Opening sessions go onto a card product the file names.
    const productKeys = [...new Set(ok.flatMap((r) => (r.opening && r.opening.sessions > 0 && r.opening.cardProduct ? [r.opening.cardProduct.toLowerCase()] : [])))].filter((k) => !products.has(k));
    if (productKeys.length) {
      const found = await openingHandler(kit).cardProducts(x, ctx.tenantId, productKeys);
      for (const k of productKeys) products.set(k, found.get(k) ?? null);
    }
    const planned: Planned[] = [];
    for (const rec of ok) {
      const errs: RowError[] = [];
      const same = existing.get(rec.mobile);
      const card = rec.cardNo ? cards.get(rec.cardNo) : undefined;
      if (card && card.id !== same?.id) errs.push({ row: rec.row, column: header('cardNo'), code: 'card_taken', params: { memberNo: card.member_no } });
      if (!same && rec.memberNo && takenNos.has(rec.memberNo)) errs.push({ row: rec.row, column: header('memberNo'), code: 'member_no_taken' });
      if (same && j.dedupe === 'update' && rec.homeStoreId && hasField(rec, 'homeStore') && !canAccessStore(ctx, same.home_store_id)) {
        errs.push({ row: rec.row, column: header('mobile'), code: 'store_out_of_scope' });
      }
      // Opening balances are for new members only: a re-imported file must not count them twice.
      if (same && j.dedupe === 'update' && hasOpening(rec.opening)) errs.push({ row: rec.row, column: header('mobile'), code: 'opening_existing_member' });
      if (rec.opening && rec.opening.sessions > 0 && rec.opening.cardProduct) {
        const p = products.get(rec.opening.cardProduct.toLowerCase());
        if (!p) errs.push({ row: rec.row, column: header('openingCardProduct'), code: 'opening_card_product_unknown', params: { product: rec.opening.cardProduct } });
        else if (!p.keepsSessions) errs.push({ row: rec.row, column: header('openingCardProduct'), code: 'opening_card_product_not_sessions', params: { product: p.name } });
        else rec.opening.cardProductId = p.id;
      }
      if (errs.length) {
        bad.add(rec.row);
        for (const e of errs) errors.push(e);
        continue;
      }
      if (!same) planned.push({ rec, action: 'insert' });
      else planned.push({ rec, action: j.dedupe === 'update' ? 'update' : 'skip', memberId: same.id });
    }
    // Batches come in row order: sorting each batch's errors sorts them all.
    out.errorRows += bad.size;
    if (out.errors.length < MAX_KEPT_ERRORS && errors.length) {
      errors.sort((a, b) => a.row - b.row || col(a.column) - col(b.column));
      for (const e of errors.slice(0, MAX_KEPT_ERRORS - out.errors.length)) out.errors.push(e);
    }
    for (const p of planned) out[p.action]++;
    const want = opts.expected;
    if (want && (out.insert > want.insert || out.update > want.update || out.skip > want.skip || out.errorRows > want.errorRows)) throw MemberErrors.IMPORT_DATA_CHANGED();
    if (opts.write) await opts.write(planned);
    progress.processed = out.total;
    if (await opts.isCancelled()) throw new Cancelled();
    await tick();
  }
  const want = opts.expected;
  if (want && (out.insert !== want.insert || out.update !== want.update || out.skip !== want.skip || out.errorRows !== want.errorRows)) throw MemberErrors.IMPORT_DATA_CHANGED();
  return out;
}

function openingHandler(kit: MemberKit) {
  if (!kit.opening.handler) throw new Error('no opening-balance handler registered (services wiring)');
  return kit.opening.handler;
}

export function counts(a: ScanResult) {
  return {
    total_rows: a.total,
    valid_rows: a.total - a.errorRows,
    error_rows: a.errorRows,
    inserted_count: a.insert,
    updated_count: a.update,
    skipped_count: a.skip,
  };
}

/** Row errors as the job's error report stores them. */
export function errorRecords(errors: RowError[]) {
  return errors.map((e, i) => ({ seq: i + 1, row_no: e.row, column_name: e.column, code: e.code, params_json: e.params ? toJson(e.params) : null }));
}

/**
 * Apply a job in one transaction: every batch of rows checked again (the database may have
 * changed since the dry run) and written as soon as it is checked (bulk inserts, updates of
 * duplicates, opening balances as ledger entries), then the row errors, the audit entry and the
 * job's final status. All of it commits together, or nothing does (a cancel is seen between
 * batches and rolls back).
 */
export async function applyImport(kit: MemberKit, ctx: Ctx, j: ImportJobRow, rc: RowContext, table: OpenTable, opts: { progress: ImportProgress; isCancelled: () => boolean }): Promise<ScanResult> {
  const { database, clock, audit } = kit;
  const dialect = database.dialect;
  const jobId = j.id;
  const now = clock.iso();
  const { progress, isCancelled } = opts;
  if (isCancelled()) throw new Cancelled();
  progress.phase = 'writing';
  return inTransaction(
    database,
    async (trx) => {
      const opening = { members: 0, storedValue: 0, bonusValue: 0, points: 0, sessions: 0 };
      let statsChecked = false;
      const write = async (planned: Planned[]) => {
        const inserts: ImportRecord[] = [];
        const updates: Extract<Planned, { action: 'update' }>[] = [];
        for (const p of planned) {
          if (p.action === 'insert') inserts.push(p.rec);
          else if (p.action === 'update') updates.push(p);
        }
        if (inserts.length) {
          const needNos = inserts.filter((r) => !r.memberNo).length;
          const nos = needNos ? await kit.allocateMemberNos(trx, ctx.tenantId, needNos) : [];
          let nextNo = 0;
          const members: unknown[][] = [];
          const terms: unknown[][] = [];
          const tags: unknown[][] = [];
          const custom: unknown[][] = [];
          const credits: { id: string; rec: ImportRecord }[] = [];
          for (const rec of inserts) {
            const id = newId(ID_PREFIXES.member);
            if (hasOpening(rec.opening)) credits.push({ id, rec });
            const keys = nameKeys(rec.name);
            const memberNo = rec.memberNo ?? nos[nextNo++];
            members.push([
              ctx.tenantId, id, memberNo, rec.name, keys.pinyin, keys.initials, rec.gender, rec.birthday,
              rec.birthday ? monthDay(rec.birthday) : null, rec.mobile, mobileLast4(rec.mobile), rec.email, rec.address, rec.cardNo,
              rec.homeStoreId, rec.sourceChannel, rec.referrerName, toJson(rec.interests ?? []), rec.goals, rec.notes, 'import', ctx.actor.id, now, now,
            ]);
            for (const term of memberTerms(rec.name)) terms.push([ctx.tenantId, term, id]);
            for (const tag of rec.tags ?? []) tags.push([ctx.tenantId, id, tag]);
            for (const cv of rec.custom) custom.push([ctx.tenantId, id, cv.fieldId, cv.value.text, cv.value.number, cv.value.date]);
          }
          await insertRows(trx, dialect, 'members', IMPORT_MEMBER_COLUMNS, members, 250);
          await insertRows(trx, dialect, 'member_search_terms', ['tenant_id', 'term', 'member_id'], terms, 1000);
          if (!statsChecked) {
            statsChecked = true;
            await refreshStatsIfStale(trx, dialect, 'members', j.inserted_count);
          }
          await insertRows(trx, dialect, 'member_tags', ['tenant_id', 'member_id', 'tag'], tags, 1000);
          await insertRows(trx, dialect, 'member_custom_values', ['tenant_id', 'member_id', 'field_id', 'value_text', 'value_number', 'value_date'], custom, 1000);
          // Opening balances: ledger entries in the same transaction (a cancel rolls them back too).
          for (const { id, rec } of credits) {
            const o = rec.opening!;
            await openingHandler(kit).apply(trx, ctx, {
              memberId: id,
              storeId: rec.homeStoreId!,
              importJobId: jobId,
              row: rec.row,
              storedValue: o.storedValue,
              bonusValue: o.bonusValue,
              points: o.points,
              sessions: o.sessions,
              cardProductId: o.sessions > 0 ? o.cardProductId : null,
              cardExpiry: o.cardExpiry,
            });
            opening.members++;
            opening.storedValue += o.storedValue;
            opening.bonusValue += o.bonusValue;
            opening.points += o.points;
            opening.sessions += o.sessions;
          }
        }
        for (const u of updates) {
          const r = u.rec;
          const patch: MemberPatch = { updated_at: now };
          if (hasField(r, 'name')) Object.assign(patch, { name: r.name, name_pinyin: nameKeys(r.name).pinyin, name_initials: nameKeys(r.name).initials });
          if (hasField(r, 'gender')) patch.gender = r.gender;
          if (hasField(r, 'birthday')) Object.assign(patch, { birthday: r.birthday, birth_md: r.birthday ? monthDay(r.birthday) : null, birthday_calendar: 'solar', lunar_md: null });
          if (hasField(r, 'email')) patch.email = r.email;
          if (hasField(r, 'address')) patch.address = r.address;
          if (hasField(r, 'cardNo')) patch.card_no = r.cardNo;
          if (hasField(r, 'homeStore')) patch.home_store_id = r.homeStoreId!;
          if (hasField(r, 'sourceChannel')) patch.source_channel = r.sourceChannel;
          if (hasField(r, 'referrerName')) patch.referrer_name = r.referrerName;
          if (hasField(r, 'interests')) patch.interests_json = toJson(r.interests ?? []);
          if (hasField(r, 'goals')) patch.goals = r.goals;
          if (hasField(r, 'notes')) patch.notes = r.notes;
          if (!(await membersRepo.updateLive(trx, ctx.tenantId, u.memberId, patch))) throw MemberErrors.IMPORT_DATA_CHANGED();
          if (hasField(r, 'tags')) await tagsRepo.replace(trx, ctx.tenantId, u.memberId, r.tags ?? []);
          if (r.custom.length) await customRepo.setValues(trx, ctx.tenantId, u.memberId, r.custom);
          if (hasField(r, 'name')) await kit.rebuildTerms(trx, ctx.tenantId, u.memberId, r.name);
          await timelineRepo.insert(trx, {
            tenant_id: ctx.tenantId,
            id: newId(ID_PREFIXES.memberTimeline),
            member_id: u.memberId,
            occurred_at: now,
            kind: 'member.updated',
            ref_type: 'importJob',
            ref_id: jobId,
            summary_json: toJson({ fields: presentFields(r), row: r.row }),
            actor_name: ctx.actor.name,
            store_id: null,
          });
        }
      };
      const r = await scan(trx, kit, ctx, j, rc, table, {
        progress,
        isCancelled: async () => isCancelled() || (await importRepo.isCancelRequested(trx, ctx.tenantId, jobId)),
        write,
        expected: { insert: j.inserted_count, update: j.updated_count, skip: j.skipped_count, errorRows: j.error_rows },
      });
      await importRepo.replaceErrors(trx, ctx.tenantId, jobId, errorRecords(r.errors));
      await audit.record(trx, ctx, {
        action: 'member.import.apply',
        entityType: 'memberImport',
        entityId: jobId,
        after: { fileName: j.file_name, inserted: r.insert, updated: r.update, skipped: r.skip, invalidRowsSkipped: r.errorRows, ...(opening.members ? { openingBalances: opening } : {}) },
      });
      const moved = await importRepo.transition(trx, ctx.tenantId, jobId, ['applying'], {
        ...counts(r),
        status: 'succeeded',
        updated_at: clock.iso(),
        finished_at: clock.iso(),
        heartbeat_at: clock.iso(),
      });
      if (!moved) throw new Cancelled();
      await importRepo.deleteFile(trx, ctx.tenantId, jobId);
      return r;
    },
    1,
  );
}
