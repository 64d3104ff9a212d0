import { afterAll, expect, it } from 'vitest';
import { type TesseraApp, buildApp } from '../../src/app';
import { type Database, openDatabase } from '../../src/db/database';
import { createServices } from '../../src/services';
import { TestClient } from '../helpers/client';
import { TEST_PASSWORD, type TestEnv, describeEachDb } from '../helpers/env';

/**
 * Resolved access (permissions, store scope) is kept in memory per process, stamped with the
 * tenant's access version that the per-request session query reads (modules/staff/scope.ts).
 * A change must be seen by the very next request — in the process that made it and in another
 * process (here: a second app with its own connection pool over the same database).
 */
describeEachDb('staff access cache: changes are seen at once, in every process', (use) => {
  const opened: { app: TesseraApp; database: Database }[] = [];
  afterAll(async () => {
    for (const o of opened) {
      await o.app.close();
      await o.database.close();
    }
  });

  /** A second server over the same database, as a second `tessera start` would be. */
  async function secondApp(env: TestEnv): Promise<TesseraApp> {
    const database = await openDatabase(env.config.database);
    const app = await buildApp(createServices({ database, clock: env.clock, config: env.config }), { logger: false });
    await app.ready();
    opened.push({ app, database });
    return app;
  }

  /** The same signed-in session, sent to another app. */
  function sameSession(c: TestClient, app: TesseraApp): TestClient {
    const other = new TestClient(app);
    other.cookie = c.cookie;
    other.csrf = c.csrf;
    other.remoteAddress = c.remoteAddress;
    return other;
  }

  async function deskWithRole(env: TestEnv, permissions: string[], storeIds?: string[]) {
    const t = await env.newTenant();
    const role = await t.owner.post('/api/v1/roles', { name: `前台${Math.random().toString(36).slice(2, 6)}`, permissions });
    expect(role.status).toBe(201);
    const login = `desk${Math.random().toString(36).slice(2, 8)}`;
    const created = await t.owner.post('/api/v1/staff', { login, name: '前台小王', roleIds: [role.body.id], storeIds: storeIds ?? [t.storeId], password: TEST_PASSWORD });
    expect(created.status).toBe(201);
    const desk = env.client();
    expect((await desk.login(t.code, login, TEST_PASSWORD)).status).toBe(200);
    return { t, roleId: role.body.id as string, staffId: created.body.staff.id as string, desk };
  }

  it('a role losing a permission refuses the next request, and regaining it allows the next one', async () => {
    const env = use();
    const { t, roleId, desk } = await deskWithRole(env, ['member.read', 'org.read']);
    // Warm the cache: several requests at one version.
    for (let i = 0; i < 3; i++) expect((await desk.get('/api/v1/members/search?q=zxm')).status).toBe(200);
    expect((await t.owner.patch(`/api/v1/roles/${roleId}`, { permissions: ['org.read'] })).status).toBe(200);
    const refused = await desk.get('/api/v1/members/search?q=zxm');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await desk.get('/api/v1/auth/me')).body.permissions).toEqual(['org.read']);
    expect((await t.owner.patch(`/api/v1/roles/${roleId}`, { permissions: ['org.read', 'member.read'] })).status).toBe(200);
    expect((await desk.get('/api/v1/members/search?q=zxm')).status).toBe(200);
    expect((await desk.get('/api/v1/auth/me')).body.permissions).toEqual(['member.read', 'org.read']);
  });

  it('another process sees role, store-scope and staff changes made elsewhere on its next request', async () => {
    const env = use();
    const other = await secondApp(env);
    const { t, roleId, staffId, desk } = await deskWithRole(env, ['member.read', 'org.read']);
    const second = await t.owner.post('/api/v1/stores', { name: '二店' });
    expect(second.status).toBe(201);
    const deskB = sameSession(desk, other);
    const ownerB = sameSession(t.owner, other);

    // Both processes have the access cached.
    for (const c of [desk, deskB]) {
      expect((await c.get('/api/v1/members/search?q=zxm')).status).toBe(200);
      expect((await c.get('/api/v1/auth/me')).body.stores.map((s: { id: string }) => s.id)).toEqual([t.storeId]);
    }

    // A role change in process B: process A refuses at once.
    expect((await ownerB.patch(`/api/v1/roles/${roleId}`, { permissions: ['org.read'] })).status).toBe(200);
    expect((await desk.get('/api/v1/members/search?q=zxm')).status).toBe(403);
    expect((await deskB.get('/api/v1/members/search?q=zxm')).status).toBe(403);

    // The staff member's stores changed in process A: process B's store check and profile follow.
    const storeHeader = { 'x-store-id': second.body.id };
    expect((await deskB.get('/api/v1/auth/me', storeHeader)).body.error.code).toBe('STORE_OUT_OF_SCOPE');
    expect((await t.owner.patch(`/api/v1/staff/${staffId}`, { storeIds: [t.storeId, second.body.id] })).status).toBe(200);
    const me = await deskB.get('/api/v1/auth/me', storeHeader);
    expect(me.status).toBe(200);
    expect(me.body.stores.map((s: { id: string }) => s.id).sort()).toEqual([t.storeId, second.body.id].sort());

    // A store renamed in process B shows in process A's profile.
    expect((await ownerB.patch(`/api/v1/stores/${second.body.id}`, { name: '二店(新)' })).status).toBe(200);
    expect((await desk.get('/api/v1/auth/me')).body.stores.map((s: { name: string }) => s.name)).toContain('二店(新)');

    // Disabled in process A: process B refuses the session on its next request.
    expect((await t.owner.patch(`/api/v1/staff/${staffId}`, { status: 'disabled' })).status).toBe(200);
    expect((await deskB.get('/api/v1/auth/me')).status).toBe(401);
    expect((await desk.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('region-scoped staff see a store added to their region by another process at once', async () => {
    const env = use();
    const other = await secondApp(env);
    const t = await env.newTenant();
    const region = await t.owner.post('/api/v1/regions', { name: '华东' });
    expect(region.status).toBe(201);
    const first = await t.owner.post('/api/v1/stores', { name: '华东一店', regionId: region.body.id });
    const roles = await t.owner.get('/api/v1/roles');
    const deskRole = roles.body.items.find((r: { builtinKey: string }) => r.builtinKey === 'frontDesk').id;
    const created = await t.owner.post('/api/v1/staff', {
      login: 'regiondesk',
      name: '区域前台',
      roleIds: [deskRole],
      storeIds: [],
      scopeType: 'region',
      scopeRegionId: region.body.id,
      password: TEST_PASSWORD,
    });
    expect(created.status).toBe(201);
    const desk = env.client();
    expect((await desk.login(t.code, 'regiondesk', TEST_PASSWORD)).status).toBe(200);
    expect((await desk.get('/api/v1/auth/me')).body.stores.map((s: { id: string }) => s.id)).toEqual([first.body.id]);

    const added = await sameSession(t.owner, other).post('/api/v1/stores', { name: '华东二店', regionId: region.body.id });
    expect(added.status).toBe(201);
    const me = await desk.get('/api/v1/auth/me', { 'x-store-id': added.body.id });
    expect(me.status).toBe(200);
    expect(me.body.stores.map((s: { id: string }) => s.id).sort()).toEqual([first.body.id, added.body.id].sort());
  });
});
