import { expect, it } from 'vitest';
import { createMember, createPackage, recharge } from '../fixtures/money';
import { createFee, createProduct, createService, goldTier, idem, openShift, receive, refundLines, sell, stockOf } from '../fixtures/retail';
import type { TestClient } from '../helpers/client';
import { describeEachDb } from '../helpers/env';

/** A member who is 金卡 (10 % off), holds ¥500 stored value and 2,000 points. */
async function goldMember(c: TestClient, storeId: string, goldId: string) {
  const memberId = await createMember(c, '林晓雯', storeId);
  await c.post(`/api/v1/members/${memberId}/tier`, { tierId: goldId, lock: true, reason: '老会员' });
  await recharge(c, storeId, memberId, await createPackage(c, 50000, 0));
  await c.post(`/api/v1/members/${memberId}/points/adjustments`, { points: 2000, reason: '开卡赠送' }, idem());
  return memberId;
}

describeEachDb('cashier: checkout of products, services and fees, receipts and the daily report', (use) => {
  // ---- happy ----
  it('sells a scanned product at the member price, a service with the tier discount and a join fee; points and a split tender with change; the receipt shows it all', async () => {
    const env = use();
    const t = await env.newTenant({ storeName: '静心瑜伽馆' });
    const { goldId } = await goldTier(t.owner);
    const mat = await createProduct(t.owner, { name: '瑜伽垫', barcode: '6970000000011', unit: '张', price: 20000, tierPrices: [{ tierId: goldId, price: 16000 }] });
    const lesson = await createService(t.owner, { name: '私教课', price: 30000, durationMinutes: 60 });
    const join = await createFee(t.owner, { name: '入会费', feeKind: 'join', price: 10000 });
    await receive(t.owner, t.storeId, [{ productId: mat.id, quantity: 5, unitCost: 9000 }]);
    const memberId = await goldMember(t.owner, t.storeId, goldId);

    const scanned = await t.owner.get(`/api/v1/products/lookup?code=6970000000011&storeId=${t.storeId}`);
    expect(scanned.body).toMatchObject({ id: mat.id, stock: 5 });
    const basket = {
      storeId: t.storeId,
      memberId,
      lines: [
        { kind: 'product', itemId: scanned.body.id, quantity: 1 },
        { kind: 'service', itemId: lesson.id, quantity: 1 },
        { kind: 'fee', itemId: join.id, quantity: 1 },
      ],
      pointsToUse: 1000,
    };
    const quote = await t.owner.post('/api/v1/orders/quote', basket);
    expect(quote.status).toBe(200);
    expect(quote.body.lines.map((l: { unitPrice: number; tierDiscount: number }) => [l.unitPrice, l.tierDiscount])).toEqual([
      [16000, 0],
      [30000, 3000],
      [10000, 0],
    ]);
    // 160 + 270 + 100 − 10 (points) = 520
    expect(quote.body.payable).toBe(52000);
    const paid = await sell(t.owner, { ...basket, tenders: [{ method: 'stored_value', amount: 42000 }, { method: 'cash', amount: 10000, tendered: 20000 }] });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ payable: 52000, changeGiven: 10000, pointsUsed: 1000, tierDiscount: 3000 });
    expect(await stockOf(t.owner, t.storeId, mat.id)).toMatchObject({ quantity: 4 });

    const r = await t.owner.get(`/api/v1/orders/${paid.body.id}/receipt`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      orderNo: paid.body.orderNo,
      store: { name: '静心瑜伽馆' },
      member: { maskedName: '林*雯', tierName: '金卡', balancesAfter: { storedValue: 8000, points: 1000 + paid.body.pointsEarned } },
      totals: { itemsTotal: 60000, memberPriceSavings: 4000, tierDiscount: 3000, pointsUsed: 1000, pointsValue: 1000, payable: 52000, changeGiven: 10000 },
      qrPayload: paid.body.orderNo,
    });
    expect(r.body.lines.map((l: { name: string; unit: string; priceSource: string; listPrice: number; unitPrice: number }) => [l.name, l.unit, l.priceSource, l.listPrice, l.unitPrice])).toEqual([
      ['瑜伽垫', '张', 'member', 20000, 16000],
      ['私教课', '次', 'list', 30000, 30000],
      ['入会费', '项', 'list', 10000, 10000],
    ]);
    expect(r.body.tenders).toEqual(
      expect.arrayContaining([expect.objectContaining({ method: 'cash', methodName: '现金', amount: 10000, tendered: 20000, changeGiven: 10000 }), expect.objectContaining({ method: 'stored_value', methodName: '储值', amount: 42000 })]),
    );
    // Balances on the receipt are those right after this order, also when printed again later.
    await sell(t.owner, { storeId: t.storeId, memberId, lines: [{ kind: 'service', itemId: lesson.id, quantity: 1 }], tenders: [{ method: 'stored_value', amount: 8000 }, { method: 'cash', amount: 19000 }] });
    const again = await t.owner.get(`/api/v1/orders/${paid.body.id}/receipt`);
    expect(again.body.member.balancesAfter.storedValue).toBe(8000);

    for (const width of ['58mm', '80mm', 'a4']) {
      const h = await t.owner.get(`/api/v1/orders/${paid.body.id}/receipt.html?width=${width}`);
      expect(h.status, width).toBe(200);
      expect(h.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(h.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(h.text).toContain(width === 'a4' ? '@page{size:A4' : `@page{size:${width} auto`);
      for (const s of ['静心瑜伽馆', paid.body.orderNo, '林*雯', '瑜伽垫', '会员价', '等级折扣', '积分抵扣', '储值', '找零', '<svg']) expect(h.text, `${width} ${s}`).toContain(s);
      expect(h.text).not.toContain('<script');
    }
    const en = env.client();
    en.locale = 'en';
    en.cookie = t.owner.cookie;
    const english = await en.get(`/api/v1/orders/${paid.body.id}/receipt.html?width=80mm&reprint=true`);
    expect(english.text).toContain('Member price');
    expect(english.text).toContain('REPRINT');
  });

  it('refunds part of an order at the counter: the quote, the tenders back, the stock back in, the receipt shows the refund', async () => {
    const env = use();
    const t = await env.newTenant();
    const towel = await createProduct(t.owner, { name: '运动毛巾', price: 2500 });
    await receive(t.owner, t.storeId, [{ productId: towel.id, quantity: 10, unitCost: 800 }]);
    const shift = await openShift(t.owner, t.storeId, 10000);
    const order = await sell(t.owner, { storeId: t.storeId, lines: [{ kind: 'product', itemId: towel.id, quantity: 3 }], tenders: [{ method: 'cash', amount: 7500, tendered: 10000 }] });
    expect(order.status).toBe(201);
    const { quote, result } = await refundLines(t.owner, order.body.id, [{ lineId: order.body.lines[0].id, quantity: 1 }]);
    expect(quote.body).toMatchObject({ total: 2500, money: [{ method: 'cash', amount: 2500 }] });
    expect(result.status).toBe(201);
    expect(await stockOf(t.owner, t.storeId, towel.id)).toMatchObject({ quantity: 8 });
    const receipt = await t.owner.get(`/api/v1/orders/${order.body.id}/receipt`);
    expect(receipt.body.status).toBe('partially_refunded');
    expect(receipt.body.refunds).toEqual([expect.objectContaining({ total: 2500, payments: [{ method: 'cash', methodName: '现金', amount: 2500, points: 0 }] })]);
    expect(receipt.body.lines[0].refundedQuantity).toBe(1);
    const s = await t.owner.get(`/api/v1/shifts/${shift.id}`);
    expect(s.body.totals.methods[0]).toMatchObject({ sales: 7500, refunds: 2500, expected: 15000 });
  });

  it('the daily cashier report equals the orders and refunds of the day', async () => {
    const env = use();
    const t = await env.newTenant();
    const { goldId } = await goldTier(t.owner);
    const memberId = await goldMember(t.owner, t.storeId, goldId);
    const mat = await createProduct(t.owner, { name: '瑜伽垫', price: 20000, tierPrices: [{ tierId: goldId, price: 16000 }] });
    const water = await createProduct(t.owner, { name: '矿泉水', price: 300 });
    const lesson = await createService(t.owner, { name: '团课', price: 8800 });
    const late = await createFee(t.owner, { name: '滞纳金', feeKind: 'late', price: 5000 });
    await receive(t.owner, t.storeId, [
      { productId: mat.id, quantity: 10 },
      { productId: water.id, quantity: 100 },
    ]);
    const a = await sell(t.owner, { storeId: t.storeId, memberId, pointsToUse: 500, lines: [{ kind: 'product', itemId: mat.id, quantity: 1 }, { kind: 'service', itemId: lesson.id, quantity: 2 }], tenders: [{ method: 'stored_value', amount: 20000 }, { method: 'wechat', amount: 11340, reference: 'WX1' }] });
    expect(a.status).toBe(201);
    const b = await sell(t.owner, { storeId: t.storeId, lines: [{ kind: 'product', itemId: water.id, quantity: 5 }, { kind: 'fee', itemId: late.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 6500, tendered: 10000 }] });
    expect(b.status).toBe(201);
    const c = await sell(t.owner, { storeId: t.storeId, lines: [{ kind: 'product', itemId: water.id, quantity: 2 }], tenders: [{ method: 'alipay', amount: 600, reference: 'ALI1' }] });
    const refunded = await refundLines(t.owner, b.body.id, [{ lineId: b.body.lines[0].id, quantity: 2 }]);
    expect(refunded.result.status).toBe(201);
    const partial = await refundLines(t.owner, a.body.id, [{ lineId: a.body.lines[1].id, quantity: 1 }]);
    expect(partial.result.status).toBe(201);

    const orders = (await t.owner.get(`/api/v1/orders?storeId=${t.storeId}`)).body.items as any[];
    const r = await t.owner.get(`/api/v1/reports/cashier-daily?storeId=${t.storeId}`);
    expect(r.status).toBe(200);
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    expect(r.body.date).toBe(orders[0].businessDate);
    expect(r.body.sales).toMatchObject({
      orderCount: orders.length,
      payable: sum(orders.map((o) => o.payable)),
      listTotal: sum(orders.map((o) => o.listTotal)),
      rechargeTotal: 50000,
      changeGiven: 3500,
    });
    expect(r.body.discounts).toMatchObject({ tier: sum(orders.map((o) => o.tierDiscount)), points: 500, pointsUsed: 500, memberPrice: 4000 });
    const refunds = orders.flatMap((o) => o.refunds);
    expect(r.body.refunds).toMatchObject({ count: 2, total: sum(refunds.map((x: { total: number }) => x.total)), moneyTotal: sum(refunds.map((x: { moneyTotal: number }) => x.moneyTotal)) });
    for (const method of ['cash', 'wechat', 'alipay', 'stored_value']) {
      const sales = sum(orders.flatMap((o) => o.tenders).filter((x: { method: string }) => x.method === method).map((x: { amount: number }) => x.amount));
      const back = sum(refunds.flatMap((x: { payments: { method: string; amount: number }[] }) => x.payments).filter((p: { method: string }) => p.method === method).map((p: { amount: number }) => p.amount));
      expect(r.body.tenders.find((x: { method: string }) => x.method === method), method).toMatchObject({ sales, refunds: back, net: sales - back });
    }
    expect(r.body.net).toBe(sum(r.body.tenders.filter((x: { method: string }) => x.method !== 'points').map((x: { net: number }) => x.net)));
    expect(r.body.topItems[0]).toMatchObject({ name: expect.stringContaining('充'), quantity: 1, netTotal: 50000 });
    expect(r.body.topItems.find((i: { name: string }) => i.name === '矿泉水')).toMatchObject({ quantity: 7, netTotal: 2100 });
    expect(r.body.byKind.map((k: { kind: string }) => k.kind).sort()).toEqual(['fee', 'product', 'recharge', 'service']);
    expect(c.status).toBe(201);

    for (const width of ['a4', '80mm', '58mm']) {
      const h = await t.owner.get(`/api/v1/reports/cashier-daily.html?storeId=${t.storeId}&width=${width}`);
      expect(h.status).toBe(200);
      for (const s of ['收银日报', '净收入', '微信', '矿泉水']) expect(h.text, `${width} ${s}`).toContain(s);
    }
    // Another day has nothing.
    const empty = await t.owner.get(`/api/v1/reports/cashier-daily?storeId=${t.storeId}&date=2020-01-01`);
    expect(empty.body).toMatchObject({ sales: { orderCount: 0, payable: 0 }, net: 0, tenders: [] });
  });

  it('prints a shift report for each paper width', async () => {
    const env = use();
    const t = await env.newTenant();
    const manager = await env.newStaff(t, { roles: ['manager'] });
    const shift = await openShift(t.owner, t.storeId, 20000);
    await sell(t.owner, { storeId: t.storeId, lines: [{ kind: 'custom', name: '饮料', unitPrice: 500, quantity: 1 }], tenders: [{ method: 'cash', amount: 500 }] });
    await t.owner.post(`/api/v1/shifts/${shift.id}/cash-moves`, { kind: 'out', amount: 1000, reason: '存入保险柜' }, idem());
    await t.owner.post(`/api/v1/shifts/${shift.id}/close`, { counts: [{ method: 'cash', counted: 19000 }], differenceReason: '少了 5 元' }, idem());
    await manager.post(`/api/v1/shifts/${shift.id}/confirm`, {});
    for (const width of ['58mm', '80mm', 'a4']) {
      const h = await manager.get(`/api/v1/shifts/${shift.id}/report.html?width=${width}`);
      expect(h.status, width).toBe(200);
      for (const s of ['交班报表', shift.shiftNo, '备用金', '应有', '实点', '差异', '少了 5 元', '存入保险柜', '确认人签字', '-5.00']) expect(h.text, `${width} ${s}`).toContain(s);
    }
  });

  // ---- errors ----
  it('unknown orders, shifts, stores and bad widths or dates are clear errors', async () => {
    const env = use();
    const t = await env.newTenant();
    expect((await t.owner.get('/api/v1/orders/ord_01AAAAAAAAAAAAAAAAAAAAAAAA/receipt')).body.error.code).toBe('ORDER_NOT_FOUND');
    expect((await t.owner.get('/api/v1/orders/ord_01AAAAAAAAAAAAAAAAAAAAAAAA/receipt.html')).status).toBe(404);
    expect((await t.owner.get('/api/v1/shifts/shf_01AAAAAAAAAAAAAAAAAAAAAAAA/report.html')).body.error.code).toBe('SHIFT_NOT_FOUND');
    const order = await sell(t.owner, { storeId: t.storeId, lines: [{ kind: 'custom', name: '饮料', unitPrice: 500, quantity: 1 }], tenders: [{ method: 'cash', amount: 500 }] });
    const bad = await t.owner.get(`/api/v1/orders/${order.body.id}/receipt.html?width=100mm`);
    expect([bad.status, bad.body.error.code, bad.body.error.details[0].path]).toEqual([400, 'VALIDATION_FAILED', 'query.width']);
    expect((await t.owner.get('/api/v1/reports/cashier-daily?storeId=sto_01AAAAAAAAAAAAAAAAAAAAAAAA')).body.error.code).toBe('STORE_NOT_FOUND');
    expect((await t.owner.get(`/api/v1/reports/cashier-daily?storeId=${t.storeId}&date=2026-13-01`)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.owner.get('/api/v1/reports/cashier-daily')).body.error.code).toBe('VALIDATION_FAILED');
  });

  // ---- security ----
  it('front desk prints receipts of its store but not the daily report; teachers neither; other stores are out of scope', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = (await t.owner.post('/api/v1/stores', { name: '二店' })).body;
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const finance = await env.newStaff(t, { roles: ['finance'], storeIds: [t.storeId, other.id] });
    const teacher = await env.newStaff(t, { roles: ['teacher'] });
    const here = await sell(t.owner, { storeId: t.storeId, lines: [{ kind: 'custom', name: '饮料', unitPrice: 500, quantity: 1 }], tenders: [{ method: 'cash', amount: 500 }] });
    const there = await sell(t.owner, { storeId: other.id, lines: [{ kind: 'custom', name: '饮料', unitPrice: 500, quantity: 1 }], tenders: [{ method: 'cash', amount: 500 }] });
    expect((await desk.get(`/api/v1/orders/${here.body.id}/receipt.html`)).status).toBe(200);
    expect((await desk.get(`/api/v1/orders/${there.body.id}/receipt`)).body.error.code).toBe('STORE_OUT_OF_SCOPE');
    const daily = await desk.get(`/api/v1/reports/cashier-daily?storeId=${t.storeId}`);
    expect([daily.status, daily.body.error.details.permission]).toEqual([403, 'report.cashier']);
    expect((await finance.get(`/api/v1/reports/cashier-daily?storeId=${other.id}`)).status).toBe(200);
    expect((await teacher.get(`/api/v1/orders/${here.body.id}/receipt`)).status).toBe(403);
    expect((await env.client().get(`/api/v1/orders/${here.body.id}/receipt.html`)).status).toBe(401);
  });
});
