import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { systemCtx } from '../../src/shared/context';
import type { TestClient } from '../helpers/client';
import { type TestEnv, describeEachDb } from '../helpers/env';
import { dumpTenant } from '../helpers/introspect';
import { csv, settle, uploadFile } from '../fixtures/imports';
import { memberBody, nextMobile } from '../fixtures/members';
import { yogaProduct } from '../fixtures/cards';
import { verifyCards } from '../../src/modules/card';
import { verifyLedger } from '../../src/modules/ledger';

/** Upload, check with the suggested (or given) mapping, wait for the dry run. */
async function uploadAndCheck(c: TestClient, name: string, content: Buffer, body: Record<string, unknown> = {}) {
  const up = await uploadFile(c, name, content);
  if (up.status !== 201) throw new Error(`upload failed: ${up.status} ${up.text}`);
  const v = await c.post(`/api/v1/member-imports/${up.body.id}/validate`, { mapping: up.body.suggestedMapping, ...body });
  if (v.status !== 202) throw new Error(`validate failed: ${v.status} ${v.text}`);
  return { upload: up.body, job: await settle(c, up.body.id) };
}

async function apply(c: TestClient, jobId: string, body: Record<string, unknown> = {}) {
  const r = await c.post(`/api/v1/member-imports/${jobId}/apply`, body);
  if (r.status !== 202) return r;
  return { status: 200, body: await settle(c, jobId) };
}

async function memberCount(env: TestEnv, tenantId: string): Promise<number> {
  const r = await env.database.db.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  return Number(r.n);
}

const HEADER = ['姓名', '手机号', '性别', '生日', '邮箱', '标签', '备注'];

