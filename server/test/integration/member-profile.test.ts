import { expect, it } from 'vitest';
import { describeEachDb } from '../helpers/env';
import { memberBody, nextMobile } from '../fixtures/members';

describeEachDb('member profiles', (use) => {
  // ---- happy ----
  it('creates a member with a sequential number, normalised mobile, tags and custom fields, then updates it', async () => {
    const env = use();
    const t = await env.newTenant();
    const field = await t.owner.post('/api/v1/member-custom-fields', {
      key: 'level',
      labelZh: '水平',
      labelEn: 'Level',
      type: 'choice',
      options: [
        { value: 'beginner', labelZh: '初级', labelEn: 'Beginner' },
        { value: 'advanced', labelZh: '高级', labelEn: 'Advanced' },
      ],
    });
    expect(field.status).toBe(201);
    await t.owner.post('/api/v1/member-custom-fields', { key: 'height', labelZh: '身高', labelEn: 'Height', type: 'number' });

    const a = await t.owner.post('/api/v1/members', {
      name: ' 张小明 ',
      mobile: '+86 138-0013-8000',
      gender: 'male',
      birthday: '1990-05-20',
      email: 'xm@example.com',
      cardNo: 'ab 0001',
      tags: ['VIP', '瑜伽', 'VIP'],
      interests: ['瑜伽'],
      sourceChannel: '大众点评',
      customFields: { level: 'beginner', height: 175.5 },
      emergencyContact: { name: '张妈妈', relation: '母亲', mobile: '13900139000' },
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({
      memberNo: 'M000001',
      name: '张小明',
      namePinyin: 'zhangxiaoming',
      nameInitials: 'zxm',
      mobile: '13800138000',
      isMobileMasked: false,
      cardNo: 'AB0001',
      homeStoreId: t.storeId,
      tags: ['VIP', '瑜伽'],
      customFields: { level: 'beginner', height: 175.5 },
      emergencyContact: { name: '张妈妈', relation: '母亲', mobile: '13900139000' },
      origin: 'desk',
    });
    const b = await t.owner.post('/api/v1/members', memberBody());
    expect(b.body.memberNo).toBe('M000002');

    const patched = await t.owner.patch(`/api/v1/members/${a.body.id}`, { name: '曾小明', tags: ['私教'], customFields: { height: null } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: '曾小明', namePinyin: 'zengxiaoming', tags: ['私教'], customFields: { level: 'beginner' } });
    expect(patched.body.customFields).not.toHaveProperty('height');

    const got = await t.owner.get(`/api/v1/members/${a.body.id}`);
    expect(got.body).toEqual(patched.body);
    const audit = await t.owner.get(`/api/v1/audit-logs?entityId=${a.body.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['member.update', 'member.create']);
    expect(JSON.stringify(audit.body.items)).not.toContain('13800138000');
    const timeline = await t.owner.get(`/api/v1/members/${a.body.id}/timeline`);
    expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(['member.updated', 'member.created']);
  });

  it('accepts a lunar birthday and computes the solar date of birth', async () => {
    const env = use();
    const t = await env.newTenant();
    const r = await t.owner.post('/api/v1/members', memberBody({ lunarBirthday: { year: 1990, month: 8, day: 15 } }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ birthday: '1990-10-03', birthdayCalendar: 'lunar', lunarBirthday: { month: 8, day: 15, isLeapMonth: false } });
  });

  it('allocates member numbers with the configured prefix and skips numbers already taken', async () => {
    const env = use();
    const t = await env.newTenant();
    const s = await t.owner.patch('/api/v1/member-settings', { numberPrefix: 'yj', numberWidth: 4, nextNumber: 7 });
    expect(s.body).toMatchObject({ numberPrefix: 'YJ', numberWidth: 4, nextMemberNo: 'YJ0007' });
    const a = await t.owner.post('/api/v1/members', memberBody());
    const b = await t.owner.post('/api/v1/members', memberBody());
    expect([a.body.memberNo, b.body.memberNo]).toEqual(['YJ0007', 'YJ0008']);
    await t.owner.patch('/api/v1/member-settings', { nextNumber: 8 });
    const c = await t.owner.post('/api/v1/members', memberBody());
    expect(c.body.memberNo).toBe('YJ0009');
  });

  it('gives 20 concurrent creations 20 distinct, gapless member numbers', async () => {
    const env = use();
    const t = await env.newTenant();
    const results = await Promise.all(Array.from({ length: 20 }, () => t.owner.post('/api/v1/members', memberBody())));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.body.memberNo).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `M${String(i + 1).padStart(6, '0')}`));
  });

  it('stores a photo and serves the QR code and the membership card', async () => {
    const env = use();
    const t = await env.newTenant();
    const m = await t.owner.post('/api/v1/members', memberBody({ name: '李<静>' }));
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b20000000049454e44ae426082', 'hex');
    const boundary = '----tessera';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.owner.request('PUT', `/api/v1/members/${m.body.id}/photo`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ hasPhoto: true, contentType: 'image/png' });
    const photo = await t.owner.get(`/api/v1/members/${m.body.id}/photo`);
    expect(photo.headers['content-type']).toBe('image/png');
    expect((await t.owner.get(`/api/v1/members/${m.body.id}`)).body.hasPhoto).toBe(true);

    const qr = await t.owner.get(`/api/v1/members/${m.body.id}/qr`);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.text).toMatch(/^<svg[^>]+viewBox/);
    const qrPng = await t.owner.get(`/api/v1/members/${m.body.id}/qr?format=png&size=128`);
    expect(qrPng.headers['content-type']).toBe('image/png');
    const card = await t.owner.get(`/api/v1/members/${m.body.id}/card`);
    expect(card.text).toContain('width="85.6mm"');
    expect(card.text).toContain(m.body.memberNo);
    expect(card.text).toContain('李&lt;静&gt;');
  });

  // ---- errors ----
  it('refuses bad input with stable codes and field paths, changing nothing', async () => {
    const env = use();
    const t = await env.newTenant();
    await t.owner.post('/api/v1/member-custom-fields', { key: 'height', labelZh: '身高', labelEn: 'Height', type: 'number' });
    const first = await t.owner.post('/api/v1/members', memberBody({ mobile: '13800138000', cardNo: 'C1' }));
    expect(first.status).toBe(201);

    const dup = await t.owner.post('/api/v1/members', memberBody({ mobile: '138 0013 8000' }));
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'MEMBER_MOBILE_TAKEN', details: { path: 'mobile', memberNo: 'M000001' } });
    expect(dup.body.error.message).toContain('M000001');

    const dupCard = await t.owner.post('/api/v1/members', memberBody({ cardNo: 'c1' }));
    expect(dupCard.body.error.code).toBe('MEMBER_CARD_TAKEN');

    const bad = await t.owner.post('/api/v1/members', { name: '', mobile: '12345', email: 'not-an-email', birthday: '2020-02-30', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['birthday', 'email', 'extra', 'mobile', 'name']);

    const tomorrow = new Date(env.clock.now().getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = await t.owner.post('/api/v1/members', memberBody({ birthday: tomorrow }));
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([{ path: 'birthday', code: 'birthday_in_future', message: '生日不能晚于今天' }]);

    const unknownField = await t.owner.post('/api/v1/members', memberBody({ customFields: { weight: 60, height: 'tall' } }));
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.details).toEqual([
      { path: 'customFields.weight', code: 'custom_field_unknown', message: '没有这个自定义字段' },
      { path: 'customFields.height', code: 'invalid_number', message: '应为数字' },
    ]);

    const badLunar = await t.owner.post('/api/v1/members', memberBody({ lunarBirthday: { year: 2024, month: 2, day: 11, isLeapMonth: true } }));
    expect(badLunar.body.error.details[0]).toMatchObject({ path: 'lunarBirthday', code: 'lunar_date_invalid' });

    t.owner.locale = 'en';
    const en = await t.owner.post('/api/v1/members', memberBody({ mobile: '13800138000' }));
    expect(en.body.error.message).toBe('This mobile number already belongs to member M000001');

    const list = await t.owner.get('/api/v1/members');
    expect(list.body.items).toHaveLength(1);
    expect((await t.owner.get('/api/v1/member-settings')).body.nextMemberNo).toBe('M000002');
  });

  it('refuses an unknown referrer, a store out of scope and edits of missing members', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '二店' });
    const desk = await env.newStaff(t, { roles: ['frontDesk'], storeIds: [t.storeId] });
    const r1 = await desk.post('/api/v1/members', memberBody({ referrerMemberId: 'mbr_01AAAAAAAAAAAAAAAAAAAAAAAA' }));
    expect(r1.body.error.code).toBe('MEMBER_REFERRER_NOT_FOUND');
    const r2 = await desk.post('/api/v1/members', memberBody({ homeStoreId: other.body.id }));
    expect(r2.status).toBe(403);
    expect(r2.body.error.code).toBe('STORE_OUT_OF_SCOPE');
    const r3 = await t.owner.patch('/api/v1/members/mbr_01AAAAAAAAAAAAAAAAAAAAAAAA', { name: '谁' });
    expect(r3.status).toBe(404);
    expect(r3.body.error.code).toBe('MEMBER_NOT_FOUND');
    const r4 = await t.owner.get('/api/v1/members/not-an-id');
    expect(r4.status).toBe(400);
  });

  it('asks for a home store when the caller works in several stores and names none', async () => {
    const env = use();
    const t = await env.newTenant();
    await t.owner.post('/api/v1/stores', { name: '二店' });
    const r = await t.owner.post('/api/v1/members', memberBody());
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('MEMBER_HOME_STORE_REQUIRED');
    t.owner.storeId = t.storeId;
    expect((await t.owner.post('/api/v1/members', memberBody())).body.homeStoreId).toBe(t.storeId);
  });

  it('refuses photos that are not images and files that are too large', async () => {
    const env = use();
    const t = await env.newTenant();
    const m = await t.owner.post('/api/v1/members', memberBody());
    const send = (content: Buffer) => {
      const boundary = '----x';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.owner.request('PUT', `/api/v1/members/${m.body.id}/photo`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    };
    const notImage = await send(Buffer.from('MZ this is an executable'));
    expect(notImage.status).toBe(415);
    expect(notImage.body.error.code).toBe('PHOTO_INVALID');
    const big = await send(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(2 * 1024 * 1024 + 10)]));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const json = await t.owner.request('PUT', `/api/v1/members/${m.body.id}/photo`, { file: 'x' });
    expect(json.status).toBe(415);
    expect((await t.owner.get(`/api/v1/members/${m.body.id}`)).body.hasPhoto).toBe(false);
  });

  // ---- security ----
  it('masks mobiles for staff without member.mobile.view and lets finance read but not write', async () => {
    const env = use();
    const t = await env.newTenant();
    const m = await t.owner.post('/api/v1/members', memberBody({ mobile: '13800138000', emergencyContact: { name: '王', mobile: '13900139000' } }));
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const got = await desk.get(`/api/v1/members/${m.body.id}`);
    expect(got.body).toMatchObject({ mobile: '138****8000', isMobileMasked: true, emergencyContact: { mobile: '139****9000' } });
    expect(got.text).not.toContain('13800138000');
    const manager = await env.newStaff(t, { roles: ['manager'] });
    expect((await manager.get(`/api/v1/members/${m.body.id}`)).body.mobile).toBe('13800138000');
    const finance = await env.newStaff(t, { roles: ['finance'] });
    expect((await finance.get(`/api/v1/members/${m.body.id}`)).status).toBe(200);
    const denied = await finance.patch(`/api/v1/members/${m.body.id}`, { name: '改' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.details.permission).toBe('member.write');
    const settings = await desk.patch('/api/v1/member-settings', { numberPrefix: 'X' });
    expect(settings.body.error.details.permission).toBe('crm.settings');
  });

  it('lets staff of any store open a member of another store (served at every store)', async () => {
    const env = use();
    const t = await env.newTenant();
    const other = await t.owner.post('/api/v1/stores', { name: '二店' });
    const m = await t.owner.post('/api/v1/members', memberBody({ homeStoreId: other.body.id, mobile: nextMobile() }));
    const desk = await env.newStaff(t, { roles: ['frontDesk'], storeIds: [t.storeId] });
    expect((await desk.get(`/api/v1/members/${m.body.id}`)).status).toBe(200);
    const list = await desk.get('/api/v1/members');
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(m.body.id);
  });
});
