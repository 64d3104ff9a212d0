import { type Fen, allocate, applyBasisPoints } from '../../shared/money';
import { type RedemptionRule, maxRedeemablePoints } from '../points';

/**
 * The price pipeline of an order, step by step and recorded:
 *   list price → tier discount → coupon → points → tenders.
 * Every step works per line (so refunds can give back exactly what a line cost) with
 * deterministic rounding: per-line half-up for rates, remainder to the last eligible line for
 * amounts spread over lines.
 */
export type LineKind = 'recharge' | 'service' | 'product' | 'fee' | 'card' | 'class_fee' | 'custom';

export interface LineInput {
  kind: LineKind;
  name: string;
  quantity: number;
  /** List price per unit, fen. */
  unitPrice: Fen;
  /** Tier discount applies (not to recharges or fees by default). */
  isTierDiscountable: boolean;
  /** Points may pay for it (not for recharges). */
  isPointsPayable: boolean;
  /** Stored value may pay for it (never for recharges: stored value cannot buy stored value). */
  isStoredValuePayable: boolean;
  /** Counts towards points earning and the spend metric (recharges count as recharge instead). */
  isSpend: boolean;
}

export interface PricedLine {
  listTotal: Fen;
  tierDiscount: Fen;
  couponDiscount: Fen;
  pointsDiscount: Fen;
  /** What the line costs after all discounts (including the points it was paid with). */
  netTotal: Fen;
}

export interface PricingInput {
  lines: LineInput[];
  /** Tier discount in basis points off the list price (1000 = 10 % off). */
  tierDiscountBp: number;
  tierName: string | null;
  couponDiscount: Fen;
  points: { requested: number; held: number; rule: RedemptionRule } | null;
}

export type PricingStep =
  | { step: 'list'; amount: Fen }
  | { step: 'tier'; tierName: string | null; rateBp: number; discount: Fen }
  | { step: 'coupon'; discount: Fen }
  | { step: 'points'; points: number; value: Fen; maxPoints: number };

export interface PricingResult {
  lines: PricedLine[];
  steps: PricingStep[];
  listTotal: Fen;
  tierDiscount: Fen;
  couponDiscount: Fen;
  pointsUsed: number;
  pointsValue: Fen;
  /** Total after tier, coupon and points: what the money tenders must cover. */
  payable: Fen;
  /** The most stored value may cover (the stored-value-payable lines' share of payable). */
  storedValueLimit: Fen;
  /** Base for earning points and for the spend metric. */
  spendBase: Fen;
  rechargeTotal: Fen;
}

export type PricingProblem =
  | { code: 'POINTS_OVER_CAP'; maxPoints: number }
  | { code: 'POINTS_NOT_HELD'; held: number }
  | { code: 'POINTS_STEP'; step: number };

