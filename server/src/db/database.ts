import { Kysely, Migrator, PostgresDialect, type Transaction, sql } from 'kysely';
import type { DatabaseConfig } from '../config/config';
import { Dialect } from './dialect';
import { migrationsFor } from './migrations';
import { openPgPool } from './postgres';
import type { DB } from './schema';
import { openSqlite } from './sqlite';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or an open transaction: repo functions accept both. */
export type Executor = Kysely<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  /** Where it lives, without credentials, for logs and CLI messages. */
  description: string;
  close(): Promise<void>;
  /** SQLite only: transactions committed and the COMMITs they took (group commit, see sqlite.ts). */
  commitStats?: () => { transactions: number; commits: number };
}

export async function openDatabase(cfg: DatabaseConfig): Promise<Database> {
  if (cfg.kind === 'postgres') {
    const pool = openPgPool(cfg.url, cfg.pgPoolSize);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    let closed = false;
    return {
      db,
      dialect: new Dialect('postgres'),
      description: `PostgreSQL ${cfg.url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, '//$1@')}`,
      async close() {
        if (closed) return;
        closed = true;
        await db.destroy();
      },
    };
  }
  const { dialect, stats } = openSqlite({ file: cfg.url, synchronous: cfg.sqliteSynchronous });
  const db = new Kysely<DB>({ dialect });
  let closed = false;
  return {
    db,
    dialect: new Dialect('sqlite'),
    description: `SQLite ${cfg.url}`,
    commitStats: () => ({ ...stats }),
    async close() {
      if (closed) return;
      closed = true;
      // A checkpoint folds the WAL back into the main file so a copied file is complete.
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db).catch(() => {});
      await db.destroy();
    },
  };
}

export interface MigrationOutcome {
  applied: string[];
  pending: string[];
}

/** Bring the schema up to date. Safe to run from several processes: Kysely takes a lock. */
export async function migrateToLatest(database: Database): Promise<MigrationOutcome> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrationsFor(database.dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const e = new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`);
    (e as Error & { cause?: unknown }).cause = error;
    throw e;
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), pending: [] };
}

export async function pendingMigrations(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrationsFor(database.dialect) } });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

/**
 * Run `fn` in a transaction; retried a few times when the database reports a serialization
 * failure or deadlock (PostgreSQL) or a busy lock (SQLite, another process writing).
 * Keep transactions short and free of network I/O: on SQLite they serialise the process.
 */
export async function inTransaction<T>(database: Database, fn: (trx: Tx) => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await database.db.transaction().execute(fn);
    } catch (err) {
      if (i >= attempts || !database.dialect.isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 20));
    }
  }
}
