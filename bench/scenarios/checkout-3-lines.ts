import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Services } from '../../server/src/services';
import { type Ctx, systemCtx } from '../../server/src/shared/context';
import { watched } from '../lib/noise';
import type { BenchOptions } from '../lib/options';
import { type CpuProfile, summariseProfile } from '../lib/profile';
import type { Measurement } from '../lib/result';
import type { Scenario } from '../lib/scenario';
import { seedOrg } from '../lib/seed';
import { LatencyRecorder } from '../lib/stats';

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

/** 32 connections, each a till with its own member; every request a fresh Idempotency-Key. */
async function blast(url: string, f: Fixture, headers: Record<string, string>, seconds: number, rec: LatencyRecorder | null) {
  let nextClient = 0;
  const instance = autocannon({
    url,
    connections: CLIENTS,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    sampleInt: 100,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/orders',
        setupRequest(req: Record<string, unknown>, context: { client?: number }) {
          context.client ??= nextClient++ % CLIENTS;
          return { ...req, headers: { ...headers, 'idempotency-key': randomUUID() }, body: basket(f, context.client) };
        },
      },
    ],
  } as unknown as Parameters<typeof autocannon>[0]);
  if (rec) {
    instance.on('response', (_c: unknown, status: number, _b: number, ms: number) => {
      if (status >= 200 && status < 300) rec.record(ms);
    });
  }
  return instance;
}

export const checkout3Lines: Scenario = {
  name: 'checkout-3-lines',
  title: `POST /api/v1/orders: product + service + fee for a member, stored value + cash with change; ${CLIENTS} concurrent clients over ${STORES} stores with open shifts`,
  ceilings: ['tpcb', 'http-hello'],
  async run(ctx): Promise<Measurement> {
    const { server, fixture: f } = await ctx.startTessera(seed);
    const session = await server.login(f.tenantCode, f.ownerLogin, f.password);
    const headers = { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': 'zh-CN' };
    // One checkout checked before the load: the basket, its price and the tenders are what we mean to measure.
    const probe = await server.fetchJson('/api/v1/orders', { method: 'POST', headers: { ...headers, 'idempotency-key': randomUUID() }, body: basket(f, 0) });
    const order = probe.body as { lines?: { kind: string }[]; payable?: number; changeGiven?: number; tenders?: { method: string }[] };
    if (probe.status !== 201 || order.lines?.map((l) => l.kind).join() !== 'product,service,fee' || order.payable !== PAYABLE || order.changeGiven !== 400 || order.tenders?.map((t) => t.method).join() !== 'stored_value,cash') {
      throw new Error(`checkout did not take the 3-line basket: HTTP ${probe.status} ${JSON.stringify(probe.body).slice(0, 300)}`);
    }
    const load = ctx.load as BenchOptions;
    const m = await watched({ ours: () => [server.pid], postgresIsOurs: ctx.db === 'postgres', retries: load.retries, log: ctx.log }, async () => {
      if (load.warmupS > 0) await blast(server.url, f, headers, load.warmupS, null);
      const rec = new LatencyRecorder();
      const r = await blast(server.url, f, headers, load.durationS, rec);
      const [p50, p99] = rec.percentiles([50, 99]);
      const bad = r.non2xx + r.errors + r.timeouts;
      const codes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, v]) => [code, v.count]));
      return { metric: 'tx/s', value: r['2xx'] / r.duration, p50, p99, samples: r['2xx'], errors: bad, notes: bad ? `status codes ${JSON.stringify(codes)}, socket errors ${r.errors}, timeouts ${r.timeouts}` : undefined };
    });
    if (load.profile) {
      ctx.log(`  profiling checkout-3-lines [${ctx.db}]`);
      const file = join(load.outDir, `profile-checkout-3-lines-${ctx.db}.cpuprofile`);
      await server.profileStart();
      await blast(server.url, f, headers, load.durationS, null);
      await server.profileStop(file);
      const summary = summariseProfile(`checkout-3-lines [${ctx.db}]`, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
      writeFileSync(join(load.outDir, `profile-checkout-3-lines-${ctx.db}.md`), `# Profile: ${summary.label}\n\n${summary.markdown}\n`);
    }
    return { ...m, notes: [`${CLIENTS} clients (not --connections)`, m.notes].filter(Boolean).join('; ') };
  },
};
