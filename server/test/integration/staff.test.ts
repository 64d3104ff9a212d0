import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env';

async function roleId(c: { get: (u: string) => Promise<{ body: any }> }, key: string): Promise<string> {
  const roles = await c.get('/api/v1/roles');
  return roles.body.items.find((r: { builtinKey: string }) => r.builtinKey === key).id;
}

describeEachDb('staff, roles and API keys', (use) => {
  // ---- happy ----
  it('builds a custom role from permissions and a staff member who gets exactly those', async () => {
    const env = use();
    const t = await env.newTenant();
    const catalogue = await t.owner.get('/api/v1/permissions');
    expect(catalogue.body.items.map((p: { code: string }) => p.code)).toContain('audit.read');
    const role = await t.owner.post('/api/v1/roles', { name: '督导', permissions: ['org.read', 'audit.read'] });
    expect(role.status).toBe(201);
    const created = await t.owner.post('/api/v1/staff', { login: 'Supervisor', name: '督导小刘', roleIds: [role.body.id], storeIds: [t.storeId] });
    expect(created.status).toBe(201);
    expect(created.body.staff.login).toBe('supervisor');
    expect(created.body.temporaryPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    const c = env.client();
    const login = await c.login(t.code, 'supervisor', created.body.temporaryPassword);
    expect(login.body.permissions).toEqual(['audit.read', 'org.read']);
    expect(login.body.staff.mustChangePassword).toBe(true);
    expect((await c.get('/api/v1/audit-logs')).status).toBe(200);
    expect((await c.get('/api/v1/staff')).status).toBe(403);
    const roles = await t.owner.get('/api/v1/roles');
    expect(roles.body.items.find((r: { id: string }) => r.id === role.body.id).staffCount).toBe(1);
  });

  it('built-in roles are named in the caller’s language and cannot be edited', async () => {
    const env = use();
    const t = await env.newTenant();
    t.owner.locale = 'en';
    const roles = await t.owner.get('/api/v1/roles');
    expect(roles.body.items.map((r: { name: string }) => r.name).slice(0, 5)).toEqual(['Owner', 'Manager', 'Front desk', 'Finance', 'Teacher / coach']);
    const r = await t.owner.patch(`/api/v1/roles/${roles.body.items[1].id}`, { name: 'x' });
    expect(r.body.error.code).toBe('ROLE_BUILTIN_READONLY');
  });

  it('disabling a staff member signs them out; deleting a held role is refused', async () => {
    const env = use();
    const t = await env.newTenant();
    const role = await t.owner.post('/api/v1/roles', { name: '临时', permissions: ['org.read'] });
    const created = await t.owner.post('/api/v1/staff', { login: 'temp1', name: '临时工', roleIds: [role.body.id], storeIds: [t.storeId], password: 'Temp1pass' });
    const c = env.client();
    await c.login(t.code, 'temp1', 'Temp1pass');
    expect((await t.owner.delete(`/api/v1/roles/${role.body.id}`)).body.error.code).toBe('ROLE_IN_USE');
    const off = await t.owner.patch(`/api/v1/staff/${created.body.staff.id}`, { status: 'disabled' });
    expect(off.body.status).toBe('disabled');
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    expect((await env.client().login(t.code, 'temp1', 'Temp1pass')).body.error.code).toBe('ACCOUNT_DISABLED');
    const roles2 = await t.owner.post('/api/v1/roles', { name: '空角色', permissions: [] });
    expect((await t.owner.delete(`/api/v1/roles/${roles2.body.id}`)).status).toBe(204);
  });

  it('API keys: created with a one-time token, usable until revoked', async () => {
    const env = use();
    const t = await env.newTenant();
    const k = await t.owner.post('/api/v1/api-keys', { name: '小程序', permissions: ['org.read'] });
    expect(k.body.token).toMatch(/^tsk\./);
    const list = await t.owner.get('/api/v1/api-keys');
    expect(JSON.stringify(list.body)).not.toContain(k.body.token.split('.')[3]);
    const c = env.client();
    c.bearer = k.body.token;
    expect((await c.get('/api/v1/stores')).status).toBe(200);
    await t.owner.post(`/api/v1/api-keys/${k.body.apiKey.id}/revoke`);
    expect((await c.get('/api/v1/stores')).status).toBe(401);
  });

  // ---- errors ----
  it('refuses duplicate logins, unknown roles or permissions, incomplete scopes', async () => {
    const env = use();
    const t = await env.newTenant();
    const desk = await roleId(t.owner, 'frontDesk');
    const dup = await t.owner.post('/api/v1/staff', { login: 'owner', name: 'x', roleIds: [desk] });
    expect(dup.body.error.code).toBe('STAFF_LOGIN_TAKEN');
    const unknownRole = await t.owner.post('/api/v1/staff', { login: 'a1', name: 'x', roleIds: ['rol_01AAAAAAAAAAAAAAAAAAAAAAAA'] });
    expect(unknownRole.body.error.code).toBe('ROLE_NOT_FOUND');
    const unknownPerm = await t.owner.post('/api/v1/roles', { name: 'bad', permissions: ['org.read', 'money.print'] });
    expect(unknownPerm.body.error.code).toBe('PERMISSION_UNKNOWN');
    const noRegion = await t.owner.post('/api/v1/staff', { login: 'a2', name: 'x', roleIds: [desk], scopeType: 'region' });
    expect(noRegion.body.error.code).toBe('SCOPE_INVALID');
    const badMobile = await t.owner.post('/api/v1/staff', { login: 'a3', name: 'x', roleIds: [desk], mobile: '12345' });
    expect(badMobile.status).toBe(400);
    expect(badMobile.body.error.details[0].path).toBe('mobile');
    const list = await t.owner.get('/api/v1/staff');
    expect(list.body.items.map((s: { login: string }) => s.login)).toEqual(['owner']);
  });

  it('the last owner cannot be disabled or demoted, and nobody disables themselves', async () => {
    const env = use();
    const t = await env.newTenant();
    const self = await t.owner.patch(`/api/v1/staff/${t.ownerId}`, { status: 'disabled' });
    expect(self.body.error.code).toBe('SELF_DISABLE');
    const demote = await t.owner.patch(`/api/v1/staff/${t.ownerId}`, { roleIds: [await roleId(t.owner, 'manager')] });
    expect(demote.body.error.code).toBe('LAST_OWNER');
  });

  // ---- security ----
  it('nobody grants permissions or store scope they do not hold', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '别的店' });
    const manager = await env.newStaff(t, { roles: ['manager'], storeIds: [t.storeId] });
    const ownerRole = await roleId(t.owner, 'owner');
    const desk = await roleId(t.owner, 'frontDesk');
    const makeOwner = await manager.post('/api/v1/staff', { login: 'boss2', name: 'x', roleIds: [ownerRole] });
    expect(makeOwner.body.error.code).toBe('PRIVILEGE_ESCALATION');
    const wideScope = await manager.post('/api/v1/staff', { login: 'd1', name: 'x', roleIds: [desk], scopeType: 'all' });
    expect(wideScope.body.error.code).toBe('SCOPE_ESCALATION');
    const otherStore = await manager.post('/api/v1/staff', { login: 'd2', name: 'x', roleIds: [desk], storeIds: [other.body.id] });
    expect(otherStore.body.error.code).toBe('SCOPE_ESCALATION');
    const ok = await manager.post('/api/v1/staff', { login: 'd3', name: '前台小王', roleIds: [desk], storeIds: [t.storeId] });
    expect(ok.status).toBe(201);
    const resetOwner = await manager.post(`/api/v1/staff/${t.ownerId}/password-reset`);
    expect(resetOwner.body.error.code).toBe('PRIVILEGE_ESCALATION');
    // A store-scoped manager sees only staff of their stores (the owner works in this store too).
    await t.owner.post('/api/v1/staff', { login: 'elsewhere', name: '别店员工', roleIds: [desk], storeIds: [other.body.id] });
    const list = await manager.get('/api/v1/staff');
    expect(list.body.items.map((s: { login: string }) => s.login).sort()).toEqual(['d3', manager.me.staff.login, 'owner'].sort());
  });

  it('pages staff lists with a cursor and rejects a forged cursor', async () => {
    const env = use();
    const t = await env.newTenant();
    const desk = await roleId(t.owner, 'frontDesk');
    for (let i = 0; i < 5; i++) await t.owner.post('/api/v1/staff', { login: `p${i}`, name: `员工${i}`, roleIds: [desk], storeIds: [t.storeId] });
    const p1 = await t.owner.get('/api/v1/staff?limit=4');
    expect(p1.body.items).toHaveLength(4);
    const p2 = await t.owner.get(`/api/v1/staff?limit=4&cursor=${p1.body.nextCursor}`);
    expect(p2.body.items).toHaveLength(2);
    expect(p2.body.nextCursor).toBeNull();
    const ids = [...p1.body.items, ...p2.body.items].map((s: { id: string }) => s.id);
    expect(new Set(ids).size).toBe(6);
    const forged = await t.owner.get('/api/v1/staff?cursor=not-a-cursor');
    expect(forged.status).toBe(400);
  });
});
