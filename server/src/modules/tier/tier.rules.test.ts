import { describe, expect, it } from 'vitest';
import { decideAtPeriodEnd, evaluationDate, progress, qualifyingLevel, validateLevels, windowStart } from './tier.rules';

const levels = [
  { id: 'silver', rank: 1, name: '银卡', threshold: 100000, retentionThreshold: 80000 },
  { id: 'normal', rank: 0, name: '普通', threshold: 0, retentionThreshold: null },
  { id: 'gold', rank: 2, name: '金卡', threshold: 500000, retentionThreshold: null },
];

describe('tier rules', () => {
  it('validates unique names and ranks and rising thresholds', () => {
    expect(validateLevels(levels)).toEqual([]);
    const bad = validateLevels([
      { name: '银卡', rank: 1, threshold: 1000, retentionThreshold: null },
      { name: '银卡 ', rank: 1, threshold: 500, retentionThreshold: 900 },
      { name: '金卡', rank: 2, threshold: 800, retentionThreshold: null },
    ]);
    expect(bad.map((p) => p.code).sort()).toEqual(['DUPLICATE_NAME', 'DUPLICATE_RANK', 'RETENTION_ABOVE_THRESHOLD', 'THRESHOLD_NOT_RISING'].sort());
  });

  it('qualifies the highest level reached', () => {
    expect(qualifyingLevel(99999, levels)?.id).toBe('normal');
    expect(qualifyingLevel(100000, levels)?.id).toBe('silver');
    expect(qualifyingLevel(10_000_000, levels)?.id).toBe('gold');
    expect(qualifyingLevel(-1, levels)).toBeNull();
  });

  it('computes windows and evaluation dates', () => {
    const year = { metric: 'spend' as const, window: 'calendar_year' as const, windowMonths: 12, graceDays: 0 };
    expect(windowStart(year, '2026-11-22')).toBe('2026-01-01');
    expect(evaluationDate(year, '2026-03-05')).toBe('2027-01-01');
    const rolling = { metric: 'spend' as const, window: 'rolling_months' as const, windowMonths: 12, graceDays: 30 };
    expect(windowStart(rolling, '2026-11-22')).toBe('2025-11-23');
    expect(evaluationDate(rolling, '2026-01-31')).toBe('2027-03-02');
    expect(evaluationDate({ ...rolling, windowMonths: 1, graceDays: 0 }, '2026-01-31')).toBe('2026-02-28');
    expect(evaluationDate({ ...year, window: 'lifetime' }, '2026-01-01')).toBeNull();
  });

  it('keeps a tier on the retention threshold and downgrades only to what the metric supports', () => {
    const silver = levels[0];
    expect(decideAtPeriodEnd(silver, 80000, levels)).toEqual({ action: 'keep' });
    expect(decideAtPeriodEnd(silver, 79999, levels)).toEqual({ action: 'downgrade', to: levels[1] });
    expect(decideAtPeriodEnd(levels[2], 120000, levels)).toEqual({ action: 'downgrade', to: silver });
  });

  it('shows progress to the next tier and what keeps the current one', () => {
    expect(progress(30000, levels[1], levels, null)).toEqual({ next: { levelId: 'silver', name: '银卡', remaining: 70000 }, keep: null });
    const p = progress(60000, levels[0], levels, '2027-01-01');
    expect(p.next).toEqual({ levelId: 'gold', name: '金卡', remaining: 440000 });
    expect(p.keep).toEqual({ remaining: 20000, by: '2027-01-01' });
  });
});
