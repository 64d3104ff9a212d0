import { expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../src/shared/clock';
import { idem, sellCard, yogaProduct } from '../fixtures/cards';
import { book, card, classSetup, memberWithCard, oneOff } from '../fixtures/classes';
import { createMember } from '../fixtures/money';
import type { TestClient } from '../helpers/client';
import { describeEachDb, type TestEnv } from '../helpers/env';

/** The teacher view: my classes with rosters (allergies, notes), attendance marking, class feedback to parents. */
describeEachDb('classes: teacher view', (use) => {
  const inHours = (env: TestEnv, hours: number) => new Date(env.clock.now().getTime() + hours * HOUR).toISOString();

  /** Two teachers with staff accounts, a children's course, a parent with a child (peanut allergy) on a family card. */
  async function setup(env: TestEnv) {
    const t = await env.newTenant();
    const c = t.owner;
    const staffA = await env.newStaff(t, { roles: ['teacher'] });
    const staffB = await env.newStaff(t, { roles: ['teacher'] });
    const teacherA = (await c.post('/api/v1/teachers', { name: '王老师', staffId: staffA.me.staff.id, skills: ['music'] })).body;
    const teacherB = (await c.post('/api/v1/teachers', { name: '赵老师', staffId: staffB.me.staff.id, skills: ['music'] })).body;
    expect(teacherA.id).toMatch(/^tch_/);
    const { course } = await classSetup(c, t.storeId, { name: `亲子音乐${Math.random().toString(36).slice(2, 6)}` });
    const parent = await createMember(c, '张妈妈');
    const texts = (await c.get('/api/v1/consent-texts')).body.items as { id: string; kind: string }[];
    const consent = { textId: texts.find((x) => x.kind === 'child')!.id };
    const birthday = new Date(env.clock.now().getTime() - 4 * 365 * DAY).toISOString().slice(0, 10);
    const kid = (await c.post(`/api/v1/members/${parent}/dependents`, { name: '张小宝', birthday, allergies: '花生', specialNeeds: '怕吵', notes: '妈妈 5 点接', relation: '妈妈', consent })).body;
    const product = await yogaProduct(c, { familyPolicy: { isAllowed: true, maxMembers: 3 } });
    const { card: famCard } = await sellCard(c, { storeId: t.storeId, memberId: parent, productId: product.id });
    expect((await c.post(`/api/v1/member-cards/${famCard.id}/family-members`, { userId: kid.id, relation: '孩子' })).status).toBe(201);
    return { t, c, staffA, staffB, teacherA, teacherB, course, parent, kid, famCard };
  }

  const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((i) => i.id);
  const mark = (client: TestClient, sessionId: string, marks: { bookingId: string; mark: 'present' | 'absent' }[], key = idem()) => client.post(`/api/v1/teacher/classes/${sessionId}/attendance`, { marks }, key);

  it('a teacher sees their own classes and substitutions (not the ones a substitute took over) with children’s allergies and notes; other teachers’ classes are refused', async () => {
    const env = use();
    const { t, c, staffA, staffB, teacherA, teacherB, course, parent, kid } = await setup(env);
    const s1 = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: teacherA.id, startsAt: inHours(env, 20) });
    const s2 = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: teacherB.id, startsAt: inHours(env, 21) });
    const s3 = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: teacherB.id, startsAt: inHours(env, 22) });
    const s4 = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: teacherA.id, startsAt: inHours(env, 23) });
    expect((await c.patch(`/api/v1/class-sessions/${s3.id}`, { substituteTeacherId: teacherA.id })).status).toBe(200);
    expect((await c.patch(`/api/v1/class-sessions/${s4.id}`, { substituteTeacherId: teacherB.id })).status).toBe(200);
    const adult = await memberWithCard(c, t.storeId, '李大人');
    expect((await book(c, { sessionId: s1.id, attendeeId: kid.id })).status).toBe(201);
    expect((await book(c, { sessionId: s1.id, attendeeId: adult.memberId })).status).toBe(201);
    const from = s1.businessDate;
    const to = s4.businessDate;

    const mine = await staffA.get(`/api/v1/teacher/classes?from=${from}&to=${to}`);
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.teacher).toEqual({ id: teacherA.id, name: '王老师' });
    expect(ids(mine)).toEqual([s1.id, s3.id]);
    expect(mine.body.items[1]).toMatchObject({ isSubstitute: true, teacherName: '王老师' });
    const first = mine.body.items[0];
    expect(first).toMatchObject({ courseName: course.name, booked: 2, isSubstitute: false, classFeedback: null });
    expect(first.roster).toEqual([
      expect.objectContaining({ attendeeId: kid.id, attendeeKind: 'dependent', attendeeName: '张小宝', memberId: parent, memberName: '张妈妈', allergies: '花生', specialNeeds: '怕吵', notes: '妈妈 5 点接', status: 'confirmed', checkInId: null, feedback: null }),
      expect.objectContaining({ attendeeId: adult.memberId, attendeeKind: 'member', allergies: null, status: 'confirmed' }),
    ]);
    expect(ids(await staffB.get(`/api/v1/teacher/classes?from=${from}&to=${to}`))).toEqual([s2.id, s4.id]);

    // Another teacher's classes: not through a teacherId, not one by one, not by marking.
    const other = await staffA.get(`/api/v1/teacher/classes?from=${from}&to=${to}&teacherId=${teacherB.id}`);
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'course.manage' } });
    for (const s of [s2, s4]) {
      const one = await staffA.get(`/api/v1/teacher/classes/${s.id}`);
      expect(one.status).toBe(403);
      expect(one.body.error.code).toBe('COURSE_NOT_YOUR_CLASS');
    }
    expect((await staffA.get(`/api/v1/teacher/classes/${s1.id}`)).body.roster).toHaveLength(2);
    const bookingB = (await book(c, { sessionId: s2.id, attendeeId: adult.memberId })).body;
    const foreign = await mark(staffA, s2.id, [{ bookingId: bookingB.id, mark: 'present' }]);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('COURSE_NOT_YOUR_CLASS');
    const foreignNote = await staffA.put(`/api/v1/teacher/classes/${s2.id}/feedback`, { text: '不是我的课' });
    expect(foreignNote.body.error.code).toBe('COURSE_NOT_YOUR_CLASS');
    expect((await c.get(`/api/v1/bookings/${bookingB.id}`)).body.status).toBe('confirmed');

    // A manager (here the owner) looks at any teacher's day; the owner is no teacher of their own.
    expect(ids(await c.get(`/api/v1/teacher/classes?from=${from}&to=${to}&teacherId=${teacherB.id}`))).toEqual([s2.id, s4.id]);
    expect((await c.get(`/api/v1/teacher/classes?from=${from}`)).body).toEqual({ teacher: null, items: [] });
    // The front desk has no teacher view; bad ranges are refused.
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    expect((await desk.get(`/api/v1/teacher/classes?from=${from}`)).body.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'course.teach' } });
    expect((await staffA.get(`/api/v1/teacher/classes?from=${to}&to=${from}x`)).status).toBe(400);
    expect((await staffA.get('/api/v1/teacher/classes?from=2026-01-01&to=2026-03-01')).body.error.code).toBe('COURSE_RANGE_TOO_LONG');
  });

  it('marking attendance: present consumes the card session once (marking twice changes nothing), absent is a no-show, after the class within hours; conflicts and windows refused with nothing changed', async () => {
    const env = use();
    const { t, c, staffA, teacherA, course, kid, famCard } = await setup(env);
    const s = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: teacherA.id, startsAt: inHours(env, 2) });
    const late = await memberWithCard(c, t.storeId, '迟到');
    const away = await memberWithCard(c, t.storeId, '缺席');
    const bKid = (await book(c, { sessionId: s.id, attendeeId: kid.id })).body;
    const bLate = (await book(c, { sessionId: s.id, attendeeId: late.memberId })).body;
    const bAway = (await book(c, { sessionId: s.id, attendeeId: away.memberId })).body;

    const early = await mark(staffA, s.id, [{ bookingId: bKid.id, mark: 'present' }]);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('COURSE_ATTENDANCE_NOT_OPEN');
    env.clock.advance(90 * MINUTE); // 30 minutes before the class
    await staffA.relogin();
    await c.relogin();
    const tooSoon = await mark(staffA, s.id, [{ bookingId: bKid.id, mark: 'present' }, { bookingId: bAway.id, mark: 'absent' }]);
    expect(tooSoon.body.error.code, tooSoon.text).toBe('COURSE_NO_SHOW_TOO_EARLY');
    expect((await c.get(`/api/v1/bookings/${bKid.id}`)).body.status).toBe('confirmed');

    const key = idem();
    const present = await mark(staffA, s.id, [{ bookingId: bKid.id, mark: 'present' }], key);
    expect(present.status, present.text).toBe(200);
    const row = present.body.roster.find((r: { bookingId: string }) => r.bookingId === bKid.id);
    expect(row).toMatchObject({ status: 'attended', allergies: '花生' });
    expect(row.checkInId).toMatch(/^cki_/);
    expect((await card(c, famCard.id)).sessions).toMatchObject({ remaining: 9, held: 0 });
    // The same request again, and the same mark with a new key: one check-in, one session.
    expect((await mark(staffA, s.id, [{ bookingId: bKid.id, mark: 'present' }], key)).status).toBe(200);
    const again = await mark(staffA, s.id, [{ bookingId: bKid.id, mark: 'present' }]);
    expect(again.status).toBe(200);
    expect(again.body.roster.find((r: { bookingId: string }) => r.bookingId === bKid.id).checkInId).toBe(row.checkInId);
    const checkIns = await env.database.db.selectFrom('class_check_ins').select('id').where('tenant_id', '=', t.tenantId).where('session_id', '=', s.id).execute();
    expect(checkIns).toHaveLength(1);
    expect((await card(c, famCard.id)).sessions).toMatchObject({ remaining: 9, held: 0 });
    // The check-in is the desk's: on the parent's timeline.
    expect((await c.get(`/api/v1/members/${bKid.memberId}/timeline`)).body.items.map((i: { kind: string }) => i.kind)).toContain('class.checked_in');

    // 30 minutes after the class: the desk's check-in is closed, the teacher's register is not.
    env.clock.advance(2 * HOUR);
    await staffA.relogin();
    await c.relogin();
    expect((await c.post(`/api/v1/class-sessions/${s.id}/check-ins`, { bookingId: bLate.id }, idem())).body.error.code).toBe('COURSE_CHECKIN_CLOSED');
    // A conflict anywhere in the list: nothing of it is applied.
    const conflict = await mark(staffA, s.id, [{ bookingId: bLate.id, mark: 'present' }, { bookingId: bKid.id, mark: 'absent' }]);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('COURSE_ATTENDANCE_CONFLICT');
    expect(conflict.body.error.message).toContain('张小宝');
    expect((await c.get(`/api/v1/bookings/${bLate.id}`)).body.status).toBe('confirmed');
    const both = await mark(staffA, s.id, [{ bookingId: bLate.id, mark: 'present' }, { bookingId: bAway.id, mark: 'absent' }]);
    expect(both.status, both.text).toBe(200);
    expect(both.body.roster.map((r: { status: string }) => r.status)).toEqual(['attended', 'attended', 'no_show']);
    expect((await card(c, late.cardId)).sessions).toMatchObject({ remaining: 9, held: 0 });
    expect((await card(c, away.cardId)).sessions).toMatchObject({ remaining: 9, held: 0 });
    expect((await mark(staffA, s.id, [{ bookingId: bAway.id, mark: 'absent' }])).status).toBe(200);
    expect((await card(c, away.cardId)).sessions.remaining).toBe(9);
    expect((await mark(staffA, s.id, [{ bookingId: bAway.id, mark: 'present' }])).body.error.code).toBe('COURSE_ATTENDANCE_CONFLICT');

    // Bad input: a booking of another class, an unknown mark; hours later the register is closed.
    const elsewhere = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: teacherA.id, startsAt: inHours(env, 30) });
    const bElse = (await book(c, { sessionId: elsewhere.id, attendeeId: late.memberId })).body;
    const wrong = await mark(staffA, s.id, [{ bookingId: bElse.id, mark: 'present' }]);
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.details[0].path).toBe('marks.0.bookingId');
    const badMark = await staffA.post(`/api/v1/teacher/classes/${s.id}/attendance`, { marks: [{ bookingId: bLate.id, mark: 'late' }] }, idem());
    expect(badMark.status).toBe(400);
    expect(badMark.body.error.code).toBe('VALIDATION_FAILED');
    expect((await staffA.post(`/api/v1/teacher/classes/${s.id}/attendance`, { marks: [{ bookingId: bLate.id, mark: 'present' }] })).status).toBe(400);
    env.clock.advance(6 * HOUR);
    await staffA.relogin();
    const closed = await mark(staffA, s.id, [{ bookingId: bLate.id, mark: 'present' }]);
    expect(closed.body.error.code).toBe('COURSE_ATTENDANCE_CLOSED');
    expect(closed.body.error.message).toContain('6');
  });

  it('feedback: a class note and a child’s feedback reach the parents’ timelines; only the author edits, until the cut-off; listed per member and per class', async () => {
    const env = use();
    const { t, c, staffA, staffB, teacherA, course, parent, kid } = await setup(env);
    const s = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: teacherA.id, startsAt: inHours(env, 1) });
    const other = await memberWithCard(c, t.storeId, '陈爸爸');
    const bKid = (await book(c, { sessionId: s.id, attendeeId: kid.id })).body;
    expect((await book(c, { sessionId: s.id, attendeeId: other.memberId })).status).toBe(201);
    const write = (client: TestClient, body: Record<string, unknown>) => client.put(`/api/v1/teacher/classes/${s.id}/feedback`, body);

    expect((await write(staffA, { text: '提前写' })).body.error.code).toBe('COURSE_FEEDBACK_TOO_EARLY');
    env.clock.advance(70 * MINUTE);
    await staffA.relogin();
    await staffB.relogin();
    await c.relogin();
    const personal = await write(staffA, { bookingId: bKid.id, text: '小宝今天节奏感很好', rating: 5, skills: ['节奏', '合唱'] });
    expect(personal.status, personal.text).toBe(200);
    expect(personal.body).toMatchObject({ bookingId: bKid.id, memberId: parent, attendeeId: kid.id, attendeeName: '张小宝', teacherId: teacherA.id, text: '小宝今天节奏感很好', rating: 5, skills: ['节奏', '合唱'], editCount: 0, courseName: course.name });
    const note = await write(staffA, { text: '本节课学习了《小星星》' });
    expect(note.status, note.text).toBe(200);
    expect(note.body).toMatchObject({ bookingId: null, memberId: null, rating: null, skills: [] });

    const kinds = async (memberId: string) => (await c.get(`/api/v1/members/${memberId}/timeline`)).body.items.filter((i: { kind: string }) => i.kind.startsWith('class.feedback'));
    const parentLine = await kinds(parent);
    expect(parentLine).toHaveLength(2);
    expect(parentLine.map((i: { summary: { text: string } }) => i.summary.text).sort()).toEqual(['小宝今天节奏感很好', '本节课学习了《小星星》'].sort());
    expect(parentLine[0]).toMatchObject({ kind: 'class.feedback', refType: 'class_feedback', summary: expect.objectContaining({ courseName: course.name, teacherName: '王老师' }) });
    expect((await kinds(other.memberId)).map((i: { summary: { isClassNote: boolean } }) => i.summary.isClassNote)).toEqual([true]);

    // Only the author edits: not the other teacher, not a manager.
    expect((await write(staffB, { text: '改一下' })).body.error.code).toBe('COURSE_NOT_YOUR_CLASS');
    const byOwner = await write(c, { bookingId: bKid.id, text: '老板改' });
    expect(byOwner.status).toBe(403);
    expect(byOwner.body.error.code).toBe('COURSE_FEEDBACK_NOT_AUTHOR');
    const bad = await write(staffA, { bookingId: bKid.id, text: '评分太高', rating: 6 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('rating');
    const edited = await write(staffA, { bookingId: bKid.id, text: '小宝今天节奏感很好,合唱也很投入', rating: 4 });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ id: personal.body.id, editCount: 1, rating: 4, skills: [] });
    expect((await kinds(parent)).map((i: { kind: string }) => i.kind)).toContain('class.feedback_edited');

    // Listed per member (the child's feedback and the class note) and per class; the teacher view shows it.
    const forParent = await c.get(`/api/v1/class-feedback?memberId=${parent}`);
    expect(forParent.status, forParent.text).toBe(200);
    expect(forParent.body.items.map((f: { id: string }) => f.id).sort()).toEqual([personal.body.id, note.body.id].sort());
    expect((await c.get(`/api/v1/class-feedback?memberId=${other.memberId}`)).body.items.map((f: { id: string }) => f.id)).toEqual([note.body.id]);
    expect((await c.get(`/api/v1/class-feedback?sessionId=${s.id}`)).body.items).toHaveLength(2);
    expect((await c.get('/api/v1/class-feedback')).body.error.code).toBe('COURSE_FEEDBACK_QUERY');
    const view = (await staffA.get(`/api/v1/teacher/classes/${s.id}`)).body;
    expect(view.classFeedback.text).toBe('本节课学习了《小星星》');
    expect(view.roster.find((r: { bookingId: string }) => r.bookingId === bKid.id).feedback).toMatchObject({ text: '小宝今天节奏感很好,合唱也很投入', editCount: 1 });

    // After the cut-off nothing changes.
    env.clock.advance(73 * HOUR);
    await staffA.relogin();
    await c.relogin();
    const closed = await write(staffA, { bookingId: bKid.id, text: '太晚了' });
    expect(closed.body.error.code).toBe('COURSE_FEEDBACK_CLOSED');
    expect((await c.get(`/api/v1/class-feedback?sessionId=${s.id}`)).body.items.find((f: { id: string }) => f.id === personal.body.id).text).toBe('小宝今天节奏感很好,合唱也很投入');
  });
});
