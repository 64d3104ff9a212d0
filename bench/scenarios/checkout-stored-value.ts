import { randomUUID } from 'node:crypto';
import type { Services } from '../../server/src/services';
import { type Ctx, systemCtx } from '../../server/src/shared/context';
import { measureCheckout } from '../lib/checkout';
import type { Scenario } from '../lib/scenario';
import { seedOrg } from '../lib/seed';

/**
 * checkout-stored-value (the money core's checkout): a member pays a ¥88 class entirely from
 * stored value and earns points — POST /api/v1/orders by 32 concurrent clients (4 tills in each
 * of 8 stores, every till its own member). One transaction prices the order (tier step), locks the
 * member's stored-value accounts, draws principal and bonus proportionally (two ledger entries +
 * cached balances), earns points (pending lot), records tier metrics, the order with its lines,
 * tender and price steps, timeline, outbox and audit, and keeps the Idempotency-Key's response.
 * Compared with the raw-driver TPC-B-like transaction (3 updates + 1 insert) on the same database.
 */
const STORES = 8;
const CLIENTS = 32;
const PRICE = 8800;

interface Fixture {
  tenantCode: string;
  password: string;
  ownerLogin: string;
  storeIds: string[];
  memberIds: string[];
  serviceId: string;
}

async function seed(s: Services): Promise<Fixture> {
  const org = await seedOrg(s, { stores: STORES, frontDesk: 1 });
  const base = systemCtx(org.tenantId, { name: 'bench seed' });
  const once = (ctx: Ctx): Ctx => ({ ...ctx, idempotency: { key: randomUUID(), requestHash: 'bench' } });
  const service = await s.products.create(base, { kind: 'service', name: '团课', price: PRICE, durationMinutes: 60 });
  // 充10万送1万: every spend draws principal and bonus proportionally (two ledger lines).
  const pkg = await s.wallet.createPackage(base, { name: '充10万送1万', price: 10_000_000, bonus: { type: 'fixed', amount: 1_000_000 }, bonusPoints: 0 });
  for (const storeId of org.storeIds) await s.shifts.open(once({ ...base, storeId }), { storeId, openingFloat: 0 });
  const memberIds: string[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const storeId = org.storeIds[i % STORES];
    const m = await s.members.profiles.create({ ...base, storeId }, { name: `储值会员${i + 1}`, mobile: `137${String(10_000_000 + i).slice(-8)}`, homeStoreId: storeId });
    await s.orders.checkout(once(base), { storeId, memberId: m.id, lines: [{ kind: 'recharge', packageId: pkg.id }], tenders: [{ method: 'wechat', amount: 10_000_000, reference: `SV${i}` }] });
    memberIds.push(m.id);
  }
  return { tenantCode: org.tenantCode, password: org.password, ownerLogin: org.owner.login, storeIds: org.storeIds, memberIds, serviceId: service.id };
}

function body(f: Fixture, client: number): string {
  return JSON.stringify({
    storeId: f.storeIds[client % STORES],
    memberId: f.memberIds[client],
    lines: [{ kind: 'service', itemId: f.serviceId, quantity: 1 }],
    tenders: [{ method: 'stored_value', amount: PRICE }],
  });
}

export const checkoutStoredValue: Scenario = {
  name: 'checkout-stored-value',
  title: `POST /api/v1/orders: a ¥88 class paid from stored value (principal + bonus), points earned; ${CLIENTS} concurrent clients over ${STORES} stores`,
  ceilings: ['tpcb', 'http-hello'],
  async run(ctx) {
    const { server, fixture: f } = await ctx.startTessera(seed);
    const session = await server.login(f.tenantCode, f.ownerLogin, f.password);
    return measureCheckout(ctx, server, session, {
      name: 'checkout-stored-value',
      clients: CLIENTS,
      body: (client) => body(f, client),
      check(status, order) {
        const o = order as { payable?: number; pointsEarned?: number; tenders?: { method: string; amount: number }[] };
        if (status !== 201 || o.payable !== PRICE || !(Number(o.pointsEarned) > 0) || o.tenders?.map((t) => `${t.method}:${t.amount}`).join() !== `stored_value:${PRICE}`) {
          throw new Error(`checkout did not pay from stored value and earn points: HTTP ${status} ${JSON.stringify(order).slice(0, 300)}`);
        }
      },
    });
  },
};
