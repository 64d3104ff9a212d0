import { type Fen, applyBasisPoints, divRoundHalfUp } from '../../shared/money';

/**
 * Points (积分). Each award is a lot with its own expiry; spending and expiry consume lots
 * soonest-expiring first (lots that never expire last).
 */
export type ExpiryPolicy = { type: 'never' } | { type: 'days'; days: number } | { type: 'fixed_date'; month: number; day: number; yearsAfter: number };

/**
 * When points earned on `earnedDate` (YYYY-MM-DD, tenant time zone) expire — the first day they
 * are no longer usable. `fixed_date` 12-31 with yearsAfter 1 means "31 Dec of the following year"
 * (they expire at the start of 1 Jan two years on).
 */
export function expiryDate(policy: ExpiryPolicy, earnedDate: string): string | null {
  if (policy.type === 'never') return null;
  const [y, m, d] = earnedDate.split('-').map(Number);
  if (policy.type === 'days') {
    const t = Date.UTC(y, m - 1, d) + policy.days * 86_400_000;
    return new Date(t).toISOString().slice(0, 10);
  }
  const last = Date.UTC(y + policy.yearsAfter, policy.month - 1, policy.day);
  return new Date(last + 86_400_000).toISOString().slice(0, 10);
}

export interface EarnRule {
  /** Points per yuan paid (e.g. 1 point per ¥1 = 100 fen). */
  pointsPerYuan: number;
}

/** Points for an amount paid: floor(yuan × rate × tier multiplier). Multiplier in basis points (10000 = 1×). */
export function pointsForAmount(amount: Fen, rule: EarnRule, multiplierBp = 10_000): number {
  if (amount <= 0 || rule.pointsPerYuan <= 0) return 0;
  // Integer arithmetic: fen × rate × multiplier / (100 × 10000), rounded down (never over-award).
  const scaled = Math.round(rule.pointsPerYuan * 10_000);
  return Math.floor((amount * scaled * multiplierBp) / (100 * 10_000 * 10_000));
}

export interface RedemptionRule {
  /** Fen one point is worth (e.g. 1 = 100 points per ¥1). */
  fenPerPoint: number;
  /** Cap per order: a share of the payable amount (basis points) and/or an absolute amount. */
  capBasisPoints: number | null;
  capAmount: Fen | null;
  /** Points must be used in multiples of this (e.g. 100). */
  step: number;
}

/** The most points an order may take, given its payable amount and what the member holds. */
export function maxRedeemablePoints(payable: Fen, held: number, rule: RedemptionRule): number {
  if (rule.fenPerPoint <= 0 || payable <= 0 || held <= 0) return 0;
  let capFen = payable;
  if (rule.capBasisPoints !== null) capFen = Math.min(capFen, applyBasisPoints(payable, rule.capBasisPoints));
  if (rule.capAmount !== null) capFen = Math.min(capFen, rule.capAmount);
  const byCap = Math.floor(capFen / rule.fenPerPoint);
  const step = Math.max(1, rule.step);
  return Math.floor(Math.min(byCap, held) / step) * step;
}

export function pointsValue(points: number, rule: Pick<RedemptionRule, 'fenPerPoint'>): Fen {
  return points * rule.fenPerPoint;
}

export interface Lot {
  id: string;
  remaining: number;
  /** YYYY-MM-DD or null (never). */
  expiresOn: string | null;
  earnedAt: string;
}

/** Order in which lots are consumed: soonest expiry first, never-expiring last, then oldest. */
export function lotOrder(a: Lot, b: Lot): number {
  if (a.expiresOn !== b.expiresOn) {
    if (a.expiresOn === null) return 1;
    if (b.expiresOn === null) return -1;
    return a.expiresOn < b.expiresOn ? -1 : 1;
  }
  return a.earnedAt < b.earnedAt ? -1 : a.earnedAt > b.earnedAt ? 1 : a.id < b.id ? -1 : 1;
}

/** Which lots a spend of `points` draws on, and how much from each. */
export function planConsumption(lots: Lot[], points: number): { lotId: string; points: number }[] {
  const plan: { lotId: string; points: number }[] = [];
  let left = points;
  for (const lot of [...lots].sort(lotOrder)) {
    if (left <= 0) break;
    if (lot.remaining <= 0) continue;
    const take = Math.min(lot.remaining, left);
    plan.push({ lotId: lot.id, points: take });
    left -= take;
  }
  if (left > 0) throw new RangeError('not enough points in lots');
  return plan;
}

/** Proportional share of points for a partial refund (rounded half-up, never more than the whole). */
export function proportionalPoints(points: number, part: Fen, whole: Fen): number {
  if (whole <= 0) return 0;
  return Math.min(points, divRoundHalfUp(points * part, whole));
}
