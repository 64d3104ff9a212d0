import { expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../src/shared/clock';
import { idem } from '../fixtures/cards';
import { book, card, classSetup, memberWithCard, oneOff } from '../fixtures/classes';
import { describeEachDb, type TestEnv } from '../helpers/env';

/** Cancellation policy (issue 7, item 4): ordered rules, fees, grace allowances, the ban, cancel preview. */
describeEachDb('classes: cancellation policy', (use) => {
  const inDays = (env: TestEnv, days: number, hours = 0) => new Date(env.clock.now().getTime() + days * DAY + hours * HOUR).toISOString();
  const policy = {
    rules: [
      { window: 'at_least', minutes: 240, session: 'release' },
      { window: 'less_than', minutes: 60, session: 'forfeit', feeFen: 2000, countsTowardBan: true },
      { window: 'at_least', minutes: 60, session: 'release', feeFen: 500 },
      { window: 'after_start', session: 'forfeit', feeFen: 3000, countsTowardBan: true },
    ],
    graceLateCancelsPerMonth: 1,
    banAfterCount: 2,
    banDays: 7,
  };

  it('without a saved list the simple settings are the rules; bad lists are refused field by field, nothing saved', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const p0 = await c.get('/api/v1/course-cancel-policy');
    expect(p0.status, p0.text).toBe(200);
    expect(p0.body).toEqual({
      rules: [
        { window: 'at_least', minutes: 120, session: 'release', feeFen: 0, countsTowardBan: false },
        { window: 'less_than', minutes: 120, session: 'forfeit', feeFen: 0, countsTowardBan: true },
        { window: 'after_start', minutes: null, session: 'forfeit', feeFen: 0, countsTowardBan: true },
      ],
      graceLateCancelsPerMonth: 0,
      banAfterCount: 0,
      banDays: null,
      isCustom: false,
    });
    const bad = await c.put('/api/v1/course-cancel-policy', { rules: [{ window: 'at_least', minutes: 60, session: 'release' }, { window: 'at_least', minutes: 120, session: 'release' }, { window: 'less_than', session: 'forfeit' }], banAfterCount: 0 }, { 'accept-language': 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details).toEqual([{ path: 'rules.2.minutes', code: 'custom', message: 'Enter the minutes' }]);
    const shadowed = await c.put('/api/v1/course-cancel-policy', { rules: [{ window: 'at_least', minutes: 60, session: 'release' }, { window: 'at_least', minutes: 120, session: 'release' }, { window: 'after_start', session: 'forfeit' }], banAfterCount: 0 });
    expect(shadowed.body.error.details.map((d: { path: string }) => d.path)).toEqual(['rules.1.minutes', 'rules']);
    expect(shadowed.body.error.details[1].message).toContain('30');
    expect((await c.get('/api/v1/course-cancel-policy')).body.isCustom).toBe(false);
    const saved = await c.put('/api/v1/course-cancel-policy', policy);
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ isCustom: true, graceLateCancelsPerMonth: 1, banAfterCount: 2, banDays: 7, rules: [{ feeFen: 0, countsTowardBan: false }, { feeFen: 2000 }, { feeFen: 500 }, { minutes: null }] });
    // The ban count is the course settings' value.
    expect((await c.get('/api/v1/course-settings')).body.banAfterCount).toBe(2);
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    expect((await desk.put('/api/v1/course-cancel-policy', policy)).status).toBe(403);
  });

  it('first match decides; the preview says it before; grace, fees owed, collected or waived; no-show fee; the ban for D days', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    expect((await c.put('/api/v1/course-cancel-policy', policy)).status).toBe(200);
    const { course } = await classSetup(c, t.storeId);
    const a = await memberWithCard(c, t.storeId, '甲');
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const s1 = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 0, 2) });
    const s2 = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 0, 3.5) });
    const s3 = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 0, 0.5) });
    const s4 = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 0, 5) });
    const b1 = await book(desk, { sessionId: s1.id, attendeeId: a.memberId });
    const b2 = await book(desk, { sessionId: s2.id, attendeeId: a.memberId });
    const b3 = await book(desk, { sessionId: s3.id, attendeeId: a.memberId });
    const b4 = await book(desk, { sessionId: s4.id, attendeeId: a.memberId });
    expect([b1.status, b2.status, b3.status, b4.status], b1.text).toEqual([201, 201, 201, 201]);

    // 2 h before: the release-with-fee rule (index 2); a grace allowance is left this month, so it is in time.
    const pv = await desk.get(`/api/v1/bookings/${b1.body.id}/cancel-preview`);
    expect(pv.status, pv.text).toBe(200);
    expect(pv.body).toMatchObject({ outcome: 'release', feeFen: 0, isLate: true, isGrace: true, graceRemaining: 1, ruleIndex: 2, rule: { feeFen: 500 } });
    const c1 = await desk.post(`/api/v1/bookings/${b1.body.id}/cancel`, { reason: '加班' }, idem());
    expect(c1.body).toMatchObject({ status: 'cancelled' });
    expect((await card(c, a.cardId)).sessions).toMatchObject({ remaining: 10, held: 3 });
    // The grace is used: the next such cancellation releases but owes ¥5.
    expect((await desk.get(`/api/v1/bookings/${b2.body.id}/cancel-preview`)).body).toMatchObject({ outcome: 'release', feeFen: 500, isGrace: false, graceRemaining: 0 });
    const key = idem();
    const c2 = await desk.post(`/api/v1/bookings/${b2.body.id}/cancel`, {}, key);
    expect(c2.body.status).toBe('cancelled');
    expect((await desk.post(`/api/v1/bookings/${b2.body.id}/cancel`, {}, key)).headers['idempotent-replayed']).toBe('true');
    // 30 min before: forfeit, ¥20 and a strike; a manager's waiver preview shows it forgiven.
    expect((await c.get(`/api/v1/bookings/${b3.body.id}/cancel-preview?waive=true`)).body).toMatchObject({ outcome: 'release', feeFen: 0, isWaived: true });
    const c3 = await desk.post(`/api/v1/bookings/${b3.body.id}/cancel`, {}, idem());
    expect(c3.body.status).toBe('late_cancelled');
    expect((await card(c, a.cardId)).sessions).toMatchObject({ remaining: 9, held: 1, used: 1 });

    const fees = await desk.get(`/api/v1/class-cancel-fees?memberId=${a.memberId}&status=due`);
    expect(fees.body.items.map((f: { amount: number; kind: string }) => [f.amount, f.kind])).toEqual([
      [2000, 'late_cancel'],
      [500, 'late_cancel'],
    ]);
    const [f20, f5] = fees.body.items;
    expect(f20).toMatchObject({ bookingId: b3.body.id, courseName: course.name, status: 'due' });
    // Collect at the desk; waiving needs course.waive and a reason.
    expect((await desk.post(`/api/v1/class-cancel-fees/${f5.id}/waive`, { note: '老会员' }, idem())).status).toBe(403);
    expect((await c.post(`/api/v1/class-cancel-fees/${f5.id}/waive`, { note: '' }, idem())).status).toBe(400);
    const paid = await desk.post(`/api/v1/class-cancel-fees/${f20.id}/collect`, { note: '现金' }, idem());
    expect(paid.status, paid.text).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', settleNote: '现金' });
    expect((await desk.post(`/api/v1/class-cancel-fees/${f20.id}/collect`, { note: '现金' }, idem())).body.error.code).toBe('COURSE_FEE_SETTLED');
    expect((await c.post(`/api/v1/class-cancel-fees/${f5.id}/waive`, { note: '老会员' }, idem())).body.status).toBe('waived');
    expect((await desk.get(`/api/v1/class-cancel-fees?memberId=${a.memberId}&status=due`)).body.items).toEqual([]);
    const audits = await env.database.db.selectFrom('audit_logs').select('action').where('tenant_id', '=', t.tenantId).where('entity_type', '=', 'classCancelFee').execute();
    expect(audits.map((x) => x.action).sort()).toEqual(['course.cancel_fee.charge', 'course.cancel_fee.charge', 'course.cancel_fee.collect', 'course.cancel_fee.waive']);

    // A no-show: the after-start rule forfeits, owes ¥30 and is the second strike → banned for 7 days.
    env.clock.advance(6 * HOUR + 30 * MINUTE);
    await desk.relogin();
    await c.relogin();
    const ns = await desk.post(`/api/v1/bookings/${b4.body.id}/no-show`, {}, idem());
    expect(ns.body.status, ns.text).toBe('no_show');
    expect((await desk.get(`/api/v1/class-cancel-fees?memberId=${a.memberId}&status=due`)).body.items).toMatchObject([{ amount: 3000, kind: 'no_show', bookingId: b4.body.id }]);
    const next = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 2) });
    const banned = await book(desk, { sessionId: next.id, attendeeId: a.memberId });
    expect(banned.body.error.code).toBe('COURSE_BOOKING_BANNED');
    expect(Date.parse(banned.body.error.details.bannedUntil)).toBeGreaterThan(Date.parse(inDays(env, 6)));
    env.clock.advance(7 * DAY);
    await desk.relogin();
    await c.relogin();
    const later = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 1) });
    expect((await book(desk, { sessionId: later.id, attendeeId: a.memberId })).status).toBe(201);
  });

  it('a fee is paid at the cashier as an order line: marked paid with its order, once, for its member only; a refund makes it due again', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    expect((await c.put('/api/v1/course-cancel-policy', policy)).status).toBe(200);
    const { course } = await classSetup(c, t.storeId);
    const a = await memberWithCard(c, t.storeId, '甲');
    const other = await memberWithCard(c, t.storeId, '乙');
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const s1 = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 0, 0.5) });
    const b = await book(desk, { sessionId: s1.id, attendeeId: a.memberId });
    expect(b.status, b.text).toBe(201);
    env.clock.advance(2 * HOUR);
    await desk.relogin();
    expect((await desk.post(`/api/v1/bookings/${b.body.id}/no-show`, {}, idem())).body.status).toBe('no_show');
    const [fee] = (await desk.get(`/api/v1/class-cancel-fees?memberId=${a.memberId}&status=due`)).body.items;
    expect(fee).toMatchObject({ amount: 3000, kind: 'no_show', orderId: null });

    const line = { kind: 'class_fee', itemId: fee.id, quantity: 1 };
    // Quoted at the fee's amount, named after the course; no discounts or points on it.
    const quote = await desk.post('/api/v1/orders/quote', { storeId: t.storeId, memberId: a.memberId, lines: [line] });
    expect(quote.status, quote.text).toBe(200);
    expect(quote.body).toMatchObject({ payable: 3000 });
    // For another member, or with a changed price: refused, nothing paid.
    const wrong = await desk.post('/api/v1/orders', { storeId: t.storeId, memberId: other.memberId, lines: [line], tenders: [{ method: 'cash', amount: 3000 }] }, idem());
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('COURSE_FEE_OTHER_MEMBER');
    const paid = await desk.post('/api/v1/orders', { storeId: t.storeId, memberId: a.memberId, lines: [line], tenders: [{ method: 'cash', amount: 3000, tendered: 5000 }] }, idem());
    expect(paid.status, paid.text).toBe(201);
    expect(paid.body).toMatchObject({ payable: 3000, changeGiven: 2000, pointsEarned: 0 });
    expect(paid.body.lines[0].name).toContain(course.name);
    const after = (await desk.get(`/api/v1/class-cancel-fees?memberId=${a.memberId}`)).body.items[0];
    expect(after).toMatchObject({ status: 'paid', orderId: paid.body.id });
    const twice = await desk.post('/api/v1/orders', { storeId: t.storeId, memberId: a.memberId, lines: [line], tenders: [{ method: 'cash', amount: 3000 }] }, idem());
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('COURSE_FEE_SETTLED');
    // One order took the fee (the other is the card's sale).
    expect((await desk.get(`/api/v1/orders?memberId=${a.memberId}`)).body.items.filter((o: { payable: number }) => o.payable === 3000)).toHaveLength(1);

    // Refunded at the counter: the money goes back and the fee is owed again.
    const q = await c.post(`/api/v1/orders/${paid.body.id}/refund-quote`, { lines: [{ lineId: paid.body.lines[0].id, quantity: 1 }] });
    expect(q.status, q.text).toBe(200);
    const refund = await c.post(`/api/v1/orders/${paid.body.id}/refunds`, { lines: [{ lineId: paid.body.lines[0].id, quantity: 1 }], quoteToken: q.body.quoteToken }, idem());
    expect(refund.status, refund.text).toBe(201);
    expect((await desk.get(`/api/v1/class-cancel-fees?memberId=${a.memberId}&status=due`)).body.items).toMatchObject([{ id: fee.id, orderId: null }]);
  });
});
