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
 * - `BEGIN IMMEDIATE` for every group of transactions, so a writer takes the write lock up front
 *   instead of failing with SQLITE_BUSY half-way when another process (the CLI) writes too,
 * - group commit (see TesseraSqliteDriver): transactions that queue for the writer share one
 *   COMMIT, i.e. one fsync, and each is answered only after it; reads outside transactions run on
 *   a second, query-only connection that sees committed data,
 * - parameter encoding and row decoding from dialect.ts (booleans, dates, JSON columns), with the
 *   columns to decode worked out once per cached statement instead of per row and column,
 * - a first-come-first-served queue for the write connection: Kysely's mutex wakes every waiter on
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
  /** A plain SELECT that writes nothing: outside a transaction it may run on the reader connection. */
  readOnlySelect: boolean;
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
  return { raw, dialect: new TesseraSqliteDialect(raw, opts.file) };
}

/** A second connection to the same file for reads outside transactions: it sees committed data only. */
function openReader(file: string): BetterSqlite3.Database | null {
  if (file === ':memory:' || file === '') return null;
  const reader = new BetterSqlite3(file);
  reader.pragma('query_only = ON');
  reader.pragma('busy_timeout = 10000');
  reader.pragma('temp_store = MEMORY');
  reader.pragma('cache_size = -32000');
  return reader;
}

class TesseraSqliteDialect extends SqliteDialect {
  constructor(
    private readonly raw: BetterSqlite3.Database,
    private readonly file: string,
  ) {
    // The base class only needs a database for its own driver, which is never created.
    super({ database: {} as never });
  }
  override createDriver(): Driver {
    return new TesseraSqliteDriver(this.raw, openReader(this.file));
  }
}

/** Statements on one better-sqlite3 connection, prepared once (LRU-ish cache by SQL text). */
class StatementRunner {
  private readonly cache = new Map<string, CachedStatement>();
  constructor(readonly raw: BetterSqlite3.Database) {}

  prepared(sql: string): CachedStatement {
    let entry = this.cache.get(sql);
    if (!entry) {
      const stmt = this.raw.prepare(sql);
      entry = { stmt, reader: stmt.reader, readOnlySelect: stmt.reader && stmt.readonly && /^\s*(select|with)\b/i.test(sql), bools: null, jsons: null };
      if (this.cache.size >= STATEMENT_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(sql, entry);
    }
    return entry;
  }

  run(sql: string): void {
    this.prepared(sql).stmt.run();
  }

  execute<R>(entry: CachedStatement, parameters: ReadonlyArray<unknown>): QueryResult<R> {
    const params = encodeParams(parameters);
    if (entry.reader) {
      const rows = entry.stmt.all(...params) as Record<string, unknown>[];
      decodeRows(entry, rows);
      return { rows: rows as R[] };
    }
    const { changes, lastInsertRowid } = entry.stmt.run(...params);
    return {
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    };
  }

  *stream<R>(compiledQuery: CompiledQuery): IterableIterator<QueryResult<R>> {
    // Streaming gets its own statement: a cached one may be in use by another iterator.
    const own = this.raw.prepare(compiledQuery.sql);
    const entry: CachedStatement = { stmt: own, reader: true, readOnlySelect: true, bools: null, jsons: null };
    for (const row of own.iterate(...encodeParams(compiledQuery.parameters)) as IterableIterator<Record<string, unknown>>) {
      decodeRows(entry, [row]);
      yield { rows: [row as R] };
    }
  }

  clear(): void {
    this.cache.clear();
  }
}

interface Deferred {
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * What Kysely holds between acquireConnection and releaseConnection. Sessions are pooled (Kysely
 * remembers every connection object it was ever given). A session takes the writer only for a
 * transaction or a write; plain reads go to the reader connection without queueing.
 */
class Session implements DatabaseConnection {
  holdsWriter = false;
  inTx = false;
  constructor(private readonly driver: TesseraSqliteDriver) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute<R>(this, compiledQuery);
  }

  streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    return this.driver.stream<R>(this, compiledQuery);
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Group commit. Transactions on the one write connection run one after another, as before, but a
 * transaction's COMMIT is shared: BEGIN IMMEDIATE opens a group, each Kysely transaction is a
 * SAVEPOINT inside it (RELEASE on commit, ROLLBACK TO on rollback — it undoes only its own
 * work), and the group COMMITs — one WAL fsync under synchronous=FULL — as soon as the writer has
 * no transaction waiting for it (checked once per event-loop turn, so the requests that arrived
 * meanwhile join in), or when it holds MAX_GROUP transactions. Every transaction's commit
 * resolves only after that COMMIT returned: a 2xx still means committed and durable. If the
 * COMMIT fails, every transaction of the group fails with it (none of them was answered yet).
 * Reads outside transactions use a second connection and see committed data only, never a
 * transaction of an open group.
 */
const MAX_GROUP = 64;
const LOGICAL_TX = 'tessera_tx';

class TesseraSqliteDriver implements Driver {
  private readonly writer: StatementRunner;
  private readonly reader: StatementRunner | null;
  private busy = false;
  private readonly waiting: (() => void)[] = [];
  private readonly free: Session[] = [];
  /** Transactions released into the open group, waiting for its COMMIT; null when no group is open. */
  private group: Deferred[] | null = null;
  private flushScheduled = false;
  private destroyed = false;

