import { describe, expect, it } from 'vitest';
import { cashInDrawer, compareCounts, shiftNo, shiftTotals } from './shift.rules';

const activity = {
  openingFloat: 50000,
  cashIn: 10000,
  cashOut: 3000,
  sales: [
    { method: 'cash', amount: 12800, points: 0 },
    { method: 'wechat', amount: 30000, points: 0 },
    { method: 'stored_value', amount: 20000, points: 0 },
    { method: 'points', amount: 500, points: 500 },
  ],
  refunds: [
    { method: 'cash', amount: 1800, points: 0 },
    { method: 'points', amount: 0, points: 100 },
  ],
  orderCount: 4,
  refundCount: 1,
  changeGiven: 2200,
};

describe('shift totals', () => {
  it('expects per drawer method: float + sales − refunds + cash in − cash out; stored value and points only shown', () => {
    const t = shiftTotals(activity);
    expect(t.methods).toEqual([
      { method: 'cash', sales: 12800, refunds: 1800, cashIn: 10000, cashOut: 3000, float: 50000, expected: 68000 },
      { method: 'wechat', sales: 30000, refunds: 0, cashIn: 0, cashOut: 0, float: 0, expected: 30000 },
    ]);
    expect(t.storedValue).toEqual({ sales: 20000, refunds: 0 });
    expect(t.points).toEqual({ points: 500, value: 500, returned: 100 });
    expect(cashInDrawer(t)).toBe(68000);
  });

  it('needs every expecting method counted, and a reason for any difference', () => {
    const t = shiftTotals(activity);
    expect(compareCounts(t, [{ method: 'cash', counted: 68000 }], null)).toEqual({ ok: false, problem: { code: 'SHIFT_COUNT_MISSING', method: 'wechat' } });
    const short = [
      { method: 'cash', counted: 67500 },
      { method: 'wechat', counted: 30000 },
    ];
    expect(compareCounts(t, short, ' ')).toEqual({ ok: false, problem: { code: 'SHIFT_DIFFERENCE_REASON_REQUIRED', difference: -500 } });
    const ok = compareCounts(t, short, '找零多找了 5 元');
    expect(ok.ok && ok.result).toEqual({
      rows: [
        { method: 'cash', expected: 68000, counted: 67500, difference: -500 },
        { method: 'wechat', expected: 30000, counted: 30000, difference: 0 },
      ],
      expectedTotal: 98000,
      countedTotal: 97500,
      differenceTotal: -500,
      hasDifference: true,
    });
    const exact = compareCounts(t, [{ method: 'cash', counted: 68000 }, { method: 'wechat', counted: 30000 }], null);
    expect(exact.ok && exact.result.hasDifference).toBe(false);
  });

  it('numbers shifts by store, day and order in the day', () => {
    expect(shiftNo('YOGA01', '2026-11-22', 2)).toBe('YOGA01-20261122-2');
  });
});
