import { expect, it } from 'vitest';
import { DAY } from '../../src/shared/clock';
import { balances, checkout, createMember, idem } from '../fixtures/money';
import type { TestClient } from '../helpers/client';
import { describeEachDb } from '../helpers/env';

const levels = [
  { rank: 0, name: '普通会员', threshold: 0, retentionThreshold: null, discountBp: 0, pointsMultiplierBp: 10000, bookingPriorityHours: 0, birthdayGift: null, benefitsNote: null },
  { rank: 1, name: '银卡', threshold: 50000, retentionThreshold: 40000, discountBp: 500, pointsMultiplierBp: 12000, bookingPriorityHours: 12, birthdayGift: null, benefitsNote: null },
  { rank: 2, name: '金卡', threshold: 200000, retentionThreshold: null, discountBp: 1000, pointsMultiplierBp: 15000, bookingPriorityHours: 24, birthdayGift: { points: 500 }, benefitsNote: null },
];

async function spend(c: TestClient, storeId: string, memberId: string, amount: number) {
  const lines = [{ kind: 'custom', name: '课程', unitPrice: amount, quantity: 1 }];
  const quote = await c.post('/api/v1/orders/quote', { storeId, memberId, lines });
  const r = await checkout(c, { storeId, memberId, lines, tenders: [{ method: 'cash', amount: quote.body.payable }] });
  if (r.status !== 201) throw new Error(r.text);
  return r.body;
}

