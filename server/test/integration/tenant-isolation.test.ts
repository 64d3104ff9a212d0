import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { signInMember } from '../fixtures/portal';
import { SESSION_ENDING_ROUTES, fillPath, sampleBody, seedRouteFixtures } from '../fixtures/route-fixtures';
import { describeEachDb } from '../helpers/env';
import { dumpTenant } from '../helpers/introspect';

/**
 * Two tenants; tenant A's owner (every permission) walks every route — picked up from the
 * route registry, so new routes are covered without editing this test:
 * - routes with path parameters are called with tenant B's ids: never a 2xx, never B's data;
 * - list routes never contain B's ids, also when B's ids are passed as filters;
 * - afterwards every row tenant B owns is exactly as before.
 */
describeEachDb('tenant isolation', (use) => {
  it('no route reads or changes another tenant’s data', async () => {
    const env = use();
    const A = await env.newTenant();
    const B = await env.newTenant();
    const idsA = await seedRouteFixtures(env, A);
    const idsB = await seedRouteFixtures(env, B);
    const bSecrets = [...new Set([...Object.values(idsB), B.tenantId, B.storeId, B.ownerId])];
    // Portal routes are walked by a member of tenant A (signed in with a code), the rest by A's owner.
    const memberA = await signInMember(env, A, idsA.memberId);
    const memberB = await signInMember(env, B, idsB.memberId);
    const before = await dumpTenant(env, B.tenantId);

    const failures: string[] = [];
    const leaks = (text: string, allowed: string[] = []) => bSecrets.filter((id) => !allowed.includes(id) && text.includes(id));

    for (const route of env.app.tessera.routes) {
      if (route.permission === 'public' || SESSION_ENDING_ROUTES.has(`${route.method} ${route.url}`)) continue;
      const headers = route.idempotent ? { 'idempotency-key': randomUUID() } : undefined;
      const caller = route.permission === 'member' ? memberA : A.owner;
      if (route.url.includes(':')) {
        const path = fillPath(route.url, idsB);
        const r = await caller.request(route.method as 'GET', path, sampleBody(route.method, route.url, idsB), headers);
        const inPath = Object.values(idsB).filter((id) => path.includes(id));
        if (r.status < 400) failures.push(`${route.method} ${route.url} with tenant B's ids → ${r.status}`);
        else if (r.status === 400 && r.body?.error?.code === 'VALIDATION_FAILED') {
          failures.push(`${route.method} ${route.url}: stopped at validation; add a sample body in route-fixtures.ts so isolation is really checked`);
        }
        const leaked = leaks(r.text, inPath);
        if (leaked.length) failures.push(`${route.method} ${route.url} leaked ${leaked.join(', ')}`);
      } else {
        const r = await caller.request(route.method as 'GET', route.url, sampleBody(route.method, route.url, idsA), headers);
        const leaked = leaks(r.text);
        if (leaked.length) failures.push(`${route.method} ${route.url} leaked ${leaked.join(', ')}`);
        if (route.method === 'GET') {
          // The same list filtered by tenant B's ids.
          const query = Object.entries(idsB)
            .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
            .join('&');
          for (const part of query.split('&')) {
            const rf = await caller.get(`${route.url}?${part}`);
            const l = leaks(rf.text, [decodeURIComponent(part.split('=')[1])]);
            if (l.length) failures.push(`GET ${route.url}?${part} leaked ${l.join(', ')}`);
            if (rf.status === 200 && Array.isArray(rf.body?.items) && rf.body.items.length > 0 && rf.text.includes(decodeURIComponent(part.split('=')[1]))) {
              failures.push(`GET ${route.url}?${part} returned items about tenant B`);
            }
          }
        }
      }
    }
    // The same with an API key of tenant A.
    const key = await A.owner.post('/api/v1/api-keys', { name: 'iso', permissions: ['org.read', 'org.manage', 'staff.read', 'staff.manage'] });
    const apiClient = env.client();
    apiClient.bearer = key.body.token;
    for (const path of [`/api/v1/stores/${idsB.storeId}`, `/api/v1/staff/${idsB.staffId}`]) {
      const r = await apiClient.get(path);
      if (r.status !== 404) failures.push(`API key GET ${path} → ${r.status}`);
    }
    // A session cookie of tenant B replayed with A's tenant prefix is no session at all.
    const forged = env.client();
    forged.cookie = B.owner.cookie!.replace(B.tenantId, A.tenantId);
    if ((await forged.get('/api/v1/auth/me')).status !== 401) failures.push('forged cross-tenant cookie was accepted');
    const forgedMember = env.client();
    forgedMember.cookie = memberB.cookie!.replace(B.tenantId, A.tenantId);
    if ((await forgedMember.get('/api/v1/portal/me')).status !== 401) failures.push('forged cross-tenant member cookie was accepted');
    // A member of tenant A booking into B's class: refused, nothing of B's changes (checked below).
    const cross = await memberA.post('/api/v1/portal/bookings', { sessionId: idsB.sessionId, attendeeId: idsA.memberId }, { 'idempotency-key': randomUUID() });
    if (cross.status < 400) failures.push(`member of A booked B's class → ${cross.status}`);

    expect(failures).toEqual([]);
    const after = await dumpTenant(env, B.tenantId);
    expect(after).toEqual(before);
  }, 240_000); // walking every route grows with each module's routes: not a speed assertion
});
