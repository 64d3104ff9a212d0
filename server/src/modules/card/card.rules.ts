import type { CardStatus, CardTerms, CardValidity, SaleWarning, UseKey } from '../../db/schema';
import { prorate } from '../../shared/money';

/**
 * Pure rules of membership cards: business dates, validity and expiry, the status a card has on
 * a day, and what a consumption recognises as revenue. Dates are tenant business dates
 * (YYYY-MM-DD); nothing here reads a clock or a database.
 */

const DAY_MS = 86_400_000;
const toMs = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, n: number): string {
  return fromMs(toMs(date) + n * DAY_MS);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);

/** The Monday of the ISO week a date falls in (weekly caps count Monday to Sunday). */
export function weekStart(date: string): string {
  const dow = new Date(toMs(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

function lastDayOfMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * The last valid day of a card activated on a date. N days: the activation day counts as the
 * first. N months: the day before the same day N months later (1/15 → 2/14); when that month is
 * shorter, its last day (1/31 + 1 month → 2/28, 2/29 in leap years).
 */
export function expiryFor(activatedOn: string, v: CardValidity): string {
  if (v.unit === 'day') return addDays(activatedOn, v.count - 1);
  const y = Number(activatedOn.slice(0, 4));
  const m = Number(activatedOn.slice(5, 7)) - 1 + v.count;
  const ty = y + Math.floor(m / 12);
  const tm = m % 12;
  const day = Number(activatedOn.slice(8, 10));
  const last = lastDayOfMonth(ty, tm);
  if (day > last) return fromMs(Date.UTC(ty, tm, last));
  return addDays(fromMs(Date.UTC(ty, tm, day)), -1);
}

/** How many validity days a card activated on a date is granted. */
export function validityDays(activatedOn: string, v: CardValidity): number {
  return daysBetween(activatedOn, expiryFor(activatedOn, v)) + 1;
}

/** The last valid day given the activation day and the validity days granted. */
export function expiryFromDays(activatedOn: string, daysGranted: number): string {
  return addDays(activatedOn, daysGranted - 1);
}

/** Roughly how many months a validity spans (for the training-school prepayment rule). */
export function validityMonths(v: CardValidity): number {
  return v.unit === 'month' ? v.count : v.count / 30;
}

export const TERMINAL_STATUSES: readonly CardStatus[] = ['transferred', 'refunded', 'cancelled'];
export const isTerminal = (s: CardStatus) => TERMINAL_STATUSES.includes(s);

/** Cards that pay by the session (count, private, trial with sessions); the others are unlimited within their validity. */
export const isSessionCard = (t: Pick<CardTerms, 'sessions'>) => t.sessions !== null;

export interface FreezeSpan {
  status: 'scheduled' | 'active' | 'ended' | 'cancelled';
  startOn: string;
  endOn: string;
  endedOn: string | null;
  isExpiryExtended: boolean;
}

/** The last day a freeze actually covers (null when it never took effect). */
export function freezeLastDay(f: FreezeSpan): string | null {
  if (f.status === 'cancelled') return null;
  if (f.endedOn !== null) return f.endedOn < f.startOn ? null : f.endedOn;
  return f.endOn;
}

/** Whether a freeze (scheduled, active or ended) covers a day. */
export function freezeCovers(f: FreezeSpan, date: string): boolean {
  const last = freezeLastDay(f);
  return last !== null && f.startOn <= date && date <= last;
}

/**
 * The status a card has on a day. Terminal statuses stay; a card that was never activated is
 * pending; past its last day it is expired; inside a freeze, frozen; within the expiring window
 * of its last day, expiring; otherwise active.
 */
export function statusOn(
  c: { status: CardStatus; activatedOn: string | null; expiresOn: string | null },
  today: string,
  freezes: FreezeSpan[],
  expiringWithinDays: number,
): CardStatus {
  if (isTerminal(c.status)) return c.status;
  if (!c.activatedOn) return 'pending';
  if (c.expiresOn && today > c.expiresOn) return 'expired';
  if (freezes.some((f) => freezeCovers(f, today))) return 'frozen';
  if (c.expiresOn && daysBetween(today, c.expiresOn) < expiringWithinDays) return 'expiring';
  return 'active';
}

/** Days used of a time card up to a day: days since activation, less the frozen days that moved the expiry. */
export function daysUsed(c: { activatedOn: string | null; expiresOn: string | null; daysPaid: number }, freezes: FreezeSpan[], today: string): number {
  if (!c.activatedOn || today < c.activatedOn) return 0;
  const end = c.expiresOn ? minDate(today, c.expiresOn) : today;
  const elapsed = daysBetween(c.activatedOn, end) + 1;
  let frozen = 0;
  for (const f of freezes) {
    if (!f.isExpiryExtended) continue;
    const last = freezeLastDay(f);
    if (last === null) continue;
    const from = maxDate(f.startOn, c.activatedOn);
    const to = minDate(last, end);
    if (to >= from) frozen += daysBetween(from, to) + 1;
  }
  return Math.max(0, Math.min(c.daysPaid, elapsed - frozen));
}

/** Does the card pay for one of these items? */
export function covers(coverage: UseKey[], items: UseKey[]): boolean {
  if (coverage.some((k) => k.type === 'any')) return true;
  return items.some((i) => coverage.some((k) => k.type === i.type && k.id === i.id));
}

/**
 * Revenue a consumption recognises: for session cards the remaining deferred value in proportion
 * to the sessions used (the last session takes what is left, so a fully used card recognises
 * exactly what was paid); for unlimited cards one day's value on the first use of a day.
 */
export function consumptionRevenue(
  c: { isSessionCard: boolean; valueRemaining: number; sessionsRemaining: number; paidAmount: number; daysGranted: number },
  units: number,
  isFirstUseOfDay: boolean,
): number {
  if (c.valueRemaining <= 0) return 0;
  if (c.isSessionCard) {
    if (units >= c.sessionsRemaining) return c.valueRemaining;
    return Math.min(c.valueRemaining, prorate(c.valueRemaining, units, c.sessionsRemaining));
  }
  if (!isFirstUseOfDay) return 0;
  return Math.min(c.valueRemaining, prorate(c.paidAmount, 1, Math.max(1, c.daysGranted)));
}

/** Value written off with expired sessions (the rest stays with sessions still held by bookings). */
export function writeoffValue(valueRemaining: number, writeoffSessions: number, sessionsRemaining: number): number {
  if (writeoffSessions >= sessionsRemaining) return valueRemaining;
  return prorate(valueRemaining, writeoffSessions, sessionsRemaining);
}

/**
 * Training schools (national rule for off-campus training): warn when a sale prepays more than
 * N months or M class hours.
 */
export function prepayWarnings(terms: Pick<CardTerms, 'validity' | 'sessions'>, s: { isTrainingSchool: boolean; prepayMaxMonths: number; prepayMaxHours: number }): SaleWarning[] {
  if (!s.isTrainingSchool) return [];
  const out: SaleWarning[] = [];
  if (terms.validity && validityMonths(terms.validity) > s.prepayMaxMonths) {
    out.push({
      code: 'PREPAY_OVER_MONTHS',
      message: {
        'zh-CN': `本卡有效期超过 ${s.prepayMaxMonths} 个月:按校外培训收费规定,不得一次性收取超过 ${s.prepayMaxMonths} 个月的费用`,
        en: `This card runs longer than ${s.prepayMaxMonths} months: off-campus training rules forbid prepaying more than ${s.prepayMaxMonths} months`,
      },
    });
  }
  if (terms.sessions !== null && terms.sessions > s.prepayMaxHours) {
    out.push({
      code: 'PREPAY_OVER_HOURS',
      message: {
        'zh-CN': `本卡含 ${terms.sessions} 课时,超过 ${s.prepayMaxHours} 课时:按校外培训收费规定,不得一次性收取超过 ${s.prepayMaxHours} 课时的费用`,
        en: `This card holds ${terms.sessions} class hours, more than ${s.prepayMaxHours}: off-campus training rules forbid prepaying more than ${s.prepayMaxHours} class hours`,
      },
    });
  }
  return out;
}

/** The business day an activation mode starts a card on at sale (null: later, by date or first use). */
export function activationAtSale(mode: CardTerms['activationMode'], today: string, activateOn: string | null): string | null {
  if (mode === 'purchase') return today;
  if (mode === 'date' && activateOn !== null && activateOn <= today) return today;
  return null;
}

/** Sort eligible cards: soonest-expiring first (cards without an expiry last), then fewest sessions left, then oldest. */
export function bySoonestExpiry<T extends { expiresOn: string | null; sessionsAvailable: number | null; cardId: string }>(a: T, b: T): number {
  const ea = a.expiresOn ?? '9999-12-31';
  const eb = b.expiresOn ?? '9999-12-31';
  if (ea !== eb) return ea < eb ? -1 : 1;
  const sa = a.sessionsAvailable ?? Number.MAX_SAFE_INTEGER;
  const sb = b.sessionsAvailable ?? Number.MAX_SAFE_INTEGER;
  if (sa !== sb) return sa - sb;
  return a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0;
}
