import { type Fen, allocate, prorate } from '../../shared/money';
import type { LineInput, PricedLine, TenderMethod } from './order.pricing.rules';

/**
 * Who paid for what. At sale every line's net total is split over the tenders that paid it:
 * points already sit on their lines, stored value goes to the lines it may pay for, money
 * tenders cover the rest. Refunds then return each line's share to exactly those tenders.
 */
export interface SaleTender {
  key: number;
  method: TenderMethod | 'points';
  amount: Fen;
}

export interface LinePayment {
  line: number;
  tender: number;
  amount: Fen;
}

export function allocatePayments(lines: LineInput[], priced: PricedLine[], tenders: SaleTender[]): LinePayment[] {
  const out: LinePayment[] = [];
  const remaining = priced.map((p) => p.netTotal);
  const pointsTender = tenders.find((t) => t.method === 'points');
  priced.forEach((p, i) => {
    if (p.pointsDiscount > 0) {
      if (!pointsTender) throw new RangeError('points discount without a points tender');
      out.push({ line: i, tender: pointsTender.key, amount: p.pointsDiscount });
    }
  });

  // Fill lines in order from each tender in order ("north-west corner"): every tender's amount
  // and every line's total are met exactly, deterministically.
  const fill = (t: SaleTender, eligible: (i: number) => boolean) => {
    let left = t.amount;
    for (let i = 0; i < remaining.length && left > 0; i++) {
      if (!eligible(i) || remaining[i] <= 0) continue;
      const take = Math.min(left, remaining[i]);
      out.push({ line: i, tender: t.key, amount: take });
      remaining[i] -= take;
      left -= take;
    }
    if (left > 0) throw new RangeError(`tender ${t.key} (${t.method}) exceeds what it may pay for`);
  };
  for (const t of tenders.filter((x) => x.method === 'stored_value')) fill(t, (i) => lines[i].isStoredValuePayable);
  for (const t of tenders.filter((x) => x.method !== 'stored_value' && x.method !== 'points')) fill(t, () => true);
  if (remaining.some((r) => r !== 0)) throw new RangeError('tenders do not cover the lines');
  return out;
}

export interface RefundableLine {
  id: string;
  quantity: number;
  refundedQuantity: number;
  netTotal: Fen;
  refundedAmount: Fen;
  isSpend: boolean;
}

export interface RefundablePayment {
  lineId: string;
  tenderId: string;
  method: TenderMethod | 'points';
  amount: Fen;
  refundedAmount: Fen;
}

export interface RefundRequestLine {
  lineId: string;
  quantity: number;
}

export interface RefundLineQuote {
  lineId: string;
  quantity: number;
  amount: Fen;
  isFinal: boolean;
}

export interface RefundPaymentQuote {
  lineId: string;
  tenderId: string;
  method: TenderMethod | 'points';
  amount: Fen;
}

export type RefundProblem =
  | { code: 'REFUND_LINE_UNKNOWN'; lineId: string }
  | { code: 'REFUND_QUANTITY_EXCEEDED'; lineId: string; refundable: number }
  | { code: 'REFUND_EMPTY' };

/**
 * What a refund of some line quantities gives back, line by line and payment by payment.
 * The last unit of a line returns exactly what is left of it, so a line refunded in parts sums
 * to its net total.
 */
export function quoteLineRefund(
  lines: RefundableLine[],
  payments: RefundablePayment[],
  request: RefundRequestLine[],
  /** Per line: the most its refund may return (e.g. a partly used card by its refund formula). */
  caps: Map<string, Fen> = new Map(),
): { ok: true; lines: RefundLineQuote[]; payments: RefundPaymentQuote[]; total: Fen; spendRefunded: Fen } | { ok: false; problem: RefundProblem } {
  const merged = new Map<string, number>();
  for (const r of request) merged.set(r.lineId, (merged.get(r.lineId) ?? 0) + r.quantity);
  if ([...merged.values()].every((q) => q <= 0)) return { ok: false, problem: { code: 'REFUND_EMPTY' } };
  const outLines: RefundLineQuote[] = [];
  const outPayments: RefundPaymentQuote[] = [];
  let total = 0;
  let spendRefunded = 0;
  for (const [lineId, qty] of merged) {
    if (qty <= 0) continue;
    const line = lines.find((l) => l.id === lineId);
    if (!line) return { ok: false, problem: { code: 'REFUND_LINE_UNKNOWN', lineId } };
    const refundable = line.quantity - line.refundedQuantity;
    if (qty > refundable) return { ok: false, problem: { code: 'REFUND_QUANTITY_EXCEEDED', lineId, refundable } };
    const isFinal = qty === refundable;
    const linePayments = payments.filter((p) => p.lineId === lineId);
    const shares = linePayments.map((p) => {
      const left = p.amount - p.refundedAmount;
      return isFinal ? left : Math.min(left, prorate(p.amount, qty, line.quantity));
    });
    const uncapped = shares.reduce((a, b) => a + b, 0);
    const cap = caps.get(lineId);
    if (cap !== undefined && cap < uncapped) {
      // Scale every tender's share down to the cap, remainder to the last.
      const capped = allocate(Math.max(0, cap), shares);
      capped.forEach((v, i) => (shares[i] = v));
    }
    let amount = 0;
    linePayments.forEach((p, i) => {
      if (shares[i] > 0) outPayments.push({ lineId, tenderId: p.tenderId, method: p.method, amount: shares[i] });
      amount += shares[i];
    });
    outLines.push({ lineId, quantity: qty, amount, isFinal });
    total += amount;
    if (line.isSpend) spendRefunded += amount;
  }
  return { ok: true, lines: outLines, payments: outPayments, total, spendRefunded };
}
