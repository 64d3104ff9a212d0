import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LineInput, priceOrder } from './order.pricing.rules';
import { allocatePayments, quoteLineRefund } from './order.refund.rules';

const service = (unitPrice: number, quantity = 1): LineInput => ({ kind: 'service', name: 's', quantity, unitPrice, isTierDiscountable: true, isPointsPayable: true, isStoredValuePayable: true, isSpend: true });
const recharge = (unitPrice: number): LineInput => ({ kind: 'recharge', name: 'r', quantity: 1, unitPrice, isTierDiscountable: false, isPointsPayable: false, isStoredValuePayable: false, isSpend: false });

describe('payments per line and refunds to the original tenders', () => {
  it('stored value pays only eligible lines; money covers the recharge', () => {
    const lines = [recharge(100000), service(3000, 3)];
    const r = priceOrder({ lines, tierDiscountBp: 0, tierName: null, couponDiscount: 0, points: null });
    if (!r.ok) throw new Error();
    const pays = allocatePayments(lines, r.result.lines, [
      { key: 0, method: 'stored_value', amount: 9000 },
      { key: 1, method: 'cash', amount: 100000 },
    ]);
    expect(pays).toEqual([
      { line: 1, tender: 0, amount: 9000 },
      { line: 0, tender: 1, amount: 100000 },
    ]);
  });

  it('every tender and every line is paid exactly, whatever the split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ price: fc.integer({ min: 1, max: 50000 }), qty: fc.integer({ min: 1, max: 3 }), rc: fc.boolean() }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 3 }),
        fc.nat(100),
        (raw, weights, svPct) => {
          const lines = raw.map((l) => (l.rc ? recharge(l.price) : service(l.price, l.qty)));
          const r = priceOrder({ lines, tierDiscountBp: 0, tierName: null, couponDiscount: 0, points: null });
          if (!r.ok) return false;
          const sv = Math.floor((r.result.storedValueLimit * svPct) / 100);
          const money = r.result.payable - sv;
          const wsum = weights.reduce((a, b) => a + b, 0) || 1;
          const parts = weights.map((w) => Math.floor((money * w) / wsum));
          parts[parts.length - 1] += money - parts.reduce((a, b) => a + b, 0);
          const tenders = [{ key: 0, method: 'stored_value' as const, amount: sv }, ...parts.map((a, k) => ({ key: k + 1, method: 'cash' as const, amount: a }))];
          const pays = allocatePayments(lines, r.result.lines, tenders);
          const byTender = tenders.every((t) => pays.filter((p) => p.tender === t.key).reduce((s, p) => s + p.amount, 0) === t.amount);
          const byLine = r.result.lines.every((l, i) => pays.filter((p) => p.line === i).reduce((s, p) => s + p.amount, 0) === l.netTotal);
          const svOk = pays.filter((p) => p.tender === 0).every((p) => lines[p.line].isStoredValuePayable);
          return byTender && byLine && svOk;
        },
      ),
    );
  });

  it('refunds part of a line proportionally and the rest exactly', () => {
    const lines = [{ id: 'L1', quantity: 3, refundedQuantity: 0, netTotal: 10000, refundedAmount: 0, isSpend: true }];
    const payments = [
      { lineId: 'L1', tenderId: 'T1', method: 'stored_value' as const, amount: 6000, refundedAmount: 0 },
      { lineId: 'L1', tenderId: 'T2', method: 'cash' as const, amount: 4000, refundedAmount: 0 },
    ];
    const one = quoteLineRefund(lines, payments, [{ lineId: 'L1', quantity: 1 }]);
    expect(one).toMatchObject({ ok: true, total: 3333, payments: [{ tenderId: 'T1', amount: 2000 }, { tenderId: 'T2', amount: 1333 }] });
    const rest = quoteLineRefund([{ ...lines[0], refundedQuantity: 1, refundedAmount: 3333 }], [{ ...payments[0], refundedAmount: 2000 }, { ...payments[1], refundedAmount: 1333 }], [{ lineId: 'L1', quantity: 2 }]);
    expect(rest).toMatchObject({ ok: true, total: 6667 });
  });

  it('a line limited by its module (a used card) returns at most its limit, spread over its tenders', () => {
    const lines = [{ id: 'C', quantity: 1, refundedQuantity: 0, netTotal: 100000, refundedAmount: 0, isSpend: true }];
    const payments = [
      { lineId: 'C', tenderId: 'SV', method: 'stored_value' as const, amount: 40000, refundedAmount: 0 },
      { lineId: 'C', tenderId: 'WX', method: 'wechat' as const, amount: 60000, refundedAmount: 0 },
    ];
    const q = quoteLineRefund(lines, payments, [{ lineId: 'C', quantity: 1 }], new Map([['C', 55000]]));
    expect(q).toMatchObject({ ok: true, total: 55000, payments: [{ tenderId: 'SV', amount: 22000 }, { tenderId: 'WX', amount: 33000 }] });
  });

  it('refuses unknown lines and quantities beyond what is left', () => {
    const lines = [{ id: 'L1', quantity: 1, refundedQuantity: 1, netTotal: 100, refundedAmount: 100, isSpend: true }];
    expect(quoteLineRefund(lines, [], [{ lineId: 'L1', quantity: 1 }])).toEqual({ ok: false, problem: { code: 'REFUND_QUANTITY_EXCEEDED', lineId: 'L1', refundable: 0 } });
    expect(quoteLineRefund(lines, [], [{ lineId: 'X', quantity: 1 }])).toEqual({ ok: false, problem: { code: 'REFUND_LINE_UNKNOWN', lineId: 'X' } });
    expect(quoteLineRefund(lines, [], [])).toEqual({ ok: false, problem: { code: 'REFUND_EMPTY' } });
  });

  it('refunding every unit in any number of steps returns exactly what was paid, never more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 100000 }), fc.nat(100000), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 7 }), (qty, price, svRaw, steps) => {
        const lines = [service(price, qty)];
        const r = priceOrder({ lines, tierDiscountBp: 0, tierName: null, couponDiscount: 0, points: null });
        if (!r.ok) return false;
        const sv = Math.min(svRaw, r.result.payable);
        const pays = allocatePayments(lines, r.result.lines, [
          { key: 0, method: 'stored_value', amount: sv },
          { key: 1, method: 'cash', amount: r.result.payable - sv },
        ]);
        const line = { id: 'L', quantity: qty, refundedQuantity: 0, netTotal: r.result.payable, refundedAmount: 0, isSpend: true };
        const payments = pays.map((p) => ({ lineId: 'L', tenderId: `T${p.tender}`, method: p.tender === 0 ? ('stored_value' as const) : ('cash' as const), amount: p.amount, refundedAmount: 0 }));
        let refunded = 0;
        for (const s of steps) {
          const left = line.quantity - line.refundedQuantity;
          if (left === 0) break;
          const q = quoteLineRefund([line], payments, [{ lineId: 'L', quantity: Math.min(s, left) }]);
          if (!q.ok) return false;
          for (const p of q.payments) {
            const target = payments.find((x) => x.tenderId === p.tenderId)!;
            target.refundedAmount += p.amount;
            if (target.refundedAmount > target.amount) return false;
          }
          line.refundedQuantity += Math.min(s, left);
          line.refundedAmount += q.total;
          refunded += q.total;
        }
        const all = line.refundedQuantity === line.quantity;
        return refunded <= r.result.payable && (!all || refunded === r.result.payable);
      }),
    );
  });
});
