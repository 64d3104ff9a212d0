import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import type { Mismatch } from '../ledger';
import { addDays } from './card.rules';

/**
 * `tessera verify` for membership cards: every card agrees with the ledger and with itself —
 * sessions and validity days equal their ledger balances, the expiry follows from the start and
 * the days granted, ended cards hold nothing, holds and uses add up, freezes match the days they
 * moved, and the money of each card chain balances: paid = recognised + refunded + deferred,
 * with a settlement entry for every session consumed at another store.
 */
export async function verifyCards(db: Executor, tenantId?: string): Promise<{ checked: number; mismatches: Mismatch[] }> {
  const mismatches: Mismatch[] = [];
  const tf = (col: string) => (tenantId ? sql`and ${sql.ref(col)} = ${tenantId}` : sql``);
  const push = (check: string, tenant: string, subject: string, detail: string) => mismatches.push({ check, tenantId: tenant, subject, detail });

  const cards = await sql<{
    tenant_id: string;
    id: string;
    status: string;
    root_card_id: string;
    transferred_to_card_id: string | null;
    sessions_remaining: number;
    sessions_held: number;
    sessions_used: number;
    days_granted: number;
    activated_on: string | null;
    expires_on: string | null;
    value_remaining: number;
    paid_amount: number;
    freeze_count: number;
    freeze_days_used: number;
    ledger_sessions: number | null;
    ledger_days: number | null;
    held: number | null;
    used: number | null;
    freeze_ledger: number | null;
    extension: number | null;
    freeze_times: number | null;
    freeze_days: number | null;
    active_freezes: number | null;
  }>`
    select c.tenant_id, c.id, c.status, c.root_card_id, c.transferred_to_card_id, c.sessions_remaining, c.sessions_held, c.sessions_used, c.days_granted,
      c.activated_on, c.expires_on, c.value_remaining, c.paid_amount, c.freeze_count, c.freeze_days_used,
      (select a.balance from ledger_accounts a where a.tenant_id = c.tenant_id and a.member_id = c.member_id and a.kind = 'card_sessions' and a.ref_id = c.id) as ledger_sessions,
      (select a.balance from ledger_accounts a where a.tenant_id = c.tenant_id and a.member_id = c.member_id and a.kind = 'card_days' and a.ref_id = c.id) as ledger_days,
      (select sum(h.sessions) from card_holds h where h.tenant_id = c.tenant_id and h.card_id = c.id and h.status = 'held') as held,
      (select sum(u.sessions) from card_usages u where u.tenant_id = c.tenant_id and u.card_id = c.id) as used,
      (select sum(e.amount) from ledger_entries e join ledger_journals j on j.tenant_id = e.tenant_id and j.id = e.journal_id
        where e.tenant_id = c.tenant_id and e.kind = 'card_days' and e.ref_id = c.id and j.kind in ('card_freeze', 'card_unfreeze')) as freeze_ledger,
      (select sum(f.extension_days) from card_freezes f where f.tenant_id = c.tenant_id and f.card_id = c.id) as extension,
      (select count(*) from card_freezes f join member_cards o on o.tenant_id = f.tenant_id and o.id = f.card_id
        where f.tenant_id = c.tenant_id and o.root_card_id = c.root_card_id and f.status <> 'cancelled') as freeze_times,
      (select sum(coalesce(f.actual_days, f.days)) from card_freezes f join member_cards o on o.tenant_id = f.tenant_id and o.id = f.card_id
        where f.tenant_id = c.tenant_id and o.root_card_id = c.root_card_id and f.status <> 'cancelled') as freeze_days,
      (select count(*) from card_freezes f where f.tenant_id = c.tenant_id and f.card_id = c.id and f.status = 'active') as active_freezes
    from member_cards c where 1 = 1 ${tf('c.tenant_id')}`.execute(db);

  for (const c of cards.rows) {
    const n = (v: number | null) => Number(v ?? 0);
    if (n(c.ledger_sessions) !== Number(c.sessions_remaining)) push('card sessions = ledger', c.tenant_id, c.id, `card ${c.sessions_remaining}, ledger ${n(c.ledger_sessions)}`);
    if (n(c.ledger_days) !== Number(c.days_granted)) push('card days = ledger', c.tenant_id, c.id, `card ${c.days_granted}, ledger ${n(c.ledger_days)}`);
    if (n(c.held) !== Number(c.sessions_held)) push('held sessions = open holds', c.tenant_id, c.id, `card ${c.sessions_held}, holds ${n(c.held)}`);
    if (Number(c.sessions_held) > Number(c.sessions_remaining)) push('held within remaining', c.tenant_id, c.id, `held ${c.sessions_held} of ${c.sessions_remaining}`);
    if (n(c.freeze_ledger) !== n(c.extension)) push('freeze extension = ledger', c.tenant_id, c.id, `freezes ${n(c.extension)}, ledger ${n(c.freeze_ledger)}`);
    // Freeze usage counts over the transfer chain (a term's allowance carries over to the recipient).
    if (c.status !== 'transferred' && (n(c.freeze_times) !== Number(c.freeze_count) || n(c.freeze_days) !== Number(c.freeze_days_used))) {
      push('freeze usage = freezes', c.tenant_id, c.id, `card ${c.freeze_count}×/${c.freeze_days_used}d, freezes ${n(c.freeze_times)}×/${n(c.freeze_days)}d`);
    }
    if ((c.status === 'frozen') !== n(c.active_freezes) > 0 && !['transferred', 'refunded', 'cancelled', 'expired'].includes(c.status)) {
      push('frozen ⇔ a running freeze', c.tenant_id, c.id, `status ${c.status}, running freezes ${n(c.active_freezes)}`);
    }
    if (['transferred', 'refunded', 'cancelled'].includes(c.status)) {
      if (Number(c.sessions_remaining) !== 0 || Number(c.days_granted) !== 0 || Number(c.value_remaining) !== 0) push('ended cards hold nothing', c.tenant_id, c.id, `${c.status}: ${c.sessions_remaining} sessions, ${c.days_granted} days, ¥${c.value_remaining}`);
    } else if (c.activated_on && c.expires_on && addDays(c.activated_on, Number(c.days_granted) - 1) !== c.expires_on) {
      push('expiry = start + days granted', c.tenant_id, c.id, `started ${c.activated_on} with ${c.days_granted} days, expires ${c.expires_on}`);
    } else if (!c.activated_on && Number(c.days_granted) !== 0) {
      push('pending cards have no days', c.tenant_id, c.id, `${c.days_granted} days`);
    }
  }
  // Sessions used: the sessions consumed by the card's own usages (a card received by transfer carries the count of the chain).
  const usedByRoot = new Map<string, number>();
  for (const c of cards.rows) usedByRoot.set(`${c.tenant_id}|${c.root_card_id}`, (usedByRoot.get(`${c.tenant_id}|${c.root_card_id}`) ?? 0) + Number(c.used ?? 0));
  for (const c of cards.rows) {
    if (c.status === 'transferred') continue;
    const chain = usedByRoot.get(`${c.tenant_id}|${c.root_card_id}`) ?? 0;
    if (chain !== Number(c.sessions_used)) push('sessions used = usages of the chain', c.tenant_id, c.id, `card ${c.sessions_used}, usages ${chain}`);
  }

  // Money of each chain: paid = recognised revenue + refunded + deferred value.
  const money = await sql<{ tenant_id: string; root_card_id: string; paid: number | null; refunded: number | null; revenue: number | null; deferred: number | null; live_paid: number | null }>`
    select r.tenant_id, r.root_card_id,
      (select sum(f.amount) from card_fundings f where f.tenant_id = r.tenant_id and f.root_card_id = r.root_card_id) as paid,
      (select sum(f.refunded_amount) from card_fundings f where f.tenant_id = r.tenant_id and f.root_card_id = r.root_card_id) as refunded,
      (select sum(v.amount) from card_revenue v where v.tenant_id = r.tenant_id and v.root_card_id = r.root_card_id) as revenue,
      (select sum(c.value_remaining) from member_cards c where c.tenant_id = r.tenant_id and c.root_card_id = r.root_card_id) as deferred,
      (select max(c.paid_amount) from member_cards c where c.tenant_id = r.tenant_id and c.root_card_id = r.root_card_id and c.status <> 'transferred') as live_paid
    from (select distinct tenant_id, root_card_id from member_cards where 1 = 1 ${tf('tenant_id')}) r`.execute(db);
  for (const m of money.rows) {
    const n = (v: number | null) => Number(v ?? 0);
    if (n(m.paid) !== n(m.revenue) + n(m.refunded) + n(m.deferred)) push('paid = recognised + refunded + deferred', m.tenant_id, m.root_card_id, `paid ${n(m.paid)}, recognised ${n(m.revenue)}, refunded ${n(m.refunded)}, deferred ${n(m.deferred)}`);
    if (n(m.paid) !== n(m.live_paid)) push('card paid = fundings', m.tenant_id, m.root_card_id, `card ${n(m.live_paid)}, fundings ${n(m.paid)}`);
  }

  // Every session consumed at another store carries its settlement entry (reversals offset theirs).
  const cross = await sql<{ tenant_id: string; id: string; revenue: number; settled: number | null }>`
    select u.tenant_id, u.id, u.revenue,
      (select sum(s.amount) from card_settlements s where s.tenant_id = u.tenant_id and s.usage_id = u.id) as settled
    from card_usages u where u.store_id <> u.issuing_store_id ${tf('u.tenant_id')}`.execute(db);
  for (const u of cross.rows) {
    if (Number(u.settled ?? 0) !== Number(u.revenue)) push('cross-store use = settlement', u.tenant_id, u.id, `revenue ${u.revenue}, settled ${Number(u.settled ?? 0)}`);
  }

  // Family members never use more than their limit, and the count matches their uses.
  const family = await sql<{ tenant_id: string; card_id: string; user_id: string; max_sessions: number | null; sessions_used: number; uses: number | null }>`
    select f.tenant_id, f.card_id, f.user_id, f.max_sessions, f.sessions_used,
      (select sum(u.units) from card_usages u where u.tenant_id = f.tenant_id and u.card_id = f.card_id and u.user_id = f.user_id) as uses
    from card_family_users f where 1 = 1 ${tf('f.tenant_id')}`.execute(db);
  for (const f of family.rows) {
    if (Number(f.uses ?? 0) !== Number(f.sessions_used)) push('family use = usages', f.tenant_id, `${f.card_id}/${f.user_id}`, `recorded ${f.sessions_used}, usages ${Number(f.uses ?? 0)}`);
    if (f.max_sessions !== null && Number(f.sessions_used) > Number(f.max_sessions)) push('family within limit', f.tenant_id, `${f.card_id}/${f.user_id}`, `${f.sessions_used} of ${f.max_sessions}`);
  }
  return { checked: cards.rows.length + money.rows.length + cross.rows.length + family.rows.length, mismatches };
}
