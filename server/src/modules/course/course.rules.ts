/**
 * Classes and booking — pure rules (unit-tested): local class times to instants, weekly dates,
 * overlaps, ages, the booking window, cancellation outcomes, promotion cut-off, check-in times.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export { addDays, localToUtc, weekdayOf, zoneOffsetMs } from '../../shared/local-time';
import { addDays, weekdayOf } from '../../shared/local-time';

/** The dates from `from` to `to` (inclusive) that fall on a weekday, skipping `except`. */
export function weeklyDates(from: string, to: string, weekday: number, except: ReadonlySet<string> = new Set()): string[] {
  if (to < from) return [];
  let d = addDays(from, (weekday - weekdayOf(from) + 7) % 7);
  const out: string[] = [];
  for (; d <= to; d = addDays(d, 7)) if (!except.has(d)) out.push(d);
  return out;
}

export const isTime = (s: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);

/** Half-open intervals [aStart, aEnd) and [bStart, bEnd) overlap. */
export function overlaps(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  return Date.parse(aStart) < Date.parse(bEnd) && Date.parse(bStart) < Date.parse(aEnd);
}

/** Whole months of age on a date (a child born 2024-03-15 is 11 months on 2025-03-14, 12 on 2025-03-15). */
export function ageInMonths(birthday: string, onDate: string): number {
  const [by, bm, bd] = birthday.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  let months = (y - by) * 12 + (m - bm);
  if (d < bd) months -= 1;
  return months;
}

export function ageAllowed(range: { minMonths: number | null; maxMonths: number | null }, birthday: string | null, onDate: string): { ok: true } | { ok: false; ageMonths: number | null } {
  if (range.minMonths === null && range.maxMonths === null) return { ok: true };
  if (!birthday) return { ok: false, ageMonths: null };
  const age = ageInMonths(birthday, onDate);
  if (range.minMonths !== null && age < range.minMonths) return { ok: false, ageMonths: age };
  if (range.maxMonths !== null && age > range.maxMonths) return { ok: false, ageMonths: age };
  return { ok: true };
}

export interface WindowSettings {
  bookingOpensDays: number;
  bookingClosesMinutes: number;
}

/** When booking a class opens (N days ahead, earlier by the tier's priority hours) and closes (M minutes before start). */
export function bookingWindow(startsAt: string, s: WindowSettings, priorityHours: number): { opensAt: string; closesAt: string } {
  const start = Date.parse(startsAt);
  return { opensAt: new Date(start - s.bookingOpensDays * DAY - Math.max(0, priorityHours) * HOUR).toISOString(), closesAt: new Date(start - s.bookingClosesMinutes * MINUTE).toISOString() };
}

export type BookProblem = { code: 'COURSE_SESSION_CANCELLED' } | { code: 'COURSE_SESSION_PAST' } | { code: 'COURSE_BOOKING_NOT_OPEN'; opensAt: string } | { code: 'COURSE_BOOKING_CLOSED'; closesAt: string };

export function checkBookable(now: string, session: { status: string; startsAt: string }, window: { opensAt: string; closesAt: string }): BookProblem | null {
  if (session.status === 'cancelled') return { code: 'COURSE_SESSION_CANCELLED' };
  if (Date.parse(now) >= Date.parse(session.startsAt)) return { code: 'COURSE_SESSION_PAST' };
  if (Date.parse(now) < Date.parse(window.opensAt)) return { code: 'COURSE_BOOKING_NOT_OPEN', opensAt: window.opensAt };
  if (Date.parse(now) > Date.parse(window.closesAt)) return { code: 'COURSE_BOOKING_CLOSED', closesAt: window.closesAt };
  return null;
}

/** A confirmed booking cancelled now: its card session is released (in time, or waived) or forfeited (late). */
export function cancellationOutcome(now: string, startsAt: string, lateCancelMinutes: number, isWaived: boolean): 'release' | 'forfeit' {
  if (isWaived) return 'release';
  return Date.parse(now) < Date.parse(startsAt) - lateCancelMinutes * MINUTE ? 'release' : 'forfeit';
}

/** Waitlisted members are promoted until the cut-off before the class. */
export function canPromote(now: string, startsAt: string, cutoffMinutes: number): boolean {
  return Date.parse(now) < Date.parse(startsAt) - cutoffMinutes * MINUTE;
}

