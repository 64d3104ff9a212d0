import { type Database, type Executor, inTransaction } from '../../db/database';
import type { Clock } from '../../shared/clock';
import { type Ctx, canAccessStore, requirePermission, requireStoreAccess } from '../../shared/context';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import type { AuditService } from '../audit';
import { OrgErrors, type OrgService } from '../org';
import { type ProductBrief, ProductErrors, type ProductService, type StockLink } from '../product';
import { createStockDocuments } from './stock.documents';
import { createStockEngine } from './stock.engine';
import { StockErrors } from './stock.errors';
import { type LevelRow, type MoveRow, stockRepo } from './stock.repo';
import { averageCost, isLow, lowStockThreshold } from './stock.rules';
import type { LevelView, MoveView, ValuationView } from './stock.schemas';

export interface StockDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  products: ProductService;
  businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string>;
  idempotencyHours: number;
}

export type StockService = ReturnType<typeof createStockService>;

const UNKNOWN: Omit<ProductBrief, 'id'> = { kind: 'product', name: '?', sku: null, barcode: null, unit: '', categoryId: null, price: 0, cost: null, isActive: false, allowNegativeStock: false, lowStockThreshold: null };

/** Stock per store: levels, moves, valuation, low-stock list; sales and refunds move stock through the catalogue's line handler. */
export function createStockService(deps: StockDeps) {
  const { database, clock, audit, org, products } = deps;
  const db = database.db;
  const engine = createStockEngine(deps);
  const documents = createStockDocuments({ ...deps, engine });

  const scopeIds = (ctx: Ctx) => (ctx.storeScope.all ? null : [...ctx.storeScope.storeIds]);

  async function storesFor(ctx: Ctx, storeId: string | undefined): Promise<string[] | null> {
    if (!storeId) return scopeIds(ctx);
    if (!(await org.storeExists(ctx.tenantId, storeId))) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId } });
    requireStoreAccess(ctx, storeId);
    return [storeId];
  }

  function presentLevel(l: LevelRow, p: ProductBrief | undefined): LevelView {
    const brief = p ?? { id: l.product_id, ...UNKNOWN };
    const threshold = lowStockThreshold(l.low_stock_threshold, brief.lowStockThreshold);
    return {
      storeId: l.store_id,
      productId: l.product_id,
      product: { id: brief.id, name: brief.name, sku: brief.sku, barcode: brief.barcode, unit: brief.unit, categoryId: brief.categoryId },
      quantity: l.quantity,
      value: l.stock_value,
      averageCost: averageCost({ quantity: l.quantity, value: l.stock_value, lastUnitCost: l.last_unit_cost }),
      lastUnitCost: l.last_unit_cost,
      lowStockThreshold: threshold,
      storeThreshold: l.low_stock_threshold,
      isLow: isLow(l.quantity, threshold),
      updatedAt: l.updated_at,
    };
  }

  function presentMove(m: MoveRow, p: ProductBrief | undefined): MoveView {
    return {
      id: m.id,
      storeId: m.store_id,
      productId: m.product_id,
      productName: p?.name ?? '?',
      kind: m.kind,
      quantity: m.quantity,
      balanceAfter: m.balance_after,
      unitCost: m.unit_cost,
      valueChange: m.value_change,
      valueAfter: m.value_after,
      documentId: m.document_id,
      orderId: m.order_id,
      refundId: m.refund_id,
      reason: m.reason,
      actorName: m.actor_name,
      businessDate: m.business_date,
      createdAt: m.created_at,
    };
  }

  /** The catalogue's view of stock: quantities, and sales / refunds inside the order's transaction. */
  const link: StockLink = {
    async quantities(x, tenantId, storeId, productIds) {
      return new Map((await stockRepo.levelsIn(x, tenantId, storeId, productIds)).map((l) => [l.product_id, l.quantity]));
    },
    async sell(trx, ctx, m) {
      let name = m.productName;
      let allowNegative = m.allowNegative;
      if (name === undefined || allowNegative === undefined) {
        const p = (await products.briefs(trx, ctx.tenantId, [m.productId])).get(m.productId);
        if (!p) throw ProductErrors.PRODUCT_NOT_FOUND({ details: { productId: m.productId } });
        name = p.name;
        allowNegative = p.allowNegativeStock;
      }
      await engine.post(trx, ctx, { storeId: m.storeId, productId: m.productId, productName: name, kind: 'sale', quantity: -m.quantity, allowNegative, orderId: m.orderId, orderLineId: m.orderLineId });
    },
    async restock(trx, ctx, m) {
      const sale = await stockRepo.saleOfLine(trx, ctx.tenantId, m.orderId, m.orderLineId);
      const p = (await products.briefs(trx, ctx.tenantId, [m.productId])).get(m.productId);
      await engine.post(trx, ctx, {
        storeId: m.storeId,
        productId: m.productId,
        productName: p?.name ?? m.productId,
        kind: 'refund',
        quantity: m.quantity,
        totalCost: (sale?.unit_cost ?? 0) * m.quantity,
        allowNegative: true,
        orderId: m.orderId,
        orderLineId: m.orderLineId,
        refundId: m.refundId,
      });
    },
  };

  return {
    link,
    ...documents,

    async levels(ctx: Ctx, f: { storeId?: string; productId?: string; cursor?: string; limit: number }): Promise<Page<LevelView>> {
      requirePermission(ctx, 'stock.read');
      const storeIds = await storesFor(ctx, f.storeId);
      const rows = await stockRepo.levels(db, ctx.tenantId, { storeIds, productId: f.productId, after: decodeCursor(f.cursor) as [string, string] | undefined, limit: f.limit });
      const page = toPage(rows, f.limit, (r) => [r.store_id, r.product_id]);
      const briefs = await products.briefs(db, ctx.tenantId, page.items.map((r) => r.product_id));
      return { nextCursor: page.nextCursor, items: page.items.map((r) => presentLevel(r, briefs.get(r.product_id))) };
    },

    /** Levels at or below their threshold (store override, else the product's), emptiest first. */
    async lowStock(ctx: Ctx, f: { storeId?: string }): Promise<LevelView[]> {
      requirePermission(ctx, 'stock.read');
      const storeIds = await storesFor(ctx, f.storeId);
      const rows = await stockRepo.levels(db, ctx.tenantId, { storeIds });
      const briefs = await products.briefs(db, ctx.tenantId, rows.map((r) => r.product_id));
      return rows
        .map((r) => presentLevel(r, briefs.get(r.product_id)))
        .filter((l) => l.isLow && briefs.get(l.productId)?.isActive)
        .sort((a, b) => a.quantity - (a.lowStockThreshold ?? 0) - (b.quantity - (b.lowStockThreshold ?? 0)) || a.product.name.localeCompare(b.product.name, 'zh-CN'));
    },

    async valuation(ctx: Ctx, f: { storeId?: string }): Promise<ValuationView> {
      requirePermission(ctx, 'stock.read');
      const storeIds = await storesFor(ctx, f.storeId);
      const rows = await stockRepo.levels(db, ctx.tenantId, { storeIds });
      const briefs = await products.briefs(db, ctx.tenantId, rows.map((r) => r.product_id));
      const stores = new Map<string, { storeId: string; quantity: number; value: number; products: number }>();
      const categories = new Map<string | null, { categoryId: string | null; quantity: number; value: number }>();
      const total = { quantity: 0, value: 0, products: 0 };
      for (const r of rows) {
        if (r.quantity <= 0 && r.stock_value === 0) continue;
        const s = stores.get(r.store_id) ?? { storeId: r.store_id, quantity: 0, value: 0, products: 0 };
        s.quantity += r.quantity;
        s.value += r.stock_value;
        s.products += 1;
        stores.set(r.store_id, s);
        const cat = briefs.get(r.product_id)?.categoryId ?? null;
        const c = categories.get(cat) ?? { categoryId: cat, quantity: 0, value: 0 };
        c.quantity += r.quantity;
        c.value += r.stock_value;
        categories.set(cat, c);
        total.quantity += r.quantity;
        total.value += r.stock_value;
        total.products += 1;
      }
      return { method: 'moving_average', total, stores: [...stores.values()], categories: [...categories.values()].sort((a, b) => b.value - a.value) };
    },

    async moves(ctx: Ctx, f: { storeId?: string; productId?: string; kind?: string; documentId?: string; orderId?: string; from?: string; to?: string; cursor?: string; limit: number }): Promise<Page<MoveView>> {
      requirePermission(ctx, 'stock.read');
      const storeIds = await storesFor(ctx, f.storeId);
      const rows = await stockRepo.moves(db, ctx.tenantId, { ...f, storeIds, beforeId: decodeCursor(f.cursor)?.[0] as string | undefined });
      const page = toPage(rows, f.limit, (r) => [r.id]);
      const briefs = await products.briefs(db, ctx.tenantId, page.items.map((r) => r.product_id));
      return { nextCursor: page.nextCursor, items: page.items.map((r) => presentMove(r, briefs.get(r.product_id))) };
    },

    /** A store's own low-stock threshold for a product (null: use the product's). */
    async setThreshold(ctx: Ctx, storeId: string, productId: string, threshold: number | null): Promise<LevelView> {
      requirePermission(ctx, 'stock.manage');
      return inTransaction(database, async (trx) => {
        if (!(await org.storeExists(ctx.tenantId, storeId, trx))) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId } });
        requireStoreAccess(ctx, storeId);
        const p = (await products.briefs(trx, ctx.tenantId, [productId])).get(productId);
        if (!p) throw ProductErrors.PRODUCT_NOT_FOUND({ details: { productId } });
        if (p.kind !== 'product') throw StockErrors.STOCK_NOT_STOCKED({ params: { name: p.name } });
        const before = await engine.lockLevel(trx, ctx.tenantId, storeId, productId, clock.iso());
        await stockRepo.updateLevel(trx, ctx.tenantId, storeId, productId, { low_stock_threshold: threshold, updated_at: clock.iso() });
        await audit.record(trx, ctx, { action: 'stock.threshold_update', entityType: 'stockLevel', entityId: `${storeId}/${productId}`, storeId, before: { lowStockThreshold: before.low_stock_threshold }, after: { lowStockThreshold: threshold } });
        return presentLevel({ ...before, low_stock_threshold: threshold }, p);
      });
    },

    /** Whether the caller may see a store's stock (documents list both stores of a transfer). */
    canSee: canAccessStore,
  };
}
