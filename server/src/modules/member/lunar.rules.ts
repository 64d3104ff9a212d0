/**
 * Chinese lunar calendar (农历) via the ICU calendar built into Node's Intl: many members
 * celebrate their birthday by the lunar date, which falls on a different solar day every year.
 * Covers the years ICU covers (well beyond any living member's birthday).
 */
export interface LunarDate {
  /** The solar year in which this lunar year starts (relatedYear). */
  year: number;
  month: number;
  day: number;
  isLeapMonth: boolean;
}

const fmt = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });

/** Lunar date of a solar date (YYYY-MM-DD). */
export function solarToLunar(date: string): LunarDate {
  const parts = fmt.formatToParts(new Date(`${date}T00:00:00Z`));
  let year = 0;
  let month = 0;
  let day = 0;
  let isLeapMonth = false;
  for (const p of parts) {
    if ((p.type as string) === 'relatedYear' || p.type === 'year') year = Number(p.value) || year;
    else if (p.type === 'month') {
      isLeapMonth = /bis/.test(p.value);
      month = Number.parseInt(p.value, 10);
    } else if (p.type === 'day') day = Number(p.value);
  }
  return { year, month, day, isLeapMonth };
}

const yearTables = new Map<number, Map<string, string>>();

function key(month: number, day: number, leap: boolean): string {
  return `${leap ? 'L' : ''}${month}-${day}`;
}

/** lunar month-day → solar date, for the lunar year that starts in solar `year`. */
function tableFor(year: number): Map<string, string> {
  let t = yearTables.get(year);
  if (t) return t;
  t = new Map();
  // Lunar new year falls between 21 January and 20 February.
  const start = Date.UTC(year, 0, 20);
  for (let ms = start; ms < Date.UTC(year + 1, 1, 21); ms += 86_400_000) {
    const iso = new Date(ms).toISOString().slice(0, 10);
    const l = solarToLunar(iso);
    if (l.year !== year) continue;
    t.set(key(l.month, l.day, l.isLeapMonth), iso);
  }
  if (yearTables.size > 200) yearTables.clear();
  yearTables.set(year, t);
  return t;
}

/** The solar date of a lunar date, or null when that date does not exist (e.g. no such leap month). */
export function lunarToSolar(l: LunarDate): string | null {
  return tableFor(l.year).get(key(l.month, l.day, l.isLeapMonth)) ?? null;
}

/** MM-DD of a lunar date, leap months folded into their month (celebrated in the regular month). */
export function lunarMonthDay(l: Pick<LunarDate, 'month' | 'day'>): string {
  return `${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

/**
 * The solar date on which a lunar birthday (month/day) falls in the lunar year starting in
 * `year`; day 30 in a short month falls back to day 29.
 */
export function lunarBirthdayIn(year: number, month: number, day: number): string | null {
  const t = tableFor(year);
  return t.get(key(month, day, false)) ?? (day === 30 ? (t.get(key(month, 29, false)) ?? null) : null);
}
