import type { Executor } from '../../db/database';
import type { Ctx } from '../../shared/context';

/**
 * What the catalogue needs from stock, wired in services.ts (the stock module implements it and
 * itself depends on the catalogue, so the link is injected rather than imported).
 */
export interface StockLink {
  /** Units on hand per product in a store (products without a level are absent). */
  quantities(x: Executor, tenantId: string, storeId: string, productIds: string[]): Promise<Map<string, number>>;
  /** Take sold units out of a store (inside the order's transaction). Name and flag, when the caller has them, save a lookup. */
  sell(trx: Executor, ctx: Ctx, m: { storeId: string; productId: string; quantity: number; orderId: string; orderLineId: string; productName?: string; allowNegative?: boolean }): Promise<void>;
  /** Put refunded units back, at the cost the sale took them out at. */
  restock(trx: Executor, ctx: Ctx, m: { storeId: string; productId: string; quantity: number; orderId: string; orderLineId: string; refundId: string }): Promise<void>;
}

/** What other modules (stock, reports) may know of a catalogue item. */
export interface ProductBrief {
  id: string;
  kind: 'product' | 'service' | 'fee';
  name: string;
  sku: string | null;
  barcode: string | null;
  unit: string;
  categoryId: string | null;
  price: number;
  cost: number | null;
  isActive: boolean;
  allowNegativeStock: boolean;
  lowStockThreshold: number | null;
}
