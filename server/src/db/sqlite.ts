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
 * - a first-come-first-served queue for the one writer: Kysely's mutex wakes every waiter on
 *   each release and lets them race for it, which under a queue of 32 requests costs a wake-up per
 *   waiter per statement and lets a request wait behind later arrivals,
 * - group commit on the writer and a second, query-only connection for plain reads (see
 *   TesseraSqliteDriver below).
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

/** Counters of the writer: how many transactions committed in how many COMMITs (group commit). */
export interface GroupCommitStats {
  transactions: number;
  commits: number;
}

export function openSqlite(opts: SqliteOptions): { raw: BetterSqlite3.Database; dialect: KyselyDialect; stats: GroupCommitStats } {
  if (opts.file !== ':memory:') mkdirSync(dirname(opts.file), { recursive: true });
  const raw = new BetterSqlite3(opts.file);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${opts.synchronous}`);
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 10000');
  raw.pragma('temp_store = MEMORY');
  raw.pragma('cache_size = -64000');
  const stats: GroupCommitStats = { transactions: 0, commits: 0 };
  return { raw, dialect: new TesseraSqliteDialect(raw, opts.file, stats), stats };
}

class TesseraSqliteDialect extends SqliteDialect {
  constructor(
    private readonly raw: BetterSqlite3.Database,
    private readonly file: string,
    private readonly stats: GroupCommitStats,
  ) {
    // The base class only needs a database for its own driver, which is never created.
    super({ database: {} as never });
  }
  override createDriver(): Driver {
    return new TesseraSqliteDriver(this.raw, this.file, this.stats);
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

  /** True for a statement that cannot write (better-sqlite3 asks SQLite). */
  isReadonly(sql: string): boolean {
    try {
      return this.prepared(sql).stmt.readonly;
    } catch {
      return false; // the writer will report what is wrong with it
    }
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

/** At most this many transactions share one COMMIT (one fsync). */
const MAX_GROUP = 64;

interface GroupMember {
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * What Kysely holds while it runs a query or a transaction. Leases are cheap: a plain read needs
 * no writer and runs on the read connection at once; a transaction or a write takes the one
 * writer, first come first served.
 */
class SqliteLease implements DatabaseConnection {
  inTx = false;
  holdsWriter = false;
  /** Its transaction is done and waits for the group's COMMIT; the writer went on to others. */
  handedOff = false;
  constructor(private readonly driver: TesseraSqliteDriver) {}
  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute<R>(this, compiledQuery);
  }
  streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    return this.driver.stream<R>(this, compiledQuery);
  }
}

/**
 * One writer connection with **group commit**, and a read connection.
 *
 * SQLite writes one transaction at a time; with synchronous=FULL each COMMIT waits for an fsync
 * and writes every page the transaction touched to the WAL again. So transactions that finish in
 * the same turn of the event loop share one COMMIT: each runs inside a SAVEPOINT of one open
 * `BEGIN IMMEDIATE` transaction (an error rolls back only its own savepoint), and its caller is
 * answered only when the shared COMMIT has returned — a 2xx still means committed. The COMMIT
 * runs at the end of the turn (setImmediate), when the group reaches MAX_GROUP, or before a plain
 * write. If the COMMIT fails, every transaction of the group fails with it (none committed).
 *
 * Plain reads (outside a transaction) run on a second, query-only connection, so they never
 * queue behind writers and never see a group that has not committed yet.
 */
class TesseraSqliteDriver implements Driver {
  private readonly writer: TesseraSqliteConnection;
  private readonly reader: TesseraSqliteConnection | null;
  private readerRaw: BetterSqlite3.Database | null = null;
  private busy = false;
  private readonly waiting: (() => void)[] = [];
  /** The open transaction's finished members, waiting for its COMMIT. */
  private group: GroupMember[] | null = null;
  private flushScheduled = false;
  private flushWhenFree = false;

  constructor(
    private readonly raw: BetterSqlite3.Database,
    file: string,
    private readonly stats: GroupCommitStats,
  ) {
    this.writer = new TesseraSqliteConnection(raw);
    if (file !== ':memory:' && file !== '') {
      const r = new BetterSqlite3(file, { readonly: false, fileMustExist: true });
      r.pragma('busy_timeout = 10000');
      r.pragma('query_only = ON');
      r.pragma('temp_store = MEMORY');
      r.pragma('cache_size = -64000');
      this.readerRaw = r;
      this.reader = new TesseraSqliteConnection(r);
    } else {
      this.reader = null;
    }
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new SqliteLease(this));
  }

  async releaseConnection(c: DatabaseConnection): Promise<void> {
    const lease = c as SqliteLease;
    if (lease.handedOff || !lease.holdsWriter) return;
    lease.holdsWriter = false;
    this.passWriter();
  }

  private takeWriter(lease: SqliteLease): Promise<void> | void {
    if (lease.holdsWriter) return;
    lease.holdsWriter = true;
    if (!this.busy) {
      this.busy = true;
      return;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hand the writer to the longest waiter (it stays busy in between), or commit and go idle. */
  private passWriter(): void {
    if (this.flushWhenFree && this.group) this.commitGroup();
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (!this.group) return;
      if (this.busy) this.flushWhenFree = true; // the holder is inside a transaction: commit when it lets go
      else this.commitGroup();
    });
  }

  /** COMMIT the open group; its members are answered (or all fail). Never throws. */
  private commitGroup(): unknown {
    const members = this.group;
    if (!members) return undefined;
    this.group = null;
    this.flushWhenFree = false;
    let failure: unknown;
    try {
      this.writer.run('commit');
    } catch (err) {
      failure = err;
      if (this.raw.inTransaction) {
        try {
          this.writer.run('rollback');
        } catch {
          // The connection reports the first error; there is nothing more to undo.
        }
      }
    }
    if (failure === undefined) {
      this.stats.commits++;
      this.stats.transactions += members.length;
    }
    for (const m of members) failure === undefined ? m.resolve() : m.reject(failure);
    return failure;
  }

  execute<R>(lease: SqliteLease, q: CompiledQuery): Promise<QueryResult<R>> {
    if (lease.inTx || lease.holdsWriter) return this.writer.executeQuery<R>(q);
    if (this.reader && this.reader.isReadonly(q.sql)) return this.reader.executeQuery<R>(q);
    // A write outside a transaction: the open group commits first, then it autocommits.
    const wait = this.takeWriter(lease);
    const run = (): Promise<QueryResult<R>> => {
      if (this.group) {
        const failure = this.commitGroup();
        if (failure !== undefined) return Promise.reject(failure);
      }
      return this.writer.executeQuery<R>(q);
    };
    return wait ? wait.then(run) : run();
  }

  stream<R>(lease: SqliteLease, q: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (lease.inTx || lease.holdsWriter || !this.reader) {
      if (!lease.inTx && !lease.holdsWriter) throw new Error('streaming outside a transaction needs a file database');
      return this.writer.streamQuery<R>(q);
    }
    return this.reader.streamQuery<R>(q);
  }

  async beginTransaction(c: DatabaseConnection): Promise<void> {
    const lease = c as SqliteLease;
    await this.takeWriter(lease);
    try {
      if (this.group && this.group.length >= MAX_GROUP) this.commitGroup();
      if (!this.group) {
        this.writer.run('begin immediate');
        this.group = [];
      }
      this.writer.run('savepoint tessera_tx');
    } catch (err) {
      lease.holdsWriter = false;
      this.passWriter();
      throw err;
    }
    lease.inTx = true;
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    const lease = c as SqliteLease;
    this.writer.run('release tessera_tx');
    lease.inTx = false;
    const group = this.group!;
    const committed = new Promise<void>((resolve, reject) => group.push({ resolve, reject }));
    if (group.length >= MAX_GROUP) {
      this.commitGroup(); // answers this one too; the lease lets the writer go as usual
      return committed;
    }
    // Let the writer go on to the next transaction of this turn; answer after the group's COMMIT.
    lease.handedOff = true;
    lease.holdsWriter = false;
    this.scheduleFlush();
    this.passWriter();
    return committed;
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    const lease = c as SqliteLease;
    // Handed off: its group's COMMIT failed and the group is already rolled back.
    if (lease.handedOff || !lease.inTx) return;
    lease.inTx = false;
    if (this.raw.inTransaction) {
      this.writer.run('rollback to tessera_tx');
      this.writer.run('release tessera_tx');
      return;
    }
    // SQLite rolled the whole transaction back (I/O error, disk full): the group is lost with it.
    const members = this.group ?? [];
    this.group = null;
    const err = Object.assign(new Error('the database rolled back a group of transactions'), { code: 'SQLITE_ABORT' });
    for (const m of members) m.reject(err);
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
    this.commitGroup();
    this.writer.clear();
    this.reader?.clear();
    this.readerRaw?.close();
    this.raw.close();
  }
}
