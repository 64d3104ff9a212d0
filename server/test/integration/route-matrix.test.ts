import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { BUILTIN_ROLES, type BuiltinRole, builtinRolePermissions } from '../../src/shared/permissions';
import { signInMember } from '../fixtures/portal';
import { SESSION_ENDING_ROUTES, fillPath, sampleBody, seedRouteFixtures } from '../fixtures/route-fixtures';
import type { TestClient, TestResponse } from '../helpers/client';
import { describeEachDb } from '../helpers/env';

/**
 * Walks every registered /api/v1 route (new routes are picked up automatically) for every
 * built-in role and checks the declared permission decides: roles without it get 403
 * FORBIDDEN naming the permission; roles with it get past the gate. Every successful write
 * must leave an audit entry carrying its request id.
 */
/** Walking every route for every role grows with each module's routes (and slows on a busy machine): not a speed assertion. */
const WALK_TIMEOUT_MS = 240_000;

function isGateDenial(r: TestResponse, permission: string): boolean {
  return r.status === 403 && r.body?.error?.code === 'FORBIDDEN' && r.body?.error?.details?.permission === permission;
}

describeEachDb('route × role permission matrix', (use) => {
  it('anonymous callers get 401 on every non-public route', async () => {
    const env = use();
    const anon = env.client();
    const failures: string[] = [];
    for (const route of env.app.tessera.routes) {
      if (route.permission === 'public') continue;
      const url = route.url.replace(/:(\w+)/g, 'x');
      const r = await anon.request(route.method as 'GET', url, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
      if (r.status !== 401 || r.body?.error?.code !== 'UNAUTHENTICATED') failures.push(`${route.method} ${route.url} → ${r.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('every route enforces its declared permission for each built-in role, and successful writes are audited', async () => {
    const env = use();
    const t = await env.newTenant();
    const ids = await seedRouteFixtures(env, t);
    const clients = new Map<BuiltinRole, TestClient>();
    clients.set('owner', t.owner);
    for (const role of BUILTIN_ROLES.filter((r) => r !== 'owner')) {
      clients.set(role, await env.newStaff(t, { roles: [role], storeIds: [t.storeId, ids.storeId] }));
    }
    const failures: string[] = [];
    let checked = 0;
    for (const route of env.app.tessera.routes) {
      if (route.permission === 'public' || SESSION_ENDING_ROUTES.has(`${route.method} ${route.url}`)) continue;
      for (const role of BUILTIN_ROLES) {
        const client = clients.get(role)!;
        const headers: Record<string, string> = route.idempotent ? { 'idempotency-key': randomUUID() } : {};
        const r = await client.request(route.method as 'GET', fillPath(route.url, ids), sampleBody(route.method, route.url, ids), headers);
        if (route.permission === 'member') {
          // Portal routes read only a member's cookie: staff sessions do not reach them.
          if (r.status !== 401) failures.push(`${role} ${route.method} ${route.url}: a member route answered a staff session with ${r.status}`);
          continue;
        }
        const allowed = route.permission === 'authenticated' || builtinRolePermissions(role).includes(route.permission);
        const denied = isGateDenial(r, route.permission);
        checked++;
        if (r.status === 401) failures.push(`${role} ${route.method} ${route.url}: unexpectedly signed out`);
        else if (allowed && denied) failures.push(`${role} ${route.method} ${route.url}: denied but the role holds ${route.permission}`);
        else if (!allowed && !denied) failures.push(`${role} ${route.method} ${route.url}: expected 403 FORBIDDEN(${route.permission}), got ${r.status} ${r.body?.error?.code ?? ''}`);
        if (r.status >= 200 && r.status < 300 && !route.readOnly) {
          const requestId = r.headers['x-request-id'] as string;
          const entry = await env.database.db.selectFrom('audit_logs').select('id').where('tenant_id', '=', t.tenantId).where('request_id', '=', requestId).executeTakeFirst();
          if (!entry) failures.push(`${role} ${route.method} ${route.url}: succeeded (${r.status}) without an audit entry`);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  }, WALK_TIMEOUT_MS);

  it('a signed-in member gets past the gate of every portal route and of no staff route; their writes are audited', async () => {
    const env = use();
    const t = await env.newTenant();
    const ids = await seedRouteFixtures(env, t);
    const member = await signInMember(env, t, ids.memberId);
    const failures: string[] = [];
    let portal = 0;
    for (const route of env.app.tessera.routes) {
      if (route.permission === 'public' || SESSION_ENDING_ROUTES.has(`${route.method} ${route.url}`)) continue;
      const headers: Record<string, string> = route.idempotent ? { 'idempotency-key': randomUUID() } : {};
      const r = await member.request(route.method as 'GET', fillPath(route.url, ids), sampleBody(route.method, route.url, ids), headers);
      if (route.permission !== 'member') {
        if (r.status !== 401) failures.push(`member ${route.method} ${route.url}: a staff route answered a member with ${r.status}`);
        continue;
      }
      portal++;
      if (r.status === 401 || r.status === 403) failures.push(`member ${route.method} ${route.url}: stopped at the gate (${r.status} ${r.body?.error?.code ?? ''})`);
      if (r.status >= 200 && r.status < 300 && !route.readOnly) {
        const entry = await env.database.db.selectFrom('audit_logs').select('id').where('tenant_id', '=', t.tenantId).where('request_id', '=', r.headers['x-request-id'] as string).executeTakeFirst();
        if (!entry) failures.push(`member ${route.method} ${route.url}: succeeded (${r.status}) without an audit entry`);
      }
    }
    expect(portal).toBeGreaterThan(3);
    expect(failures).toEqual([]);
  }, WALK_TIMEOUT_MS);

  it('an API key reaches only the routes its permissions allow', async () => {
    const env = use();
    const t = await env.newTenant();
    const created = await t.owner.post('/api/v1/api-keys', { name: 'read-only', permissions: ['org.read'] });
    expect(created.status).toBe(201);
    const key = env.client();
    key.bearer = created.body.token;
    expect((await key.get('/api/v1/stores')).status).toBe(200);
    const denied = await key.post('/api/v1/stores', { name: '不该成功' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.details.permission).toBe('org.manage');
    // Bearer requests are not cookie-authenticated: no CSRF token needed, and a wrong token is 401.
    key.bearer = `${created.body.token}x`;
    expect((await key.get('/api/v1/stores')).status).toBe(401);
  });
});
