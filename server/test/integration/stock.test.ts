import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { verifyOrders } from '../../src/modules/order';
import { verifyStock } from '../../src/modules/stock';
import { createProduct, createService, idem, receive, refundLines, sell, stockOf } from '../fixtures/retail';
import type { TestEnv } from '../helpers/env';
import { describeEachDb } from '../helpers/env';

async function verify(env: TestEnv, tenantId: string) {
  const allowsNegative = async (tid: string, ids: string[]) =>
    new Set([...(await env.services.products.briefs(env.database.db, tid, ids)).values()].filter((p) => p.allowNegativeStock).map((p) => p.id));
  return verifyStock(env.database.db, { tenantId, allowsNegative });
}

describeEachDb('stock per store', (use) => {
  // ---- happy ----
  it('receipts bring stock in at cost; sales take it out at moving-average cost; refunds put it back', async () => {
    const env = use();
    const t = await env.newTenant();
    const towel = await createProduct(t.owner, { name: '运动毛巾', price: 2500, cost: 800, lowStockThreshold: 3 });
    const r1 = await receive(t.owner, t.storeId, [{ productId: towel.id, quantity: 10, unitCost: 1000 }]);
    expect(r1).toMatchObject({ kind: 'receipt', status: 'posted', totalQuantity: 10, totalCost: 10000, supplier: '农夫山泉经销商' });
    expect(r1.docNo).toMatch(/^RKS001-\d{8}-001$/);
    await receive(t.owner, t.storeId, [{ productId: towel.id, quantity: 5 }]); // at the standard cost, ¥8
    expect(await stockOf(t.owner, t.storeId, towel.id)).toMatchObject({ quantity: 15, value: 14000, averageCost: 933, lastUnitCost: 800, isLow: false });

    const order = await sell(t.owner, { storeId: t.storeId, lines: [{ kind: 'product', itemId: towel.id, quantity: 3 }], tenders: [{ method: 'cash', amount: 7500 }] });
    expect(order.status).toBe(201);
    expect(await stockOf(t.owner, t.storeId, towel.id)).toMatchObject({ quantity: 12, value: 11200 });
    const moves = await t.owner.get(`/api/v1/stock/moves?productId=${towel.id}`);
    expect(moves.body.items.map((m: { kind: string; quantity: number; balanceAfter: number; unitCost: number }) => [m.kind, m.quantity, m.balanceAfter, m.unitCost])).toEqual([
      ['sale', -3, 12, 933],
      ['purchase', 5, 15, 800],
      ['purchase', 10, 10, 1000],
    ]);
    expect(moves.body.items[0]).toMatchObject({ orderId: order.body.id, productName: '运动毛巾' });

    // Partial refund at the counter: 2 of 3 come back at the cost they left at.
    const { quote, result } = await refundLines(t.owner, order.body.id, [{ lineId: order.body.lines[0].id, quantity: 2 }]);
    expect(quote.body).toMatchObject({ total: 5000, moneyTotal: 5000 });
    expect(result.status).toBe(201);
    expect(await stockOf(t.owner, t.storeId, towel.id)).toMatchObject({ quantity: 14, value: 13066 });
    const refundMove = (await t.owner.get(`/api/v1/stock/moves?productId=${towel.id}&kind=refund`)).body.items[0];
    expect(refundMove).toMatchObject({ quantity: 2, unitCost: 933, refundId: result.body.refundId, orderId: order.body.id });
    expect((await verify(env, t.tenantId)).mismatches).toEqual([]);
    expect((await verifyOrders(env.database.db, t.tenantId)).mismatches).toEqual([]);
  });

  it('transfers between stores in one transaction, at the sending store’s average cost', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = (await t.owner.post('/api/v1/stores', { name: '二店' })).body;
    const mat = await createProduct(t.owner, { name: '瑜伽垫', price: 20000 });
    await receive(t.owner, t.storeId, [{ productId: mat.id, quantity: 10, unitCost: 6000 }]);
    const tr = await t.owner.post('/api/v1/stock/transfers', { fromStoreId: t.storeId, toStoreId: other.id, note: '二店开业备货', lines: [{ productId: mat.id, quantity: 4 }] }, idem());
    expect(tr.status).toBe(201);
    expect(tr.body).toMatchObject({ kind: 'transfer', storeId: t.storeId, toStoreId: other.id, totalQuantity: 4, totalCost: 24000 });
    expect(tr.body.docNo).toMatch(/^DBS001-/);
    expect(await stockOf(t.owner, t.storeId, mat.id)).toMatchObject({ quantity: 6, value: 36000 });
    expect(await stockOf(t.owner, other.id, mat.id)).toMatchObject({ quantity: 4, value: 24000, lastUnitCost: 6000 });
    const doc = await t.owner.get(`/api/v1/stock/documents/${tr.body.id}`);
    expect(doc.body.lines).toEqual([expect.objectContaining({ productId: mat.id, productName: '瑜伽垫', quantity: 4, unitCost: 6000 })]);
    const docs = await t.owner.get(`/api/v1/stock/documents?storeId=${other.id}`);
    expect(docs.body.items.map((d: { id: string }) => d.id)).toEqual([tr.body.id]);
    // More than the sending store holds: refused as a whole.
    const over = await t.owner.post('/api/v1/stock/transfers', { fromStoreId: t.storeId, toStoreId: other.id, lines: [{ productId: mat.id, quantity: 7 }] }, idem());
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'STOCK_INSUFFICIENT', details: { available: 6, requested: 7 } });
    expect(await stockOf(t.owner, other.id, mat.id)).toMatchObject({ quantity: 4 });
    expect((await verify(env, t.tenantId)).mismatches).toEqual([]);
  });

  it('stocktakes: a draft of counts, confirmed later against what is on hand then; cancel posts nothing', async () => {
    const env = use();
    const t = await env.newTenant();
    const a = await createProduct(t.owner, { name: '矿泉水' });
    const b = await createProduct(t.owner, { name: '能量棒' });
    await receive(t.owner, t.storeId, [
      { productId: a.id, quantity: 20, unitCost: 100 },
      { productId: b.id, quantity: 10, unitCost: 500 },
    ]);
    const draft = await t.owner.post('/api/v1/stocktakes', { storeId: t.storeId, note: '月末盘点', lines: [{ productId: a.id, countedQuantity: 18 }] });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ kind: 'stocktake', status: 'draft' });
    expect(draft.body.lines[0]).toMatchObject({ productId: a.id, countedQuantity: 18, systemQuantity: 20, quantity: -2 });
    const counted = await t.owner.put(`/api/v1/stocktakes/${draft.body.id}/lines`, { lines: [{ productId: b.id, countedQuantity: 11 }] });
    expect(counted.body.lines.map((l: { productId: string; quantity: number }) => [l.productId, l.quantity])).toEqual([
      [a.id, -2],
      [b.id, 1],
    ]);
    // A sale while counting: the difference is taken against what is on hand at confirmation.
    await sell(t.owner, { storeId: t.storeId, lines: [{ kind: 'product', itemId: a.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 300 }] });
    const confirmed = await t.owner.post(`/api/v1/stocktakes/${draft.body.id}/confirm`, {}, idem());
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'posted', totalQuantity: 0, totalCost: 400 });
    expect(confirmed.body.lines.map((l: { systemQuantity: number; countedQuantity: number; quantity: number }) => [l.systemQuantity, l.countedQuantity, l.quantity])).toEqual([
      [19, 18, -1],
      [10, 11, 1],
    ]);
    expect(await stockOf(t.owner, t.storeId, a.id)).toMatchObject({ quantity: 18 });
    expect(await stockOf(t.owner, t.storeId, b.id)).toMatchObject({ quantity: 11, value: 5500 });
    const again = await t.owner.post(`/api/v1/stocktakes/${draft.body.id}/confirm`, {}, idem());
    expect(again.body.error).toMatchObject({ code: 'STOCKTAKE_NOT_DRAFT', message: '盘点单已确认,不能再修改' });

    const other = await t.owner.post('/api/v1/stocktakes', { storeId: t.storeId, lines: [{ productId: a.id, countedQuantity: 0 }] });
    const cancelled = await t.owner.post(`/api/v1/stocktakes/${other.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await stockOf(t.owner, t.storeId, a.id)).toMatchObject({ quantity: 18 });
    expect((await verify(env, t.tenantId)).mismatches).toEqual([]);
  });

  it('adjustments with a reason; low-stock list with per-store thresholds; valuation per store and category', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = (await t.owner.post('/api/v1/stores', { name: '二店' })).body;
    const cat = (await t.owner.post('/api/v1/product-categories', { name: '用品' })).body;
    const a = await createProduct(t.owner, { name: '毛巾', lowStockThreshold: 5, categoryId: cat.id });
    const b = await createProduct(t.owner, { name: '水杯', lowStockThreshold: 2 });
    await receive(t.owner, t.storeId, [
      { productId: a.id, quantity: 6, unitCost: 1000 },
      { productId: b.id, quantity: 3, unitCost: 2000 },
    ]);
    await receive(t.owner, other.id, [{ productId: a.id, quantity: 2, unitCost: 1000 }]);
    const adj = await t.owner.post('/api/v1/stock/adjustments', { storeId: t.storeId, reason: '破损报废', lines: [{ productId: a.id, quantity: -2 }] }, idem());
    expect(adj.status).toBe(201);
    expect(adj.body).toMatchObject({ kind: 'adjustment', reason: '破损报废', totalQuantity: -2, totalCost: -2000 });
    const low = await t.owner.get('/api/v1/stock/low');
    expect(low.body.items.map((l: { storeId: string; productId: string; quantity: number; lowStockThreshold: number }) => [l.storeId, l.productId, l.quantity, l.lowStockThreshold])).toEqual([
      [other.id, a.id, 2, 5],
      [t.storeId, a.id, 4, 5],
    ]);
    const th = await t.owner.patch(`/api/v1/stores/${other.id}/stock-levels/${a.id}`, { lowStockThreshold: 1 });
    expect(th.body).toMatchObject({ storeThreshold: 1, lowStockThreshold: 1, isLow: false });
    expect((await t.owner.get(`/api/v1/stock/low?storeId=${other.id}`)).body.items).toEqual([]);
    const val = await t.owner.get('/api/v1/stock/valuation');
    expect(val.body).toMatchObject({ method: 'moving_average', total: { quantity: 9, value: 12000, products: 3 } });
    expect(val.body.stores).toEqual(expect.arrayContaining([{ storeId: t.storeId, quantity: 7, value: 10000, products: 2 }, { storeId: other.id, quantity: 2, value: 2000, products: 1 }]));
    expect(val.body.categories).toEqual([
      { categoryId: cat.id, quantity: 6, value: 6000 },
      { categoryId: null, quantity: 3, value: 6000 },
    ]);
  });

  it('a product that allows negative stock may be sold below zero; the next receipt covers the shortfall', async () => {
    const env = use();
    const t = await env.newTenant();
    const coffee = await createProduct(t.owner, { name: '现磨咖啡', price: 1500, cost: 400, allowNegativeStock: true });
    const r = await sell(t.owner, { storeId: t.storeId, lines: [{ kind: 'product', itemId: coffee.id, quantity: 2 }], tenders: [{ method: 'cash', amount: 3000 }] });
    expect(r.status).toBe(201);
    expect(await stockOf(t.owner, t.storeId, coffee.id)).toMatchObject({ quantity: -2, value: 0 });
    await receive(t.owner, t.storeId, [{ productId: coffee.id, quantity: 10, unitCost: 400 }]);
    expect(await stockOf(t.owner, t.storeId, coffee.id)).toMatchObject({ quantity: 8, value: 3200 });
    expect((await verify(env, t.tenantId)).mismatches).toEqual([]);
  });

  // ---- errors ----
  it('never sells more than is on hand: the whole order is refused and nothing moves', async () => {
    const env = use();
    const t = await env.newTenant();
    const bar = await createProduct(t.owner, { name: '能量棒', price: 800 });
    const svc = await createService(t.owner);
    await receive(t.owner, t.storeId, [{ productId: bar.id, quantity: 2 }]);
    const r = await sell(t.owner, { storeId: t.storeId, lines: [{ kind: 'service', itemId: svc.id, quantity: 1 }, { kind: 'product', itemId: bar.id, quantity: 3 }], tenders: [{ method: 'cash', amount: 32400 }] });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'STOCK_INSUFFICIENT', message: '“能量棒”库存不足:现有 2,需要 3', details: { available: 2, requested: 3 } });
    expect(await stockOf(t.owner, t.storeId, bar.id)).toMatchObject({ quantity: 2 });
    expect((await t.owner.get(`/api/v1/orders?storeId=${t.storeId}`)).body.items).toEqual([]);
  });

  it('refuses bad stock documents with clear errors and changes nothing', async () => {
    const env = use();
    const t = await env.newTenant();
    const p = await createProduct(t.owner);
    const svc = await createService(t.owner);
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['/api/v1/stock/receipts', { storeId: t.storeId, lines: [{ productId: p.id, quantity: -1 }] }, 400, 'VALIDATION_FAILED'],
      ['/api/v1/stock/receipts', { storeId: t.storeId, lines: [{ productId: p.id, quantity: 1, unitCost: -5 }] }, 400, 'VALIDATION_FAILED'],
      ['/api/v1/stock/receipts', { storeId: t.storeId, lines: [{ productId: p.id, quantity: 1 }, { productId: p.id, quantity: 2 }] }, 400, 'VALIDATION_FAILED'],
      ['/api/v1/stock/receipts', { storeId: t.storeId, lines: [{ productId: svc.id, quantity: 1 }] }, 400, 'STOCK_NOT_STOCKED'],
      ['/api/v1/stock/receipts', { storeId: t.storeId, lines: [{ productId: 'prd_01AAAAAAAAAAAAAAAAAAAAAAAA', quantity: 1 }] }, 404, 'PRODUCT_NOT_FOUND'],
      ['/api/v1/stock/receipts', { storeId: 'sto_01AAAAAAAAAAAAAAAAAAAAAAAA', lines: [{ productId: p.id, quantity: 1 }] }, 404, 'STORE_NOT_FOUND'],
      ['/api/v1/stock/transfers', { fromStoreId: t.storeId, toStoreId: t.storeId, lines: [{ productId: p.id, quantity: 1 }] }, 400, 'STOCK_TRANSFER_SAME_STORE'],
      ['/api/v1/stock/adjustments', { storeId: t.storeId, reason: '报损', lines: [{ productId: p.id, quantity: -1 }] }, 409, 'STOCK_INSUFFICIENT'],
      ['/api/v1/stock/adjustments', { storeId: t.storeId, reason: '报损', lines: [{ productId: p.id, quantity: 0 }] }, 400, 'VALIDATION_FAILED'],
      ['/api/v1/stock/adjustments', { storeId: t.storeId, lines: [{ productId: p.id, quantity: 1 }] }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [url, body, status, code] of cases) {
      const r = await t.owner.post(url, body, idem());
      expect([r.status, r.body.error?.code], `${url} ${JSON.stringify(body)}`).toEqual([status, code]);
    }
    expect(await stockOf(t.owner, t.storeId, p.id)).toBeNull();
    expect((await t.owner.get('/api/v1/stock/documents')).body.items).toEqual([]);
    const noKey = await t.owner.post('/api/v1/stock/receipts', { storeId: t.storeId, lines: [{ productId: p.id, quantity: 1 }] });
    expect(noKey.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const emptyCount = await t.owner.post('/api/v1/stocktakes', { storeId: t.storeId });
    expect((await t.owner.post(`/api/v1/stocktakes/${emptyCount.body.id}/confirm`, {}, idem())).body.error.code).toBe('STOCKTAKE_EMPTY');
  });

  it('a receipt retried with the same Idempotency-Key is posted once', async () => {
    const env = use();
    const t = await env.newTenant();
    const p = await createProduct(t.owner);
    const key = idem();
    const body = { storeId: t.storeId, lines: [{ productId: p.id, quantity: 5, unitCost: 100 }] };
    const a = await t.owner.post('/api/v1/stock/receipts', body, key);
    const b = await t.owner.post('/api/v1/stock/receipts', body, key);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(await stockOf(t.owner, t.storeId, p.id)).toMatchObject({ quantity: 5 });
  });

  // ---- concurrency ----
  it('30 concurrent sales of a product with 10 in stock: exactly 10 succeed, stock ends at 0', async () => {
    const env = use();
    const t = await env.newTenant();
    const p = await createProduct(t.owner, { name: '限量水杯', price: 5000 });
    await receive(t.owner, t.storeId, [{ productId: p.id, quantity: 10, unitCost: 2000 }]);
    const body = { storeId: t.storeId, lines: [{ kind: 'product', itemId: p.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 5000 }] };
    const results = await Promise.all(Array.from({ length: 30 }, () => t.owner.post('/api/v1/orders', body, { 'idempotency-key': randomUUID() })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(20);
    expect(new Set(refused.map((r) => r.body.error.code))).toEqual(new Set(['STOCK_INSUFFICIENT']));
    expect(await stockOf(t.owner, t.storeId, p.id)).toMatchObject({ quantity: 0, value: 0 });
    expect((await t.owner.get(`/api/v1/stock/moves?productId=${p.id}&kind=sale&limit=50`)).body.items).toHaveLength(10);
    expect((await verify(env, t.tenantId)).mismatches).toEqual([]);
    expect((await verifyOrders(env.database.db, t.tenantId)).mismatches).toEqual([]);
  });

  // ---- security ----
  it('front desk sees stock but cannot receive, transfer, count or adjust; stores outside scope are refused', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = (await t.owner.post('/api/v1/stores', { name: '二店' })).body;
    const p = await createProduct(t.owner);
    await receive(t.owner, other.id, [{ productId: p.id, quantity: 3 }]);
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    expect((await desk.get(`/api/v1/stock?storeId=${t.storeId}`)).status).toBe(200);
    const r = await desk.post('/api/v1/stock/receipts', { storeId: t.storeId, lines: [{ productId: p.id, quantity: 1 }] }, idem());
    expect(r.status).toBe(403);
    expect(r.body.error.details.permission).toBe('stock.manage');
    expect((await desk.get(`/api/v1/stock?storeId=${other.id}`)).body.error.code).toBe('STORE_OUT_OF_SCOPE');
    // The desk's unfiltered list shows only its own store's levels.
    expect((await desk.get('/api/v1/stock')).body.items).toEqual([]);
    const manager = await env.newStaff(t, { roles: ['manager'] });
    const outOfScope = await manager.post('/api/v1/stock/transfers', { fromStoreId: other.id, toStoreId: t.storeId, lines: [{ productId: p.id, quantity: 1 }] }, idem());
    expect(outOfScope.body.error.code).toBe('STORE_OUT_OF_SCOPE');
    expect(await stockOf(t.owner, other.id, p.id)).toMatchObject({ quantity: 3 });
  });
});