  constructor(
    private readonly raw: BetterSqlite3.Database,
    reader: BetterSqlite3.Database | null,
  ) {
    this.writer = new StatementRunner(raw);
    this.reader = reader ? new StatementRunner(reader) : null;
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(this.free.pop() ?? new Session(this));
  }

  async releaseConnection(c: DatabaseConnection): Promise<void> {
    const s = c as Session;
    if (s.holdsWriter) this.releaseWriter(s);
    s.inTx = false;
    this.free.push(s);
  }

  private takeWriter(s: Session): Promise<void> | void {
    if (!this.busy) {
      this.busy = true;
      s.holdsWriter = true;
      return;
    }
    return new Promise<void>((resolve) =>
      this.waiting.push(() => {
        s.holdsWriter = true;
        resolve();
      }),
    );
  }

  /** Hand the writer straight to the longest waiter (FIFO); with none, let the open group commit. */
  private releaseWriter(s: Session): void {
    s.holdsWriter = false;
    const next = this.waiting.shift();
    if (next) return next();
    this.busy = false;
    if (this.group) this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      // A transaction that took the writer meanwhile joins the group; it flushes when it is done.
      if (!this.busy && this.group) this.flush();
    });
  }

  /** COMMIT the open group and settle its transactions. */
  private flush(): void {
    const group = this.group;
    if (!group) return;
    this.group = null;
    try {
      if (!this.raw.inTransaction) throw new Error('the group transaction was rolled back by SQLite');
      this.writer.run('commit');
    } catch (err) {
      if (this.raw.inTransaction) {
        try {
          this.writer.run('rollback');
        } catch {
          /* already gone */
        }
      }
      for (const d of group) d.reject(err);
      return;
    }
    for (const d of group) d.resolve();
  }

  /** SQLite rolled the whole group back on its own (an I/O error, a full disk…): fail its members. */
  private dropLostGroup(): void {
    if (this.group && !this.raw.inTransaction) {
      const lost = this.group;
      this.group = null;
      const err = new Error('the group transaction was rolled back by SQLite');
      for (const d of lost) d.reject(err);
    }
  }

  async execute<R>(s: Session, q: CompiledQuery): Promise<QueryResult<R>> {
    if (s.inTx) return this.writer.execute<R>(this.writer.prepared(q.sql), q.parameters);
    const entry = this.readerStatement(q.sql);
    if (entry) return this.reader!.execute<R>(entry, q.parameters);
    // A write (or a pragma) outside a transaction: after the open group, in autocommit.
    const wait = this.takeWriter(s);
    if (wait) await wait;
    try {
      this.dropLostGroup();
      if (this.group) this.flush();
      return this.writer.execute<R>(this.writer.prepared(q.sql), q.parameters);
    } finally {
      this.releaseWriter(s);
    }
  }

  /** The reader's statement for a plain SELECT outside a transaction; null when it must go to the writer. */
  private readerStatement(sql: string): CachedStatement | null {
    if (!this.reader) return null;
    try {
      const entry = this.reader.prepared(sql);
      return entry.readOnlySelect ? entry : null;
    } catch {
      return null; // e.g. a table an open group just created: the writer will say
    }
  }

  async *stream<R>(s: Session, q: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(q.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    if (s.inTx) return yield* this.writer.stream<R>(q);
    if (this.reader) return yield* this.reader.stream<R>(q);
    const wait = this.takeWriter(s);
    if (wait) await wait;
    try {
      this.dropLostGroup();
      if (this.group) this.flush();
      yield* this.writer.stream<R>(q);
    } finally {
      this.releaseWriter(s);
    }
  }

  async beginTransaction(c: DatabaseConnection): Promise<void> {
    const s = c as Session;
    const wait = this.takeWriter(s);
    if (wait) await wait;
    // On a failure here Kysely releases the session, which hands the writer on.
    this.dropLostGroup();
    if (!this.group) {
      this.writer.run('begin immediate');
      this.group = [];
    }
    this.writer.run(`savepoint ${LOGICAL_TX}`);
    s.inTx = true;
  }

  commitTransaction(c: DatabaseConnection): Promise<void> {
    const s = c as Session;
    const group = this.group as Deferred[];
    try {
      this.writer.run(`release ${LOGICAL_TX}`);
    } catch (err) {
      return Promise.reject(err);
    }
    s.inTx = false;
    const done = new Promise<void>((resolve, reject) => group.push({ resolve, reject }));
    if (group.length >= MAX_GROUP) this.flush();
    this.releaseWriter(s);
    return done;
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    const s = c as Session;
    // After a failed group COMMIT Kysely calls this too: nothing is left to undo.
    if (!s.inTx) return;
    s.inTx = false;
    this.dropLostGroup();
    if (this.group) {
      this.writer.run(`rollback to ${LOGICAL_TX}`);
      this.writer.run(`release ${LOGICAL_TX}`);
    }
    this.releaseWriter(s);
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
    if (this.destroyed) return;
    this.destroyed = true;
    this.flush();
    this.writer.clear();
    this.reader?.clear();
    this.reader?.raw.close();
    this.raw.close();
  }
}
