import type { Executor } from '../../db/database';
import type { Ctx } from '../../shared/context';
import type { HandledLineKind, OrderLineHandler, ResolvedItem } from '../order';
import type { TierService } from '../tier';
import { ProductErrors } from './product.errors';
import { choosePrice, isSpendKind } from './product.rules';
import type { ProductService } from './product.service';

const KIND_NAMES: Record<string, { 'zh-CN': string; en: string }> = {
  product: { 'zh-CN': '商品', en: 'product' },
  service: { 'zh-CN': '服务项目', en: 'service' },
  fee: { 'zh-CN': '费用', en: 'fee' },
};

/**
 * How orders sell catalogue items (registered with the order module in services.ts for the
 * kinds product, service and fee). The order module prices, takes the tenders and keeps the
 * ledger; here an item is checked (right kind, active, sold in the store), priced for the member
 * (list price with the tier discount, or the tier's member price when lower — never both), and
 * products leave stock on sale and come back on refund.
 */
export function createCatalogueLineHandlers(deps: { products: ProductService; tier: TierService }): OrderLineHandler[] {
  const { products, tier } = deps;
  const kindName = (ctx: Ctx, k: string) => KIND_NAMES[k]?.[ctx.locale] ?? k;
  // Per order transaction: the member's tier (asked once, not per line) and the items resolved (for fulfil).
  const seen = new WeakMap<object, { tiers: Map<string, Awaited<ReturnType<TierService['benefits']>>>; items: Map<string, { name: string; allowNegative: boolean }> }>();
  const memo = (trx: Executor) => {
    // Only a transaction is one order; quotes run on the shared connection and must not keep anything.
    if (!trx.isTransaction) return { tiers: new Map(), items: new Map() };
    let m = seen.get(trx);
    if (!m) seen.set(trx, (m = { tiers: new Map(), items: new Map() }));
    return m;
  };

  const handler = (kind: HandledLineKind & ('product' | 'service' | 'fee')): OrderLineHandler => ({
    kind,
    async resolve(trx, ctx, req): Promise<ResolvedItem> {
      const p = await products.row(trx, ctx.tenantId, req.itemId);
      if (!p) throw ProductErrors.PRODUCT_NOT_FOUND({ details: { path: 'lines', itemId: req.itemId } });
      if (p.kind !== kind) throw ProductErrors.PRODUCT_KIND_MISMATCH({ params: { name: p.name, actual: kindName(ctx, p.kind), expected: kindName(ctx, kind) }, details: { path: 'lines', itemId: p.id } });
      if (!p.is_active) throw ProductErrors.PRODUCT_INACTIVE({ params: { name: p.name }, details: { path: 'lines', itemId: p.id } });
      if (!p.is_all_stores && !(await products.isSoldIn(trx, ctx.tenantId, p.id, req.storeId))) {
        throw ProductErrors.PRODUCT_NOT_SOLD_IN_STORE({ params: { name: p.name }, details: { path: 'lines', itemId: p.id, storeId: req.storeId } });
      }
      const cache = memo(trx);
      cache.items.set(p.id, { name: p.name, allowNegative: p.allow_negative_stock });
      let tierDiscountBp = 0;
      let memberPrice: number | null = null;
      if (req.memberId) {
        let b = cache.tiers.get(req.memberId);
        if (!b) cache.tiers.set(req.memberId, (b = await tier.benefits(trx, ctx.tenantId, req.memberId)));
        tierDiscountBp = b.discountBp;
        if (b.tierId) memberPrice = await products.tierPrice(trx, ctx.tenantId, p.id, b.tierId);
      }
      const choice = choosePrice({ listPrice: p.price, quantity: req.quantity, tierDiscountBp, isTierDiscountable: p.is_tier_discountable, memberPrice, override: req.unitPrice });
      return {
        name: p.name,
        unitPrice: choice.unitPrice,
        isTierDiscountable: choice.isTierDiscountable,
        isPointsPayable: p.is_points_payable,
        isStoredValuePayable: p.is_stored_value_payable,
        isSpend: isSpendKind(p.kind),
        meta: {
          productKind: p.kind,
          sku: p.sku,
          barcode: p.barcode,
          unit: p.unit,
          taxRateBp: p.tax_rate_bp,
          listPrice: p.price,
          priceSource: choice.source,
          ...(memberPrice !== null ? { memberPrice } : {}),
          ...(p.fee_kind ? { feeKind: p.fee_kind } : {}),
          ...(p.duration_minutes ? { durationMinutes: p.duration_minutes } : {}),
        },
      };
    },

    async fulfil(trx, ctx, line) {
      if (kind !== 'product') return;
      const stock = products.stockLink();
      if (!stock) throw new Error('stock is not wired to the catalogue (services.ts)');
      const item = memo(trx).items.get(line.itemId);
      await stock.sell(trx, ctx, { storeId: line.storeId, productId: line.itemId, quantity: line.quantity, orderId: line.orderId, orderLineId: line.lineId, ...(item ? { productName: item.name, allowNegative: item.allowNegative } : {}) });
    },

    async refund(trx, ctx, line) {
      if (kind !== 'product') return;
      const stock = products.stockLink();
      if (!stock) throw new Error('stock is not wired to the catalogue (services.ts)');
      // The units come back at the cost they left at (the sale's stock move).
      await stock.restock(trx, ctx, { storeId: line.storeId, productId: line.itemId, quantity: line.quantity, orderId: line.orderId, orderLineId: line.lineId, refundId: line.refundId });
    },
  });

  return [handler('product'), handler('service'), handler('fee')];
}
