import { type Insertable, type Selectable, sql } from 'kysely';
import type { Executor } from '../../db/database';
import type { Dialect } from '../../db/dialect';
import { precompiled, precompiledInsert } from '../../db/precompiled';
import type { AssetKind, LedgerAccountsTable, LedgerEntriesTable, LedgerJournalsTable } from '../../db/schema';

export type AccountRow = Selectable<LedgerAccountsTable>;
export type EntryRow = Selectable<LedgerEntriesTable>;
export type JournalRow = Selectable<LedgerJournalsTable>;

// Every posting runs these two: compiled once (see db/precompiled.ts).
const setBalance = precompiled((db: Executor, tenantId: string, id: string, balance: number, entryCount: number, at: string) =>
  db.updateTable('ledger_accounts').set({ balance, entry_count: entryCount, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id),
);
const insertJournal = precompiledInsert('ledger_journals', [
  'tenant_id', 'id', 'member_id', 'kind', 'store_id', 'order_id', 'ref_type', 'ref_id', 'reason',
  'actor_type', 'actor_id', 'actor_name', 'request_id', 'reverses_journal_id', 'business_date', 'created_at',
]);

export const ledgerRepo = {
  insertMissingAccounts: (db: Executor, rows: Insertable<LedgerAccountsTable>[]) =>
    db
      .insertInto('ledger_accounts')
      .values(rows)
      .onConflict((oc) => oc.columns(['tenant_id', 'member_id', 'kind', 'ref_id']).doNothing())
      .execute(),

  /** The member's accounts of the given kinds, locked for the rest of the transaction (id order: no deadlocks). */
  lockAccounts: (db: Executor, d: Dialect, tenantId: string, memberId: string, kinds: AssetKind[], refIds: string[]) =>
    d
      .forUpdate(
        db
          .selectFrom('ledger_accounts')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('member_id', '=', memberId)
          .where('kind', 'in', kinds)
          .where('ref_id', 'in', refIds)
          .orderBy('id'),
      )
      .execute(),

  accountsOf: (db: Executor, tenantId: string, memberId: string) =>
    db.selectFrom('ledger_accounts').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).orderBy('kind').execute(),

  setBalance: (db: Executor, tenantId: string, id: string, balance: number, entryCount: number, at: string) => setBalance.execute(db, tenantId, id, balance, entryCount, at),

  /** Cached balances of several accounts in one statement (a stored-value spend moves principal and bonus). */
  setBalances: async (db: Executor, tenantId: string, rows: { id: string; balance: number; entryCount: number }[], at: string) => {
    if (rows.length === 1) return void (await setBalance.execute(db, tenantId, rows[0].id, rows[0].balance, rows[0].entryCount, at));
    if (!rows.length) return;
    const byId = (value: (r: (typeof rows)[number]) => number) => sql<number>`case ${sql.ref('id')} ${sql.join(rows.map((r) => sql`when ${r.id} then cast(${value(r)} as bigint)`), sql` `)} end`;
    await db
      .updateTable('ledger_accounts')
      .set({ balance: byId((r) => r.balance), entry_count: byId((r) => r.entryCount), updated_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', rows.map((r) => r.id))
      .execute();
  },

  insertJournal: (db: Executor, row: Insertable<LedgerJournalsTable>) => insertJournal.execute(db, row),
  insertEntries: (db: Executor, rows: Insertable<LedgerEntriesTable>[]) => db.insertInto('ledger_entries').values(rows).execute(),

  entriesByIds: (db: Executor, tenantId: string, ids: string[]) =>
    ids.length ? db.selectFrom('ledger_entries').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([] as EntryRow[]),

  entriesOfJournals: (db: Executor, tenantId: string, journalIds: string[]) =>
    journalIds.length
      ? db.selectFrom('ledger_entries').selectAll().where('tenant_id', '=', tenantId).where('journal_id', 'in', journalIds).orderBy('id').execute()
      : Promise.resolve([] as EntryRow[]),

  journalsOfOrder: (db: Executor, tenantId: string, orderId: string) =>
    db.selectFrom('ledger_journals').selectAll().where('tenant_id', '=', tenantId).where('order_id', '=', orderId).orderBy('id').execute(),

  journalById: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('ledger_journals').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),

  /** Sum of later partial adjustments that refer to an entry (e.g. partial refunds of a spend). */
  referredSums: (db: Executor, tenantId: string, entryIds: string[]) =>
    entryIds.length
      ? db
          .selectFrom('ledger_entries')
          .select(['refers_to_entry_id', (eb) => eb.fn.sum<number>('amount').as('total')])
          .where('tenant_id', '=', tenantId)
          .where('refers_to_entry_id', 'in', entryIds)
          .groupBy('refers_to_entry_id')
          .execute()
      : Promise.resolve([]),

  sumByJournalKinds: async (db: Executor, tenantId: string, memberId: string, asset: AssetKind, journalKinds: string[]) => {
    const r = await db
      .selectFrom('ledger_entries as e')
      .innerJoin('ledger_journals as j', (jn) => jn.onRef('j.tenant_id', '=', 'e.tenant_id').onRef('j.id', '=', 'e.journal_id'))
      .select((eb) => eb.fn.sum<number>('e.amount').as('total'))
      .where('e.tenant_id', '=', tenantId)
      .where('e.member_id', '=', memberId)
      .where('e.kind', '=', asset)
      .where('j.kind', 'in', journalKinds)
      .executeTakeFirst();
    return Number(r?.total ?? 0);
  },

  listJournals: (
    db: Executor,
    tenantId: string,
    f: { memberId: string; kinds?: string[]; assets?: AssetKind[]; from?: string; to?: string; beforeId?: string; limit: number },
  ) => {
    let q = db.selectFrom('ledger_journals').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', f.memberId);
    if (f.kinds?.length) q = q.where('kind', 'in', f.kinds);
    if (f.from) q = q.where('created_at', '>=', f.from);
    if (f.to) q = q.where('created_at', '<', f.to);
    if (f.assets?.length) {
      const assets = f.assets;
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('ledger_entries as e')
            .select('e.id')
            .whereRef('e.tenant_id', '=', 'ledger_journals.tenant_id')
            .whereRef('e.journal_id', '=', 'ledger_journals.id')
            .where('e.kind', 'in', assets),
        ),
      );
    }
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  },
};
