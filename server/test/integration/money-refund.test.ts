import { expect, it } from 'vitest';
import { balances, checkout, createMember, createPackage, idem, recharge, spendStoredValue } from '../fixtures/money';
import type { TestClient } from '../helpers/client';
import { describeEachDb } from '../helpers/env';

async function refund(c: TestClient, orderId: string, lines: { lineId: string; quantity: number }[], moneyMethod?: 'cash' | 'original') {
  const quote = await c.post(`/api/v1/orders/${orderId}/refund-quote`, { lines, ...(moneyMethod ? { moneyMethod } : {}) });
  if (quote.status !== 200) return { quote, result: quote };
  const result = await c.post(`/api/v1/orders/${orderId}/refunds`, { lines, quoteToken: quote.body.quoteToken, reason: '顾客不满意', ...(moneyMethod ? { moneyMethod } : {}) }, idem());
  return { quote, result };
}

describeEachDb('refunds back to the original tenders', (use) => {
  // ---- happy ----
  it('stored-value refund: principal returned, bonus forfeited, exactly as quoted (the console scenario)', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const pkg = await createPackage(t.owner, 100000, 20000);
    await recharge(t.owner, t.storeId, memberId, pkg);
    await spendStoredValue(t.owner, t.storeId, memberId, 30000);
    const quote = await t.owner.post(`/api/v1/members/${memberId}/stored-value/refund-quote`);
    expect(quote.body).toMatchObject({ paid: 100000, consumed: 25000, refundablePrincipal: 75000, bonusForfeited: 15000, fee: 0, refundAmount: 75000 });
    const done = await t.owner.post(`/api/v1/members/${memberId}/stored-value/refunds`, { storeId: t.storeId, quoteToken: quote.body.quoteToken, method: 'cash', reason: '搬家' }, idem());
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ kind: 'stored_value', total: 75000, moneyTotal: 75000, payments: [{ method: 'cash', amount: 75000, points: 0 }] });
    expect(await balances(t.owner, memberId)).toMatchObject({ principal: 0, bonus: 0, available: 0 });
    // Nothing left to refund, and the old quote is stale.
    const again = await t.owner.post(`/api/v1/members/${memberId}/stored-value/refunds`, { storeId: t.storeId, quoteToken: quote.body.quoteToken, method: 'cash' }, idem());
    expect(again.status).toBe(409);
  });

  it('refunds part of an order paid with stored value, cash and points, then the rest, returning each to its tender', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    await recharge(t.owner, t.storeId, memberId, await createPackage(t.owner, 100000, 20000));
    await t.owner.post(`/api/v1/members/${memberId}/points/adjustments`, { points: 3000, reason: '赠送' }, idem());
    const order = await checkout(t.owner, {
      storeId: t.storeId,
      memberId,
      lines: [{ kind: 'custom', name: '私教课', unitPrice: 10000, quantity: 3 }],
      pointsToUse: 3000,
      tenders: [
        { method: 'stored_value', amount: 18000 },
        { method: 'cash', amount: 9000 },
      ],
    });
    expect(order.status).toBe(201);
    expect(order.body.pointsEarned).toBe(270);
    const before = await balances(t.owner, memberId);
    expect(before).toMatchObject({ principal: 85000, bonus: 17000, points: 270 });
    const lineId = order.body.lines[0].id;

    const one = await refund(t.owner, order.body.id, [{ lineId, quantity: 1 }]);
    expect(one.result.status).toBe(201);
    expect(one.quote.body).toMatchObject({ total: 10000, pointsReturned: 1000, pointsClawback: 90, pointsShortfall: 0, moneyTotal: 3000, storedValueTotal: 6000 });
    expect(await balances(t.owner, memberId)).toMatchObject({ principal: 90000, bonus: 18000, points: 270 - 90 + 1000 });
    expect(one.result.body.order).toMatchObject({ status: 'partially_refunded', refundedTotal: 10000 });

    const rest = await refund(t.owner, order.body.id, [{ lineId, quantity: 2 }], 'cash');
    expect(rest.result.status).toBe(201);
    expect(rest.quote.body).toMatchObject({ total: 20000, pointsReturned: 2000, pointsClawback: 180, moneyTotal: 6000, storedValueTotal: 12000 });
    expect(rest.quote.body.money).toEqual([{ tenderId: expect.any(String), method: 'cash', amount: 6000 }]);
    expect(await balances(t.owner, memberId)).toMatchObject({ principal: 100000, bonus: 20000, points: 3000 });
    expect(rest.result.body.order).toMatchObject({ status: 'refunded', refundedTotal: 30000 });

    const third = await refund(t.owner, order.body.id, [{ lineId, quantity: 1 }]);
    expect(third.quote.status).toBe(400);
    expect(third.quote.body.error).toMatchObject({ code: 'REFUND_QUANTITY_EXCEEDED', details: { refundable: 0 } });

    const ledger = await t.owner.get(`/api/v1/members/${memberId}/ledger?kind=sv_restitution`);
    for (const j of ledger.body.items) for (const e of j.entries) expect(e.refersToEntryId).toMatch(/^ent_/);
  });

  it('takes back earned points and deducts what the member already used from the money refund', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const order = await checkout(t.owner, { storeId: t.storeId, memberId, lines: [{ kind: 'custom', name: '年卡', unitPrice: 100000, quantity: 1 }], tenders: [{ method: 'cash', amount: 100000 }] });
    expect(order.body.pointsEarned).toBe(1000);
    // The member spends 600 of the earned points elsewhere.
    await checkout(t.owner, { storeId: t.storeId, memberId, lines: [{ kind: 'custom', name: '毛巾', unitPrice: 1200, quantity: 1 }], pointsToUse: 600, tenders: [{ method: 'cash', amount: 600 }] });
    const pts = (await balances(t.owner, memberId)).points;
    expect(pts).toBe(1000 - 600 + 6);
    const r = await refund(t.owner, order.body.id, [{ lineId: order.body.lines[0].id, quantity: 1 }]);
    expect(r.quote.body).toMatchObject({ total: 100000, pointsClawback: 1000, pointsShortfall: 1000 - pts, shortfallDeduction: (1000 - pts) * 1, moneyTotal: 100000 - (1000 - pts) });
    expect(r.result.status).toBe(201);
    expect((await balances(t.owner, memberId)).points).toBe(0);
  });

  it('a refunded recharge takes its stored value back, unless it was spent', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const pkg = await createPackage(t.owner, 50000, 10000);
    const first = await recharge(t.owner, t.storeId, memberId, pkg);
    const ok = await refund(t.owner, first.body.id, [{ lineId: first.body.lines[0].id, quantity: 1 }]);
    expect(ok.quote.body).toMatchObject({ total: 50000, rechargeTakenBack: { principal: 50000, bonus: 10000 }, moneyTotal: 50000 });
    expect(ok.result.status).toBe(201);
    expect(await balances(t.owner, memberId)).toMatchObject({ principal: 0, bonus: 0 });

    const second = await recharge(t.owner, t.storeId, memberId, pkg);
    await spendStoredValue(t.owner, t.storeId, memberId, 30000);
    const spent = await refund(t.owner, second.body.id, [{ lineId: second.body.lines[0].id, quantity: 1 }]);
    expect(spent.result.status).toBe(409);
    expect(spent.result.body.error.code).toBe('REFUND_RECHARGE_SPENT');
    expect(await balances(t.owner, memberId)).toMatchObject({ principal: 25000, bonus: 5000 });
  });

  // ---- errors ----
  it('a quote goes stale when the order changes, and refunds stay within what was paid', async () => {
    const env = use();
    const t = await env.newTenant();
    const order = await checkout(t.owner, { storeId: t.storeId, lines: [{ kind: 'custom', name: '饮料', unitPrice: 500, quantity: 4 }], tenders: [{ method: 'cash', amount: 2000 }] });
    const lineId = order.body.lines[0].id;
    const q = await t.owner.post(`/api/v1/orders/${order.body.id}/refund-quote`, { lines: [{ lineId, quantity: 1 }] });
    const first = await t.owner.post(`/api/v1/orders/${order.body.id}/refunds`, { lines: [{ lineId, quantity: 1 }], quoteToken: q.body.quoteToken }, idem());
    expect(first.status).toBe(201);
    const stale = await t.owner.post(`/api/v1/orders/${order.body.id}/refunds`, { lines: [{ lineId, quantity: 1 }], quoteToken: q.body.quoteToken }, idem());
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('REFUND_QUOTE_STALE');
    const tooMany = await t.owner.post(`/api/v1/orders/${order.body.id}/refund-quote`, { lines: [{ lineId, quantity: 4 }] });
    expect(tooMany.body.error.code).toBe('REFUND_QUANTITY_EXCEEDED');
    const bad = await t.owner.post(`/api/v1/orders/${order.body.id}/refund-quote`, { lines: [{ lineId, quantity: 0 }] });
    expect(bad.status).toBe(400);
    const got = await t.owner.get(`/api/v1/orders/${order.body.id}`);
    expect(got.body).toMatchObject({ refundedTotal: 500, status: 'partially_refunded' });
    expect(got.body.refunds).toHaveLength(1);
  });

  // ---- security ----
  it('front desk cannot refund', async () => {
    const env = use();
    const t = await env.newTenant();
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const order = await checkout(t.owner, { storeId: t.storeId, lines: [{ kind: 'custom', name: '饮料', unitPrice: 500, quantity: 1 }], tenders: [{ method: 'cash', amount: 500 }] });
    const r = await desk.post(`/api/v1/orders/${order.body.id}/refund-quote`, { lines: [{ lineId: order.body.lines[0].id, quantity: 1 }] });
    expect(r.status).toBe(403);
  });
});
