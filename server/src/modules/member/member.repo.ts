import { CompiledQuery, type Insertable, type Selectable, type Updateable, sql } from 'kysely';
import type { Executor } from '../../db/database';
import type { Dialect } from '../../db/dialect';
import type {
  DB,
  MemberCustomFieldsTable,
  MemberCustomValuesTable,
  MemberPhotosTable,
  MemberSettingsTable,
  MembersTable,
} from '../../db/schema';

export type MemberRow = Selectable<MembersTable>;
export type MemberInsert = Insertable<MembersTable>;
export type MemberPatch = Updateable<MembersTable>;
export type CustomFieldRow = Selectable<MemberCustomFieldsTable>;
export type CustomValueRow = Selectable<MemberCustomValuesTable>;
export type SettingsRow = Selectable<MemberSettingsTable>;

/** Rows per multi-row INSERT: stays under SQLite's and PostgreSQL's parameter limits. */
export function chunk<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Compiled INSERT texts per database adapter (SQLite `?` and PostgreSQL `$n` differ). */
const insertTemplates = new WeakMap<object, Map<string, string>>();

/**
 * Bulk insert for imports: rows as value arrays in `columns` order, written in multi-row
 * INSERTs of `chunkRows`. The statement text is compiled by Kysely once per table, columns and
 * chunk size and then reused with new parameters (compiling a 200-row INSERT anew for every
 * chunk costs as much as executing it); SQLite also reuses the prepared statement.
 */
export async function bulkInsert<T extends keyof DB & string>(db: Executor, table: T, columns: readonly (keyof DB[T] & string)[], rows: unknown[][], chunkRows: number): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkRows) {
    const part = rows.slice(i, i + chunkRows);
    const adapter = db.getExecutor().adapter;
    let cache = insertTemplates.get(adapter);
    if (!cache) insertTemplates.set(adapter, (cache = new Map()));
    const key = `${table}|${columns.join(',')}|${part.length}`;
    let text = cache.get(key);
    if (!text) {
      const template = part.map(() => Object.fromEntries(columns.map((c) => [c, null])));
      text = db.insertInto(table).values(template as never).compile().sql;
      if (cache.size > 200) cache.clear();
      cache.set(key, text);
    }
    await db.executeQuery(CompiledQuery.raw(text, part.flat()));
  }
}

