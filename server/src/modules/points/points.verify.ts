import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import type { Mismatch } from '../ledger';

/** Lots agree with their moves, and the open lots of a member add up to the points balance. */
export async function verifyPoints(db: Executor, tenantId?: string): Promise<{ checked: number; mismatches: Mismatch[] }> {
  const mismatches: Mismatch[] = [];
  const tf = tenantId ? sql`and l.tenant_id = ${tenantId}` : sql``;
  const lots = await sql<{ tenant_id: string; id: string; remaining: number; moved: number | null }>`
    select l.tenant_id, l.id, l.remaining, (select sum(m.points) from points_lot_moves m where m.tenant_id = l.tenant_id and m.lot_id = l.id) as moved
    from points_lots l where 1 = 1 ${tf}`.execute(db);
  for (const l of lots.rows) {
    if (Number(l.moved ?? 0) !== Number(l.remaining)) mismatches.push({ check: 'lot remaining = sum(moves)', tenantId: l.tenant_id, subject: l.id, detail: `remaining ${l.remaining}, moves ${l.moved}` });
  }
  const ta = tenantId ? sql`and a.tenant_id = ${tenantId}` : sql``;
  const members = await sql<{ tenant_id: string; member_id: string; balance: number; lots: number | null }>`
    select a.tenant_id, a.member_id, a.balance,
      (select sum(l.remaining) from points_lots l where l.tenant_id = a.tenant_id and l.member_id = a.member_id) as lots
    from ledger_accounts a where a.kind = 'points' ${ta}`.execute(db);
  for (const m of members.rows) {
    if (Number(m.lots ?? 0) !== Number(m.balance)) mismatches.push({ check: 'points balance = open lots', tenantId: m.tenant_id, subject: m.member_id, detail: `balance ${m.balance}, lots ${m.lots}` });
  }
  const pending = await sql<{ tenant_id: string; member_id: string; balance: number; open: number | null }>`
    select a.tenant_id, a.member_id, a.balance,
      (select sum(p.points - p.reversed_points) from points_pending p where p.tenant_id = a.tenant_id and p.member_id = a.member_id and p.released_at is null) as open
    from ledger_accounts a where a.kind = 'points_pending' ${ta}`.execute(db);
  for (const m of pending.rows) {
    if (Number(m.open ?? 0) !== Number(m.balance)) mismatches.push({ check: 'pending points = open awards', tenantId: m.tenant_id, subject: m.member_id, detail: `balance ${m.balance}, awards ${m.open}` });
  }
  return { checked: lots.rows.length + members.rows.length + pending.rows.length, mismatches };
}