describeEachDb('member import', (use) => {
  // ---- happy ----
  it('imports a UTF-8 CSV with BOM: mapping suggested, dry run, then all rows written with numbers, tags and search terms', async () => {
    const env = use();
    const t = await env.newTenant();
    const m1 = nextMobile();
    const m2 = nextMobile();
    const file = csv(
      [
        HEADER,
        ['张小明', m1, '男', '1990/5/20', 'xm@example.com', 'VIP,瑜伽', '老会员'],
        ['李 静', ` +86 ${m2.slice(0, 3)}-${m2.slice(3, 7)}-${m2.slice(7)}`, '女', '1988年3月8日', '', '私教', '含,逗号"引号'],
      ],
      { bom: true },
    );
    const { upload, job } = await uploadAndCheck(t.owner, '会员.csv', file);
    expect(upload).toMatchObject({ status: 'uploaded', format: 'csv', encoding: 'utf-8-bom', headers: HEADER, counts: { totalRows: 2 } });
    expect(upload.suggestedMapping).toEqual({ 姓名: 'name', 手机号: 'mobile', 性别: 'gender', 生日: 'birthday', 邮箱: 'email', 标签: 'tags', 备注: 'notes' });
    expect(upload.sampleRows[0][0]).toBe('张小明');
    expect(job).toMatchObject({ status: 'validated', isDryRunDone: true, counts: { totalRows: 2, validRows: 2, errorRows: 0, insert: 2, update: 0, skip: 0 } });
    expect(await memberCount(env, t.tenantId)).toBe(0);

    const done = await apply(t.owner, upload.id);
    expect(done.body).toMatchObject({ status: 'succeeded', counts: { insert: 2 }, failure: null });
    const list = await t.owner.get('/api/v1/members?limit=10');
    expect(list.body.items.map((m: { memberNo: string }) => m.memberNo).sort()).toEqual(['M000001', 'M000002']);
    const found = await t.owner.get('/api/v1/members/search?q=zxm');
    expect(found.body.items).toHaveLength(1);
    const zxm = (await t.owner.get(`/api/v1/members/${found.body.items[0].id}`)).body;
    expect(zxm).toMatchObject({ name: '张小明', mobile: m1, gender: 'male', birthday: '1990-05-20', email: 'xm@example.com', tags: ['VIP', '瑜伽'], origin: 'import', homeStoreId: t.storeId });
    const li = (await t.owner.get(`/api/v1/members/search?q=${m2}`)).body.items[0];
    expect(li).toMatchObject({ name: '李 静', birthday: '1988-03-08' });
    const audit = await t.owner.get(`/api/v1/audit-logs?entityId=${upload.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['member.import.apply', 'member.import.start', 'member.import.validate', 'member.import.upload']);
    expect(audit.body.items[0].after).toMatchObject({ inserted: 2, updated: 0, skipped: 0 });
    expect(await env.database.db.selectFrom('member_import_files').selectAll().where('tenant_id', '=', t.tenantId).execute()).toEqual([]);
  });

  it('reads GBK (Chinese Excel’s CSV), tab-separated UTF-8 without BOM, and XLSX with dates and numeric mobiles', async () => {
    const env = use();
    const t = await env.newTenant();
    await t.owner.post('/api/v1/member-custom-fields', { key: 'level', labelZh: '等级', labelEn: 'Level', type: 'choice', options: [{ value: '高级', labelZh: '高级', labelEn: 'Senior' }] });
    const gbkMobile = nextMobile();
    const gbk = iconv.encode(`姓名,手机,等级\r\n欧阳娜娜,${gbkMobile},高级\r\n`, 'gbk');
    const a = await uploadAndCheck(t.owner, 'gbk.csv', gbk);
    expect(a.upload.encoding).toBe('gbk');
    expect(a.upload.suggestedMapping).toEqual({ 姓名: 'name', 手机: 'mobile', 等级: 'custom.level' });
    expect((await apply(t.owner, a.upload.id)).body.status).toBe('succeeded');
    const oy = (await t.owner.get('/api/v1/members/search?q=oynn')).body.items[0];
    expect((await t.owner.get(`/api/v1/members/${oy.id}`)).body).toMatchObject({ name: '欧阳娜娜', mobile: gbkMobile, customFields: { level: '高级' } });

    const tabMobile = nextMobile();
    const tab = Buffer.from(`name\tmobile\tgender\n王芳\t${tabMobile}\tF\n`, 'utf8');
    const b = await uploadAndCheck(t.owner, 'tab.txt', tab);
    expect(b.upload).toMatchObject({ encoding: 'utf-8', suggestedMapping: { name: 'name', mobile: 'mobile', gender: 'gender' } });
    expect((await apply(t.owner, b.upload.id)).body.status).toBe('succeeded');

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('会员');
    const xlsxMobile = nextMobile();
    ws.addRow(['姓名', '手机号码', '出生日期', '会员卡号']);
    ws.addRow(['赵敏', Number(xlsxMobile), new Date(Date.UTC(1992, 10, 11)), 'K 001']);
    const x = await uploadAndCheck(t.owner, 'members.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(x.upload).toMatchObject({ format: 'xlsx', headers: ['姓名', '手机号码', '出生日期', '会员卡号'] });
    expect(x.job.counts).toMatchObject({ validRows: 1, errorRows: 0 });
    expect((await apply(t.owner, x.upload.id)).body.status).toBe('succeeded');
    const zm = (await t.owner.get(`/api/v1/members/search?q=${xlsxMobile}`)).body.items[0];
    expect(zm).toMatchObject({ name: '赵敏', birthday: '1992-11-11', cardNo: 'K001' });
  });

  it('dedupes by mobile: skip leaves the member alone, update writes the file’s non-empty cells', async () => {
    const env = use();
    const t = await env.newTenant();
    const mobile = nextMobile();
    const existing = (await t.owner.post('/api/v1/members', memberBody({ name: '旧名字', mobile, tags: ['老标签'], notes: '保留的备注' }))).body;
    const file = csv([['姓名', '手机号', '邮箱', '标签', '备注'], ['新名字', mobile, 'new@example.com', '新标签', '']]);

    const skip = await uploadAndCheck(t.owner, 'a.csv', file, { dedupe: 'skip' });
    expect(skip.job.counts).toMatchObject({ insert: 0, skip: 1, update: 0 });
    expect((await apply(t.owner, skip.upload.id)).body.counts).toMatchObject({ skip: 1 });
    expect((await t.owner.get(`/api/v1/members/${existing.id}`)).body).toMatchObject({ name: '旧名字', email: null, tags: ['老标签'] });

    const upd = await uploadAndCheck(t.owner, 'b.csv', file, { dedupe: 'update' });
    expect(upd.job.counts).toMatchObject({ insert: 0, skip: 0, update: 1 });
    expect((await apply(t.owner, upd.upload.id)).body.status).toBe('succeeded');
    expect((await t.owner.get(`/api/v1/members/${existing.id}`)).body).toMatchObject({ name: '新名字', email: 'new@example.com', tags: ['新标签'], notes: '保留的备注' });
    expect((await t.owner.get('/api/v1/members/search?q=xmz')).body.items.map((i: { id: string }) => i.id)).toEqual([existing.id]);
    expect(await memberCount(env, t.tenantId)).toBe(1);
  });

  it('saves a column mapping and suggests it for the next file with the same headers', async () => {
    const env = use();
    const t = await env.newTenant();
    const file = csv([['客户', '电话号码', '其它'], ['孙丽', nextMobile(), 'x']]);
    const up = await uploadFile(t.owner, 'a.csv', file);
    const mapping = { 客户: 'name', 电话号码: 'mobile', 其它: 'ignore' };
    await t.owner.post(`/api/v1/member-imports/${up.body.id}/validate`, { mapping, saveMappingAs: '旧系统导出' });
    await settle(t.owner, up.body.id);
    const saved = await t.owner.get('/api/v1/member-import-mappings');
    expect(saved.body.items).toEqual([expect.objectContaining({ name: '旧系统导出', mapping })]);
    const again = await uploadFile(t.owner, 'b.csv', file);
    expect(again.body.suggestedMapping).toEqual(mapping);
    expect(again.body.savedMappingId).toBe(saved.body.items[0].id);
    expect((await t.owner.delete(`/api/v1/member-import-mappings/${saved.body.items[0].id}`)).status).toBe(204);
  });

  // ---- errors ----
  it('reports each bad row with its row, column and reason, downloadable, and imports nothing until told to skip them', async () => {
    const env = use();
    const t = await env.newTenant();
    const taken = (await t.owner.post('/api/v1/members', memberBody())).body;
    const good = nextMobile();
    const dup = nextMobile();
    const future = new Date(env.clock.now().getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
    const file = csv([
      HEADER,
      ['好会员', good, '男', '1990-01-01', '', '', ''],
      ['', '12345', '不详', '1990-13-01', 'bad@', '', ''],
      ['重复甲', dup, '', '', '', '', ''],
      ['重复乙', dup, '', future, '', '', ''],
      ['已有', taken.mobile, '', '', '', '', ''],
    ]);
    const { upload, job } = await uploadAndCheck(t.owner, '有错.csv', file);
    expect(job.counts).toMatchObject({ totalRows: 5, validRows: 3, errorRows: 2, insert: 2, skip: 1 });
    const errors = await t.owner.get(`/api/v1/member-imports/${upload.id}/errors`);
    expect(errors.body.items.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [3, '姓名', 'required'],
      [3, '手机号', 'mobile_invalid'],
      [3, '性别', 'gender_invalid'],
      [3, '生日', 'date_invalid'],
      [3, '邮箱', 'email_invalid'],
      [5, '手机号', 'mobile_duplicate_in_file'],
      [5, '生日', 'birthday_in_future'],
    ]);
    expect(errors.body.items[5].message).toBe('与第 4 行手机号重复');
    const report = await t.owner.get(`/api/v1/member-imports/${upload.id}/errors.csv`);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.text.startsWith('\ufeff行号,列,原因\r\n3,姓名,必填\r\n')).toBe(true);

    const refused = await t.owner.post(`/api/v1/member-imports/${upload.id}/apply`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(await memberCount(env, t.tenantId)).toBe(1);

    const partial = await apply(t.owner, upload.id, { skipInvalidRows: true });
    expect(partial.body).toMatchObject({ status: 'succeeded', counts: { insert: 2, skip: 1, errorRows: 2 } });
    expect(await memberCount(env, t.tenantId)).toBe(3);
  });

  it('a dry run changes nothing, and an apply that fails or is cancelled leaves nothing behind', async () => {
    const env = use();
    const t = await env.newTenant();
    const rows = Array.from({ length: 4500 }, (_, i) => [`批量${i}`, nextMobile()]);
    const file = csv([['姓名', '手机号'], ...rows]);
    const before = await dumpTenant(env, t.tenantId, { exclude: ['member_import_jobs', 'member_import_files', 'member_import_errors', 'audit_logs', 'member_settings'] });
    const { upload, job } = await uploadAndCheck(t.owner, 'big.csv', file);
    expect(job.counts).toMatchObject({ validRows: 4500, insert: 4500 });
    expect(await dumpTenant(env, t.tenantId, { exclude: ['member_import_jobs', 'member_import_files', 'member_import_errors', 'audit_logs', 'member_settings'] })).toEqual(before);

    // Someone takes one of the file's mobiles after the check: the whole apply rolls back.
    await t.owner.post('/api/v1/members', memberBody({ mobile: rows[4321][1] }));
    const failed = await apply(t.owner, upload.id);
    expect(failed.body).toMatchObject({ status: 'failed', failure: { code: 'IMPORT_DATA_CHANGED' } });
    expect(await memberCount(env, t.tenantId)).toBe(1);
    expect((await t.owner.get('/api/v1/member-settings')).body.nextMemberNo).toBe('M000002');

    // Check again (that row is now a duplicate to skip), start, and cancel while it writes.
    await t.owner.post(`/api/v1/member-imports/${upload.id}/validate`, { mapping: upload.suggestedMapping });
    expect((await settle(t.owner, upload.id)).counts).toMatchObject({ insert: 4499, skip: 1 });
    const ctx = { ...systemCtx(t.tenantId), permissions: new Set(['member.import']) };
    const imports = env.services.members.imports;
    await imports.apply(ctx, upload.id, { skipInvalidRows: false });
    const cancelled = await imports.cancel(ctx, upload.id);
    expect(cancelled.isCancelRequested).toBe(true);
    await imports.drain();
    const final = (await t.owner.get(`/api/v1/member-imports/${upload.id}`)).body;
    expect(final.status).toBe('cancelled');
    expect(await memberCount(env, t.tenantId)).toBe(1);
    expect((await t.owner.post(`/api/v1/member-imports/${upload.id}/apply`, {})).body.error.code).toBe('IMPORT_STATE');
  });

  it('imports opening balances of new members as ledger entries: stored value, bonus, points and sessions on a card', async () => {
    const env = use();
    const t = await env.newTenant();
    const product = await yogaProduct(t.owner);
    const [a, b, c, d, e] = [nextMobile(), nextMobile(), nextMobile(), nextMobile(), nextMobile()];
    const file = csv([
      ['姓名', '手机号', '储值余额', '赠送余额', '积分', '卡项', '剩余次数', '到期日'],
      ['王五', a, '1,200.50', '100', '300', product.name, '8', '2099-06-30'],
      ['赵六', b, '0', '', '50', '', '', ''],
      ['钱七', c, '12.345', '', '', '', '', ''],
      ['孙八', d, '', '', '', '私教卡', '5', ''],
      ['周九', e, '', '', '-3', '', '3', ''],
    ]);
    const up = await uploadFile(t.owner, 'balances.csv', file);
    expect(up.body.suggestedMapping).toMatchObject({ 储值余额: 'openingStoredValue', 赠送余额: 'openingBonusValue', 积分: 'openingPoints', 卡项: 'openingCardProduct', 剩余次数: 'openingSessions', 到期日: 'openingCardExpiry' });
    expect(up.body.warnings).toEqual([]);
    const v = await t.owner.post(`/api/v1/member-imports/${up.body.id}/validate`, { mapping: up.body.suggestedMapping });
    expect(v.status).toBe(202);
    const checked = await settle(t.owner, up.body.id);
    expect(checked.counts).toMatchObject({ totalRows: 5, validRows: 2, errorRows: 3, insert: 2 });
    const errors = (await t.owner.get(`/api/v1/member-imports/${up.body.id}/errors?limit=50`)).body.items.map((x: { row: number; column: string | null; code: string }) => [x.row, x.column, x.code]);
    expect(errors).toEqual([
      [4, '储值余额', 'amount_invalid'],
      [5, '卡项', 'opening_card_product_unknown'],
      [6, '积分', 'opening_negative'],
      [6, '卡项', 'opening_card_product_required'],
    ]);
    const done = await apply(t.owner, up.body.id, { skipInvalidRows: true });
    expect(done.body).toMatchObject({ status: 'succeeded', counts: { insert: 2 } });

    const byMobile = async (mobile: string) => (await t.owner.get(`/api/v1/members/search?q=${mobile}`)).body.items[0].id as string;
    const wang = await byMobile(a);
    const zhao = await byMobile(b);
    expect((await t.owner.get(`/api/v1/members/${wang}/stored-value`)).body).toMatchObject({ principal: 120050, bonus: 10000 });
    expect((await t.owner.get(`/api/v1/members/${wang}/points`)).body).toMatchObject({ available: 300 });
    expect((await t.owner.get(`/api/v1/members/${zhao}/points`)).body).toMatchObject({ available: 50 });
    expect((await t.owner.get(`/api/v1/members/${zhao}/stored-value`)).body).toMatchObject({ principal: 0, bonus: 0 });
    const cards = (await t.owner.get(`/api/v1/members/${wang}/cards`)).body.held;
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ productId: product.id, origin: 'import', status: 'active', sessions: { remaining: 8, available: 8 }, validity: { expiresOn: '2099-06-30' } });
    // The carried-over principal counts as paid: the refund quote gives it back.
    const quote = (await t.owner.post(`/api/v1/members/${wang}/stored-value/refund-quote`, {})).body;
    expect(quote).toMatchObject({ paid: 120050, refundablePrincipal: 120050, bonusForfeited: 10000 });
    expect((await verifyLedger(env.database.db, t.tenantId)).mismatches).toEqual([]);
    expect((await verifyCards(env.database.db, t.tenantId)).mismatches).toEqual([]);

    // Importing the same file again with "update": the balances are not counted twice.
    const again = await uploadFile(t.owner, 'balances-again.csv', csv([['姓名', '手机号', '储值余额'], ['王五', a, '500']]));
    await t.owner.post(`/api/v1/member-imports/${again.body.id}/validate`, { mapping: again.body.suggestedMapping, dedupe: 'update' });
    expect((await settle(t.owner, again.body.id)).counts).toMatchObject({ errorRows: 1, update: 0 });
    const againErrors = (await t.owner.get(`/api/v1/member-imports/${again.body.id}/errors?limit=5`)).body.items;
    expect(againErrors.map((x: { code: string }) => x.code)).toEqual(['opening_existing_member']);
  });

  it('opening balances need the matching adjustment permission, with a clear message', async () => {
    const env = use();
    const t = await env.newTenant();
    const manager = await env.newStaff(t, { roles: ['manager'], scope: 'all' });
    const file = csv([['姓名', '手机号', '储值余额', '积分'], ['王五', nextMobile(), '100.00', '8']]);
    const up = await uploadFile(manager, 'balances.csv', file);
    const v = await manager.post(`/api/v1/member-imports/${up.body.id}/validate`, { mapping: up.body.suggestedMapping });
    expect(v.status).toBe(403);
    expect(v.body.error).toMatchObject({ code: 'IMPORT_OPENING_BALANCE_FORBIDDEN', details: { columns: ['储值余额'], permissions: ['wallet.adjust'] } });
    expect(v.body.error.message).toContain('储值余额');
    const ok = await manager.post(`/api/v1/member-imports/${up.body.id}/validate`, { mapping: { 姓名: 'name', 手机号: 'mobile', 储值余额: 'ignore', 积分: 'openingPoints' } });
    expect(ok.status).toBe(202);
    expect((await settle(manager, up.body.id)).counts).toMatchObject({ insert: 1 });
    // Sessions without the card product column cannot be mapped.
    const noProduct = await uploadFile(t.owner, 'sessions.csv', csv([['姓名', '手机号', '剩余次数'], ['李四', nextMobile(), '8']]));
    const bad = await t.owner.post(`/api/v1/member-imports/${noProduct.body.id}/validate`, { mapping: noProduct.body.suggestedMapping });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('IMPORT_MAPPING_INVALID');
    expect(bad.body.error.message).toContain('openingCardProduct');
  });

  it('refuses broken quoting, wrong file types, empty and oversized files and bad mappings', async () => {
    const env = use();
    const t = await env.newTenant();
    const broken = await uploadFile(t.owner, 'broken.csv', Buffer.from('姓名,手机号\n"张三,13800000000\n李四,13900000000\n'));
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'IMPORT_FILE_MALFORMED', details: { line: 3 } });
    const quote = await uploadFile(t.owner, 'q.csv', Buffer.from('姓名,手机号\n"张三"x,13800000000\n'));
    expect(quote.body.error.details).toMatchObject({ line: 2, code: 'CSV_INVALID_CLOSING_QUOTE' });
    const xls = await uploadFile(t.owner, 'old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]));
    expect(xls.status).toBe(415);
    expect(xls.body.error.code).toBe('IMPORT_FILE_TYPE');
    expect((await uploadFile(t.owner, 'a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).body.error.code).toBe('IMPORT_FILE_TYPE');
    expect((await uploadFile(t.owner, 'zip.xlsx', Buffer.from('PK\u0003\u0004not really a workbook'))).body.error.code).toBe('IMPORT_FILE_TYPE');
    expect((await uploadFile(t.owner, 'empty.csv', Buffer.from('姓名,手机号\n'))).body.error.code).toBe('IMPORT_FILE_EMPTY');
    const big = await uploadFile(t.owner, 'big.csv', Buffer.alloc(20 * 1024 * 1024 + 1, 0x41));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const json = await t.owner.post('/api/v1/member-imports', { file: 'x' });
    expect(json.status).toBe(415);

    const up = await uploadFile(t.owner, 'ok.csv', csv([['姓名', '手机号', '备注'], ['甲', nextMobile(), '']]));
    const bad = await t.owner.post(`/api/v1/member-imports/${up.body.id}/validate`, { mapping: { 姓名: 'name', 备注: 'salary', 不存在: 'notes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('IMPORT_MAPPING_INVALID');
    expect(bad.body.error.details.map((d: { kind: string }) => d.kind).sort()).toEqual(['missingRequired', 'unknownColumn', 'unknownField']);
    const jobs = await t.owner.get('/api/v1/member-imports');
    expect(jobs.body.items.map((j: { status: string }) => j.status)).toEqual(['uploaded']);
  });

  // ---- security ----
  it('needs member.import and keeps rows inside the importer’s store scope', async () => {
    const env = use();
    const t = await env.newTenant({ storeName: '本店' });
    const other = await t.owner.post('/api/v1/stores', { name: '别店', code: 'FAR' });
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const denied = await uploadFile(desk, 'a.csv', csv([['姓名', '手机号'], ['甲', nextMobile()]]));
    expect(denied.status).toBe(403);
    expect(denied.body.error.details.permission).toBe('member.import');

    const manager = await env.newStaff(t, { roles: ['manager'], storeIds: [t.storeId] });
    const file = csv([['姓名', '手机号', '门店'], ['本店会员', nextMobile(), '本店'], ['别店会员', nextMobile(), 'far'], ['无此店', nextMobile(), '火星店']]);
    const { upload, job } = await uploadAndCheck(manager, 'scope.csv', file);
    expect(job.counts).toMatchObject({ validRows: 1, errorRows: 2 });
    const errors = (await manager.get(`/api/v1/member-imports/${upload.id}/errors`)).body.items;
    expect(errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [3, 'store_out_of_scope'],
      [4, 'store_unknown'],
    ]);
    expect(other.status).toBe(201);
    // Another tenant's owner cannot see the job.
    const stranger = await env.newTenant();
    expect((await stranger.owner.get(`/api/v1/member-imports/${upload.id}`)).status).toBe(404);
  });
});
