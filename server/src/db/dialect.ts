import { CompiledQuery, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';

/**
 * Every difference between SQLite and PostgreSQL lives here.
 *
 * Conventions the schema follows so values decode in one place (a test checks them on the
 * migrated PostgreSQL schema):
 * - boolean columns are named `is_…`, `has_…` or `allow_…` (SQLite stores them as 0/1);
 * - JSON columns end in `_json` (jsonb on PostgreSQL, text on SQLite);
 * - timestamps are ISO-8601 UTC strings in code (timestamptz on PostgreSQL, text on SQLite);
 * - business dates are `YYYY-MM-DD` strings (date on PostgreSQL, text on SQLite);
 * - money and counters are BIGINT / INTEGER and come back as JS numbers on both.
 */
export type DialectKind = 'sqlite' | 'postgres';

export const BOOLEAN_COLUMN = /^(is|has|allow)_/;
export const JSON_COLUMN = /_json$/;

/** better-sqlite3 refuses booleans and Dates as parameters. */
export function encodeSqliteParam(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  return v;
}

/** SQLite hands back 0/1 for booleans and text for JSON; decode by column-name convention. */
export function decodeSqliteRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const key in row) {
    const v = row[key];
    if (typeof v === 'number') {
      if (BOOLEAN_COLUMN.test(key)) row[key] = v !== 0;
    } else if (typeof v === 'string' && JSON_COLUMN.test(key)) {
      row[key] = JSON.parse(v);
    }
  }
  return row;
}

/** Encode a value for a `_json` column (pg would turn a JS array into a PostgreSQL array). */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export interface ColumnTypes {
  timestamp: 'timestamptz' | 'text';
  date: 'date' | 'text';
  json: 'jsonb' | 'text';
  bool: 'boolean' | 'integer';
  /** Money in fen, counters that may grow large. */
  bigint: 'bigint';
  /** Binary data (photos, uploaded files); both drivers hand back a Buffer. */
  blob: 'bytea' | 'blob';
  /** Floating-point numbers (custom-field values), never money. */
  double: 'double precision' | 'real';
}

export function columnTypes(kind: DialectKind): ColumnTypes {
  return kind === 'postgres'
    ? { timestamp: 'timestamptz', date: 'date', json: 'jsonb', bool: 'boolean', bigint: 'bigint', blob: 'bytea', double: 'double precision' }
    : { timestamp: 'text', date: 'text', json: 'text', bool: 'integer', bigint: 'bigint', blob: 'blob', double: 'real' };
}

export class Dialect {
  readonly types: ColumnTypes;
  constructor(readonly kind: DialectKind) {
    this.types = columnTypes(kind);
  }

  get isPostgres(): boolean {
    return this.kind === 'postgres';
  }

  /**
   * Text compared byte by byte (code-point order), for search keys queried with prefix ranges
   * (`term >= 'zxm' and term < 'zxn'`): PostgreSQL's default collation orders by language rules,
   * so a range would not equal a prefix there; SQLite's default BINARY collation already is.
   */
  get bytewiseText(): Expression<unknown> | 'text' {
    return this.isPostgres ? sql`text collate "C"` : 'text';
  }

