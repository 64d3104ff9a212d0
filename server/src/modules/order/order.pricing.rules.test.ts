import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LineInput, checkTenders, priceOrder } from './order.pricing.rules';

const service = (unitPrice: number, quantity = 1): LineInput => ({ kind: 'service', name: '私教课', quantity, unitPrice, isTierDiscountable: true, isPointsPayable: true, isStoredValuePayable: true, isSpend: true });
const recharge = (unitPrice: number): LineInput => ({ kind: 'recharge', name: '充1000送200', quantity: 1, unitPrice, isTierDiscountable: false, isPointsPayable: false, isStoredValuePayable: false, isSpend: false });
const pointsRule = { fenPerPoint: 1, capBasisPoints: 5000, capAmount: null, step: 100 };

describe('order pricing pipeline', () => {
  it('applies list → tier → coupon → points, step by step', () => {
    const r = priceOrder({ lines: [service(12000), service(3333, 3)], tierDiscountBp: 1000, tierName: '金卡', couponDiscount: 1000, points: { requested: 2000, held: 5000, rule: pointsRule } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.result;
    expect(p.listTotal).toBe(21999);
    expect(p.tierDiscount).toBe(1200 + 1000);
    expect(p.couponDiscount).toBe(1000);
    expect(p.pointsValue).toBe(2000);
    expect(p.payable).toBe(21999 - 2200 - 1000 - 2000);
    expect(p.lines.reduce((s, l) => s + l.netTotal, 0)).toBe(p.payable);
    expect(p.steps.map((s) => s.step)).toEqual(['list', 'tier', 'coupon', 'points']);
  });

  it('never discounts recharges or lets stored value or points pay for them', () => {
    const r = priceOrder({ lines: [recharge(100000), service(5000)], tierDiscountBp: 1000, tierName: '金卡', couponDiscount: 0, points: { requested: 0, held: 0, rule: pointsRule } });
    if (!r.ok) throw new Error('pricing failed');
    expect(r.result.payable).toBe(100000 + 4500);
    expect(r.result.storedValueLimit).toBe(4500);
    expect(r.result.spendBase).toBe(4500);
    expect(r.result.rechargeTotal).toBe(100000);
  });

  it('refuses points beyond holdings, cap or step instead of clipping', () => {
    const base = { lines: [service(10000)], tierDiscountBp: 0, tierName: null, couponDiscount: 0 };
    expect(priceOrder({ ...base, points: { requested: 6000, held: 5000, rule: pointsRule } })).toEqual({ ok: false, problem: { code: 'POINTS_NOT_HELD', held: 5000 } });
    expect(priceOrder({ ...base, points: { requested: 5100, held: 9000, rule: pointsRule } })).toEqual({ ok: false, problem: { code: 'POINTS_OVER_CAP', maxPoints: 5000 } });
    expect(priceOrder({ ...base, points: { requested: 150, held: 9000, rule: pointsRule } })).toEqual({ ok: false, problem: { code: 'POINTS_STEP', step: 100 } });
  });

  it('line net totals always sum to the payable amount', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ price: fc.integer({ min: 1, max: 500000 }), qty: fc.integer({ min: 1, max: 5 }), rc: fc.boolean() }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.nat(20000),
        (raw, bp, coupon) => {
          const lines = raw.map((l) => (l.rc ? recharge(l.price) : service(l.price, l.qty)));
          const r = priceOrder({ lines, tierDiscountBp: bp, tierName: null, couponDiscount: coupon, points: null });
          if (!r.ok) return false;
          return r.result.lines.reduce((s, l) => s + l.netTotal, 0) === r.result.payable && r.result.lines.every((l) => l.netTotal >= 0);
        },
      ),
    );
  });
});

describe('tenders', () => {
  it('must add up exactly; cash gives change; stored value only for eligible lines', () => {
    expect(checkTenders(10000, 10000, [{ method: 'stored_value', amount: 6000 }, { method: 'cash', amount: 4000, tendered: 5000 }])).toEqual({ change: 1000 });
    expect(checkTenders(10000, 10000, [{ method: 'cash', amount: 9000 }])).toEqual({ problem: { code: 'TENDERS_MISMATCH', payable: 10000, tendered: 9000 } });
    expect(checkTenders(10000, 0, [{ method: 'stored_value', amount: 10000 }])).toEqual({ problem: { code: 'STORED_VALUE_NOT_ALLOWED', limit: 0 } });
    expect(checkTenders(100, 100, [{ method: 'wechat', amount: 100, tendered: 200 }])).toEqual({ problem: { code: 'TENDERED_ONLY_CASH', index: 0 } });
    expect(checkTenders(100, 100, [{ method: 'cash', amount: 100, tendered: 50 }])).toEqual({ problem: { code: 'CASH_TENDERED_SHORT', index: 0 } });
  });
});
