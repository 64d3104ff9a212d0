import { expect, it } from 'vitest';
import { balances, checkout, createMember, createPackage, idem, recharge, spendStoredValue } from '../fixtures/money';
import { describeEachDb } from '../helpers/env';

describeEachDb('checkout: orders, tenders, stored value and points', (use) => {
  // ---- happy ----
  it('recharges ¥1000 with a ¥200 bonus, then spends ¥300 drawing principal and bonus proportionally and earning points', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const pkg = await createPackage(t.owner, 100000, 20000);
    const r = await recharge(t.owner, t.storeId, memberId, pkg);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'paid', payable: 100000, tierDiscount: 0, pointsEarned: 0 });
    expect(r.body.orderNo).toMatch(/^S001-\d{8}-0001$/);
    expect(await balances(t.owner, memberId)).toMatchObject({ principal: 100000, bonus: 20000, available: 120000, points: 0 });

    const s = await spendStoredValue(t.owner, t.storeId, memberId, 30000);
    expect(s.status).toBe(201);
    expect(s.body.pointsEarned).toBe(300);
    expect(await balances(t.owner, memberId)).toMatchObject({ principal: 75000, bonus: 15000, available: 90000, points: 300 });

    const ledger = await t.owner.get(`/api/v1/members/${memberId}/ledger`);
    expect(ledger.body.items.map((j: { kind: string }) => j.kind)).toEqual(['points_earn', 'sv_spend', 'recharge']);
    const spend = ledger.body.items[1];
    expect(spend.entries.map((e: { kind: string; amount: number; balanceAfter: number }) => [e.kind, e.amount, e.balanceAfter])).toEqual([
      ['sv_principal', -25000, 75000],
      ['sv_bonus', -5000, 15000],
    ]);
    expect(spend.orderId).toBe(s.body.id);
    const svOnly = await t.owner.get(`/api/v1/members/${memberId}/ledger?asset=points`);
    expect(svOnly.body.items.map((j: { kind: string }) => j.kind)).toEqual(['points_earn']);
  });

  it('puts recharges, spending, adjustments and freezes on the member timeline, newest first', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const pkg = await createPackage(t.owner, 100000, 20000);
    expect((await recharge(t.owner, t.storeId, memberId, pkg)).status).toBe(201);
    expect((await t.owner.post(`/api/v1/members/${memberId}/stored-value/freeze`, { amount: 30000, reason: '押金' }, idem())).status).toBe(200);
    expect((await t.owner.post(`/api/v1/members/${memberId}/stored-value/unfreeze`, { amount: 10000, reason: '退押金' }, idem())).status).toBe(200);
    expect((await t.owner.post(`/api/v1/members/${memberId}/stored-value/adjustments`, { principal: -500, bonus: 1000, reason: '补录' }, idem())).status).toBe(201);
    expect((await t.owner.post(`/api/v1/members/${memberId}/points/adjustments`, { points: 80, reason: '活动' }, idem())).status).toBe(201);
    const kinds = ['order.paid', 'stored_value.frozen', 'stored_value.unfrozen', 'stored_value.adjusted', 'points.adjusted'];
    const timeline = await t.owner.get(`/api/v1/members/${memberId}/timeline?${kinds.map((k) => `kind=${k}`).join('&')}`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.map((e: { kind: string; summary: Record<string, unknown> }) => [e.kind, e.summary.amount ?? e.summary.principal ?? e.summary.points ?? e.summary.payable, e.summary.reason ?? null])).toEqual([
      ['points.adjusted', 80, '活动'],
      ['stored_value.adjusted', -500, '补录'],
      ['stored_value.unfrozen', 10000, '退押金'],
      ['stored_value.frozen', 30000, '押金'],
      ['order.paid', 100000, null],
    ]);
    // Each entry points at its ledger journal.
    const ledger = await t.owner.get(`/api/v1/members/${memberId}/ledger?kind=sv_adjust`);
    expect(timeline.body.items[1].refId).toBe(ledger.body.items[0].id);
  });

  it('applies the tier discount and lets the member choose points within the cap; split tender with cash change', async () => {
    const env = use();
    const t = await env.newTenant();
    const cfg = await t.owner.put('/api/v1/tier-config', {
      program: { metric: 'spend', window: 'lifetime', windowMonths: 12, graceDays: 0 },
      levels: [
        { rank: 0, name: '普通会员', threshold: 0, retentionThreshold: null, discountBp: 0, pointsMultiplierBp: 10000, bookingPriorityHours: 0, birthdayGift: null, benefitsNote: null },
        { rank: 1, name: '金卡', threshold: 10000, retentionThreshold: null, discountBp: 1000, pointsMultiplierBp: 15000, bookingPriorityHours: 24, birthdayGift: { points: 500 }, benefitsNote: '9 折' },
      ],
    });
    expect(cfg.status).toBe(200);
    const memberId = await createMember(t.owner);
    // ¥100 in cash: qualifies for 金卡 at once (upgrade as soon as the member qualifies).
    const first = await checkout(t.owner, { storeId: t.storeId, memberId, lines: [{ kind: 'custom', name: '体验课', unitPrice: 10000, quantity: 1 }], tenders: [{ method: 'wechat', amount: 10000, reference: 'WX001' }] });
    expect(first.status).toBe(201);
    const tier = await t.owner.get(`/api/v1/members/${memberId}/tier`);
    expect(tier.body.level.name).toBe('金卡');
    await t.owner.post(`/api/v1/members/${memberId}/points/adjustments`, { points: 5000, reason: '开卡赠送' }, idem());

    const quote = await t.owner.post('/api/v1/orders/quote', { storeId: t.storeId, memberId, lines: [{ kind: 'custom', name: '私教课', unitPrice: 20000, quantity: 2 }], pointsToUse: 2000 });
    expect(quote.status).toBe(200);
    expect(quote.body.steps).toEqual([
      { step: 'list', amount: 40000 },
      { step: 'tier', tierName: '金卡', rateBp: 1000, discount: 4000 },
      { step: 'coupon', discount: 0 },
      { step: 'points', points: 2000, value: 2000, maxPoints: 5100 },
    ]);
    expect(quote.body.payable).toBe(34000);
    expect(quote.body.pointsToEarn).toBe(510);

    const paid = await checkout(t.owner, {
      storeId: t.storeId,
      memberId,
      lines: [{ kind: 'custom', name: '私教课', unitPrice: 20000, quantity: 2 }],
      pointsToUse: 2000,
      tenders: [
        { method: 'cash', amount: 30000, tendered: 35000 },
        { method: 'alipay', amount: 4000, reference: 'ALI778' },
      ],
    });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ payable: 34000, changeGiven: 5000, pointsUsed: 2000, pointsValue: 2000, pointsEarned: 510 });
    expect(paid.body.tenders.map((x: { method: string; amount: number }) => [x.method, x.amount])).toEqual([
      ['cash', 30000],
      ['alipay', 4000],
      ['points', 2000],
    ]);
    // 100 earned on the first order (1×, before the upgrade), 5000 granted, 2000 used, 510 earned at 1.5×.
    expect((await balances(t.owner, memberId)).points).toBe(100 + 5000 - 2000 + 510);
  });

  it('sells to walk-in customers without a member', async () => {
    const env = use();
    const t = await env.newTenant();
    const r = await checkout(t.owner, { storeId: t.storeId, lines: [{ kind: 'custom', name: '矿泉水', unitPrice: 300, quantity: 2 }], tenders: [{ method: 'cash', amount: 600, tendered: 1000 }] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ memberId: null, payable: 600, changeGiven: 400, pointsEarned: 0 });
    const list = await t.owner.get(`/api/v1/orders?storeId=${t.storeId}`);
    expect(list.body.items.map((o: { id: string }) => o.id)).toContain(r.body.id);
  });

  it('replays an idempotent checkout: same key and body → same order, once; same key, other body → 409', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const key = idem();
    const body = { storeId: t.storeId, memberId, lines: [{ kind: 'custom', name: '团课', unitPrice: 8800, quantity: 1 }], tenders: [{ method: 'cash', amount: 8800 }] };
    const a = await checkout(t.owner, body, key);
    const b = await checkout(t.owner, body, key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers['idempotent-replayed']).toBe('true');
    const c = await checkout(t.owner, { ...body, note: '不同的请求' }, key);
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const orders = await t.owner.get(`/api/v1/orders?memberId=${memberId}`);
    expect(orders.body.items).toHaveLength(1);
    expect((await balances(t.owner, memberId)).points).toBe(88);
  });

  // ---- errors ----
  it('refuses bad tenders and amounts with clear errors and changes nothing', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const pkg = await createPackage(t.owner, 50000, 0);
    await recharge(t.owner, t.storeId, memberId, pkg);
    const line = { kind: 'custom', name: '课程', unitPrice: 10000, quantity: 1 };
    const cases: [unknown, number, string][] = [
      [{ storeId: t.storeId, memberId, lines: [line], tenders: [{ method: 'cash', amount: 9000 }] }, 400, 'ORDER_TENDERS_MISMATCH'],
      [{ storeId: t.storeId, memberId, lines: [{ kind: 'recharge', packageId: pkg }], tenders: [{ method: 'stored_value', amount: 50000 }] }, 400, 'ORDER_STORED_VALUE_NOT_ALLOWED'],
      [{ storeId: t.storeId, memberId, lines: [{ ...line, unitPrice: 60000 }], tenders: [{ method: 'stored_value', amount: 60000 }] }, 409, 'STORED_VALUE_INSUFFICIENT'],
      [{ storeId: t.storeId, lines: [line], tenders: [{ method: 'stored_value', amount: 10000 }] }, 400, 'ORDER_MEMBER_REQUIRED'],
      [{ storeId: t.storeId, memberId, lines: [line], pointsToUse: 10, tenders: [{ method: 'cash', amount: 9990 }] }, 409, 'POINTS_INSUFFICIENT'],
      [{ storeId: t.storeId, memberId, lines: [line], tenders: [{ method: 'wechat', amount: 10000, tendered: 20000 }] }, 400, 'ORDER_TENDERED_ONLY_CASH'],
      [{ storeId: t.storeId, memberId, lines: [line], tenders: [{ method: 'cash', amount: 10000, tendered: 5000 }] }, 400, 'ORDER_CASH_TENDERED_SHORT'],
      [{ storeId: t.storeId, memberId, lines: [line], tenders: [{ method: 'cash', amount: 0 }] }, 400, 'VALIDATION_FAILED'],
      [{ storeId: t.storeId, memberId, lines: [line], tenders: [{ method: 'cash', amount: -100 }] }, 400, 'VALIDATION_FAILED'],
      [{ storeId: t.storeId, memberId, lines: [line], tenders: [{ method: 'cash', amount: 99.5 }] }, 400, 'VALIDATION_FAILED'],
      [{ storeId: t.storeId, memberId, lines: [{ ...line, unitPrice: 10.5 }], tenders: [{ method: 'cash', amount: 10 }] }, 400, 'VALIDATION_FAILED'],
      [{ storeId: t.storeId, memberId, lines: [], tenders: [] }, 400, 'VALIDATION_FAILED'],
      [{ storeId: t.storeId, memberId: 'mbr_01AAAAAAAAAAAAAAAAAAAAAAAA', lines: [line], tenders: [{ method: 'cash', amount: 10000 }] }, 404, 'ORDER_MEMBER_NOT_FOUND'],
    ];
    const before = await balances(t.owner, memberId);
    for (const [body, status, code] of cases) {
      const r = await checkout(t.owner, body as Record<string, unknown>);
      expect([r.status, r.body?.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await balances(t.owner, memberId)).toEqual(before);
    const orders = await t.owner.get(`/api/v1/orders?memberId=${memberId}`);
    expect(orders.body.items).toHaveLength(1);
    const missingKey = await t.owner.post('/api/v1/orders', { storeId: t.storeId, lines: [line], tenders: [{ method: 'cash', amount: 10000 }] });
    expect(missingKey.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('refuses points beyond the per-order cap instead of clipping them', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    await t.owner.post(`/api/v1/members/${memberId}/points/adjustments`, { points: 100000, reason: '测试' }, idem());
    const r = await t.owner.post('/api/v1/orders/quote', { storeId: t.storeId, memberId, lines: [{ kind: 'custom', name: '课', unitPrice: 10000, quantity: 1 }], pointsToUse: 6000 });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'POINTS_OVER_CAP', message: '本单最多可用 5000 积分' });
  });

  // ---- security ----
  it('front desk sells packages but may not invent prices; stores outside scope are refused', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '别的店' });
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const memberId = await createMember(t.owner);
    const pkg = await createPackage(t.owner, 50000, 5000);
    expect((await recharge(desk, t.storeId, memberId, pkg)).status).toBe(201);
    const custom = await checkout(desk, { storeId: t.storeId, lines: [{ kind: 'custom', name: '随便', unitPrice: 1, quantity: 1 }], tenders: [{ method: 'cash', amount: 1 }] });
    expect(custom.status).toBe(403);
    expect(custom.body.error.code).toBe('ORDER_CUSTOM_PRICE_FORBIDDEN');
    const elsewhere = await checkout(desk, { storeId: other.body.id, memberId, lines: [{ kind: 'recharge', packageId: pkg }], tenders: [{ method: 'cash', amount: 50000 }] });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('STORE_OUT_OF_SCOPE');
    const adjust = await desk.post(`/api/v1/members/${memberId}/stored-value/adjustments`, { principal: 100, reason: 'x' }, idem());
    expect(adjust.status).toBe(403);
  });
});
