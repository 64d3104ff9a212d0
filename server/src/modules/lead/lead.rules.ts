import type { LeadStatus } from '../../db/schema';

/**
 * The pipeline: enquiry → contacted → trial booked → trial attended → converted, or lost (with
 * a reason) from any open stage. Stages may be skipped forwards (a walk-in books a trial at
 * once) but not undone; a lost lead may be reopened. Conversion goes through /convert, which
 * creates or links the member.
 */
export const PIPELINE: LeadStatus[] = ['enquiry', 'contacted', 'trial_booked', 'trial_attended'];
export const STATUSES: LeadStatus[] = [...PIPELINE, 'converted', 'lost'];

export function isOpen(s: LeadStatus): boolean {
  return PIPELINE.includes(s);
}

export function canMove(from: LeadStatus, to: LeadStatus): boolean {
  if (to === 'converted' || from === 'converted') return false;
  if (to === 'lost') return isOpen(from);
  if (from === 'lost') return to === 'enquiry' || to === 'contacted';
  return PIPELINE.indexOf(to) > PIPELINE.indexOf(from);
}

export interface ChannelCounts {
  sourceChannel: string | null;
  total: number;
  converted: number;
  lost: number;
  open: number;
  trialReached: number;
  conversionRate: number;
}

/** Per source channel: leads, how many converted / lost / still open, and the rate (0–1, 4 decimals). */
export function conversionBySource(rows: { source_channel: string | null; status: LeadStatus; n: number }[]): { rows: ChannelCounts[]; totals: Omit<ChannelCounts, 'sourceChannel'> } {
  const by = new Map<string | null, ChannelCounts>();
  const blank = (sourceChannel: string | null): ChannelCounts => ({ sourceChannel, total: 0, converted: 0, lost: 0, open: 0, trialReached: 0, conversionRate: 0 });
  const totals = blank(null);
  for (const r of rows) {
    const c = by.get(r.source_channel) ?? blank(r.source_channel);
    by.set(r.source_channel, c);
    for (const x of [c, totals]) {
      x.total += r.n;
      if (r.status === 'converted') x.converted += r.n;
      else if (r.status === 'lost') x.lost += r.n;
      else x.open += r.n;
      if (r.status === 'trial_booked' || r.status === 'trial_attended' || r.status === 'converted') x.trialReached += r.n;
    }
  }
  const rate = (c: ChannelCounts) => (c.conversionRate = c.total ? Math.round((c.converted / c.total) * 10_000) / 10_000 : 0);
  const list = [...by.values()];
  list.forEach(rate);
  rate(totals);
  // Most conversions first; leads without a channel last.
  list.sort(
    (a, b) =>
      Number(a.sourceChannel === null) - Number(b.sourceChannel === null) ||
      b.converted - a.converted ||
      b.total - a.total ||
      String(a.sourceChannel).localeCompare(String(b.sourceChannel), 'zh-CN'),
  );
  const { sourceChannel: _s, ...t } = totals;
  return { rows: list, totals: t };
}
