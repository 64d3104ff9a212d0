import { sql } from 'kysely';
import type { Executor } from '../../db/database';

/**
 * `tessera verify` for stock: every cached level equals its journal — quantity = sum of the
 * moves, value = the last move's value after, move count and sequence without gaps, each move's
 * balance and value after following from the one before — and no level of a product that does
 * not allow it is below zero. `allowsNegative` answers from the catalogue.
 */
export interface StockMismatch {
  check: string;
  tenantId: string;
  subject: string;
  detail: string;
}

export async function verifyStock(
  db: Executor,
  opts: { tenantId?: string; allowsNegative: (tenantId: string, productIds: string[]) => Promise<Set<string>> },
): Promise<{ checked: number; mismatches: StockMismatch[] }> {
  const mismatches: StockMismatch[] = [];
  const tf = opts.tenantId ? sql`and l.tenant_id = ${opts.tenantId}` : sql``;
  const levels = await sql<{ tenant_id: string; store_id: string; product_id: string; quantity: number; stock_value: number; move_count: number; total: number | null; n: number; last_value: number | null; last_balance: number | null }>`
    select l.tenant_id, l.store_id, l.product_id, l.quantity, l.stock_value, l.move_count,
      (select sum(m.quantity) from stock_moves m where m.tenant_id = l.tenant_id and m.store_id = l.store_id and m.product_id = l.product_id) as total,
      (select count(*) from stock_moves m where m.tenant_id = l.tenant_id and m.store_id = l.store_id and m.product_id = l.product_id) as n,
      (select m.value_after from stock_moves m where m.tenant_id = l.tenant_id and m.store_id = l.store_id and m.product_id = l.product_id order by m.level_seq desc limit 1) as last_value,
      (select m.balance_after from stock_moves m where m.tenant_id = l.tenant_id and m.store_id = l.store_id and m.product_id = l.product_id order by m.level_seq desc limit 1) as last_balance
    from stock_levels l where 1 = 1 ${tf}`.execute(db);
  const negatives = new Map<string, string[]>();
  for (const r of levels.rows) {
    const subject = `${r.store_id}/${r.product_id}`;
    const add = (check: string, detail: string) => mismatches.push({ check, tenantId: r.tenant_id, subject, detail });
    if (Number(r.total ?? 0) !== Number(r.quantity)) add('level = sum(moves)', `cached ${r.quantity}, moves sum to ${r.total ?? 0}`);
    if (Number(r.n) !== Number(r.move_count)) add('move count', `cached ${r.move_count}, found ${r.n}`);
    if (Number(r.n) > 0 && Number(r.last_balance) !== Number(r.quantity)) add('last balance_after = level', `last ${r.last_balance}, cached ${r.quantity}`);
    if (Number(r.n) > 0 && Number(r.last_value) !== Number(r.stock_value)) add('last value_after = value', `last ${r.last_value}, cached ${r.stock_value}`);
    if (Number(r.quantity) < 0) negatives.set(r.tenant_id, [...(negatives.get(r.tenant_id) ?? []), r.product_id]);
  }
  for (const [tenantId, productIds] of negatives) {
    const allowed = await opts.allowsNegative(tenantId, productIds);
    for (const p of productIds) if (!allowed.has(p)) mismatches.push({ check: 'never negative', tenantId, subject: p, detail: 'a level of a product that does not allow negative stock is below zero' });
  }

  const tm = opts.tenantId ? sql`where m.tenant_id = ${opts.tenantId}` : sql``;
  const chain = await sql<{ tenant_id: string; id: string; store_id: string; product_id: string; quantity: number; balance_after: number; value_change: number; value_after: number; level_seq: number }>`
    select m.tenant_id, m.id, m.store_id, m.product_id, m.quantity, m.balance_after, m.value_change, m.value_after, m.level_seq from stock_moves m ${tm}
    order by m.tenant_id, m.store_id, m.product_id, m.level_seq`.execute(db);
  let prev = '';
  let qty = 0;
  let value = 0;
  let seq = 0;
  for (const m of chain.rows) {
    const key = `${m.tenant_id}/${m.store_id}/${m.product_id}`;
    if (key !== prev) {
      prev = key;
      qty = 0;
      value = 0;
      seq = 0;
    }
    qty += Number(m.quantity);
    value += Number(m.value_change);
    seq += 1;
    const add = (check: string, detail: string) => mismatches.push({ check, tenantId: m.tenant_id, subject: m.id, detail });
    if (qty !== Number(m.balance_after)) add('balance_after chain', `running ${qty}, recorded ${m.balance_after}`);
    if (value !== Number(m.value_after)) add('value_after chain', `running ${value}, recorded ${m.value_after}`);
    if (Number(m.level_seq) !== seq) add('move sequence', `seq ${m.level_seq}, expected ${seq}`);
  }
  return { checked: levels.rows.length + chain.rows.length, mismatches };
}
