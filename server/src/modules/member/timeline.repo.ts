import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database';
import type { MemberTimelineTable } from '../../db/schema';

export const timelineRepo = {
  insert: (db: Executor, row: Insertable<MemberTimelineTable>) => db.insertInto('member_timeline').values(row).execute(),
  insertMany: async (db: Executor, rows: Insertable<MemberTimelineTable>[]) => {
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('member_timeline').values(rows.slice(i, i + 500)).execute();
  },

  /** Newest first; the cursor is (occurred_at, id) of the last row seen. */
  list: (db: Executor, tenantId: string, memberId: string, f: { kinds?: string[]; before?: [string, string]; limit: number }) => {
    let q = db.selectFrom('member_timeline').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId);
    if (f.kinds?.length) q = q.where('kind', 'in', f.kinds);
    if (f.before) {
      const [at, id] = f.before;
      q = q.where((eb) => eb.or([eb('occurred_at', '<', at), eb.and([eb('occurred_at', '=', at), eb('id', '<', id)])]));
    }
    return q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
  },

  /** Empty the summaries of entries whose kind starts with one of the prefixes (erasure). */
  clearSummaries: (db: Executor, tenantId: string, memberId: string, kindPrefixes: string[]) =>
    db
      .updateTable('member_timeline')
      .set({ summary_json: '{}' })
      .where('tenant_id', '=', tenantId)
      .where('member_id', '=', memberId)
      .where((eb) => eb.or(kindPrefixes.map((p) => eb('kind', 'like', `${p}%`))))
      .execute(),
};