export const settingsRepo = {
  get: (db: Executor, tenantId: string) => db.selectFrom('member_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst(),
  ensure: (db: Executor, tenantId: string, now: string) =>
    db
      .insertInto('member_settings')
      .values({ tenant_id: tenantId, number_prefix: 'M', number_width: 6, next_number: 1, updated_at: now })
      .onConflict((oc) => oc.column('tenant_id').doNothing())
      .execute(),
  /** The counter row, locked until the transaction ends (member numbers without gaps or duplicates). */
  lock: (db: Executor, d: Dialect, tenantId: string) =>
    d.forUpdate(db.selectFrom('member_settings').selectAll().where('tenant_id', '=', tenantId)).executeTakeFirstOrThrow(),
  update: (db: Executor, tenantId: string, patch: Partial<SettingsRow>) =>
    db.updateTable('member_settings').set(patch).where('tenant_id', '=', tenantId).execute(),
};

export interface MemberFilter {
  storeIds: string[] | null;
  storeId?: string;
  tags?: string[];
  birthMdRange?: [string, string];
  sourceChannel?: string;
  createdFrom?: string;
  createdBefore?: string;
  includeErased?: boolean;
  custom?: { fieldId: string; column: 'value_text' | 'value_number' | 'value_date'; op: '=' | '>=' | '<='; value: string | number }[];
  /** Free text from the list's search box, already parsed. */
  q?: { code: string | null; digits: string | null; termRange: [string, string] | null };
  beforeId?: string;
  limit: number;
}

/** The members a list filter selects (no columns, order or page yet). */
function filtered(db: Executor, tenantId: string, f: Omit<MemberFilter, 'limit' | 'beforeId'>) {
  let q = db.selectFrom('members').where('members.tenant_id', '=', tenantId);
  if (!f.includeErased) q = q.where('erased_at', 'is', null);
  if (f.storeIds) q = f.storeIds.length ? q.where('home_store_id', 'in', f.storeIds) : q.where(sql<boolean>`1 = 0`);
  if (f.storeId) q = q.where('home_store_id', '=', f.storeId);
  if (f.birthMdRange) q = q.where('birth_md', '>=', f.birthMdRange[0]).where('birth_md', '<=', f.birthMdRange[1]);
  if (f.sourceChannel) q = q.where('source_channel', '=', f.sourceChannel);
  if (f.createdFrom) q = q.where('created_at', '>=', f.createdFrom);
  if (f.createdBefore) q = q.where('created_at', '<', f.createdBefore);
  for (const tag of f.tags ?? []) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('member_tags as mt')
          .select(sql`1`.as('one'))
          .whereRef('mt.tenant_id', '=', 'members.tenant_id')
          .whereRef('mt.member_id', '=', 'members.id')
          .where('mt.tag', '=', tag),
      ),
    );
  }
  for (const c of f.custom ?? []) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('member_custom_values as cv')
          .select(sql`1`.as('one'))
          .whereRef('cv.tenant_id', '=', 'members.tenant_id')
          .whereRef('cv.member_id', '=', 'members.id')
          .where('cv.field_id', '=', c.fieldId)
          .where(`cv.${c.column}`, c.op, c.value),
      ),
    );
  }
  if (f.q) {
    const { code, digits, termRange } = f.q;
    q = q.where((eb) => {
      const ors = [];
      if (code) ors.push(eb('member_no', '=', code), eb('card_no', '=', code));
      if (digits) ors.push(eb('mobile', '=', digits), eb('mobile_last4', '=', digits));
      if (termRange) {
        ors.push(
          eb.exists(
            eb
              .selectFrom('member_search_terms as st')
              .select(sql`1`.as('one'))
              .whereRef('st.tenant_id', '=', 'members.tenant_id')
              .whereRef('st.member_id', '=', 'members.id')
              .where('st.term', '>=', termRange[0])
              .where('st.term', '<', termRange[1]),
          ),
        );
      }
      return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`;
    });
  }
  return q;
}

export const membersRepo = {
  insert: (db: Executor, rows: MemberInsert[]) => db.insertInto('members').values(rows).execute(),

  byId: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('members').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),

  byIds: (db: Executor, tenantId: string, ids: string[]) =>
    ids.length ? db.selectFrom('members').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([] as MemberRow[]),

  /** Lock a member row for a read-modify-write (PostgreSQL; SQLite writers are serialised). */
  lockById: (db: Executor, d: Dialect, tenantId: string, id: string) =>
    d.forUpdate(db.selectFrom('members').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)).executeTakeFirst(),

  update: (db: Executor, tenantId: string, id: string, patch: MemberPatch) =>
    db.updateTable('members').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  /** Update a member that is not erased; false when it is (or does not exist). */
  updateLive: async (db: Executor, tenantId: string, id: string, patch: MemberPatch) => {
    const r = await db.updateTable('members').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).where('erased_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows ?? 0n) === 1;
  },

  byMobile: (db: Executor, tenantId: string, mobile: string) =>
    db.selectFrom('members').selectAll().where('tenant_id', '=', tenantId).where('mobile', '=', mobile).where('erased_at', 'is', null).executeTakeFirst(),

  byCardNo: (db: Executor, tenantId: string, cardNo: string) =>
    db.selectFrom('members').selectAll().where('tenant_id', '=', tenantId).where('card_no', '=', cardNo).where('erased_at', 'is', null).executeTakeFirst(),

  memberNosTaken: async (db: Executor, tenantId: string, nos: string[]) => {
    const out = new Set<string>();
    for (const part of chunk(nos, 500)) {
      const rows = await db.selectFrom('members').select('member_no').where('tenant_id', '=', tenantId).where('member_no', 'in', part).execute();
      for (const r of rows) out.add(r.member_no);
    }
    return out;
  },

  /** Live members holding any of these mobiles (import dedupe). */
  byMobiles: async (db: Executor, tenantId: string, mobiles: string[]) => {
    const out: Pick<MemberRow, 'id' | 'member_no' | 'mobile' | 'home_store_id'>[] = [];
    for (const part of chunk(mobiles, 500)) {
      out.push(
        ...(await db
          .selectFrom('members')
          .select(['id', 'member_no', 'mobile', 'home_store_id'])
          .where('tenant_id', '=', tenantId)
          .where('mobile', 'in', part)
          .where('erased_at', 'is', null)
          .execute()),
      );
    }
    return out;
  },

  byCardNos: async (db: Executor, tenantId: string, cardNos: string[]) => {
    const out: Pick<MemberRow, 'id' | 'member_no' | 'card_no'>[] = [];
    for (const part of chunk(cardNos, 500)) {
      out.push(...(await db.selectFrom('members').select(['id', 'member_no', 'card_no']).where('tenant_id', '=', tenantId).where('card_no', 'in', part).where('erased_at', 'is', null).execute()));
    }
    return out;
  },

  list: (db: Executor, tenantId: string, f: MemberFilter) => {
    let q = filtered(db, tenantId, f).selectAll();
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  },

  /** How many members match a filter (the list's total, an export's row count). */
  count: async (db: Executor, tenantId: string, f: Omit<MemberFilter, 'limit' | 'beforeId'>) =>
    Number((await filtered(db, tenantId, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),

  /** Live members whose birthday falls on one of these days (solar MM-DD, or lunar MM-DD for lunar celebrants). */
  byBirthdays: (db: Executor, tenantId: string, solarMds: string[], lunarMds: string[], storeIds: string[] | null) => {
    let q = db.selectFrom('members').selectAll().where('tenant_id', '=', tenantId).where('erased_at', 'is', null);
    if (storeIds) q = storeIds.length ? q.where('home_store_id', 'in', storeIds) : q.where(sql<boolean>`1 = 0`);
    return q
      .where((eb) =>
        eb.or([
          ...(solarMds.length ? [eb.and([eb('birth_md', 'in', solarMds), eb('birthday_calendar', '=', 'solar')])] : []),
          ...(lunarMds.length ? [eb('lunar_md', 'in', lunarMds)] : []),
          sql<boolean>`1 = 0`,
        ]),
      )
      .limit(5000)
      .execute();
  },

  /** Most-used source channels and their member counts (filter choices). */
  sourceChannels: (db: Executor, tenantId: string) =>
    db
      .selectFrom('members')
      .select(['source_channel', (eb) => eb.fn.countAll().as('n')])
      .where('tenant_id', '=', tenantId)
      .where('erased_at', 'is', null)
      .where('source_channel', 'is not', null)
      .groupBy('source_channel')
      .orderBy('n', 'desc')
      .limit(100)
      .execute(),
};

export const tagsRepo = {
  forMembers: async (db: Executor, tenantId: string, memberIds: string[]) => {
    const out = new Map<string, string[]>();
    for (const part of chunk(memberIds, 500)) {
      const rows = await db.selectFrom('member_tags').select(['member_id', 'tag']).where('tenant_id', '=', tenantId).where('member_id', 'in', part).execute();
      for (const r of rows) out.set(r.member_id, [...(out.get(r.member_id) ?? []), r.tag]);
    }
    return out;
  },
  replace: async (db: Executor, tenantId: string, memberId: string, tags: string[]) => {
    await db.deleteFrom('member_tags').where('tenant_id', '=', tenantId).where('member_id', '=', memberId).execute();
    if (tags.length) await db.insertInto('member_tags').values(tags.map((tag) => ({ tenant_id: tenantId, member_id: memberId, tag }))).execute();
  },
  insertMany: async (db: Executor, rows: { tenant_id: string; member_id: string; tag: string }[]) => {
    for (const part of chunk(rows, 1000)) await db.insertInto('member_tags').values(part).execute();
  },
  counts: (db: Executor, tenantId: string) =>
    db
      .selectFrom('member_tags')
      .select(['tag', (eb) => eb.fn.countAll().as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('tag')
      .orderBy('n', 'desc')
      .limit(200)
      .execute(),
};

export const termsRepo = {
  replace: async (db: Executor, tenantId: string, memberId: string, terms: string[]) => {
    await db.deleteFrom('member_search_terms').where('tenant_id', '=', tenantId).where('member_id', '=', memberId).execute();
    if (terms.length) await db.insertInto('member_search_terms').values(terms.map((term) => ({ tenant_id: tenantId, term, member_id: memberId }))).execute();
  },
  deleteFor: (db: Executor, tenantId: string, memberId: string) =>
    db.deleteFrom('member_search_terms').where('tenant_id', '=', tenantId).where('member_id', '=', memberId).execute(),
  insertMany: async (db: Executor, rows: { tenant_id: string; term: string; member_id: string }[]) => {
    for (const part of chunk(rows, 2000)) await db.insertInto('member_search_terms').values(part).execute();
  },
};

export const customRepo = {
  fields: (db: Executor, tenantId: string) =>
    db.selectFrom('member_custom_fields').selectAll().where('tenant_id', '=', tenantId).orderBy('sort_order').orderBy('created_at').execute(),
  fieldById: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('member_custom_fields').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  insertField: (db: Executor, row: Insertable<MemberCustomFieldsTable>) => db.insertInto('member_custom_fields').values(row).execute(),
  updateField: (db: Executor, tenantId: string, id: string, patch: Updateable<MemberCustomFieldsTable>) =>
    db.updateTable('member_custom_fields').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  valuesFor: async (db: Executor, tenantId: string, memberIds: string[]) => {
    const out: CustomValueRow[] = [];
    for (const part of chunk(memberIds, 500)) {
      out.push(...(await db.selectFrom('member_custom_values').selectAll().where('tenant_id', '=', tenantId).where('member_id', 'in', part).execute()));
    }
    return out;
  },
  /** Set or clear one member's values (null clears). */
  setValues: async (db: Executor, tenantId: string, memberId: string, values: { fieldId: string; value: { text: string | null; number: number | null; date: string | null } | null }[]) => {
    for (const v of values) {
      await db.deleteFrom('member_custom_values').where('tenant_id', '=', tenantId).where('member_id', '=', memberId).where('field_id', '=', v.fieldId).execute();
      if (v.value) {
        await db
          .insertInto('member_custom_values')
          .values({ tenant_id: tenantId, member_id: memberId, field_id: v.fieldId, value_text: v.value.text, value_number: v.value.number, value_date: v.value.date })
          .execute();
      }
    }
  },
  insertMany: async (db: Executor, rows: Insertable<MemberCustomValuesTable>[]) => {
    for (const part of chunk(rows, 1000)) await db.insertInto('member_custom_values').values(part).execute();
  },
  deleteFor: (db: Executor, tenantId: string, memberId: string) =>
    db.deleteFrom('member_custom_values').where('tenant_id', '=', tenantId).where('member_id', '=', memberId).execute(),
};

export const photosRepo = {
  get: (db: Executor, tenantId: string, memberId: string) =>
    db.selectFrom('member_photos').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).executeTakeFirst(),
  put: async (db: Executor, row: Selectable<MemberPhotosTable>) => {
    await db.deleteFrom('member_photos').where('tenant_id', '=', row.tenant_id).where('member_id', '=', row.member_id).execute();
    await db.insertInto('member_photos').values(row).execute();
  },
  delete: (db: Executor, tenantId: string, memberId: string) =>
    db.deleteFrom('member_photos').where('tenant_id', '=', tenantId).where('member_id', '=', memberId).executeTakeFirst(),
};
