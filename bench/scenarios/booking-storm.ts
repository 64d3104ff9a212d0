import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { type CpuProfile, summariseProfile } from '../lib/profile';
import { watched } from '../lib/noise';
import type { BenchOptions } from '../lib/options';
import type { Measurement } from '../lib/result';
import type { Scenario } from '../lib/scenario';
import { seedOrg } from '../lib/seed';
import { LatencyRecorder } from '../lib/stats';
import { cardProductCreateBody } from '../../server/src/modules/card/product.schemas';
import type { Services } from '../../server/src/services';
import { type Ctx, systemCtx } from '../../server/src/shared/context';

/**
 * booking-storm: POST /api/v1/bookings by 32 concurrent clients, all on the same 30-seat class
 * until 200 members have asked for it, then on the next class — the opening of a popular class.
 * Each booking locks the class's row, checks the window, age and double booking, places a card
 * hold (the member's card row locked) or joins the waitlist, and writes timeline and audit — one
 * transaction. Every request carries its own Idempotency-Key and its own (class, member) pair,
 * so every answer is 201 (confirmed or waitlisted); afterwards no class may hold more than 30.
 * Seeded through the services: one store, a teacher, the classes, members with a time card each.
 */
const CLIENTS = 32;
const CAPACITY = 30;
/** Members asking for each class (fewer for the harness's sub-second smoke runs). */
const membersFor = (durationS: number) => (durationS < 1 ? 20 : 200);
/** Enough classes that the run never repeats a (class, member) pair, at up to 1,500 bookings/s. */
const classesFor = (seconds: number, members: number) => Math.min(150, Math.max(12, Math.ceil((seconds * 1500) / members)));

interface Fixture {
  members: number;
  sessionIds: string[];
  memberIds: string[];
  headers: Record<string, string>;
}

/** Classes, members and their cards, through the services (before the server starts). */
async function seed(s: Services, members: number, classes: number): Promise<Omit<Fixture, 'headers'> & { tenantCode: string; password: string; login: string }> {
  const org = await seedOrg(s, { stores: 1, frontDesk: 0 });
  const base = systemCtx(org.tenantId, { name: 'bench seed' });
  const once = (ctx: Ctx): Ctx => ({ ...ctx, idempotency: { key: randomUUID(), requestHash: 'bench' } });
  const storeId = org.storeIds[0];
  await s.courses.catalog.putSettings(base, { bookingOpensDays: 30, bookingClosesMinutes: 0, lateCancelMinutes: 120, waitlistCutoffMinutes: 120, checkInOpensMinutes: 60, checkInUndoMinutes: 30, noShowGraceMinutes: 15, generateWeeks: 8, isWalkInAllowed: true, makeupValidDays: 30, banAfterCount: 0 });
  const teacher = await s.courses.catalog.createTeacher(base, { name: '李老师', skills: ['yoga'] });
  const course = await s.courses.catalog.createCourse(base, { name: '热门流瑜伽', category: 'yoga', durationMinutes: 60, capacity: CAPACITY, price: 12000, defaultTeacherId: teacher.id });
  const start = s.clock.now().getTime() + 2 * 3600_000;
  const sessionIds: string[] = [];
  for (let i = 0; i < classes; i++) sessionIds.push((await s.courses.catalog.createSession(base, { courseId: course.id, storeId, startsAt: new Date(start + i * 61 * 60_000).toISOString() })).id);
  const product = await s.cards.products.create(base, cardProductCreateBody.parse({ kind: 'time', name: '瑜伽年卡', price: 360000, validity: { unit: 'month', count: 12 }, coverage: [{ type: 'course_category', id: 'yoga' }] }));
  const memberIds: string[] = [];
  for (let i = 0; i < members; i++) {
    const m = await s.members.profiles.create({ ...base, storeId }, { name: `会员${i + 1}`, mobile: `137${String(10_000_000 + i).slice(-8)}`, homeStoreId: storeId });
    await s.orders.checkout(once(base), { storeId, memberId: m.id, lines: [{ kind: 'card', itemId: product.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 360000 }] });
    memberIds.push(m.id);
  }
  return { members, sessionIds, memberIds, tenantCode: org.tenantCode, password: org.password, login: org.owner.login };
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
          const body = { sessionId: f.sessionIds[Math.floor(n / f.members) % f.sessionIds.length], attendeeId: f.memberIds[n % f.members], joinWaitlist: true };
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
  title: `POST /api/v1/bookings: ${CLIENTS} concurrent clients on one ${CAPACITY}-seat class at a time (200 members per class, the rest waitlisted), card holds on time cards`,
  ceilings: ['tpcb', 'http-hello'],
  async run(ctx): Promise<Measurement> {
    const load = ctx.load as BenchOptions;
    const members = membersFor(load.durationS);
    const { server, fixture } = await ctx.startTessera((s) => seed(s, members, classesFor(load.warmupS + load.durationS * (load.profile ? 2 : 1), members)));
    const session = await server.login(fixture.tenantCode, fixture.login, fixture.password);
    const f: Fixture = { ...fixture, headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': 'zh-CN' } };
    const counter = { n: 0 };
    const m = await watched({ ours: () => [server.pid], postgresIsOurs: ctx.db === 'postgres', retries: load.retries, log: ctx.log }, async () => {
      if (load.warmupS > 0) await blast(server.url, f, counter, load.warmupS, null);
      const rec = new LatencyRecorder();
      const r = await blast(server.url, f, counter, load.durationS, rec);
      const [p50, p99] = rec.percentiles([50, 99]);
      const bad = r.non2xx + r.errors + r.timeouts;
      const codes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, v]) => [code, v.count]));
      return { metric: 'req/s', value: r['2xx'] / r.duration, p50, p99, samples: r['2xx'], errors: bad, notes: bad ? `status codes ${JSON.stringify(codes)}, socket errors ${r.errors}, timeouts ${r.timeouts}` : undefined };
    });
    if (load.profile) {
      // --profile: one more run of the same load with the server's CPU profiled.
      ctx.log(`  profiling booking-storm [${ctx.db}]`);
      const file = join(load.outDir, `profile-booking-storm-${ctx.db}.cpuprofile`);
      await server.profileStart();
      await blast(server.url, f, counter, load.durationS, null);
      await server.profileStop(file);
      const summary = summariseProfile(`booking-storm [${ctx.db}]`, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
      writeFileSync(join(load.outDir, `profile-booking-storm-${ctx.db}.md`), `# Profile: ${summary.label}\n\n${summary.markdown}\n`);
    }
    // The capacity held: no class has more than its seats confirmed.
    const listed = await server.fetchJson(`/api/v1/class-sessions?from=${new Date().toISOString().slice(0, 10)}&to=${new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10)}`, { headers: f.headers });
    const items = (listed.body as { items?: { booked: number; waitlisted: number }[] }).items ?? [];
    const over = items.filter((s) => s.booked > CAPACITY).length;
    if (over) throw new Error(`booking-storm: ${over} classes exceed ${CAPACITY} seats`);
    const full = items.filter((s) => s.booked === CAPACITY).length;
    if (counter.n > f.sessionIds.length * members) throw new Error('booking-storm ran out of (class, member) pairs: add classes');
    return { ...m, notes: [`${CLIENTS} clients (not --connections); ${counter.n} bookings over ${full} full classes, none above ${CAPACITY}`, m.notes].filter(Boolean).join('; ') };
  },
};
