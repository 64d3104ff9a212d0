import { expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { describeEachDb } from '../helpers/env';

/** Bad input gets a clear, localised 4xx with field details and changes nothing. */
describeEachDb('error envelope and bad input', (use) => {
  async function auditCount(env: ReturnType<typeof use>, tenantId: string): Promise<number> {
    const r = await env.database.db.selectFrom('audit_logs').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  it('malformed JSON, wrong types, unknown fields, oversized bodies, wrong content types and malformed ids', async () => {
    const env = use();
    const t = await env.newTenant();
    const before = await auditCount(env, t.tenantId);
    const c = t.owner;

    const malformed = await c.request('POST', '/api/v1/stores', '{"name": "x"', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'MALFORMED_JSON', message: '请求体不是有效的 JSON' });

    const wrongType = await c.post('/api/v1/stores', { name: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.code).toBe('VALIDATION_FAILED');
    expect(wrongType.body.error.details).toEqual([expect.objectContaining({ path: 'name', code: 'invalid_type' })]);

    const unknown = await c.post('/api/v1/regions', { name: '华东', colour: 'red' });
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ path: 'colour', code: 'unrecognized_keys' })]);

    c.locale = 'en';
    const missing = await c.post('/api/v1/regions', {});
    expect(missing.body.error.details).toEqual([{ path: 'name', code: 'invalid_type', message: 'Required' }]);
    c.locale = 'zh-CN';

    const huge = await c.post('/api/v1/regions', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    const text = await c.request('POST', '/api/v1/regions', 'name=x', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const badId = await c.get('/api/v1/stores/not-an-id');
    expect(badId.status).toBe(400);
    expect(badId.body.error.details[0]).toMatchObject({ path: 'params.storeId', message: '编号格式不正确' });

    const badQuery = await c.get('/api/v1/staff?limit=100000');
    expect(badQuery.body.error.details[0].path).toBe('query.limit');

    expect(await auditCount(env, t.tenantId)).toBe(before);
    const regions = await c.get('/api/v1/regions');
    expect(regions.body.items).toEqual([]);
  });

  it('unknown routes answer a JSON 404 in the envelope', async () => {
    const env = use();
    const r = await env.client().get('/api/v1/no-such-thing');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    expect(r.body.error).toMatchObject({ code: 'ROUTE_NOT_FOUND', requestId: expect.any(String) });
    const post = await env.client().post('/api/v2/stores', {});
    expect(post.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('unexpected failures are a 500 with a request id and no stack trace or SQL', async () => {
    const env = use();
    const app = await buildApp(env.services, { logger: false });
    app.get('/api/v1/__boom', { config: { permission: 'public' } }, async () => {
      throw new Error('select password_hash from staff where id = 1 -- at Object.<anonymous> (/srv/app.ts:1:1)');
    });
    await app.ready();
    const r = await app.inject({ method: 'GET', url: '/api/v1/__boom', headers: { 'accept-language': 'en' } });
    await app.close();
    expect(r.statusCode).toBe(500);
    const body = JSON.parse(r.body);
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.requestId).toBe(r.headers['x-request-id']);
    expect(r.body).not.toMatch(/select|password_hash|app\.ts|at Object/);
  });

  it('every response carries a request id, and API responses are not cached', async () => {
    const env = use();
    const r = await env.client().get('/api/v1/auth/bootstrap');
    expect(r.headers['x-request-id']).toMatch(/^req_/);
    expect(r.headers['cache-control']).toBe('no-store');
    const traced = await env.client().get('/api/v1/auth/bootstrap', { 'x-request-id': 'lb-trace-12345678' });
    expect(traced.headers['x-request-id']).toBe('lb-trace-12345678');
  });
});
