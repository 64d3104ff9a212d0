import type { Database, Executor } from '../../db/database';
import type { AssetKind } from '../../db/schema';
import type { Clock } from '../../shared/clock';
import type { Ctx } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import { ASSET_NAMES, LedgerErrors, formatAsset } from './ledger.errors';
import { type AccountRow, ledgerRepo } from './ledger.repo';

/**
 * The one append-only ledger of member assets. Every change is a journal (one business event:
 * who, when, which store, why, which order) with entries (one per account touched) carrying the
 * balance after. Accounts cache balances and are locked for the duration of a posting, so two
 * cashiers acting on one member are serialised and no balance ever goes below zero (the
 * database checks it too). Corrections are reversal entries pointing at what they reverse.
 */
export interface AccountSpec {
  kind: AssetKind;
  refId?: string;
}

export interface PostingLine extends AccountSpec {
  amount: number;
  reversesEntryId?: string;
  refersToEntryId?: string;
}

export interface PostingInput {
  memberId: string;
  kind: string;
  storeId?: string | null;
  orderId?: string | null;
  refType?: string | null;
  refId?: string | null;
  reason?: string | null;
  reversesJournalId?: string | null;
  lines: PostingLine[];
}

export interface PostedEntry {
  id: string;
  accountId: string;
  kind: AssetKind;
  refId: string;
  amount: number;
  balanceAfter: number;
}

export interface Posting {
  journalId: string;
  entries: PostedEntry[];
}

export interface LockedAccounts {
  balance(kind: AssetKind, refId?: string): number;
  account(kind: AssetKind, refId?: string): AccountRow;
}

export interface JournalView {
  id: string;
  kind: string;
  storeId: string | null;
  orderId: string | null;
  refType: string | null;
  refId: string | null;
  reason: string | null;
  actorName: string | null;
  reversesJournalId: string | null;
  businessDate: string;
  createdAt: string;
  entries: { id: string; kind: AssetKind; refId: string; amount: number; balanceAfter: number; reversesEntryId: string | null; refersToEntryId: string | null }[];
}

const key = (kind: AssetKind, refId = '') => `${kind}|${refId}`;

export type LedgerService = ReturnType<typeof createLedgerService>;

