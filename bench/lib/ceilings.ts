import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/src/config/config';
import { startChildServer } from './child';
import { freshPgDatabase, freshSqliteFile } from './databases';
import { runBulkInsertCeiling } from './import-rows';
import { measureHttp } from './load';
import { watched } from './noise';
import type { BenchOptions } from './options';
import { type BenchResult, type DbKind, measuredRow, unmeasuredRow } from './result';
import { loadPgTpcb, loadSqliteTpcb, productSqlitePragmas, runPgTpcb, runSqliteTpcb } from './tpcb';

/**
 * Ceilings: what the raw stack does on this machine, measured in the same run as the scenarios
 * and on the same database settings.
 */
export type CeilingName = 'tpcb' | 'tpcb-normal' | 'http-hello' | 'http-pk-select' | 'bulk-insert';

export interface CeilingInfo {
  name: CeilingName;
  title: string;
  /** 'none' = needs no database. */
  databases: (DbKind | 'none')[];
}

export const CEILINGS: CeilingInfo[] = [
  { name: 'tpcb', title: 'TPC-B-like transaction through the raw driver (SQLite: one connection; PostgreSQL: 8 connections), prepared statements', databases: ['sqlite', 'postgres'] },
  { name: 'tpcb-normal', title: 'the same on SQLite with synchronous=NORMAL — for the report only; the product default is FULL', databases: ['sqlite'] },
  { name: 'http-hello', title: 'bare Fastify 5 route returning {"hello":"world"}', databases: ['none'] },
  { name: 'http-pk-select', title: 'bare Fastify 5 route doing one primary-key SELECT through the raw driver (prepared)', databases: ['sqlite', 'postgres'] },
  { name: 'bulk-insert', title: 'the member import’s rows (members, search terms, tags; pinyin computed beforehand) written by the raw driver into a fresh migrated Tessera database: one transaction, prepared multi-row INSERTs', databases: ['sqlite', 'postgres'] },
];

const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('; ');

const CEILING_SERVER = fileURLToPath(new URL('./ceiling-server.ts', import.meta.url));

export async function runHelloCeiling(o: BenchOptions, log: (s: string) => void): Promise<BenchResult> {
  log('ceiling http-hello');
  const server = await startChildServer(CEILING_SERVER, ['hello'], {});
  try {
    const m = await watched({ ours: () => [server.pid], postgresIsOurs: false, retries: o.retries, log }, () => measureHttp(server.url, { path: '/hello' }, o));
    return measuredRow('ceiling', 'http-hello', 'none', m);
  } finally {
    await server.stop();
  }
}

/** The database ceilings on one database: loads the TPC-B data once, then runs each needed ceiling. */
export async function runDbCeilings(kind: DbKind, needed: Set<CeilingName>, o: BenchOptions, log: (s: string) => void): Promise<BenchResult[]> {
  const rows: BenchResult[] = [];
  if (needed.has('bulk-insert')) {
    log(`ceiling bulk-insert [${kind}]`);
    try {
      const m = await watched({ ours: () => [], postgresIsOurs: kind === 'postgres', retries: o.retries, log }, () => runBulkInsertCeiling(kind, o));
      rows.push(measuredRow('ceiling', 'bulk-insert', kind, m));
    } catch (err) {
      rows.push(unmeasuredRow('ceiling', 'bulk-insert', kind, 'rows/s', 'failed', (err as Error).message));
    }
  }
  const wanted = (['tpcb', 'tpcb-normal', 'http-pk-select'] as const).filter((n) => needed.has(n) && CEILINGS.find((c) => c.name === n)!.databases.includes(kind));
  if (!wanted.length) return rows;
  const fresh = kind === 'sqlite' ? freshSqliteFile('tpcb') : await freshPgDatabase(o.pgUrl, 'tpcb');
  const window = { durationS: o.durationS, warmupS: o.warmupS };
  try {
    log(`${kind}: loading TPC-B data (${o.accounts.toLocaleString('en-US')} accounts)`);
    if (kind === 'sqlite') loadSqliteTpcb(fresh.url, o.accounts);
    else await loadPgTpcb(fresh.url, o.accounts);

    for (const name of wanted) {
      log(`ceiling ${name} [${kind}]`);
      try {
        const inProcess = { ours: () => [], postgresIsOurs: kind === 'postgres', retries: o.retries, log };
        if (name === 'tpcb' && kind === 'sqlite') {
          const m = await watched(inProcess, () => runSqliteTpcb(fresh.url, 'FULL', o.accounts, window));
          rows.push(measuredRow('ceiling', name, kind, { ...m, notes: join('WAL, synchronous=FULL (product default), 1 connection', m.notes) }));
        } else if (name === 'tpcb-normal') {
          const m = await watched(inProcess, () => runSqliteTpcb(fresh.url, 'NORMAL', o.accounts, window));
          rows.push(measuredRow('ceiling', name, kind, { ...m, notes: join('WAL, synchronous=NORMAL — report only, not the product default', m.notes) }));
        } else if (name === 'tpcb') {
          const m = await watched(inProcess, (win) => runPgTpcb(fresh.url, o.pgTpcbConnections, o.accounts, window, win));
          rows.push(measuredRow('ceiling', name, kind, { ...m, notes: join(`${o.pgTpcbConnections} connections`, m.notes) }));
        } else {
          const product = loadConfig({});
          const args = kind === 'sqlite' ? ['pk-select', 'sqlite', fresh.url, String(o.accounts), productSqlitePragmas(fresh.url, product.database.sqliteSynchronous).join(',')] : ['pk-select', 'postgres', fresh.url, String(o.accounts), String(product.database.pgPoolSize)];
          const server = await startChildServer(CEILING_SERVER, args, {});
          try {
            const m = await watched({ ours: () => [server.pid], postgresIsOurs: kind === 'postgres', retries: o.retries, log }, () => measureHttp(server.url, { path: '/pk-select' }, o));
            const how = kind === 'sqlite' ? 'one connection, as the product' : `pool of ${product.database.pgPoolSize}, the product default`;
            rows.push(measuredRow('ceiling', name, kind, { ...m, notes: join(how, m.notes) }));
          } finally {
            await server.stop();
          }
        }
      } catch (err) {
        rows.push(unmeasuredRow('ceiling', name, kind, name.startsWith('tpcb') ? 'tx/s' : 'req/s', 'failed', (err as Error).message));
      }
    }
  } finally {
    await fresh.drop();
  }
  return rows;
}
