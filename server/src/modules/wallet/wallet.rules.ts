import { type Fen, allocate, applyBasisPoints, divRoundHalfUp, prorate } from '../../shared/money';

/**
 * Stored value (储值): principal is what the member paid, bonus what the store gave (充1000送200).
 * The two are separate sub-balances so the refundable part stays knowable.
 */
export type SpendMode = 'proportional' | 'bonus_first' | 'principal_first';

export interface SvBalances {
  principal: Fen;
  bonus: Fen;
}

/** How much of a spend comes out of principal and bonus. Throws nothing: callers check the total first. */
export function splitSpend(bal: SvBalances, amount: Fen, mode: SpendMode): SvBalances {
  if (amount <= 0) return { principal: 0, bonus: 0 };
  const available = bal.principal + bal.bonus;
  if (amount > available) throw new RangeError('spend exceeds stored value');
  if (mode === 'bonus_first') {
    const bonus = Math.min(bal.bonus, amount);
    return { bonus, principal: amount - bonus };
  }
  if (mode === 'principal_first') {
    const principal = Math.min(bal.principal, amount);
    return { principal, bonus: amount - principal };
  }
  // Proportional: keeps principal/bonus in the ratio they stand at now, so that after any number
  // of spends the remaining principal is exactly what a refund returns.
  if (amount === available) return { ...bal };
  const principal = Math.min(bal.principal, divRoundHalfUp(amount * bal.principal, available));
  const bonus = amount - principal;
  if (bonus > bal.bonus) return { principal: amount - bal.bonus, bonus: bal.bonus };
  return { principal, bonus };
}

export type BonusRule = { type: 'none' } | { type: 'fixed'; amount: Fen } | { type: 'percent'; basisPoints: number };

export interface RechargePackage {
  price: Fen;
  bonus: BonusRule;
}

/** The stored value a package credits: pay X, get bonus Y (fixed or a percentage of X). */
export function rechargeCredit(pkg: RechargePackage): SvBalances {
  const bonus = pkg.bonus.type === 'fixed' ? pkg.bonus.amount : pkg.bonus.type === 'percent' ? applyBasisPoints(pkg.price, pkg.bonus.basisPoints) : 0;
  return { principal: pkg.price, bonus };
}

export type RefundFee = { type: 'none' } | { type: 'fixed'; amount: Fen } | { type: 'percent'; basisPoints: number };

export interface SvRefundQuote {
  /** Principal ever recharged (net of earlier refunds). */
  paid: Fen;
  /** Principal consumed by spending. */
  consumed: Fen;
  /** Principal still held: what a refund can return before fees. */
  refundablePrincipal: Fen;
  /** Bonus still held, forfeited by the refund. */
  bonusForfeited: Fen;
  /** Part of the principal that is frozen (pending refund or dispute) and cannot be refunded now. */
  frozen: Fen;
  fee: Fen;
  /** What the member receives. Never negative. */
  refundAmount: Fen;
}

/**
 * Refund of stored value returns principal only; unused bonus is forfeited. The fee is taken
 * from the principal and never makes the refund negative.
 */
export function quoteSvRefund(input: { paid: Fen; principal: Fen; bonus: Fen; frozen: Fen; fee: RefundFee }): SvRefundQuote {
  const refundable = Math.max(0, input.principal);
  const rawFee = input.fee.type === 'fixed' ? input.fee.amount : input.fee.type === 'percent' ? applyBasisPoints(refundable, input.fee.basisPoints) : 0;
  const fee = Math.min(refundable, Math.max(0, rawFee));
  return {
    paid: input.paid,
    consumed: Math.max(0, input.paid - refundable - input.frozen),
    refundablePrincipal: refundable,
    bonusForfeited: Math.max(0, input.bonus),
    frozen: input.frozen,
    fee,
    refundAmount: refundable - fee,
  };
}

/**
 * Give stored value back after an order refund: principal and bonus in the proportion the
 * original spend drew them (the refunded part of each).
 */
export function svRestitution(original: SvBalances, refundAmount: Fen): SvBalances {
  const total = original.principal + original.bonus;
  if (refundAmount >= total) return { ...original };
  const [principal, bonus] = allocate(refundAmount, [original.principal, original.bonus]);
  return { principal, bonus };
}

export { prorate };
