import { httpScenario } from '../lib/scenario';
import { seedOrg } from '../lib/seed';

/**
 * staff-me: the signed-in front-desk member reloading their profile (GET /api/v1/auth/me) —
 * the console calls it on every page load. The session cookie is resolved, roles and store
 * scope looked up, and the profile with permissions and stores returned: the cost every
 * authenticated request pays, plus a small read.
 */
export const staffMe = httpScenario({
  name: 'staff-me',
  title: 'GET /api/v1/auth/me with a real front-desk session cookie (2 of 5 stores in scope)',
  ceilings: ['http-hello', 'http-pk-select'],
  seed: (s) => seedOrg(s, { stores: 5, frontDesk: 4 }),
  async prepare(server, org) {
    const desk = org.frontDesk[0];
    const session = await server.login(org.tenantCode, desk.login, org.password);
    return {
      request: { path: '/api/v1/auth/me', headers: { cookie: session.cookie, 'accept-language': 'zh-CN' } },
      check(res) {
        const body = res.body as { staff?: { login?: string }; stores?: unknown[]; permissions?: unknown[] };
        if (res.status !== 200 || body.staff?.login !== desk.login || body.stores?.length !== desk.storeIds.length || !body.permissions?.length) {
          throw new Error(`GET /api/v1/auth/me did not return the signed-in front-desk profile: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        }
      },
    };
  },
});