export function createLedgerService(deps: { database: Database; clock: Clock; businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string> }) {
  const { database, clock } = deps;
  const d = database.dialect;

  /**
   * Accounts a transaction has already locked, as it last wrote them. One checkout locks the same
   * accounts more than once (stored value to check and split the spend, then to post it; points
   * to price the order, then to earn): the row lock lasts until the transaction ends, and every
   * balance change goes through post() below, so the rows it remembers are the rows in the database.
   */
  const lockedInTx = new WeakMap<object, Map<string, AccountRow>>();
  const memoKey = (memberId: string, kind: AssetKind, refId = '') => `${memberId}|${kind}|${refId}`;

  async function lock(trx: Executor, ctx: Ctx, memberId: string, specs: AccountSpec[]): Promise<LockedAccounts> {
    let memo = trx.isTransaction ? lockedInTx.get(trx) : undefined;
    if (trx.isTransaction && !memo) lockedInTx.set(trx, (memo = new Map()));
    const wanted = new Map(specs.map((s) => [key(s.kind, s.refId), s]));
    const missing = [...wanted.values()].filter((s) => !memo?.has(memoKey(memberId, s.kind, s.refId)));
    const byKey = new Map<string, AccountRow>();
    const remember = (rows: AccountRow[]) => {
      for (const r of rows) {
        byKey.set(key(r.kind, r.ref_id), r);
        memo?.set(memoKey(memberId, r.kind, r.ref_id), r);
      }
    };
    const lockRows = (of: AccountSpec[]) =>
      ledgerRepo.lockAccounts(
        trx,
        d,
        ctx.tenantId,
        memberId,
        [...new Set(of.map((s) => s.kind))],
        [...new Set(of.map((s) => s.refId ?? ''))],
      );
    if (missing.length) {
      // Lock what exists (the usual case: one statement); create what does not, then lock that too.
      remember(await lockRows(missing));
      const absent = missing.filter((s) => !byKey.has(key(s.kind, s.refId)));
      if (absent.length) {
        const now = clock.iso();
        await ledgerRepo.insertMissingAccounts(
          trx,
          absent.map((s) => ({
            tenant_id: ctx.tenantId,
            id: newId(ID_PREFIXES.ledgerAccount),
            member_id: memberId,
            kind: s.kind,
            ref_id: s.refId ?? '',
            balance: 0,
            entry_count: 0,
            created_at: now,
            updated_at: now,
          })),
        );
        remember(await lockRows(absent));
      }
    }
    for (const s of wanted.values()) {
      const r = memo?.get(memoKey(memberId, s.kind, s.refId));
      if (r) byKey.set(key(s.kind, s.refId), r);
    }
    return {
      balance: (kind, refId) => byKey.get(key(kind, refId))?.balance ?? 0,
      account: (kind, refId) => {
        const a = byKey.get(key(kind, refId));
        if (!a) throw new Error(`account ${kind}/${refId ?? ''} was not locked`);
        return a;
      },
    };
  }

  async function post(trx: Executor, ctx: Ctx, input: PostingInput): Promise<Posting> {
    const lines = input.lines.filter((l) => l.amount !== 0);
    const locked = await lock(trx, ctx, input.memberId, lines);
    const now = clock.now();
    const nowIso = now.toISOString();
    const journalId = newId(ID_PREFIXES.journal);
    // Apply lines in order; several lines may touch one account.
    const state = new Map<string, { row: AccountRow; balance: number; count: number }>();
    const entries: PostedEntry[] = [];
    const rows = [];
    for (const l of lines) {
      const k = key(l.kind, l.refId);
      const acc = state.get(k) ?? { row: locked.account(l.kind, l.refId), balance: locked.balance(l.kind, l.refId), count: locked.account(l.kind, l.refId).entry_count };
      const next = acc.balance + l.amount;
      if (!Number.isSafeInteger(next)) throw new RangeError('ledger amount out of range');
      if (next < 0) {
        const name = ASSET_NAMES[l.kind] ?? { 'zh-CN': l.kind, en: l.kind };
        throw LedgerErrors.INSUFFICIENT_BALANCE({
          params: { asset: name[ctx.locale], available: formatAsset(l.kind, acc.balance), required: formatAsset(l.kind, -l.amount) },
          details: { asset: l.kind, refId: l.refId ?? '', available: acc.balance, required: -l.amount },
        });
      }
      acc.balance = next;
      acc.count += 1;
      state.set(k, acc);
      const id = newId(ID_PREFIXES.entry);
      entries.push({ id, accountId: acc.row.id, kind: l.kind, refId: l.refId ?? '', amount: l.amount, balanceAfter: next });
      rows.push({
        tenant_id: ctx.tenantId,
        id,
        journal_id: journalId,
        account_id: acc.row.id,
        member_id: input.memberId,
        kind: l.kind,
        ref_id: l.refId ?? '',
        amount: l.amount,
        balance_after: next,
        account_seq: acc.count,
        reverses_entry_id: l.reversesEntryId ?? null,
        refers_to_entry_id: l.refersToEntryId ?? null,
        created_at: nowIso,
      });
    }
    await ledgerRepo.insertJournal(trx, {
      tenant_id: ctx.tenantId,
      id: journalId,
      member_id: input.memberId,
      kind: input.kind,
      store_id: input.storeId ?? ctx.storeId ?? null,
      order_id: input.orderId ?? null,
      ref_type: input.refType ?? null,
      ref_id: input.refId ?? null,
      reason: input.reason ?? null,
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      request_id: ctx.requestId,
      reverses_journal_id: input.reversesJournalId ?? null,
      business_date: await deps.businessDate(ctx.tenantId, now, trx),
      created_at: nowIso,
    });
    if (rows.length) {
      try {
        await ledgerRepo.insertEntries(trx, rows);
      } catch (err) {
        if (d.isUniqueViolation(err) && rows.some((r) => r.reverses_entry_id)) throw LedgerErrors.ENTRY_ALREADY_REVERSED();
        throw err;
      }
    }
    const touched = [...state.values()];
    await ledgerRepo.setBalances(trx, ctx.tenantId, touched.map((a) => ({ id: a.row.id, balance: a.balance, entryCount: a.count })), nowIso);
    const memo = lockedInTx.get(trx);
    for (const acc of touched) memo?.set(memoKey(input.memberId, acc.row.kind, acc.row.ref_id), { ...acc.row, balance: acc.balance, entry_count: acc.count, updated_at: nowIso });
    return { journalId, entries };
  }

  return {
    lock,
    post,

    /**
     * Reverse a whole journal: one entry per original entry with the opposite amount, each
     * pointing at the entry it reverses. A journal (and each entry) is reversed at most once.
     */
    async reverse(trx: Executor, ctx: Ctx, journalId: string, reason: string): Promise<Posting> {
      const journal = await ledgerRepo.journalById(trx, ctx.tenantId, journalId);
      if (!journal) throw LedgerErrors.ENTRY_NOT_FOUND({ details: { journalId } });
      const entries = await ledgerRepo.entriesOfJournals(trx, ctx.tenantId, [journalId]);
      try {
        return await post(trx, ctx, {
          memberId: journal.member_id,
          kind: 'reversal',
          storeId: journal.store_id,
          orderId: journal.order_id,
          refType: journal.ref_type,
          refId: journal.ref_id,
          reason,
          reversesJournalId: journalId,
          lines: entries.map((e) => ({ kind: e.kind, refId: e.ref_id, amount: -e.amount, reversesEntryId: e.id })),
        });
      } catch (err) {
        if (d.isUniqueViolation(err)) throw LedgerErrors.ENTRY_ALREADY_REVERSED();
        throw err;
      }
    },

    async balances(db: Executor, tenantId: string, memberId: string): Promise<{ kind: AssetKind; refId: string; balance: number }[]> {
      return (await ledgerRepo.accountsOf(db, tenantId, memberId)).map((a) => ({ kind: a.kind, refId: a.ref_id, balance: a.balance }));
    },

    sumByJournalKinds: (db: Executor, tenantId: string, memberId: string, asset: AssetKind, journalKinds: string[]) =>
      ledgerRepo.sumByJournalKinds(db, tenantId, memberId, asset, journalKinds),

    journalsOfOrder: (db: Executor, tenantId: string, orderId: string) => ledgerRepo.journalsOfOrder(db, tenantId, orderId),

    entries: (db: Executor, tenantId: string, ids: string[]) => ledgerRepo.entriesByIds(db, tenantId, ids),
    entriesOfJournals: (db: Executor, tenantId: string, ids: string[]) => ledgerRepo.entriesOfJournals(db, tenantId, ids),
    referredSums: async (db: Executor, tenantId: string, ids: string[]) => new Map((await ledgerRepo.referredSums(db, tenantId, ids)).map((r) => [r.refers_to_entry_id!, Number(r.total)])),

    async listJournals(
      ctx: Ctx,
      memberId: string,
      f: { kinds?: string[]; assets?: AssetKind[]; from?: string; to?: string; cursor?: string; limit: number },
    ): Promise<Page<JournalView>> {
      const cursor = decodeCursor(f.cursor);
      const rows = await ledgerRepo.listJournals(database.db, ctx.tenantId, { ...f, memberId, beforeId: cursor?.[0] as string | undefined });
      const page = toPage(rows, f.limit, (r) => [r.id]);
      const entries = await ledgerRepo.entriesOfJournals(database.db, ctx.tenantId, page.items.map((j) => j.id));
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((j) => ({
          id: j.id,
          kind: j.kind,
          storeId: j.store_id,
          orderId: j.order_id,
          refType: j.ref_type,
          refId: j.ref_id,
          reason: j.reason,
          actorName: j.actor_name,
          reversesJournalId: j.reverses_journal_id,
          businessDate: j.business_date,
          createdAt: j.created_at,
          entries: entries
            .filter((e) => e.journal_id === j.id)
            .filter((e) => !f.assets?.length || f.assets.includes(e.kind))
            .map((e) => ({ id: e.id, kind: e.kind, refId: e.ref_id, amount: e.amount, balanceAfter: e.balance_after, reversesEntryId: e.reverses_entry_id, refersToEntryId: e.refers_to_entry_id })),
        })),
      };
    },
  };
}
