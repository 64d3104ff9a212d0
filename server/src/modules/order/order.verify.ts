import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import type { Mismatch } from '../ledger';

/**
 * Orders agree with themselves: tenders cover the payable amount plus points value, line
 * payments add up per line and per tender, refunds never exceed what was paid, and the refunded
 * totals equal the refund records.
 */
export async function verifyOrders(db: Executor, tenantId?: string): Promise<{ checked: number; mismatches: Mismatch[] }> {
  const mismatches: Mismatch[] = [];
  const tf = tenantId ? sql`and o.tenant_id = ${tenantId}` : sql``;
  const rows = await sql<{ tenant_id: string; id: string; payable: number; points_value: number; refunded_total: number; tenders: number | null; lines: number | null; payments: number | null; refunds: number | null; tender_refunds: number | null; line_refunds: number | null }>`
    select o.tenant_id, o.id, o.payable, o.points_value, o.refunded_total,
      (select sum(t.amount) from order_tenders t where t.tenant_id = o.tenant_id and t.order_id = o.id) as tenders,
      (select sum(l.net_total + l.points_discount) from order_lines l where l.tenant_id = o.tenant_id and l.order_id = o.id) as lines,
      (select sum(p.amount) from order_line_payments p where p.tenant_id = o.tenant_id and p.order_id = o.id) as payments,
      (select sum(r.total) from order_refunds r where r.tenant_id = o.tenant_id and r.order_id = o.id) as refunds,
      (select sum(t.refunded_amount) from order_tenders t where t.tenant_id = o.tenant_id and t.order_id = o.id) as tender_refunds,
      (select sum(l.refunded_amount) from order_lines l where l.tenant_id = o.tenant_id and l.order_id = o.id) as line_refunds
    from orders o where 1 = 1 ${tf}`.execute(db);
  for (const o of rows.rows) {
    const due = Number(o.payable) + Number(o.points_value);
    const check = (name: string, ok: boolean, detail: string) => ok || mismatches.push({ check: name, tenantId: o.tenant_id, subject: o.id, detail });
    check('tenders = payable + points', Number(o.tenders ?? 0) === due, `tenders ${o.tenders}, due ${due}`);
    check('lines = payable + points', Number(o.lines ?? 0) === due, `lines ${o.lines}, due ${due}`);
    check('line payments = due', Number(o.payments ?? 0) === due, `payments ${o.payments}, due ${due}`);
    check('refunded total = refunds', Number(o.refunds ?? 0) === Number(o.refunded_total), `refunds ${o.refunds}, recorded ${o.refunded_total}`);
    check('tender refunds = refunds', Number(o.tender_refunds ?? 0) === Number(o.refunded_total), `tenders ${o.tender_refunds}, recorded ${o.refunded_total}`);
    check('line refunds = refunds', Number(o.line_refunds ?? 0) === Number(o.refunded_total), `lines ${o.line_refunds}, recorded ${o.refunded_total}`);
    check('never refund more than paid', Number(o.refunded_total) <= due, `refunded ${o.refunded_total} of ${due}`);
  }
  return { checked: rows.rows.length, mismatches };
}
