import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { inTransaction } from '../../src/db/database';
import { verifyCards } from '../../src/modules/card';
import { verifyLedger } from '../../src/modules/ledger';
import { DAY } from '../../src/shared/clock';
import { systemCtx } from '../../src/shared/context';
import { YOGA, consume, idem, sellCard, yogaProduct } from '../fixtures/cards';
import { createMember } from '../fixtures/money';
import { describeEachDb, type TestEnv } from '../helpers/env';

const PILATES = { type: 'course_category', id: 'pilates' } as const;

/** The consumption API: eligibility, holds, consumption, release, reversal — under concurrency, with families, caps and stores. */
describeEachDb('membership cards: consumption', (use) => {
  async function verifyAll(env: TestEnv, tenantId: string) {
    for (const v of [await verifyCards(env.database.db, tenantId), await verifyLedger(env.database.db, tenantId)]) expect(v.mismatches).toEqual([]);
  }

  it('50 concurrent consumptions of a 10-session card: exactly 10 succeed', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const { card } = await sellCard(t.owner, { storeId: t.storeId, memberId, productId: (await yogaProduct(t.owner)).id });
    const results = await Promise.all(Array.from({ length: 50 }, () => consume(t.owner, card.id, { userId: memberId, storeId: t.storeId })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(40);
    expect(new Set(refused.map((r) => r.body.error.code))).toEqual(new Set(['CARD_SESSIONS_INSUFFICIENT']));
    const after = (await t.owner.get(`/api/v1/member-cards/${card.id}`)).body;
    expect(after).toMatchObject({ sessions: { remaining: 0, used: 10 }, valueRemaining: 0, isUsedUp: true });
    const usages = (await t.owner.get(`/api/v1/member-cards/${card.id}/consumptions?limit=100`)).body.items;
    expect(usages).toHaveLength(10);
    expect(usages.reduce((s: number, u: { revenue: number }) => s + u.revenue, 0)).toBe(100000);
    await verifyAll(env, t.tenantId);
  });

  it('50 concurrent holds on a 10-session card: exactly 10 held; duplicates of one key have one effect', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const { card } = await sellCard(t.owner, { storeId: t.storeId, memberId, productId: (await yogaProduct(t.owner)).id });
    const at = new Date(env.clock.now().getTime() + 2 * DAY).toISOString();
    const body = { userId: memberId, storeId: t.storeId, items: [YOGA], at };
    const key = idem();
    const dupes = await Promise.all(Array.from({ length: 10 }, () => t.owner.post('/api/v1/card-holds', body, key)));
    const ids = new Set(dupes.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(dupes.every((r) => r.status === 201 || r.body.error.code === 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
    const results = await Promise.all(Array.from({ length: 50 }, () => t.owner.post('/api/v1/card-holds', body, idem())));
    expect(results.filter((r) => r.status === 201)).toHaveLength(9);
    expect(new Set(results.filter((r) => r.status !== 201).map((r) => r.body.error.code))).toEqual(new Set(['CARD_NO_ELIGIBLE_CARD']));
    const other = await t.owner.post('/api/v1/card-holds', { ...body, at: new Date(env.clock.now().getTime() + 3 * DAY).toISOString() }, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('CARD_KEY_REUSED');
    expect((await t.owner.get(`/api/v1/member-cards/${card.id}`)).body.sessions).toMatchObject({ remaining: 10, held: 10, available: 0 });
    await verifyAll(env, t.tenantId);
  });

  it('hold → consume at check-in, hold → release on cancellation; repeats are refused over REST and returned in-process', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const { card } = await sellCard(t.owner, { storeId: t.storeId, memberId, productId: (await yogaProduct(t.owner)).id });
    const at = new Date(env.clock.now().getTime() + DAY).toISOString();
    const h1 = await t.owner.post(`/api/v1/member-cards/${card.id}/holds`, { userId: memberId, storeId: t.storeId, items: [YOGA], at, ref: { type: 'booking', id: 'bkg_1' } }, idem());
    const h2 = await t.owner.post(`/api/v1/member-cards/${card.id}/holds`, { userId: memberId, storeId: t.storeId, items: [YOGA], at, units: 2 }, idem());
    expect(h1.status, h1.text).toBe(201);
    expect(h1.body).toMatchObject({ status: 'held', cardId: card.id, units: 1, ref: { type: 'booking', id: 'bkg_1' } });
    expect((await t.owner.get(`/api/v1/member-cards/${card.id}`)).body.sessions).toMatchObject({ remaining: 10, held: 3, available: 7 });
    env.clock.advance(DAY);
    await t.owner.relogin();
    const used = await t.owner.post(`/api/v1/card-holds/${h1.body.id}/consume`, {}, idem());
    expect(used.status, used.text).toBe(200);
    expect(used.body).toMatchObject({ kind: 'consume', holdId: h1.body.id, units: 1, revenue: 10000, sessionsRemaining: 9, ref: { type: 'booking', id: 'bkg_1' } });
    const again = await t.owner.post(`/api/v1/card-holds/${h1.body.id}/consume`, {}, idem());
    expect(again.body.error.code).toBe('CARD_HOLD_ALREADY_CONSUMED');
    const ctx = { ...systemCtx(t.tenantId), storeId: t.storeId };
    const inProcess = await env.services.cards.consumption.consumeHold(ctx, h1.body.id);
    expect(inProcess).toMatchObject({ id: used.body.id, replayed: true });
    const released = await t.owner.post(`/api/v1/card-holds/${h2.body.id}/release`, { reason: '提前取消' }, idem());
    expect(released.body).toMatchObject({ status: 'released', releaseReason: '提前取消' });
    const consumeReleased = await t.owner.post(`/api/v1/card-holds/${h2.body.id}/consume`, {}, idem());
    expect(consumeReleased.body.error.code).toBe('CARD_HOLD_RELEASED');
    expect((await t.owner.get(`/api/v1/member-cards/${card.id}`)).body.sessions).toMatchObject({ remaining: 9, held: 0, available: 9 });

    // Undo the check-in: the session, its revenue and the ledger entry are reversed, once.
    const undo = await t.owner.post(`/api/v1/card-consumptions/${used.body.id}/reverse`, { reason: '误签到' }, idem());
    expect(undo.status, undo.text).toBe(200);
    expect(undo.body).toMatchObject({ kind: 'reversal', units: -1, revenue: -10000, reversesUsageId: used.body.id, sessionsRemaining: 10 });
    expect((await t.owner.post(`/api/v1/card-consumptions/${used.body.id}/reverse`, { reason: '再来一次' }, idem())).body.error.code).toBe('CARD_USAGE_REVERSED');
    await verifyAll(env, t.tenantId);
  });

  it('the booking module holds inside its own transaction: both commit or neither', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const { card } = await sellCard(t.owner, { storeId: t.storeId, memberId, productId: (await yogaProduct(t.owner)).id });
    const ctx = { ...systemCtx(t.tenantId), storeId: t.storeId };
    const req = { userId: memberId, storeId: t.storeId, items: [YOGA], at: env.clock.iso(), key: randomUUID() };
    await expect(
      inTransaction(env.database, async (trx) => {
        await env.services.cards.consumption.hold(ctx, req, { trx });
        throw new Error('booking failed: class full');
      }),
    ).rejects.toThrow('class full');
    expect((await t.owner.get(`/api/v1/member-cards/${card.id}`)).body.sessions.held).toBe(0);
    const hold = await inTransaction(env.database, (trx) => env.services.cards.consumption.hold(ctx, req, { trx }));
    expect(hold).toMatchObject({ status: 'held', replayed: false });
    expect((await t.owner.get(`/api/v1/member-cards/${card.id}`)).body.sessions.held).toBe(1);
    await verifyAll(env, t.tenantId);
  });

  it('chooses the soonest-expiring eligible card, explains the others, and refuses cards not valid for the course or store', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const memberId = await createMember(c);
    const long = await sellCard(c, { storeId: t.storeId, memberId, productId: (await yogaProduct(c, { name: '瑜伽年卡次', validity: { unit: 'month', count: 12 } })).id });
    const short = await sellCard(c, { storeId: t.storeId, memberId, productId: (await yogaProduct(c, { name: '瑜伽月次卡', validity: { unit: 'month', count: 1 } })).id });
    const pilates = await sellCard(c, { storeId: t.storeId, memberId, productId: (await yogaProduct(c, { name: '普拉提卡', coverage: [PILATES] })).id });
    const other = await c.post('/api/v1/stores', { name: '分店' });
    const e = await c.post('/api/v1/card-eligibility', { userId: memberId, storeId: t.storeId, items: [YOGA] });
    expect(e.status, e.text).toBe(200);
    expect(e.body.eligible.map((x: { cardId: string }) => x.cardId)).toEqual([short.card.id, long.card.id]);
    expect(e.body.ineligible).toEqual([expect.objectContaining({ cardId: pilates.card.id, code: 'CARD_NOT_FOR_ITEM' })]);
    const auto = await c.post('/api/v1/card-consumptions', { userId: memberId, storeId: t.storeId, items: [YOGA] }, idem());
    expect(auto.body.cardId).toBe(short.card.id);
    const explicit = await c.post('/api/v1/card-consumptions', { userId: memberId, storeId: t.storeId, items: [YOGA], cardId: long.card.id }, idem());
    expect(explicit.body.cardId).toBe(long.card.id);
    const wrongCourse = await consume(c, pilates.card.id, { userId: memberId, storeId: t.storeId });
    expect(wrongCourse.status).toBe(409);
    expect(wrongCourse.body.error.code).toBe('CARD_NOT_FOR_ITEM');
    const wrongStore = await consume(c, long.card.id, { userId: memberId, storeId: other.body.id });
    expect(wrongStore.body.error.code).toBe('CARD_NOT_IN_STORE');
    const none = await c.post('/api/v1/card-consumptions', { userId: memberId, storeId: other.body.id, items: [YOGA] }, idem());
    expect(none.body.error.code).toBe('CARD_NO_ELIGIBLE_CARD');
    expect(none.body.error.details.ineligible).toHaveLength(3);
    expect((await c.get(`/api/v1/member-cards/${long.card.id}`)).body.sessions.remaining).toBe(9);
    await verifyAll(env, t.tenantId);
  });

  it('a chain card consumed at another store recognises revenue there and writes the settlement; the report nets store pairs', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const memberId = await createMember(c);
    const branch = (await c.post('/api/v1/stores', { name: '徐汇店' })).body.id as string;
    const { card } = await sellCard(c, { storeId: t.storeId, memberId, productId: (await yogaProduct(c, { storeScope: 'all_stores' })).id });
    const there = await consume(c, card.id, { userId: memberId, storeId: branch });
    expect(there.body).toMatchObject({ isCrossStore: true, revenue: 10000, storeId: branch });
    await consume(c, card.id, { userId: memberId, storeId: branch });
    await consume(c, card.id, { userId: memberId, storeId: t.storeId });
    // The branch sells a card used at the main store.
    const { card: theirs } = await sellCard(c, { storeId: branch, memberId, productId: (await yogaProduct(c, { storeScope: 'all_stores', price: 50000 })).id });
    await consume(c, theirs.id, { userId: memberId, storeId: t.storeId });
    const undo = await c.post(`/api/v1/card-consumptions/${there.body.id}/reverse`, { reason: '误操作' }, idem());
    expect(undo.status).toBe(200);
    const day = there.body.forDate;
    const report = await c.get(`/api/v1/card-reports/settlements?from=${day}&to=${day}`);
    expect(report.status, report.text).toBe(200);
    expect(report.body.pairs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ issuingStoreId: t.storeId, consumingStoreId: branch, uses: 1, amount: 10000 }),
        expect.objectContaining({ issuingStoreId: branch, consumingStoreId: t.storeId, uses: 1, amount: 5000 }),
      ]),
    );
    expect(report.body.net).toHaveLength(1);
    expect(Math.abs(report.body.net[0].amount)).toBe(5000);
    const revenue = await c.get(`/api/v1/card-reports/revenue?from=${day}&to=${day}`);
    expect(revenue.body.stores).toEqual(expect.arrayContaining([expect.objectContaining({ storeId: branch, consumption: 10000 }), expect.objectContaining({ storeId: t.storeId, consumption: 15000 })]));
    await verifyAll(env, t.tenantId);
  });

  it('family members named by the holder use the card within their limit; a child must be the holder’s own', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const mum = await createMember(c, '陈静');
    const stranger = await createMember(c, '路人');
    const childText = (await c.get('/api/v1/consent-texts')).body.items.find((x: { kind: string }) => x.kind === 'child').id;
    const child = (await c.post(`/api/v1/members/${mum}/dependents`, { name: '李小宝', birthday: '2023-03-15', relation: '妈妈', consent: { textId: childText } })).body.id;
    const otherChild = (await c.post(`/api/v1/members/${stranger}/dependents`, { name: '王小明', birthday: '2022-03-15', relation: '爸爸', consent: { textId: childText } })).body.id;
    expect(child).toMatch(/^dep_/);
    const product = await yogaProduct(c, { name: '早教48课时', sessions: 48, sessionUnit: 'class_hour', familyPolicy: { isAllowed: true, maxMembers: 2 } });
    const { card } = await sellCard(c, { storeId: t.storeId, memberId: mum, productId: product.id });
    expect((await consume(c, card.id, { userId: child, storeId: t.storeId })).body.error.code).toBe('CARD_USER_NOT_ALLOWED');
    const notOwn = await c.post(`/api/v1/member-cards/${card.id}/family-members`, { userId: otherChild });
    expect(notOwn.body.error.code).toBe('CARD_FAMILY_NOT_CHILD');
    const added = await c.post(`/api/v1/member-cards/${card.id}/family-members`, { userId: child, relation: '儿子', maxSessions: 3 });
    expect(added.status, added.text).toBe(201);
    expect(added.body.family).toEqual([expect.objectContaining({ userId: child, userKind: 'dependent', name: '李小宝', maxSessions: 3, sessionsUsed: 0 })]);
    expect((await consume(c, card.id, { userId: child, storeId: t.storeId, units: 2 })).status).toBe(201);
    const over = await consume(c, card.id, { userId: child, storeId: t.storeId, units: 2 });
    expect(over.body.error).toMatchObject({ code: 'CARD_FAMILY_LIMIT', details: { limit: 3, used: 2 } });
    const shared = (await c.get(`/api/v1/members/${stranger}/cards`)).body;
    expect(shared.shared).toHaveLength(0);
    await c.post(`/api/v1/member-cards/${card.id}/family-members`, { userId: stranger });
    expect((await c.get(`/api/v1/members/${stranger}/cards`)).body.shared.map((x: { id: string }) => x.id)).toEqual([card.id]);
    const paused = await c.patch(`/api/v1/member-cards/${card.id}/family-members/${stranger}`, { isActive: false });
    expect(paused.status).toBe(200);
    expect((await consume(c, card.id, { userId: stranger, storeId: t.storeId })).body.error.code).toBe('CARD_USER_NOT_ALLOWED');
    expect((await c.delete(`/api/v1/member-cards/${card.id}/family-members/${stranger}`)).status).toBe(200);
    expect((await c.get(`/api/v1/member-cards/${card.id}`)).body.sessions).toMatchObject({ remaining: 46, used: 2 });
    await verifyAll(env, t.tenantId);
  });

  it('time cards: unlimited within the validity, capped per day and week; one day’s value recognised per visited day', async () => {
    const env = use();
    // Start on a Monday morning in Shanghai, so the week is known.
    const shanghaiDay = () => new Date(env.clock.now().getTime() + 8 * 3600_000).getUTCDay();
    while (shanghaiDay() !== 1) env.clock.advance(DAY);
    const t = await env.newTenant();
    const c = t.owner;
    const memberId = await createMember(c);
    const month = await yogaProduct(c, { kind: 'time', name: '瑜伽月卡', price: 30000, sessions: null, validity: { unit: 'day', count: 30 }, perDayCap: 2, perWeekCap: 3 });
    const { card } = await sellCard(c, { storeId: t.storeId, memberId, productId: month.id });
    expect(card.sessions).toBeNull();
    const first = await consume(c, card.id, { userId: memberId, storeId: t.storeId });
    expect(first.body).toMatchObject({ revenue: 1000, sessionsRemaining: null });
    const second = await consume(c, card.id, { userId: memberId, storeId: t.storeId });
    expect(second.body.revenue).toBe(0);
    expect((await consume(c, card.id, { userId: memberId, storeId: t.storeId })).body.error.code).toBe('CARD_DAILY_CAP');
    expect((await consume(c, card.id, { userId: memberId, storeId: t.storeId, units: 2 })).body.error.code).toBe('CARD_USE_UNITS');
    // Within the same Monday-to-Sunday week a third use is the last; the next Monday starts afresh.
    expect(new Date(`${first.body.forDate}T00:00:00Z`).getUTCDay()).toBe(1);
    env.clock.advance(DAY);
    await c.relogin();
    expect((await consume(c, card.id, { userId: memberId, storeId: t.storeId })).body.revenue).toBe(1000);
    expect((await consume(c, card.id, { userId: memberId, storeId: t.storeId })).body.error.code).toBe('CARD_WEEKLY_CAP');
    env.clock.advance(6 * DAY);
    await c.relogin();
    expect((await consume(c, card.id, { userId: memberId, storeId: t.storeId })).status).toBe(201);
    await verifyAll(env, t.tenantId);
  });

  it('queues expiry reminders at the configured offsets and a low-sessions event; expiry writes off unused sessions except those held', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const memberId = await createMember(c);
    const { card } = await sellCard(c, { storeId: t.storeId, memberId, productId: (await yogaProduct(c, { sessions: 4, validity: { unit: 'day', count: 40 } })).id });
    const events = async (topic: string) => env.database.db.selectFrom('outbox_events').select(['payload_json']).where('tenant_id', '=', t.tenantId).where('topic', '=', topic).execute();
    await consume(c, card.id, { userId: memberId, storeId: t.storeId });
    await consume(c, card.id, { userId: memberId, storeId: t.storeId });
    expect(await events('card.sessions_low')).toHaveLength(1);
    expect((await events('card.sessions_low'))[0].payload_json).toMatchObject({ cardId: card.id, sessionsRemaining: 2 });
    await consume(c, card.id, { userId: memberId, storeId: t.storeId });
    expect(await events('card.sessions_low')).toHaveLength(1);

    env.clock.advance(10 * DAY);
    await env.services.cards.runLifecycle();
    await env.services.cards.runLifecycle();
    expect((await events('card.expiring')).map((e) => (e.payload_json as { offset: number }).offset)).toEqual([30]);
    env.clock.advance(23 * DAY);
    await env.services.cards.runLifecycle();
    expect((await events('card.expiring')).map((e) => (e.payload_json as { offset: number }).offset)).toEqual([30, 7]);
    await c.relogin();
    expect((await c.get(`/api/v1/member-cards/${card.id}`)).body.status).toBe('expiring');
    const hold = await c.post(`/api/v1/member-cards/${card.id}/holds`, { userId: memberId, storeId: t.storeId, items: [YOGA], at: env.clock.iso() }, idem());
    expect(hold.status, hold.text).toBe(201);
    env.clock.advance(10 * DAY);
    await env.services.cards.runLifecycle();
    await c.relogin();
    const expired = (await c.get(`/api/v1/member-cards/${card.id}`)).body;
    expect(expired).toMatchObject({ status: 'expired', sessions: { remaining: 1, held: 1 } });
    expect((await events('card.expired'))).toHaveLength(1);
    // The booked class was before the expiry: its session is still consumed at check-in.
    expect((await c.post(`/api/v1/card-holds/${hold.body.id}/consume`, {}, idem())).status).toBe(200);
    expect((await c.get(`/api/v1/member-cards/${card.id}`)).body).toMatchObject({ sessions: { remaining: 0 }, valueRemaining: 0 });
    await verifyAll(env, t.tenantId);
  });
});
