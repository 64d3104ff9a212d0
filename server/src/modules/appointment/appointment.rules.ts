/**
 * 1:1 appointments — pure rules (unit-tested beside): local times to instants, a coach's
 * windows on a day (weekly windows and date exceptions), the slots they give, which of them are
 * free (existing appointments, the coach's group classes, the booking window), cancellation.
 */

const MINUTE = 60_000;

export { addDays, localToUtc, weekdayOf } from '../../shared/local-time';
import { addDays, localToUtc, weekdayOf } from '../../shared/local-time';

export const isTime = (s: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s) || s === '24:00';
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmmOf = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export interface WeeklyWindow {
  weekday: number;
  startTime: string;
  endTime: string;
  slotMinutes: number;
}

export interface DateException {
  onDate: string;
  /** off: no appointments (the whole day when no times are given); extra: extra hours that day. */
  kind: 'off' | 'extra';
  startTime: string | null;
  endTime: string | null;
  slotMinutes: number | null;
}

export interface Interval {
  startsAt: string;
  endsAt: string;
}

export type SlotStatus = 'free' | 'booked' | 'class' | 'too_soon' | 'too_far';

export interface Slot extends Interval {
  businessDate: string;
  status: SlotStatus;
}

/** Two windows of one weekday overlapping each other (refused when availability is set). */
export function overlappingWindows(windows: WeeklyWindow[]): [WeeklyWindow, WeeklyWindow] | null {
  for (let i = 0; i < windows.length; i++)
    for (let j = i + 1; j < windows.length; j++) {
      const a = windows[i];
      const b = windows[j];
      if (a.weekday === b.weekday && a.startTime < b.endTime && b.startTime < a.endTime) return [a, b];
    }
  return null;
}

/**
 * The windows of one day: the weekday's windows unless a whole-day `off` exception removes them,
 * plus `extra` hours. Partial `off` exceptions do not cut windows here; they block slots (see
 * `daySlots`), so a slot that only partly overlaps the time off is not offered either.
 */
export function windowsOn(date: string, weekly: WeeklyWindow[], exceptions: DateException[]): { startTime: string; endTime: string; slotMinutes: number }[] {
  const mine = exceptions.filter((e) => e.onDate === date);
  const dayOff = mine.some((e) => e.kind === 'off' && !e.startTime);
  const wd = weekdayOf(date);
  const base = dayOff ? [] : weekly.filter((w) => w.weekday === wd).map((w) => ({ startTime: w.startTime, endTime: w.endTime, slotMinutes: w.slotMinutes }));
  const defaultSlot = weekly[0]?.slotMinutes ?? 60;
  const extra = mine.filter((e) => e.kind === 'extra' && e.startTime && e.endTime).map((e) => ({ startTime: e.startTime!, endTime: e.endTime!, slotMinutes: e.slotMinutes ?? defaultSlot }));
  return [...base, ...extra].sort((a, b) => a.startTime.localeCompare(b.startTime));
}

/** Slots of a window: back to back from its start, each ending by the window's end. */
export function windowSlots(w: { startTime: string; endTime: string; slotMinutes: number }): { startTime: string; endTime: string }[] {
  const out: { startTime: string; endTime: string }[] = [];
  const end = minutesOf(w.endTime);
  for (let m = minutesOf(w.startTime); m + w.slotMinutes <= end; m += w.slotMinutes) out.push({ startTime: hhmmOf(m), endTime: hhmmOf(m + w.slotMinutes) });
  return out;
}

const overlaps = (a: Interval, b: Interval) => Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);

export interface SlotQuery {
  from: string;
  to: string;
  timeZone: string;
  weekly: WeeklyWindow[];
  exceptions: DateException[];
  /** The coach's booked appointments (other than cancelled ones). */
  appointments: Interval[];
  /** The coach's scheduled group classes (taught or substituted). */
  classes: Interval[];
  now: string;
  /** Today in the tenant's time zone. */
  today: string;
  minNoticeMinutes: number;
  maxDaysAhead: number;
}

/**
 * Every slot from `from` to `to` with its status: booked (an appointment overlaps it), class
 * (the coach teaches a group class then, or has partial time off), too soon (inside the minimum
 * notice, or past), too far (beyond the days ahead bookings open), else free. Slots of two
 * windows starting at the same time are one slot.
 */
export function daySlots(q: SlotQuery): Slot[] {
  const out: Slot[] = [];
  const seen = new Set<string>();
  const earliest = Date.parse(q.now) + q.minNoticeMinutes * MINUTE;
  const lastDay = addDays(q.today, q.maxDaysAhead);
  for (let date = q.from; date <= q.to; date = addDays(date, 1)) {
    const off = q.exceptions
      .filter((e) => e.onDate === date && e.kind === 'off' && e.startTime && e.endTime)
      .map((e) => ({ startsAt: localToUtc(date, e.startTime!, q.timeZone), endsAt: localToUtc(date, e.endTime!, q.timeZone) }));
    for (const w of windowsOn(date, q.weekly, q.exceptions)) {
      for (const s of windowSlots(w)) {
        const slot = { startsAt: localToUtc(date, s.startTime, q.timeZone), endsAt: s.endTime === '24:00' ? localToUtc(addDays(date, 1), '00:00', q.timeZone) : localToUtc(date, s.endTime, q.timeZone) };
        if (seen.has(slot.startsAt)) continue;
        seen.add(slot.startsAt);
        let status: SlotStatus = 'free';
        if (q.appointments.some((a) => overlaps(a, slot))) status = 'booked';
        else if (q.classes.some((c) => overlaps(c, slot)) || off.some((o) => overlaps(o, slot))) status = 'class';
        else if (Date.parse(slot.startsAt) < earliest) status = 'too_soon';
        else if (date > lastDay) status = 'too_far';
        out.push({ businessDate: date, ...slot, status });
      }
    }
  }
  return out.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Only the slots one can book. */
export const freeSlots = (q: SlotQuery): Slot[] => daySlots(q).filter((s) => s.status === 'free');

/** A booked appointment cancelled now: released in time; late, forfeited when the setting says so. */
export function cancellationOutcome(now: string, startsAt: string, s: { lateCancelMinutes: number; isLateCancelForfeit: boolean }): 'release' | 'forfeit' {
  const isLate = Date.parse(now) >= Date.parse(startsAt) - s.lateCancelMinutes * MINUTE;
  return isLate && s.isLateCancelForfeit ? 'forfeit' : 'release';
}

/** Completing (check-in) is possible from this many minutes before the start. */
export const COMPLETE_OPENS_MINUTES = 60;

export function canComplete(now: string, startsAt: string): boolean {
  return Date.parse(now) >= Date.parse(startsAt) - COMPLETE_OPENS_MINUTES * MINUTE;
}

/** Appointments still booked this many minutes after their end become no-shows (the job). */
export const NO_SHOW_GRACE_MINUTES = 15;

export function isAppointmentNoShowDue(now: string, endsAt: string, graceMinutes = NO_SHOW_GRACE_MINUTES): boolean {
  return Date.parse(now) >= Date.parse(endsAt) + graceMinutes * MINUTE;
}
