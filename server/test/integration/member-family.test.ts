import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { rotateFieldKeys } from '../../src/modules/member';
import { createServices } from '../../src/services';
import { systemCtx } from '../../src/shared/context';
import { FieldCipher, generateKeyText, parseKeyMaterial } from '../../src/shared/crypto';
import type { TestClient } from '../helpers/client';
import { TEST_DATA_KEY, describeEachDb } from '../helpers/env';
import { memberBody } from '../fixtures/members';

async function texts(c: TestClient) {
  const items = (await c.get('/api/v1/consent-texts')).body.items as { id: string; kind: string }[];
  return { child: items.find((t) => t.kind === 'child')!.id, sensitive: items.find((t) => t.kind === 'sensitive')!.id };
}

function yearsAgo(today: Date, years: number): string {
  const d = new Date(today);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

describeEachDb('families, consents and sensitive data', (use) => {
  // ---- happy ----
  it('records a parent with two children and a child with two guardians, pick-up people and emergency contacts', async () => {
    const env = use();
    const t = await env.newTenant();
    const { child: childText } = await texts(t.owner);
    const mum = (await t.owner.post('/api/v1/members', memberBody({ name: '王芳' }))).body;
    const dad = (await t.owner.post('/api/v1/members', memberBody({ name: '李强' }))).body;
    const today = env.clock.now();

    const noConsent = await t.owner.post(`/api/v1/members/${mum.id}/dependents`, { name: '李小宝', birthday: yearsAgo(today, 4), relation: '妈妈' });
    expect(noConsent.status).toBe(409);
    expect(noConsent.body.error.code).toBe('CHILD_CONSENT_REQUIRED');

    const bao = await t.owner.post(`/api/v1/members/${mum.id}/dependents`, {
      name: '李小宝',
      birthday: yearsAgo(today, 4),
      gender: 'male',
      relation: '妈妈',
      allergies: '花生',
      specialNeeds: '需午睡',
      school: '星星幼儿园',
      className: '小一班',
      consent: { textId: childText, channel: 'paper' },
    });
    expect(bao.status).toBe(201);
    expect(bao.body).toMatchObject({ name: '李小宝', allergies: '花生', hasChildConsent: true, guardians: [{ memberId: mum.id, relation: '妈妈', isPrimary: true }] });
    const mei = await t.owner.post(`/api/v1/members/${mum.id}/dependents`, { name: '李小美', birthday: yearsAgo(today, 16), relation: '妈妈' });
    expect(mei.status).toBe(201);
    expect(mei.body.hasChildConsent).toBe(false);

    const two = await t.owner.post(`/api/v1/dependents/${bao.body.id}/guardians`, { memberId: dad.id, relation: '爸爸' });
    expect(two.status).toBe(200);
    expect(two.body.guardians.map((g: { memberId: string; relation: string }) => [g.memberId, g.relation])).toEqual([
      [mum.id, '妈妈'],
      [dad.id, '爸爸'],
    ]);
    const again = await t.owner.post(`/api/v1/dependents/${bao.body.id}/guardians`, { memberId: dad.id, relation: '爸爸' });
    expect(again.body.error.code).toBe('GUARDIAN_EXISTS');

    const pickup = await t.owner.post(`/api/v1/dependents/${bao.body.id}/contacts`, { kind: 'pickup', name: '张阿姨', relation: '保姆', mobile: '13600136000' });
    await t.owner.post(`/api/v1/dependents/${bao.body.id}/contacts`, { kind: 'emergency', name: '李爷爷', mobile: '13500135000' });
    expect(pickup.body.contacts.map((c: { kind: string }) => c.kind)).toEqual(['pickup']);

    const mumFamily = await t.owner.get(`/api/v1/members/${mum.id}/family`);
    expect(mumFamily.body.dependents.map((d: { name: string }) => d.name).sort()).toEqual(['李小宝', '李小美']);
    const dadFamily = await t.owner.get(`/api/v1/members/${dad.id}/family`);
    expect(dadFamily.body.dependents).toHaveLength(1);
    expect(dadFamily.body.dependents[0].contacts).toHaveLength(2);

    // The desk finds the father by the child's name.
    const search = await t.owner.get(`/api/v1/members/search?q=${encodeURIComponent('小宝')}`);
    expect(search.body.items.map((i: { id: string }) => i.id).sort()).toEqual([mum.id, dad.id].sort());

    const removed = await t.owner.delete(`/api/v1/dependents/${bao.body.id}/guardians/${dad.id}`);
    expect(removed.body.guardians).toHaveLength(1);
    const last = await t.owner.delete(`/api/v1/dependents/${bao.body.id}/guardians/${mum.id}`);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('GUARDIAN_LAST');
    const contactId = pickup.body.contacts[0].id;
    expect((await t.owner.delete(`/api/v1/dependents/${bao.body.id}/contacts/${contactId}`)).body.contacts).toHaveLength(1);

    const renamed = await t.owner.patch(`/api/v1/dependents/${bao.body.id}`, { name: '李宝宝', className: '中一班' });
    expect(renamed.body).toMatchObject({ name: '李宝宝', className: '中一班' });
    expect((await t.owner.get(`/api/v1/members/search?q=${encodeURIComponent('宝宝')}`)).body.items.map((i: { id: string }) => i.id)).toEqual([mum.id]);
  });

  it('encrypts health data and ID numbers at rest; reading needs the permission and every read is audited', async () => {
    const env = use();
    const t = await env.newTenant();
    const { sensitive } = await texts(t.owner);
    const m = (await t.owner.post('/api/v1/members', memberBody())).body;

    const early = await t.owner.put(`/api/v1/members/${m.id}/sensitive`, { health: { conditions: '高血压' } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('SENSITIVE_CONSENT_REQUIRED');

    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const consent = await desk.post(`/api/v1/members/${m.id}/consents`, { kind: 'sensitive', textId: sensitive, grantedByName: '本人', channel: 'desk' });
    expect(consent.status).toBe(201);
    expect(consent.body).toMatchObject({ kind: 'sensitive', textVersion: 'default-1', grantedByName: '本人' });

    const put = await t.owner.put(`/api/v1/members/${m.id}/sensitive`, {
      idType: 'cn_resident',
      idNumber: '11010519491231002x',
      health: { conditions: '高血压', injuries: '左膝半月板损伤', restrictions: '避免深蹲' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ hasIdNumber: true, hasHealth: true });

    const raw = await env.database.db.selectFrom('member_sensitive').selectAll().where('tenant_id', '=', t.tenantId).where('member_id', '=', m.id).executeTakeFirstOrThrow();
    expect(raw.id_number_enc).toMatch(/^v1\.[\w-]{8}\./);
    expect(`${raw.id_number_enc}${raw.health_enc}`).not.toMatch(/110105|高血压|半月板/);

    for (let i = 0; i < 2; i++) {
      const read = await t.owner.get(`/api/v1/members/${m.id}/sensitive`);
      expect(read.body).toMatchObject({ idType: 'cn_resident', idNumber: '11010519491231002X', health: { conditions: '高血压', injuries: '左膝半月板损伤', restrictions: '避免深蹲', notes: null } });
    }
    const views = await t.owner.get(`/api/v1/audit-logs?action=member.sensitive.view&entityId=${m.id}`);
    expect(views.body.items).toHaveLength(2);
    const allAudit = await t.owner.get(`/api/v1/audit-logs?entityId=${m.id}`);
    expect(allAudit.text).not.toMatch(/110105|高血压|半月板/);

    const deskRead = await desk.get(`/api/v1/members/${m.id}/sensitive`);
    expect(deskRead.status).toBe(403);
    expect(deskRead.body.error.details.permission).toBe('member.sensitive.read');
    const manager = await env.newStaff(t, { roles: ['manager'] });
    expect((await manager.put(`/api/v1/members/${m.id}/sensitive`, { health: null })).status).toBe(403);

    // Withdrawing the consent deletes the sensitive data.
    const withdrawn = await desk.post(`/api/v1/members/${m.id}/consents/${consent.body.id}/withdraw`);
    expect(withdrawn.body.withdrawnAt).not.toBeNull();
    expect((await t.owner.get(`/api/v1/members/${m.id}/sensitive`)).body).toEqual({ idType: null, idNumber: null, health: null, updatedAt: null });
    expect((await desk.post(`/api/v1/members/${m.id}/consents/${consent.body.id}/withdraw`)).body.error.code).toBe('CONSENT_ALREADY_WITHDRAWN');
  });

  it('rotates the data key: old ciphertext decrypts until rotation, then everything is under the new key', async () => {
    const env = use();
    const t = await env.newTenant();
    const { sensitive } = await texts(t.owner);
    const a = (await t.owner.post('/api/v1/members', memberBody())).body;
    const b = (await t.owner.post('/api/v1/members', memberBody())).body;
    for (const m of [a, b]) {
      await t.owner.post(`/api/v1/members/${m.id}/consents`, { kind: 'sensitive', textId: sensitive });
      await t.owner.put(`/api/v1/members/${m.id}/sensitive`, { idType: 'passport', idNumber: `E${m.memberNo}`, health: { conditions: '哮喘' } });
    }
    const ctx = systemCtx(t.tenantId);
    const newKey = generateKeyText();
    const withKeys = (keys: string) => createServices({ database: env.database, clock: env.clock, config: { ...env.config, dataKey: loadConfig({ TESSERA_DATA_KEY: keys }).dataKey } });

    // The new key first, the old one still configured: old ciphertext reads, new writes use the new key.
    const both = withKeys(`${newKey},${TEST_DATA_KEY}`);
    expect((await both.members.sensitive.read(ctx, a.id)).idNumber).toBe(`E${a.memberNo}`);
    await expect(withKeys(newKey).members.sensitive.read(ctx, a.id)).rejects.toMatchObject({ code: 'FIELD_DECRYPT_FAILED' });

    const report = await rotateFieldKeys(env.database, new FieldCipher(parseKeyMaterial(`${newKey},${TEST_DATA_KEY}`)));
    expect(report.reencrypted).toBeGreaterThanOrEqual(4);
    expect(report.alreadyCurrent).toBe(0);
    const again = await rotateFieldKeys(env.database, new FieldCipher(parseKeyMaterial(`${newKey},${TEST_DATA_KEY}`)));
    expect(again.reencrypted).toBe(0);

    const onlyNew = withKeys(newKey);
    expect(await onlyNew.members.sensitive.read(ctx, b.id)).toMatchObject({ idNumber: `E${b.memberNo}`, health: { conditions: '哮喘' } });
    await expect(withKeys(TEST_DATA_KEY).members.sensitive.read(ctx, b.id)).rejects.toMatchObject({ code: 'FIELD_DECRYPT_FAILED' });
    const raw = await env.database.db.selectFrom('member_sensitive').select('health_enc').where('tenant_id', '=', t.tenantId).execute();
    const newId = new FieldCipher(parseKeyMaterial(newKey)).currentKeyId;
    expect(raw.every((r) => r.health_enc!.startsWith(`v1.${newId}.`))).toBe(true);
  });

  // ---- errors ----
  it('refuses bad family and sensitive input', async () => {
    const env = use();
    const t = await env.newTenant();
    const { sensitive, child } = await texts(t.owner);
    const m = (await t.owner.post('/api/v1/members', memberBody())).body;
    const future = new Date(env.clock.now().getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    const r1 = await t.owner.post(`/api/v1/members/${m.id}/dependents`, { name: '未来', birthday: future, relation: '妈妈', consent: { textId: child } });
    expect(r1.body.error.details).toEqual([{ path: 'birthday', code: 'birthday_in_future', message: '生日不能晚于今天' }]);
    const r2 = await t.owner.post(`/api/v1/members/${m.id}/dependents`, { name: '错同意', birthday: '2024-01-01', relation: '妈妈', consent: { textId: sensitive } });
    expect(r2.body.error.code).toBe('CONSENT_TEXT_KIND_MISMATCH');
    await t.owner.post(`/api/v1/members/${m.id}/consents`, { kind: 'sensitive', textId: sensitive });
    const r3 = await t.owner.put(`/api/v1/members/${m.id}/sensitive`, { idType: 'cn_resident', idNumber: '110105194912310021' });
    expect(r3.body.error.details).toEqual([expect.objectContaining({ path: 'idNumber', code: 'id_number_invalid' })]);
    const r4 = await t.owner.put(`/api/v1/members/${m.id}/sensitive`, { health: { bloodType: 'A' } });
    expect(r4.status).toBe(400);
    expect(r4.body.error.details[0]).toMatchObject({ path: 'health', code: 'unrecognized_keys' });
    const r5 = await t.owner.post('/api/v1/consent-texts', { kind: 'sensitive', version: 'default-1', body: '重复的版本号,不应成功。' });
    expect(r5.body.error.code).toBe('CONSENT_TEXT_VERSION_TAKEN');
    expect((await t.owner.get(`/api/v1/members/${m.id}/sensitive`)).body.idNumber).toBeNull();
  });

  // ---- security ----
  it('binds a ciphertext to its member: copied to another member it does not decrypt', async () => {
    const env = use();
    const t = await env.newTenant();
    const { sensitive } = await texts(t.owner);
    const a = (await t.owner.post('/api/v1/members', memberBody())).body;
    const b = (await t.owner.post('/api/v1/members', memberBody())).body;
    for (const m of [a, b]) await t.owner.post(`/api/v1/members/${m.id}/consents`, { kind: 'sensitive', textId: sensitive });
    await t.owner.put(`/api/v1/members/${a.id}/sensitive`, { health: { conditions: 'A 的病史' } });
    await t.owner.put(`/api/v1/members/${b.id}/sensitive`, { health: { conditions: 'B 的病史' } });
    const stolen = await env.database.db.selectFrom('member_sensitive').select('health_enc').where('tenant_id', '=', t.tenantId).where('member_id', '=', a.id).executeTakeFirstOrThrow();
    await env.database.db.updateTable('member_sensitive').set({ health_enc: stolen.health_enc }).where('tenant_id', '=', t.tenantId).where('member_id', '=', b.id).execute();
    const r = await t.owner.get(`/api/v1/members/${b.id}/sensitive`);
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('FIELD_DECRYPT_FAILED');
    expect(r.text).not.toContain('A 的病史');
  });

  it('masks family mobiles for the front desk', async () => {
    const env = use();
    const t = await env.newTenant();
    const m = (await t.owner.post('/api/v1/members', memberBody())).body;
    const kid = await t.owner.post(`/api/v1/members/${m.id}/dependents`, { name: '大孩子', birthday: '2008-01-01', relation: '爸爸' });
    await t.owner.post(`/api/v1/dependents/${kid.body.id}/contacts`, { kind: 'pickup', name: '接送人', mobile: '13600136000' });
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const fam = await desk.get(`/api/v1/members/${m.id}/family`);
    expect(fam.body.dependents[0].contacts[0].mobile).toBe('136****6000');
    expect(fam.body.dependents[0].guardians[0].isMobileMasked).toBe(true);
    expect(fam.text).not.toContain('13600136000');
  });
});
