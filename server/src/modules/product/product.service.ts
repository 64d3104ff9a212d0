import { type Database, type Executor, inTransaction } from '../../db/database';
import type { Clock } from '../../shared/clock';
import { type Ctx, requirePermission, requireStoreAccess, systemCtx } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import type { AuditService } from '../audit';
import { OrgErrors, type OrgService } from '../org';
import type { TierService } from '../tier';
import { ProductErrors } from './product.errors';
import { type CategoryRow, type ProductRow, productRepo } from './product.repo';
import { kindDefaults, normalizeCode, normalizeSku, prefixUpperBound, productTerms, normalizeTerm, rankMatch } from './product.rules';
import type { CashierItem, CategoryView, ProductCreate, ProductUpdate, ProductView, QuickKeyView } from './product.schemas';
import type { ProductBrief, StockLink } from './product.types';

export interface ProductDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  tier: TierService;
}

export type ProductService = ReturnType<typeof createProductService>;

function brief(r: ProductRow): ProductBrief {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    sku: r.sku,
    barcode: r.barcode,
    unit: r.unit,
    categoryId: r.category_id,
    price: r.price,
    cost: r.cost,
    isActive: r.is_active,
    allowNegativeStock: r.allow_negative_stock,
    lowStockThreshold: r.low_stock_threshold,
  };
}

function presentCategory(r: CategoryRow, productCount: number): CategoryView {
  return { id: r.id, name: r.name, sortOrder: r.sort_order, isActive: r.is_active, productCount, createdAt: r.created_at, updatedAt: r.updated_at };
}

