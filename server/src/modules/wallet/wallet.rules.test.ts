import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteSvRefund, rechargeCredit, splitSpend, svRestitution } from './wallet.rules';

describe('stored value rules', () => {
  it('credits principal and bonus from packages', () => {
    expect(rechargeCredit({ price: 100000, bonus: { type: 'fixed', amount: 20000 } })).toEqual({ principal: 100000, bonus: 20000 });
    expect(rechargeCredit({ price: 50000, bonus: { type: 'percent', basisPoints: 1500 } })).toEqual({ principal: 50000, bonus: 7500 });
    expect(rechargeCredit({ price: 999, bonus: { type: 'percent', basisPoints: 1000 } })).toEqual({ principal: 999, bonus: 100 });
  });

  it('spends proportionally by default: ¥300 of ¥1000+¥200 takes ¥250 principal and ¥50 bonus', () => {
    expect(splitSpend({ principal: 100000, bonus: 20000 }, 30000, 'proportional')).toEqual({ principal: 25000, bonus: 5000 });
    expect(splitSpend({ principal: 100000, bonus: 20000 }, 30000, 'bonus_first')).toEqual({ principal: 10000, bonus: 20000 });
    expect(splitSpend({ principal: 100000, bonus: 20000 }, 30000, 'principal_first')).toEqual({ principal: 30000, bonus: 0 });
  });

  it('never draws more than a sub-balance holds, and the parts always sum to the spend', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), fc.nat(20_000_000), fc.constantFrom('proportional', 'bonus_first', 'principal_first' as const), (p, b, a, mode) => {
        const amount = Math.min(a, p + b);
        const s = splitSpend({ principal: p, bonus: b }, amount, mode as 'proportional');
        return s.principal + s.bonus === amount && s.principal >= 0 && s.bonus >= 0 && s.principal <= p && s.bonus <= b;
      }),
    );
  });

  it('refund quote: principal back, bonus forfeited, fee capped, never negative', () => {
    // ¥1000 + ¥200 bonus, spent ¥300 proportionally → ¥750 principal and ¥150 bonus left.
    expect(quoteSvRefund({ paid: 100000, principal: 75000, bonus: 15000, frozen: 0, fee: { type: 'none' } })).toEqual({
      paid: 100000,
      consumed: 25000,
      refundablePrincipal: 75000,
      bonusForfeited: 15000,
      frozen: 0,
      fee: 0,
      refundAmount: 75000,
    });
    expect(quoteSvRefund({ paid: 100, principal: 100, bonus: 0, frozen: 0, fee: { type: 'fixed', amount: 500 } }).refundAmount).toBe(0);
    expect(quoteSvRefund({ paid: 10000, principal: 10000, bonus: 0, frozen: 0, fee: { type: 'percent', basisPoints: 500 } }).fee).toBe(500);
  });

  it('restitution after an order refund follows the original draw', () => {
    expect(svRestitution({ principal: 25000, bonus: 5000 }, 30000)).toEqual({ principal: 25000, bonus: 5000 });
    expect(svRestitution({ principal: 25000, bonus: 5000 }, 10000)).toEqual({ principal: 8333, bonus: 1667 });
  });
});
