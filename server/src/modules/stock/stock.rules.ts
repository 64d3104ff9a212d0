import { divRoundHalfUp, prorate } from '../../shared/money';

/**
 * Stock valuation at moving weighted-average cost, kept exact by tracking the total value of the
 * units on hand (not a rounded unit cost): a receipt adds what it cost; units going out take
 * their proportional share of the value (all of it when the last units go); units sold while
 * none are on hand (products that allow negative stock) are valued at the last receipt's unit
 * cost, and the value of a level at or below zero units is zero.
 */
export interface LevelState {
  quantity: number;
  /** Value of the units on hand, fen. */
  value: number;
  /** Cost per unit of the last receipt or transfer in, fen. */
  lastUnitCost: number;
}

export interface MoveInput {
  /** Signed: positive in, negative out; never zero. */
  quantity: number;
  /** Ins: what the units cost in total, fen (receipts: unit cost × quantity; transfers: what left the other store). Default: the current average (or last) cost. */
  totalCost?: number;
  /** Ins that set the last unit cost (receipts and transfers in, not refunds or count corrections). */
  setsLastCost?: boolean;
  allowNegative: boolean;
}

export type MoveResult =
  | { ok: true; after: LevelState; valueChange: number; unitCost: number; cost: number }
  | { ok: false; problem: { code: 'STOCK_INSUFFICIENT'; available: number; requested: number } };

/** Average cost per unit of a level (last cost when nothing is on hand). */
export function averageCost(l: LevelState): number {
  return l.quantity > 0 ? divRoundHalfUp(l.value, l.quantity) : l.lastUnitCost;
}

export function applyMove(level: LevelState, move: MoveInput): MoveResult {
  const q = move.quantity;
  if (!Number.isSafeInteger(q) || q === 0) throw new RangeError(`stock move quantity must be a non-zero integer, got ${q}`);
  const after = level.quantity + q;
  if (q < 0 && after < 0 && !move.allowNegative) {
    return { ok: false, problem: { code: 'STOCK_INSUFFICIENT', available: Math.max(0, level.quantity), requested: -q } };
  }
  if (q > 0) {
    const cost = move.totalCost ?? q * averageCost(level);
    const unitCost = divRoundHalfUp(cost, q);
    let value: number;
    if (after <= 0) value = 0;
    else if (level.quantity >= 0) value = level.value + cost;
    // Part of the units cover the shortfall (already costed when they were sold): the rest carries on at this cost.
    else value = prorate(cost, after, q);
    return {
      ok: true,
      after: { quantity: after, value, lastUnitCost: move.setsLastCost ? unitCost : level.lastUnitCost },
      valueChange: value - level.value,
      unitCost,
      cost,
    };
  }
  const n = -q;
  let cost: number;
  if (level.quantity <= 0) cost = n * level.lastUnitCost;
  else if (n >= level.quantity) cost = level.value + (n - level.quantity) * level.lastUnitCost;
  else cost = prorate(level.value, n, level.quantity);
  const value = after > 0 ? level.value - cost : 0;
  return { ok: true, after: { quantity: after, value, lastUnitCost: level.lastUnitCost }, valueChange: value - level.value, unitCost: divRoundHalfUp(cost, n), cost };
}

/** The threshold that applies to a level: the store's override, else the product's. */
export function lowStockThreshold(levelOverride: number | null, productThreshold: number | null): number | null {
  return levelOverride ?? productThreshold;
}

export function isLow(quantity: number, threshold: number | null): boolean {
  return threshold !== null && quantity <= threshold;
}

/** Document numbers read well on paper: RK (入库) / DB (调拨) / PD (盘点) / TZ (调整) + store code + date + sequence. */
export const DOC_PREFIX = { receipt: 'RK', transfer: 'DB', stocktake: 'PD', adjustment: 'TZ' } as const;

export function documentNo(kind: keyof typeof DOC_PREFIX, storeCode: string, businessDate: string, seq: number): string {
  return `${DOC_PREFIX[kind]}${storeCode}-${businessDate.replaceAll('-', '')}-${String(seq).padStart(3, '0')}`;
}
