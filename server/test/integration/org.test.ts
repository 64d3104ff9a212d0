import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env';

describeEachDb('stores and regions', (use) => {
  // ---- happy ----
  it('creates regions and stores with generated codes, lists and updates them', async () => {
    const env = use();
    const t = await env.newTenant();
    const region = await t.owner.post('/api/v1/regions', { name: '华东区' });
    expect(region.status).toBe(201);
    const s = await t.owner.post('/api/v1/stores', { name: '徐汇店', regionId: region.body.id, phone: '021-64870001' });
    expect(s.status).toBe(201);
    expect(s.body.code).toMatch(/^S\d{3}$/);
    const patched = await t.owner.patch(`/api/v1/stores/${s.body.id}`, { name: '徐汇旗舰店', businessHours: '07:00–22:00' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: '徐汇旗舰店', businessHours: '07:00–22:00', regionId: region.body.id });
    const regions = await t.owner.get('/api/v1/regions');
    expect(regions.body.items).toEqual([expect.objectContaining({ name: '华东区', storeCount: 1 })]);
    const list = await t.owner.get(`/api/v1/stores?regionId=${region.body.id}`);
    expect(list.body.items.map((x: { name: string }) => x.name)).toEqual(['徐汇旗舰店']);
    const audit = await t.owner.get(`/api/v1/audit-logs?entityId=${s.body.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['store.update', 'store.create']);
    expect(audit.body.items[0].before).toMatchObject({ name: '徐汇店', businessHours: null });
    expect(audit.body.items[0].after).toMatchObject({ name: '徐汇旗舰店', businessHours: '07:00–22:00' });
    expect(audit.body.items[0].before).not.toHaveProperty('phone');
  });

  it('hides deactivated stores unless asked for them', async () => {
    const env = use();
    const t = await env.newTenant();
    const s = await t.owner.post('/api/v1/stores', { name: '关闭的店' });
    await t.owner.patch(`/api/v1/stores/${s.body.id}`, { isActive: false });
    const active = await t.owner.get('/api/v1/stores');
    expect(active.body.items.map((x: { id: string }) => x.id)).not.toContain(s.body.id);
    const all = await t.owner.get('/api/v1/stores?includeInactive=true');
    expect(all.body.items.map((x: { id: string }) => x.id)).toContain(s.body.id);
  });

  // ---- errors ----
  it('refuses duplicate names and codes, unknown regions and bad fields without changing anything', async () => {
    const env = use();
    const t = await env.newTenant({ storeName: '总店' });
    const dupName = await t.owner.post('/api/v1/stores', { name: '总店' });
    expect(dupName.status).toBe(409);
    expect(dupName.body.error.code).toBe('STORE_NAME_TAKEN');
    const first = await t.owner.post('/api/v1/stores', { name: '二店', code: 'B2' });
    const dupCode = await t.owner.post('/api/v1/stores', { name: '三店', code: 'B2' });
    expect(dupCode.body.error.code).toBe('STORE_CODE_TAKEN');
    const badRegion = await t.owner.post('/api/v1/stores', { name: '四店', regionId: 'rgn_01AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(badRegion.status).toBe(404);
    expect(badRegion.body.error.code).toBe('REGION_NOT_FOUND');
    const bad = await t.owner.post('/api/v1/stores', { name: '', code: 'has space', color: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['code', 'color', 'name']);
    await t.owner.post('/api/v1/regions', { name: '华北区' });
    const dupRegion = await t.owner.post('/api/v1/regions', { name: '华北区' });
    expect(dupRegion.body.error.code).toBe('REGION_NAME_TAKEN');
    const stores = await t.owner.get('/api/v1/stores');
    expect(stores.body.items.map((s: { name: string }) => s.name).sort()).toEqual(['二店', '总店'].sort());
    expect(first.status).toBe(201);
  });

  // ---- security ----
  it('keeps store-scoped staff inside their stores', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '别的店' });
    const desk = await env.newStaff(t, { roles: ['frontDesk'], storeIds: [t.storeId] });
    const list = await desk.get('/api/v1/stores');
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([t.storeId]);
    const denied = await desk.get(`/api/v1/stores/${other.body.id}`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('STORE_OUT_OF_SCOPE');
    const header = await desk.get('/api/v1/stores', { 'x-store-id': other.body.id });
    expect(header.body.error.code).toBe('STORE_OUT_OF_SCOPE');
  });

  it('region-scoped staff see the stores of their region', async () => {
    const env = use();
    const t = await env.newTenant();
    const region = await t.owner.post('/api/v1/regions', { name: '华南区' });
    const inRegion = await t.owner.post('/api/v1/stores', { name: '深圳店', regionId: region.body.id });
    const roles = await t.owner.get('/api/v1/roles');
    const manager = roles.body.items.find((r: { builtinKey: string }) => r.builtinKey === 'manager');
    const created = await t.owner.post('/api/v1/staff', { login: 'rm', name: '区域经理', roleIds: [manager.id], scopeType: 'region', scopeRegionId: region.body.id, password: 'Region1pass' });
    expect(created.status).toBe(201);
    const c = env.client();
    await c.login(t.code, 'rm', 'Region1pass');
    const list = await c.get('/api/v1/stores');
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([inRegion.body.id]);
  });
});
