import { expect, it } from 'vitest';
import { createMember } from '../fixtures/money';
import { createProduct, goldTier, idem, receive, refundLines, sell } from '../fixtures/retail';
import { describeEachDb } from '../helpers/env';

/** What the console's cashier screen and order search need beyond checkout itself. */
describeEachDb('cashier console: the quote explains each line, orders are found by number', (use) => {
  it('quotes each line with its list price, where the charged price came from, and the points rule', async () => {
    const env = use();
    const t = await env.newTenant();
    const { goldId } = await goldTier(t.owner);
    await t.owner.put('/api/v1/points-settings', {
      earnPerYuan: 1,
      pendingDays: 0,
      fenPerPoint: 2,
      capBasisPoints: 5000,
      capAmount: null,
      redeemStep: 10,
      expiry: { type: 'never' },
      remindDaysBefore: 0,
      earnOnRecharge: false,
    });
    const mat = await createProduct(t.owner, { name: '瑜伽垫', price: 20000, tierPrices: [{ tierId: goldId, price: 16000 }] });
    const towel = await createProduct(t.owner, { name: '毛巾', price: 3000 });
    const memberId = await createMember(t.owner, '林晓雯', t.storeId);
    expect((await t.owner.post(`/api/v1/members/${memberId}/tier`, { tierId: goldId, lock: true, reason: '老会员' })).status).toBe(200);

    const q = await t.owner.post('/api/v1/orders/quote', {
      storeId: t.storeId,
      memberId,
      lines: [
        { kind: 'product', itemId: mat.id, quantity: 1 },
        { kind: 'product', itemId: towel.id, quantity: 2 },
      ],
    });
    expect(q.status).toBe(200);
    expect(q.body.lines).toEqual([
      expect.objectContaining({ itemId: mat.id, listUnitPrice: 20000, unitPrice: 16000, priceSource: 'member', tierDiscount: 0, netTotal: 16000 }),
      expect.objectContaining({ itemId: towel.id, listUnitPrice: 3000, unitPrice: 3000, priceSource: 'list', tierDiscount: 600, netTotal: 5400 }),
    ]);
    expect(q.body.pointsRule).toEqual({ fenPerPoint: 2, step: 10 });

    // A custom line has no catalogue price: its list price is what was entered.
    const custom = await t.owner.post('/api/v1/orders/quote', { storeId: t.storeId, lines: [{ kind: 'custom', name: '场地费', unitPrice: 5000, quantity: 1 }] });
    expect(custom.body.lines[0]).toMatchObject({ itemId: null, listUnitPrice: 5000, unitPrice: 5000, priceSource: 'list' });
    // A permitted override is named as such.
    const over = await t.owner.post('/api/v1/orders/quote', { storeId: t.storeId, lines: [{ kind: 'product', itemId: towel.id, quantity: 1, unitPrice: 2000 }] });
    expect(over.body.lines[0]).toMatchObject({ listUnitPrice: 3000, unitPrice: 2000, priceSource: 'override' });
  });

  it('finds an order by its number in any letter case, and filters by status; unknown numbers find nothing', async () => {
    const env = use();
    const t = await env.newTenant();
    const towel = await createProduct(t.owner, { name: '毛巾', price: 3000 });
    await receive(t.owner, t.storeId, [{ productId: towel.id, quantity: 10, unitCost: 1000 }]);
    const first = await sell(t.owner, { storeId: t.storeId, lines: [{ kind: 'product', itemId: towel.id, quantity: 2 }], tenders: [{ method: 'cash', amount: 6000 }] });
    const second = await sell(t.owner, { storeId: t.storeId, lines: [{ kind: 'product', itemId: towel.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 3000 }] });
    expect([first.status, second.status]).toEqual([201, 201]);

    const exact = await t.owner.get(`/api/v1/orders?orderNo=${encodeURIComponent(first.body.orderNo)}`);
    expect(exact.status).toBe(200);
    expect(exact.body.items.map((o: { id: string }) => o.id)).toEqual([first.body.id]);
    const lower = await t.owner.get(`/api/v1/orders?orderNo=${encodeURIComponent(` ${first.body.orderNo.toLowerCase()} `)}`);
    expect(lower.body.items.map((o: { id: string }) => o.id)).toEqual([first.body.id]);
    const none = await t.owner.get('/api/v1/orders?orderNo=NOPE-20260101-0001');
    expect(none.body.items).toEqual([]);

    const refunded = await refundLines(t.owner, first.body.id, [{ lineId: first.body.lines[0].id, quantity: 1 }]);
    expect(refunded.result.status).toBe(201);
    const partial = await t.owner.get('/api/v1/orders?status=partially_refunded');
    expect(partial.body.items.map((o: { id: string }) => o.id)).toEqual([first.body.id]);
    const paid = await t.owner.get(`/api/v1/orders?status=paid&storeId=${t.storeId}`);
    expect(paid.body.items.map((o: { id: string }) => o.id)).toEqual([second.body.id]);

    // Bad filters are refused with field details.
    const bad = await t.owner.get('/api/v1/orders?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'query.status' })]);
  });

  it('keeps another tenant’s order out of a search by number', async () => {
    const env = use();
    const a = await env.newTenant({ code: 'ta' });
    const b = await env.newTenant({ code: 'tb' });
    const water = await createProduct(a.owner, { name: '矿泉水', price: 300 });
    await receive(a.owner, a.storeId, [{ productId: water.id, quantity: 5, unitCost: 100 }]);
    const order = await sell(a.owner, { storeId: a.storeId, lines: [{ kind: 'product', itemId: water.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 300 }] }, idem());
    expect(order.status).toBe(201);
    const fromB = await b.owner.get(`/api/v1/orders?orderNo=${encodeURIComponent(order.body.orderNo)}`);
    expect(fromB.status).toBe(200);
    expect(fromB.body.items).toEqual([]);
  });
});
