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
