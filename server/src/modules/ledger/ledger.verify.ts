import { sql } from 'kysely';
import type { Executor } from '../../db/database';

/**
 * `tessera verify` for the ledger: recompute every cached balance from its entries and check
 * the chain of balance_after values, that every reversal mirrors its original exactly, and that
 * partial adjustments never exceed what they refer to. Returns human-readable mismatches.
 */
export interface Mismatch {
  check: string;
  tenantId: string;
  subject: string;
  detail: string;
}

export async function verifyLedger(db: Executor, tenantId?: string): Promise<{ checked: number; mismatches: Mismatch[] }> {
  const mismatches: Mismatch[] = [];
  const tf = tenantId ? sql`and a.tenant_id = ${tenantId}` : sql``;

  const balances = await sql<{ tenant_id: string; id: string; balance: number; entry_count: number; total: number | null; n: number; last_after: number | null }>`
    select a.tenant_id, a.id, a.balance, a.entry_count,
      (select sum(e.amount) from ledger_entries e where e.tenant_id = a.tenant_id and e.account_id = a.id) as total,
      (select count(*) from ledger_entries e where e.tenant_id = a.tenant_id and e.account_id = a.id) as n,
      (select e.balance_after from ledger_entries e where e.tenant_id = a.tenant_id and e.account_id = a.id order by e.account_seq desc limit 1) as last_after
    from ledger_accounts a where 1 = 1 ${tf}`.execute(db);
  for (const r of balances.rows) {
    const total = Number(r.total ?? 0);
    if (total !== Number(r.balance)) mismatches.push({ check: 'balance = sum(entries)', tenantId: r.tenant_id, subject: r.id, detail: `cached ${r.balance}, entries sum to ${total}` });
    if (Number(r.n) !== Number(r.entry_count)) mismatches.push({ check: 'entry count', tenantId: r.tenant_id, subject: r.id, detail: `cached ${r.entry_count}, found ${r.n}` });
    if (Number(r.n) > 0 && Number(r.last_after) !== Number(r.balance)) mismatches.push({ check: 'last balance_after = balance', tenantId: r.tenant_id, subject: r.id, detail: `last ${r.last_after}, cached ${r.balance}` });
  }

  // The running balance of every account, entry by entry.
  const te = tenantId ? sql`where e.tenant_id = ${tenantId}` : sql``;
  const chain = await sql<{ tenant_id: string; id: string; account_id: string; amount: number; balance_after: number; account_seq: number }>`
    select e.tenant_id, e.id, e.account_id, e.amount, e.balance_after, e.account_seq from ledger_entries e ${te}
    order by e.tenant_id, e.account_id, e.account_seq`.execute(db);
  let prevAccount = '';
  let running = 0;
  let expectedSeq = 0;
  for (const e of chain.rows) {
    const acc = `${e.tenant_id}/${e.account_id}`;
    if (acc !== prevAccount) {
      prevAccount = acc;
      running = 0;
      expectedSeq = 0;
    }
    running += Number(e.amount);
    expectedSeq += 1;
    if (running !== Number(e.balance_after)) mismatches.push({ check: 'balance_after chain', tenantId: e.tenant_id, subject: e.id, detail: `running ${running}, recorded ${e.balance_after}` });
    if (Number(e.account_seq) !== expectedSeq) mismatches.push({ check: 'entry sequence', tenantId: e.tenant_id, subject: e.id, detail: `seq ${e.account_seq}, expected ${expectedSeq}` });
    if (Number(e.balance_after) < 0) mismatches.push({ check: 'non-negative', tenantId: e.tenant_id, subject: e.id, detail: `balance ${e.balance_after}` });
  }

  const tr = tenantId ? sql`and r.tenant_id = ${tenantId}` : sql``;
  const reversals = await sql<{ tenant_id: string; id: string; amount: number; account_id: string; o_amount: number | null; o_account: string | null }>`
    select r.tenant_id, r.id, r.amount, r.account_id, o.amount as o_amount, o.account_id as o_account
    from ledger_entries r left join ledger_entries o on o.tenant_id = r.tenant_id and o.id = r.reverses_entry_id
    where r.reverses_entry_id is not null ${tr}`.execute(db);
  for (const r of reversals.rows) {
    if (r.o_amount === null) mismatches.push({ check: 'reversal linked', tenantId: r.tenant_id, subject: r.id, detail: 'reversed entry missing' });
    else if (Number(r.amount) !== -Number(r.o_amount) || r.account_id !== r.o_account) {
      mismatches.push({ check: 'reversal mirrors original', tenantId: r.tenant_id, subject: r.id, detail: `${r.amount} on ${r.account_id} vs ${r.o_amount} on ${r.o_account}` });
    }
  }

  const referred = await sql<{ tenant_id: string; id: string; amount: number; referred: number }>`
    select o.tenant_id, o.id, o.amount, sum(r.amount) as referred
    from ledger_entries r join ledger_entries o on o.tenant_id = r.tenant_id and o.id = r.refers_to_entry_id
    where 1 = 1 ${tr}
    group by o.tenant_id, o.id, o.amount`.execute(db);
  for (const r of referred.rows) {
    const o = Number(r.amount);
    const x = Number(r.referred);
    // Adjustments referring to an entry go the other way and never exceed it.
    if (Math.sign(x) === Math.sign(o) || Math.abs(x) > Math.abs(o)) {
      mismatches.push({ check: 'partial adjustments within original', tenantId: r.tenant_id, subject: r.id, detail: `original ${o}, adjustments ${x}` });
    }
  }
  return { checked: balances.rows.length + chain.rows.length, mismatches };
}
