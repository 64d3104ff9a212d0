import { expect, it } from 'vitest';
import type { TestClient } from '../helpers/client';
import { describeEachDb } from '../helpers/env';
import { memberBody } from '../fixtures/members';

async function texts(c: TestClient) {
  const items = (await c.get('/api/v1/consent-texts')).body.items as { id: string; kind: string }[];
  return { child: items.find((t) => t.kind === 'child')!.id, sensitive: items.find((t) => t.kind === 'sensitive')!.id };
}

describeEachDb('member privacy: data export and erasure', (use) => {
  // ---- happy ----
  it('exports everything held about a member as JSON and a readable page, sensitive data only for those permitted', async () => {
    const env = use();
    const t = await env.newTenant();
    const { sensitive } = await texts(t.owner);
    const m = (await t.owner.post('/api/v1/members', memberBody({ name: '赵<b>敏</b>', mobile: '13811112222', tags: ['VIP'] }))).body;
    await t.owner.post(`/api/v1/members/${m.id}/dependents`, { name: '赵小敏', birthday: '2009-09-09', relation: '妈妈' });
    await t.owner.post(`/api/v1/members/${m.id}/consents`, { kind: 'sensitive', textId: sensitive });
    await t.owner.put(`/api/v1/members/${m.id}/sensitive`, { health: { conditions: '哮喘' } });

    const json = await t.owner.get(`/api/v1/members/${m.id}/data-export`);
    expect(json.status).toBe(200);
    expect(json.headers['content-disposition']).toContain(`member-${m.memberNo}.json`);
    expect(json.body).toMatchObject({
      profile: { memberNo: m.memberNo, mobile: '13811112222', tags: ['VIP'] },
      family: { dependents: [{ name: '赵小敏' }] },
      consents: [{ kind: 'sensitive' }],
      sensitive: { included: true, health: { conditions: '哮喘' } },
    });
    expect(json.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['member.created', 'consent.granted', 'member.sensitive.updated']));

    const html = await t.owner.get(`/api/v1/members/${m.id}/data-export?format=html`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('个人信息副本');
    expect(html.text).toContain('赵&lt;b&gt;敏&lt;/b&gt;');
    expect(html.text).not.toContain('<b>敏');

    const manager = await env.newStaff(t, { roles: ['manager'] });
    const limited = await manager.get(`/api/v1/members/${m.id}/data-export`);
    expect(limited.body.sensitive).toEqual({ included: false });
    expect(limited.text).not.toContain('哮喘');

    const audit = await t.owner.get(`/api/v1/audit-logs?action=member.dataExport&entityId=${m.id}`);
    expect(audit.body.items.map((e: { after: { format: string; includesSensitive: boolean } }) => [e.after.format, e.after.includesSensitive])).toEqual([
      ['json', false],
      ['html', true],
      ['json', true],
    ]);
  });

  it('erases a member: personal data anonymised, number, audit and timeline kept, mobile released, search forgets them', async () => {
    const env = use();
    const t = await env.newTenant();
    const { sensitive } = await texts(t.owner);
    const m = (await t.owner.post('/api/v1/members', memberBody({ name: '钱多多', mobile: '13822223333', email: 'qdd@example.com', cardNo: 'QDD1', tags: ['VIP'] }))).body;
    const partner = (await t.owner.post('/api/v1/members', memberBody({ name: '孙伴侣' }))).body;
    const solo = (await t.owner.post(`/api/v1/members/${m.id}/dependents`, { name: '钱一', birthday: '2008-02-02', relation: '爸爸', allergies: '牛奶' })).body;
    const shared = (await t.owner.post(`/api/v1/members/${m.id}/dependents`, { name: '钱二', birthday: '2009-03-03', relation: '爸爸' })).body;
    await t.owner.post(`/api/v1/dependents/${shared.id}/guardians`, { memberId: partner.id, relation: '妈妈' });
    await t.owner.post(`/api/v1/members/${m.id}/consents`, { kind: 'sensitive', textId: sensitive, grantedByName: '钱多多' });
    await t.owner.put(`/api/v1/members/${m.id}/sensitive`, { idType: 'passport', idNumber: 'E1234567' });

    const erased = await t.owner.post(`/api/v1/members/${m.id}/erase`, { reason: '会员书面申请删除个人信息' });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ memberNo: m.memberNo, name: '已注销会员', mobile: null, email: null, cardNo: null, tags: [], birthday: null });
    expect(erased.body.erasedAt).not.toBeNull();

    const row = await env.database.db.selectFrom('members').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toMatch(/钱多多|13822223333|qdd@|QDD1/);
    expect(await env.database.db.selectFrom('member_search_terms').select('term').where('tenant_id', '=', t.tenantId).where('member_id', '=', m.id).execute()).toEqual([]);
    expect(await env.database.db.selectFrom('member_sensitive').selectAll().where('tenant_id', '=', t.tenantId).where('member_id', '=', m.id).execute()).toEqual([]);
    const consents = await env.database.db.selectFrom('member_consents').select('granted_by_name').where('tenant_id', '=', t.tenantId).where('member_id', '=', m.id).execute();
    expect(consents).toEqual([{ granted_by_name: '已注销会员' }]);

    // The child with no other guardian is anonymised; the shared child stays with the partner.
    const soloRow = await env.database.db.selectFrom('member_dependents').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', solo.id).executeTakeFirstOrThrow();
    expect(soloRow).toMatchObject({ name: '已注销会员', allergies: null });
    expect(soloRow.erased_at).not.toBeNull();
    const partnerFamily = await t.owner.get(`/api/v1/members/${partner.id}/family`);
    expect(partnerFamily.body.dependents.map((d: { name: string; guardians: unknown[] }) => [d.name, d.guardians.length])).toEqual([['钱二', 1]]);

    for (const q of ['钱多多', 'qdd', '13822223333', '3333', 'QDD1']) {
      expect((await t.owner.get(`/api/v1/members/search?q=${encodeURIComponent(q)}`)).body.items).toEqual([]);
    }
    expect((await t.owner.get(`/api/v1/members/search?q=${m.memberNo}`)).body.items).toEqual([]);
    const reuse = await t.owner.post('/api/v1/members', memberBody({ mobile: '13822223333', cardNo: 'QDD1' }));
    expect(reuse.status).toBe(201);

    const audit = await t.owner.get(`/api/v1/audit-logs?entityId=${m.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'member.erase', after: { memberNo: m.memberNo, reason: '会员书面申请删除个人信息', childrenErased: 1 } });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('member.create');
    const timeline = await t.owner.get(`/api/v1/members/${m.id}/timeline`);
    expect(timeline.body.items[0].kind).toBe('member.erased');
    const list = await t.owner.get('/api/v1/members?includeErased=true');
    expect(list.body.items.find((i: { id: string }) => i.id === m.id)).toMatchObject({ name: '已注销会员' });
    expect((await t.owner.get('/api/v1/members')).body.items.map((i: { id: string }) => i.id)).not.toContain(m.id);
    t.owner.locale = 'en';
    expect((await t.owner.get(`/api/v1/members/${m.id}`)).body.name).toBe('Erased member');
  });

  // ---- errors ----
  it('refuses changes to an erased member and a second erasure', async () => {
    const env = use();
    const t = await env.newTenant();
    const m = (await t.owner.post('/api/v1/members', memberBody())).body;
    await t.owner.post(`/api/v1/members/${m.id}/erase`, { reason: '申请注销' });
    const patch = await t.owner.patch(`/api/v1/members/${m.id}`, { name: '复活' });
    expect(patch.status).toBe(409);
    expect(patch.body.error.code).toBe('MEMBER_ERASED');
    expect((await t.owner.post(`/api/v1/members/${m.id}/erase`, { reason: '再来一次' })).body.error.code).toBe('MEMBER_ERASED');
    expect((await t.owner.get(`/api/v1/members/${m.id}/qr`)).status).toBe(409);
    expect((await t.owner.post(`/api/v1/members/${m.id}/erase`, {})).status).toBe(400);
  });

  // ---- security ----
  it('only holders of member.erase erase, within their store scope; exports need member.export', async () => {
    const env = use();
    const t = await env.newTenant();
    const m = (await t.owner.post('/api/v1/members', memberBody())).body;
    const manager = await env.newStaff(t, { roles: ['manager'] });
    const denied = await manager.post(`/api/v1/members/${m.id}/erase`, { reason: '无权' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.details.permission).toBe('member.erase');
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    expect((await desk.get(`/api/v1/members/${m.id}/data-export`)).status).toBe(403);
    expect((await t.owner.get(`/api/v1/members/${m.id}`)).body.erasedAt).toBeNull();
  });
});
