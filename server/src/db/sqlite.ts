import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
} from 'kysely';
import { BOOLEAN_COLUMN, JSON_COLUMN, encodeSqliteParam } from './dialect';

/**
 * better-sqlite3 behind Kysely, with our own driver instead of Kysely's SqliteDriver:
 * - a prepared-statement cache (Kysely prepares every statement anew; caching roughly doubles
 *   throughput on this machine),
 * - `BEGIN IMMEDIATE` for every transaction, so a writer takes the write lock up front instead of
 *   failing with SQLITE_BUSY half-way when another process (the CLI) writes too,
 * - parameter encoding and row decoding from dialect.ts (booleans, dates, JSON columns), with the
 *   columns to decode worked out once per cached statement instead of per row and column,
 * - a first-come-first-served queue for the one connection: Kysely's mutex wakes every waiter on
 *   each release and lets them race for it, which under a queue of 32 requests costs a wake-up per
 *   waiter per statement and lets a request wait behind later arrivals.
 */
export interface SqliteOptions {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
}

const STATEMENT_CACHE_SIZE = 1000;

interface CachedStatement {
  stmt: BetterSqlite3.Statement;
  reader: boolean;
  /** Result columns named like booleans / JSON (null until the statement first returns rows). */
  bools: string[] | null;
  jsons: string[] | null;
}

function decodePlan(entry: CachedStatement): void {
  const bools: string[] = [];
  const jsons: string[] = [];
  for (const c of entry.stmt.columns()) {
    if (BOOLEAN_COLUMN.test(c.name)) bools.push(c.name);
    else if (JSON_COLUMN.test(c.name)) jsons.push(c.name);
  }
  entry.bools = bools;
  entry.jsons = jsons;
}

/** Same decoding as dialect.ts's decodeSqliteRow, limited to the columns that can need it. */
function decodeRows(entry: CachedStatement, rows: Record<string, unknown>[]): void {
  if (entry.bools === null) decodePlan(entry);
  const bools = entry.bools as string[];
  const jsons = entry.jsons as string[];
  if (bools.length === 0 && jsons.length === 0) return;
  for (const row of rows) {
    for (const k of bools) {
      const v = row[k];
      if (typeof v === 'number') row[k] = v !== 0;
    }
    for (const k of jsons) {
      const v = row[k];
      if (typeof v === 'string') row[k] = JSON.parse(v);
    }
  }
}

function encodeParams(parameters: ReadonlyArray<unknown>): unknown[] {
  for (let i = 0; i < parameters.length; i++) {
    const v = parameters[i];
    if (typeof v === 'boolean' || v instanceof Date) return parameters.map(encodeSqliteParam);
  }
  return parameters as unknown[];
}

export function openSqlite(opts: SqliteOptions): { raw: BetterSqlite3.Database; dialect: KyselyDialect } {
  if (opts.file !== ':memory:') mkdirSync(dirname(opts.file), { recursive: true });
  const raw = new BetterSqlite3(opts.file);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${opts.synchronous}`);
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('temp_store = MEMORY');
  raw.pragma('cache_size = -64000');
  return { raw, dialect: new TesseraSqliteDialect(raw) };
}

class TesseraSqliteDialect extends SqliteDialect {
  constructor(private readonly raw: BetterSqlite3.Database) {
    // The base class only needs a database for its own driver, which is never created.
    super({ database: {} as never });
  }
  override createDriver(): Driver {
    return new TesseraSqliteDriver(this.raw);
  }
}

class TesseraSqliteConnection implements DatabaseConnection {
  private readonly cache = new Map<string, CachedStatement>();
  constructor(private readonly raw: BetterSqlite3.Database) {}

  private prepared(sql: string): CachedStatement {
    let entry = this.cache.get(sql);
    if (!entry) {
      const stmt = this.raw.prepare(sql);
      entry = { stmt, reader: stmt.reader, bools: null, jsons: null };
      if (this.cache.size >= STATEMENT_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(sql, entry);
    }
    return entry;
  }

  run(sql: string): void {
    this.prepared(sql).stmt.run();
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const entry = this.prepared(compiledQuery.sql);
    const params = encodeParams(compiledQuery.parameters);
    if (entry.reader) {
      const rows = entry.stmt.all(...params) as Record<string, unknown>[];
      decodeRows(entry, rows);
      return Promise.resolve({ rows: rows as R[] });
    }
    const { changes, lastInsertRowid } = entry.stmt.run(...params);
    return Promise.resolve({
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    });
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    // Streaming gets its own statement: a cached one may be in use by another iterator.
    const own = this.raw.prepare(compiledQuery.sql);
    const entry: CachedStatement = { stmt: own, reader: true, bools: null, jsons: null };
    for (const row of own.iterate(...encodeParams(compiledQuery.parameters)) as IterableIterator<Record<string, unknown>>) {
      decodeRows(entry, [row]);
      yield { rows: [row as R] };
    }
  }

  clear(): void {
    this.cache.clear();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

class TesseraSqliteDriver implements Driver {
  private readonly connection: TesseraSqliteConnection;
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly raw: BetterSqlite3.Database) {
    this.connection = new TesseraSqliteConnection(raw);
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve(this.connection);
    }
    return new Promise((resolve) => this.waiting.push(() => resolve(this.connection)));
  }

  async releaseConnection(): Promise<void> {
    // Hand the connection straight to the longest waiter; it stays busy in between.
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }

  async beginTransaction(): Promise<void> {
    this.connection.run('begin immediate');
  }

  async commitTransaction(): Promise<void> {
    this.connection.run('commit');
  }

  async rollbackTransaction(): Promise<void> {
    this.connection.run('rollback');
  }

  async savepoint(_c: DatabaseConnection, name: string): Promise<void> {
    this.raw.prepare(`savepoint ${quoteIdent(name)}`).run();
  }

  async rollbackToSavepoint(_c: DatabaseConnection, name: string): Promise<void> {
    this.raw.prepare(`rollback to ${quoteIdent(name)}`).run();
  }

  async releaseSavepoint(_c: DatabaseConnection, name: string): Promise<void> {
    this.raw.prepare(`release ${quoteIdent(name)}`).run();
  }

  async destroy(): Promise<void> {
    this.connection.clear();
    this.raw.close();
  }
}
