import { type Executor, inTransaction } from '../../../db/database';
import { toJson } from '../../../db/dialect';
import type { MembersTable } from '../../../db/schema';
import { type Ctx, canAccessStore } from '../../../shared/context';
import { ID_PREFIXES, newId } from '../../../shared/ids';
import { MemberErrors } from '../member.errors';
import type { MemberKit } from '../member.kit';
import { type MemberPatch, bulkInsert, customRepo, membersRepo, tagsRepo } from '../member.repo';
import { type CustomFieldDef, memberTerms, mobileLast4, monthDay, nameKeys } from '../member.rules';
import { timelineRepo } from '../timeline.repo';
import { type ImportJobRow, importRepo } from './import.repo';
import type { Table } from './import.parse';
import { IGNORE, type ImportRecord, type RowContext, type RowError, hasField, hasOpening, presentFields, readRow } from './import.rules';

/**
 * The two heavy steps of an import: analyse (every row against the file and the database, no
 * writes) and write (one transaction). The service runs them in the background.
 */
export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing';
  processed: number;
  total: number;
}

/** Thrown between batches when the job was cancelled: the transaction rolls back. */
export class Cancelled extends Error {}

export type Planned = { rec: ImportRecord; action: 'insert' } | { rec: ImportRecord; action: 'update'; memberId: string } | { rec: ImportRecord; action: 'skip'; memberId: string };

export interface Analysis {
  total: number;
  planned: Planned[];
  errors: RowError[];
  errorRows: number;
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

/** Parse and check every row against the file and the database (no writes). */
export async function analyse(kit: MemberKit, ctx: Ctx, j: ImportJobRow, table: Table, progress: ImportProgress, isCancelled: () => boolean): Promise<Analysis> {
  const db = kit.db;
  const mapping = j.mapping_json ?? {};
  const defs = await activeCustomDefs(db, ctx.tenantId);
  const stores = await kit.org.storesForScope(ctx.tenantId, { all: true });
  const storeKeys = new Map<string, string>();
  for (const s of stores) {
    storeKeys.set(s.name.toLowerCase(), s.id);
    storeKeys.set(s.code.toLowerCase(), s.id);
  }
  const rc: RowContext = {
    headers: table.headers,
    columns: table.headers.map((header, index) => ({ index, header, field: mapping[header] })).filter((c) => c.field && c.field !== IGNORE),
    custom: new Map(defs.map((d) => [d.key, d])),
    stores: storeKeys,
    defaultStoreId: j.default_store_id,
    today: await kit.today(ctx),
    fromXlsx: table.format === 'xlsx',
  };
  const errors: RowError[] = [];
  const ok: ImportRecord[] = [];
  const bad = new Set<number>();
  progress.phase = 'checking';
  progress.total = table.rows.length;
  const firstRow = { mobile: new Map<string, number>(), card: new Map<string, number>(), memberNo: new Map<string, number>() };
  for (let i = 0; i < table.rows.length; i++) {
    const row = i + 2;
    const r = readRow(table.rows[i], row, rc);
    const errs = r.errors;
    const rec = r.record;
    if (rec.homeStoreId && !canAccessStore(ctx, rec.homeStoreId)) errs.push({ row, column: rc.columns.find((c) => c.field === 'homeStore')?.header ?? null, code: 'store_out_of_scope' });
    const dup = (key: 'mobile' | 'card' | 'memberNo', value: string | null, column: string, code: string) => {
      if (!value) return;
      const first = firstRow[key].get(value);
      if (first !== undefined) errs.push({ row, column: rc.columns.find((c) => c.field === column)?.header ?? null, code, params: { row: first } });
      else firstRow[key].set(value, row);
    };
    dup('mobile', rec.mobile, 'mobile', 'mobile_duplicate_in_file');
    dup('card', rec.cardNo, 'cardNo', 'card_duplicate_in_file');
    dup('memberNo', rec.memberNo, 'memberNo', 'member_no_duplicate_in_file');
    if (errs.length) {
      bad.add(row);
      for (const e of errs) errors.push(e);
    } else ok.push(rec);
    if (i % 2000 === 1999) {
      progress.processed = i + 1;
      if (isCancelled()) throw new Cancelled();
      await tick();
    }
  }
  progress.processed = table.rows.length;

  // Against the database: who already has these mobiles, card numbers, member numbers.
  const existing = new Map((await membersRepo.byMobiles(db, ctx.tenantId, ok.map((r) => r.mobile))).map((m) => [m.mobile!, m]));
  const cards = new Map((await membersRepo.byCardNos(db, ctx.tenantId, ok.flatMap((r) => (r.cardNo ? [r.cardNo] : [])))).map((m) => [m.card_no!, m]));
  const takenNos = await membersRepo.memberNosTaken(db, ctx.tenantId, ok.flatMap((r) => (r.memberNo ? [r.memberNo] : [])));
  const header = (field: string) => rc.columns.find((c) => c.field === field)?.header ?? null;
  // Opening sessions go onto a card product the file names.
  const productKeys = [...new Set(ok.flatMap((r) => (r.opening && r.opening.sessions > 0 && r.opening.cardProduct ? [r.opening.cardProduct.toLowerCase()] : [])))];
  const products = productKeys.length ? await openingHandler(kit).cardProducts(db, ctx.tenantId, productKeys) : new Map<string, { id: string; name: string; keepsSessions: boolean }>();
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
      errors.push(...errs);
      continue;
    }
    if (!same) planned.push({ rec, action: 'insert' });
    else planned.push({ rec, action: j.dedupe === 'update' ? 'update' : 'skip', memberId: same.id });
  }
  const col = (c: string | null) => (c === null ? Number.MAX_SAFE_INTEGER : table.headers.indexOf(c));
  errors.sort((a, b) => a.row - b.row || col(a.column) - col(b.column));
  return { total: table.rows.length, planned, errors, errorRows: bad.size };
}


