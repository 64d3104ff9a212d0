/**
 * Pure attendance rules: what the next punch may be, how punches pair into worked spans, and the
 * monthly hours of each staff member. Times are ISO instants; business dates are the tenant's.
 */
export type PunchKind = 'in' | 'out';

export interface Punch {
  staffId: string;
  staffName: string;
  storeId: string;
  kind: PunchKind;
  at: string;
  businessDate: string;
}

/** A span longer than this is a forgotten clock-out, not work: it is flagged and not counted. */
export const MAX_SPAN_MINUTES = 16 * 60;

export type PunchRefusal = 'already_in' | 'not_in' | 'other_store';

/** Whether `kind` may follow the staff member's last punch (null when it may). */
export function checkPunch(last: Pick<Punch, 'kind' | 'storeId' | 'at'> | null, next: { kind: PunchKind; storeId: string; at: string }): PunchRefusal | null {
  const open = last?.kind === 'in' && minutesBetween(last.at, next.at) <= MAX_SPAN_MINUTES;
  if (next.kind === 'in') return open ? 'already_in' : null;
  if (!open) return 'not_in';
  return last!.storeId === next.storeId ? null : 'other_store';
}

export function minutesBetween(a: string, b: string): number {
  return Math.floor((Date.parse(b) - Date.parse(a)) / 60_000);
}

export interface Span {
  staffId: string;
  storeId: string;
  businessDate: string;
  inAt: string;
  outAt: string | null;
  minutes: number;
  /** in without out (or out without in), or longer than MAX_SPAN_MINUTES: needs a correction. */
  isIncomplete: boolean;
}

/** Pair one staff member's punches (any order in, sorted here) into spans. */
export function spansOf(punches: Punch[]): Span[] {
  const sorted = [...punches].sort((a, b) => a.at.localeCompare(b.at));
  const out: Span[] = [];
  let open: Punch | null = null;
  for (const p of sorted) {
    if (p.kind === 'in') {
      if (open) out.push({ staffId: open.staffId, storeId: open.storeId, businessDate: open.businessDate, inAt: open.at, outAt: null, minutes: 0, isIncomplete: true });
      open = p;
      continue;
    }
    if (!open) {
      out.push({ staffId: p.staffId, storeId: p.storeId, businessDate: p.businessDate, inAt: p.at, outAt: p.at, minutes: 0, isIncomplete: true });
      continue;
    }
    const minutes = minutesBetween(open.at, p.at);
    const tooLong = minutes > MAX_SPAN_MINUTES;
    out.push({ staffId: open.staffId, storeId: open.storeId, businessDate: open.businessDate, inAt: open.at, outAt: p.at, minutes: tooLong ? 0 : minutes, isIncomplete: tooLong });
    open = null;
  }
  if (open) out.push({ staffId: open.staffId, storeId: open.storeId, businessDate: open.businessDate, inAt: open.at, outAt: null, minutes: 0, isIncomplete: true });
  return out;
}

export interface MonthlyLine {
  staffId: string;
  staffName: string;
  days: number;
  minutes: number;
  incomplete: number;
  byStore: { storeId: string; minutes: number }[];
}

/** Hours per staff member over the punches of a period (spans belong to their clock-in's date). */
export function monthlyHours(punches: Punch[]): MonthlyLine[] {
  const byStaff = new Map<string, Punch[]>();
  for (const p of punches) byStaff.set(p.staffId, [...(byStaff.get(p.staffId) ?? []), p]);
  const lines: MonthlyLine[] = [];
  for (const [staffId, list] of byStaff) {
    const spans = spansOf(list);
    const stores = new Map<string, number>();
    for (const s of spans) if (s.minutes > 0) stores.set(s.storeId, (stores.get(s.storeId) ?? 0) + s.minutes);
    lines.push({
      staffId,
      staffName: list[list.length - 1].staffName,
      days: new Set(spans.filter((s) => s.minutes > 0).map((s) => s.businessDate)).size,
      minutes: spans.reduce((a, s) => a + s.minutes, 0),
      incomplete: spans.filter((s) => s.isIncomplete).length,
      byStore: [...stores].map(([storeId, minutes]) => ({ storeId, minutes })).sort((a, b) => b.minutes - a.minutes),
    });
  }
  return lines.sort((a, b) => b.minutes - a.minutes || a.staffName.localeCompare(b.staffName));
}

/** First and last day of a YYYY-MM month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
