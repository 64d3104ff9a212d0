import { describe, expect, it } from 'vitest';
import { type Punch, checkPunch, monthRange, monthlyHours, spansOf } from './attendance.rules';

const p = (kind: 'in' | 'out', at: string, storeId = 'sto_a', staffId = 'stf_1'): Punch => ({ staffId, staffName: staffId === 'stf_1' ? '林教练' : '王前台', storeId, kind, at, businessDate: at.slice(0, 10) });

describe('attendance rules', () => {
  it('allows in after out, out after in at the same store, and names what is wrong otherwise', () => {
    expect(checkPunch(null, { kind: 'in', storeId: 'sto_a', at: '2026-12-01T01:00:00Z' })).toBeNull();
    expect(checkPunch(null, { kind: 'out', storeId: 'sto_a', at: '2026-12-01T01:00:00Z' })).toBe('not_in');
    const inA = { kind: 'in' as const, storeId: 'sto_a', at: '2026-12-01T01:00:00Z' };
    expect(checkPunch(inA, { kind: 'in', storeId: 'sto_a', at: '2026-12-01T02:00:00Z' })).toBe('already_in');
    expect(checkPunch(inA, { kind: 'out', storeId: 'sto_b', at: '2026-12-01T09:00:00Z' })).toBe('other_store');
    expect(checkPunch(inA, { kind: 'out', storeId: 'sto_a', at: '2026-12-01T09:00:00Z' })).toBeNull();
    // A clock-in forgotten for more than 16 hours no longer blocks the next day's clock-in.
    expect(checkPunch(inA, { kind: 'in', storeId: 'sto_a', at: '2026-12-02T01:00:00Z' })).toBeNull();
    expect(checkPunch({ ...inA, kind: 'out' }, { kind: 'in', storeId: 'sto_b', at: '2026-12-01T10:00:00Z' })).toBeNull();
  });

  it('pairs punches into spans and flags a missing clock-out or an overlong span', () => {
    const spans = spansOf([p('out', '2026-12-01T09:30:00Z'), p('in', '2026-12-01T01:00:00Z'), p('in', '2026-12-02T01:00:00Z'), p('in', '2026-12-03T01:00:00Z'), p('out', '2026-12-04T01:00:00Z')]);
    expect(spans.map((s) => [s.businessDate, s.minutes, s.isIncomplete])).toEqual([
      ['2026-12-01', 510, false],
      ['2026-12-02', 0, true],
      ['2026-12-03', 0, true],
    ]);
    expect(spansOf([p('out', '2026-12-01T09:30:00Z')])[0]).toMatchObject({ minutes: 0, isIncomplete: true });
  });

  it('sums a month per staff member: days, minutes, incomplete spans, minutes per store', () => {
    const lines = monthlyHours([
      p('in', '2026-12-01T01:00:00Z'),
      p('out', '2026-12-01T09:00:00Z'),
      p('in', '2026-12-02T01:00:00Z', 'sto_b'),
      p('out', '2026-12-02T05:30:00Z', 'sto_b'),
      p('in', '2026-12-03T01:00:00Z'),
      p('in', '2026-12-01T02:00:00Z', 'sto_a', 'stf_2'),
      p('out', '2026-12-01T03:00:00Z', 'sto_a', 'stf_2'),
    ]);
    expect(lines).toEqual([
      { staffId: 'stf_1', staffName: '林教练', days: 2, minutes: 750, incomplete: 1, byStore: [{ storeId: 'sto_a', minutes: 480 }, { storeId: 'sto_b', minutes: 270 }] },
      { staffId: 'stf_2', staffName: '王前台', days: 1, minutes: 60, incomplete: 0, byStore: [{ storeId: 'sto_a', minutes: 60 }] },
    ]);
  });

  it('knows the days of a month, leap years included', () => {
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});