function openingHandler(kit: MemberKit) {
  if (!kit.opening.handler) throw new Error('no opening-balance handler registered (services wiring)');
  return kit.opening.handler;
}

export function counts(a: Analysis) {
  return {
    total_rows: a.total,
    valid_rows: a.total - a.errorRows,
    error_rows: a.errorRows,
    inserted_count: a.planned.filter((p) => p.action === 'insert').length,
    updated_count: a.planned.filter((p) => p.action === 'update').length,
    skipped_count: a.planned.filter((p) => p.action === 'skip').length,
  };
}

/**
 * Write an analysed job in one transaction: bulk inserts, updates of duplicates, the audit entry
 * and the job's final status commit together, or nothing does.
 */
export async function writeImport(kit: MemberKit, ctx: Ctx, j: ImportJobRow, a: Analysis, progress: ImportProgress, isCancelled: () => boolean): Promise<void> {
  const { database, clock, audit } = kit;
  const jobId = j.id;
  const now = clock.iso();
  const inserts = a.planned.filter((p) => p.action === 'insert').map((p) => p.rec);
  const updates = a.planned.filter((p): p is Extract<Planned, { action: 'update' }> => p.action === 'update');
  const c = counts(a);
  if (isCancelled()) throw new Cancelled();
  progress.phase = 'writing';
  progress.processed = 0;
  progress.total = inserts.length + updates.length;
  await inTransaction(
    database,
    async (trx) => {
      const check = async (done: number) => {
        progress.processed = done;
        if (isCancelled() || (await importRepo.isCancelRequested(trx, ctx.tenantId, jobId))) throw new Cancelled();
      };
      const needNos = inserts.filter((r) => !r.memberNo).length;
      const nos = needNos ? await kit.allocateMemberNos(trx, ctx.tenantId, needNos) : [];
      let nextNo = 0;
      const opening = { members: 0, storedValue: 0, bonusValue: 0, points: 0, sessions: 0 };
      // Rows are built a chunk at a time (memory stays flat) and written with reused statements.
      const CHUNK = 2000;
      for (let i = 0; i < inserts.length; i += CHUNK) {
        const members: unknown[][] = [];
        const terms: unknown[][] = [];
        const tags: unknown[][] = [];
        const custom: unknown[][] = [];
        const credits: { id: string; rec: ImportRecord }[] = [];
        for (const rec of inserts.slice(i, i + CHUNK)) {
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
        await bulkInsert(trx, 'members', IMPORT_MEMBER_COLUMNS, members, 250);
        await bulkInsert(trx, 'member_search_terms', ['tenant_id', 'term', 'member_id'], terms, 2000);
        await bulkInsert(trx, 'member_tags', ['tenant_id', 'member_id', 'tag'], tags, 2000);
        await bulkInsert(trx, 'member_custom_values', ['tenant_id', 'member_id', 'field_id', 'value_text', 'value_number', 'value_date'], custom, 1000);
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
        await check(Math.min(i + CHUNK, inserts.length));
        // Let the event loop breathe (SQLite's driver never yields on its own): progress polls
        // and requests that need no database keep being answered.
        await tick();
      }
      let done = inserts.length;
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
        if (++done % 1000 === 0) {
          await check(done);
          await tick();
        }
      }
      await audit.record(trx, ctx, {
        action: 'member.import.apply',
        entityType: 'memberImport',
        entityId: jobId,
        after: { fileName: j.file_name, inserted: inserts.length, updated: updates.length, skipped: c.skipped_count, invalidRowsSkipped: a.errorRows, ...(opening.members ? { openingBalances: opening } : {}) },
      });
      const moved = await importRepo.transition(trx, ctx.tenantId, jobId, ['applying'], {
        ...c,
        status: 'succeeded',
        updated_at: clock.iso(),
        finished_at: clock.iso(),
        heartbeat_at: clock.iso(),
      });
      if (!moved) throw new Cancelled();
      await importRepo.deleteFile(trx, ctx.tenantId, jobId);
    },
    1,
  );
}
