import pg from 'pg';

/**
 * pg pool with type parsers set in one place: BIGINT/COUNT and NUMERIC sums come back as
 * numbers (amounts are integer fen, far below 2^53), timestamps as ISO-8601 UTC strings —
 * the same shapes the SQLite side returns.
 */
const INT8 = 20;
const NUMERIC = 1700;
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const DATE = 1082;

function parseSafeInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer out of safe range: ${text}`);
  return n;
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case INT8:
        return parseSafeInteger;
      case NUMERIC:
        return (text: string) => Number(text);
      case TIMESTAMPTZ:
        return (text: string) => new Date(text).toISOString();
      case TIMESTAMP:
        return (text: string) => new Date(`${text.replace(' ', 'T')}Z`).toISOString();
      case DATE:
        return (text: string) => text;
      default:
        return pg.types.getTypeParser(oid, format as 'text');
    }
  },
};

export function openPgPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    types: types as unknown as pg.CustomTypesConfig,
    // Fail fast when the server is gone instead of hanging a request.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  return pool;
}