describeEachDb('tiers', (use) => {
  it('validates the level set: unique names and ranks, rising thresholds', async () => {
    const env = use();
    const t = await env.newTenant();
    const bad = await t.owner.put('/api/v1/tier-config', {
      program: { metric: 'spend', window: 'lifetime', windowMonths: 12, graceDays: 0 },
      levels: [levels[0], { ...levels[1], name: '普通会员' }, { ...levels[2], rank: 1 }, { ...levels[2], name: '钻石', rank: 3, threshold: 100 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('TIER_LEVELS_INVALID');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['levels.1.name', 'levels.2.rank', 'levels.3.threshold']);
    // Each detail says what is wrong, in the caller's language (the console shows it on the field).
    expect(bad.body.error.details.find((d: { path: string }) => d.path === 'levels.1.name').message).toBe('等级名称重复');
    const en = await t.owner.put('/api/v1/tier-config', { program: { metric: 'spend', window: 'lifetime', windowMonths: 12, graceDays: 0 }, levels: [levels[0], { ...levels[1], threshold: 0, retentionThreshold: null }] }, { 'accept-language': 'en' });
    expect(en.status).toBe(400);
    expect(en.body.error.details).toEqual([{ path: 'levels.1.threshold', code: 'THRESHOLD_NOT_RISING', message: 'The threshold must be above every lower level’s threshold' }]);
    const cfg = await t.owner.get('/api/v1/tier-config');
    expect(cfg.body.levels).toEqual([]);
  });

  it('upgrades at once, does not downgrade on a refund, and downgrades at period end when retention is missed', async () => {
    const env = use();
    const t = await env.newTenant();
    await t.owner.put('/api/v1/tier-config', { program: { metric: 'spend', window: 'rolling_months', windowMonths: 12, graceDays: 0 }, levels });
    const memberId = await createMember(t.owner);
    const order = await spend(t.owner, t.storeId, memberId, 60000);
    let tier = await t.owner.get(`/api/v1/members/${memberId}/tier`);
    expect(tier.body).toMatchObject({ level: { name: '银卡' }, metricValue: 60000, progress: { next: { name: '金卡', remaining: 140000 } } });
    expect(tier.body.progress.keep).toEqual({ remaining: 0, by: tier.body.evaluateOn });

    const q = await t.owner.post(`/api/v1/orders/${order.id}/refund-quote`, { lines: [{ lineId: order.lines[0].id, quantity: 1 }] });
    await t.owner.post(`/api/v1/orders/${order.id}/refunds`, { lines: [{ lineId: order.lines[0].id, quantity: 1 }], quoteToken: q.body.quoteToken }, idem());
    tier = await t.owner.get(`/api/v1/members/${memberId}/tier`);
    expect(tier.body).toMatchObject({ level: { name: '银卡' }, metricValue: 0, progress: { keep: { remaining: 40000 } } });

    env.clock.advance(370 * DAY);
    await t.owner.relogin();
    const r = await env.services.tier.evaluateDue();
    expect(r.downgraded).toBeGreaterThanOrEqual(1);
    tier = await t.owner.get(`/api/v1/members/${memberId}/tier`);
    expect(tier.body.level.name).toBe('普通会员');
    const history = await t.owner.get(`/api/v1/members/${memberId}/tier-history`);
    expect(history.body.items.map((h: { reason: string }) => h.reason)).toEqual(['downgrade', 'initial']);
    const events = await env.database.db.selectFrom('outbox_events').select('topic').where('tenant_id', '=', t.tenantId).where('topic', '=', 'tier.changed').execute();
    expect(events.length).toBe(2);
    const timeline = await t.owner.get(`/api/v1/members/${memberId}/timeline?kind=tier.changed`);
    expect(timeline.body.items.map((e: { summary: Record<string, unknown> }) => e.summary)).toEqual([
      { from: '银卡', to: '普通会员', reason: 'downgrade' },
      { from: null, to: '银卡', reason: 'initial' },
    ]);
  });

  it('keeps a manually set and locked tier', async () => {
    const env = use();
    const t = await env.newTenant();
    const cfg = await t.owner.put('/api/v1/tier-config', { program: { metric: 'spend', window: 'calendar_year', windowMonths: 12, graceDays: 30 }, levels });
    const gold = cfg.body.levels.find((l: { name: string }) => l.name === '金卡').id;
    const memberId = await createMember(t.owner);
    const set = await t.owner.post(`/api/v1/members/${memberId}/tier`, { tierId: gold, lock: true, reason: '合作伙伴' });
    expect(set.body).toMatchObject({ level: { name: '金卡' }, isLocked: true });
    env.clock.advance(500 * DAY);
    await t.owner.relogin();
    await env.services.tier.evaluateDue();
    expect((await t.owner.get(`/api/v1/members/${memberId}/tier`)).body.level.name).toBe('金卡');
    // A locked tier is not raised or lowered by spending either.
    await spend(t.owner, t.storeId, memberId, 1000);
    expect((await t.owner.get(`/api/v1/members/${memberId}/tier`)).body.level.name).toBe('金卡');
  });
});

describeEachDb('points lifecycle', (use) => {
  it('keeps order points pending for the refund window, then releases them', async () => {
    const env = use();
    const t = await env.newTenant();
    const s = await t.owner.put('/api/v1/points-settings', {
      earnPerYuan: 1,
      pendingDays: 7,
      fenPerPoint: 1,
      capBasisPoints: 5000,
      capAmount: null,
      redeemStep: 1,
      expiry: { type: 'never' },
      remindDaysBefore: 30,
      earnOnRecharge: false,
    });
    expect(s.status).toBe(200);
    const memberId = await createMember(t.owner);
    await spend(t.owner, t.storeId, memberId, 12300);
    expect(await balances(t.owner, memberId)).toMatchObject({ points: 0, pendingPoints: 123 });
    expect(await env.services.points.releaseDue()).toBe(0);
    env.clock.advance(7 * DAY + 1000);
    await t.owner.relogin();
    expect(await env.services.points.releaseDue()).toBeGreaterThanOrEqual(1);
    expect(await balances(t.owner, memberId)).toMatchObject({ points: 123, pendingPoints: 0 });
  });

  it('expires lots on their date, soonest first, reminding members before', async () => {
    const env = use();
    const t = await env.newTenant();
    await t.owner.put('/api/v1/points-settings', {
      earnPerYuan: 1,
      pendingDays: 0,
      fenPerPoint: 1,
      capBasisPoints: null,
      capAmount: null,
      redeemStep: 1,
      expiry: { type: 'days', days: 30 },
      remindDaysBefore: 7,
      earnOnRecharge: false,
    });
    const memberId = await createMember(t.owner);
    await t.owner.post(`/api/v1/members/${memberId}/points/adjustments`, { points: 100, reason: '活动' }, idem());
    env.clock.advance(10 * DAY);
    await t.owner.relogin();
    await t.owner.post(`/api/v1/members/${memberId}/points/adjustments`, { points: 50, reason: '活动' }, idem());
    // Spending 30 takes them from the older lot (expires first).
    await checkout(t.owner, { storeId: t.storeId, memberId, lines: [{ kind: 'custom', name: '水', unitPrice: 300, quantity: 1 }], pointsToUse: 30, tenders: [{ method: 'cash', amount: 270 }] });
    let summary = (await t.owner.get(`/api/v1/members/${memberId}/points`)).body;
    expect(summary.lots.map((l: { remaining: number }) => l.remaining)).toEqual([70, 50, 2]);
    env.clock.advance(15 * DAY);
    expect(await env.services.points.warnExpiring()).toBeGreaterThanOrEqual(1);
    env.clock.advance(6 * DAY);
    expect(await env.services.points.expireDue()).toBeGreaterThanOrEqual(70);
    await t.owner.relogin();
    summary = (await t.owner.get(`/api/v1/members/${memberId}/points`)).body;
    expect(summary.available).toBe(52);
    const topics = await env.database.db.selectFrom('outbox_events').select('topic').where('tenant_id', '=', t.tenantId).execute();
    expect(topics.map((x) => x.topic)).toEqual(expect.arrayContaining(['points.expiring', 'points.expired']));
    const ledger = await t.owner.get(`/api/v1/members/${memberId}/ledger?kind=points_expire`);
    expect(ledger.body.items[0].entries[0]).toMatchObject({ kind: 'points', amount: -70, balanceAfter: 52 });
    const timeline = await t.owner.get(`/api/v1/members/${memberId}/timeline?kind=points.expired&kind=points.adjusted`);
    expect(timeline.body.items.map((e: { kind: string; summary: { points: number } }) => [e.kind, e.summary.points])).toEqual([
      ['points.expired', 70],
      ['points.adjusted', 50],
      ['points.adjusted', 100],
    ]);
    expect(timeline.body.items[0].refId).toBe(ledger.body.items[0].id);
  });

  it('refuses to deduct more points than held, and adjustments need a reason', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const r = await t.owner.post(`/api/v1/members/${memberId}/points/adjustments`, { points: -10, reason: '扣错' }, idem());
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('POINTS_INSUFFICIENT');
    const noReason = await t.owner.post(`/api/v1/members/${memberId}/points/adjustments`, { points: 10 }, idem());
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('reason');
  });
});
