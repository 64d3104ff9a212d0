import { z } from 'zod';
import { CommonErrors } from './errors';

/**
 * Cursor pagination. Lists are ordered by a stable key (usually the sortable id, newest first);
 * the cursor is the opaque, base64url-encoded key of the last row returned.
 */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const paginationQuery = {
  cursor: z.string().max(512).optional().describe('Opaque cursor from the previous page’s nextCursor'),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe('Page size (1–200)'),
};

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decode a cursor; a cursor that was not made by encodeCursor is a 400, not an empty page. */
export function decodeCursor(cursor: string | undefined): unknown[] | undefined {
  if (!cursor) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    v = undefined;
  }
  if (!Array.isArray(v)) {
    throw CommonErrors.VALIDATION_FAILED({ details: [{ path: 'cursor', code: 'invalid_cursor', message: 'invalid cursor' }] });
  }
  return v;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Given rows fetched with limit + 1, cut to `limit` and compute the next cursor. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => unknown[]): Page<T> {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  return { items, nextCursor: hasMore ? encodeCursor(keyOf(items[items.length - 1])) : null };
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
