import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { inTransaction } from '../../src/db/database';
import { toJson } from '../../src/db/dialect';
import { newId } from '../../src/shared/ids';
import type { TestClient } from '../helpers/client';
import { type TenantFixture, type TestEnv, describeEachDb, TEST_PASSWORD } from '../helpers/env';
import { memberBody, nextMobile } from '../fixtures/members';

async function create(c: TestClient, body: Record<string, unknown>) {
  const r = await c.post('/api/v1/members', memberBody(body));
  if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A staff member holding a custom role (the built-in roles come from env.newStaff). */
async function staffWithPermissions(env: TestEnv, t: TenantFixture, permissions: string[]): Promise<TestClient> {
  const role = await t.owner.post('/api/v1/roles', { name: `角色${Math.random().toString(36).slice(2, 7)}`, permissions });
  const login = `u${Math.random().toString(36).slice(2, 8)}`;
  await t.owner.post('/api/v1/staff', { login, name: '导出员', roleIds: [role.body.id], storeIds: [t.storeId], password: TEST_PASSWORD });
  const c = env.client();
  await c.login(t.code, login, TEST_PASSWORD);
  return c;
}

describeEachDb('member search, filters and export', (use) => {
  // ---- happy ----
  it('finds members the way the desk types: tail, full mobile, prefix, name, pinyin, initials, numbers — ranked', async () => {
    const env = use();
    const t = await env.newTenant();
    const zxm = await create(t.owner, { name: '张小明', mobile: '13800138000' });
    const zxd = await create(t.owner, { name: '张晓东', mobile: '13900008000' });
    const lm = await create(t.owner, { name: '李明', cardNo: 'C123' });
    const zeng = await create(t.owner, { name: '曾小贤' });
    const alice = await create(t.owner, { name: 'Alice Wang' });
    const card8000 = await create(t.owner, { name: '王芳', cardNo: '8000' });
    await t.owner.post(`/api/v1/members/${lm.id}/dependents`, { name: '李小宝', birthday: '2008-01-02', relation: '爸爸' });

    const q = async (text: string) => (await t.owner.get(`/api/v1/members/search?q=${encodeURIComponent(text)}`)).body.items as { id: string; matchedBy: string }[];
    const ids = (items: { id: string }[]) => items.map((i) => i.id);

    const tail = await q('8000');
    expect(tail.map((i) => [i.id, i.matchedBy])).toEqual([
      [card8000.id, 'cardNo'],
      [zxd.id, 'mobileTail'],
      [zxm.id, 'mobileTail'],
    ]);
    expect(await q('138 0013 8000')).toEqual([expect.objectContaining({ id: zxm.id, matchedBy: 'mobile' })]);
    expect(await q('1380013')).toEqual([expect.objectContaining({ id: zxm.id, matchedBy: 'mobilePrefix' })]);
    expect(await q('zxm')).toEqual([expect.objectContaining({ id: zxm.id, matchedBy: 'initials' })]);
    expect(ids(await q('zx')).sort()).toEqual([zxm.id, zxd.id, zeng.id].sort());
    expect(await q('xiaoming')).toEqual([expect.objectContaining({ id: zxm.id, matchedBy: 'pinyin' })]);
    expect(await q('小明')).toEqual([expect.objectContaining({ id: zxm.id, matchedBy: 'name' })]);
    expect(ids(await q('李'))).toEqual([lm.id]);
    expect(ids(await q('zeng'))).toEqual([zeng.id]);
    expect(ids(await q('wang'))).toContain(alice.id);
    expect(await q('小宝')).toEqual([expect.objectContaining({ id: lm.id, matchedBy: 'dependent' })]);
    expect(await q(zeng.memberNo.toLowerCase())).toEqual([expect.objectContaining({ id: zeng.id, matchedBy: 'memberNo' })]);
    expect(await q('c123')).toEqual([expect.objectContaining({ id: lm.id, matchedBy: 'cardNo' })]);
    expect(await q('不存在')).toEqual([]);

    // Renaming moves the search terms with the name.
    await t.owner.patch(`/api/v1/members/${zxm.id}`, { name: '赵小明' });
    expect(ids(await q('zxm'))).toEqual([zxm.id]);
    expect(await q('张小明')).toEqual([]);
    expect(ids(await q('zhaox'))).toEqual([zxm.id]);
  });

  it('search results carry each member’s tags once, find a member once when two lookups match, respect the limit and forget erased members', async () => {
    const env = use();
    const t = await env.newTenant();
    const a = await create(t.owner, { name: '周杰', mobile: '13700001234', tags: ['VIP', '瑜伽', '私教'] });
    const b = await create(t.owner, { name: '周洁', mobile: '13600001234' });
    const byNumber = await create(t.owner, { name: '周军', cardNo: '1234', mobile: '13500001234', tags: ['VIP'] });
    const q = async (text: string, limit = 20) => (await t.owner.get(`/api/v1/members/search?q=${encodeURIComponent(text)}&limit=${limit}`)).body.items as { id: string; matchedBy: string; tags: string[] }[];

    const tail = await q('1234');
    // The card number outranks the same member's mobile tail; each member appears once.
    expect(tail.map((i) => [i.id, i.matchedBy])).toEqual([
      [byNumber.id, 'cardNo'],
      ...[a.id, b.id].sort().reverse().map((id) => [id, 'mobileTail']),
    ]);
    expect(tail.find((i) => i.id === a.id)?.tags.sort()).toEqual(['VIP', '瑜伽', '私教'].sort());
    expect(tail.find((i) => i.id === b.id)?.tags).toEqual([]);
    expect(tail.find((i) => i.id === byNumber.id)?.tags).toEqual(['VIP']);
    expect((await q('zj')).map((i) => i.id).sort()).toEqual([a.id, b.id, byNumber.id].sort());
    expect(await q('zj', 2)).toHaveLength(2);
    expect(await q('1234', 1)).toEqual([expect.objectContaining({ id: byNumber.id, matchedBy: 'cardNo' })]);

    expect((await t.owner.post(`/api/v1/members/${b.id}/erase`, { reason: '会员书面申请删除个人信息' })).status).toBe(200);
    expect((await q('1234')).map((i) => i.id)).toEqual([byNumber.id, a.id]);
    expect((await q('zj')).map((i) => i.id).sort()).toEqual([a.id, byNumber.id].sort());
  });

  it('filters lists by tags, store, birthday month, source, created range and custom fields, with cursor paging', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '二店' });
    await t.owner.post('/api/v1/member-custom-fields', {
      key: 'level',
      labelZh: '水平',
      labelEn: 'Level',
      type: 'choice',
      options: [
        { value: 'a', labelZh: '初级', labelEn: 'A' },
        { value: 'b', labelZh: '高级', labelEn: 'B' },
      ],
    });
    await t.owner.post('/api/v1/member-custom-fields', { key: 'height', labelZh: '身高', labelEn: 'Height', type: 'number' });
    t.owner.storeId = t.storeId;
    const start = env.clock.now();
    env.clock.set('2026-03-01T04:00:00Z');
    const m1 = await create(t.owner, { tags: ['VIP', '瑜伽'], birthday: '1990-05-20', sourceChannel: '美团', customFields: { level: 'b', height: 172 } });
    env.clock.set('2026-04-10T04:00:00Z');
    const m2 = await create(t.owner, { tags: ['VIP'], birthday: '1985-05-02', sourceChannel: '转介绍', customFields: { level: 'a', height: 160 } });
    const m3 = await create(t.owner, { tags: ['瑜伽'], birthday: '1992-11-11', homeStoreId: other.body.id, customFields: { height: 181 } });
    env.clock.set(start);
    t.owner.storeId = null;
    const list = async (qs: string) => {
      const r = await t.owner.get(`/api/v1/members?${qs}`);
      expect(r.status).toBe(200);
      return (r.body.items as { id: string }[]).map((i) => i.id).sort();
    };
    expect(await list('tag=VIP')).toEqual([m1.id, m2.id].sort());
    expect(await list('tag=VIP&tag=%E7%91%9C%E4%BC%BD')).toEqual([m1.id]);
    expect(await list(`storeId=${other.body.id}`)).toEqual([m3.id]);
    expect(await list('birthdayMonth=5')).toEqual([m1.id, m2.id].sort());
    expect(await list(`sourceChannel=${encodeURIComponent('美团')}`)).toEqual([m1.id]);
    expect(await list('createdFrom=2026-04-01&createdTo=2026-04-10')).toEqual([m2.id, m3.id].sort());
    expect(await list('createdTo=2026-03-01')).toEqual([m1.id]);
    expect(await list('cf.level=b')).toEqual([m1.id]);
    expect(await list('cf.height=170..185')).toEqual([m1.id, m3.id].sort());
    expect(await list('cf.height=..165')).toEqual([m2.id]);
    expect(await list(`q=${m2.memberNo}`)).toEqual([m2.id]);

    const bad = await t.owner.get('/api/v1/members?cf.weight=1&cf.height=abc&color=red');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string; code: string }) => `${d.path}:${d.code}`).sort()).toEqual([
      'cf.height:invalid_number',
      'cf.weight:custom_field_unknown',
      'color:filter_unknown',
    ]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.owner.get(`/api/v1/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([m3.id, m2.id, m1.id]);

    // The count answers for the same filters (and refuses the same bad ones).
    const count = async (qs: string) => (await t.owner.get(`/api/v1/members/count?${qs}`)).body.count;
    expect(await count('')).toBe(3);
    expect(await count('tag=VIP')).toBe(2);
    expect(await count('birthdayMonth=5&cf.height=..165')).toBe(1);
    expect(await count(`storeId=${other.body.id}`)).toBe(1);
    expect(await count('createdFrom=2026-04-01&createdTo=2026-04-10')).toBe(2);
    expect(await count(`q=${m2.memberNo}`)).toBe(1);
    const badCount = await t.owner.get('/api/v1/members/count?cf.weight=1');
    expect(badCount.status).toBe(400);
    expect(badCount.body.error.details[0]).toMatchObject({ path: 'cf.weight', code: 'custom_field_unknown' });

    const facets = await t.owner.get('/api/v1/members/facets');
    expect(facets.body.tags).toEqual(expect.arrayContaining([{ tag: 'VIP', count: 2 }, { tag: '瑜伽', count: 2 }]));
  });

  it('exports the filtered list as CSV with a BOM and as XLSX, across many keyset pages, and audits it', async () => {
    const env = use();
    const t = await env.newTenant();
    await t.owner.post('/api/v1/member-custom-fields', { key: 'level', labelZh: '水平', labelEn: 'Level', type: 'text' });
    const tagged = await create(t.owner, { name: '导出会员', tags: ['导出'], customFields: { level: '=1+1' }, notes: '含,逗号"和引号' });
    // 1,100 more members written directly: the export must page through all of them.
    await inTransaction(env.database, async (trx) => {
      const now = env.clock.iso();
      const rows = Array.from({ length: 1100 }, (_, i) => ({
        tenant_id: t.tenantId,
        id: newId('mbr'),
        member_no: `B${String(i).padStart(6, '0')}`,
        name: `批量${i}`,
        name_pinyin: `piliang${i}`,
        name_initials: 'pl',
        gender: null,
        birthday: null,
        birthday_calendar: 'solar' as const,
        birth_md: null,
        lunar_md: null,
        mobile: nextMobile(),
        mobile_last4: null,
        email: null,
        address: null,
        card_no: null,
        home_store_id: t.storeId,
        source_channel: null,
        referrer_member_id: null,
        referrer_name: null,
        interests_json: toJson([]),
        goals: null,
        notes: null,
        emergency_name: null,
        emergency_relation: null,
        emergency_mobile: null,
        has_photo: false,
        origin: 'import' as const,
        created_by: null,
        created_at: now,
        updated_at: now,
        erased_at: null,
      }));
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('members').values(rows.slice(i, i + 200)).execute();
    });

    const csv = await t.owner.get('/api/v1/members/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="members-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(csv.text.slice(1)) as string[][];
    expect(rows[0]).toEqual(expect.arrayContaining(['会员编号', '姓名', '手机号', '标签', '水平']));
    expect(rows).toHaveLength(1 + 1101);
    const mine = rows.find((r) => r[1] === '导出会员')!;
    expect(mine[rows[0].indexOf('备注')]).toBe('含,逗号"和引号');
    expect(mine[rows[0].indexOf('水平')]).toBe("'=1+1");
    expect(mine[rows[0].indexOf('手机号')]).toBe(tagged.mobile);

    const filtered = await t.owner.get(`/api/v1/members/export?format=csv&tag=${encodeURIComponent('导出')}`);
    expect(parse(filtered.text.slice(1))).toHaveLength(2);

    const xlsx = await t.owner.request('GET', `/api/v1/members/export?format=xlsx&tag=${encodeURIComponent('导出')}`);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const raw = await env.app.inject({ method: 'GET', url: `/api/v1/members/export?format=xlsx&tag=${encodeURIComponent('导出')}`, headers: { cookie: t.owner.cookie! } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(2).value).toBe('导出会员');

    const audit = await t.owner.get('/api/v1/audit-logs?action=member.export');
    expect(audit.body.items.length).toBeGreaterThanOrEqual(3);
  });

  // ---- errors ----
  it('rejects a search without text and malformed cursors', async () => {
    const env = use();
    const t = await env.newTenant();
    expect((await t.owner.get('/api/v1/members/search')).status).toBe(400);
    expect((await t.owner.get('/api/v1/members/search?q=')).body.items).toEqual([]);
    const bad = await t.owner.get('/api/v1/members?cursor=garbage');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  // ---- security ----
  it('masks mobiles in search results and exports for staff without member.mobile.view, and keeps lists in scope', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '二店' });
    const far = await create(t.owner, { name: '远方会员', mobile: '13711112222', homeStoreId: other.body.id });
    const near = await create(t.owner, { name: '本店会员', mobile: '13711113333', homeStoreId: t.storeId });
    const desk = await env.newStaff(t, { roles: ['frontDesk'], storeIds: [t.storeId] });

    const found = await desk.get('/api/v1/members/search?q=1371111');
    expect(found.body.items.map((i: { id: string }) => i.id).sort()).toEqual([far.id, near.id].sort());
    expect(found.body.items.map((i: { mobile: string }) => i.mobile).sort()).toEqual(['137****2222', '137****3333']);
    expect(found.text).not.toContain('13711112222');
    expect((await desk.get('/api/v1/members')).body.items.map((i: { id: string }) => i.id)).toEqual([near.id]);
    // The count follows the same store scope as the list.
    expect((await desk.get('/api/v1/members/count')).body.count).toBe(1);
    expect((await t.owner.get('/api/v1/members/count')).body.count).toBe(2);
    expect((await desk.get('/api/v1/members/export')).status).toBe(403);

    const exporter = await staffWithPermissions(env, t, ['member.read', 'member.export']);
    const csv = await exporter.get('/api/v1/members/export');
    const rows = parse(csv.text.slice(1)) as string[][];
    expect(rows.slice(1).map((r) => r[rows[0].indexOf('手机号')])).toEqual(['137****3333']);
  });
});
