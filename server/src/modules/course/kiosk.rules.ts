/** The self check-in kiosk — pure rules: what a screen at the entrance may show of a person. */

/** 张小明 → 张*明, 王丽 → 王*, Alice → A***e: enough to pick oneself, not to learn another's name. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('') || '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** Classes shown at the kiosk: not ended, and starting within `aheadMinutes`. */
export function isKioskClass(now: string, s: { startsAt: string; endsAt: string; status: string }, aheadMinutes: number): boolean {
  const n = Date.parse(now);
  return s.status === 'scheduled' && Date.parse(s.endsAt) > n && Date.parse(s.startsAt) - n <= aheadMinutes * 60_000;
}
