import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LevelState, applyMove, averageCost, documentNo, isLow, lowStockThreshold } from './stock.rules';

const empty: LevelState = { quantity: 0, value: 0, lastUnitCost: 0 };

function apply(l: LevelState, m: Parameters<typeof applyMove>[1]) {
  const r = applyMove(l, m);
  if (!r.ok) throw new Error('refused');
  return r;
}

describe('stock moves at moving-average cost', () => {
  it('receipts add their cost; sales take their share of the value; the last units take the rest', () => {
    let l = apply(empty, { quantity: 10, totalCost: 1000, setsLastCost: true, allowNegative: false }).after;
    l = apply(l, { quantity: 5, totalCost: 700, setsLastCost: true, allowNegative: false }).after;
    expect(l).toEqual({ quantity: 15, value: 1700, lastUnitCost: 140 });
    expect(averageCost(l)).toBe(113);
    const sale = apply(l, { quantity: -4, allowNegative: false });
    expect(sale.cost).toBe(453); // 1700 × 4 / 15 = 453.33
    expect(sale.after).toEqual({ quantity: 11, value: 1247, lastUnitCost: 140 });
    const rest = apply(sale.after, { quantity: -11, allowNegative: false });
    expect(rest.cost).toBe(1247);
    expect(rest.after).toEqual({ quantity: 0, value: 0, lastUnitCost: 140 });
  });

  it('never goes below zero unless the product allows it', () => {
    const l = { quantity: 2, value: 200, lastUnitCost: 100 };
    expect(applyMove(l, { quantity: -3, allowNegative: false })).toEqual({ ok: false, problem: { code: 'STOCK_INSUFFICIENT', available: 2, requested: 3 } });
    const r = apply(l, { quantity: -3, allowNegative: true });
    expect(r.after).toEqual({ quantity: -1, value: 0, lastUnitCost: 100 });
    expect(r.cost).toBe(300);
    // Receiving into a shortfall: the first unit covers it, the rest carry the new cost.
    const back = apply(r.after, { quantity: 4, totalCost: 480, setsLastCost: true, allowNegative: false });
    expect(back.after).toEqual({ quantity: 3, value: 360, lastUnitCost: 120 });
  });

  it('refunds come back at the cost given; count corrections at the average', () => {
    const l = { quantity: 4, value: 400, lastUnitCost: 100 };
    expect(apply(l, { quantity: 1, totalCost: 90, allowNegative: false }).after).toEqual({ quantity: 5, value: 490, lastUnitCost: 100 });
    expect(apply(l, { quantity: 2, allowNegative: false }).after).toEqual({ quantity: 6, value: 600, lastUnitCost: 100 });
  });

  it('keeps value = what came in − what went out, never negative, zero when nothing is on hand (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ q: fc.integer({ min: -20, max: 20 }).filter((x) => x !== 0), c: fc.integer({ min: 0, max: 5000 }) }), { maxLength: 60 }), (moves) => {
        let l = empty;
        let inCost = 0;
        let outCost = 0;
        for (const m of moves) {
          const r = applyMove(l, m.q > 0 ? { quantity: m.q, totalCost: m.q * m.c, setsLastCost: true, allowNegative: false } : { quantity: m.q, allowNegative: false });
          if (!r.ok) {
            expect(l.quantity + m.q).toBeLessThan(0);
            continue;
          }
          if (m.q > 0) inCost += r.cost;
          else outCost += r.cost;
          l = r.after;
          expect(l.quantity).toBeGreaterThanOrEqual(0);
          expect(l.value).toBeGreaterThanOrEqual(0);
          if (l.quantity === 0) expect(l.value).toBe(0);
          expect(l.value).toBe(inCost - outCost);
        }
      }),
    );
  });
});

describe('low stock and document numbers', () => {
  it('a store’s threshold overrides the product’s', () => {
    expect(lowStockThreshold(null, 5)).toBe(5);
    expect(lowStockThreshold(2, 5)).toBe(2);
    expect(isLow(2, 2)).toBe(true);
    expect(isLow(3, 2)).toBe(false);
    expect(isLow(0, null)).toBe(false);
  });
  it('numbers documents by kind, store and day', () => {
    expect(documentNo('receipt', 'YOGA01', '2026-11-22', 7)).toBe('RKYOGA01-20261122-007');
    expect(documentNo('stocktake', 'S001', '2026-01-02', 12)).toBe('PDS001-20260102-012');
  });
});
