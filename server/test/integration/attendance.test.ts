import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env';

const HOUR = 3_600_000;
const month = (iso: string) => iso.slice(0, 7);

describeEachDb('staff attendance', (use) => {
  // ---- happy ----
  it('clocks a coach in and out at a store and sums the hours of the month', async () => {
    const env = use();
    const t = await env.newTenant();
    const coach = await env.newStaff(t, { roles: ['teacher'] });
    const inR = await coach.post('/api/v1/attendance/punches', { storeId: t.storeId, kind: 'in' });
    expect(inR.status).toBe(201);
    expect(inR.body).toMatchObject({ kind: 'in', storeId: t.storeId, source: 'clock' });
    const me = (await coach.get(`/api/v1/attendance/me?month=${month(inR.body.at)}`)).body;
    expect(me).toMatchObject({ next: 'out', current: { id: inR.body.id } });
    env.clock.advance(8 * HOUR + 30 * 60_000);
    const outR = await coach.post('/api/v1/attendance/punches', { storeId: t.storeId, kind: 'out' });
    expect(outR.status).toBe(201);
    const after = (await coach.get(`/api/v1/attendance/me?month=${month(inR.body.at)}`)).body;
    expect(after).toMatchObject({ next: 'in', current: null, minutes: 510, days: 1 });
    expect(after.spans).toEqual([expect.objectContaining({ storeId: t.storeId, minutes: 510, isIncomplete: false })]);
    const report = (await t.owner.get(`/api/v1/attendance/report?month=${month(inR.body.at)}`)).body;
    expect(report.lines).toEqual([expect.objectContaining({ days: 1, minutes: 510, hours: 8.5, incomplete: 0 })]);
  });

  it('a forgotten clock-out is asked for, approved by a manager, and then counts', async () => {
    const env = use();
    const t = await env.newTenant();
    const coach = await env.newStaff(t, { roles: ['teacher'] });
    const manager = await env.newStaff(t, { roles: ['manager'] });
    const inR = await coach.post('/api/v1/attendance/punches', { storeId: t.storeId, kind: 'in' });
    env.clock.advance(20 * HOUR);
    // Sessions end after a day's idleness: both sign in again the next morning.
    await coach.relogin();
    await manager.relogin();
    await t.owner.relogin();
    // The next day: the open clock-in is too old to block, the day before needs its clock-out.
    const next = await coach.post('/api/v1/attendance/punches', { storeId: t.storeId, kind: 'in' });
    expect(next.status).toBe(201);
    const at = new Date(Date.parse(inR.body.at) + 6 * HOUR).toISOString();
    const asked = await coach.post('/api/v1/attendance/corrections', { storeId: t.storeId, kind: 'out', at, reason: '下课后忘记打卡' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', kind: 'out', at });
    expect((await coach.post(`/api/v1/attendance/corrections/${asked.body.id}/approve`, {})).status).toBe(403);
    expect((await coach.get('/api/v1/attendance/corrections')).body.items.map((c: { id: string }) => c.id)).toEqual([asked.body.id]);
    const pending = (await manager.get('/api/v1/attendance/corrections?status=pending')).body.items;
    expect(pending.map((c: { id: string }) => c.id)).toEqual([asked.body.id]);
    const approved = await manager.post(`/api/v1/attendance/corrections/${asked.body.id}/approve`, { note: '已核实' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decisionNote: '已核实' });
    const m = month(inR.body.at);
    const punches = (await manager.get(`/api/v1/attendance/punches?month=${m}`)).body.items;
    expect(punches.map((p: { kind: string; source: string }) => `${p.kind}:${p.source}`)).toContain('out:correction');
    const report = (await manager.get(`/api/v1/attendance/report?month=${m}&storeId=${t.storeId}`)).body;
    expect(report.lines[0]).toMatchObject({ minutes: 360, hours: 6 });
    const audit = await t.owner.get('/api/v1/audit-logs?action=attendance.correction_approve');
    expect(audit.body.items).toHaveLength(1);
  });

  // ---- errors ----
  it('refuses a second clock-in, a clock-out without one or at another store, and bad corrections — changing nothing', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '二店' });
    const coach = await env.newStaff(t, { roles: ['teacher'], storeIds: [t.storeId, other.body.id] });
    const manager = await env.newStaff(t, { roles: ['manager'], scope: 'all' });
    const notIn = await coach.post('/api/v1/attendance/punches', { storeId: t.storeId, kind: 'out' });
    expect(notIn.status).toBe(409);
    expect(notIn.body.error.code).toBe('ATTENDANCE_NOT_IN');
    await coach.post('/api/v1/attendance/punches', { storeId: t.storeId, kind: 'in' });
    const twice = await coach.post('/api/v1/attendance/punches', { storeId: t.storeId, kind: 'in' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ATTENDANCE_ALREADY_IN');
    const elsewhere = await coach.post('/api/v1/attendance/punches', { storeId: other.body.id, kind: 'out' });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error).toMatchObject({ code: 'ATTENDANCE_OTHER_STORE' });
    expect(elsewhere.body.error.message).toContain('总店');
    const bad = await coach.post('/api/v1/attendance/punches', { storeId: t.storeId, kind: 'sideways' });
    expect(bad.status).toBe(400);
    const future = await coach.post('/api/v1/attendance/corrections', { storeId: t.storeId, kind: 'out', at: new Date(env.clock.now().getTime() + HOUR).toISOString(), reason: '预先补卡' });
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('ATTENDANCE_CORRECTION_TIME');
    const noReason = await coach.post('/api/v1/attendance/corrections', { storeId: t.storeId, kind: 'out', at: env.clock.iso() });
    expect(noReason.status).toBe(400);
    // A manager cannot approve their own correction; a decided one cannot be decided again.
    const own = await manager.post('/api/v1/attendance/corrections', { storeId: t.storeId, kind: 'in', at: new Date(env.clock.now().getTime() - HOUR).toISOString(), reason: '忘记打卡' });
    const self = await manager.post(`/api/v1/attendance/corrections/${own.body.id}/approve`, {});
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('ATTENDANCE_CORRECTION_OWN');
    expect((await t.owner.post(`/api/v1/attendance/corrections/${own.body.id}/reject`, { note: '当天休息' })).body.status).toBe('rejected');
    const again = await t.owner.post(`/api/v1/attendance/corrections/${own.body.id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ATTENDANCE_CORRECTION_DECIDED');
    const punches = (await t.owner.get(`/api/v1/attendance/punches?month=${month(env.clock.iso())}`)).body.items;
    expect(punches).toHaveLength(1);
  });

  it('two taps at once from two devices make one clock-in', async () => {
    const env = use();
    const t = await env.newTenant();
    const coach = await env.newStaff(t, { roles: ['teacher'] });
    const results = await Promise.all(Array.from({ length: 6 }, () => coach.post('/api/v1/attendance/punches', { storeId: t.storeId, kind: 'in' })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(5).fill('ATTENDANCE_ALREADY_IN'));
    expect((await t.owner.get(`/api/v1/attendance/punches?month=${month(env.clock.iso())}`)).body.items).toHaveLength(1);
  });

  // ---- security ----
  it('keeps staff to their stores and their own records; only managers see others and decide', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '二店' });
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const manager2 = await env.newStaff(t, { roles: ['manager'], storeIds: [other.body.id] });
    const outside = await desk.post('/api/v1/attendance/punches', { storeId: other.body.id, kind: 'in' });
    expect(outside.status).toBe(403);
    expect((await desk.get(`/api/v1/attendance/report?month=${month(env.clock.iso())}`)).status).toBe(403);
    const asked = await desk.post('/api/v1/attendance/corrections', { storeId: t.storeId, kind: 'in', at: new Date(env.clock.now().getTime() - HOUR).toISOString(), reason: '忘记打卡' });
    // A manager of another store neither sees nor decides it.
    expect((await manager2.get('/api/v1/attendance/corrections')).body.items).toEqual([]);
    expect((await manager2.post(`/api/v1/attendance/corrections/${asked.body.id}/approve`, {})).status).toBe(403);
    const key = await t.owner.post('/api/v1/api-keys', { name: '考勤机', permissions: ['attendance.clock'] });
    const viaKey = await env.client().request('POST', '/api/v1/attendance/punches', { storeId: t.storeId, kind: 'in' }, { authorization: `Bearer ${key.body.token}` });
    expect(viaKey.status).toBe(403);
    expect(viaKey.body.error.code).toBe('ATTENDANCE_STAFF_ONLY');
  });
});
