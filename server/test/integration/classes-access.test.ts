import { expect, it } from 'vitest';
import { HOUR } from '../../src/shared/clock';
import { book, classSetup, memberWithCard, oneOff } from '../fixtures/classes';
import type { TestClient } from '../helpers/client';
import { type TenantFixture, type TestEnv, describeEachDb, TEST_PASSWORD } from '../helpers/env';

/** Who reads what in classes: a teacher's roster reads (own classes only), the kiosk's lookup (check-in rights, no member profiles). */
describeEachDb('classes: roster and kiosk access', (use) => {
  const inHours = (env: TestEnv, hours: number) => new Date(env.clock.now().getTime() + hours * HOUR).toISOString();

  async function staffWithPermissions(env: TestEnv, t: TenantFixture, permissions: string[]): Promise<TestClient> {
    const role = await t.owner.post('/api/v1/roles', { name: `角色${Math.random().toString(36).slice(2, 7)}`, permissions });
    expect(role.status, role.text).toBe(201);
    const login = `k${Math.random().toString(36).slice(2, 8)}`;
    expect((await t.owner.post('/api/v1/staff', { login, name: '签到机', roleIds: [role.body.id], storeIds: [t.storeId], password: TEST_PASSWORD })).status).toBe(201);
    const c = env.client();
    await c.login(t.code, login, TEST_PASSWORD);
    return c;
  }

  it('a teacher reads the roster of the classes they teach (or substitute), not other teachers’ classes; the desk reads every class', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const staffA = await env.newStaff(t, { roles: ['teacher'] });
    const staffB = await env.newStaff(t, { roles: ['teacher'] });
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const teacherA = (await c.post('/api/v1/teachers', { name: '周老师', staffId: staffA.me.staff.id, skills: ['yoga'] })).body;
    const teacherB = (await c.post('/api/v1/teachers', { name: '吴老师', staffId: staffB.me.staff.id, skills: ['yoga'] })).body;
    const { course } = await classSetup(c, t.storeId);
    const own = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: teacherA.id, startsAt: inHours(env, 20) });
    const other = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: teacherB.id, startsAt: inHours(env, 22) });
    const covered = await oneOff(c, { courseId: course.id, storeId: t.storeId, teacherId: teacherB.id, startsAt: inHours(env, 24) });
    expect((await c.patch(`/api/v1/class-sessions/${covered.id}`, { substituteTeacherId: teacherA.id })).status).toBe(200);
    const m = await memberWithCard(c, t.storeId, '钱多多');
    for (const s of [own, other, covered]) expect((await book(c, { sessionId: s.id, attendeeId: m.memberId })).status).toBe(201);

    const mine = await staffA.get(`/api/v1/class-sessions/${own.id}`);
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.bookings.map((b: { attendeeId: string }) => b.attendeeId)).toEqual([m.memberId]);
    expect((await staffA.get(`/api/v1/class-sessions/${covered.id}`)).status).toBe(200);
    const refused = await staffA.get(`/api/v1/class-sessions/${other.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'COURSE_NOT_YOUR_CLASS', details: { sessionId: other.id } });
    // The substituted class is no longer its own teacher's to read.
    expect((await staffB.get(`/api/v1/class-sessions/${covered.id}`)).body.error.code).toBe('COURSE_NOT_YOUR_CLASS');
    expect((await staffB.get(`/api/v1/class-sessions/${other.id}`)).status).toBe(200);
    // The desk (course.book) and the owner read every roster; the week's list stays open to teachers.
    expect((await desk.get(`/api/v1/class-sessions/${other.id}`)).status).toBe(200);
    expect((await c.get(`/api/v1/class-sessions/${other.id}`)).status).toBe(200);
    const week = await staffA.get(`/api/v1/class-sessions?from=${own.businessDate}&to=${covered.businessDate}`);
    expect(week.status).toBe(200);
    expect(week.body.items.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([own.id, other.id, covered.id]));
    // A teacher-only account not linked to any teacher reads no roster.
    const unlinked = await env.newStaff(t, { roles: ['teacher'] });
    expect((await unlinked.get(`/api/v1/class-sessions/${own.id}`)).body.error.code).toBe('COURSE_NOT_A_TEACHER');
  });

  it('the kiosk lookup needs check-in rights only (what its route declares): masked names, no member profiles', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const { course } = await classSetup(c, t.storeId);
    const session = await oneOff(c, { courseId: course.id, storeId: t.storeId, startsAt: inHours(env, 1) });
    const m = await memberWithCard(c, t.storeId, '孙悟空');
    expect((await book(c, { sessionId: session.id, attendeeId: m.memberId })).status).toBe(201);
    const memberNo = (await c.get(`/api/v1/members/${m.memberId}`)).body.memberNo as string;
    const kiosk = await staffWithPermissions(env, t, ['course.checkin']);
    const r = await kiosk.post('/api/v1/class-kiosk/lookup', { storeId: t.storeId, code: memberNo });
    expect(r.status, r.text).toBe(200);
    expect(r.body.matches).toEqual([expect.objectContaining({ memberId: m.memberId, maskedName: expect.not.stringContaining('悟空'), classes: [expect.objectContaining({ sessionId: session.id, isCheckedIn: false })] })]);
    // It may not read member profiles or search them itself.
    expect((await kiosk.get(`/api/v1/members/${m.memberId}`)).body.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'member.read' } });
    expect((await kiosk.get(`/api/v1/members/search?q=${memberNo}`)).status).toBe(403);
    // Without course.checkin the lookup is refused at the route.
    const reader = await staffWithPermissions(env, t, ['member.read']);
    expect((await reader.post('/api/v1/class-kiosk/lookup', { storeId: t.storeId, code: memberNo })).body.error).toMatchObject({ code: 'FORBIDDEN', details: { permission: 'course.checkin' } });
  });
});
