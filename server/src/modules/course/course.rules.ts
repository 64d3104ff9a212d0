/**
 * Classes and booking — pure rules (unit-tested): local class times to instants, weekly dates,
 * overlaps, ages, the booking window, cancellation outcomes, promotion cut-off, check-in times.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export { addDays, localToUtc, weekdayOf, zoneOffsetMs } from '../../shared/local-time';
import { addDays, localToUtc, weekdayOf } from '../../shared/local-time';

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
