import { type Database, type Executor, type Tx, inTransaction } from '../../db/database';
import { runIdempotent } from '../../db/idempotency';
import type { Clock } from '../../shared/clock';
import { type Ctx, canAccessStore, requirePermission, requireStoreAccess } from '../../shared/context';
import { CommonErrors } from '../../shared/errors';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import type { AuditService } from '../audit';
import { OrgErrors, type OrgService } from '../org';
import { type ProductBrief, ProductErrors, type ProductService } from '../product';
import type { StockEngine } from './stock.engine';
import { StockErrors } from './stock.errors';
import { type DocumentLineRow, type DocumentRow, stockRepo } from './stock.repo';
import { documentNo } from './stock.rules';
import type { DocumentView } from './stock.schemas';

/**
 * Stock documents — each one transaction that posts its moves and records itself:
 * purchase receipts (入库), transfers out of one store into another, adjustments with a reason
 * (报损 …), and stocktakes: a draft of counted quantities, confirmed later, which posts the
 * difference between counted and on hand at that moment.
 */
interface DocDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  products: ProductService;
  engine: StockEngine;
  businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string>;
  idempotencyHours: number;
}

type Kind = DocumentRow['kind'];

export function createStockDocuments(deps: DocDeps) {
  const { database, clock, audit, org, products, engine } = deps;
  const db = database.db;
  const idem = { dialect: database.dialect, clock, ttlHours: deps.idempotencyHours };

  async function store(trx: Executor, ctx: Ctx, storeId: string, path: string, opts: { inScope: boolean }) {
    const [s] = await org.storesByIds(ctx.tenantId, [storeId], trx);
    if (!s) throw OrgErrors.STORE_NOT_FOUND({ details: { path, storeId } });
    if (opts.inScope) requireStoreAccess(ctx, storeId);
    if (!s.isActive) throw OrgErrors.STORE_INACTIVE({ details: { path, storeId } });
    return s;
  }

  /** The products of the lines: every one must exist and be a stocked product. */
  async function stocked(trx: Executor, ctx: Ctx, productIds: string[]): Promise<Map<string, ProductBrief>> {
    const briefs = await products.briefs(trx, ctx.tenantId, productIds);
    for (const [i, id] of productIds.entries()) {
      const p = briefs.get(id);
      if (!p) throw ProductErrors.PRODUCT_NOT_FOUND({ details: { path: `lines.${i}.productId`, productId: id } });
      if (p.kind !== 'product') throw StockErrors.STOCK_NOT_STOCKED({ params: { name: p.name }, details: { path: `lines.${i}.productId` } });
    }
    if (new Set(productIds).size !== productIds.length) throw StockErrors.STOCK_DUPLICATE_LINE({ details: { path: 'lines' } });
    return briefs;
  }

  async function newDocument(trx: Executor, ctx: Ctx, kind: Kind, storeCode: string, row: Partial<DocumentRow> & { store_id: string }, posted: boolean): Promise<DocumentRow> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const businessDate = await deps.businessDate(ctx.tenantId, now, trx);
    const seq = await stockRepo.nextNumber(trx, ctx.tenantId, row.store_id, businessDate, kind);
    const doc: DocumentRow = {
      tenant_id: ctx.tenantId,
      id: newId(ID_PREFIXES.stockDocument),
      doc_no: documentNo(kind, storeCode, businessDate, seq),
      kind,
      status: posted ? 'posted' : 'draft',
      store_id: row.store_id,
      to_store_id: row.to_store_id ?? null,
      supplier: row.supplier ?? null,
      reason: row.reason ?? null,
      note: row.note ?? null,
      total_quantity: row.total_quantity ?? 0,
      total_cost: row.total_cost ?? 0,
      created_by: ctx.actor.id,
      created_by_name: ctx.actor.name,
      posted_by: posted ? ctx.actor.id : null,
      posted_by_name: posted ? ctx.actor.name : null,
      posted_at: posted ? nowIso : null,
      business_date: businessDate,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await stockRepo.insertDocument(trx, doc);
    return doc;
  }

  async function view(x: Executor, ctx: Ctx, doc: DocumentRow): Promise<DocumentView> {
    const lines = await stockRepo.linesOf(x, ctx.tenantId, [doc.id]);
    const briefs = await products.briefs(x, ctx.tenantId, lines.map((l) => l.product_id));
    // A draft stocktake shows what is on hand now, so the counter sees the difference it would post.
    const live = doc.kind === 'stocktake' && doc.status === 'draft' ? new Map((await stockRepo.levelsIn(x, ctx.tenantId, doc.store_id, lines.map((l) => l.product_id))).map((l) => [l.product_id, l.quantity])) : null;
    return {
      id: doc.id,
      docNo: doc.doc_no,
      kind: doc.kind,
      status: doc.status,
      storeId: doc.store_id,
      toStoreId: doc.to_store_id,
      supplier: doc.supplier,
      reason: doc.reason,
      note: doc.note,
      totalQuantity: doc.total_quantity,
      totalCost: doc.total_cost,
      createdByName: doc.created_by_name,
      postedByName: doc.posted_by_name,
      postedAt: doc.posted_at,
      businessDate: doc.business_date,
      createdAt: doc.created_at,
      lines: lines.map((l) => {
        const p = briefs.get(l.product_id);
        const system = live ? (live.get(l.product_id) ?? 0) : l.system_quantity;
        return {
          lineNo: l.line_no,
          productId: l.product_id,
          productName: p?.name ?? '?',
          sku: p?.sku ?? null,
          unit: p?.unit ?? '',
          quantity: live ? (l.counted_quantity ?? 0) - (system ?? 0) : l.quantity,
          unitCost: l.unit_cost,
          countedQuantity: l.counted_quantity,
          systemQuantity: system,
        };
      }),
    };
  }

  /** Run a posting use case once per Idempotency-Key, then read the document back. */
  async function posting(ctx: Ctx, fn: (trx: Tx) => Promise<string>): Promise<{ document: DocumentView; replayed: boolean }> {
    requirePermission(ctx, 'stock.manage');
    const r = await inTransaction(database, (trx) => runIdempotent(trx, ctx, idem, () => fn(trx)));
    const doc = (await stockRepo.documentById(db, ctx.tenantId, r.value))!;
    return { document: await view(db, ctx, doc), replayed: r.replayed };
  }

  async function requireDocument(x: Executor, ctx: Ctx, id: string, lock = false): Promise<DocumentRow> {
    const doc = lock ? await stockRepo.lockDocument(x, database.dialect, ctx.tenantId, id) : await stockRepo.documentById(x, ctx.tenantId, id);
    if (!doc) throw StockErrors.STOCK_DOCUMENT_NOT_FOUND({ details: { documentId: id } });
    if (!canAccessStore(ctx, doc.store_id) && !(doc.to_store_id && canAccessStore(ctx, doc.to_store_id))) throw CommonErrors.STORE_OUT_OF_SCOPE({ details: { storeId: doc.store_id } });
    return doc;
  }

  async function requireDraftStocktake(trx: Executor, ctx: Ctx, id: string): Promise<DocumentRow> {
    const doc = await requireDocument(trx, ctx, id, true);
    if (doc.kind !== 'stocktake') throw StockErrors.STOCK_DOCUMENT_NOT_FOUND({ details: { documentId: id } });
    requireStoreAccess(ctx, doc.store_id);
    if (doc.status !== 'draft') throw StockErrors.STOCKTAKE_NOT_DRAFT({ params: { status: statusName(ctx, doc.status) }, details: { status: doc.status } });
    return doc;
  }

  function statusName(ctx: Ctx, s: string): string {
    const zh: Record<string, string> = { posted: '确认', cancelled: '作废', draft: '草稿' };
    return ctx.locale === 'en' ? s : (zh[s] ?? s);
  }

  function lineRows(ctx: Ctx, documentId: string, lines: Omit<DocumentLineRow, 'tenant_id' | 'id' | 'document_id' | 'line_no'>[], startAt = 1): DocumentLineRow[] {
    return lines.map((l, i) => ({ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.stockDocumentLine), document_id: documentId, line_no: startAt + i, ...l }));
  }

  return {
    /** Purchase receipt (入库): units in at their cost, which moves the average. */
    receive(ctx: Ctx, input: { storeId: string; supplier?: string | null; note?: string | null; lines: { productId: string; quantity: number; unitCost?: number }[] }) {
      return posting(ctx, async (trx) => {
        const s = await store(trx, ctx, input.storeId, 'storeId', { inScope: true });
        const briefs = await stocked(trx, ctx, input.lines.map((l) => l.productId));
        const lines = input.lines.map((l) => ({ ...l, unitCost: l.unitCost ?? briefs.get(l.productId)!.cost ?? 0 }));
        const totalQuantity = lines.reduce((a, l) => a + l.quantity, 0);
        const totalCost = lines.reduce((a, l) => a + l.quantity * l.unitCost, 0);
        const doc = await newDocument(trx, ctx, 'receipt', s.code, { store_id: s.id, supplier: input.supplier, note: input.note, total_quantity: totalQuantity, total_cost: totalCost }, true);
        await stockRepo.insertLines(trx, lineRows(ctx, doc.id, lines.map((l) => ({ product_id: l.productId, quantity: l.quantity, unit_cost: l.unitCost, counted_quantity: null, system_quantity: null }))));
        await engine.lockLevels(trx, ctx.tenantId, lines.map((l) => ({ storeId: s.id, productId: l.productId })));
        for (const l of lines) {
          await engine.post(trx, ctx, { storeId: s.id, productId: l.productId, productName: briefs.get(l.productId)!.name, kind: 'purchase', quantity: l.quantity, totalCost: l.quantity * l.unitCost, setsLastCost: true, allowNegative: true, documentId: doc.id });
        }
        await audit.record(trx, ctx, { action: 'stock.receive', entityType: 'stockDocument', entityId: doc.id, storeId: s.id, after: { docNo: doc.doc_no, supplier: doc.supplier, totalQuantity, totalCost, lines: input.lines.length } });
        return doc.id;
      });
    },

    /** Transfer (调拨): out of one store and into another in one transaction, at the sending store's average cost. */
    transfer(ctx: Ctx, input: { fromStoreId: string; toStoreId: string; note?: string | null; lines: { productId: string; quantity: number }[] }) {
      return posting(ctx, async (trx) => {
        if (input.fromStoreId === input.toStoreId) throw StockErrors.STOCK_TRANSFER_SAME_STORE({ details: { path: 'toStoreId' } });
        // The sending store must be the caller's; the receiving one only has to exist in the tenant.
        const from = await store(trx, ctx, input.fromStoreId, 'fromStoreId', { inScope: true });
        const to = await store(trx, ctx, input.toStoreId, 'toStoreId', { inScope: false });
        const briefs = await stocked(trx, ctx, input.lines.map((l) => l.productId));
        const totalQuantity = input.lines.reduce((a, l) => a + l.quantity, 0);
        const doc = await newDocument(trx, ctx, 'transfer', from.code, { store_id: from.id, to_store_id: to.id, note: input.note, total_quantity: totalQuantity }, true);
        await engine.lockLevels(trx, ctx.tenantId, input.lines.flatMap((l) => [{ storeId: from.id, productId: l.productId }, { storeId: to.id, productId: l.productId }]));
        let totalCost = 0;
        const costs: number[] = [];
        for (const l of input.lines) {
          const p = briefs.get(l.productId)!;
          const out = await engine.post(trx, ctx, { storeId: from.id, productId: l.productId, productName: p.name, kind: 'transfer_out', quantity: -l.quantity, allowNegative: p.allowNegativeStock, documentId: doc.id });
          await engine.post(trx, ctx, { storeId: to.id, productId: l.productId, productName: p.name, kind: 'transfer_in', quantity: l.quantity, totalCost: out.cost, setsLastCost: true, allowNegative: true, documentId: doc.id });
          totalCost += out.cost;
          costs.push(out.unitCost);
        }
        await stockRepo.insertLines(trx, lineRows(ctx, doc.id, input.lines.map((l, i) => ({ product_id: l.productId, quantity: l.quantity, unit_cost: costs[i], counted_quantity: null, system_quantity: null }))));
        await stockRepo.updateDocument(trx, ctx.tenantId, doc.id, { total_cost: totalCost });
        await audit.record(trx, ctx, { action: 'stock.transfer', entityType: 'stockDocument', entityId: doc.id, storeId: from.id, after: { docNo: doc.doc_no, toStoreId: to.id, totalQuantity, totalCost, lines: input.lines.length } });
        return doc.id;
      });
    },

    /** Adjustment with a reason (报损, 自用, 盘盈 …): signed quantities, at the average cost. */
    adjust(ctx: Ctx, input: { storeId: string; reason: string; lines: { productId: string; quantity: number }[] }) {
      return posting(ctx, async (trx) => {
        const s = await store(trx, ctx, input.storeId, 'storeId', { inScope: true });
        const briefs = await stocked(trx, ctx, input.lines.map((l) => l.productId));
        const doc = await newDocument(trx, ctx, 'adjustment', s.code, { store_id: s.id, reason: input.reason, total_quantity: input.lines.reduce((a, l) => a + l.quantity, 0) }, true);
        await engine.lockLevels(trx, ctx.tenantId, input.lines.map((l) => ({ storeId: s.id, productId: l.productId })));
        let totalCost = 0;
        const costs: number[] = [];
        for (const l of input.lines) {
          const p = briefs.get(l.productId)!;
          const m = await engine.post(trx, ctx, { storeId: s.id, productId: l.productId, productName: p.name, kind: 'manual', quantity: l.quantity, allowNegative: p.allowNegativeStock, documentId: doc.id, reason: input.reason });
          totalCost += Math.sign(l.quantity) * m.cost;
          costs.push(m.unitCost);
        }
        await stockRepo.insertLines(trx, lineRows(ctx, doc.id, input.lines.map((l, i) => ({ product_id: l.productId, quantity: l.quantity, unit_cost: costs[i], counted_quantity: null, system_quantity: null }))));
        await stockRepo.updateDocument(trx, ctx.tenantId, doc.id, { total_cost: totalCost });
        await audit.record(trx, ctx, { action: 'stock.adjust', entityType: 'stockDocument', entityId: doc.id, storeId: s.id, after: { docNo: doc.doc_no, reason: input.reason, totalCost, lines: input.lines } });
        return doc.id;
      });
    },

    // ---- stocktakes (盘点) ----
    async createStocktake(ctx: Ctx, input: { storeId: string; note?: string | null; lines?: { productId: string; countedQuantity: number | null }[] }): Promise<DocumentView> {
      requirePermission(ctx, 'stock.manage');
      return inTransaction(database, async (trx) => {
        const s = await store(trx, ctx, input.storeId, 'storeId', { inScope: true });
        const counted = (input.lines ?? []).filter((l) => l.countedQuantity !== null);
        await stocked(trx, ctx, counted.map((l) => l.productId));
        const doc = await newDocument(trx, ctx, 'stocktake', s.code, { store_id: s.id, note: input.note }, false);
        await stockRepo.insertLines(trx, lineRows(ctx, doc.id, counted.map((l) => ({ product_id: l.productId, quantity: 0, unit_cost: 0, counted_quantity: l.countedQuantity, system_quantity: null }))));
        await audit.record(trx, ctx, { action: 'stock.stocktake_create', entityType: 'stockDocument', entityId: doc.id, storeId: s.id, after: { docNo: doc.doc_no, lines: counted.length } });
        return view(trx, ctx, doc);
      });
    },

    /** Enter or correct counted quantities of a draft (null removes a product from the count). */
    async setStocktakeCounts(ctx: Ctx, id: string, lines: { productId: string; countedQuantity: number | null }[]): Promise<DocumentView> {
      requirePermission(ctx, 'stock.manage');
      return inTransaction(database, async (trx) => {
        const doc = await requireDraftStocktake(trx, ctx, id);
        await stocked(trx, ctx, lines.map((l) => l.productId));
        const existing = await stockRepo.linesOf(trx, ctx.tenantId, [doc.id]);
        let next = existing.reduce((m, l) => Math.max(m, l.line_no), 0) + 1;
        for (const l of lines) {
          const row = existing.find((e) => e.product_id === l.productId);
          if (l.countedQuantity === null) {
            if (row) await stockRepo.deleteLine(trx, ctx.tenantId, doc.id, l.productId);
          } else if (row) {
            await stockRepo.updateLine(trx, ctx.tenantId, row.id, { counted_quantity: l.countedQuantity });
          } else {
            await stockRepo.insertLines(trx, lineRows(ctx, doc.id, [{ product_id: l.productId, quantity: 0, unit_cost: 0, counted_quantity: l.countedQuantity, system_quantity: null }], next++));
          }
        }
        await stockRepo.updateDocument(trx, ctx.tenantId, doc.id, { updated_at: clock.iso() });
        await audit.record(trx, ctx, { action: 'stock.stocktake_count', entityType: 'stockDocument', entityId: doc.id, storeId: doc.store_id, after: { lines } });
        return view(trx, ctx, doc);
      });
    },

    /** Confirm a count: the differences against what is on hand now are posted, and the draft is closed. */
    confirmStocktake(ctx: Ctx, id: string) {
      return posting(ctx, async (trx) => {
        const doc = await requireDraftStocktake(trx, ctx, id);
        const lines = await stockRepo.linesOf(trx, ctx.tenantId, [doc.id]);
        if (!lines.length) throw StockErrors.STOCKTAKE_EMPTY();
        const briefs = await products.briefs(trx, ctx.tenantId, lines.map((l) => l.product_id));
        await engine.lockLevels(trx, ctx.tenantId, lines.map((l) => ({ storeId: doc.store_id, productId: l.product_id })));
        const onHand = new Map((await stockRepo.levelsIn(trx, ctx.tenantId, doc.store_id, lines.map((l) => l.product_id))).map((l) => [l.product_id, l.quantity]));
        let totalQuantity = 0;
        let totalCost = 0;
        for (const l of lines) {
          const system = onHand.get(l.product_id) ?? 0;
          const diff = (l.counted_quantity ?? 0) - system;
          let unitCost = 0;
          if (diff !== 0) {
            const p = briefs.get(l.product_id);
            const m = await engine.post(trx, ctx, { storeId: doc.store_id, productId: l.product_id, productName: p?.name ?? l.product_id, kind: 'stocktake', quantity: diff, allowNegative: true, documentId: doc.id, reason: doc.doc_no });
            unitCost = m.unitCost;
            totalCost += Math.sign(diff) * m.cost;
          }
          totalQuantity += diff;
          await stockRepo.updateLine(trx, ctx.tenantId, l.id, { system_quantity: system, quantity: diff, unit_cost: unitCost });
        }
        const nowIso = clock.iso();
        await stockRepo.updateDocument(trx, ctx.tenantId, doc.id, { status: 'posted', total_quantity: totalQuantity, total_cost: totalCost, posted_by: ctx.actor.id, posted_by_name: ctx.actor.name, posted_at: nowIso, updated_at: nowIso });
        await audit.record(trx, ctx, { action: 'stock.stocktake_confirm', entityType: 'stockDocument', entityId: doc.id, storeId: doc.store_id, before: { status: 'draft' }, after: { status: 'posted', docNo: doc.doc_no, difference: totalQuantity, differenceCost: totalCost } });
        return doc.id;
      });
    },

    async cancelStocktake(ctx: Ctx, id: string): Promise<DocumentView> {
      requirePermission(ctx, 'stock.manage');
      return inTransaction(database, async (trx) => {
        const doc = await requireDraftStocktake(trx, ctx, id);
        const nowIso = clock.iso();
        await stockRepo.updateDocument(trx, ctx.tenantId, doc.id, { status: 'cancelled', updated_at: nowIso });
        await audit.record(trx, ctx, { action: 'stock.stocktake_cancel', entityType: 'stockDocument', entityId: doc.id, storeId: doc.store_id, before: { status: 'draft' }, after: { status: 'cancelled' } });
        return view(trx, ctx, { ...doc, status: 'cancelled', updated_at: nowIso });
      });
    },

    async getDocument(ctx: Ctx, id: string): Promise<DocumentView> {
      requirePermission(ctx, 'stock.read');
      return view(db, ctx, await requireDocument(db, ctx, id));
    },

    async listDocuments(ctx: Ctx, f: { storeId?: string; kind?: string; status?: string; cursor?: string; limit: number }): Promise<Page<DocumentView>> {
      requirePermission(ctx, 'stock.read');
      if (f.storeId) {
        if (!(await org.storeExists(ctx.tenantId, f.storeId))) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId: f.storeId } });
        requireStoreAccess(ctx, f.storeId);
      }
      const rows = await stockRepo.documents(db, ctx.tenantId, { ...f, storeIds: ctx.storeScope.all ? null : [...ctx.storeScope.storeIds], beforeId: decodeCursor(f.cursor)?.[0] as string | undefined });
      const page = toPage(rows, f.limit, (r) => [r.id]);
      const items: DocumentView[] = [];
      for (const d of page.items) items.push(await view(db, ctx, d));
      return { nextCursor: page.nextCursor, items };
    },
  };
}
