import type { InteractionKind, InteractionStatus } from '../../db/schema';
import { addDays, lunarBirthdayIn, lunarMonthDay, solarToLunar } from '../member';

/**
 * Pure CRM rules: which interactions carry a status and how it may move, and which days fall
 * in an "upcoming" window by the solar and the lunar calendar.
 */
export const STATUS_KINDS: InteractionKind[] = ['complaint', 'suggestion'];

export function hasStatus(kind: InteractionKind): boolean {
  return STATUS_KINDS.includes(kind);
}

/** open → in_progress → resolved; resolved may be reopened; open may be resolved at once. */
export function canMove(from: InteractionStatus, to: InteractionStatus): boolean {
  if (from === to) return true;
  if (from === 'open') return to === 'in_progress' || to === 'resolved';
  if (from === 'in_progress') return to === 'resolved' || to === 'open';
  return to === 'open';
}

export interface WindowDay {
  date: string;
  solarMd: string;
  lunarMd: string;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The days from `today` for `days` days with their solar and lunar month-days. */
export function windowDays(today: string, days: number): WindowDay[] {
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(today, i);
    return { date, solarMd: date.slice(5), lunarMd: lunarMonthDay(solarToLunar(date)) };
  });
}

/**
 * MM-DD values to look for: the window's days, plus 02-29 on 28 February of common years (those
 * born on 29 February celebrate then), and lunar day 30 on the last day of a 29-day lunar month.
 */
export function lookupDays(win: WindowDay[]): { solar: string[]; lunar: string[] } {
  const solar = new Set<string>();
  const lunar = new Set<string>();
  for (const d of win) {
    solar.add(d.solarMd);
    if (d.solarMd === '02-28' && !isLeapYear(Number(d.date.slice(0, 4)))) solar.add('02-29');
    lunar.add(d.lunarMd);
    const l = solarToLunar(d.date);
    if (l.day === 29 && lunarBirthdayIn(l.year, l.month, 30) === d.date) lunar.add(lunarMonthDay({ month: l.month, day: 30 }));
  }
  return { solar: [...solar], lunar: [...lunar] };
}

/** The window day on which a solar MM-DD is celebrated. */
export function solarDay(win: WindowDay[], md: string): string | null {
  const hit = win.find((d) => d.solarMd === md) ?? (md === '02-29' ? win.find((d) => d.solarMd === '02-28' && !isLeapYear(Number(d.date.slice(0, 4)))) : undefined);
  return hit?.date ?? null;
}

/** The window day on which a lunar MM-DD is celebrated (day 30 falls back to day 29). */
export function lunarDay(win: WindowDay[], md: string): string | null {
  const hit = win.find((d) => d.lunarMd === md);
  if (hit) return hit.date;
  if (md.endsWith('-30')) {
    const month = Number(md.slice(0, 2));
    for (const d of win) {
      const l = solarToLunar(d.date);
      if (l.month === month && l.day === 29 && lunarBirthdayIn(l.year, month, 30) === d.date) return d.date;
    }
  }
  return null;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The age someone born on `birthday` turns on `on`. */
export function turning(birthday: string, on: string): number {
  return Number(on.slice(0, 4)) - Number(birthday.slice(0, 4));
}
