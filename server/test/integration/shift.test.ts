import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createMember, createPackage, recharge } from '../fixtures/money';
import { createProduct, idem, openShift, receive, refundLines, sell } from '../fixtures/retail';
import { describeEachDb } from '../helpers/env';

describeEachDb('cashier shifts', (use) => {
  // ---- happy ----
  it('open with a float → sales and a refund → cash in/out → close with a cash difference and a reason → confirmed by another', async () => {
    const env = use();
    const t = await env.newTenant();
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const manager = await env.newStaff(t, { roles: ['manager'] });
    const water = await createProduct(t.owner, { name: '矿泉水', price: 300 });
    await receive(t.owner, t.storeId, [{ productId: water.id, quantity: 50 }]);

    const shift = await openShift(desk, t.storeId, 50000);
    expect(shift).toMatchObject({ status: 'open', openingFloat: 50000, totals: { methods: [{ method: 'cash', expected: 50000 }] } });
    expect(shift.shiftNo).toMatch(/^S001-\d{8}-1$/);
    const current = await desk.get(`/api/v1/shifts/current?storeId=${t.storeId}`);
    expect(current.body).toMatchObject({ requiresShift: true, shift: { id: shift.id } });

    const cashSale = await sell(desk, { storeId: t.storeId, lines: [{ kind: 'product', itemId: water.id, quantity: 4 }], tenders: [{ method: 'cash', amount: 1200, tendered: 2000 }] });
    expect(cashSale.status).toBe(201);
    const wxSale = await sell(desk, { storeId: t.storeId, lines: [{ kind: 'product', itemId: water.id, quantity: 10 }], tenders: [{ method: 'wechat', amount: 3000, reference: 'WX20261122001' }] });
    expect(wxSale.status).toBe(201);
    const refund = await refundLines(manager, cashSale.body.id, [{ lineId: cashSale.body.lines[0].id, quantity: 1 }]);
    expect(refund.result.status).toBe(201);
    expect((await desk.post(`/api/v1/shifts/${shift.id}/cash-moves`, { kind: 'in', amount: 10000, reason: '补充零钱' }, idem())).status).toBe(201);
    const out = await desk.post(`/api/v1/shifts/${shift.id}/cash-moves`, { kind: 'out', amount: 2000, reason: '购买清洁用品' }, idem());
    expect(out.status).toBe(201);
    // float 500 + cash 12 − refund 3 + in 100 − out 20 = 589
    expect(out.body.totals.methods).toEqual([
      { method: 'cash', sales: 1200, refunds: 300, cashIn: 10000, cashOut: 2000, float: 50000, expected: 58900 },
      { method: 'wechat', sales: 3000, refunds: 0, cashIn: 0, cashOut: 0, float: 0, expected: 3000 },
    ]);
    expect(out.body.totals).toMatchObject({ orderCount: 2, refundCount: 1, changeGiven: 800 });

    const noReason = await desk.post(`/api/v1/shifts/${shift.id}/close`, { counts: [{ method: 'cash', counted: 58400 }, { method: 'wechat', counted: 3000 }] }, idem());
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: 'SHIFT_DIFFERENCE_REASON_REQUIRED', message: '实点与应有不符(¥-5.00),请填写差异原因' });
    const closed = await desk.post(`/api/v1/shifts/${shift.id}/close`, { counts: [{ method: 'cash', counted: 58400 }, { method: 'wechat', counted: 3000 }], differenceReason: '找零多找了 5 元', note: '晚班交接' }, idem());
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', expectedTotal: 61900, countedTotal: 61400, differenceTotal: -500, differenceReason: '找零多找了 5 元', closedByName: desk.me.staff.name });
    expect(closed.body.counts).toEqual([
      { method: 'cash', expected: 58900, counted: 58400, difference: -500 },
      { method: 'wechat', expected: 3000, counted: 3000, difference: 0 },
    ]);

    // The desk that closed may not confirm; the manager does.
    const own = await desk.post(`/api/v1/shifts/${shift.id}/confirm`, {});
    expect(own.status).toBe(403);
    expect(own.body.error.details.permission).toBe('shift.confirm');
    const confirmed = await manager.post(`/api/v1/shifts/${shift.id}/confirm`, { note: '已核对,差额由当班人员补齐' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', confirmedByName: manager.me.staff.name, confirmNote: '已核对,差额由当班人员补齐' });
    // The closed shift keeps its totals as of the close, whatever happens later.
    await openShift(desk, t.storeId, 0);
    await sell(desk, { storeId: t.storeId, lines: [{ kind: 'product', itemId: water.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 300 }] });
    const again = await manager.get(`/api/v1/shifts/${shift.id}`);
    expect(again.body.totals.methods[0].expected).toBe(58900);
    const list = await manager.get(`/api/v1/shifts?storeId=${t.storeId}`);
    expect(list.body.items.map((s: { status: string }) => s.status)).toEqual(['open', 'confirmed']);
    expect(list.body.items[0].shiftNo).toMatch(/-2$/);
  });

  it('stored value and points go through a shift without entering the drawer', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const shift = await openShift(t.owner, t.storeId, 10000);
    await recharge(t.owner, t.storeId, memberId, await createPackage(t.owner, 50000, 0));
    const spend = await sell(t.owner, { storeId: t.storeId, memberId, lines: [{ kind: 'custom', name: '团课', unitPrice: 8000, quantity: 1 }], tenders: [{ method: 'stored_value', amount: 8000 }] });
    expect(spend.status).toBe(201);
    const s = await t.owner.get(`/api/v1/shifts/${shift.id}`);
    expect(s.body.totals).toMatchObject({ orderCount: 2, storedValue: { sales: 8000, refunds: 0 } });
    expect(s.body.totals.methods).toEqual([{ method: 'cash', sales: 50000, refunds: 0, cashIn: 0, cashOut: 0, float: 10000, expected: 60000 }]);
  });

  it('stores that do not run shifts sell without one; once a store opens its first shift, it needs one', async () => {
    const env = use();
    const t = await env.newTenant();
    const body = { storeId: t.storeId, lines: [{ kind: 'custom', name: '饮料', unitPrice: 500, quantity: 1 }], tenders: [{ method: 'cash', amount: 500 }] };
    const settings = await t.owner.get(`/api/v1/stores/${t.storeId}/shift-settings`);
    expect(settings.body).toEqual({ storeId: t.storeId, requiresShift: false, isExplicit: false });
    expect((await sell(t.owner, body)).status).toBe(201);
    const shift = await openShift(t.owner, t.storeId, 0);
    expect((await t.owner.post(`/api/v1/shifts/${shift.id}/close`, { counts: [{ method: 'cash', counted: 0 }] }, idem())).status).toBe(200);
    expect((await t.owner.get(`/api/v1/stores/${t.storeId}/shift-settings`)).body).toMatchObject({ requiresShift: true, isExplicit: false });
    const refused = await sell(t.owner, body);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'SHIFT_NOT_OPEN', message: '本门店当前没有开班,请先开班再收银' });
    const off = await t.owner.put(`/api/v1/stores/${t.storeId}/shift-settings`, { requiresShift: false });
    expect(off.body).toEqual({ storeId: t.storeId, requiresShift: false, isExplicit: true });
    expect((await sell(t.owner, body)).status).toBe(201);
  });

  // ---- errors ----
  it('refuses selling in a store with no open shift, a second open shift, closing twice, confirming an open shift — nothing changes', async () => {
    const env = use();
    const t = await env.newTenant();
    const manager = await env.newStaff(t, { roles: ['manager'] });
    await t.owner.put(`/api/v1/stores/${t.storeId}/shift-settings`, { requiresShift: true });
    const body = { storeId: t.storeId, lines: [{ kind: 'custom', name: '饮料', unitPrice: 500, quantity: 1 }], tenders: [{ method: 'cash', amount: 500 }] };
    const noShift = await sell(t.owner, body);
    expect([noShift.status, noShift.body.error.code]).toEqual([409, 'SHIFT_NOT_OPEN']);
    expect((await t.owner.get(`/api/v1/orders?storeId=${t.storeId}`)).body.items).toEqual([]);

    const shift = await openShift(t.owner, t.storeId, 20000);
    const second = await t.owner.post('/api/v1/shifts', { storeId: t.storeId, openingFloat: 0 }, idem());
    expect([second.status, second.body.error.code]).toEqual([409, 'SHIFT_ALREADY_OPEN']);
    expect((await manager.post(`/api/v1/shifts/${shift.id}/confirm`, {})).body.error.code).toBe('SHIFT_NOT_CLOSED');
    const tooMuch = await t.owner.post(`/api/v1/shifts/${shift.id}/cash-moves`, { kind: 'out', amount: 20001, reason: '存银行' }, idem());
    expect(tooMuch.body.error).toMatchObject({ code: 'SHIFT_CASH_OUT_EXCEEDS', message: '钱箱现金只有 ¥200.00,不能取出 ¥200.01' });
    for (const [b, code] of [
      [{ kind: 'out', amount: -1, reason: 'x' }, 'VALIDATION_FAILED'],
      [{ kind: 'sideways', amount: 1, reason: 'x' }, 'VALIDATION_FAILED'],
      [{ kind: 'in', amount: 100 }, 'VALIDATION_FAILED'],
    ] as const) {
      expect((await t.owner.post(`/api/v1/shifts/${shift.id}/cash-moves`, b, idem())).body.error.code).toBe(code);
    }
    expect((await sell(t.owner, { ...body, tenders: [{ method: 'alipay', amount: 500, reference: 'ALI1' }] })).status).toBe(201);
    const missing = await t.owner.post(`/api/v1/shifts/${shift.id}/close`, { counts: [{ method: 'cash', counted: 20000 }] }, idem());
    expect(missing.body.error).toMatchObject({ code: 'SHIFT_COUNT_MISSING', message: '请填写支付宝的实点金额' });
    const bad = await t.owner.post(`/api/v1/shifts/${shift.id}/close`, { counts: [{ method: 'stored_value', counted: 0 }] }, idem());
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const before = (await t.owner.get(`/api/v1/shifts/${shift.id}`)).body;
    expect(before).toMatchObject({ status: 'open', cashMoves: [] });

    const counts = { counts: [{ method: 'cash', counted: 20000 }, { method: 'alipay', counted: 500 }] };
    expect((await t.owner.post(`/api/v1/shifts/${shift.id}/close`, counts, idem())).status).toBe(200);
    const twice = await t.owner.post(`/api/v1/shifts/${shift.id}/close`, counts, idem());
    expect([twice.status, twice.body.error.code, twice.body.error.message]).toEqual([409, 'SHIFT_ALREADY_CLOSED', '该班次已交班']);
    expect((await t.owner.post(`/api/v1/shifts/${shift.id}/cash-moves`, { kind: 'in', amount: 1, reason: '晚到的零钱' }, idem())).body.error.code).toBe('SHIFT_ALREADY_CLOSED');
    expect((await manager.post(`/api/v1/shifts/${shift.id}/confirm`, {})).status).toBe(200);
    expect((await manager.post(`/api/v1/shifts/${shift.id}/confirm`, {})).body.error.code).toBe('SHIFT_ALREADY_CONFIRMED');
    expect((await sell(t.owner, body)).body.error.code).toBe('SHIFT_NOT_OPEN');
  });

  it('the one who closed a shift cannot confirm it, even holding shift.confirm', async () => {
    const env = use();
    const t = await env.newTenant();
    const shift = await openShift(t.owner, t.storeId, 0);
    await t.owner.post(`/api/v1/shifts/${shift.id}/close`, { counts: [{ method: 'cash', counted: 0 }] }, idem());
    const own = await t.owner.post(`/api/v1/shifts/${shift.id}/confirm`, {});
    expect([own.status, own.body.error.code, own.body.error.message]).toEqual([403, 'SHIFT_CONFIRM_OWN', '交班需由另一位员工确认']);
  });

  // ---- concurrency ----
  it('a close racing with sales: every sale lands in the shift it was counted in, or is refused', async () => {
    const env = use();
    const t = await env.newTenant();
    const shift = await openShift(t.owner, t.storeId, 0);
    const body = { storeId: t.storeId, lines: [{ kind: 'custom', name: '饮料', unitPrice: 1000, quantity: 1 }], tenders: [{ method: 'cash', amount: 1000 }] };
    const sales = Array.from({ length: 20 }, () => t.owner.post('/api/v1/orders', body, { 'idempotency-key': randomUUID() }));
    const close = t.owner.post(`/api/v1/shifts/${shift.id}/close`, { counts: [{ method: 'cash', counted: 0 }], differenceReason: '测试' }, idem());
    const [results, closed] = await Promise.all([Promise.all(sales), close]);
    expect(closed.status).toBe(200);
    const ok = results.filter((r) => r.status === 201);
    expect(results.filter((r) => r.status !== 201).every((r) => r.body.error.code === 'SHIFT_NOT_OPEN')).toBe(true);
    expect(closed.body.totals.methods[0].sales).toBe(ok.length * 1000);
    expect(closed.body.totals.orderCount).toBe(ok.length);
  });

  // ---- security ----
  it('teachers and finance do not operate shifts; front desk does not change shift settings; other stores are out of scope', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = (await t.owner.post('/api/v1/stores', { name: '二店' })).body;
    const teacher = await env.newStaff(t, { roles: ['teacher'] });
    const finance = await env.newStaff(t, { roles: ['finance'] });
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    expect((await teacher.post('/api/v1/shifts', { storeId: t.storeId, openingFloat: 0 }, idem())).status).toBe(403);
    expect((await finance.post('/api/v1/shifts', { storeId: t.storeId, openingFloat: 0 }, idem())).body.error.details.permission).toBe('shift.operate');
    expect((await desk.put(`/api/v1/stores/${t.storeId}/shift-settings`, { requiresShift: false })).body.error.details.permission).toBe('shift.settings');
    const elsewhere = await desk.post('/api/v1/shifts', { storeId: other.id, openingFloat: 0 }, idem());
    expect(elsewhere.body.error.code).toBe('STORE_OUT_OF_SCOPE');
    const otherShift = await openShift(t.owner, other.id, 0);
    expect((await desk.get(`/api/v1/shifts/${otherShift.id}`)).body.error.code).toBe('STORE_OUT_OF_SCOPE');
    expect((await desk.get('/api/v1/shifts')).body.items).toEqual([]);
    expect((await finance.get(`/api/v1/shifts/${otherShift.id}`)).status).toBe(403);
  });
});
