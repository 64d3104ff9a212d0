import { expect, it } from 'vitest';
import { grantBirthdayGifts } from '../../src/jobs/birthday-gifts';
import { checkout, idem, nextMobile } from '../fixtures/money';
import type { TestClient } from '../helpers/client';
import { describeEachDb } from '../helpers/env';

/** Points for events: sign-up, referral at the first purchase, birthday month and tier birthday gifts. */
const RULES = {
  earnPerYuan: 0,
  pendingDays: 0,
  fenPerPoint: 1,
  capBasisPoints: null,
  capAmount: null,
  redeemStep: 1,
  expiry: { type: 'never' },
  remindDaysBefore: 0,
  earnOnRecharge: false,
};

async function member(c: TestClient, body: Record<string, unknown> = {}): Promise<string> {
  const r = await c.post('/api/v1/members', { name: '李小红', mobile: nextMobile(), homeStoreId: c.me.stores[0].id, ...body });
  if (r.status !== 201) throw new Error(r.text);
  return r.body.id;
}

async function points(c: TestClient, memberId: string): Promise<number> {
  return (await c.get(`/api/v1/members/${memberId}/points`)).body.available;
}

describeEachDb('points for events', (use) => {
  it('grants sign-up points once per new member, keeps the rules when a client leaves them out, and refuses bad amounts', async () => {
    const env = use();
    const t = await env.newTenant();
    const before = await member(t.owner);
    expect(await points(t.owner, before)).toBe(0);

    const bad = await t.owner.put('/api/v1/points-settings', { ...RULES, eventPoints: { signUp: -5, birthdayMonth: 0, referral: 1.5, checkIn: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['eventPoints.referral', 'eventPoints.signUp']);

    const saved = await t.owner.put('/api/v1/points-settings', { ...RULES, eventPoints: { signUp: 100, birthdayMonth: 0, referral: 0, checkIn: 5 } });
    expect(saved.status, saved.text).toBe(200);
    // A client that does not know about event rules keeps them.
    const kept = await t.owner.put('/api/v1/points-settings', { ...RULES, remindDaysBefore: 3 });
    expect(kept.body.eventPoints).toEqual({ signUp: 100, birthdayMonth: 0, referral: 0, checkIn: 5 });

    const after = await member(t.owner);
    expect(await points(t.owner, after)).toBe(100);
    const ledger = await t.owner.get(`/api/v1/members/${after}/ledger`);
    expect(ledger.body.items[0]).toMatchObject({ kind: 'points_grant', reason: 'sign-up' });
    // Members who existed before the rule get nothing retroactively.
    expect(await points(t.owner, before)).toBe(0);
  });

  it('rewards the referrer once, at the referred member’s first paid purchase', async () => {
    const env = use();
    const t = await env.newTenant();
    await t.owner.put('/api/v1/points-settings', { ...RULES, eventPoints: { signUp: 0, birthdayMonth: 0, referral: 300, checkIn: 0 } });
    const referrer = await member(t.owner, { name: '王芳' });
    const friend = await member(t.owner, { name: '赵雷', referrerMemberId: referrer });
    expect(await points(t.owner, referrer)).toBe(0);

    const buy = (amount: number) =>
      checkout(t.owner, { storeId: t.storeId, memberId: friend, lines: [{ kind: 'custom', name: '体验课', unitPrice: amount, quantity: 1 }], tenders: [{ method: 'cash', amount }] });
    expect((await buy(9900)).status).toBe(201);
    expect(await points(t.owner, referrer)).toBe(300);
    // Two more purchases at once: still one reward.
    const more = await Promise.all([buy(5000), buy(5000)]);
    expect(more.map((r) => r.status)).toEqual([201, 201]);
    expect(await points(t.owner, referrer)).toBe(300);
    expect(await points(t.owner, friend)).toBe(0);
    const grants = await env.database.db.selectFrom('points_event_grants').selectAll().where('tenant_id', '=', t.tenantId).execute();
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ event: 'referral', member_id: referrer, period: friend, points: 300 });
  });

  it('grants birthday-month points and the tier’s birthday gift once a year, to members whose birthday is this month', async () => {
    const env = use();
    const t = await env.newTenant();
    // 1 March, 10:00 in Shanghai.
    env.clock.set('2027-03-01T02:00:00.000Z');
    await t.owner.relogin();
    await t.owner.put('/api/v1/points-settings', { ...RULES, eventPoints: { signUp: 0, birthdayMonth: 88, referral: 0, checkIn: 0 } });
    const cfg = await t.owner.put('/api/v1/tier-config', {
      program: { metric: 'spend', window: 'lifetime', windowMonths: 12, graceDays: 0 },
      levels: [
        { rank: 0, name: '普通会员', threshold: 0, retentionThreshold: null, discountBp: 0, pointsMultiplierBp: 10000, bookingPriorityHours: 0, birthdayGift: null, benefitsNote: null },
        { rank: 1, name: '金卡', threshold: 100000, retentionThreshold: null, discountBp: 1000, pointsMultiplierBp: 15000, bookingPriorityHours: 24, birthdayGift: { points: 500, note: '生日月赠私教体验课一节' }, benefitsNote: null },
      ],
    });
    expect(cfg.status, cfg.text).toBe(200);
    const gold = cfg.body.levels.find((l: { name: string }) => l.name === '金卡').id;

    const march = await member(t.owner, { name: '三月', birthday: '1990-03-20' });
    const april = await member(t.owner, { name: '四月', birthday: '1991-04-02' });
    const goldMarch = await member(t.owner, { name: '金卡三月', birthday: '1988-03-31' });
    expect((await t.owner.post(`/api/v1/members/${goldMarch}/tier`, { tierId: gold, lock: false, reason: '老会员' })).status).toBe(200);

    expect(await grantBirthdayGifts(env.services)).toBe(3);
    expect(await points(t.owner, march)).toBe(88);
    expect(await points(t.owner, april)).toBe(0);
    expect(await points(t.owner, goldMarch)).toBe(88 + 500);
    // Running again (another day, another process) grants nothing more.
    expect(await grantBirthdayGifts(env.services)).toBe(0);
    expect(await points(t.owner, march)).toBe(88);
    const gifts = await env.database.db.selectFrom('outbox_events').select(['topic', 'payload_json']).where('tenant_id', '=', t.tenantId).where('topic', '=', 'member.birthday_gift').execute();
    expect(gifts).toHaveLength(1);

    // April: the April member's turn; next March, the March members again.
    env.clock.set('2027-04-01T02:00:00.000Z');
    expect(await grantBirthdayGifts(env.services)).toBe(1);
    env.clock.set('2028-03-01T02:00:00.000Z');
    expect(await grantBirthdayGifts(env.services)).toBe(3);
    await t.owner.relogin();
    expect(await points(t.owner, march)).toBe(176);
    expect(await points(t.owner, april)).toBe(88);
  });

  it('grants check-in points once per check-in through the service the booking module calls', async () => {
    const env = use();
    const t = await env.newTenant();
    await t.owner.put('/api/v1/points-settings', { ...RULES, eventPoints: { signUp: 0, birthdayMonth: 0, referral: 0, checkIn: 5 } });
    const m = await member(t.owner);
    const { inTransaction } = await import('../../src/db/database');
    const { systemCtx } = await import('../../src/shared/context');
    const ctx = systemCtx(t.tenantId);
    for (const checkInId of ['chk_1', 'chk_1', 'chk_2']) {
      await inTransaction(env.database, (trx) => env.services.points.onCheckIn(trx, ctx, { memberId: m, checkInId, storeId: t.storeId }));
    }
    expect(await points(t.owner, m)).toBe(10);
    // The adjustments route still needs its idempotency key (unchanged by event rules).
    expect((await t.owner.post(`/api/v1/members/${m}/points/adjustments`, { points: 1, reason: '测试' }, idem())).status).toBe(201);
  });
});