export type CheckInTimeProblem = { code: 'COURSE_CHECKIN_NOT_OPEN'; opensAt: string } | { code: 'COURSE_CHECKIN_CLOSED' };

/** Check-in opens N minutes before the class and closes when it ends. */
export function checkInTime(now: string, startsAt: string, endsAt: string, opensMinutes: number): CheckInTimeProblem | null {
  const opensAt = Date.parse(startsAt) - opensMinutes * MINUTE;
  if (Date.parse(now) < opensAt) return { code: 'COURSE_CHECKIN_NOT_OPEN', opensAt: new Date(opensAt).toISOString() };
  if (Date.parse(now) > Date.parse(endsAt)) return { code: 'COURSE_CHECKIN_CLOSED' };
  return null;
}

/** A check-in may be undone within N minutes. */
export function canUndoCheckIn(now: string, checkedInAt: string, undoMinutes: number): boolean {
  return Date.parse(now) <= Date.parse(checkedInAt) + undoMinutes * MINUTE;
}

/** A booking still confirmed this long after the class ended is a no-show. */
export function isNoShowDue(now: string, endsAt: string, graceMinutes: number): boolean {
  return Date.parse(now) >= Date.parse(endsAt) + graceMinutes * MINUTE;
}

// ---- cancellation policy (an ordered rule list, first match wins) ----

/**
 * When a rule applies, in minutes before the class starts: `at_least` N (cancelled N or more
 * minutes before), `less_than` N (cancelled later, but before the start), `after_start`
 * (cancelled once the class started, and no-shows).
 */
export type CancelWindow = 'at_least' | 'less_than' | 'after_start';
export interface CancelRule {
  window: CancelWindow;
  /** For at_least / less_than; null for after_start. */
  minutes: number | null;
  /** The held card session: given back, or consumed. */
  session: 'release' | 'forfeit';
  /** A late fee in fen (0: none), recorded as an outstanding charge. */
  feeFen: number;
  countsTowardBan: boolean;
}
export interface CancelPolicy {
  rules: CancelRule[];
  /** The first G penalised cancellations (before the start) of a member in a calendar month are treated as in time. */
  graceLateCancelsPerMonth: number;
  /** Booking is refused after this many strikes in 30 days (0: never)… */
  banAfterCount: number;
  /** …for this many days from the strike that reached the count (null: while the 30-day count stays reached). */
  banDays: number | null;
}

/** The policy before one is saved: the simple settings (release in time, forfeit late, no-shows forfeit; both strikes). */
export function defaultCancelPolicy(lateCancelMinutes: number, banAfterCount: number): CancelPolicy {
  const rules: CancelRule[] = [{ window: 'at_least', minutes: lateCancelMinutes, session: 'release', feeFen: 0, countsTowardBan: false }];
  if (lateCancelMinutes > 0) rules.push({ window: 'less_than', minutes: lateCancelMinutes, session: 'forfeit', feeFen: 0, countsTowardBan: true });
  rules.push({ window: 'after_start', minutes: null, session: 'forfeit', feeFen: 0, countsTowardBan: true });
  return { rules, graceLateCancelsPerMonth: 0, banAfterCount, banDays: null };
}

/** Does a rule apply `minutesBefore` minutes before the start (≤ 0: the class has started)? */
export function cancelRuleMatches(r: CancelRule, minutesBefore: number): boolean {
  if (r.window === 'after_start') return minutesBefore <= 0;
  if (r.window === 'at_least') return minutesBefore >= (r.minutes ?? 0);
  return minutesBefore > 0 && minutesBefore < (r.minutes ?? 0);
}

export const firstCancelRule = (rules: readonly CancelRule[], minutesBefore: number): number => rules.findIndex((r) => cancelRuleMatches(r, minutesBefore));

export type PolicyIssue = { path: string; code: 'never_applies' | 'uncovered' | 'minutes_required' | 'minutes_not_allowed'; minutes?: number };

/**
 * A rule list is sensible when every rule can apply (no earlier rule covers all of its window)
 * and every moment has a rule. All windows' ends are 0 or some rule's minutes, so probing those
 * points and the points between them decides both exactly.
 */
