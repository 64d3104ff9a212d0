import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { openPgPool } from '../../server/src/db/postgres';
import { openSqlite } from '../../server/src/db/sqlite';
import type { Measurement } from './result';
import { LatencyRecorder, randomInt } from './stats';

/**
 * The TPC-B-like ceiling (pgbench's default script): 10 branches, 100 tellers, N accounts;
 * one transaction = update an account, read its balance, update its teller, update its branch,
 * insert a history row. Run through the raw drivers with prepared statements, in the same
 * connection settings the product uses (server/src/db/sqlite.ts and postgres.ts open them).
 */
export const BRANCHES = 10;
export const TELLERS = 100;
const ACCOUNT_FILLER = ' '.repeat(84);

export interface Window {
  durationS: number;
  warmupS: number;
}

const SQLITE_SCHEMA = `
  create table branches (bid integer primary key, bbalance integer not null, filler text);
  create table tellers (tid integer primary key, bid integer not null, tbalance integer not null, filler text);
  create table accounts (aid integer primary key, bid integer not null, abalance integer not null, filler text);
  create table history (tid integer, bid integer, aid integer, delta integer, mtime text, filler text);
`;

/** Create and fill the TPC-B tables in a SQLite file (loading is not part of any measurement). */
export function loadSqliteTpcb(file: string, accounts: number): void {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.exec(SQLITE_SCHEMA);
    db.transaction(() => {
      const rec = `with recursive c(x) as (select 1 union all select x + 1 from c where x < ?)`;
      db.prepare(`${rec} insert into branches select x, 0, null from c`).run(BRANCHES);
      db.prepare(`${rec} insert into tellers select x, (x - 1) % ${BRANCHES} + 1, 0, null from c`).run(TELLERS);
      db.prepare(`${rec} insert into accounts select x, (x - 1) % ${BRANCHES} + 1, 0, ? from c`).run(accounts, ACCOUNT_FILLER);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** Run the transaction in a loop on one connection for the window (better-sqlite3 is synchronous). */
export function runSqliteTpcb(file: string, synchronous: 'FULL' | 'NORMAL', accounts: number, w: Window): Measurement {
  const { raw } = openSqlite({ file, synchronous });
  try {
    const updAccount = raw.prepare('update accounts set abalance = abalance + ? where aid = ?');
    const selAccount = raw.prepare('select abalance from accounts where aid = ?').pluck();
    const updTeller = raw.prepare('update tellers set tbalance = tbalance + ? where tid = ?');
    const updBranch = raw.prepare('update branches set bbalance = bbalance + ? where bid = ?');
    const insHistory = raw.prepare('insert into history (tid, bid, aid, delta, mtime) values (?, ?, ?, ?, current_timestamp)');
    // BEGIN IMMEDIATE, as the product's transactions do.
    const tx = raw.transaction((aid: number, tid: number, bid: number, delta: number) => {
      updAccount.run(delta, aid);
      const balance = selAccount.get(aid);
      updTeller.run(delta, tid);
      updBranch.run(delta, bid);
      insHistory.run(tid, bid, aid, delta);
      return balance;
    }).immediate;

    const phase = (seconds: number, rec: LatencyRecorder | null) => {
      let n = 0;
      const start = performance.now();
      const end = start + seconds * 1000;
      for (let t = start; t < end; ) {
        tx(randomInt(1, accounts), randomInt(1, TELLERS), randomInt(1, BRANCHES), randomInt(-5000, 5000));
        const after = performance.now();
        rec?.record(after - t);
        t = after;
        n++;
      }
      return { n, elapsedS: (performance.now() - start) / 1000 };
    };
    phase(w.warmupS, null);
    const rec = new LatencyRecorder();
    const { n, elapsedS } = phase(w.durationS, rec);
    const [p50, p99] = rec.percentiles([50, 99]);
    return { metric: 'tx/s', value: n / elapsedS, p50, p99, samples: n };
  } finally {
    raw.close();
  }
}

/** Create and fill the TPC-B tables in a PostgreSQL database; keys are added after the load, as pgbench does. */
export async function loadPgTpcb(url: string, accounts: number): Promise<void> {
  const pool = openPgPool(url, 1);
  try {
    await pool.query(`
      create table branches (bid integer not null, bbalance integer not null, filler char(88));
      create table tellers (tid integer not null, bid integer not null, tbalance integer not null, filler char(84));
      create table accounts (aid integer not null, bid integer not null, abalance integer not null, filler char(84));
      create table history (tid integer, bid integer, aid integer, delta integer, mtime timestamp, filler char(22));
    `);
    await pool.query(`insert into branches select x, 0, null from generate_series(1, ${BRANCHES}) x`);
    await pool.query(`insert into tellers select x, (x - 1) % ${BRANCHES} + 1, 0, null from generate_series(1, ${TELLERS}) x`);
    await pool.query(`insert into accounts select x, (x - 1) % ${BRANCHES} + 1, 0, '' from generate_series(1, $1::int) x`, [accounts]);
    await pool.query(`
      alter table branches add primary key (bid);
      alter table tellers add primary key (tid);
      alter table accounts add primary key (aid);
    `);
    await pool.query('vacuum analyze');
  } finally {
    await pool.end();
  }
}

const PG = {
  account: { name: 'tpcb_account', text: 'update accounts set abalance = abalance + $1 where aid = $2' },
  balance: { name: 'tpcb_balance', text: 'select abalance from accounts where aid = $1' },
  teller: { name: 'tpcb_teller', text: 'update tellers set tbalance = tbalance + $1 where tid = $2' },
  branch: { name: 'tpcb_branch', text: 'update branches set bbalance = bbalance + $1 where bid = $2' },
  history: { name: 'tpcb_history', text: 'insert into history (tid, bid, aid, delta, mtime) values ($1, $2, $3, $4, current_timestamp)' },
};

async function pgTransaction(c: pg.PoolClient, accounts: number): Promise<void> {
  const aid = randomInt(1, accounts);
  const tid = randomInt(1, TELLERS);
  const bid = randomInt(1, BRANCHES);
  const delta = randomInt(-5000, 5000);
  await c.query('begin');
  try {
    await c.query({ ...PG.account, values: [delta, aid] });
    await c.query({ ...PG.balance, values: [aid] });
    await c.query({ ...PG.teller, values: [delta, tid] });
    await c.query({ ...PG.branch, values: [delta, bid] });
    await c.query({ ...PG.history, values: [tid, bid, aid, delta] });
    await c.query('commit');
  } catch (err) {
    await c.query('rollback').catch(() => {});
    throw err;
  }
}

/** `connections` clients, each running the transaction back to back (named prepared statements). */
export async function runPgTpcb(url: string, connections: number, accounts: number, w: Window, win?: { begin(): void; end(): void }): Promise<Measurement> {
  const pool = openPgPool(url, connections);
  const clients: pg.PoolClient[] = [];
  try {
    for (let i = 0; i < connections; i++) {
      const c = await pool.connect();
      // A dropped connection (Ctrl-C drops the database under us) fails the query; it must not crash the process.
      c.on('error', () => {});
      clients.push(c);
    }
    let errors = 0;
    let firstError: string | null = null;
    const phase = async (seconds: number, rec: LatencyRecorder | null) => {
      let n = 0;
      const start = performance.now();
      const end = start + seconds * 1000;
      await Promise.all(
        clients.map(async (c) => {
          while (performance.now() < end) {
            const t = performance.now();
            try {
              await pgTransaction(c, accounts);
              rec?.record(performance.now() - t);
              n++;
            } catch (err) {
              errors++;
              firstError ??= (err as Error).message;
            }
          }
        }),
      );
      return { n, elapsedS: (performance.now() - start) / 1000 };
    };
    win?.begin();
    await phase(w.warmupS, null);
    errors = 0;
    const rec = new LatencyRecorder();
    const { n, elapsedS } = await phase(w.durationS, rec);
    win?.end();
    const [p50, p99] = rec.percentiles([50, 99]);
    return { metric: 'tx/s', value: n / elapsedS, p50, p99, samples: n, errors, notes: firstError ? `first error: ${firstError}` : undefined };
  } finally {
    for (const c of clients) c.release();
    await pool.end();
  }
}

/**
 * The connection settings the product's SQLite opener applies, read back from a connection it
 * opened, so a ceiling in another process can use exactly the same ones.
 */
export function productSqlitePragmas(file: string, synchronous: 'FULL' | 'NORMAL'): string[] {
  const { raw } = openSqlite({ file, synchronous });
  try {
    const names = ['journal_mode', 'synchronous', 'foreign_keys', 'busy_timeout', 'temp_store', 'cache_size', 'mmap_size', 'locking_mode'];
    return names.map((n) => `${n}=${String(raw.pragma(n, { simple: true }))}`);
  } finally {
    raw.close();
  }
}
