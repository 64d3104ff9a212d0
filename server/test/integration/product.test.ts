import { expect, it } from 'vitest';
import { createMember } from '../fixtures/money';
import { createFee, createProduct, createService, goldTier, idem, receive, sell, sellForCash } from '../fixtures/retail';
import { describeEachDb } from '../helpers/env';

describeEachDb('products, service items and fees', (use) => {
  // ---- happy ----
  it('creates, lists, updates products with categories and finds them by barcode, SKU, name, pinyin and initials', async () => {
    const env = use();
    const t = await env.newTenant();
    const cat = await t.owner.post('/api/v1/product-categories', { name: '饮品', sortOrder: 1 });
    expect(cat.status).toBe(201);
    const water = await t.owner.post('/api/v1/products', { kind: 'product', name: '农夫山泉矿泉水 550ml', sku: 'drk-001', barcode: '6921168509256', categoryId: cat.body.id, unit: '瓶', price: 300, cost: 120, taxRateBp: 1300, lowStockThreshold: 5 });
    expect(water.status).toBe(201);
    expect(water.body).toMatchObject({ kind: 'product', sku: 'DRK-001', barcode: '6921168509256', unit: '瓶', isActive: true, storeIds: null, isTierDiscountable: true, allowNegativeStock: false, tierPrices: [] });
    const towel = await createProduct(t.owner, { name: '运动毛巾', sku: 'TWL-01', barcode: '6900000000017', price: 2500 });

    const scan = await t.owner.get(`/api/v1/products/lookup?code=${encodeURIComponent(' 6921168509256\n')}&storeId=${t.storeId}`);
    expect(scan.status).toBe(200);
    expect(scan.body).toMatchObject({ id: water.body.id, isSoldInStore: true, stock: 0, match: 'barcode' });
    expect((await t.owner.get('/api/v1/products/lookup?code=drk-001')).body).toMatchObject({ id: water.body.id, stock: null, isSoldInStore: null });

    for (const q of ['矿泉水', 'kuangquan', 'kqs', 'nfsq', 'DRK', '692116']) {
      const r = await t.owner.get(`/api/v1/products/search?q=${encodeURIComponent(q)}&storeId=${t.storeId}`);
      expect(r.status, q).toBe(200);
      expect(r.body.items.map((i: { id: string }) => i.id), q).toEqual([water.body.id]);
    }
    const byTowel = await t.owner.get(`/api/v1/products/search?q=${encodeURIComponent('毛巾')}`);
    expect(byTowel.body.items.map((i: { id: string }) => i.id)).toEqual([towel.id]);

    const upd = await t.owner.patch(`/api/v1/products/${water.body.id}`, { name: '怡宝纯净水', price: 350, sortOrder: 2 });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ name: '怡宝纯净水', price: 350 });
    expect((await t.owner.get(`/api/v1/products/search?q=${encodeURIComponent('矿泉水')}`)).body.items).toEqual([]);
    expect((await t.owner.get(`/api/v1/products/search?q=yibao`)).body.items.map((i: { id: string }) => i.id)).toEqual([water.body.id]);

    const list = await t.owner.get(`/api/v1/products?categoryId=${cat.body.id}`);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([water.body.id]);
    const cats = await t.owner.get('/api/v1/product-categories');
    expect(cats.body.items).toEqual([expect.objectContaining({ name: '饮品', productCount: 1 })]);
    const paged = await t.owner.get('/api/v1/products?limit=1');
    expect(paged.body.items).toHaveLength(1);
    const next = await t.owner.get(`/api/v1/products?limit=1&cursor=${paged.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(paged.body.items[0].id);
  });

  it('service items carry a duration and no stock; fees never take the tier discount or points', async () => {
    const env = use();
    const t = await env.newTenant();
    const svc = await createService(t.owner, { name: '私教课 60 分钟', durationMinutes: 60 });
    expect(svc).toMatchObject({ kind: 'service', durationMinutes: 60, unit: '次' });
    const fee = await t.owner.post('/api/v1/products', { kind: 'fee', feeKind: 'late', name: '滞纳金', price: 5000, isTierDiscountable: true });
    expect(fee.body).toMatchObject({ kind: 'fee', feeKind: 'late', isTierDiscountable: false, isPointsPayable: false, unit: '项' });
    const search = await t.owner.get(`/api/v1/products/search?q=sijiao&storeId=${t.storeId}`);
    expect(search.body.items[0]).toMatchObject({ id: svc.id, stock: null });
  });

  it('a member pays the tier member price when it beats the tier discount, and the discounts never stack', async () => {
    const env = use();
    const t = await env.newTenant();
    const { goldId } = await goldTier(t.owner);
    const mat = await createProduct(t.owner, { name: '瑜伽垫', price: 20000, tierPrices: [{ tierId: goldId, price: 16000 }] });
    const strap = await createProduct(t.owner, { name: '伸展带', price: 5000, tierPrices: [{ tierId: goldId, price: 4800 }] });
    await receive(t.owner, t.storeId, [
      { productId: mat.id, quantity: 5 },
      { productId: strap.id, quantity: 5 },
    ]);
    const memberId = await createMember(t.owner);
    // Not gold yet: list price for both.
    const before = await t.owner.post('/api/v1/orders/quote', { storeId: t.storeId, memberId, lines: [{ kind: 'product', itemId: mat.id, quantity: 1 }] });
    expect(before.body.lines[0]).toMatchObject({ unitPrice: 20000, tierDiscount: 0 });
    await sellForCash(t.owner, { storeId: t.storeId, memberId, lines: [{ kind: 'custom', name: '体验课', unitPrice: 10000, quantity: 1 }] });
    expect((await t.owner.get(`/api/v1/members/${memberId}/tier`)).body.level.name).toBe('金卡');

    const q = await t.owner.post('/api/v1/orders/quote', { storeId: t.storeId, memberId, lines: [{ kind: 'product', itemId: mat.id, quantity: 2 }, { kind: 'product', itemId: strap.id, quantity: 1 }] });
    expect(q.status).toBe(200);
    // 瑜伽垫: member price 160 < 200 × 90 % = 180 → 160, no tier discount on top.
    expect(q.body.lines[0]).toMatchObject({ unitPrice: 16000, listTotal: 32000, tierDiscount: 0, netTotal: 32000 });
    // 伸展带: 50 × 90 % = 45 < member price 48 → list price with the tier discount.
    expect(q.body.lines[1]).toMatchObject({ unitPrice: 5000, listTotal: 5000, tierDiscount: 500, netTotal: 4500 });
    expect(q.body.payable).toBe(36500);
    const paid = await sell(t.owner, { storeId: t.storeId, memberId, lines: [{ kind: 'product', itemId: mat.id, quantity: 2 }, { kind: 'product', itemId: strap.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 36500 }] });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ payable: 36500, tierDiscount: 500 });
  });

  it('sets the quick buttons of a store’s cashier screen', async () => {
    const env = use();
    const t = await env.newTenant();
    const a = await createProduct(t.owner, { name: '矿泉水' });
    const b = await createService(t.owner, { name: '团课' });
    const put = await t.owner.put(`/api/v1/stores/${t.storeId}/quick-keys`, { keys: [{ productId: b.id, label: '团课', color: '#1677ff' }, { productId: a.id }] });
    expect(put.status).toBe(200);
    const get = await t.owner.get(`/api/v1/stores/${t.storeId}/quick-keys`);
    expect(get.body.items.map((k: { position: number; label: string; productId: string }) => [k.position, k.label, k.productId])).toEqual([
      [1, '团课', b.id],
      [2, '矿泉水', a.id],
    ]);
  });

  // ---- errors ----
  it('refuses bad catalogue input with clear errors and changes nothing', async () => {
    const env = use();
    const t = await env.newTenant();
    const p = await createProduct(t.owner, { sku: 'A-1', barcode: '111' });
    const cases: [Record<string, unknown>, number, string][] = [
      [{ kind: 'product', name: '重复编码', sku: 'a-1', price: 100 }, 409, 'PRODUCT_SKU_TAKEN'],
      [{ kind: 'product', name: '重复条码', barcode: '111', price: 100 }, 409, 'PRODUCT_BARCODE_TAKEN'],
      [{ kind: 'fee', name: '无类型费用', price: 100 }, 400, 'PRODUCT_FEE_KIND_REQUIRED'],
      [{ kind: 'product', name: '负价', price: -1 }, 400, 'VALIDATION_FAILED'],
      [{ kind: 'product', name: '小数价', price: 1.5 }, 400, 'VALIDATION_FAILED'],
      [{ kind: 'product', name: '多余字段', price: 1, colour: 'red' }, 400, 'VALIDATION_FAILED'],
      [{ kind: 'product', name: '未知等级', price: 100, tierPrices: [{ tierId: 'tir_01AAAAAAAAAAAAAAAAAAAAAAAA', price: 90 }] }, 404, 'PRODUCT_TIER_NOT_FOUND'],
      [{ kind: 'product', name: '未知分类', price: 100, categoryId: 'pct_01AAAAAAAAAAAAAAAAAAAAAAAA' }, 404, 'PRODUCT_CATEGORY_NOT_FOUND'],
      [{ kind: 'product', name: '未知门店', price: 100, storeIds: ['sto_01AAAAAAAAAAAAAAAAAAAAAAAA'] }, 404, 'STORE_NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const r = await t.owner.post('/api/v1/products', body);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const list = await t.owner.get('/api/v1/products?includeInactive=true');
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([p.id]);
    const patch = await t.owner.patch(`/api/v1/products/${p.id}`, { kind: 'service' });
    expect(patch.status).toBe(400);
    const unknownPatch = await t.owner.patch('/api/v1/products/prd_01AAAAAAAAAAAAAAAAAAAAAAAA', { price: 1 });
    expect(unknownPatch.body.error.code).toBe('PRODUCT_NOT_FOUND');
  });

  it('the scanner gets clear refusals: unknown barcode, discontinued item, item not sold in this store', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '分店' });
    const unknown = await t.owner.get(`/api/v1/products/lookup?code=0000000000000&storeId=${t.storeId}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'PRODUCT_BARCODE_UNKNOWN', message: '没有条码或编码为“0000000000000”的商品' });
    const old = await createProduct(t.owner, { barcode: '222' });
    await t.owner.patch(`/api/v1/products/${old.id}`, { isActive: false });
    expect((await t.owner.get('/api/v1/products/lookup?code=222')).body.error.code).toBe('PRODUCT_INACTIVE');
    const onlyThere = await createProduct(t.owner, { barcode: '333', storeIds: [other.body.id] });
    expect((await t.owner.get(`/api/v1/products/lookup?code=333&storeId=${t.storeId}`)).body.error.code).toBe('PRODUCT_NOT_SOLD_IN_STORE');
    expect((await t.owner.get(`/api/v1/products/lookup?code=333&storeId=${other.body.id}`)).status).toBe(200);
    const search = await t.owner.get(`/api/v1/products/search?q=333&storeId=${t.storeId}`);
    expect(search.body.items).toEqual([]);
    expect(onlyThere.storeIds).toEqual([other.body.id]);
  });

  it('checkout refuses discontinued items, items of another store, a wrong kind, negative quantities — and sells nothing', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '分店' });
    const water = await createProduct(t.owner);
    await receive(t.owner, t.storeId, [{ productId: water.id, quantity: 10 }]);
    const off = await createProduct(t.owner);
    await t.owner.patch(`/api/v1/products/${off.id}`, { isActive: false });
    const elsewhere = await createProduct(t.owner, { storeIds: [other.body.id] });
    const fee = await createFee(t.owner);
    const tender = [{ method: 'cash', amount: 300 }];
    const cases: [unknown[], number, string][] = [
      [[{ kind: 'product', itemId: off.id, quantity: 1 }], 409, 'PRODUCT_INACTIVE'],
      [[{ kind: 'product', itemId: elsewhere.id, quantity: 1 }], 409, 'PRODUCT_NOT_SOLD_IN_STORE'],
      [[{ kind: 'service', itemId: water.id, quantity: 1 }], 400, 'PRODUCT_KIND_MISMATCH'],
      [[{ kind: 'product', itemId: fee.id, quantity: 1 }], 400, 'PRODUCT_KIND_MISMATCH'],
      [[{ kind: 'product', itemId: 'prd_01AAAAAAAAAAAAAAAAAAAAAAAA', quantity: 1 }], 404, 'PRODUCT_NOT_FOUND'],
      [[{ kind: 'product', itemId: water.id, quantity: -1 }], 400, 'VALIDATION_FAILED'],
      [[{ kind: 'product', itemId: water.id, quantity: 0 }], 400, 'VALIDATION_FAILED'],
      [[{ kind: 'product', itemId: water.id, quantity: 1.5 }], 400, 'VALIDATION_FAILED'],
    ];
    for (const [lines, status, code] of cases) {
      const r = await sell(t.owner, { storeId: t.storeId, lines, tenders: tender });
      expect([r.status, r.body.error?.code], JSON.stringify(lines)).toEqual([status, code]);
    }
    expect((await t.owner.get(`/api/v1/orders?storeId=${t.storeId}`)).body.items).toEqual([]);
    expect((await t.owner.get(`/api/v1/stock?storeId=${t.storeId}&productId=${water.id}`)).body.items[0].quantity).toBe(10);
  });

  // ---- security ----
  it('front desk reads the catalogue and sells at list price, but may not edit products or override prices', async () => {
    const env = use();
    const t = await env.newTenant();
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const water = await createProduct(t.owner);
    await receive(t.owner, t.storeId, [{ productId: water.id, quantity: 10 }]);
    expect((await desk.get(`/api/v1/products/${water.id}`)).status).toBe(200);
    const create = await desk.post('/api/v1/products', { kind: 'product', name: '私自上架', price: 1 });
    expect(create.status).toBe(403);
    expect(create.body.error.details.permission).toBe('product.manage');
    expect((await desk.patch(`/api/v1/products/${water.id}`, { price: 1 })).status).toBe(403);
    expect((await desk.put(`/api/v1/stores/${t.storeId}/quick-keys`, { keys: [] })).status).toBe(403);
    const override = await sell(desk, { storeId: t.storeId, lines: [{ kind: 'product', itemId: water.id, quantity: 1, unitPrice: 1 }], tenders: [{ method: 'cash', amount: 1 }] });
    expect(override.status).toBe(403);
    expect(override.body.error.code).toBe('ORDER_CUSTOM_PRICE_FORBIDDEN');
    const listPrice = await sell(desk, { storeId: t.storeId, lines: [{ kind: 'product', itemId: water.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 300 }] }, idem());
    expect(listPrice.status).toBe(201);
    // A manager may override; the override is the line's final price.
    const manager = await env.newStaff(t, { roles: ['manager'] });
    const mo = await sell(manager, { storeId: t.storeId, lines: [{ kind: 'product', itemId: water.id, quantity: 2, unitPrice: 250 }], tenders: [{ method: 'cash', amount: 500 }] });
    expect(mo.status).toBe(201);
    expect(mo.body.lines[0]).toMatchObject({ unitPrice: 250, netTotal: 500 });
    // Teachers do not see the catalogue at all.
    const teacher = await env.newStaff(t, { roles: ['teacher'] });
    expect((await teacher.get('/api/v1/products')).status).toBe(403);
  });
});
