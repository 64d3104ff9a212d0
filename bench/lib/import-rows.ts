import { performance } from 'node:perf_hooks';
import { migrateToLatest, openDatabase } from '../../server/src/db/database';
import { openPgPool } from '../../server/src/db/postgres';
import { openSqlite } from '../../server/src/db/sqlite';
import { memberTerms, mobileLast4, monthDay, nameKeys } from '../../server/src/modules/member/member.rules';
import { ID_PREFIXES, newId } from '../../server/src/shared/ids';
import { benchMobile, benchName } from './members';
import type { BenchOptions } from './options';
import type { DbKind, Measurement } from './result';
import { LatencyRecorder } from './stats';
import { freshTesseraDatabase } from './tessera';

/**
 * The member-import bench's data and its ceiling. Rows: one tenth of the TPC-B accounts
 * (100,000 in a full run). The ceiling writes the very rows the import writes — members with
 * their pinyin keys and search terms, computed beforehand — into a freshly migrated Tessera
 * database (same tables, indexes and constraints) through the raw driver: one transaction,
 * prepared multi-row INSERTs.
 */
export const importRowCount = (o: Pick<BenchOptions, 'accounts'>) => Math.max(100, Math.round(o.accounts / 10));

export const IMPORT_HEADER = ['姓名', '手机号', '性别', '生日', '标签', '备注'];

export function importCells(i: number): string[] {
  return [benchName(i), benchMobile(i), i % 2 ? '女' : '男', `${1960 + (i % 50)}/${(i % 12) + 1}/${(i % 28) + 1}`, i % 5 ? '瑜伽' : 'VIP,私教', i % 7 ? '' : '老会员转入'];
}

/** The CSV the scenario uploads (UTF-8 with BOM, as Excel saves it); `from`: the first generated row (another file, other mobiles). */
export function importCsv(rows: number, from = 0): Buffer {
  const lines = [IMPORT_HEADER.join(',')];
  for (let i = from; i < from + rows; i++) lines.push(importCells(i).map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

const MEMBER_COLUMNS = ['tenant_id', 'id', 'member_no', 'name', 'name_pinyin', 'name_initials', 'gender', 'birthday', 'birth_md', 'mobile', 'mobile_last4', 'home_store_id', 'notes', 'interests_json', 'origin', 'created_at', 'updated_at'];

function ceilingRows(rows: number, tenantId: string, storeId: string) {
  const now = new Date().toISOString();
  const members: unknown[][] = [];
  const terms: unknown[][] = [];
  const tags: unknown[][] = [];
  for (let i = 0; i < rows; i++) {
    const [name, mobile, , , tagCell, notes] = importCells(i);
    const id = newId(ID_PREFIXES.member);
    const keys = nameKeys(name);
    const birthday = `${1960 + (i % 50)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    members.push([tenantId, id, `M${String(i + 1).padStart(6, '0')}`, name, keys.pinyin, keys.initials, i % 2 ? 'female' : 'male', birthday, monthDay(birthday), mobile, mobileLast4(mobile), storeId, notes || null, '[]', 'import', now, now]);
    for (const term of memberTerms(name)) terms.push([tenantId, term, id]);
    for (const tag of tagCell.split(',')) tags.push([tenantId, id, tag]);
  }
  return { members, terms, tags };
}

const TENANT_SQL = `insert into tenants (id, code, name, time_zone, locale, created_at, updated_at) values ($1, 'bulk', 'bulk', 'Asia/Shanghai', 'zh-CN', $2, $2)`;

/** Raw bulk insert of `rows` import rows into a fresh, migrated Tessera database. */
export async function runBulkInsertCeiling(kind: DbKind, o: BenchOptions): Promise<Measurement> {
  const rows = importRowCount(o);
  const target = await freshTesseraDatabase(kind, o.pgUrl, 'bulk');
  try {
    const database = await openDatabase(target.database);
    await migrateToLatest(database);
    await database.close();
    const tenantId = newId(ID_PREFIXES.tenant);
    const storeId = newId(ID_PREFIXES.store);
    const data = ceilingRows(rows, tenantId, storeId);
    const batches: [string, string[], unknown[][], number][] = [
      ['members', MEMBER_COLUMNS, data.members, 250],
      ['member_search_terms', ['tenant_id', 'term', 'member_id'], data.terms, 1000],
      ['member_tags', ['tenant_id', 'member_id', 'tag'], data.tags, 1000],
    ];
    const rec = new LatencyRecorder();
    let elapsed = 0;
    if (kind === 'sqlite') {
      const { raw } = openSqlite({ file: target.database.url, synchronous: target.database.sqliteSynchronous });
      try {
        const now = new Date().toISOString();
        raw.prepare(TENANT_SQL.replace(/\$\d/g, '?')).run(tenantId, now, now);
        raw.prepare(`insert into stores (tenant_id, id, code, name, is_active, created_at, updated_at) values (?, ?, 'S1', '门店', 1, ?, ?)`).run(tenantId, storeId, now, now);
        const statements = new Map<string, ReturnType<typeof raw.prepare>>();
        const stmt = (table: string, cols: string[], n: number) => {
          const key = `${table}|${n}`;
          let s = statements.get(key);
          if (!s) statements.set(key, (s = raw.prepare(`insert into ${table} (${cols.join(', ')}) values ${Array.from({ length: n }, () => `(${cols.map(() => '?').join(', ')})`).join(', ')}`)));
          return s;
        };
        const t0 = performance.now();
        raw.transaction(() => {
          for (const [table, cols, list, chunk] of batches) {
            for (let i = 0; i < list.length; i += chunk) {
              const b = performance.now();
              const part = list.slice(i, i + chunk);
              (stmt(table, cols, part.length) as unknown as { run(...values: unknown[]): unknown }).run(...part.flat());
              rec.record(performance.now() - b);
            }
          }
        }).immediate();
        elapsed = performance.now() - t0;
      } finally {
        raw.close();
      }
    } else {
      const pool = openPgPool(target.database.url, 1);
      const client = await pool.connect();
      try {
        const now = new Date().toISOString();
        await client.query(TENANT_SQL, [tenantId, now]);
        await client.query(`insert into stores (tenant_id, id, code, name, is_active, created_at, updated_at) values ($1, $2, 'S1', '门店', true, $3, $3)`, [tenantId, storeId, now]);
        const t0 = performance.now();
        await client.query('begin');
        for (const [table, cols, list, chunk] of batches) {
          for (let i = 0; i < list.length; i += chunk) {
            const b = performance.now();
            const part = list.slice(i, i + chunk);
            let p = 0;
            const text = `insert into ${table} (${cols.join(', ')}) values ${part.map(() => `(${cols.map(() => `$${++p}`).join(', ')})`).join(', ')}`;
            await client.query({ name: `bulk_${table}_${part.length}`, text, values: part.flat() });
            rec.record(performance.now() - b);
          }
        }
        await client.query('commit');
        elapsed = performance.now() - t0;
      } finally {
        client.release();
        await pool.end();
      }
    }
    const [p50, p99] = rec.percentiles([50, 99]);
    return { metric: 'rows/s', value: rows / (elapsed / 1000), p50, p99, samples: rows, notes: `${rows.toLocaleString('en-US')} members + ${data.terms.length.toLocaleString('en-US')} search terms + ${data.tags.length.toLocaleString('en-US')} tags, one transaction; p50/p99 per batch` };
  } finally {
    await target.drop();
  }
}
