import { expect, it } from 'vitest';
import { addDays, lunarBirthdayIn, solarToLunar } from '../../src/modules/member';
import { businessDate } from '../../src/shared/clock';
import { describeEachDb } from '../helpers/env';
import { memberBody } from '../fixtures/members';

describeEachDb('CRM: interactions, important dates, timeline', (use) => {
  // ---- happy ----
  it('handles a complaint from open to resolved with an owner and a follow-up date, all on the member’s timeline', async () => {
    const env = use();
    const t = await env.newTenant();
    const m = (await t.owner.post('/api/v1/members', memberBody())).body;
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const consult = await desk.post(`/api/v1/members/${m.id}/interactions`, { kind: 'consultation', subject: '私教课价格', content: '咨询私教课 10 节的价格', channel: 'desk' });
    expect(consult.status).toBe(201);
    expect(consult.body).toMatchObject({ kind: 'consultation', status: null, memberNo: m.memberNo, createdByName: expect.any(String) });

    const complaint = await desk.post(`/api/v1/members/${m.id}/interactions`, {
      kind: 'complaint',
      subject: '更衣室卫生',
      content: '周六下午更衣室地面湿滑',
      ownerStaffId: t.ownerId,
      followUpDate: '2030-01-05',
    });
    expect(complaint.body).toMatchObject({ status: 'open', ownerStaffId: t.ownerId, ownerName: '老板', followUpDate: '2030-01-05', storeId: t.storeId });
    const id = complaint.body.id;
    expect((await desk.patch(`/api/v1/interactions/${id}`, { status: 'in_progress' })).body.status).toBe('in_progress');
    const noResolution = await desk.patch(`/api/v1/interactions/${id}`, { status: 'resolved' });
    expect(noResolution.body.error.code).toBe('INTERACTION_RESOLUTION_REQUIRED');
    const resolved = await desk.patch(`/api/v1/interactions/${id}`, { status: 'resolved', resolution: '已加铺防滑垫并增加保洁频次' });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: '已加铺防滑垫并增加保洁频次' });
    expect(resolved.body.resolvedAt).not.toBeNull();

    const visit = await desk.post(`/api/v1/members/${m.id}/interactions`, { kind: 'visit', content: '电话回访:对处理结果满意', channel: 'phone' });
    expect(visit.status).toBe(201);

    const mine = await desk.get(`/api/v1/members/${m.id}/interactions`);
    expect(mine.body.items.map((i: { kind: string }) => i.kind)).toEqual(['visit', 'complaint', 'consultation']);
    const queue = await t.owner.get('/api/v1/interactions?kind=complaint&status=resolved');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const due = await t.owner.get('/api/v1/interactions?followUpBefore=2030-01-31');
    expect(due.body.items).toEqual([]);
    const owned = await t.owner.get('/api/v1/interactions?mine=true');
    expect(owned.body.items.map((i: { id: string }) => i.id)).toEqual([id]);

    const timeline = await t.owner.get(`/api/v1/members/${m.id}/timeline`);
    expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual([
      'interaction.visit',
      'interaction.resolved',
      'interaction.status',
      'interaction.complaint',
      'interaction.consultation',
      'member.created',
    ]);
    const page1 = await t.owner.get(`/api/v1/members/${m.id}/timeline?limit=4`);
    const page2 = await t.owner.get(`/api/v1/members/${m.id}/timeline?limit=4&cursor=${page1.body.nextCursor}`);
    expect(page2.body.nextCursor).toBeNull();
    expect([...page1.body.items, ...page2.body.items].map((e: { id: string }) => e.id)).toEqual(timeline.body.items.map((e: { id: string }) => e.id));
    const onlyInteractions = await t.owner.get(`/api/v1/members/${m.id}/timeline?kind=interaction.complaint&kind=interaction.visit`);
    expect(onlyInteractions.body.items).toHaveLength(2);
  });

  it('lists upcoming birthdays (solar and lunar), children’s birthdays and anniversaries', async () => {
    const env = use();
    const t = await env.newTenant();
    const today = businessDate(env.clock.now(), 'Asia/Shanghai');
    const inDays = (n: number) => addDays(today, n);
    const solar = (await t.owner.post('/api/v1/members', memberBody({ name: '阳历生日', birthday: `1990-${inDays(3).slice(5)}` }))).body;
    // A lunar birthday that falls 5 days from today this year.
    const target = solarToLunar(inDays(5));
    // A birth year in which that lunar month has that day (a 30th needs a long month).
    const year = [1995, 1996, 1997, 1998, 1999, 2000].find((y) => {
      const d = lunarBirthdayIn(y, target.month, target.day);
      return d !== null && solarToLunar(d).day === target.day;
    })!;
    const lunar = (await t.owner.post('/api/v1/members', memberBody({ name: '农历生日', lunarBirthday: { year, month: target.month, day: target.day } }))).body;
    expect(lunar.birthday).toBe(lunarBirthdayIn(year, target.month, target.day));
    const parent = (await t.owner.post('/api/v1/members', memberBody({ name: '家长' }))).body;
    await t.owner.post(`/api/v1/members/${parent.id}/dependents`, { name: '宝宝', birthday: `2008-${inDays(1).slice(5)}`, relation: '妈妈' });
    await t.owner.post(`/api/v1/members/${parent.id}/important-dates`, { kind: 'anniversary', label: '结婚纪念日', date: `2015-${inDays(7).slice(5)}` });
    const far = (await t.owner.post('/api/v1/members', memberBody({ name: '远的生日', birthday: `1990-${inDays(40).slice(5)}` }))).body;

    const up = await t.owner.get('/api/v1/important-dates/upcoming?days=10');
    expect(up.status).toBe(200);
    const rows = up.body.items.map((i: { kind: string; memberId: string; daysAway: number; calendar: string }) => [i.kind, i.memberId, i.daysAway, i.calendar]);
    expect(rows).toEqual([
      ['childBirthday', parent.id, 1, 'solar'],
      ['birthday', solar.id, 3, 'solar'],
      ['birthday', lunar.id, 5, 'lunar'],
      ['anniversary', parent.id, 7, 'solar'],
    ]);
    expect(up.body.items[0]).toMatchObject({ dependentName: '宝宝', turning: Number(inDays(1).slice(0, 4)) - 2008 });
    expect(up.body.items.map((i: { memberId: string }) => i.memberId)).not.toContain(far.id);

    const dates = await t.owner.get(`/api/v1/members/${parent.id}/important-dates`);
    expect(dates.body.items).toEqual([expect.objectContaining({ label: '结婚纪念日', isRecurring: true })]);
    expect((await t.owner.delete(`/api/v1/important-dates/${dates.body.items[0].id}`)).status).toBe(204);
  });

  // ---- errors ----
  it('refuses statuses on consultations, impossible moves and unknown owners', async () => {
    const env = use();
    const t = await env.newTenant();
    const m = (await t.owner.post('/api/v1/members', memberBody())).body;
    const r1 = await t.owner.post(`/api/v1/members/${m.id}/interactions`, { kind: 'consultation', content: '问价格', status: 'open' });
    expect(r1.body.error.code).toBe('INTERACTION_STATUS_NOT_ALLOWED');
    const c = (await t.owner.post(`/api/v1/members/${m.id}/interactions`, { kind: 'suggestion', content: '希望增加晚上的课' })).body;
    await t.owner.patch(`/api/v1/interactions/${c.id}`, { status: 'resolved', resolution: '已排课' });
    const back = await t.owner.patch(`/api/v1/interactions/${c.id}`, { status: 'in_progress' });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('INTERACTION_TRANSITION');
    const reopened = await t.owner.patch(`/api/v1/interactions/${c.id}`, { status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', resolvedAt: null });
    const owner = await t.owner.patch(`/api/v1/interactions/${c.id}`, { ownerStaffId: 'stf_01AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(owner.body.error.code).toBe('CRM_OWNER_NOT_FOUND');
    const empty = await t.owner.post(`/api/v1/members/${m.id}/interactions`, { kind: 'visit', content: '' });
    expect(empty.body.error.details).toEqual([expect.objectContaining({ path: 'content' })]);
    expect((await t.owner.get(`/api/v1/members/${m.id}/interactions`)).body.items).toHaveLength(1);
  });

  // ---- security ----
  it('keeps the work list in the caller’s stores; teachers read but cannot write', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '二店' });
    const far = (await t.owner.post('/api/v1/members', memberBody({ homeStoreId: other.body.id }))).body;
    const near = (await t.owner.post('/api/v1/members', memberBody({ homeStoreId: t.storeId }))).body;
    for (const m of [far, near]) await t.owner.post(`/api/v1/members/${m.id}/interactions`, { kind: 'complaint', content: '投诉' });
    const desk = await env.newStaff(t, { roles: ['frontDesk'], storeIds: [t.storeId] });
    const list = await desk.get('/api/v1/interactions');
    expect(list.body.items.map((i: { memberId: string }) => i.memberId)).toEqual([near.id]);
    // Owners to choose from: the caller first, then active staff of the caller's stores (and
    // staff working across all stores); not staff of other stores only, not disabled staff.
    const farDesk = await env.newStaff(t, { roles: ['frontDesk'], storeIds: [other.body.id] });
    const gone = await env.newStaff(t, { roles: ['frontDesk'], storeIds: [t.storeId] });
    const deskMe = (await desk.get('/api/v1/auth/me')).body.staff;
    const farMe = (await farDesk.get('/api/v1/auth/me')).body.staff;
    const goneMe = (await gone.get('/api/v1/auth/me')).body.staff;
    await t.owner.patch(`/api/v1/staff/${goneMe.id}`, { status: 'disabled' });
    const owners = (await desk.get('/api/v1/follow-up-owners')).body.items as { id: string; name: string }[];
    expect(owners[0]).toEqual({ id: deskMe.id, name: deskMe.name });
    expect(owners.map((o) => o.id).sort()).toEqual([deskMe.id, t.ownerId].sort());
    expect(owners.map((o) => o.id)).not.toContain(farMe.id);
    const all = (await t.owner.get('/api/v1/follow-up-owners')).body.items.map((o: { id: string }) => o.id);
    expect(all[0]).toBe(t.ownerId);
    expect([...all].sort()).toEqual([t.ownerId, deskMe.id, farMe.id].sort());

    const teacher = await env.newStaff(t, { roles: ['teacher'] });
    expect((await teacher.get(`/api/v1/members/${near.id}/interactions`)).status).toBe(200);
    const denied = await teacher.post(`/api/v1/members/${near.id}/interactions`, { kind: 'visit', content: '回访' });
    expect(denied.body.error.details.permission).toBe('member.write');
  });
});