export function priceOrder(input: PricingInput): { ok: true; result: PricingResult } | { ok: false; problem: PricingProblem } {
  const lines: PricedLine[] = input.lines.map((l) => ({ listTotal: l.unitPrice * l.quantity, tierDiscount: 0, couponDiscount: 0, pointsDiscount: 0, netTotal: 0 }));
  const listTotal = lines.reduce((s, l) => s + l.listTotal, 0);

  // Tier: per line, half-up.
  input.lines.forEach((l, i) => {
    if (l.isTierDiscountable && input.tierDiscountBp > 0) lines[i].tierDiscount = applyBasisPoints(lines[i].listTotal, input.tierDiscountBp);
  });
  const tierDiscount = lines.reduce((s, l) => s + l.tierDiscount, 0);

  // Coupon: spread over discountable lines in proportion to what they cost after the tier step.
  const couponBase = input.lines.map((l, i) => (l.isTierDiscountable ? lines[i].listTotal - lines[i].tierDiscount : 0));
  const couponBaseTotal = couponBase.reduce((s, v) => s + v, 0);
  const coupon = Math.min(Math.max(0, input.couponDiscount), couponBaseTotal);
  if (coupon > 0) allocate(coupon, couponBase).forEach((v, i) => (lines[i].couponDiscount = v));

  // Points: capped on the points-payable part; the member chooses how many, we never clip silently.
  const pointsBase = input.lines.map((l, i) => (l.isPointsPayable ? lines[i].listTotal - lines[i].tierDiscount - lines[i].couponDiscount : 0));
  const pointsBaseTotal = pointsBase.reduce((s, v) => s + v, 0);
  let pointsUsed = 0;
  let pointsValue = 0;
  let maxPoints = 0;
  if (input.points) {
    const { requested, held, rule } = input.points;
    maxPoints = maxRedeemablePoints(pointsBaseTotal, held, rule);
    if (requested > 0) {
      if (requested > held) return { ok: false, problem: { code: 'POINTS_NOT_HELD', held } };
      if (requested % Math.max(1, rule.step) !== 0) return { ok: false, problem: { code: 'POINTS_STEP', step: rule.step } };
      if (requested > maxPoints) return { ok: false, problem: { code: 'POINTS_OVER_CAP', maxPoints } };
      pointsUsed = requested;
      pointsValue = requested * rule.fenPerPoint;
      allocate(pointsValue, pointsBase).forEach((v, i) => (lines[i].pointsDiscount = v));
    }
  }

  for (const l of lines) l.netTotal = l.listTotal - l.tierDiscount - l.couponDiscount - l.pointsDiscount;
  const netTotal = lines.reduce((s, l) => s + l.netTotal, 0);
  const storedValueLimit = input.lines.reduce((s, l, i) => s + (l.isStoredValuePayable ? lines[i].netTotal : 0), 0);
  const spendBase = input.lines.reduce((s, l, i) => s + (l.isSpend ? lines[i].netTotal : 0), 0);
  const rechargeTotal = input.lines.reduce((s, l, i) => s + (l.kind === 'recharge' ? lines[i].netTotal : 0), 0);
  return {
    ok: true,
    result: {
      lines,
      steps: [
        { step: 'list', amount: listTotal },
        { step: 'tier', tierName: input.tierName, rateBp: input.tierDiscountBp, discount: tierDiscount },
        { step: 'coupon', discount: coupon },
        { step: 'points', points: pointsUsed, value: pointsValue, maxPoints },
      ],
      listTotal,
      tierDiscount,
      couponDiscount: coupon,
      pointsUsed,
      pointsValue,
      payable: netTotal,
      storedValueLimit,
      spendBase,
      rechargeTotal,
    },
  };
}

export type TenderMethod = 'cash' | 'wechat' | 'alipay' | 'bank_card' | 'stored_value' | 'other';
export const MONEY_METHODS: TenderMethod[] = ['cash', 'wechat', 'alipay', 'bank_card', 'other'];

export interface TenderInput {
  method: TenderMethod;
  /** Amount applied to the order, fen. */
  amount: Fen;
  /** Cash handed over (≥ amount); the difference is change. Cash only. */
  tendered?: Fen;
  reference?: string;
}

export type TenderProblem =
  | { code: 'TENDERS_MISMATCH'; payable: Fen; tendered: Fen }
  | { code: 'STORED_VALUE_NOT_ALLOWED'; limit: Fen }
  | { code: 'CASH_TENDERED_SHORT'; index: number }
  | { code: 'TENDERED_ONLY_CASH'; index: number }
  | { code: 'REFERENCE_REQUIRED'; index: number };

/** Tenders must add up to the payable amount exactly; only cash gives change. */
export function checkTenders(payable: Fen, storedValueLimit: Fen, tenders: TenderInput[], opts: { requireReference: TenderMethod[] } = { requireReference: [] }): { change: Fen } | { problem: TenderProblem } {
  const sum = tenders.reduce((s, t) => s + t.amount, 0);
  if (sum !== payable) return { problem: { code: 'TENDERS_MISMATCH', payable, tendered: sum } };
  const sv = tenders.filter((t) => t.method === 'stored_value').reduce((s, t) => s + t.amount, 0);
  if (sv > storedValueLimit) return { problem: { code: 'STORED_VALUE_NOT_ALLOWED', limit: storedValueLimit } };
  let change = 0;
  for (const [i, t] of tenders.entries()) {
    if (t.tendered !== undefined) {
      if (t.method !== 'cash') return { problem: { code: 'TENDERED_ONLY_CASH', index: i } };
      if (t.tendered < t.amount) return { problem: { code: 'CASH_TENDERED_SHORT', index: i } };
      change += t.tendered - t.amount;
    }
    if (opts.requireReference.includes(t.method) && !t.reference) return { problem: { code: 'REFERENCE_REQUIRED', index: i } };
  }
  return { change };
}
