/**
 * Tiers (会员等级): a member holds the highest tier whose threshold their metric reaches in the
 * evaluation window. Upgrades happen at once; downgrades only when an evaluation period ends
 * with the retention threshold missed (after an optional grace).
 */
export type TierMetric = 'spend' | 'recharge' | 'points' | 'visits' | 'single_order';
export type TierWindow = 'lifetime' | 'rolling_months' | 'calendar_year';

export interface TierLevel {
  id: string;
  rank: number;
  name: string;
  threshold: number;
  /** What keeps the tier at period end; defaults to the threshold. */
  retentionThreshold: number | null;
}

export interface TierProgram {
  metric: TierMetric;
  window: TierWindow;
  windowMonths: number;
  graceDays: number;
}

export interface LevelProblem {
  index: number;
  field: 'name' | 'rank' | 'threshold' | 'retentionThreshold';
  code: 'DUPLICATE_NAME' | 'DUPLICATE_RANK' | 'THRESHOLD_NOT_RISING' | 'RETENTION_ABOVE_THRESHOLD' | 'NEGATIVE';
}

/** Unique names and ranks; thresholds rise strictly with rank; retention ≤ threshold. */
export function validateLevels(levels: Pick<TierLevel, 'name' | 'rank' | 'threshold' | 'retentionThreshold'>[]): LevelProblem[] {
  const problems: LevelProblem[] = [];
  const names = new Map<string, number>();
  const ranks = new Map<number, number>();
  levels.forEach((l, i) => {
    const n = l.name.trim().toLowerCase();
    if (names.has(n)) problems.push({ index: i, field: 'name', code: 'DUPLICATE_NAME' });
    names.set(n, i);
    if (ranks.has(l.rank)) problems.push({ index: i, field: 'rank', code: 'DUPLICATE_RANK' });
    ranks.set(l.rank, i);
    if (l.threshold < 0) problems.push({ index: i, field: 'threshold', code: 'NEGATIVE' });
    if (l.retentionThreshold !== null && l.retentionThreshold > l.threshold) problems.push({ index: i, field: 'retentionThreshold', code: 'RETENTION_ABOVE_THRESHOLD' });
    if (l.retentionThreshold !== null && l.retentionThreshold < 0) problems.push({ index: i, field: 'retentionThreshold', code: 'NEGATIVE' });
  });
  const byRank = levels.map((l, i) => ({ ...l, i })).sort((a, b) => a.rank - b.rank);
  for (let k = 1; k < byRank.length; k++) {
    const lower = byRank.filter((x) => x.rank < byRank[k].rank);
    if (lower.length && byRank[k].threshold <= Math.max(...lower.map((x) => x.threshold))) {
      problems.push({ index: byRank[k].i, field: 'threshold', code: 'THRESHOLD_NOT_RISING' });
    }
  }
  return problems;
}

export function sortLevels<T extends Pick<TierLevel, 'rank'>>(levels: T[]): T[] {
  return [...levels].sort((a, b) => a.rank - b.rank);
}

/** The highest level the metric qualifies for (null when below every threshold). */
export function qualifyingLevel<T extends TierLevel>(metric: number, levels: T[]): T | null {
  let best: T | null = null;
  for (const l of sortLevels(levels)) if (metric >= l.threshold) best = l;
  return best;
}

function addMonthsUtc(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

/** First business date counted by the metric window as of `today` (null: lifetime). */
export function windowStart(program: TierProgram, today: string): string | null {
  if (program.window === 'lifetime') return null;
  if (program.window === 'calendar_year') return `${today.slice(0, 4)}-01-01`;
  return addDays(addMonthsUtc(today, -program.windowMonths), 1);
}

/**
 * The business date on which the tier held since `since` is next evaluated for downgrade
 * (null: never, for lifetime windows). Grace days push it further.
 */
export function evaluationDate(program: TierProgram, since: string): string | null {
  if (program.window === 'lifetime') return null;
  const base = program.window === 'calendar_year' ? `${Number(since.slice(0, 4)) + 1}-01-01` : addMonthsUtc(since, program.windowMonths);
  return addDays(base, program.graceDays);
}

export type PeriodDecision<T> = { action: 'keep' } | { action: 'downgrade'; to: T | null };

/**
 * At period end: keep the tier when the metric meets its retention threshold; otherwise drop to
 * the level the metric qualifies for (never raise here: upgrades happen as they are earned).
 */
export function decideAtPeriodEnd<T extends TierLevel>(current: T, metric: number, levels: T[]): PeriodDecision<T> {
  const keep = current.retentionThreshold ?? current.threshold;
  if (metric >= keep) return { action: 'keep' };
  const q = qualifyingLevel(metric, levels);
  if (q && q.rank >= current.rank) return { action: 'keep' };
  return { action: 'downgrade', to: q };
}

export interface TierProgress {
  next: { levelId: string; name: string; remaining: number } | null;
  keep: { remaining: number; by: string | null } | null;
}

/** "¥X more by DATE to reach Gold" / "… to keep Silver". */
export function progress<T extends TierLevel>(metric: number, current: T | null, levels: T[], evaluationOn: string | null): TierProgress {
  const sorted = sortLevels(levels);
  const next = sorted.find((l) => (current ? l.rank > current.rank : true) && l.threshold > metric) ?? null;
  const keepTarget = current ? (current.retentionThreshold ?? current.threshold) : null;
  return {
    next: next ? { levelId: next.id, name: next.name, remaining: next.threshold - metric } : null,
    keep: current && keepTarget !== null && evaluationOn ? { remaining: Math.max(0, keepTarget - metric), by: evaluationOn } : null,
  };
}
