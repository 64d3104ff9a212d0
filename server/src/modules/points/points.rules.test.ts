import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expiryDate, maxRedeemablePoints, planConsumption, pointsForAmount, proportionalPoints } from './points.rules';

describe('points rules', () => {
  it('computes expiry: never, N days, 31 Dec of the following year', () => {
    expect(expiryDate({ type: 'never' }, '2026-11-22')).toBeNull();
    expect(expiryDate({ type: 'days', days: 365 }, '2026-11-22')).toBe('2027-11-22');
    expect(expiryDate({ type: 'fixed_date', month: 12, day: 31, yearsAfter: 1 }, '2026-11-22')).toBe('2028-01-01');
    expect(expiryDate({ type: 'fixed_date', month: 12, day: 31, yearsAfter: 0 }, '2026-03-01')).toBe('2027-01-01');
  });

  it('earns floor(yuan × rate × multiplier)', () => {
    expect(pointsForAmount(12345, { pointsPerYuan: 1 })).toBe(123);
    expect(pointsForAmount(12345, { pointsPerYuan: 1 }, 15_000)).toBe(185);
    expect(pointsForAmount(99, { pointsPerYuan: 1 })).toBe(0);
    expect(pointsForAmount(-500, { pointsPerYuan: 1 })).toBe(0);
    expect(pointsForAmount(10000, { pointsPerYuan: 0.5 })).toBe(50);
  });

  it('caps redemption by share, amount, holdings and step', () => {
    const rule = { fenPerPoint: 1, capBasisPoints: 5000, capAmount: 3000, step: 100 };
    expect(maxRedeemablePoints(10000, 100000, rule)).toBe(3000);
    expect(maxRedeemablePoints(4000, 100000, rule)).toBe(2000);
    expect(maxRedeemablePoints(10000, 1250, rule)).toBe(1200);
    expect(maxRedeemablePoints(0, 1000, rule)).toBe(0);
  });

  it('consumes soonest-expiring lots first, never-expiring last', () => {
    const lots = [
      { id: 'a', remaining: 100, expiresOn: null, earnedAt: '2026-01-01T00:00:00Z' },
      { id: 'b', remaining: 50, expiresOn: '2027-06-01', earnedAt: '2026-06-01T00:00:00Z' },
      { id: 'c', remaining: 30, expiresOn: '2027-01-01', earnedAt: '2026-07-01T00:00:00Z' },
    ];
    expect(planConsumption(lots, 60)).toEqual([
      { lotId: 'c', points: 30 },
      { lotId: 'b', points: 30 },
    ]);
    expect(() => planConsumption(lots, 181)).toThrow();
  });

  it('a consumption plan takes exactly the points asked, from lots that hold them', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ remaining: fc.nat(500), days: fc.option(fc.nat(800)) }), { maxLength: 8 }), fc.nat(4000), (raw, want) => {
        const lots = raw.map((l, i) => ({ id: `l${i}`, remaining: l.remaining, expiresOn: l.days === null ? null : new Date(Date.UTC(2027, 0, 1 + l.days)).toISOString().slice(0, 10), earnedAt: `2026-01-${String(10 + i).padStart(2, '0')}` }));
        const total = lots.reduce((s, l) => s + l.remaining, 0);
        const points = Math.min(want, total);
        const plan = planConsumption(lots, points);
        const byLot = new Map(lots.map((l) => [l.id, l.remaining]));
        return plan.reduce((s, p) => s + p.points, 0) === points && plan.every((p) => p.points > 0 && p.points <= byLot.get(p.lotId)!);
      }),
    );
  });

  it('splits points proportionally for partial refunds', () => {
    expect(proportionalPoints(300, 10000, 30000)).toBe(100);
    expect(proportionalPoints(100, 1, 3)).toBe(33);
    expect(proportionalPoints(100, 5000, 3000)).toBe(100);
  });
});
