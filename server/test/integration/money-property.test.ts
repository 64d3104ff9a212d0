import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { DAY } from '../../src/shared/clock';
import { verifyLedger } from '../../src/modules/ledger';
import { verifyOrders } from '../../src/modules/order';
import { verifyPoints } from '../../src/modules/points';
import { createMember } from '../fixtures/money';
import { describeEachDb } from '../helpers/env';

/**
 * Random sequences of recharge / spend / refund / adjust / expire against the real API and
 * database: after every sequence each cached balance equals its ledger, nothing is negative and
 * no order is refunded beyond what was paid.
 */
type Cmd =
  | { op: 'recharge'; pkg: number }
  | { op: 'spend'; amount: number; points: number; cash: number }
  | { op: 'refund'; pick: number; qty: number }
  | { op: 'svRefund' }
  | { op: 'adjust'; principal: number; bonus: number }
  | { op: 'points'; delta: number }
  | { op: 'expire'; days: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ op: fc.constant('recharge' as const), pkg: fc.nat(2) }),
  fc.record({ op: fc.constant('spend' as const), amount: fc.integer({ min: 1, max: 40000 }), points: fc.nat(300), cash: fc.nat(5000) }),
  fc.record({ op: fc.constant('refund' as const), pick: fc.nat(20), qty: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ op: fc.constant('svRefund' as const) }),
  fc.record({ op: fc.constant('adjust' as const), principal: fc.integer({ min: -5000, max: 5000 }), bonus: fc.integer({ min: -2000, max: 2000 }) }),
  fc.record({ op: fc.constant('points' as const), delta: fc.integer({ min: -500, max: 800 }) }),
  fc.record({ op: fc.constant('expire' as const), days: fc.integer({ min: 1, max: 400 }) }),
);

describeEachDb('money ledger properties', (use) => {
  it('balances always equal ledger sums; nothing negative; no refund above what was paid', async () => {
    const env = use();
    const t = await env.newTenant();
    await t.owner.put('/api/v1/points-settings', { earnPerYuan: 1, pendingDays: 0, fenPerPoint: 1, capBasisPoints: 5000, capAmount: null, redeemStep: 1, expiry: { type: 'days', days: 180 }, remindDaysBefore: 7, earnOnRecharge: false });
    const pkgs: string[] = [];
    for (const [price, bonus] of [[10000, 2000], [50000, 0], [30000, 4500]]) {
      const r = await t.owner.post('/api/v1/recharge-packages', { name: `P${price}-${bonus}`, price, bonus: bonus ? { type: 'fixed', amount: bonus } : { type: 'none' } });
      pkgs.push(r.body.id);
    }
    const c = t.owner;
    const key = () => ({ 'idempotency-key': randomUUID() });

    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 3, maxLength: 14 }), async (cmds) => {
        const memberId = await createMember(c, '属性测试');
        const orders: { id: string; lineId: string }[] = [];
        for (const k of cmds) {
          switch (k.op) {
            case 'recharge': {
              const r = await c.post('/api/v1/orders', { storeId: t.storeId, memberId, lines: [{ kind: 'recharge', packageId: pkgs[k.pkg] }], tenders: [{ method: 'cash', amount: [10000, 50000, 30000][k.pkg] }] }, key());
              if (r.status === 201) orders.push({ id: r.body.id, lineId: r.body.lines[0].id });
              break;
            }
            case 'spend': {
              const sv = (await c.get(`/api/v1/members/${memberId}/stored-value`)).body.available as number;
              const pts = (await c.get(`/api/v1/members/${memberId}/points`)).body.available as number;
              const usePoints = Math.min(k.points, pts, Math.floor(k.amount * 2 / 2 / 2));
              const payable = k.amount * 2 - usePoints;
              const svPart = Math.min(sv, Math.max(0, payable - k.cash));
              const tenders = [
                ...(svPart > 0 ? [{ method: 'stored_value', amount: svPart }] : []),
                ...(payable - svPart > 0 ? [{ method: 'cash', amount: payable - svPart }] : []),
              ];
              const r = await c.post('/api/v1/orders', { storeId: t.storeId, memberId, lines: [{ kind: 'custom', name: '课', unitPrice: k.amount, quantity: 2 }], pointsToUse: usePoints, tenders }, key());
              expect(r.status, r.text).toBe(201);
              orders.push({ id: r.body.id, lineId: r.body.lines[0].id });
              break;
            }
            case 'refund': {
              if (!orders.length) break;
              const o = orders[k.pick % orders.length];
              const q = await c.post(`/api/v1/orders/${o.id}/refund-quote`, { lines: [{ lineId: o.lineId, quantity: k.qty }] });
              if (q.status !== 200) {
                expect(['REFUND_QUANTITY_EXCEEDED']).toContain(q.body.error.code);
                break;
              }
              const r = await c.post(`/api/v1/orders/${o.id}/refunds`, { lines: [{ lineId: o.lineId, quantity: k.qty }], quoteToken: q.body.quoteToken }, key());
              expect([201, 409]).toContain(r.status);
              if (r.status === 409) expect(['REFUND_RECHARGE_SPENT']).toContain(r.body.error.code);
              break;
            }
            case 'svRefund': {
              const q = await c.post(`/api/v1/members/${memberId}/stored-value/refund-quote`);
              const r = await c.post(`/api/v1/members/${memberId}/stored-value/refunds`, { storeId: t.storeId, quoteToken: q.body.quoteToken, method: 'cash' }, key());
              expect([201, 409]).toContain(r.status);
              break;
            }
            case 'adjust': {
              if (k.principal === 0 && k.bonus === 0) break;
              const r = await c.post(`/api/v1/members/${memberId}/stored-value/adjustments`, { principal: k.principal, bonus: k.bonus, reason: '盘点' }, key());
              expect([201, 409]).toContain(r.status);
              break;
            }
            case 'points': {
              if (k.delta === 0) break;
              const r = await c.post(`/api/v1/members/${memberId}/points/adjustments`, { points: k.delta, reason: '调整' }, key());
              expect([201, 409]).toContain(r.status);
              break;
            }
            case 'expire': {
              env.clock.advance(k.days * DAY);
              await env.services.points.expireDue();
              await c.relogin();
              break;
            }
          }
        }
        const sv = (await c.get(`/api/v1/members/${memberId}/stored-value`)).body;
        expect(Math.min(sv.principal, sv.bonus, sv.frozen)).toBeGreaterThanOrEqual(0);
        for (const v of [await verifyLedger(env.database.db, t.tenantId), await verifyPoints(env.database.db, t.tenantId), await verifyOrders(env.database.db, t.tenantId)]) {
          expect(v.mismatches).toEqual([]);
        }
      }),
      // No shrinking: each step is real HTTP on a real database, and shrinking a failure would
      // outlast the timeout and hide the counterexample behind it.
      { numRuns: env.kind === 'postgres' ? 12 : 20, endOnFailure: true },
    );
  }, 120_000);
});
