import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { watched } from '../lib/noise';
import type { BenchOptions } from '../lib/options';
import type { Measurement } from '../lib/result';
import type { Scenario } from '../lib/scenario';
import { seedOrg } from '../lib/seed';
import { LatencyRecorder } from '../lib/stats';
import type { TesseraServer } from '../lib/tessera';

/**
 * booking-storm: POST /api/v1/bookings by 32 concurrent clients, all on the same 30-seat class
 * until 200 members have asked for it, then on the next class — the opening of a popular class.
 * Each booking locks the class's row, checks the window, age and double booking, places a card
 * hold (the member's card row locked) or joins the waitlist, and writes timeline and audit — one
 * transaction. Every request carries its own Idempotency-Key and its own (class, member) pair,
 * so every answer is 201 (confirmed or waitlisted); afterwards no class may hold more than 30.
 */
const CLIENTS = 32;
const MEMBERS = 200;
const CLASSES = 150;
const CAPACITY = 30;

interface Fixture {
  sessionIds: string[];
  memberIds: string[];
  headers: Record<string, string>;
}

async function ok(server: TesseraServer, path: string, headers: Record<string, string>, body: unknown, method = 'POST'): Promise<any> {
  const r = await server.fetchJson(path, { method, headers: { ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify(body) });
  if (r.status >= 300) throw new Error(`booking-storm seed ${method} ${path}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body;
}

/** Classes, members and their cards, through the API of the running server. */
async function prepare(server: TesseraServer, org: { tenantCode: string; password: string; owner: { login: string }; storeIds: string[] }): Promise<Fixture> {
  const session = await server.login(org.tenantCode, org.owner.login, org.password);
  const headers = { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': 'zh-CN' };
  const storeId = org.storeIds[0];
  await ok(server, '/api/v1/course-settings', headers, { bookingOpensDays: 30, bookingClosesMinutes: 0, lateCancelMinutes: 120, waitlistCutoffMinutes: 120, checkInOpensMinutes: 60, checkInUndoMinutes: 30, noShowGraceMinutes: 15, generateWeeks: 8, isWalkInAllowed: true }, 'PUT');
  const teacher = await ok(server, '/api/v1/teachers', headers, { name: '李老师', skills: ['yoga'] });
  const course = await ok(server, '/api/v1/courses', headers, { name: '热门流瑜伽', category: 'yoga', durationMinutes: 60, capacity: CAPACITY, price: 12000, defaultTeacherId: teacher.id });
  const start = Date.now() + 2 * 3600_000;
  const sessionIds: string[] = [];
  for (let i = 0; i < CLASSES; i++) sessionIds.push((await ok(server, '/api/v1/class-sessions', headers, { courseId: course.id, storeId, startsAt: new Date(start + i * 61 * 60_000).toISOString() })).id);
  const product = await ok(server, '/api/v1/card-products', headers, { kind: 'time', name: '瑜伽年卡', price: 360000, validity: { unit: 'month', count: 12 }, coverage: [{ type: 'course_category', id: 'yoga' }] });
  const memberIds: string[] = [];
  for (let i = 0; i < MEMBERS; i += 8) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, MEMBERS - i) }, async (_, j) => {
        const m = await ok(server, '/api/v1/members', headers, { name: `会员${i + j + 1}`, mobile: `137${String(10_000_000 + i + j).slice(-8)}`, homeStoreId: storeId });
        await ok(server, '/api/v1/orders', headers, { storeId, memberId: m.id, lines: [{ kind: 'card', itemId: product.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 360000 }] });
        return m.id as string;
      }),
    );
    memberIds.push(...batch);
  }
  return { sessionIds, memberIds, headers };
}

function blast(url: string, f: Fixture, counter: { n: number }, seconds: number, rec: LatencyRecorder | null) {
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
        path: '/api/v1/bookings',
        setupRequest(req: Record<string, unknown>) {
          const n = counter.n++;
          const body = { sessionId: f.sessionIds[Math.floor(n / MEMBERS) % CLASSES], attendeeId: f.memberIds[n % MEMBERS], joinWaitlist: true };
          return { ...req, headers: { ...f.headers, 'idempotency-key': randomUUID() }, body: JSON.stringify(body) };
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

export const bookingStorm: Scenario = {
  name: 'booking-storm',
  title: `POST /api/v1/bookings: ${CLIENTS} concurrent clients on one ${CAPACITY}-seat class at a time (${MEMBERS} members per class, the rest waitlisted), card holds on time cards`,
  ceilings: ['tpcb', 'http-hello'],
  async run(ctx): Promise<Measurement> {
    const { server, fixture: org } = await ctx.startTessera((s) => seedOrg(s, { stores: 1, frontDesk: 0 }));
    const f = await prepare(server, org);
    const counter = { n: 0 };
    const load = ctx.load as BenchOptions;
    if (counter.n + 1 > CLASSES * MEMBERS) throw new Error('booking-storm ran out of (class, member) pairs');
    const m = await watched({ ours: () => [server.pid], postgresIsOurs: ctx.db === 'postgres', retries: load.retries, log: ctx.log }, async () => {
      if (load.warmupS > 0) await blast(server.url, f, counter, load.warmupS, null);
      const rec = new LatencyRecorder();
      const r = await blast(server.url, f, counter, load.durationS, rec);
      const [p50, p99] = rec.percentiles([50, 99]);
      const bad = r.non2xx + r.errors + r.timeouts;
      const codes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, v]) => [code, v.count]));
      return { metric: 'req/s', value: r['2xx'] / r.duration, p50, p99, samples: r['2xx'], errors: bad, notes: bad ? `status codes ${JSON.stringify(codes)}, socket errors ${r.errors}, timeouts ${r.timeouts}` : undefined };
    });
    // The capacity held: no class has more than its seats confirmed.
    const listed = await server.fetchJson(`/api/v1/class-sessions?from=${new Date().toISOString().slice(0, 10)}&to=${new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10)}`, { headers: f.headers });
    const items = (listed.body as { items?: { booked: number; waitlisted: number }[] }).items ?? [];
    const over = items.filter((s) => s.booked > CAPACITY).length;
    if (over) throw new Error(`booking-storm: ${over} classes exceed ${CAPACITY} seats`);
    const full = items.filter((s) => s.booked === CAPACITY).length;
    return { ...m, notes: [`${CLIENTS} clients (not --connections); ${counter.n} bookings over ${full} full classes, none above ${CAPACITY}`, m.notes].filter(Boolean).join('; ') };
  },
};
