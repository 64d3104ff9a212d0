import { expect, it } from 'vitest';
import type { TestClient } from '../helpers/client';
import { describeEachDb } from '../helpers/env';
import { memberBody, nextMobile } from '../fixtures/members';

async function lead(c: TestClient, body: Record<string, unknown>) {
  const r = await c.post('/api/v1/leads', { name: '潜在客户', mobile: nextMobile(), ...body });
  if (r.status !== 201) throw new Error(`${r.status} ${r.text}`);
  return r.body;
}

describeEachDb('leads', (use) => {
  // ---- happy ----
  it('walks a lead from enquiry to converted member, keeping the lead and its history', async () => {
    const env = use();
    const t = await env.newTenant();
    t.owner.storeId = t.storeId;
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    desk.storeId = t.storeId;
    const mobile = nextMobile();
    const l = await lead(desk, { name: '周小宝妈妈', mobile, childName: '周小宝', childBirthday: '2023-06-01', interest: '早教体验课', sourceChannel: '小红书', nextFollowUpDate: '2030-01-02' });
    expect(l).toMatchObject({ status: 'enquiry', storeId: t.storeId, ownerStaffId: desk.me.staff.id, isMobileMasked: true, existingMember: null });
    expect(l.mobile).toMatch(/^\d{3}\*{4}\d{4}$/);

    const contacted = await desk.post(`/api/v1/leads/${l.id}/notes`, { note: '电话沟通,约周六体验', nextFollowUpDate: '2030-01-05' });
    expect(contacted.body.lastContactedAt).not.toBeNull();
    await desk.post(`/api/v1/leads/${l.id}/status`, { status: 'contacted' });
    const booked = await desk.post(`/api/v1/leads/${l.id}/status`, { status: 'trial_booked', trialAt: '2030-01-06T02:00:00Z' });
    expect(booked.body).toMatchObject({ status: 'trial_booked', trialAt: '2030-01-06T02:00:00.000Z' });
    await desk.post(`/api/v1/leads/${l.id}/status`, { status: 'trial_attended', note: '孩子很喜欢' });

    const converted = await desk.post(`/api/v1/leads/${l.id}/convert`, { tags: ['早教'] });
    expect(converted.status).toBe(200);
    expect(converted.body).toMatchObject({ created: true, memberNo: 'M000001', lead: { status: 'converted', convertedMemberId: converted.body.memberId } });
    const member = await t.owner.get(`/api/v1/members/${converted.body.memberId}`);
    expect(member.body).toMatchObject({ name: '周小宝妈妈', mobile, sourceChannel: '小红书', origin: 'lead', tags: ['早教'], homeStoreId: t.storeId });
    const timeline = await t.owner.get(`/api/v1/members/${converted.body.memberId}/timeline`);
    expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(['lead.converted', 'member.created']);

    const history = await t.owner.get(`/api/v1/leads/${l.id}`);
    expect(history.body.events.map((e: { kind: string; toStatus: string | null }) => [e.kind, e.toStatus])).toEqual([
      ['created', 'enquiry'],
      ['note', null],
      ['status', 'contacted'],
      ['status', 'trial_booked'],
      ['status', 'trial_attended'],
      ['converted', 'converted'],
    ]);
    expect(history.body.mobile).toBe(mobile);
    const again = await desk.post(`/api/v1/leads/${l.id}/convert`, {});
    expect(again.body.error.code).toBe('LEAD_TRANSITION');

    // The follow-up work list holds open leads only: converted and lost ones keep their date.
    const open = await lead(desk, { nextFollowUpDate: '2030-01-03' });
    const gone = await lead(desk, { nextFollowUpDate: '2030-01-04' });
    await desk.post(`/api/v1/leads/${gone.id}/status`, { status: 'lost', lostReason: '搬家' });
    const due = await desk.get('/api/v1/leads?followUpBefore=2030-01-31');
    expect(due.body.items.map((i: { id: string }) => i.id)).toEqual([open.id]);
    expect((await desk.get('/api/v1/leads?followUpBefore=2030-01-02')).body.items).toEqual([]);
  });

  it('links a lead to an existing member, shows the board and counts conversions by source channel', async () => {
    const env = use();
    const t = await env.newTenant();
    t.owner.storeId = t.storeId;
    const existing = (await t.owner.post('/api/v1/members', memberBody())).body;
    const dup = await lead(t.owner, { mobile: existing.mobile, sourceChannel: '美团' });
    expect(dup.existingMember).toEqual({ id: existing.id, memberNo: existing.memberNo, name: existing.name });
    const taken = await t.owner.post(`/api/v1/leads/${dup.id}/convert`, {});
    expect(taken.body.error.code).toBe('MEMBER_MOBILE_TAKEN');
    const linked = await t.owner.post(`/api/v1/leads/${dup.id}/convert`, { memberId: existing.id });
    expect(linked.body).toMatchObject({ created: false, memberId: existing.id });

    const a = await lead(t.owner, { sourceChannel: '美团' });
    await lead(t.owner, { sourceChannel: '美团' });
    const b = await lead(t.owner, { sourceChannel: '转介绍' });
    await t.owner.post(`/api/v1/leads/${a.id}/status`, { status: 'trial_booked' });
    const lost = await t.owner.post(`/api/v1/leads/${b.id}/status`, { status: 'lost', lostReason: '价格太高' });
    expect(lost.body).toMatchObject({ status: 'lost', lostReason: '价格太高' });
    await lead(t.owner, {});

    const board = await t.owner.get('/api/v1/leads/board');
    const col = (s: string) => board.body.columns.find((c: { status: string }) => c.status === s);
    expect(board.body.columns.map((c: { status: string }) => c.status)).toEqual(['enquiry', 'contacted', 'trial_booked', 'trial_attended', 'converted', 'lost']);
    expect([col('enquiry').count, col('trial_booked').count, col('converted').count, col('lost').count]).toEqual([2, 1, 1, 1]);
    expect(col('trial_booked').items.map((i: { id: string }) => i.id)).toEqual([a.id]);

    const report = await t.owner.get('/api/v1/leads/conversion-report');
    expect(report.body.rows).toEqual([
      { sourceChannel: '美团', total: 3, converted: 1, lost: 0, open: 2, trialReached: 2, conversionRate: 0.3333 },
      { sourceChannel: '转介绍', total: 1, converted: 0, lost: 1, open: 0, trialReached: 0, conversionRate: 0 },
      { sourceChannel: null, total: 1, converted: 0, lost: 0, open: 1, trialReached: 0, conversionRate: 0 },
    ]);
    expect(report.body.totals).toMatchObject({ total: 5, converted: 1 });
    const tomorrow = new Date(env.clock.now().getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect((await t.owner.get(`/api/v1/leads/conversion-report?from=${tomorrow}`)).body.totals.total).toBe(0);

    const list = await t.owner.get(`/api/v1/leads?status=enquiry&sourceChannel=${encodeURIComponent('美团')}`);
    expect(list.body.items).toHaveLength(1);
    const byTail = await t.owner.get(`/api/v1/leads?q=${a.mobile.slice(-4)}`);
    expect(byTail.body.items.map((i: { id: string }) => i.id)).toContain(a.id);
  });

  // ---- errors ----
  it('refuses backward moves, a loss without reason, unknown owners and stores, and bad input', async () => {
    const env = use();
    const t = await env.newTenant();
    const l = await lead(t.owner, {});
    await t.owner.post(`/api/v1/leads/${l.id}/status`, { status: 'trial_booked' });
    const back = await t.owner.post(`/api/v1/leads/${l.id}/status`, { status: 'contacted' });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('LEAD_TRANSITION');
    expect((await t.owner.post(`/api/v1/leads/${l.id}/status`, { status: 'lost' })).body.error.code).toBe('LEAD_LOST_REASON_REQUIRED');
    expect((await t.owner.post(`/api/v1/leads/${l.id}/status`, { status: 'converted' })).status).toBe(400);
    expect((await t.owner.patch(`/api/v1/leads/${l.id}`, { ownerStaffId: 'stf_01AAAAAAAAAAAAAAAAAAAAAAAA' })).body.error.code).toBe('LEAD_OWNER_NOT_FOUND');
    expect((await t.owner.patch(`/api/v1/leads/${l.id}`, { storeId: 'sto_01AAAAAAAAAAAAAAAAAAAAAAAA' })).body.error.code).toBe('STORE_NOT_FOUND');
    const bad = await t.owner.post('/api/v1/leads', { name: '', mobile: '123', childBirthday: '2020-02-31' });
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['childBirthday', 'mobile', 'name']);
    const noMobile = await lead(t.owner, { mobile: null });
    expect((await t.owner.post(`/api/v1/leads/${noMobile.id}/convert`, {})).body.error.code).toBe('LEAD_MOBILE_REQUIRED');
    expect((await t.owner.get(`/api/v1/leads/${l.id}`)).body.status).toBe('trial_booked');
  });

  // ---- security ----
  it('keeps leads inside the store scope, masks mobiles, and needs lead permissions', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '二店' });
    const far = await lead(t.owner, { storeId: other.body.id, ownerStaffId: t.ownerId });
    const desk = await env.newStaff(t, { roles: ['frontDesk'], storeIds: [t.storeId] });
    const mine = await lead(desk, { storeId: t.storeId });
    const list = await desk.get('/api/v1/leads');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect((await desk.get(`/api/v1/leads/${far.id}`)).status).toBe(404);
    expect((await desk.post(`/api/v1/leads/${far.id}/status`, { status: 'contacted' })).status).toBe(404);
    expect((await desk.post('/api/v1/leads', { name: '越权', storeId: other.body.id })).body.error.code).toBe('STORE_OUT_OF_SCOPE');
    const finance = await env.newStaff(t, { roles: ['finance'] });
    expect((await finance.get('/api/v1/leads')).body.error.details.permission).toBe('lead.read');
    expect((await t.owner.get(`/api/v1/leads/${far.id}`)).body.isMobileMasked).toBe(false);
  });

  it('anonymises a converted lead when its member is erased, and includes it in the data export', async () => {
    const env = use();
    const t = await env.newTenant();
    t.owner.storeId = t.storeId;
    const l = await lead(t.owner, { name: '将被注销', notes: '家住某小区' });
    await t.owner.post(`/api/v1/leads/${l.id}/notes`, { note: '私人备注' });
    const c = (await t.owner.post(`/api/v1/leads/${l.id}/convert`, {})).body;
    const exported = await t.owner.get(`/api/v1/members/${c.memberId}/data-export`);
    expect(exported.body.leads).toEqual([expect.objectContaining({ id: l.id, name: '将被注销' })]);
    await t.owner.post(`/api/v1/members/${c.memberId}/erase`, { reason: '申请删除' });
    const row = await env.database.db.selectFrom('leads').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', l.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: '已注销', mobile: null, notes: null, converted_member_id: c.memberId });
    const events = await env.database.db.selectFrom('lead_events').select('note').where('tenant_id', '=', t.tenantId).where('lead_id', '=', l.id).execute();
    expect(events.every((e) => e.note === null)).toBe(true);
    expect((await t.owner.get(`/api/v1/leads/${l.id}`)).status).toBe(404);
  });
});
