import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { type CpuProfile, summariseProfile } from '../lib/profile';
import { cardProductCreateBody } from '../../server/src/modules/card/product.schemas';
import type { Services } from '../../server/src/services';
import { type Ctx, systemCtx } from '../../server/src/shared/context';
import { watched } from '../lib/noise';
import type { BenchOptions } from '../lib/options';
import type { Measurement } from '../lib/result';
import type { Scenario } from '../lib/scenario';
import { seedOrg } from '../lib/seed';
import { LatencyRecorder } from '../lib/stats';

/**
 * checkin-scan: the desk scanner at a class's start — POST /api/v1/class-sessions/:id/check-ins
 * with a member's QR (member number) by 8 concurrent scanners, over 300 booked members in turn.
 * The first scan of a member consumes the booking's card hold (ledger, revenue, audit, timeline,
 * points); later scans of the same member are repeats that answer with the same check-in.
 */
const SCANNERS = 8;
const MEMBERS = 300;
/** Fewer for the harness's sub-second smoke runs. */
const membersFor = (durationS: number) => (durationS < 1 ? 20 : MEMBERS);

interface Fixture {
  sessionId: string;
  memberNos: string[];
  tenantCode: string;
  password: string;
  login: string;
}

async function seed(s: Services, members: number): Promise<Fixture> {
  const org = await seedOrg(s, { stores: 1, frontDesk: 0 });
  const base = systemCtx(org.tenantId, { name: 'bench seed' });
  const once = (ctx: Ctx): Ctx => ({ ...ctx, idempotency: { key: randomUUID(), requestHash: 'bench' } });
  const storeId = org.storeIds[0];
  const teacher = await s.courses.catalog.createTeacher(base, { name: '李老师', skills: ['yoga'] });
  const course = await s.courses.catalog.createCourse(base, { name: '大课', category: 'yoga', durationMinutes: 90, capacity: members, price: 12000, defaultTeacherId: teacher.id });
  const session = await s.courses.catalog.createSession(base, { courseId: course.id, storeId, startsAt: new Date(s.clock.now().getTime() + 30 * 60_000).toISOString() });
  const product = await s.cards.products.create(base, cardProductCreateBody.parse({ kind: 'count', name: '瑜伽10次卡', price: 100000, sessions: 10, validity: { unit: 'month', count: 3 }, coverage: [{ type: 'course_category', id: 'yoga' }] }));
  const memberNos: string[] = [];
  for (let i = 0; i < members; i++) {
    const m = await s.members.profiles.create({ ...base, storeId }, { name: `会员${i + 1}`, mobile: `135${String(10_000_000 + i).slice(-8)}`, homeStoreId: storeId });
    await s.orders.checkout(once(base), { storeId, memberId: m.id, lines: [{ kind: 'card', itemId: product.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 100000 }] });
    await s.courses.bookings.book(once({ ...base, storeId }), { sessionId: session.id, attendeeId: m.id, joinWaitlist: false });
    memberNos.push(m.memberNo);
  }
  return { sessionId: session.id, memberNos, tenantCode: org.tenantCode, password: org.password, login: org.owner.login };
}

function blast(url: string, f: Fixture, headers: Record<string, string>, counter: { n: number }, seconds: number, rec: LatencyRecorder | null) {
  const instance = autocannon({
    url,
    connections: SCANNERS,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    sampleInt: 100,
    requests: [
      {
        method: 'POST',
        path: `/api/v1/class-sessions/${f.sessionId}/check-ins`,
        setupRequest(req: Record<string, unknown>) {
          const code = f.memberNos[counter.n++ % f.memberNos.length];
          return { ...req, headers: { ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify({ code }) };
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

export const checkinScan: Scenario = {
  name: 'checkin-scan',
  title: `POST /api/v1/class-sessions/:id/check-ins by member QR: ${SCANNERS} scanners over ${MEMBERS} booked members (first scan consumes the hold, repeats answer the same check-in)`,
  ceilings: ['tpcb', 'http-hello'],
  async run(ctx): Promise<Measurement> {
    const load = ctx.load as BenchOptions;
    const { server, fixture: f } = await ctx.startTessera((s) => seed(s, membersFor(load.durationS)));
    const session = await server.login(f.tenantCode, f.login, f.password);
    const headers = { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': 'zh-CN' };
    const probe = await server.fetchJson(`/api/v1/class-sessions/${f.sessionId}/check-ins`, { method: 'POST', headers: { ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify({ code: f.memberNos[0] }) });
    if (probe.status !== 200 || (probe.body as { method?: string }).method !== 'member_no') throw new Error(`check-in did not take the scan: HTTP ${probe.status} ${JSON.stringify(probe.body).slice(0, 300)}`);
    const counter = { n: 1 };
    const m = await watched({ ours: () => [server.pid], postgresIsOurs: ctx.db === 'postgres', retries: load.retries, log: ctx.log }, async () => {
      if (load.warmupS > 0) await blast(server.url, f, headers, counter, load.warmupS, null);
      const rec = new LatencyRecorder();
      const r = await blast(server.url, f, headers, counter, load.durationS, rec);
      const [p50, p99] = rec.percentiles([50, 99]);
      const bad = r.non2xx + r.errors + r.timeouts;
      const codes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, v]) => [code, v.count]));
      return { metric: 'req/s', value: r['2xx'] / r.duration, p50, p99, samples: r['2xx'], errors: bad, notes: bad ? `status codes ${JSON.stringify(codes)}, socket errors ${r.errors}, timeouts ${r.timeouts}` : undefined };
    });
    if (load.profile) {
      // --profile: one more run of the same load with the server's CPU profiled.
      ctx.log(`  profiling checkin-scan [${ctx.db}]`);
      const file = join(load.outDir, `profile-checkin-scan-${ctx.db}.cpuprofile`);
      await server.profileStart();
      await blast(server.url, f, headers, counter, load.durationS, null);
      await server.profileStop(file);
      const summary = summariseProfile(`checkin-scan [${ctx.db}]`, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
      writeFileSync(join(load.outDir, `profile-checkin-scan-${ctx.db}.md`), `# Profile: ${summary.label}\n\n${summary.markdown}\n`);
    }
    return { ...m, notes: [`${SCANNERS} scanners (not --connections); ${Math.min(counter.n, f.memberNos.length)} first scans, ${Math.max(0, counter.n - f.memberNos.length)} repeats`, m.notes].filter(Boolean).join('; ') };
  },
};
