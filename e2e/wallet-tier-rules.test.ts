// The console’s own check of tier levels (web/src/console/wallet/tier-validation.ts), the same
// rules the server enforces, so the settings page can say what is wrong before saving.
import { describe, expect, it } from 'vitest';
import { levelProblems } from '../web/src/console/wallet/tier-validation';

const lv = (rank: number, name: string, threshold: number, retentionThreshold: number | null = null) => ({ rank, name, threshold, retentionThreshold });

describe('tier level checks in the console', () => {
  it('accepts unique names and ranks with thresholds rising by rank, in any order', () => {
    expect(levelProblems([lv(2, '金卡', 200000), lv(0, '普通', 0), lv(1, '银卡', 50000, 40000)])).toEqual([]);
  });

  it('names duplicate names (case and spaces ignored) and ranks on the later row', () => {
    const p = levelProblems([lv(0, 'Gold', 0), lv(0, ' gold ', 100)]);
    expect(p).toEqual(expect.arrayContaining([
      { index: 1, field: 'name', code: 'duplicate', name: 'gold' },
      { index: 1, field: 'rank', code: 'duplicate', rank: 0 },
    ]));
  });

  it('wants thresholds above every lower rank and retention not above the threshold', () => {
    const p = levelProblems([lv(0, '普通', 0), lv(1, '银卡', 50000), lv(2, '金卡', 50000, 60000)]);
    expect(p).toEqual([
      { index: 2, field: 'retentionThreshold', code: 'aboveThreshold' },
      { index: 2, field: 'threshold', code: 'notRising', lowerName: '银卡', lowerThreshold: 50000 },
    ]);
  });

  it('asks for what is missing', () => {
    expect(levelProblems([{ rank: null, name: '', threshold: undefined, retentionThreshold: null }]).map((x) => `${x.field}:${x.code}`)).toEqual(['name:required', 'rank:required', 'threshold:required']);
  });
});
