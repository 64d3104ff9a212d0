import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageApi, pageApi, pageIdempotentPost } from './helpers/api';
import { type ConsolePage, launchBrowser, openConsole, screenshot, withFailureScreenshot } from './helpers/browser';
import { STAFF_PASSWORD, createStaff } from './helpers/retail';
import { type E2eServer, type TenantSetup, offsetClock, startE2eServer } from './helpers/server';
import { signIn } from './helpers/console';

/**
 * The teacher's day (我的课表): a teacher signs in, sees their class starting soon with the
 * child's allergy as a red tag, marks the child present (the family card's session consumed
 * once), writes feedback for the child and a note for the class; the parent's timeline in the
 * member record then shows the feedback.
 */

const HOUR = 3_600_000;
const POLL = { timeout: 10_000, interval: 100 };

function ok<T = any>(r: { status: number; body: T }, what: string): T {
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A Shanghai business date (the browser's and the tenant's zone). */
const shanghaiDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

describe('the teacher’s day in the console', () => {
  let server: E2eServer;
  let tenant: TenantSetup;
  let browser: Browser;
  let owner: ConsolePage;
  let teacher: ConsolePage;
  let call: PageApi;
  let session: any;
  let parentId = '';
  let cardId = '';
  // The server's clock: moved to the class's start before the teacher writes feedback.
  const clock = offsetClock();

  const post = (page: Page, url: string, body: unknown) => pageIdempotentPost(page)(url, body);

  beforeAll(async () => {
    server = await startE2eServer({ clock });
    tenant = await server.createTenant({ name: '小音符艺术', storeName: '徐汇店' });
    const staffId = await createStaff(server, tenant, 'teacher.li', '李老师', 'teacher');
    browser = await launchBrowser();
    owner = await openConsole(browser, server.url);
    teacher = await openConsole(browser, server.url);
    await signIn(owner.page, tenant.ownerLogin, tenant.ownerPassword);
    call = pageApi(owner.page);

    const li = ok(await call('POST', '/api/v1/teachers', { name: '李老师', staffId, skills: ['kids-music'] }), 'teacher');
    const room = ok(await call('POST', '/api/v1/rooms', { storeId: tenant.storeId, name: '音乐教室', capacity: 12 }), 'room');
    const course = ok(await call('POST', '/api/v1/courses', { name: '儿童音乐启蒙', category: 'kids-music', durationMinutes: 60, capacity: 6, price: 15000, defaultTeacherId: li.id }), 'course');
    // Starts in 10 minutes: attendance is open (from an hour before the start).
    session = ok(await call('POST', '/api/v1/class-sessions', { courseId: course.id, storeId: tenant.storeId, roomId: room.id, startsAt: new Date(Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000).toISOString() }), 'class');

    const product = ok(
      await call('POST', '/api/v1/card-products', { kind: 'count', name: '音乐课10次卡', price: 150000, sessions: 10, validity: { unit: 'month', count: 6 }, coverage: [{ type: 'course_category', id: 'kids-music' }], familyPolicy: { isAllowed: true, maxMembers: 3 } }),
      'card product',
    );
    const texts = ok(await call('GET', '/api/v1/consent-texts'), 'consent texts').items as { id: string; kind: string }[];
    const consent = { textId: texts.find((x) => x.kind === 'child')!.id };
    const today = shanghaiDate(Date.now());
    const m = ok(await call('POST', '/api/v1/members', { name: '王芳', mobile: '13900001111', homeStoreId: tenant.storeId }), 'member');
    parentId = m.id;
    const child = ok(await call('POST', `/api/v1/members/${m.id}/dependents`, { name: '王小米', birthday: `${Number(today.slice(0, 4)) - 4}${today.slice(4)}`, allergies: '花生', notes: '奶奶 11 点接', relation: '妈妈', consent }), 'child');
    const line = { kind: 'card', itemId: product.id, quantity: 1 };
    const quote = ok(await call('POST', '/api/v1/orders/quote', { storeId: tenant.storeId, memberId: m.id, lines: [line] }), 'quote');
    const order = ok<any>(await post(owner.page, '/api/v1/orders', { storeId: tenant.storeId, memberId: m.id, lines: [line], tenders: [{ method: 'cash', amount: quote.payable }] }), 'card sale');
    cardId = ok(await call('GET', `/api/v1/member-cards?memberId=${m.id}`), 'cards').items.find((x: { orderId: string }) => x.orderId === order.id).id;
    ok(await call('POST', `/api/v1/member-cards/${cardId}/family-members`, { userId: child.id, relation: '孩子' }), 'family member');
    ok(await post(owner.page, '/api/v1/bookings', { sessionId: session.id, attendeeId: child.id, memberId: m.id }), 'booking');
  });

  afterAll(async () => {
    await owner?.context.close();
    await teacher?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('the teacher sees the class with the allergy badge, marks the child present and writes feedback; the parent’s timeline shows it', async () => {
    const page = teacher.page;
    await withFailureScreenshot(page, 'teacher-failure.png', async () => {
      await signIn(page, 'teacher.li', STAFF_PASSWORD);
      await page.getByTestId('main-menu').getByRole('link', { name: '我的课表' }).click();
      await page.getByTestId('teacher-day').waitFor();
      // The class may fall on tomorrow's date just before midnight in Shanghai.
      const toClassDay = async () => {
        await page.getByTestId('teacher-date').waitFor();
        if (session.businessDate !== shanghaiDate(Date.now())) await page.keyboard.press('ArrowRight');
      };
      await toClassDay();
      const card = page.getByTestId('teacher-class');
      await card.waitFor();
      expect(await card.count()).toBe(1);
      expect(await card.innerText()).toContain('儿童音乐启蒙');
      expect(await card.innerText()).toContain('音乐教室');
      expect(await card.getByTestId('allergy-badge').innerText()).toBe('过敏:花生');
      expect(await card.innerText()).toContain('备注:奶奶 11 点接');
      expect(await card.getByTestId('booking-status').innerText()).toBe('已预约');

      // ←/→ turn the day; back on the class's day.
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.getByTestId('teacher-class').count(), POLL).toBe(0);
      await page.keyboard.press('ArrowLeft');
      await card.waitFor();
      await screenshot(page, 'teacher-day.png');

      await card.getByTestId('mark-present').click();
      await expect.poll(() => card.getByTestId('booking-status').innerText(), POLL).toBe('已签到');
      expect(ok(await pageApi(owner.page)('GET', `/api/v1/member-cards/${cardId}`), 'card').sessions).toMatchObject({ remaining: 9, held: 0 });
      // "All present" with nobody left to mark changes nothing.
      await card.getByTestId('all-present').click();
      await page.locator('.ant-message').getByText('没有待点名的学员').waitFor();

      // Feedback is written once the class has started: the server's clock moves on 15 minutes.
      clock.advance(15 * 60_000);
      await page.reload();
      await toClassDay();
      await card.waitFor();
      // Feedback for the child, then a note for the class.
      await card.getByTestId('child-feedback').click();
      const modal = page.getByTestId('feedback-modal');
      await modal.getByTestId('feedback-text').waitFor();
      await modal.getByTestId('feedback-text').fill('小米今天节奏感很好,敢于开口唱了');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.locator('.ant-message').getByText('反馈已保存,家长可以看到').first().waitFor();
      await expect.poll(() => card.getByTestId('child-feedback').innerText(), POLL).toBe('修改反馈');
      await card.getByTestId('class-feedback').click();
      await page.getByTestId('feedback-text').fill('本节课学习了《小星星》');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await expect.poll(() => card.innerText(), POLL).toContain('本节课学习了《小星星》');
      await screenshot(page, 'teacher-day-marked.png');
    });

    // The parent's member record: the feedback on the timeline.
    await withFailureScreenshot(owner.page, 'teacher-timeline-failure.png', async () => {
      const p = owner.page;
      await p.goto(`/members/${parentId}`);
      await p.getByRole('tab', { name: '时间线' }).click();
      const timeline = p.getByTestId('member-timeline');
      await expect.poll(() => timeline.innerText(), POLL).toContain('课堂反馈 · 儿童音乐启蒙');
      expect(await timeline.innerText()).toContain('李老师:小米今天节奏感很好,敢于开口唱了');
      expect(await timeline.innerText()).toContain('本节课学习了《小星星》');
      await screenshot(p, 'teacher-feedback-timeline.png');
    });
  });
});
