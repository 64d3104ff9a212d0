import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/modules/ledger';
import { verifyOrders } from '../../src/modules/order';
import { verifyPoints } from '../../src/modules/points';
import { balances, createMember, createPackage, recharge } from '../fixtures/money';
import { describeEachDb } from '../helpers/env';

/** Invariants under parallel requests (real concurrency on PostgreSQL through the pool). */
describeEachDb('money under concurrency', (use) => {
  it('100 concurrent spends on one wallet: exactly as many succeed as the balance allows', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    await recharge(t.owner, t.storeId, memberId, await createPackage(t.owner, 50000, 0));
    const body = { storeId: t.storeId, memberId, lines: [{ kind: 'custom', name: '团课', unitPrice: 1000, quantity: 1 }], tenders: [{ method: 'stored_value', amount: 1000 }] };
    const results = await Promise.all(Array.from({ length: 100 }, () => t.owner.post('/api/v1/orders', body, { 'idempotency-key': randomUUID() })));
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(50);
    expect(refused).toHaveLength(50);
    expect(new Set(refused.map((r) => r.body.error.code))).toEqual(new Set(['STORED_VALUE_INSUFFICIENT']));
    expect(await balances(t.owner, memberId)).toMatchObject({ principal: 0, bonus: 0, points: 500 });
    for (const v of [await verifyLedger(env.database.db, t.tenantId), await verifyPoints(env.database.db, t.tenantId), await verifyOrders(env.database.db, t.tenantId)]) {
      expect(v.mismatches).toEqual([]);
    }
  });

  it('50 concurrent duplicates with one idempotency key have one effect', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    await recharge(t.owner, t.storeId, memberId, await createPackage(t.owner, 50000, 0));
    const key = { 'idempotency-key': randomUUID() };
    const body = { storeId: t.storeId, memberId, lines: [{ kind: 'custom', name: '私教', unitPrice: 3000, quantity: 1 }], tenders: [{ method: 'stored_value', amount: 3000 }] };
    const results = await Promise.all(Array.from({ length: 50 }, () => t.owner.post('/api/v1/orders', body, key)));
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    // A duplicate that arrives while the first is still running is told so (409) or replayed; never applied twice.
    expect(results.every((r) => r.status === 201 || r.body.error.code === 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
    expect(await balances(t.owner, memberId)).toMatchObject({ principal: 47000 });
    const orders = await t.owner.get(`/api/v1/orders?memberId=${memberId}`);
    expect(orders.body.items).toHaveLength(2);
  });

  it('concurrent refunds of one order never return more than was paid', async () => {
    const env = use();
    const t = await env.newTenant();
    const order = await t.owner.post(
      '/api/v1/orders',
      { storeId: t.storeId, lines: [{ kind: 'custom', name: '饮料', unitPrice: 500, quantity: 3 }], tenders: [{ method: 'cash', amount: 1500 }] },
      { 'idempotency-key': randomUUID() },
    );
    const lineId = order.body.lines[0].id;
    const quote = await t.owner.post(`/api/v1/orders/${order.body.id}/refund-quote`, { lines: [{ lineId, quantity: 3 }] });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.owner.post(`/api/v1/orders/${order.body.id}/refunds`, { lines: [{ lineId, quantity: 3 }], quoteToken: quote.body.quoteToken }, { 'idempotency-key': randomUUID() })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const got = await t.owner.get(`/api/v1/orders/${order.body.id}`);
    expect(got.body).toMatchObject({ refundedTotal: 1500, status: 'refunded' });
    expect((await verifyOrders(env.database.db, t.tenantId)).mismatches).toEqual([]);
  });
});
