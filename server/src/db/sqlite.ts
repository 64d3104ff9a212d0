import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { decodeSqliteRow, encodeSqliteParam } from './dialect';

/**
 * better-sqlite3 behind Kysely, with three things Kysely's own driver does not do:
 * - a prepared-statement cache (Kysely prepares every statement anew; caching roughly doubles
 *   throughput on this machine),
 * - `BEGIN IMMEDIATE` for every transaction, so a writer takes the write lock up front instead of
 *   failing with SQLITE_BUSY half-way when another process (the CLI) writes too,
 * - parameter encoding and row decoding from dialect.ts (booleans, dates, JSON columns).
 */
export interface SqliteOptions {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
}

const STATEMENT_CACHE_SIZE = 1000;

export function openSqlite(opts: SqliteOptions): { raw: BetterSqlite3.Database; kyselyDatabase: SqliteDatabase } {
  if (opts.file !== ':memory:') mkdirSync(dirname(opts.file), { recursive: true });
  const raw = new BetterSqlite3(opts.file);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${opts.synchronous}`);
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('temp_store = MEMORY');
  raw.pragma('cache_size = -64000');

  const cache = new Map<string, BetterSqlite3.Statement>();
  function prepareCached(sql: string): BetterSqlite3.Statement {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = raw.prepare(sql === 'begin' ? 'begin immediate' : sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(sql, stmt);
    }
    return stmt;
  }

  const kyselyDatabase: SqliteDatabase = {
    close: () => {
      cache.clear();
      raw.close();
    },
    prepare(sql: string): SqliteStatement {
      const stmt = prepareCached(sql);
      return {
        reader: stmt.reader,
        all(parameters: ReadonlyArray<unknown>) {
          const rows = stmt.all(...parameters.map(encodeSqliteParam)) as Record<string, unknown>[];
          for (const row of rows) decodeSqliteRow(row);
          return rows;
        },
        run(parameters: ReadonlyArray<unknown>) {
          const r = stmt.run(...parameters.map(encodeSqliteParam));
          return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
        },
        *iterate(parameters: ReadonlyArray<unknown>) {
          // Streaming gets its own statement: a cached one may be in use by another iterator.
          const own = raw.prepare(sql);
          for (const row of own.iterate(...parameters.map(encodeSqliteParam)) as IterableIterator<Record<string, unknown>>) {
            yield decodeSqliteRow(row);
          }
        },
      };
    },
  };
  return { raw, kyselyDatabase };
}
