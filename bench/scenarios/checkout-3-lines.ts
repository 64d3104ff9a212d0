import { randomUUID } from 'node:crypto';
import type { Services } from '../../server/src/services';
import { type Ctx, systemCtx } from '../../server/src/shared/context';
import { measureCheckout } from '../lib/checkout';
import type { Measurement } from '../lib/result';
import type { Scenario } from '../lib/scenario';
import { seedOrg } from '../lib/seed';

/**
 * checkout-3-lines: the front desk's checkout (POST /api/v1/orders) of a 3-line basket — a
 * stocked product, a service item and a fee — for a member, paid with stored value plus cash
 * with change, by 32 concurrent clients (4 tills in each of 8 stores, every till serving its
 * own member). Each checkout prices the basket, takes the store's open shift (row lock), moves
 * the product out of stock (row lock per store level), draws stored value (member's accounts
 * locked), earns points, records tier metrics, timeline, outbox and audit — one transaction.
 * Every request carries its own Idempotency-Key, so the load cannot be one fixed request: this
 * scenario drives autocannon itself with a per-request setup.
 */
const STORES = 8;
const CLIENTS = 32;
const PRICES = { product: 300, service: 8800, fee: 500 };
const PAYABLE = PRICES.product + PRICES.service + PRICES.fee;
const STORED_VALUE = 5000;
const CASH = PAYABLE - STORED_VALUE;

interface Fixture {
  tenantCode: string;
  password: string;
  ownerLogin: string;
  storeIds: string[];
  memberIds: string[];
  productId: string;
  serviceId: string;
  feeId: string;
}

async function seed(s: Services): Promise<Fixture> {
  const org = await seedOrg(s, { stores: STORES, frontDesk: 1 });
  const base = systemCtx(org.tenantId, { name: 'bench seed' });
  const once = (ctx: Ctx): Ctx => ({ ...ctx, idempotency: { key: randomUUID(), requestHash: 'bench' } });
  const product = await s.products.create(base, { kind: 'product', name: '矿泉水 550ml', sku: 'B-WATER', barcode: '6900000000001', price: PRICES.product, cost: 120 });
  const service = await s.products.create(base, { kind: 'service', name: '团课', price: PRICES.service, durationMinutes: 60 });
  const fee = await s.products.create(base, { kind: 'fee', feeKind: 'other', name: '毛巾租用费', price: PRICES.fee });
  const pkg = await s.wallet.createPackage(base, { name: '充10万', price: 10_000_000, bonus: { type: 'none' }, bonusPoints: 0 });
  for (const storeId of org.storeIds) {
    await s.stock.receive(once(base), { storeId, lines: [{ productId: product.id, quantity: 10_000_000, unitCost: 120 }] });
    await s.shifts.open(once({ ...base, storeId }), { storeId, openingFloat: 100_000 });
  }
  const memberIds: string[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const storeId = org.storeIds[i % STORES];
    const m = await s.members.profiles.create({ ...base, storeId }, { name: `会员${i + 1}`, mobile: `139${String(10_000_000 + i).slice(-8)}`, homeStoreId: storeId });
    // Enough stored value for every checkout the run can make (¥100,000 each).
    await s.orders.checkout(once(base), { storeId, memberId: m.id, lines: [{ kind: 'recharge', packageId: pkg.id }], tenders: [{ method: 'wechat', amount: 10_000_000, reference: `B${i}` }] });
    memberIds.push(m.id);
  }
  return { tenantCode: org.tenantCode, password: org.password, ownerLogin: org.owner.login, storeIds: org.storeIds, memberIds, productId: product.id, serviceId: service.id, feeId: fee.id };
}

function basket(f: Fixture, client: number): string {
  return JSON.stringify({
    storeId: f.storeIds[client % STORES],
    memberId: f.memberIds[client],
    lines: [
      { kind: 'product', itemId: f.productId, quantity: 1 },
      { kind: 'service', itemId: f.serviceId, quantity: 1 },
      { kind: 'fee', itemId: f.feeId, quantity: 1 },
    ],
    tenders: [
      { method: 'stored_value', amount: STORED_VALUE },
      { method: 'cash', amount: CASH, tendered: CASH + 400 },
    ],
  });
}

export const checkout3Lines: Scenario = {
  name: 'checkout-3-lines',
  title: `POST /api/v1/orders: product + service + fee for a member, stored value + cash with change; ${CLIENTS} concurrent clients over ${STORES} stores with open shifts`,
  ceilings: ['tpcb', 'http-hello'],
  async run(ctx): Promise<Measurement> {
    const { server, fixture: f } = await ctx.startTessera(seed);
    const session = await server.login(f.tenantCode, f.ownerLogin, f.password);
    return measureCheckout(ctx, server, session, {
      name: 'checkout-3-lines',
      clients: CLIENTS,
      body: (client) => basket(f, client),
      // The basket, its price and the tenders are what we mean to measure.
      check(status, order) {
        const o = order as { lines?: { kind: string }[]; payable?: number; changeGiven?: number; tenders?: { method: string }[] };
        if (status !== 201 || o.lines?.map((l) => l.kind).join() !== 'product,service,fee' || o.payable !== PAYABLE || o.changeGiven !== 400 || o.tenders?.map((t) => t.method).join() !== 'stored_value,cash') {
          throw new Error(`checkout did not take the 3-line basket: HTTP ${status} ${JSON.stringify(order).slice(0, 300)}`);
        }
      },
    });
  },
};
