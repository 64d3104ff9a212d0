import { expect, it } from 'vitest';
import { claimLease, coreJobs } from '../../src/jobs/runner';
import { DAY, HOUR, MINUTE } from '../../src/shared/clock';
import { coachSetup, freeSlots, memberWithPackage, privateProduct } from '../fixtures/appointments';
import { idem, sellCard, yogaProduct } from '../fixtures/cards';
import { card, classSetup, oneOff } from '../fixtures/classes';
import { createMember } from '../fixtures/money';
import { describeEachDb, type TestEnv } from '../helpers/env';

/** 1:1 appointments: coach availability, free slots, booking against private-lesson packages, cancel, complete, no-show. */
describeEachDb('appointments: coach availability and 1:1 bookings', (use) => {
  // Business days in the tenant's time zone (Asia/Shanghai, UTC+8).
  const day = (env: TestEnv, n: number) => new Date(env.clock.now().getTime() + 8 * HOUR + n * DAY).toISOString().slice(0, 10);
  const book = (c: any, body: Record<string, unknown>, key = idem()) => c.post('/api/v1/appointments', body, key);
  const outbox = (env: TestEnv, tenantId: string, topic: string) => env.database.db.selectFrom('outbox_events').selectAll().where('tenant_id', '=', tenantId).where('topic', '=', topic).execute();

  it('free slots subtract appointments and group classes; booking holds a session on the private package; complete consumes it exactly once', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const coach = await coachSetup(c, t.storeId, { coachLevel: 'senior' });
    const product = await privateProduct(c, { coachLevel: 'senior' });
    const a = await memberWithPackage(c, t.storeId, product.id, '私教甲');
    // A count card that would pay for anything is not a private-lesson package: never chosen.
    const { card: countCard } = await sellCard(c, { storeId: t.storeId, memberId: a.memberId, productId: (await yogaProduct(c, { coverage: [{ type: 'any', id: '' }] })).id });
    const d1 = day(env, 2);

    const slots = await freeSlots(c, coach.id, t.storeId, d1);
    expect(slots.map((s) => s.startsAt)).toEqual([`${d1}T01:00:00.000Z`, `${d1}T02:00:00.000Z`, `${d1}T03:00:00.000Z`]);
    const choice = await c.get(`/api/v1/appointment-cards?teacherId=${coach.id}&storeId=${t.storeId}&attendeeId=${a.memberId}&startsAt=${slots[0].startsAt}`);
    expect(choice.status, choice.text).toBe(200);
    expect(choice.body.eligible).toEqual([expect.objectContaining({ cardId: a.cardId, sessionsAvailable: 10 })]);
    expect(choice.body.ineligible).toEqual([expect.objectContaining({ cardId: countCard.id, code: 'APPOINTMENT_CARD_NOT_PRIVATE' })]);

    const key = idem();
    const r = await book(c, { teacherId: coach.id, storeId: t.storeId, startsAt: slots[0].startsAt, attendeeId: a.memberId, note: '肩颈放松' }, key);
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ status: 'booked', teacherId: coach.id, teacherName: coach.name, memberId: a.memberId, attendeeId: a.memberId, attendeeName: '私教甲', cardId: a.cardId, businessDate: d1, startsAt: slots[0].startsAt, endsAt: slots[1].startsAt, sessionsRemaining: 10, note: '肩颈放松' });
    expect((await card(c, a.cardId)).sessions).toMatchObject({ remaining: 10, held: 1 });
    // The coach's booked 1:1 time refuses a group class for them, directly or as a substitute; nothing is created.
    const pilates = await c.post('/api/v1/courses', { name: '普拉提小班', category: 'pilates', durationMinutes: 60, capacity: 6, price: 10000, defaultTeacherId: coach.id });
    expect(pilates.status, pilates.text).toBe(201);
    const clash = await c.post('/api/v1/class-sessions', { courseId: pilates.body.id, storeId: t.storeId, teacherId: coach.id, startsAt: slots[0].startsAt });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'COURSE_TEACHER_OVERLAP', details: { appointmentId: r.body.id } });
    expect(clash.body.error.message).toContain('私教预约');
    const other = await c.post('/api/v1/teachers', { name: '代课老师', skills: [] });
    const cls = await c.post('/api/v1/class-sessions', { courseId: pilates.body.id, storeId: t.storeId, teacherId: other.body.id, startsAt: slots[0].startsAt });
    expect(cls.status, cls.text).toBe(201);
    const sub = await c.patch(`/api/v1/class-sessions/${cls.body.id}`, { substituteTeacherId: coach.id });
    expect(sub.status).toBe(409);
    expect(sub.body.error.code).toBe('COURSE_TEACHER_OVERLAP');
    const sessions = await c.get(`/api/v1/class-sessions?from=${d1}&to=${d1}&teacherId=${coach.id}`);
    expect(sessions.body.items).toEqual([]);
    const hold = await c.get(`/api/v1/card-holds/${r.body.holdId}`);
    expect(hold.body).toMatchObject({ status: 'held', ref: { type: 'appointment', id: r.body.id } });
    // A retry with the same key replays; nothing is held twice.
    const again = await book(c, { teacherId: coach.id, storeId: t.storeId, startsAt: slots[0].startsAt, attendeeId: a.memberId, note: '肩颈放松' }, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(r.body.id);
    expect((await card(c, a.cardId)).sessions.held).toBe(1);
    expect(await outbox(env, t.tenantId, 'appointment.booked')).toHaveLength(1);
    const tl = await c.get(`/api/v1/members/${a.memberId}/timeline`);
    expect(tl.body.items.map((i: { kind: string }) => i.kind)).toContain('appointment.booked');

    // The coach's group class (read through the course module) takes its slot too.
    const { course } = await classSetup(c, t.storeId);
    await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: coach.id, startsAt: `${d1}T03:30:00.000Z` });
    expect((await freeSlots(c, coach.id, t.storeId, d1)).map((s) => s.startsAt)).toEqual([slots[1].startsAt]);
    const all = await c.get(`/api/v1/coach-slots?teacherId=${coach.id}&storeId=${t.storeId}&from=${d1}&to=${d1}&includeUnavailable=true`);
    expect(all.body.items.map((s: { status: string }) => s.status)).toEqual(['booked', 'free', 'class']);
    const list = await c.get(`/api/v1/appointments?teacherId=${coach.id}&from=${d1}&to=${d1}`);
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([r.body.id]);

    // Completing before an hour ahead is refused; at the start it consumes the held session — once.
    const early = await c.post(`/api/v1/appointments/${r.body.id}/complete`, {}, idem());
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('APPOINTMENT_TOO_EARLY');
    env.clock.set(new Date(slots[0].startsAt));
    await c.relogin();
    const done = await c.post(`/api/v1/appointments/${r.body.id}/complete`, {}, idem());
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', sessionsRemaining: 9 });
    const twice = await c.post(`/api/v1/appointments/${r.body.id}/complete`, {}, idem());
    expect(twice.status).toBe(200);
    expect(twice.body).toMatchObject({ status: 'completed', sessionsRemaining: 9 });
    expect((await card(c, a.cardId)).sessions).toMatchObject({ remaining: 9, held: 0 });
    const usages = await env.database.db.selectFrom('card_usages').selectAll().where('tenant_id', '=', t.tenantId).where('card_id', '=', a.cardId).execute();
    expect(usages.map((u) => [u.kind, u.sessions])).toEqual([['consume', 1]]);
    const entries = await c.get(`/api/v1/member-cards/${a.cardId}`);
    expect(entries.body.sessions.used).toBe(1);
    // A completed appointment cannot be cancelled.
    expect((await c.post(`/api/v1/appointments/${r.body.id}/cancel`, {}, idem())).body.error.code).toBe('APPOINTMENT_STATUS');
    expect((await c.get(`/api/v1/members/${a.memberId}/timeline`)).body.items.map((i: { kind: string }) => i.kind)).toContain('appointment.completed');
    // The member's data export carries the appointment.
    expect(JSON.stringify((await c.get(`/api/v1/members/${a.memberId}/data-export`)).body)).toContain(r.body.id);
  });

  it('bad input: taken slots, overlaps, the booking window, cards that are not private or for another coach level, exceptions — clear errors, nothing changed; cancel in time releases, late forfeits', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const coach = await coachSetup(c, t.storeId, { coachLevel: 'senior' });
    const coach2 = await coachSetup(c, t.storeId, { coachLevel: 'junior' });
    const product = await privateProduct(c);
    const a = await memberWithPackage(c, t.storeId, product.id, '甲');
    const b = await memberWithPackage(c, t.storeId, product.id, '乙');
    const d1 = day(env, 3);
    const [s1, s2] = await freeSlots(c, coach.id, t.storeId, d1);
    const at = (body: Record<string, unknown>) => book(c, { teacherId: coach.id, storeId: t.storeId, startsAt: s1.startsAt, attendeeId: a.memberId, ...body });
    expect((await at({})).status).toBe(201);

    const taken = await at({ attendeeId: b.memberId });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('APPOINTMENT_SLOT_TAKEN');
    const overlap = await book(c, { teacherId: coach2.id, storeId: t.storeId, startsAt: s1.startsAt, attendeeId: a.memberId });
    expect(overlap.body.error.code).toBe('APPOINTMENT_MEMBER_OVERLAP');
    const offGrid = await at({ attendeeId: b.memberId, startsAt: `${d1}T01:30:00.000Z` });
    expect(offGrid.body.error.code).toBe('APPOINTMENT_SLOT_UNAVAILABLE');
    const tooFar = await at({ attendeeId: b.memberId, startsAt: `${day(env, 20)}T01:00:00.000Z` });
    expect(tooFar.body.error.code).toBe('APPOINTMENT_TOO_FAR');
    expect(tooFar.body.error.message).toBe('最多可预约 14 天内的时段');
    const noCard = await at({ attendeeId: await createMember(c, '丙'), startsAt: s2.startsAt });
    expect(noCard.body.error.code).toBe('APPOINTMENT_NO_PRIVATE_CARD');
    const { card: yoga } = await sellCard(c, { storeId: t.storeId, memberId: b.memberId, productId: (await yogaProduct(c, { coverage: [{ type: 'any', id: '' }] })).id });
    const notPrivate = await at({ attendeeId: b.memberId, startsAt: s2.startsAt, cardId: yoga.id });
    expect(notPrivate.body.error.code).toBe('APPOINTMENT_CARD_NOT_PRIVATE');
    // A package for junior coaches is refused for a senior coach (the card module's rule).
    const junior = await memberWithPackage(c, t.storeId, (await privateProduct(c, { coachLevel: 'junior' })).id, '丁');
    const level = await at({ attendeeId: junior.memberId, startsAt: s2.startsAt, cardId: junior.cardId });
    expect(level.body.error.code).toBe('CARD_COACH_LEVEL');
    expect((await at({ attendeeId: junior.memberId, startsAt: s2.startsAt })).body.error.code).toBe('APPOINTMENT_NO_PRIVATE_CARD');
    const en = await c.request('POST', '/api/v1/appointments', { teacherId: coach.id, storeId: t.storeId, startsAt: s1.startsAt, attendeeId: b.memberId }, { ...idem(), 'accept-language': 'en' });
    expect(en.body.error.message).toBe('This slot is already booked');
    const bad = await at({ startsAt: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const rows = await env.database.db.selectFrom('appointments').select('id').where('tenant_id', '=', t.tenantId).execute();
    expect(rows).toHaveLength(1);
    const held = await env.database.db.selectFrom('card_holds').select('id').where('tenant_id', '=', t.tenantId).where('status', '=', 'held').execute();
    expect(held).toHaveLength(1);

    // Availability: overlapping windows refused; a day off removes the day; extra hours add slots.
    const clash = await c.put(`/api/v1/coach-availability/${coach.id}`, { storeId: t.storeId, windows: [{ weekday: 1, startTime: '09:00', endTime: '12:00', slotMinutes: 60 }, { weekday: 1, startTime: '11:00', endTime: '13:00', slotMinutes: 60 }] });
    expect(clash.status).toBe(400);
    expect(clash.body.error.code).toBe('APPOINTMENT_WINDOWS_OVERLAP');
    expect((await c.get(`/api/v1/coach-availability/${coach.id}?storeId=${t.storeId}`)).body.windows).toHaveLength(7);
    const d2 = day(env, 4);
    const off = await c.post(`/api/v1/coach-availability/${coach.id}/exceptions`, { storeId: t.storeId, onDate: d2, kind: 'off', reason: '休假' });
    expect(off.status, off.text).toBe(201);
    expect(await freeSlots(c, coach.id, t.storeId, d2)).toEqual([]);
    expect((await c.post(`/api/v1/coach-availability/${coach.id}/exceptions`, { storeId: t.storeId, onDate: d2, kind: 'extra', startTime: '19:00', endTime: '20:00' })).status).toBe(201);
    expect((await freeSlots(c, coach.id, t.storeId, d2)).map((s) => s.startsAt)).toEqual([`${d2}T11:00:00.000Z`]);
    expect((await c.delete(`/api/v1/coach-availability-exceptions/${off.body.id}`)).status).toBe(200);
    expect(await freeSlots(c, coach.id, t.storeId, d2)).toHaveLength(4);

    // Cancel in time: the session is released and the slot is free again.
    const bk = await at({ attendeeId: b.memberId, startsAt: s2.startsAt });
    expect(bk.status, bk.text).toBe(201);
    const cancel = await c.post(`/api/v1/appointments/${bk.body.id}/cancel`, { reason: '临时有事' }, idem());
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body).toMatchObject({ status: 'cancelled', cancelReason: '临时有事', sessionsRemaining: 10 });
    expect((await card(c, b.cardId)).sessions).toMatchObject({ remaining: 10, held: 0 });
    expect((await freeSlots(c, coach.id, t.storeId, d1)).map((s) => s.startsAt)).toContain(s2.startsAt);
    expect((await c.post(`/api/v1/appointments/${bk.body.id}/cancel`, {}, idem())).body.error.code).toBe('APPOINTMENT_STATUS');
    expect(await outbox(env, t.tenantId, 'appointment.cancelled')).toHaveLength(1);

    // Late (within 12 hours): the session is forfeited.
    const late = await at({ attendeeId: b.memberId, startsAt: s2.startsAt });
    expect(late.status, late.text).toBe(201);
    env.clock.set(new Date(Date.parse(s2.startsAt) - 2 * HOUR));
    await c.relogin();
    const lc = await c.post(`/api/v1/appointments/${late.body.id}/cancel`, {}, idem());
    expect(lc.body).toMatchObject({ status: 'late_cancelled', sessionsRemaining: 9 });
    expect((await card(c, b.cardId)).sessions).toMatchObject({ remaining: 9, held: 0 });
    // A no-show only once started; half an hour before the next slot it is too soon to book it.
    const first = (await c.get(`/api/v1/appointments?memberId=${a.memberId}`)).body.items[0];
    expect((await c.post(`/api/v1/appointments/${first.id}/no-show`, {}, idem())).body.error.code).toBe('APPOINTMENT_NO_SHOW_TOO_EARLY');
    env.clock.advance(90 * MINUTE);
    await c.relogin();
    const soon = await at({ attendeeId: b.memberId, startsAt: s2.startsAt });
    expect(soon.body.error.code).toBe('APPOINTMENT_TOO_SOON');
    const ns = await c.post(`/api/v1/appointments/${first.id}/no-show`, {}, idem());
    expect(ns.body).toMatchObject({ status: 'no_show', sessionsRemaining: 9 });
  });

  it('security: a coach sees and completes only their own appointments; the desk books; other tenants see nothing', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const coachStaff = await env.newStaff(t, { roles: ['teacher'] });
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const mine = await coachSetup(c, t.storeId, { staffId: coachStaff.me.staff.id });
    const other = await coachSetup(c, t.storeId);
    const product = await privateProduct(c);
    const a = await memberWithPackage(c, t.storeId, product.id, '甲');
    const d1 = day(env, 1);
    const [s1] = await freeSlots(c, mine.id, t.storeId, d1);
    const withMine = await book(desk, { teacherId: mine.id, storeId: t.storeId, startsAt: s1.startsAt, attendeeId: a.memberId });
    expect(withMine.status, withMine.text).toBe(201);
    const slotOther = (await freeSlots(c, other.id, t.storeId, d1))[1];
    const withOther = await book(desk, { teacherId: other.id, storeId: t.storeId, startsAt: slotOther.startsAt, attendeeId: a.memberId });
    expect(withOther.status, withOther.text).toBe(201);

    const denied = await book(coachStaff, { teacherId: mine.id, storeId: t.storeId, startsAt: slotOther.startsAt, attendeeId: a.memberId });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'appointment.manage' } });
    expect((await coachStaff.put(`/api/v1/coach-availability/${mine.id}`, { storeId: t.storeId, windows: [] })).status).toBe(403);
    const seen = await coachStaff.get('/api/v1/appointments');
    expect(seen.body.items.map((x: { id: string }) => x.id)).toEqual([withMine.body.id]);
    expect((await coachStaff.get('/api/v1/coaches')).body.items.map((x: { teacherId: string }) => x.teacherId)).toEqual([mine.id]);
    expect((await coachStaff.get(`/api/v1/appointments/${withOther.body.id}`)).body.error.code).toBe('APPOINTMENT_NOT_YOURS');

    env.clock.set(new Date(Date.parse(slotOther.startsAt)));
    await coachStaff.relogin();
    const notMine = await coachStaff.post(`/api/v1/appointments/${withOther.body.id}/complete`, {}, idem());
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('APPOINTMENT_NOT_YOURS');
    const ok = await coachStaff.post(`/api/v1/appointments/${withMine.body.id}/complete`, {}, idem());
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.status).toBe('completed');

    const t2 = await env.newTenant();
    expect((await t2.owner.get(`/api/v1/appointments/${withMine.body.id}`)).status).toBe(404);
    expect((await t2.owner.get(`/api/v1/coach-slots?teacherId=${mine.id}&storeId=${t2.storeId}&from=${d1}&to=${d1}`)).body.error.code).toBe('APPOINTMENT_COACH_NOT_FOUND');
    expect((await t2.owner.post(`/api/v1/appointments/${withOther.body.id}/cancel`, {}, idem())).status).toBe(404);
  });

  it('a child books with the guardian’s package named as family user', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const coach = await coachSetup(c, t.storeId);
    const parent = await createMember(c, '张妈妈');
    const texts = (await c.get('/api/v1/consent-texts')).body.items as { id: string; kind: string }[];
    const kid = await c.post(`/api/v1/members/${parent}/dependents`, { name: '张小宝', birthday: '2019-05-01', relation: '妈妈', consent: { textId: texts.find((x) => x.kind === 'child')!.id } });
    expect(kid.status, kid.text).toBe(201);
    const product = await privateProduct(c, { familyPolicy: { isAllowed: true, maxMembers: 2 } });
    const { card: pkg } = await sellCard(c, { storeId: t.storeId, memberId: parent, productId: product.id });
    const [s1] = await freeSlots(c, coach.id, t.storeId, day(env, 1));
    expect((await book(c, { teacherId: coach.id, storeId: t.storeId, startsAt: s1.startsAt, attendeeId: kid.body.id })).body.error.code).toBe('APPOINTMENT_NO_PRIVATE_CARD');
    expect((await c.post(`/api/v1/member-cards/${pkg.id}/family-members`, { userId: kid.body.id, relation: '孩子' })).status).toBe(201);
    const r = await book(c, { teacherId: coach.id, storeId: t.storeId, startsAt: s1.startsAt, attendeeId: kid.body.id });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ memberId: parent, attendeeId: kid.body.id, attendeeName: '张小宝', cardId: pkg.id });
  });

  it('20 concurrent bookings of one slot: exactly one succeeds, one session held', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const coach = await coachSetup(c, t.storeId);
    const product = await privateProduct(c);
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => memberWithPackage(c, t.storeId, product.id, `会员${i}`)));
    const [s1] = await freeSlots(c, coach.id, t.storeId, day(env, 1));
    const results = await Promise.all(people.map((p) => book(c, { teacherId: coach.id, storeId: t.storeId, startsAt: s1.startsAt, attendeeId: p.memberId })));
    const okOnes = results.filter((r) => r.status === 201);
    expect(okOnes).toHaveLength(1);
    expect(new Set(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.error.code}`))).toEqual(new Set(['409 APPOINTMENT_SLOT_TAKEN']));
    const holds = await env.database.db.selectFrom('card_holds').select(['card_id']).where('tenant_id', '=', t.tenantId).where('status', '=', 'held').execute();
    expect(holds.map((h) => h.card_id)).toEqual([okOnes[0].body.cardId]);
    const rows = await env.database.db.selectFrom('appointments').select('id').where('tenant_id', '=', t.tenantId).execute();
    expect(rows).toHaveLength(1);
  }, 120_000);

  it('the no-show job: booked appointments past their end (plus the grace) become no-shows once — the session consumed, timeline and audit once; a completed one is left alone; the job is leased', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const coach = await coachSetup(c, t.storeId);
    const product = await privateProduct(c);
    const [a, b, x] = await Promise.all(['甲', '乙', '丙'].map((n) => memberWithPackage(c, t.storeId, product.id, `未到${n}`)));
    const [s1, s2, s3] = await freeSlots(c, coach.id, t.storeId, day(env, 1));
    const ra = await book(c, { teacherId: coach.id, storeId: t.storeId, startsAt: s1.startsAt, attendeeId: a.memberId });
    const rb = await book(c, { teacherId: coach.id, storeId: t.storeId, startsAt: s2.startsAt, attendeeId: b.memberId });
    const rx = await book(c, { teacherId: coach.id, storeId: t.storeId, startsAt: s3.startsAt, attendeeId: x.memberId });
    expect([ra.status, rb.status, rx.status]).toEqual([201, 201, 201]);
    const statuses = async () => Object.fromEntries((await env.database.db.selectFrom('appointments').select(['id', 'status']).where('tenant_id', '=', t.tenantId).execute()).map((r) => [r.id, r.status]));
    const audits = async () => (await env.database.db.selectFrom('audit_logs').select('entity_id').where('tenant_id', '=', t.tenantId).where('action', '=', 'appointment.no_show').execute()).map((r) => r.entity_id).sort();

    // b completes at the desk; then 10 minutes after a's end (inside the grace) the job leaves a booked.
    env.clock.set(new Date(s2.startsAt));
    await c.relogin();
    expect((await c.post(`/api/v1/appointments/${rb.body.id}/complete`, {}, idem())).status).toBe(200);
    env.clock.set(new Date(Date.parse(s1.endsAt) + 10 * MINUTE));
    await env.services.appointments.runNoShows();
    expect(await statuses()).toEqual({ [ra.body.id]: 'booked', [rb.body.id]: 'completed', [rx.body.id]: 'booked' });

    // Past a's end plus the grace: a becomes a no-show; x (not ended yet) stays booked.
    env.clock.set(new Date(Date.parse(s1.endsAt) + 16 * MINUTE));
    await env.services.appointments.runNoShows();
    expect(await statuses()).toEqual({ [ra.body.id]: 'no_show', [rb.body.id]: 'completed', [rx.body.id]: 'booked' });

    // After x's end: two sweeps at once (as two processes would, were the lease not there) mark x exactly once.
    env.clock.set(new Date(Date.parse(s3.endsAt) + 20 * MINUTE));
    await Promise.all([env.services.appointments.runNoShows(), env.services.appointments.runNoShows()]);
    await env.services.appointments.runNoShows();
    expect(await statuses()).toEqual({ [ra.body.id]: 'no_show', [rb.body.id]: 'completed', [rx.body.id]: 'no_show' });
    await c.relogin();
    for (const p of [a, b, x]) expect((await card(c, p.cardId)).sessions).toMatchObject({ remaining: 9, held: 0, used: 1 });
    expect(await audits()).toEqual([ra.body.id, rx.body.id].sort());
    const tl = await c.get(`/api/v1/members/${x.memberId}/timeline`);
    expect(tl.body.items.filter((i: { kind: string }) => i.kind === 'appointment.no_show')).toHaveLength(1);
    // The manual path answers the same no-show (no second consumption).
    const again = await c.post(`/api/v1/appointments/${rx.body.id}/no-show`, {}, idem());
    expect(again.body).toMatchObject({ status: 'no_show', sessionsRemaining: 9 });

    // The job is registered and leased: of two processes claiming it at once, one runs it per interval.
    const job = coreJobs.find((j) => j.name === 'appointments.no-shows')!;
    expect(job).toBeDefined();
    const claims = await Promise.all([claimLease(env.services, job, 'proc-a'), claimLease(env.services, job, 'proc-b')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await job.run(env.services)).toMatch(/^marked \d+ appointment no-shows$/);
  });
});
