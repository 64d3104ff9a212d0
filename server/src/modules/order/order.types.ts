import type { Executor } from '../../db/database';
import type { Ctx } from '../../shared/context';
import type { PricingStep, TenderMethod } from './order.pricing.rules';

/** What the order module needs to know of members (wired from the member module in services.ts). */
export interface MemberDirectory {
  /** The member when they exist in the tenant and are not erased. */
  activeMember(trx: Executor, ctx: Ctx, memberId: string): Promise<{ id: string; name: string; memberNo: string; referrerMemberId?: string | null } | null>;
  /** Add an entry to the member's timeline inside the caller's transaction. */
  appendTimeline(trx: Executor, ctx: Ctx, entry: { memberId: string; kind: string; refType: string; refId: string; summary: Record<string, unknown>; storeId?: string | null }): Promise<void>;
}

export type OrderLineRequest =
  | { kind: 'recharge'; packageId: string; quantity?: number }
  | { kind: 'custom'; name: string; unitPrice: number; quantity: number; isTierDiscountable?: boolean }
  | { kind: HandledLineKind; itemId: string; quantity: number; unitPrice?: number; options?: Record<string, unknown> };

/** Line kinds other modules sell through orders (products, services, fees, membership cards, late-cancel fees of classes). */
export const HANDLED_LINE_KINDS = ['product', 'service', 'fee', 'card', 'class_fee'] as const;
export type HandledLineKind = (typeof HANDLED_LINE_KINDS)[number];

/** A catalogue item resolved for an order: its price and how the pipeline treats it. */
export interface ResolvedItem {
  name: string;
  /** List price per unit (after a permitted price override), fen. */
  unitPrice: number;
  /** A member price for the member's tier replaces the tier discount when lower (issue: member price per tier). */
  isTierDiscountable: boolean;
  isPointsPayable: boolean;
  isStoredValuePayable: boolean;
  isSpend: boolean;
  /** Kept on the order line (e.g. sku, unit, card product terms) and handed back on fulfil/refund. */
  meta: Record<string, unknown>;
}

/**
 * How a module sells its items through orders. The order module owns pricing, tenders and the
 * ledger; the handler owns its item: price lookup, fulfilment (stock out, card issued) and what a
 * refund of some quantity means for it. Every call runs inside the order's transaction.
 */
export interface OrderLineHandler {
  kind: HandledLineKind;
  resolve(trx: Executor, ctx: Ctx, req: { itemId: string; quantity: number; unitPrice?: number; options?: Record<string, unknown>; storeId: string; memberId: string | null }): Promise<ResolvedItem>;
  fulfil(trx: Executor, ctx: Ctx, line: { orderId: string; orderNo: string; lineId: string; itemId: string; quantity: number; netTotal: number; storeId: string; memberId: string | null; meta: Record<string, unknown> }): Promise<Record<string, unknown> | void>;
  /**
   * The most a refund of this quantity may return, when less than what was paid (a partly used
   * card by its refund formula, minus fees). Shown in the quote with the breakdown. Optional.
   */
  refundLimit?(trx: Executor, ctx: Ctx, line: { orderId: string; lineId: string; itemId: string; quantity: number; paid: number; storeId: string; memberId: string | null; meta: Record<string, unknown> }): Promise<{ amount: number; breakdown: Record<string, unknown> } | null>;
  /** Undo fulfilment for a refunded quantity (stock back in, card refunded); throw an AppError to refuse. */
  refund(trx: Executor, ctx: Ctx, line: { orderId: string; refundId: string; lineId: string; itemId: string; quantity: number; amount: number; storeId: string; memberId: string | null; meta: Record<string, unknown> }): Promise<void>;
}

/** Hooks other modules plug into checkout and refunds (e.g. the cashier's shift). */
export interface OrderHooks {
  /** The open shift an order or refund of this store belongs to (null when the store does not run shifts); throw to refuse. */
  shiftFor?(trx: Executor, ctx: Ctx, storeId: string): Promise<string | null>;
  /** After a member's order is paid, inside its transaction (e.g. the referrer's points at a first purchase). */
  afterPaid?(trx: Executor, ctx: Ctx, order: { orderId: string; memberId: string; storeId: string; spendBase: number; referrerMemberId?: string | null }): Promise<void>;
}

export interface CheckoutRequest {
  storeId: string;
  memberId?: string | null;
  lines: OrderLineRequest[];
  pointsToUse?: number;
  tenders: { method: TenderMethod; amount: number; tendered?: number; reference?: string }[];
  note?: string | null;
}

export interface OrderLineView {
  id: string;
  lineNo: number;
  kind: string;
  itemId: string | null;
  name: string;
  quantity: number;
  unitPrice: number;
  listTotal: number;
  tierDiscount: number;
  couponDiscount: number;
  pointsDiscount: number;
  netTotal: number;
  refundedQuantity: number;
  refundedAmount: number;
}

export interface OrderTenderView {
  id: string;
  method: string;
  amount: number;
  tendered: number | null;
  changeGiven: number;
  reference: string | null;
  points: number;
  refundedAmount: number;
}

export interface RefundView {
  id: string;
  refundNo: string;
  kind: 'order' | 'stored_value';
  orderId: string | null;
  memberId: string | null;
  storeId: string;
  total: number;
  moneyTotal: number;
  storedValueTotal: number;
  pointsReturned: number;
  pointsClawedBack: number;
  pointsShortfallDeduction: number;
  reason: string | null;
  createdByName: string | null;
  createdAt: string;
  payments: { method: string; amount: number; points: number }[];
}

export interface OrderView {
  id: string;
  orderNo: string;
  storeId: string;
  memberId: string | null;
  status: 'paid' | 'partially_refunded' | 'refunded';
  listTotal: number;
  tierDiscount: number;
  couponDiscount: number;
  pointsUsed: number;
  pointsValue: number;
  payable: number;
  changeGiven: number;
  refundedTotal: number;
  pointsEarned: number;
  pricing: PricingStep[];
  note: string | null;
  createdByName: string | null;
  businessDate: string;
  createdAt: string;
  lines: OrderLineView[];
  tenders: OrderTenderView[];
  refunds: RefundView[];
}

export interface CheckoutQuote {
  memberId: string | null;
  tier: { id: string | null; name: string | null; discountBp: number; pointsMultiplierBp: number };
  lines: {
    name: string;
    kind: string;
    itemId: string | null;
    quantity: number;
    unitPrice: number;
    /** The catalogue's list price per unit, before a member price or a price override. */
    listUnitPrice: number;
    priceSource: 'list' | 'member' | 'override';
    listTotal: number;
    tierDiscount: number;
    couponDiscount: number;
    pointsDiscount: number;
    netTotal: number;
  }[];
  steps: PricingStep[];
  /** How points pay: what one point is worth and the step they are used in. */
  pointsRule: { fenPerPoint: number; step: number };
  listTotal: number;
  payable: number;
  storedValueLimit: number;
  maxPoints: number;
  pointsToEarn: number;
  balances: { storedValue: number; points: number } | null;
}
