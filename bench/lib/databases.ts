import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Fresh databases for the bench: a SQLite file in a temporary folder, or a PostgreSQL database
 * created on the local server and dropped afterwards. Everything created is registered for
 * clean-up, so Ctrl-C or a failing scenario leaves nothing behind.
 */
export const DEFAULT_PG_URL = process.env.TESSERA_BENCH_PG_URL ?? process.env.TESSERA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const cleanups = new Set<() => Promise<void>>();
let shuttingDown = false;
const lateCleanups = new Set<Promise<void>>();

/**
 * Register a clean-up; returns a function that runs it once and unregisters it. During
 * shutdown a newly created resource is released at once and its creator told to stop.
 */
export function onCleanup(fn: () => Promise<void>): () => Promise<void> {
  if (shuttingDown) {
    const p = fn().catch(() => {});
    lateCleanups.add(p);
    throw new Error('the bench is shutting down');
  }
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    cleanups.delete(once);
    await fn();
  };
  cleanups.add(once);
  return once;
}

/** Run every pending clean-up (newest first: servers before the databases they use). */
export async function cleanupAll(): Promise<void> {
  shuttingDown = true;
  while (cleanups.size) {
    for (const fn of [...cleanups].reverse()) {
      await fn().catch((err) => console.error(`bench clean-up failed: ${(err as Error).message}`));
    }
  }
  await Promise.all(lateCleanups);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

export type PgProbe = { ok: true; version: string; settings: string } | { ok: false; reason: string };

/** Is PostgreSQL reachable? A short connect timeout keeps an absent server from stalling the run. */
export async function probePostgres(adminUrl: string): Promise<PgProbe> {
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    const v = await c.query<{ v: string; sc: string; fs: string; sb: string }>(
      `select current_setting('server_version') as v, current_setting('synchronous_commit') as sc,
              current_setting('fsync') as fs, current_setting('shared_buffers') as sb`,
    );
    const r = v.rows[0];
    return { ok: true, version: r.v, settings: `synchronous_commit=${r.sc}, fsync=${r.fs}, shared_buffers=${r.sb}` };
  } catch (err) {
    const e = err as Error & { code?: string };
    return { ok: false, reason: `${e.code ?? ''} ${e.message}`.trim() };
  } finally {
    await c.end().catch(() => {});
  }
}

export interface FreshDatabase {
  /** SQLite file path or PostgreSQL URL. */
  url: string;
  drop(): Promise<void>;
}

export function freshSqliteFile(label: string): FreshDatabase {
  const dir = mkdtempSync(join(tmpdir(), `tessera-bench-${label}-`));
  const drop = onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  return { url: join(dir, `${label}.db`), drop };
}

export async function freshPgDatabase(adminUrl: string, label: string): Promise<FreshDatabase> {
  const name = `tessera_bench_${label.replace(/\W/g, '_')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = onCleanup(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(`drop database if exists ${name} with (force)`);
    } finally {
      await c.end();
    }
  });
  return { url: url.toString(), drop };
}