export function createProductService(deps: ProductDeps) {
  const { database, clock, audit, org } = deps;
  const db = database.db;
  let stock: StockLink | null = null;

  /** Rows → views with their stores and member prices (two batched queries). */
  async function present(x: Executor, tenantId: string, rows: ProductRow[]): Promise<ProductView[]> {
    const ids = rows.map((r) => r.id);
    const [stores, prices] = await Promise.all([productRepo.storesOf(x, tenantId, ids), productRepo.tierPricesOf(x, tenantId, ids)]);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      feeKind: r.fee_kind,
      sku: r.sku,
      barcode: r.barcode,
      name: r.name,
      categoryId: r.category_id,
      unit: r.unit,
      price: r.price,
      cost: r.cost,
      taxRateBp: r.tax_rate_bp,
      durationMinutes: r.duration_minutes,
      description: r.description,
      isActive: r.is_active,
      storeIds: r.is_all_stores ? null : stores.filter((s) => s.product_id === r.id).map((s) => s.store_id),
      allowNegativeStock: r.allow_negative_stock,
      isTierDiscountable: r.is_tier_discountable,
      isPointsPayable: r.is_points_payable,
      isStoredValuePayable: r.is_stored_value_payable,
      lowStockThreshold: r.low_stock_threshold,
      sortOrder: r.sort_order,
      tierPrices: prices.filter((p) => p.product_id === r.id).map((p) => ({ tierId: p.tier_id, price: p.price })),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  async function requireProduct(x: Executor, tenantId: string, id: string): Promise<ProductRow> {
    const r = await productRepo.byId(x, tenantId, id);
    if (!r) throw ProductErrors.PRODUCT_NOT_FOUND({ details: { productId: id } });
    return r;
  }

  async function requireStoreInTenant(ctx: Ctx, storeId: string, x: Executor = db): Promise<void> {
    if (!(await org.storeExists(ctx.tenantId, storeId, x))) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId } });
    requireStoreAccess(ctx, storeId);
  }

  /** Tier ids of the tenant, read before a write transaction opens (SQLite has one connection). */
  async function tierIds(tenantId: string): Promise<Set<string>> {
    const cfg = await deps.tier.getConfig(systemCtx(tenantId));
    return new Set(cfg.levels.map((l) => l.id));
  }

  async function checkReferences(trx: Executor, ctx: Ctx, input: { categoryId?: string | null; storeIds?: string[] | null; tierPrices?: { tierId: string }[] }, tiers: Set<string> | null) {
    if (input.categoryId && !(await productRepo.categoryById(trx, ctx.tenantId, input.categoryId))) throw ProductErrors.PRODUCT_CATEGORY_NOT_FOUND({ details: { path: 'categoryId' } });
    if (input.storeIds?.length) {
      const found = new Set((await org.storesByIds(ctx.tenantId, input.storeIds, trx)).map((s) => s.id));
      const missing = input.storeIds.find((s) => !found.has(s));
      if (missing) throw OrgErrors.STORE_NOT_FOUND({ details: { path: 'storeIds', storeId: missing } });
    }
    if (input.tierPrices && tiers) {
      const unknown = input.tierPrices.find((p) => !tiers.has(p.tierId));
      if (unknown) throw ProductErrors.PRODUCT_TIER_NOT_FOUND({ details: { path: 'tierPrices', tierId: unknown.tierId } });
    }
  }

  function uniqueViolation(err: unknown, sku: string | null | undefined, barcode: string | null | undefined): never {
    if (database.dialect.isUniqueViolation(err)) {
      const msg = String((err as Error).message);
      if (/barcode/.test(msg)) throw ProductErrors.PRODUCT_BARCODE_TAKEN({ params: { barcode }, details: { path: 'barcode' } });
      throw ProductErrors.PRODUCT_SKU_TAKEN({ params: { sku }, details: { path: 'sku' } });
    }
    throw err;
  }

  /** The same product as the cashier sees it in a store. */
  async function asCashierItems(x: Executor, ctx: Ctx, rows: ProductRow[], storeId: string | undefined, query?: string): Promise<CashierItem[]> {
    const views = await present(x, ctx.tenantId, rows);
    const quantities = storeId && stock ? await stock.quantities(x, ctx.tenantId, storeId, rows.filter((r) => r.kind === 'product').map((r) => r.id)) : new Map<string, number>();
    return views.map((v) => ({
      ...v,
      isSoldInStore: storeId ? v.storeIds === null || v.storeIds.includes(storeId) : null,
      stock: storeId && v.kind === 'product' ? (quantities.get(v.id) ?? 0) : null,
      ...(query !== undefined ? { match: rankMatch(v, query).kind } : {}),
    }));
  }

  return {
    /** Wiring (services.ts): the stock module, for quantities on hand and the sale line handler. */
    attachStock(link: StockLink): void {
      stock = link;
    },
    stockLink(): StockLink | null {
      return stock;
    },

    // ---- categories ----
    async listCategories(ctx: Ctx): Promise<CategoryView[]> {
      requirePermission(ctx, 'product.read');
      const [rows, counts] = await Promise.all([productRepo.categories(db, ctx.tenantId), productRepo.categoryCounts(db, ctx.tenantId)]);
      return rows.map((r) => presentCategory(r, Number(counts.find((c) => c.category_id === r.id)?.n ?? 0)));
    },

    async createCategory(ctx: Ctx, input: { name: string; sortOrder?: number }): Promise<CategoryView> {
      requirePermission(ctx, 'product.manage');
      return inTransaction(database, async (trx) => {
        const now = clock.iso();
        const row: CategoryRow = { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.productCategory), name: input.name, sort_order: input.sortOrder ?? 0, is_active: true, created_at: now, updated_at: now };
        try {
          await productRepo.insertCategory(trx, row);
        } catch (err) {
          if (database.dialect.isUniqueViolation(err)) throw ProductErrors.PRODUCT_CATEGORY_NAME_TAKEN({ params: { name: input.name }, details: { path: 'name' } });
          throw err;
        }
        const view = presentCategory(row, 0);
        await audit.record(trx, ctx, { action: 'product.category_create', entityType: 'productCategory', entityId: row.id, after: view });
        return view;
      });
    },

    async updateCategory(ctx: Ctx, id: string, patch: { name?: string; sortOrder?: number; isActive?: boolean }): Promise<CategoryView> {
      requirePermission(ctx, 'product.manage');
      return inTransaction(database, async (trx) => {
        const before = await productRepo.categoryById(trx, ctx.tenantId, id);
        if (!before) throw ProductErrors.PRODUCT_CATEGORY_NOT_FOUND({ details: { categoryId: id } });
        const next: Partial<CategoryRow> = { updated_at: clock.iso() };
        if (patch.name !== undefined) next.name = patch.name;
        if (patch.sortOrder !== undefined) next.sort_order = patch.sortOrder;
        if (patch.isActive !== undefined) next.is_active = patch.isActive;
        try {
          await productRepo.updateCategory(trx, ctx.tenantId, id, next);
        } catch (err) {
          if (database.dialect.isUniqueViolation(err)) throw ProductErrors.PRODUCT_CATEGORY_NAME_TAKEN({ params: { name: patch.name }, details: { path: 'name' } });
          throw err;
        }
        const counts = await productRepo.categoryCounts(trx, ctx.tenantId);
        const n = Number(counts.find((c) => c.category_id === id)?.n ?? 0);
        const after = presentCategory({ ...before, ...next }, n);
        await audit.record(trx, ctx, { action: 'product.category_update', entityType: 'productCategory', entityId: id, before: presentCategory(before, n), after, diff: true });
        return after;
      });
    },

    // ---- products, service items, fees ----
    async list(ctx: Ctx, f: { kind?: ProductRow['kind']; categoryId?: string; q?: string; includeInactive?: boolean; cursor?: string; limit: number }): Promise<Page<ProductView>> {
      requirePermission(ctx, 'product.read');
      const cursor = decodeCursor(f.cursor) as [number, string] | undefined;
      let ids: string[] | undefined;
      if (f.q) {
        const term = normalizeTerm(f.q);
        ids = term ? await productRepo.idsByTermPrefix(db, ctx.tenantId, term, prefixUpperBound(term), 500) : [];
      }
      const rows = await productRepo.list(db, ctx.tenantId, { kind: f.kind, categoryId: f.categoryId, ids, includeInactive: !!f.includeInactive, after: cursor, limit: f.limit });
      const page = toPage(rows, f.limit, (r) => [r.sort_order, r.id]);
      return { nextCursor: page.nextCursor, items: await present(db, ctx.tenantId, page.items) };
    },

    async get(ctx: Ctx, id: string): Promise<ProductView> {
      requirePermission(ctx, 'product.read');
      return (await present(db, ctx.tenantId, [await requireProduct(db, ctx.tenantId, id)]))[0];
    },

    async create(ctx: Ctx, input: ProductCreate): Promise<ProductView> {
      requirePermission(ctx, 'product.manage');
      if (input.kind === 'fee' && !input.feeKind) throw ProductErrors.PRODUCT_FEE_KIND_REQUIRED({ details: { path: 'feeKind' } });
      const tiers = input.tierPrices?.length ? await tierIds(ctx.tenantId) : null;
      return inTransaction(database, async (trx) => {
        await checkReferences(trx, ctx, input, tiers);
        const d = kindDefaults(input.kind);
        const now = clock.iso();
        const row: ProductRow = {
          tenant_id: ctx.tenantId,
          id: newId(ID_PREFIXES.product),
          kind: input.kind,
          fee_kind: input.kind === 'fee' ? input.feeKind! : null,
          sku: input.sku ? normalizeSku(input.sku) : null,
          barcode: input.barcode ? normalizeCode(input.barcode) : null,
          name: input.name,
          category_id: input.categoryId ?? null,
          unit: input.unit ?? d.unit,
          price: input.price,
          cost: input.cost ?? null,
          tax_rate_bp: input.taxRateBp ?? 0,
          duration_minutes: input.kind === 'service' ? (input.durationMinutes ?? null) : null,
          description: input.description ?? null,
          is_active: true,
          is_all_stores: !input.storeIds,
          allow_negative_stock: input.kind === 'product' ? (input.allowNegativeStock ?? false) : false,
          // Fees take no tier discount, whatever the request says.
          is_tier_discountable: input.kind === 'fee' ? false : (input.isTierDiscountable ?? d.isTierDiscountable),
          is_points_payable: input.isPointsPayable ?? d.isPointsPayable,
          is_stored_value_payable: input.isStoredValuePayable ?? d.isStoredValuePayable,
          low_stock_threshold: input.kind === 'product' ? (input.lowStockThreshold ?? null) : null,
          sort_order: input.sortOrder ?? 0,
          created_at: now,
          updated_at: now,
        };
        try {
          await productRepo.insert(trx, row);
        } catch (err) {
          uniqueViolation(err, row.sku, row.barcode);
        }
        if (input.storeIds) await productRepo.replaceStores(trx, ctx.tenantId, row.id, [...new Set(input.storeIds)]);
        if (input.tierPrices?.length) await productRepo.replaceTierPrices(trx, ctx.tenantId, row.id, input.tierPrices);
        await productRepo.replaceTerms(trx, ctx.tenantId, row.id, productTerms(row));
        const [view] = await present(trx, ctx.tenantId, [row]);
        await audit.record(trx, ctx, { action: 'product.create', entityType: 'product', entityId: row.id, after: view });
        return view;
      });
    },

    async update(ctx: Ctx, id: string, patch: ProductUpdate): Promise<ProductView> {
      requirePermission(ctx, 'product.manage');
      const tiers = patch.tierPrices?.length ? await tierIds(ctx.tenantId) : null;
      return inTransaction(database, async (trx) => {
        const before = await requireProduct(trx, ctx.tenantId, id);
        await checkReferences(trx, ctx, patch, tiers);
        const [beforeView] = await present(trx, ctx.tenantId, [before]);
        const next: Partial<ProductRow> = { updated_at: clock.iso() };
        const k = before.kind;
        if (patch.name !== undefined) next.name = patch.name;
        if (patch.sku !== undefined) next.sku = patch.sku ? normalizeSku(patch.sku) : null;
        if (patch.barcode !== undefined) next.barcode = patch.barcode ? normalizeCode(patch.barcode) : null;
        if (patch.categoryId !== undefined) next.category_id = patch.categoryId;
        if (patch.unit !== undefined) next.unit = patch.unit;
        if (patch.price !== undefined) next.price = patch.price;
        if (patch.cost !== undefined) next.cost = patch.cost;
        if (patch.taxRateBp !== undefined) next.tax_rate_bp = patch.taxRateBp;
        if (patch.durationMinutes !== undefined && k === 'service') next.duration_minutes = patch.durationMinutes;
        if (patch.description !== undefined) next.description = patch.description;
        if (patch.isActive !== undefined) next.is_active = patch.isActive;
        if (patch.storeIds !== undefined) next.is_all_stores = patch.storeIds === null;
        if (patch.allowNegativeStock !== undefined && k === 'product') next.allow_negative_stock = patch.allowNegativeStock;
        if (patch.isTierDiscountable !== undefined && k !== 'fee') next.is_tier_discountable = patch.isTierDiscountable;
        if (patch.isPointsPayable !== undefined) next.is_points_payable = patch.isPointsPayable;
        if (patch.isStoredValuePayable !== undefined) next.is_stored_value_payable = patch.isStoredValuePayable;
        if (patch.lowStockThreshold !== undefined && k === 'product') next.low_stock_threshold = patch.lowStockThreshold;
        if (patch.sortOrder !== undefined) next.sort_order = patch.sortOrder;
        if (patch.feeKind !== undefined && k === 'fee') {
          if (!patch.feeKind) throw ProductErrors.PRODUCT_FEE_KIND_REQUIRED({ details: { path: 'feeKind' } });
          next.fee_kind = patch.feeKind;
        }
        try {
          await productRepo.update(trx, ctx.tenantId, id, next);
        } catch (err) {
          uniqueViolation(err, next.sku, next.barcode);
        }
        if (patch.storeIds !== undefined) await productRepo.replaceStores(trx, ctx.tenantId, id, patch.storeIds ? [...new Set(patch.storeIds)] : []);
        if (patch.tierPrices !== undefined) await productRepo.replaceTierPrices(trx, ctx.tenantId, id, patch.tierPrices);
        const after = { ...before, ...next };
        if (next.name !== undefined || next.sku !== undefined || next.barcode !== undefined) await productRepo.replaceTerms(trx, ctx.tenantId, id, productTerms(after));
        const [afterView] = await present(trx, ctx.tenantId, [after]);
        await audit.record(trx, ctx, { action: 'product.update', entityType: 'product', entityId: id, before: beforeView, after: afterView, diff: true });
        return afterView;
      });
    },

    // ---- the cashier: search and scan ----
    /** What the desk typed (name, pinyin, initials, SKU, barcode): one range scan of the terms, ranked. */
    async search(ctx: Ctx, f: { q: string; storeId?: string; kind?: ProductRow['kind']; limit: number }): Promise<CashierItem[]> {
      requirePermission(ctx, 'product.read');
      if (f.storeId) await requireStoreInTenant(ctx, f.storeId);
      const term = normalizeTerm(f.q);
      if (!term) return [];
      const ids = await productRepo.idsByTermPrefix(db, ctx.tenantId, term, prefixUpperBound(term), 200);
      const rows = (await productRepo.byIds(db, ctx.tenantId, ids)).filter((r) => r.is_active && (!f.kind || r.kind === f.kind));
      let items = await asCashierItems(db, ctx, rows, f.storeId, f.q);
      if (f.storeId) items = items.filter((i) => i.isSoldInStore);
      const rank = (i: CashierItem) => rankMatch(i, f.q).rank;
      items.sort((a, b) => rank(a) - rank(b) || a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
      return items.slice(0, f.limit);
    },

    /** A scanned barcode or typed SKU: exactly one sellable item, or a clear refusal. */
    async lookup(ctx: Ctx, f: { code: string; storeId?: string }): Promise<CashierItem> {
      requirePermission(ctx, 'product.read');
      if (f.storeId) await requireStoreInTenant(ctx, f.storeId);
      const code = normalizeCode(f.code);
      const row = (code && (await productRepo.byBarcode(db, ctx.tenantId, code))) || (code && (await productRepo.bySku(db, ctx.tenantId, normalizeSku(code))));
      if (!row) throw ProductErrors.PRODUCT_BARCODE_UNKNOWN({ params: { code: code || f.code.trim() }, details: { code: code || f.code.trim() } });
      if (!row.is_active) throw ProductErrors.PRODUCT_INACTIVE({ params: { name: row.name }, details: { productId: row.id } });
      const [item] = await asCashierItems(db, ctx, [row], f.storeId, code);
      if (f.storeId && !item.isSoldInStore) throw ProductErrors.PRODUCT_NOT_SOLD_IN_STORE({ params: { name: row.name }, details: { productId: row.id, storeId: f.storeId } });
      return item;
    },

    // ---- quick keys of a store's cashier screen ----
    async quickKeys(ctx: Ctx, storeId: string): Promise<QuickKeyView[]> {
      requirePermission(ctx, 'product.read');
      await requireStoreInTenant(ctx, storeId);
      return quickKeysOf(db, ctx.tenantId, storeId);
    },

    async setQuickKeys(ctx: Ctx, storeId: string, keys: { productId: string; label?: string | null; color?: string | null }[]): Promise<QuickKeyView[]> {
      requirePermission(ctx, 'product.manage');
      return inTransaction(database, async (trx) => {
        await requireStoreInTenant(ctx, storeId, trx);
        const found = new Set((await productRepo.byIds(trx, ctx.tenantId, [...new Set(keys.map((k) => k.productId))])).map((r) => r.id));
        const missing = keys.findIndex((k) => !found.has(k.productId));
        if (missing >= 0) throw ProductErrors.PRODUCT_NOT_FOUND({ details: { path: `keys.${missing}.productId` } });
        const before = await quickKeysOf(trx, ctx.tenantId, storeId);
        await productRepo.replaceQuickKeys(
          trx,
          ctx.tenantId,
          storeId,
          keys.map((k, i) => ({ tenant_id: ctx.tenantId, store_id: storeId, position: i + 1, product_id: k.productId, label: k.label ?? null, color: k.color ?? null })),
        );
        const after = await quickKeysOf(trx, ctx.tenantId, storeId);
        await audit.record(trx, ctx, { action: 'product.quick_keys_update', entityType: 'store', entityId: storeId, storeId, before: before.map((k) => k.productId), after: after.map((k) => k.productId) });
        return after;
      });
    },

    // ---- for other modules ----
    /** Catalogue items by id (unknown ids are left out). */
    async briefs(x: Executor, tenantId: string, ids: string[]): Promise<Map<string, ProductBrief>> {
      return new Map((await productRepo.byIds(x, tenantId, [...new Set(ids)])).map((r) => [r.id, brief(r)]));
    },
    /** The full row for the order line handlers (same module). */
    row: (x: Executor, tenantId: string, id: string) => productRepo.byId(x, tenantId, id),
    isSoldIn: (x: Executor, tenantId: string, productId: string, storeId: string) => productRepo.isSoldIn(x, tenantId, productId, storeId),
    tierPrice: (x: Executor, tenantId: string, productId: string, tierId: string) => productRepo.tierPrice(x, tenantId, productId, tierId),
  };

  async function quickKeysOf(x: Executor, tenantId: string, storeId: string): Promise<QuickKeyView[]> {
    const rows = await productRepo.quickKeys(x, tenantId, storeId);
    const products = new Map((await productRepo.byIds(x, tenantId, [...new Set(rows.map((r) => r.product_id))])).map((p) => [p.id, p]));
    return rows.map((r) => {
      const p = products.get(r.product_id)!;
      return {
        position: r.position,
        productId: r.product_id,
        label: r.label ?? p.name,
        color: r.color,
        product: { id: p.id, kind: p.kind, name: p.name, unit: p.unit, price: p.price, isActive: p.is_active, sku: p.sku, barcode: p.barcode },
      };
    });
  }
}
