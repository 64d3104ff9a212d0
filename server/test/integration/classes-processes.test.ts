import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { type Database, inTransaction, migrateToLatest, openDatabase } from '../../src/db/database';
import { verifyCards } from '../../src/modules/card';
import { cardProductCreateBody } from '../../src/modules/card/product.schemas';
import { verifyLedger } from '../../src/modules/ledger';
import { createServices } from '../../src/services';
import { systemClock } from '../../src/shared/clock';
import { type Ctx, systemCtx } from '../../src/shared/context';
import { type TestDatabase, createTestDatabase, testDbKinds } from '../helpers/db';
import { loginOwner, postJson, startProcess } from '../helpers/processes';

/**
 * A booking storm across two real server processes on one PostgreSQL: 1,000 concurrent requests
 * (300 members, each asking up to four times, from both processes) for one 30-seat class →
 * exactly 30 confirmed, each with one card hold; every member holds at most one place (confirmed
 * or waitlisted); the rest are refused as full or as already booked. (SQLite is one process by
 * design; classes-booking.test.ts storms it in-process.)
 */
const PASSWORD = 'Passw0rd!';
const MEMBERS = 300;
const REQUESTS = 1000;

const login = (base: string, tenantCode: string) => loginOwner(base, tenantCode, PASSWORD);
const post = postJson;

/** Tenant, owner, a 30-seat class tomorrow and members with a yoga card each — through the services. */
async function seed(database: Database, code: string) {
  const s = createServices({ database, clock: systemClock, config: loadConfig({ LOG_LEVEL: 'silent' }) });
  const { tenantId, storeId } = await inTransaction(database, async (trx) => {
    const tenant = await s.org.createTenant({ code, name: code }, trx);
    const ctx = systemCtx(tenant.id);
    const store = await s.org.createStore(ctx, { name: '总店' }, trx);
    await s.staff.createBuiltinRoles(trx, tenant.id);
    await s.staff.createFromCli(trx, ctx, { login: 'owner', name: '老板', password: PASSWORD, roleKeys: ['owner'], storeIds: [store.id], scopeType: 'all', temporary: false });
    return { tenantId: tenant.id, storeId: store.id };
  });
  const base = systemCtx(tenantId);
  const once = (ctx: Ctx): Ctx => ({ ...ctx, idempotency: { key: randomUUID(), requestHash: 'seed' } });
  const teacher = await s.courses.catalog.createTeacher(base, { name: '李老师', skills: ['yoga'] });
  const course = await s.courses.catalog.createCourse(base, { name: '热门瑜伽', category: 'yoga', durationMinutes: 60, capacity: 30, price: 10000, defaultTeacherId: teacher.id });
  const session = await s.courses.catalog.createSession(base, { courseId: course.id, storeId, startsAt: new Date(Date.now() + 86_400_000).toISOString() });
  const product = await s.cards.products.create(base, cardProductCreateBody.parse({ kind: 'count', name: '瑜伽10次卡', price: 100000, sessions: 10, validity: { unit: 'month', count: 3 }, coverage: [{ type: 'course_category', id: 'yoga' }] }));
  const memberIds: string[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const m = await s.members.profiles.create({ ...base, storeId }, { name: `会员${i}`, mobile: `136${String(10_000_000 + i).slice(-8)}`, homeStoreId: storeId });
    await s.orders.checkout(once(base), { storeId, memberId: m.id, lines: [{ kind: 'card', itemId: product.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 100000 }] });
    memberIds.push(m.id);
  }
  return { tenantId, sessionId: session.id, memberIds };
}

for (const kind of testDbKinds().filter((k) => k === 'postgres')) {
  describe(`booking across real processes [${kind}]`, () => {
    let testDb: TestDatabase;
    let database: Database;
    let dataDir: string;
    let env: NodeJS.ProcessEnv;
    const procs: ChildProcess[] = [];

    beforeAll(async () => {
      testDb = await createTestDatabase(kind);
      database = await openDatabase(testDb.config);
      await migrateToLatest(database);
      dataDir = mkdtempSync(join(tmpdir(), 'tessera-proc-'));
      env = { ...process.env, TESSERA_DATA_DIR: dataDir, TESSERA_DATA_KEY: Buffer.alloc(32, 7).toString('base64'), DATABASE_URL: testDb.config.url };
    }, 60_000);
    afterAll(async () => {
      for (const p of procs) p.kill('SIGKILL');
      await database.close();
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it(`${REQUESTS} concurrent booking requests over two processes for a 30-seat class: exactly 30 confirmed with 30 card holds, one place per member`, async () => {
      const { tenantId, sessionId, memberIds } = await seed(database, 'storm');
      const a = await startProcess(env);
      const b = await startProcess(env);
      procs.push(a.proc, b.proc);
      const authA = await login(a.base, 'storm');
      const authB = await login(b.base, 'storm');
      // Request i is member i mod 300: a member's repeats land on both processes at once.
      const results = await Promise.all(
        Array.from({ length: REQUESTS }, (_, i) => {
          const m = memberIds[i % MEMBERS];
          const body = { sessionId, attendeeId: m, joinWaitlist: (i % MEMBERS) % 3 === 0 };
          return i % 2 ? post(a.base, authA, '/api/v1/bookings', body) : post(b.base, authB, '/api/v1/bookings', body);
        }),
      );
      const confirmed = results.filter((r) => r.status === 201 && r.body.status === 'confirmed');
      const waitlisted = results.filter((r) => r.status === 201 && r.body.status === 'waitlisted');
      const refused = results.filter((r) => r.status !== 201);
      expect(confirmed).toHaveLength(30);
      expect(confirmed.length + waitlisted.length + refused.length).toBe(REQUESTS);
      expect(new Set(confirmed.map((r) => r.body.attendeeId)).size).toBe(30);
      const codes = new Set(refused.map((r) => r.body.error.code));
      expect([...codes].filter((c) => c !== 'COURSE_SESSION_FULL' && c !== 'COURSE_ALREADY_BOOKED')).toEqual([]);
      expect(codes.has('COURSE_ALREADY_BOOKED')).toBe(true);
      // One place per member: no attendee has two live bookings of the class.
      const live = await database.db.selectFrom('class_bookings').select('attendee_id').where('tenant_id', '=', tenantId).where('session_id', '=', sessionId).where('status', 'in', ['confirmed', 'waitlisted']).execute();
      expect(live).toHaveLength(confirmed.length + waitlisted.length);
      expect(new Set(live.map((l) => l.attendee_id)).size).toBe(live.length);
      const session = await database.db.selectFrom('class_sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
      expect({ booked: session.booked_count, waitlisted: session.waitlist_count }).toEqual({ booked: 30, waitlisted: waitlisted.length });
      const holds = await database.db.selectFrom('card_holds').select('card_id').where('tenant_id', '=', tenantId).where('status', '=', 'held').execute();
      expect(new Set(holds.map((h) => h.card_id))).toEqual(new Set(confirmed.map((r) => r.body.cardId)));
      expect(holds).toHaveLength(30);
      for (const v of [await verifyCards(database.db, tenantId), await verifyLedger(database.db, tenantId)]) expect(v.mismatches).toEqual([]);
      a.proc.kill('SIGTERM');
      b.proc.kill('SIGTERM');
    }, 240_000);
  });
}
