import { expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../src/shared/clock';
import { idem, sellCard, yogaProduct } from '../fixtures/cards';
import { book, card, classSetup, memberWithCard, oneOff } from '../fixtures/classes';
import { createMember } from '../fixtures/money';
import { describeEachDb, type TestEnv } from '../helpers/env';

/** Classes & booking: timetables, bookings holding card sessions, waitlist, cancellation, no-shows and check-in. */
describeEachDb('classes: timetables and booking', (use) => {
  const inDays = (env: TestEnv, days: number, hours = 0) => new Date(env.clock.now().getTime() + days * DAY + hours * HOUR).toISOString();
  const outbox = (env: TestEnv, tenantId: string, topic: string) => env.database.db.selectFrom('outbox_events').selectAll().where('tenant_id', '=', tenantId).where('topic', '=', topic).execute();

  it('a weekly timetable creates its sessions ahead, skipping exceptions; overlaps in a room or for a teacher are refused with nothing changed', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { teacher, room, course } = await classSetup(c, t.storeId);
    const today = new Date(env.clock.now().getTime() + 8 * HOUR).toISOString().slice(0, 10);
    const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
    const weekday = ((new Date(`${day(1)}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const tt = await c.post('/api/v1/timetables', { courseId: course.id, storeId: t.storeId, roomId: room.id, weekday, startTime: '10:00', startsOn: day(1), endsOn: day(28), exceptDates: [day(8)] });
    expect(tt.status, tt.text).toBe(201);
    expect(tt.body).toMatchObject({ teacherId: teacher.id, capacity: 10, sessionsCreated: 3, exceptions: [{ onDate: day(8) }] });
    const list = await c.get(`/api/v1/class-sessions?from=${day(0)}&to=${day(30)}&storeId=${t.storeId}`);
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.map((s: { businessDate: string }) => s.businessDate)).toEqual([day(1), day(15), day(22)]);
    expect(list.body.items[0]).toMatchObject({ courseName: course.name, roomName: room.name, teacherName: teacher.name, capacity: 10, booked: 0, available: 10 });
    // 10:00 Shanghai is 02:00 UTC.
    expect(list.body.items[0].startsAt).toBe(`${day(1)}T02:00:00.000Z`);

    // Same room, overlapping time, another teacher: refused, no timetable and no session created.
    const other = await c.post('/api/v1/teachers', { name: '周老师', skills: [] });
    const clash = await c.post('/api/v1/timetables', { courseId: course.id, storeId: t.storeId, roomId: room.id, teacherId: other.body.id, weekday, startTime: '10:30', startsOn: day(1) });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('COURSE_ROOM_OVERLAP');
    expect(clash.body.error.message).toContain(course.name);
    expect((await c.get('/api/v1/timetables')).body.items).toHaveLength(1);
    // Same teacher in another room: refused too; back-to-back is fine.
    const room2 = await c.post('/api/v1/rooms', { storeId: t.storeId, name: '二号教室' });
    const teacherClash = await c.post('/api/v1/class-sessions', { courseId: course.id, storeId: t.storeId, roomId: room2.body.id, startsAt: `${day(1)}T02:59:00.000Z` });
    expect(teacherClash.status).toBe(409);
    expect(teacherClash.body.error.code).toBe('COURSE_TEACHER_OVERLAP');
    const backToBack = await c.post('/api/v1/class-sessions', { courseId: course.id, storeId: t.storeId, roomId: room.id, startsAt: `${day(1)}T03:00:00.000Z` });
    expect(backToBack.status, backToBack.text).toBe(201);
    expect((await c.get(`/api/v1/class-sessions?from=${day(0)}&to=${day(30)}`)).body.items).toHaveLength(4);

    // A substitute: the class moves to the other teacher, who then cannot be double-booked at that time.
    const first = list.body.items[0];
    const sub = await c.patch(`/api/v1/class-sessions/${first.id}`, { substituteTeacherId: other.body.id });
    expect(sub.status, sub.text).toBe(200);
    expect(sub.body).toMatchObject({ teacherId: teacher.id, substituteTeacherId: other.body.id, teacherName: '周老师' });
    const byTeacher = await c.get(`/api/v1/class-sessions?from=${day(0)}&to=${day(30)}&teacherId=${other.body.id}`);
    expect(byTeacher.body.items.map((s: { id: string }) => s.id)).toEqual([first.id]);
    const subClash = await c.post('/api/v1/class-sessions', { courseId: course.id, storeId: t.storeId, roomId: room2.body.id, teacherId: other.body.id, startsAt: `${day(1)}T02:30:00.000Z` });
    expect(subClash.body.error.code).toBe('COURSE_TEACHER_OVERLAP');

    // Bad input: an unknown course, a bad time, an end before the start.
    expect((await c.post('/api/v1/timetables', { courseId: 'crs_01K0000000000000000000000Z', storeId: t.storeId, weekday, startTime: '10:00', startsOn: day(1) })).body.error.code).toBe('COURSE_NOT_FOUND');
    const badTime = await c.post('/api/v1/timetables', { courseId: course.id, storeId: t.storeId, weekday, startTime: '25:00', startsOn: day(1) });
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.code).toBe('VALIDATION_FAILED');
    expect((await c.post('/api/v1/timetables', { courseId: course.id, storeId: t.storeId, weekday, startTime: '18:00', startsOn: day(5), endsOn: day(1) })).body.error.code).toBe('COURSE_TIMETABLE_DATES_INVALID');
    expect((await c.get('/api/v1/timetables')).body.items).toHaveLength(1);

    // The job extends the timetable as days pass (nothing to do now).
    expect(await env.services.courses.extendTimetables()).toBe(0);
  });

  it('booking holds a card session; double booking, full, cancelled, past, not-yet-open and ineligible bookings get their own errors and change nothing', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { course } = await classSetup(c, t.storeId, { capacity: 1 });
    const session = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 2) });
    const a = await memberWithCard(c, t.storeId, '甲');
    const b = await memberWithCard(c, t.storeId, '乙');

    const ok = await book(c, { sessionId: session.id, attendeeId: a.memberId });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body).toMatchObject({ status: 'confirmed', memberId: a.memberId, cardId: a.cardId, courseName: course.name, waitlistPosition: null });
    expect(ok.body.holdId).toMatch(/^chd_/);
    expect((await card(c, a.cardId)).sessions).toMatchObject({ remaining: 10, held: 1, available: 9 });
    const hold = await c.get(`/api/v1/card-holds/${ok.body.holdId}`);
    expect(hold.body).toMatchObject({ status: 'held', ref: { type: 'booking', id: ok.body.id }, items: [{ type: 'course', id: course.id }, { type: 'course_category', id: 'yoga' }] });

    const twice = await book(c, { sessionId: session.id, attendeeId: a.memberId, joinWaitlist: true });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('COURSE_ALREADY_BOOKED');
    const full = await book(c, { sessionId: session.id, attendeeId: b.memberId });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('COURSE_SESSION_FULL');
    expect((await card(c, b.cardId)).sessions.held).toBe(0);

    const noCard = await createMember(c, '丙');
    const other = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 3) });
    const ineligible = await book(c, { sessionId: other.id, attendeeId: noCard });
    expect(ineligible.status).toBe(409);
    expect(ineligible.body.error.code).toBe('CARD_NO_ELIGIBLE_CARD');

    const later = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 10) });
    const early = await book(c, { sessionId: later.id, attendeeId: a.memberId });
    expect(early.body.error.code).toBe('COURSE_BOOKING_NOT_OPEN');
    expect(early.body.error.details.opensAt).toBe(new Date(Date.parse(later.startsAt) - 7 * DAY).toISOString());

    const cancelled = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 4) });
    expect((await c.post(`/api/v1/class-sessions/${cancelled.id}/cancel`, { reason: '老师请假' })).status).toBe(200);
    expect((await book(c, { sessionId: cancelled.id, attendeeId: a.memberId })).body.error.code).toBe('COURSE_SESSION_CANCELLED');

    const soon = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 0, 1) });
    env.clock.advance(2 * HOUR);
    await c.relogin();
    const past = await book(c, { sessionId: soon.id, attendeeId: a.memberId });
    expect(past.status).toBe(409);
    expect(past.body.error.code).toBe('COURSE_SESSION_PAST');
    expect(past.body.error.message).toBe('该课节已开始或已结束');

    const en = await c.request('POST', '/api/v1/bookings', { sessionId: session.id, attendeeId: b.memberId }, { ...idem(), 'accept-language': 'en' });
    expect(en.body.error.message).toBe('This class is full (1 places)');
    const bad = await book(c, { sessionId: 'nope', attendeeId: a.memberId });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('sessionId');

    // Nothing of the refused bookings was kept: one booking, one hold.
    expect((await c.get(`/api/v1/class-sessions/${session.id}`)).body).toMatchObject({ booked: 1, waitlisted: 0, bookings: [expect.objectContaining({ id: ok.body.id })], waitlist: [] });
    expect((await card(c, a.cardId)).sessions.held).toBe(1);
    expect((await card(c, b.cardId)).sessions.held).toBe(0);
    // The booking is on the member's timeline.
    const tl = await c.get(`/api/v1/members/${a.memberId}/timeline`);
    expect(tl.body.items.map((i: { kind: string }) => i.kind)).toContain('booking.confirmed');
  });

  it('booking opens earlier for tiers with booking priority hours', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const cfg = await c.put('/api/v1/tier-config', {
      program: { metric: 'spend', window: 'lifetime', windowMonths: 12, graceDays: 0 },
      levels: [
        { rank: 0, name: '普通会员', threshold: 0, retentionThreshold: null, discountBp: 0, pointsMultiplierBp: 10000, bookingPriorityHours: 0, birthdayGift: null, benefitsNote: null },
        { rank: 1, name: '金卡', threshold: 99999999, retentionThreshold: null, discountBp: 0, pointsMultiplierBp: 10000, bookingPriorityHours: 24, birthdayGift: null, benefitsNote: '提前一天约课' },
      ],
    });
    expect(cfg.status, cfg.text).toBe(200);
    const gold = cfg.body.levels.find((l: { name: string }) => l.name === '金卡');
    const { course } = await classSetup(c, t.storeId);
    const session = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 7, 12) });
    const plain = await memberWithCard(c, t.storeId, '普通');
    const vip = await memberWithCard(c, t.storeId, '金卡会员');
    expect((await c.post(`/api/v1/members/${vip.memberId}/tier`, { tierId: gold.id, lock: true, reason: '测试' })).status).toBe(200);
    const refused = await book(c, { sessionId: session.id, attendeeId: plain.memberId });
    expect(refused.body.error.code).toBe('COURSE_BOOKING_NOT_OPEN');
    const early = await book(c, { sessionId: session.id, attendeeId: vip.memberId });
    expect(early.status, early.text).toBe(201);
    expect(early.body.status).toBe('confirmed');
  });

  it('children book age-appropriate classes on a family card; the roster shows their allergies', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { course } = await classSetup(c, t.storeId, { name: '亲子音乐', minAgeMonths: 24, maxAgeMonths: 48 });
    const parent = await createMember(c, '张妈妈');
    const texts = (await c.get('/api/v1/consent-texts')).body.items as { id: string; kind: string }[];
    const consent = { textId: texts.find((x) => x.kind === 'child')!.id };
    const today = new Date(env.clock.now().getTime()).toISOString().slice(0, 10);
    const yearsAgo = (y: number) => `${Number(today.slice(0, 4)) - y}${today.slice(4)}`;
    const kid = await c.post(`/api/v1/members/${parent}/dependents`, { name: '张小宝', birthday: yearsAgo(3), allergies: '花生', relation: '妈妈', consent });
    const baby = await c.post(`/api/v1/members/${parent}/dependents`, { name: '张小小', birthday: yearsAgo(1), relation: '妈妈', consent });
    expect(kid.status, kid.text).toBe(201);
    const product = await yogaProduct(c, { familyPolicy: { isAllowed: true, maxMembers: 3 } });
    const { card: famCard } = await sellCard(c, { storeId: t.storeId, memberId: parent, productId: product.id });
    for (const child of [kid, baby]) expect((await c.post(`/api/v1/member-cards/${famCard.id}/family-members`, { userId: child.body.id, relation: '孩子' })).status).toBe(201);
    const session = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 1) });

    const tooYoung = await book(c, { sessionId: session.id, attendeeId: baby.body.id });
    expect(tooYoung.status).toBe(409);
    expect(tooYoung.body.error.code).toBe('COURSE_AGE_NOT_ALLOWED');
    expect(tooYoung.body.error.message).toContain('2 岁–4 岁');
    const stranger = await createMember(c, '路人');
    expect((await book(c, { sessionId: session.id, attendeeId: kid.body.id, memberId: stranger })).body.error.code).toBe('COURSE_NOT_GUARDIAN');
    const ok = await book(c, { sessionId: session.id, attendeeId: kid.body.id });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body).toMatchObject({ memberId: parent, attendeeId: kid.body.id, attendeeName: '张小宝', cardId: famCard.id });
    const roster = await c.get(`/api/v1/class-sessions/${session.id}`);
    expect(roster.body.bookings).toEqual([expect.objectContaining({ attendeeName: '张小宝', allergies: '花生' })]);
    expect((await card(c, famCard.id)).sessions.held).toBe(1);
  });

  it('waitlist: a timely cancellation releases the hold and promotes the first waitlisted member with a usable card (one without is skipped)', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { course } = await classSetup(c, t.storeId, { capacity: 1 });
    const session = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 2) });
    const a = await memberWithCard(c, t.storeId, '甲');
    const noCard = await createMember(c, '乙');
    const b = await memberWithCard(c, t.storeId, '丙');
    const first = await book(c, { sessionId: session.id, attendeeId: a.memberId });
    const w1 = await book(c, { sessionId: session.id, attendeeId: noCard, joinWaitlist: true });
    const w2 = await book(c, { sessionId: session.id, attendeeId: b.memberId, joinWaitlist: true });
    expect(w1.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, holdId: null });
    expect(w2.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const cancel = await c.post(`/api/v1/bookings/${first.body.id}/cancel`, { reason: '有事' }, idem());
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body).toMatchObject({ status: 'cancelled', cancelReason: '有事' });
    expect((await card(c, a.cardId)).sessions).toMatchObject({ remaining: 10, held: 0 });
    const promoted = await c.get(`/api/v1/bookings/${w2.body.id}`);
    expect(promoted.body).toMatchObject({ status: 'confirmed', cardId: b.cardId });
    expect((await card(c, b.cardId)).sessions.held).toBe(1);
    expect((await c.get(`/api/v1/bookings/${w1.body.id}`)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const events = await outbox(env, t.tenantId, 'booking.promoted');
    expect(events.map((e) => (e.payload_json as { bookingId: string }).bookingId)).toEqual([w2.body.id]);
    expect((await c.get(`/api/v1/class-sessions/${session.id}`)).body).toMatchObject({ booked: 1, waitlisted: 1 });
    // Cancelling again is refused; leaving the waitlist just removes the entry.
    expect((await c.post(`/api/v1/bookings/${first.body.id}/cancel`, {}, idem())).body.error.code).toBe('COURSE_BOOKING_NOT_CANCELLABLE');
    expect((await c.post(`/api/v1/bookings/${w1.body.id}/cancel`, {}, idem())).body.status).toBe('cancelled');
    // After the cut-off (2 h before) a freed place is not filled.
    const c3 = await memberWithCard(c, t.storeId, '丁');
    expect((await book(c, { sessionId: session.id, attendeeId: c3.memberId, joinWaitlist: true })).body.status).toBe('waitlisted');
    env.clock.advance(2 * DAY - 90 * MINUTE);
    await c.relogin();
    const late = await c.post(`/api/v1/bookings/${w2.body.id}/cancel`, { reason: '堵车', waive: true }, idem());
    expect(late.status, late.text).toBe(200);
    expect(late.body).toMatchObject({ status: 'cancelled', isWaived: true });
    expect((await card(c, b.cardId)).sessions).toMatchObject({ remaining: 10, held: 0 });
    expect((await card(c, c3.cardId)).sessions.held).toBe(0);
    expect((await c.get(`/api/v1/class-sessions/${session.id}`)).body).toMatchObject({ booked: 0, waitlisted: 1 });
  });

  it('inside the late-cancel window only waitlisted members who agreed are promoted, until the cut-off', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const s0 = (await c.get('/api/v1/course-settings')).body;
    expect((await c.put('/api/v1/course-settings', { ...s0, lateCancelMinutes: 240, waitlistCutoffMinutes: 60 })).status).toBe(200);
    const { course } = await classSetup(c, t.storeId, { capacity: 1 });
    const session = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 0, 3) });
    const a = await memberWithCard(c, t.storeId, '甲');
    const b = await memberWithCard(c, t.storeId, '乙');
    const d = await memberWithCard(c, t.storeId, '丁');
    const first = await book(c, { sessionId: session.id, attendeeId: a.memberId });
    const noConsent = await book(c, { sessionId: session.id, attendeeId: b.memberId, joinWaitlist: true });
    const consent = await book(c, { sessionId: session.id, attendeeId: d.memberId, joinWaitlist: true, acceptLatePromotion: true });
    expect(consent.body).toMatchObject({ status: 'waitlisted', acceptsLatePromotion: true });
    const cancel = await c.post(`/api/v1/bookings/${first.body.id}/cancel`, { reason: '临时加班', waive: true }, idem());
    expect(cancel.status, cancel.text).toBe(200);
    expect((await c.get(`/api/v1/bookings/${noConsent.body.id}`)).body.status).toBe('waitlisted');
    expect((await c.get(`/api/v1/bookings/${consent.body.id}`)).body.status).toBe('confirmed');
    expect((await card(c, d.cardId)).sessions.held).toBe(1);
  });

  it('a member confirmed into a class leaves the waitlists of classes at the same time', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { course } = await classSetup(c, t.storeId, { capacity: 1 });
    const t2 = (await c.post('/api/v1/teachers', { name: '第二位老师' })).body;
    const t3 = (await c.post('/api/v1/teachers', { name: '第三位老师' })).body;
    const full = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 2) });
    const overlapping = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: t2.id, startsAt: inDays(env, 2, 0.5) });
    const later = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: t3.id, startsAt: inDays(env, 2, 3) });
    const a = await memberWithCard(c, t.storeId, '甲');
    const b = await memberWithCard(c, t.storeId, '乙');
    await book(c, { sessionId: full.id, attendeeId: a.memberId });
    await book(c, { sessionId: later.id, attendeeId: a.memberId });
    const w = await book(c, { sessionId: full.id, attendeeId: b.memberId, joinWaitlist: true });
    const wLater = await book(c, { sessionId: later.id, attendeeId: b.memberId, joinWaitlist: true });
    expect([w.body.status, wLater.body.status]).toEqual(['waitlisted', 'waitlisted']);
    const booked = await book(c, { sessionId: overlapping.id, attendeeId: b.memberId });
    expect(booked.body.status).toBe('confirmed');
    expect((await c.get(`/api/v1/bookings/${w.body.id}`)).body).toMatchObject({ status: 'cancelled', cancelReason: 'booked an overlapping class' });
    expect((await c.get(`/api/v1/bookings/${wLater.body.id}`)).body.status).toBe('waitlisted');
    expect((await c.get(`/api/v1/class-sessions/${full.id}`)).body.waitlisted).toBe(0);
  });

  it('a late cancellation forfeits the session; a waiver needs its permission and a reason; no-shows are consumed by hand and by the job', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { course } = await classSetup(c, t.storeId);
    const session = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 0, 3) });
    const a = await memberWithCard(c, t.storeId, '甲');
    const b = await memberWithCard(c, t.storeId, '乙');
    const d = await memberWithCard(c, t.storeId, '丁');
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const ba = await book(desk, { sessionId: session.id, attendeeId: a.memberId });
    const bb = await book(desk, { sessionId: session.id, attendeeId: b.memberId });
    const bd = await book(desk, { sessionId: session.id, attendeeId: d.memberId });
    expect([ba.status, bb.status, bd.status]).toEqual([201, 201, 201]);
    env.clock.advance(90 * MINUTE);
    await desk.relogin();
    await c.relogin();
    const denied = await desk.post(`/api/v1/bookings/${ba.body.id}/cancel`, { reason: '生病', waive: true }, idem());
    expect(denied.status).toBe(403);
    expect(denied.body.error.details.permission).toBe('course.waive');
    expect((await c.post(`/api/v1/bookings/${ba.body.id}/cancel`, { waive: true }, idem())).body.error.code).toBe('COURSE_WAIVE_REASON_REQUIRED');
    const late = await desk.post(`/api/v1/bookings/${ba.body.id}/cancel`, { reason: '临时有事' }, idem());
    expect(late.status, late.text).toBe(200);
    expect(late.body).toMatchObject({ status: 'late_cancelled', isWaived: false });
    expect((await card(c, a.cardId)).sessions).toMatchObject({ remaining: 9, held: 0, used: 1 });
    expect(late.body.cancelReason).toBe('临时有事');
    // With a ban after one late cancellation in 30 days, the member cannot book for now.
    const s0 = (await c.get('/api/v1/course-settings')).body;
    expect((await c.put('/api/v1/course-settings', { ...s0, banAfterCount: 1 })).status).toBe(200);
    const next = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 3) });
    const banned = await book(c, { sessionId: next.id, attendeeId: a.memberId });
    expect(banned.status).toBe(409);
    expect(banned.body.error.code).toBe('COURSE_BOOKING_BANNED');
    const fresh = await memberWithCard(c, t.storeId, '戊');
    expect((await book(c, { sessionId: next.id, attendeeId: fresh.memberId })).status).toBe(201);
    expect((await c.put('/api/v1/course-settings', { ...s0, banAfterCount: 0 })).status).toBe(200);

    // No-show by hand: not before the class starts.
    expect((await desk.post(`/api/v1/bookings/${bb.body.id}/no-show`, {}, idem())).body.error.code).toBe('COURSE_NO_SHOW_TOO_EARLY');
    env.clock.advance(2 * HOUR);
    await desk.relogin();
    const ns = await desk.post(`/api/v1/bookings/${bb.body.id}/no-show`, {}, idem());
    expect(ns.status, ns.text).toBe(200);
    expect(ns.body.status).toBe('no_show');
    expect((await card(c, b.cardId)).sessions).toMatchObject({ remaining: 9, held: 0 });
    // The job marks the rest once the class ended plus the grace (it sweeps every tenant; look at this one's booking).
    await env.services.courses.runNoShows();
    expect((await c.get(`/api/v1/bookings/${bd.body.id}`)).body.status).toBe('confirmed');
    env.clock.advance(50 * MINUTE);
    expect((await env.services.courses.runNoShows()).noShows).toBeGreaterThanOrEqual(1);
    await env.services.courses.runNoShows();
    await c.relogin();
    expect((await c.get(`/api/v1/bookings/${bd.body.id}`)).body.status).toBe('no_show');
    expect((await card(c, d.cardId)).sessions).toMatchObject({ remaining: 9, held: 0 });
  });

  it('cancelling a class releases every hold and tells each member; a timetable exception does the same for that day', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { course } = await classSetup(c, t.storeId);
    const session = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 1) });
    const a = await memberWithCard(c, t.storeId, '甲');
    const b = await memberWithCard(c, t.storeId, '乙');
    await book(c, { sessionId: session.id, attendeeId: a.memberId });
    await book(c, { sessionId: session.id, attendeeId: b.memberId });
    expect((await c.post(`/api/v1/class-sessions/${session.id}/cancel`, {})).status).toBe(400);
    const r = await c.post(`/api/v1/class-sessions/${session.id}/cancel`, { reason: '停电' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ status: 'cancelled', booked: 0, cancelReason: '停电' });
    for (const m of [a, b]) expect((await card(c, m.cardId)).sessions).toMatchObject({ remaining: 10, held: 0 });
    const events = await outbox(env, t.tenantId, 'class.cancelled');
    expect(events.map((e) => (e.payload_json as { memberId: string }).memberId).sort()).toEqual([a.memberId, b.memberId].sort());
    expect((await c.post(`/api/v1/class-sessions/${session.id}/cancel`, { reason: '再取消' })).body.error.code).toBe('COURSE_SESSION_CANCELLED');
    const bookings = await c.get(`/api/v1/bookings?memberId=${a.memberId}`);
    expect(bookings.body.items).toEqual([expect.objectContaining({ status: 'cancelled', cancelReason: '停电' })]);

    // Exception on a generated day.
    const today = new Date(env.clock.now().getTime() + 8 * HOUR).toISOString().slice(0, 10);
    const d2 = new Date(Date.parse(`${today}T00:00:00Z`) + 2 * DAY).toISOString().slice(0, 10);
    const weekday = ((new Date(`${d2}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    const tt = await c.post('/api/v1/timetables', { courseId: course.id, storeId: t.storeId, weekday, startTime: '19:00', startsOn: d2 });
    expect(tt.status, tt.text).toBe(201);
    const sessions = await c.get(`/api/v1/class-sessions?from=${d2}&to=${d2}`);
    const s2 = sessions.body.items[0];
    await book(c, { sessionId: s2.id, attendeeId: a.memberId });
    expect((await card(c, a.cardId)).sessions.held).toBe(1);
    const ex = await c.post(`/api/v1/timetables/${tt.body.id}/exceptions`, { onDate: d2, reason: '国庆' });
    expect(ex.status, ex.text).toBe(201);
    expect((await card(c, a.cardId)).sessions.held).toBe(0);
    expect((await c.get(`/api/v1/class-sessions/${s2.id}`)).body.status).toBe('cancelled');
    expect((await c.post(`/api/v1/timetables/${tt.body.id}/exceptions`, { onDate: d2 })).body.error.code).toBe('COURSE_EXCEPTION_EXISTS');
  });

  it('concurrent scans: four members each scanned three times at once — one check-in and one consumed session per member, every answer the same check-in', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { course } = await classSetup(c, t.storeId, { capacity: 10 });
    const session = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 0, 2) });
    const people = await Promise.all(['子', '丑', '寅', '卯'].map((n) => memberWithCard(c, t.storeId, `扫码${n}`)));
    for (const p of people) expect((await book(c, { sessionId: session.id, attendeeId: p.memberId })).status).toBe(201);
    const numbers = await Promise.all(people.map(async (p) => (await c.get(`/api/v1/members/${p.memberId}`)).body.memberNo as string));
    env.clock.advance(90 * MINUTE);
    await c.relogin();
    const scans = numbers.flatMap((no) => [no, no, no]);
    const answers = await Promise.all(scans.map((code) => c.post(`/api/v1/class-sessions/${session.id}/check-ins`, { code }, idem())));
    expect(answers.map((r) => r.status)).toEqual(scans.map(() => 200));
    people.forEach((p, i) => expect(new Set(answers.slice(i * 3, i * 3 + 3).map((r) => r.body.id)).size, p.memberId).toBe(1));
    const rows = await env.database.db.selectFrom('class_check_ins').select(['attendee_id']).where('tenant_id', '=', t.tenantId).where('session_id', '=', session.id).execute();
    expect(rows.map((r) => r.attendee_id).sort()).toEqual(people.map((p) => p.memberId).sort());
    for (const p of people) expect((await card(c, p.cardId)).sessions).toMatchObject({ remaining: 9, held: 0 });
    const repeats = await env.database.db.selectFrom('audit_logs').select('id').where('tenant_id', '=', t.tenantId).where('action', '=', 'course.check_in.repeat').execute();
    expect(repeats).toHaveLength(8);
  });

  it('check-in by member number consumes the hold once (a repeated scan returns the same check-in), undo re-credits, walk-ins take free places', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { course } = await classSetup(c, t.storeId, { capacity: 2 });
    const session = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 0, 2) });
    const a = await memberWithCard(c, t.storeId, '甲');
    const b = await memberWithCard(c, t.storeId, '乙');
    const walk = await memberWithCard(c, t.storeId, '丙');
    const member = (await c.get(`/api/v1/members/${a.memberId}`)).body;
    const ba = await book(c, { sessionId: session.id, attendeeId: a.memberId });
    expect((await c.post(`/api/v1/class-sessions/${session.id}/check-ins`, { code: member.memberNo }, idem())).body.error.code).toBe('COURSE_CHECKIN_NOT_OPEN');
    env.clock.advance(90 * MINUTE);
    await c.relogin();
    const teacher = await env.newStaff(t, { roles: ['teacher'] });

    const first = await teacher.post(`/api/v1/class-sessions/${session.id}/check-ins`, { code: member.memberNo }, idem());
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ bookingId: ba.body.id, attendeeId: a.memberId, method: 'member_no', cardId: a.cardId, isWalkIn: false, sessionsRemaining: 9 });
    const again = await c.post(`/api/v1/class-sessions/${session.id}/check-ins`, { code: member.memberNo }, idem());
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const rows = await env.database.db.selectFrom('class_check_ins').select('id').where('tenant_id', '=', t.tenantId).execute();
    expect(rows).toHaveLength(1);
    expect((await card(c, a.cardId)).sessions).toMatchObject({ remaining: 9, held: 0 });
    expect((await c.get(`/api/v1/bookings/${ba.body.id}`)).body.status).toBe('attended');

    // Undo within the window: the session comes back and the booking is held again.
    const undo = await c.post(`/api/v1/class-check-ins/${first.body.id}/undo`, { reason: '扫错人' }, idem());
    expect(undo.status, undo.text).toBe(200);
    expect(undo.body).toMatchObject({ undoReason: '扫错人' });
    expect((await card(c, a.cardId)).sessions).toMatchObject({ remaining: 10, held: 1 });
    expect((await c.get(`/api/v1/bookings/${ba.body.id}`)).body.status).toBe('confirmed');
    expect((await c.post(`/api/v1/class-check-ins/${first.body.id}/undo`, { reason: '再撤' }, idem())).body.error.code).toBe('COURSE_CHECKIN_UNDONE');
    // Checked in again by the mobile tail.
    const mobile = (await env.database.db.selectFrom('members').select('mobile').where('id', '=', a.memberId).executeTakeFirstOrThrow()).mobile!;
    const byTail = await c.post(`/api/v1/class-sessions/${session.id}/check-ins`, { code: mobile.slice(-4) }, idem());
    expect(byTail.status, byTail.text).toBe(200);
    expect(byTail.body).toMatchObject({ method: 'mobile_tail', bookingId: ba.body.id });
    expect(byTail.body.id).not.toBe(first.body.id);

    // A walk-in takes the free place and consumes a session at once; then the class is full.
    const w = await c.post(`/api/v1/class-sessions/${session.id}/check-ins`, { attendeeId: walk.memberId }, idem());
    expect(w.status, w.text).toBe(200);
    expect(w.body).toMatchObject({ isWalkIn: true, cardId: walk.cardId, sessionsRemaining: 9 });
    const full = await c.post(`/api/v1/class-sessions/${session.id}/check-ins`, { attendeeId: b.memberId }, idem());
    expect(full.body.error.code).toBe('COURSE_SESSION_FULL');
    expect((await c.post(`/api/v1/class-sessions/${session.id}/check-ins`, { code: '99999999' }, idem())).body.error.code).toBe('COURSE_CHECKIN_UNKNOWN');

    // Walk-ins off: a member without a booking is refused.
    const s = (await c.get('/api/v1/course-settings')).body;
    expect((await c.put('/api/v1/course-settings', { ...s, isWalkInAllowed: false })).status).toBe(200);
    const otherTeacher = (await c.post('/api/v1/teachers', { name: '吴老师', skills: ['yoga'] })).body;
    const session2 = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: otherTeacher.id, startsAt: inDays(env, 0, 0.5) });
    const refused = await c.post(`/api/v1/class-sessions/${session2.id}/check-ins`, { attendeeId: b.memberId }, idem());
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('COURSE_CHECKIN_NO_BOOKING');
    expect((await card(c, b.cardId)).sessions).toMatchObject({ remaining: 10, held: 0 });
    // Undo after the window is refused.
    env.clock.advance(31 * MINUTE);
    await c.relogin();
    expect((await c.post(`/api/v1/class-check-ins/${w.body.id}/undo`, { reason: '晚了' }, idem())).body.error.code).toBe('COURSE_CHECKIN_UNDO_EXPIRED');
    const tl = await c.get(`/api/v1/members/${a.memberId}/timeline`);
    expect(tl.body.items.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(['class.checked_in', 'class.check_in_undone']));
  });

  it('a time card with a daily cap of one books one class a day: the second is refused with the card’s reason', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { course } = await classSetup(c, t.storeId);
    const memberId = await createMember(c, '月卡会员');
    const month = await yogaProduct(c, { kind: 'time', sessions: undefined, validity: { unit: 'month', count: 1 }, perDayCap: 1 });
    const { card: monthCard } = await sellCard(c, { storeId: t.storeId, memberId, productId: month.id });
    const morning = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 2) });
    const teacher2 = (await c.post('/api/v1/teachers', { name: '晚班老师' })).body;
    const evening = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: teacher2.id, startsAt: inDays(env, 2, 3) });
    const first = await book(c, { sessionId: morning.id, attendeeId: memberId });
    expect(first.status, first.text).toBe(201);
    expect(first.body.cardId).toBe(monthCard.id);
    const second = await book(c, { sessionId: evening.id, attendeeId: memberId });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CARD_NO_ELIGIBLE_CARD');
    expect(second.body.error.details.ineligible).toEqual([expect.objectContaining({ cardId: monthCard.id, code: 'CARD_DAILY_CAP' })]);
    expect((await c.get(`/api/v1/class-sessions/${evening.id}`)).body.booked).toBe(0);
  });

  it('leave (请假) releases the session and grants a make-up credit (补课) for another class of the course within the period', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { course } = await classSetup(c, t.storeId);
    const other = (await classSetup(c, t.storeId)).course;
    const first = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 2) });
    const far = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 12) });
    const tooFar = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 40) });
    const otherCourse = await oneOff(c, { courseId: other.id, storeId: t.storeId, startsAt: inDays(env, 3) });
    const a = await memberWithCard(c, t.storeId, '甲');
    const booked = await book(c, { sessionId: first.id, attendeeId: a.memberId });
    const leave = await c.post(`/api/v1/bookings/${booked.body.id}/leave`, { reason: '出差' }, idem());
    expect(leave.status, leave.text).toBe(200);
    expect(leave.body.booking).toMatchObject({ status: 'on_leave', cancelReason: '出差' });
    expect(leave.body.makeupCredit).toMatchObject({ status: 'open', courseId: course.id, attendeeId: a.memberId, sourceBookingId: booked.body.id });
    expect((await card(c, a.cardId)).sessions).toMatchObject({ remaining: 10, held: 0 });
    expect((await c.post(`/api/v1/bookings/${booked.body.id}/leave`, {}, idem())).body.error.code).toBe('COURSE_LEAVE_STATUS');
    const creditId = leave.body.makeupCredit.id;

    expect((await book(c, { sessionId: otherCourse.id, attendeeId: a.memberId, makeupCreditId: creditId })).body.error.code).toBe('COURSE_MAKEUP_MISMATCH');
    expect((await book(c, { sessionId: tooFar.id, attendeeId: a.memberId, makeupCreditId: creditId })).body.error.code).toBe('COURSE_MAKEUP_EXPIRED');
    // Without the credit the class 12 days ahead is not open yet; with it, it is.
    expect((await book(c, { sessionId: far.id, attendeeId: a.memberId })).body.error.code).toBe('COURSE_BOOKING_NOT_OPEN');
    const makeup = await book(c, { sessionId: far.id, attendeeId: a.memberId, makeupCreditId: creditId });
    expect(makeup.status, makeup.text).toBe(201);
    expect(makeup.body).toMatchObject({ status: 'confirmed', makeupCreditId: creditId });
    expect((await card(c, a.cardId)).sessions.held).toBe(1);
    const credits = await c.get(`/api/v1/makeup-credits?attendeeId=${a.memberId}`);
    expect(credits.body.items).toEqual([expect.objectContaining({ id: creditId, status: 'used', usedBookingId: makeup.body.id })]);
    expect((await book(c, { sessionId: first.id, attendeeId: a.memberId, makeupCreditId: creditId })).body.error.code).toBe('COURSE_MAKEUP_USED');
    // Cancelling the make-up in time gives the credit back.
    expect((await c.post(`/api/v1/bookings/${makeup.body.id}/cancel`, {}, idem())).body.status).toBe('cancelled');
    expect((await c.get(`/api/v1/makeup-credits?attendeeId=${a.memberId}&status=open`)).body.items).toHaveLength(1);

    // Leave inside the late-cancel window is refused.
    const soon = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 0, 1) });
    const sb = await book(c, { sessionId: soon.id, attendeeId: a.memberId });
    const late = await c.post(`/api/v1/bookings/${sb.body.id}/leave`, {}, idem());
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('COURSE_LEAVE_TOO_LATE');
    expect((await c.get(`/api/v1/bookings/${sb.body.id}`)).body.status).toBe('confirmed');
  });

  it('100 concurrent bookings for a 30-seat class: exactly 30 confirmed with 30 card holds, the rest waitlisted in order', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { course } = await classSetup(c, t.storeId, { capacity: 30 });
    const session = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inDays(env, 1) });
    const product = await yogaProduct(c);
    const people: { memberId: string; cardId: string }[] = [];
    for (let i = 0; i < 100; i += 10) {
      people.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, async (_, j) => {
            const memberId = await createMember(c, `会员${i + j}`);
            const { card: k } = await sellCard(c, { storeId: t.storeId, memberId, productId: product.id });
            return { memberId, cardId: k.id };
          }),
        )),
      );
    }
    const results = await Promise.all(people.map((p, i) => book(c, { sessionId: session.id, attendeeId: p.memberId, joinWaitlist: i % 2 === 0 })));
    const confirmed = results.filter((r) => r.status === 201 && r.body.status === 'confirmed');
    const waitlisted = results.filter((r) => r.status === 201 && r.body.status === 'waitlisted');
    const refused = results.filter((r) => r.status !== 201);
    expect(confirmed).toHaveLength(30);
    expect(waitlisted.length + refused.length).toBe(70);
    expect(new Set(refused.map((r) => r.body.error.code))).toEqual(new Set(['COURSE_SESSION_FULL']));
    const roster = (await c.get(`/api/v1/class-sessions/${session.id}`)).body;
    expect(roster).toMatchObject({ booked: 30, waitlisted: waitlisted.length, available: 0 });
    expect(roster.waitlist.map((w: { waitlistPosition: number }) => w.waitlistPosition)).toEqual(waitlisted.map((_, i) => i + 1));
    const holds = await env.database.db.selectFrom('card_holds').select(['card_id']).where('tenant_id', '=', t.tenantId).where('status', '=', 'held').execute();
    expect(holds).toHaveLength(30);
    expect(new Set(holds.map((h) => h.card_id))).toEqual(new Set(confirmed.map((r) => r.body.cardId)));
  }, 240_000);
});
