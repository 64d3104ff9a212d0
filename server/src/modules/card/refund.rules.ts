import type { CardRefundFormula, RefundPolicy } from '../../db/schema';
import { allocate, applyBasisPoints, prorate } from '../../shared/money';

/**
 * The refund of a partly used card, by the formula its product was sold with:
 * - proportional: paid − used × paid / total (the unused share of what was paid);
 * - package_unit_price: paid − used × list price / total (used sessions at the package's unit list price);
 * - list_price_capped: paid − min(used × single-use list price, cap × paid).
 * Then the fee (fixed + a share of what was paid) comes off; the result is never below zero
 * and never more than what was paid.
 */
export interface RefundInputs {
  policy: RefundPolicy;
  /** What was paid and not yet refunded, fen. */
  paid: number;
  listPrice: number;
  basis: 'sessions' | 'days';
  /** Sessions or days paid for. */
  total: number;
  used: number;
}

export interface CardRefundCalc {
  formula: CardRefundFormula;
  basis: 'sessions' | 'days';
  paid: number;
  listPrice: number;
  total: number;
  used: number;
  deduction: number;
  fee: number;
  amount: number;
}

export function cardRefundAmount(i: RefundInputs): CardRefundCalc {
  const used = Math.max(0, Math.min(i.used, i.total));
  const p = i.policy;
  let deduction: number;
  if (i.total <= 0) deduction = 0;
  else if (p.formula === 'proportional') deduction = prorate(i.paid, used, i.total);
  else if (p.formula === 'package_unit_price') deduction = prorate(i.listPrice, used, i.total);
  else deduction = Math.min(used * (p.unitListPrice ?? 0), applyBasisPoints(i.paid, p.deductionCapBp));
  deduction = Math.min(deduction, i.paid);
  const fee = Math.min(i.paid - deduction, p.feeFixed + applyBasisPoints(i.paid, p.feeBp));
  const amount = Math.max(0, i.paid - deduction - fee);
  return { formula: p.formula, basis: i.basis, paid: i.paid, listPrice: i.listPrice, total: i.total, used, deduction, fee, amount };
}

/** Split a card's refund over the order lines that paid for it, in proportion to what each still holds (never more than a line holds). */
export function splitOverFundings(amount: number, fundings: { orderLineId: string; left: number }[]): Map<string, number> {
  const live = fundings.filter((f) => f.left > 0);
  if (!live.length) return new Map();
  const total = Math.min(amount, live.reduce((s, f) => s + f.left, 0));
  const shares = allocate(total, live.map((f) => f.left));
  // Rounding may push the last share past what its line holds: move the excess to lines with room.
  let excess = 0;
  shares.forEach((v, i) => {
    if (v > live[i].left) {
      excess += v - live[i].left;
      shares[i] = live[i].left;
    }
  });
  for (let i = 0; i < shares.length && excess > 0; i++) {
    const room = live[i].left - shares[i];
    const take = Math.min(room, excess);
    shares[i] += take;
    excess -= take;
  }
  return new Map(live.map((f, i) => [f.orderLineId, shares[i]]));
}
