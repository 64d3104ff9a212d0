// The tier level rules the server enforces, checked as the staff member types so the messages
// sit on the fields: unique names (ignoring case and spaces) and ranks, thresholds rising
// strictly with rank, retention not above the threshold, nothing negative.
export interface LevelDraft {
  rank: number | null | undefined;
  name: string | null | undefined;
  threshold: number | null | undefined;
  retentionThreshold: number | null | undefined;
}

export type LevelField = 'rank' | 'name' | 'threshold' | 'retentionThreshold';

export type LevelProblem =
  | { index: number; field: 'name'; code: 'required' }
  | { index: number; field: 'name'; code: 'duplicate'; name: string }
  | { index: number; field: 'rank'; code: 'required' }
  | { index: number; field: 'rank'; code: 'duplicate'; rank: number }
  | { index: number; field: 'threshold'; code: 'required' }
  | { index: number; field: 'threshold' | 'retentionThreshold' | 'rank'; code: 'negative' }
  | { index: number; field: 'threshold'; code: 'notRising'; lowerName: string; lowerThreshold: number }
  | { index: number; field: 'retentionThreshold'; code: 'aboveThreshold' };

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function levelProblems(levels: (LevelDraft | undefined)[]): LevelProblem[] {
  const problems: LevelProblem[] = [];
  const names = new Map<string, number>();
  const ranks = new Map<number, number>();
  levels.forEach((l, index) => {
    if (!l) return;
    const name = (l.name ?? '').trim();
    if (!name) problems.push({ index, field: 'name', code: 'required' });
    else {
      const k = name.toLowerCase();
      if (names.has(k)) problems.push({ index, field: 'name', code: 'duplicate', name });
      else names.set(k, index);
    }
    if (!isNum(l.rank)) problems.push({ index, field: 'rank', code: 'required' });
    else if (l.rank < 0) problems.push({ index, field: 'rank', code: 'negative' });
    else if (ranks.has(l.rank)) problems.push({ index, field: 'rank', code: 'duplicate', rank: l.rank });
    else ranks.set(l.rank, index);
    if (!isNum(l.threshold)) problems.push({ index, field: 'threshold', code: 'required' });
    else if (l.threshold < 0) problems.push({ index, field: 'threshold', code: 'negative' });
    if (isNum(l.retentionThreshold)) {
      if (l.retentionThreshold < 0) problems.push({ index, field: 'retentionThreshold', code: 'negative' });
      else if (isNum(l.threshold) && l.retentionThreshold > l.threshold) problems.push({ index, field: 'retentionThreshold', code: 'aboveThreshold' });
    }
  });
  // Rising thresholds: each level must be above the highest threshold of every lower rank.
  const ranked = levels
    .map((l, index) => ({ l, index }))
    .filter((x): x is { l: LevelDraft & { rank: number; threshold: number }; index: number } => !!x.l && isNum(x.l.rank) && isNum(x.l.threshold));
  for (const x of ranked) {
    const lower = ranked.filter((y) => y.l.rank < x.l.rank);
    if (!lower.length) continue;
    const top = lower.reduce((a, b) => (b.l.threshold > a.l.threshold ? b : a));
    if (x.l.threshold <= top.l.threshold) problems.push({ index: x.index, field: 'threshold', code: 'notRising', lowerName: (top.l.name ?? '').trim(), lowerThreshold: top.l.threshold });
  }
  return problems;
}