  /**
   * Lock the selected rows until the transaction ends. On PostgreSQL this is FOR UPDATE; on
   * SQLite every write transaction already holds the database write lock (BEGIN IMMEDIATE).
   */
  forUpdate<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
    return this.isPostgres ? qb.forUpdate() : qb;
  }

  /**
   * A shared lock on the selected rows until the transaction ends: any number of transactions
   * hold it together, a FOR UPDATE or a write of the row waits for all of them (and they for it).
   * PostgreSQL FOR SHARE; SQLite needs nothing (one writer).
   */
  forShare<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
    return this.isPostgres ? qb.forShare() : qb;
  }

  /**
   * SQLite: keep a narrow key-only table (search terms) in its primary-key b-tree, without a
   * rowid, which halves its size and speeds up range scans. PostgreSQL has no such option.
   */
  clustered<T extends { modifyEnd(modifier: Expression<unknown>): T }>(builder: T): T {
    return this.isPostgres ? builder : builder.modifyEnd(sql`without rowid`);
  }

  /** Claim rows other workers have not claimed (outbox, sweeps). */
  forUpdateSkipLocked<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
    return this.isPostgres ? qb.forUpdate().skipLocked() : qb;
  }

  /** Case-insensitive LIKE: ILIKE on PostgreSQL; SQLite's LIKE is case-insensitive for ASCII. */
  ilike(column: Expression<unknown>, pattern: string): Expression<SqlBool> {
    return this.isPostgres ? sql<SqlBool>`${column} ILIKE ${pattern}` : sql<SqlBool>`${column} LIKE ${pattern} ESCAPE '\\'`;
  }

  /** Escape %, _ and \ for use inside a LIKE pattern. */
  likeEscape(text: string): string {
    return text.replace(/[\\%_]/g, (c) => `\\${c}`);
  }

  isUniqueViolation(err: unknown): boolean {
    const e = err as { code?: string };
    return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  }

  isForeignKeyViolation(err: unknown): boolean {
    const e = err as { code?: string };
    return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
  }

  /** Serialization failures and deadlocks: the transaction may simply be retried. */
  isRetryable(err: unknown): boolean {
    const e = err as { code?: string };
    return e?.code === '40001' || e?.code === '40P01' || e?.code === 'SQLITE_BUSY';
  }

  /** A session-level advisory lock key for a name (PostgreSQL only). */
  async tryAdvisoryXactLock(trx: Kysely<unknown>, name: string): Promise<boolean> {
    if (!this.isPostgres) return true;
    const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext(${name})) as ok`.execute(trx);
    return r.rows[0]?.ok === true;
  }

  /**
   * PostgreSQL bulk insert: INSERT … SELECT FROM unnest(one array per column), up to 5,000 rows
   * a statement — a few dozen parameters to parse and plan instead of a VALUES list with one per
   * cell. The element types come from the catalog, read once per table and process.
   */
  async insertUnnest(db: Kysely<unknown>, table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
    if (!this.isPostgres) throw new Error('insertUnnest is PostgreSQL only');
    let types = pgColumnTypes.get(table);
    if (!types) {
      const r = await sql<{ name: string; type: string }>`select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`.execute(db);
      types = new Map(r.rows.map((c) => [c.name, c.type]));
      pgColumnTypes.set(table, types);
    }
    const casts = columns.map((c, i) => {
      const type = types.get(c);
      if (!type) throw new Error(`${table}.${c}: no such column`);
      return `$${i + 1}::${type}[]`;
    });
    const text = `insert into ${table} (${columns.join(', ')}) select * from unnest(${casts.join(', ')})`;
    const PG_ROWS = 5000;
    for (let i = 0; i < rows.length; i += PG_ROWS) {
      const part = rows.length <= PG_ROWS ? rows : rows.slice(i, i + PG_ROWS);
      await db.executeQuery(CompiledQuery.raw(text, columns.map((_, c) => part.map((r) => r[c] ?? null))));
    }
  }

  /**
   * PostgreSQL: ANALYZE `table` when its statistics count fewer than `atLeast` rows. A bulk load
   * into a (nearly) empty table otherwise leaves plans made for an empty table — foreign-key
   * checks are planned once per connection, a sequential scan per inserted row. Holds SHARE
   * UPDATE EXCLUSIVE until commit (VACUUM, index builds wait; reads and writes do not).
   * SQLite: nothing.
   */
  async analyzeIfFewerThan(db: Kysely<unknown>, table: string, atLeast: number): Promise<void> {
    if (!this.isPostgres) return;
    const r = await sql<{ n: number }>`select reltuples::float8 as n from pg_class where oid = ${table}::regclass`.execute(db);
    if (Number(r.rows[0]?.n ?? 0) >= atLeast) return;
    await sql`analyze ${sql.table(table)}`.execute(db);
  }
}

/** PostgreSQL column types by table (the schema is the same in every Tessera database). */
const pgColumnTypes = new Map<string, Map<string, string>>();