export function checkCancelRules(rules: readonly CancelRule[]): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  rules.forEach((r, i) => {
    if (r.window === 'after_start' && r.minutes !== null) issues.push({ path: `rules.${i}.minutes`, code: 'minutes_not_allowed' });
    if (r.window !== 'after_start' && (r.minutes === null || r.minutes === undefined)) issues.push({ path: `rules.${i}.minutes`, code: 'minutes_required' });
  });
  if (issues.length) return issues;
  const breaks = [...new Set([0, ...rules.map((r) => r.minutes ?? 0)])].sort((a, b) => a - b);
  const probes: number[] = [breaks[0] - 1, breaks[breaks.length - 1] + 1];
  breaks.forEach((b, i) => {
    probes.push(b);
    if (i + 1 < breaks.length) probes.push((b + breaks[i + 1]) / 2);
  });
  const used = new Set<number>();
  let gap: number | null = null;
  for (const p of probes.sort((a, b) => a - b)) {
    const i = firstCancelRule(rules, p);
    if (i < 0) gap ??= p;
    else used.add(i);
  }
  rules.forEach((r, i) => {
    if (!used.has(i)) issues.push({ path: `rules.${i}.${r.window === 'after_start' ? 'window' : 'minutes'}`, code: 'never_applies' });
  });
  if (gap !== null) issues.push({ path: 'rules', code: 'uncovered', minutes: Math.max(0, Math.floor(gap)) });
  return issues;
}

export interface CancelDecision {
  /** The rule that decided (null: waived by staff). */
  ruleIndex: number | null;
  session: 'release' | 'forfeit';
  feeFen: number;
  countsTowardBan: boolean;
  /** The matched rule penalises (forfeit, fee or strike) — before grace and waiver. */
  isLate: boolean;
  isGrace: boolean;
  isWaived: boolean;
}

/**
 * What cancelling (or a no-show) does now: the first matching rule; a staff waiver or a grace
 * allowance (cancellations before the start only) turns a penalised one into an in-time one.
 */
export function decideCancellation(p: CancelPolicy, e: { now: string; startsAt: string; isNoShow?: boolean; isWaived?: boolean; graceUsedThisMonth: number }): CancelDecision {
  const minutesBefore = e.isNoShow ? -1 : (Date.parse(e.startsAt) - Date.parse(e.now)) / MINUTE;
  const i = firstCancelRule(p.rules, minutesBefore);
  // A list that passed checkCancelRules always matches; forfeit is the safe fallback for legacy data.
  const r: CancelRule = i >= 0 ? p.rules[i] : { window: 'after_start', minutes: null, session: 'forfeit', feeFen: 0, countsTowardBan: true };
  const isLate = r.session === 'forfeit' || r.feeFen > 0 || r.countsTowardBan;
  const inTime = { session: 'release' as const, feeFen: 0, countsTowardBan: false };
  if (isLate && e.isWaived) return { ruleIndex: i, ...inTime, isLate, isGrace: false, isWaived: true };
  if (isLate && !e.isNoShow && minutesBefore > 0 && e.graceUsedThisMonth < p.graceLateCancelsPerMonth) return { ruleIndex: i, ...inTime, isLate, isGrace: true, isWaived: false };
  return { ruleIndex: i, session: r.session, feeFen: r.feeFen, countsTowardBan: r.countsTowardBan, isLate, isGrace: false, isWaived: false };
}

/**
 * Until when booking is refused, given the member's strike times: K strikes within 30 days ban
 * for D days from the K-th; without D, while the last 30 days hold K strikes. Null: not banned.
 */
export function banUntil(strikeTimes: readonly string[], now: string, p: { banAfterCount: number; banDays: number | null }): string | null {
  const k = p.banAfterCount;
  if (k <= 0) return null;
  const t = strikeTimes.map((s) => Date.parse(s)).filter((x) => x <= Date.parse(now)).sort((a, b) => a - b);
  const nowMs = Date.parse(now);
  if (p.banDays === null) {
    const recent = t.filter((x) => x > nowMs - 30 * DAY);
    return recent.length >= k ? new Date(recent[recent.length - k] + 30 * DAY).toISOString() : null;
  }
  let until: number | null = null;
  for (let j = k - 1; j < t.length; j++) {
    if (t[j] - t[j - k + 1] < 30 * DAY) {
      const end = t[j] + p.banDays * DAY;
      if (end > nowMs && (until === null || end > until)) until = end;
    }
  }
  return until === null ? null : new Date(until).toISOString();
}
