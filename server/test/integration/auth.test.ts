import { expect, it } from 'vitest';
import { LOCKOUT_THRESHOLD } from '../../src/modules/staff/staff.rules';
import { TEST_PASSWORD, describeEachDb } from '../helpers/env';

describeEachDb('staff sign-in, sessions and CSRF', (use) => {
  it('signs in with an HttpOnly SameSite cookie and returns permissions, stores and a CSRF token', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = env.client();
    const r = await c.login(t.code, 'owner', TEST_PASSWORD);
    expect(r.status).toBe(200);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/tessera_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(r.body.permissions).toContain('role.manage');
    expect(r.body.stores.map((s: { id: string }) => s.id)).toContain(t.storeId);
    expect(r.body.csrfToken.length).toBeGreaterThan(20);
    const me = await c.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.staff.login).toBe('owner');
  });

  it('refuses a wrong password with one message for unknown and known logins', async () => {
    const env = use();
    const t = await env.newTenant();
    const a = await env.client().login(t.code, 'owner', 'wrong-password');
    const b = await env.client().login(t.code, 'nobody', 'wrong-password');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.error.code).toBe('LOGIN_FAILED');
    expect(b.body.error.message).toBe(a.body.error.message);
  });

  it('locks the account after repeated failures, even for the right password, until the lock expires', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = env.client();
    let last;
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) last = await c.login(t.code, 'owner', 'wrong-password');
    expect(last!.status).toBe(423);
    expect(last!.body.error.code).toBe('ACCOUNT_LOCKED');
    const right = await c.login(t.code, 'owner', TEST_PASSWORD);
    expect(right.status).toBe(423);
    env.clock.advance(16 * 60_000);
    expect((await c.login(t.code, 'owner', TEST_PASSWORD)).status).toBe(200);
    const audit = await env.database.db.selectFrom('audit_logs').select('action').where('tenant_id', '=', t.tenantId).where('action', 'in', ['auth.login_failed', 'auth.locked']).execute();
    expect(audit.length).toBe(LOCKOUT_THRESHOLD);
  });

  it('rate-limits sign-in attempts per IP', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = env.client();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await c.request('POST', '/api/v1/auth/login', { tenantCode: t.code, login: `ghost${i}`, password: 'x' });
      statuses.push(r.status);
    }
    expect(statuses).toContain(429);
    const limited = await c.request('POST', '/api/v1/auth/login', { tenantCode: t.code, login: 'ghost', password: 'x' });
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const token = c.csrf;
    c.csrf = null;
    const r = await c.post('/api/v1/regions', { name: '华南区' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('CSRF_INVALID');
    c.csrf = 'forged-token';
    expect((await c.post('/api/v1/regions', { name: '华南区' })).status).toBe(403);
    c.csrf = token;
    expect((await c.post('/api/v1/regions', { name: '华南区' })).status).toBe(201);
    const regions = await c.get('/api/v1/regions');
    expect(regions.body.items.map((x: { name: string }) => x.name)).toEqual(['华南区']);
  });

  it('signs out: the session is revoked server-side', async () => {
    const env = use();
    const t = await env.newTenant();
    const cookie = t.owner.cookie;
    expect((await t.owner.post('/api/v1/auth/logout')).status).toBe(204);
    const replay = env.client();
    replay.cookie = cookie;
    expect((await replay.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('expires idle sessions', async () => {
    const env = use();
    const t = await env.newTenant();
    env.clock.advance((env.config.sessionHours + 1) * 3600_000);
    expect((await t.owner.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('changes the password, signing out other sessions, and refuses a wrong current password', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = env.client();
    await other.login(t.code, 'owner', TEST_PASSWORD);
    const wrong = await t.owner.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'Another1pass' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('PASSWORD_INCORRECT');
    const weak = await t.owner.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].path).toBe('newPassword');
    expect((await t.owner.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Another1pass' })).status).toBe(204);
    expect((await t.owner.get('/api/v1/auth/me')).status).toBe(200);
    expect((await other.get('/api/v1/auth/me')).status).toBe(401);
    expect((await env.client().login(t.code, 'owner', 'Another1pass')).status).toBe(200);
  });

  it('an owner resets a password to a one-time password that must be changed', async () => {
    const env = use();
    const t = await env.newTenant();
    const desk = await env.newStaff(t, { roles: ['frontDesk'], login: 'desk1' });
    const staffId = desk.me.staff.id;
    const reset = await t.owner.post(`/api/v1/staff/${staffId}/password-reset`);
    expect(reset.status).toBe(200);
    expect((await desk.get('/api/v1/auth/me')).status).toBe(401);
    const again = env.client();
    const r = await again.login(t.code, 'desk1', reset.body.temporaryPassword);
    expect(r.status).toBe(200);
    expect(r.body.staff.mustChangePassword).toBe(true);
  });

  it('answers in the caller’s language: Accept-Language, then the staff member’s own setting', async () => {
    const env = use();
    const t = await env.newTenant();
    const anon = env.client();
    anon.locale = 'en-US,en;q=0.9';
    expect((await anon.get('/api/v1/stores')).body.error.message).toBe('Please sign in');
    anon.locale = 'zh-CN';
    expect((await anon.get('/api/v1/stores')).body.error.message).toBe('请先登录');
    await t.owner.patch('/api/v1/auth/me', { locale: 'en' });
    const r = await t.owner.get('/api/v1/stores/sto_01AAAAAAAAAAAAAAAAAAAAAAAA');
    expect(r.body.error.message).toBe('Store not found');
  });
});
