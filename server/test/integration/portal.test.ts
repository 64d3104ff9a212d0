import { expect, it } from 'vitest';
import { DAY, MINUTE } from '../../src/shared/clock';
import { idem, sellCard, yogaProduct } from '../fixtures/cards';
import { createMember } from '../fixtures/money';
import { book, card, classSetup, memberWithCard, oneOff } from '../fixtures/classes';
import { sentCodes, signInMember } from '../fixtures/portal';
import type { TestClient } from '../helpers/client';
import { describeEachDb, type TestEnv } from '../helpers/env';

/**
 * The member portal's API: sign-in by mobile and a one-time code, and booking for oneself and
 * one's children under the desk's rules — never for anybody else.
 */
describeEachDb('member portal: sign-in and booking', (use) => {
  const inDays = (env: TestEnv, days: number) => new Date(env.clock.now().getTime() + days * DAY).toISOString();
  const codes = sentCodes;
  const signIn = signInMember;

  async function memberOf(c: TestClient, memberId: string) {
    return (await c.get(`/api/v1/members/${memberId}`)).body as { id: string; mobile: string; name: string };
  }

  it('signs a member in with a code, books their child under the desk’s rules, lists and cancels it, and signs out', async () => {
    const env = use();
    const t = await env.newTenant();
    const { course } = await classSetup(t.owner, t.storeId, { minAgeMonths: 36, maxAgeMonths: 96 });
    const session = await oneOff(t.owner, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 2) });
    const parentId = await createMember(t.owner, '林妈妈');
    const { card: famCard } = await sellCard(t.owner, { storeId: t.storeId, memberId: parentId, productId: (await yogaProduct(t.owner, { familyPolicy: { isAllowed: true, maxMembers: 3 } })).id });
    const parent = { memberId: parentId, cardId: famCard.id as string };
    const texts = (await t.owner.get('/api/v1/consent-texts')).body.items as { id: string; kind: string }[];
    const consent = { textId: texts.find((x) => x.kind === 'child')!.id };
    const today = env.clock.now().toISOString().slice(0, 10);
    const child = await t.owner.post(`/api/v1/members/${parent.memberId}/dependents`, { name: '林小果', birthday: `${Number(today.slice(0, 4)) - 5}${today.slice(4)}`, relation: '妈妈', consent });
    expect(child.status, child.text).toBe(201);
    expect((await t.owner.post(`/api/v1/member-cards/${parent.cardId}/family-members`, { userId: child.body.id, relation: '孩子' })).status).toBe(201);

    const m = await signIn(env, t, parent.memberId);
    expect(m.cookie).toMatch(/^tessera_member=/);
    const me = await m.get('/api/v1/portal/me');
    expect(me.status, me.text).toBe(200);
    expect(me.body).toMatchObject({ id: parent.memberId, name: '林妈妈', children: [{ id: child.body.id, name: '林小果' }] });
    expect(me.body.mobile).toMatch(/\*{4}/);

    // Their own balances and cards, nobody else's (the route takes no member id).
    const account = await m.get('/api/v1/portal/account');
    expect(account.status, account.text).toBe(200);
    expect(account.body.storedValue).toEqual({ principal: 0, bonus: 0, frozen: 0, available: 0 });
    expect(account.body.cards.held.map((x: { id: string; sessions: { remaining: number } }) => [x.id, x.sessions.remaining])).toEqual([[parent.cardId, 10]]);
    expect(account.body.points).toMatchObject({ available: expect.any(Number) });
    expect(account.body.tier).toMatchObject({ memberId: parent.memberId });

    const classes = await m.get(`/api/v1/portal/classes?from=${today}&to=${inDays(env, 7).slice(0, 10)}`);
    expect(classes.status, classes.text).toBe(200);
    expect(classes.body.items.map((s: { id: string; available: number }) => [s.id, s.available])).toEqual([[session.id, 10]]);

    const booked = await m.post('/api/v1/portal/bookings', { sessionId: session.id, attendeeId: child.body.id }, idem());
    expect(booked.status, booked.text).toBe(201);
    expect(booked.body).toMatchObject({ status: 'confirmed', source: 'member', memberId: parent.memberId, attendeeId: child.body.id, cardId: parent.cardId });
    expect((await card(t.owner, parent.cardId)).sessions.held).toBe(1);
    // The desk sees it on the roster, booked by the member.
    const roster = await t.owner.get(`/api/v1/class-sessions/${session.id}`);
    expect(roster.body.bookings.map((b: { attendeeName: string; source: string }) => [b.attendeeName, b.source])).toEqual([['林小果', 'member']]);
    // The desk's rules hold: the same child twice is its own error.
    const again = await m.post('/api/v1/portal/bookings', { sessionId: session.id, attendeeId: child.body.id }, idem());
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('COURSE_ALREADY_BOOKED');

    const mine = await m.get('/api/v1/portal/bookings');
    expect(mine.body.items.map((b: { id: string }) => b.id)).toEqual([booked.body.id]);
    const cancelled = await m.post(`/api/v1/portal/bookings/${booked.body.id}/cancel`, { reason: '孩子发烧' }, idem());
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '孩子发烧' });
    expect((await card(t.owner, parent.cardId)).sessions).toMatchObject({ held: 0, remaining: 10 });
    // Audited with the member as the actor.
    const audit = await env.database.db.selectFrom('audit_logs').select(['action', 'actor_type', 'actor_id']).where('tenant_id', '=', t.tenantId).where('actor_type', '=', 'member').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['portal.sign_in', 'course.booking.create']));
    expect(new Set(audit.map((a) => a.actor_id))).toEqual(new Set([parent.memberId]));

    const cookie = m.cookie;
    const out = await m.delete('/api/v1/portal/sessions/current');
    expect(out.status).toBe(204);
    expect(m.cookie).toBeNull();
    expect((await m.get('/api/v1/portal/me')).status).toBe(401);
    // The old cookie is revoked on the server, not just cleared in the browser.
    const stored = await env.database.db.selectFrom('member_sessions').select('revoked_at').where('tenant_id', '=', t.tenantId).executeTakeFirstOrThrow();
    expect(stored.revoked_at).not.toBeNull();
    m.cookie = cookie;
    expect((await m.get('/api/v1/portal/me')).status).toBe(401);
  });

  it('a member erased at the desk is signed out of the portal at once', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner, '周先生');
    const m = await signIn(env, t, memberId);
    expect((await m.get('/api/v1/portal/me')).status).toBe(200);
    const erased = await t.owner.post(`/api/v1/members/${memberId}/erase`, { reason: '会员申请注销' });
    expect(erased.status, erased.text).toBe(200);
    expect((await m.get('/api/v1/portal/me')).status).toBe(401);
  });

  it('a code works once, for five minutes, and five wrong tries end it; unknown mobiles get the same answer and no code', async () => {
    const env = use();
    const t = await env.newTenant();
    const a = await memberWithCard(t.owner, t.storeId, '甲');
    const { mobile } = await memberOf(t.owner, a.memberId);
    const m = env.client();

    const nobody = await m.post('/api/v1/portal/login-codes', { tenantCode: t.code, mobile: '13999990000' });
    expect(nobody.status).toBe(202);
    expect(await codes(env, t.tenantId)).toEqual([]);
    const bad = await m.post('/api/v1/portal/login-codes', { tenantCode: t.code, mobile: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['mobile']);

    expect((await m.post('/api/v1/portal/login-codes', { tenantCode: t.code, mobile })).status).toBe(202);
    const soon = await m.post('/api/v1/portal/login-codes', { tenantCode: t.code, mobile });
    expect(soon.status).toBe(429);
    expect(soon.body.error.code).toBe('PORTAL_CODE_TOO_SOON');
    const [first] = await codes(env, t.tenantId);
    const wrong = first.code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await m.post('/api/v1/portal/sessions', { tenantCode: t.code, mobile, code: wrong });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('PORTAL_CODE_INVALID');
    }
    // Worn out: the right code no longer works.
    expect((await m.post('/api/v1/portal/sessions', { tenantCode: t.code, mobile, code: first.code })).status).toBe(401);
    expect(m.cookie).toBeNull();

    // A new code a minute later: it works once, and not after five minutes.
    env.clock.advance(MINUTE + 1000);
    expect((await m.post('/api/v1/portal/login-codes', { tenantCode: t.code, mobile })).status).toBe(202);
    const second = (await codes(env, t.tenantId)).at(-1)!;
    expect((await m.post('/api/v1/portal/sessions', { tenantCode: t.code, mobile, code: second.code })).status).toBe(201);
    const reuse = env.client();
    expect((await reuse.post('/api/v1/portal/sessions', { tenantCode: t.code, mobile, code: second.code })).status).toBe(401);
    env.clock.advance(MINUTE + 1000);
    expect((await m.post('/api/v1/portal/login-codes', { tenantCode: t.code, mobile })).status).toBe(202);
    const third = (await codes(env, t.tenantId)).at(-1)!;
    env.clock.advance(5 * MINUTE + 1000);
    expect((await reuse.post('/api/v1/portal/sessions', { tenantCode: t.code, mobile, code: third.code })).status).toBe(401);
    const sessions = await env.database.db.selectFrom('member_sessions').select('id').where('tenant_id', '=', t.tenantId).execute();
    expect(sessions).toHaveLength(1);
    // Only hashes of codes are kept.
    const stored = await env.database.db.selectFrom('member_login_codes').select('code_hash').where('tenant_id', '=', t.tenantId).execute();
    expect(stored.every((s) => s.code_hash.length === 64 && s.code_hash !== first.code)).toBe(true);
  });

  it('members book only for themselves and their children, cancel only their own bookings, and need the CSRF token', async () => {
    const env = use();
    const t = await env.newTenant();
    const { course } = await classSetup(t.owner, t.storeId);
    const session = await oneOff(t.owner, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 2) });
    const a = await memberWithCard(t.owner, t.storeId, '甲');
    const b = await memberWithCard(t.owner, t.storeId, '乙');
    const theirs = await book(t.owner, { sessionId: session.id, attendeeId: b.memberId });
    expect(theirs.status).toBe(201);
    const m = await signIn(env, t, a.memberId);

    const forOther = await m.post('/api/v1/portal/bookings', { sessionId: session.id, attendeeId: b.memberId }, idem());
    expect(forOther.status).toBe(403);
    expect(forOther.body.error.code).toBe('PORTAL_ATTENDEE_NOT_YOURS');
    const cancelOther = await m.post(`/api/v1/portal/bookings/${theirs.body.id}/cancel`, {}, idem());
    expect(cancelOther.status).toBe(404);
    expect(cancelOther.body.error.code).toBe('PORTAL_BOOKING_NOT_FOUND');
    expect((await card(t.owner, b.cardId)).sessions.held).toBe(1);
    const roster = await t.owner.get(`/api/v1/class-sessions/${session.id}`);
    expect(roster.body.bookings.map((x: { memberId: string; status: string }) => [x.memberId, x.status])).toEqual([[b.memberId, 'confirmed']]);

    // Writes need the session's CSRF token, and an Idempotency-Key.
    const token = m.csrf;
    m.csrf = null;
    const noCsrf = await m.post('/api/v1/portal/bookings', { sessionId: session.id, attendeeId: a.memberId }, idem());
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('CSRF_INVALID');
    m.csrf = token;
    const noKey = await m.post('/api/v1/portal/bookings', { sessionId: session.id, attendeeId: a.memberId });
    expect(noKey.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect((await card(t.owner, a.cardId)).sessions.held).toBe(0);

    // The member's cookie opens no staff route, and staff sessions open no portal route.
    expect((await m.get('/api/v1/members')).status).toBe(401);
    expect((await m.get(`/api/v1/bookings/${theirs.body.id}`)).status).toBe(401);
    expect((await t.owner.get('/api/v1/portal/me')).status).toBe(401);
    expect((await t.owner.get('/api/v1/portal/bookings')).status).toBe(401);
  });
});
