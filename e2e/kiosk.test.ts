import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageApi, pageApi, pageIdempotentPost } from './helpers/api';
import { type ConsolePage, launchBrowser, openConsole, screenshot, withFailureScreenshot } from './helpers/browser';
import { signIn } from './helpers/console';
import { type E2eServer, type TenantSetup, startE2eServer } from './helpers/server';

/**
 * The self check-in kiosk (/kiosk/:storeCode, full screen): a member scans their member code →
 * checked in; a repeat scan says "already checked in" with no second check-in row; a mobile tail
 * shared by two members lists masked names only. And the roster's leave (请假) button, which
 * shows the make-up credit granted; editing a weekly timetable (an overlap said on the fields);
 * a late-cancel fee due on the member page, recorded as collected.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The console's language choice (web/src/i18n/locale.tsx). */
const LOCALE_KEY = 'tessera.locale';
const shanghaiDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const monday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
};

function ok<T = any>(r: { status: number; body: T }, what: string): T {
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

describe('self check-in kiosk and leave in the console', () => {
  let server: E2eServer;
  let tenant: TenantSetup;
  let browser: Browser;
  let ui: ConsolePage;
  let call: PageApi;
  let soon: any;
  let tomorrow: any;
  let storeCode = '';
  let courseId = '';
  const people: Record<string, { id: string; memberNo: string; cardId: string }> = {};

  const post = (url: string, body: unknown) => pageIdempotentPost(ui.page)(url, body);

  beforeAll(async () => {
    server = await startE2eServer();
    tenant = await server.createTenant({ name: '律动空间', storeName: '静安店' });
    browser = await launchBrowser();
    ui = await openConsole(browser, server.url);
    const page = ui.page;
    await signIn(page, tenant.ownerLogin, tenant.ownerPassword);
    call = pageApi(page);
    storeCode = ok(await call('GET', `/api/v1/stores/${tenant.storeId}`), 'store').code;

    const teacher = ok(await call('POST', '/api/v1/teachers', { name: '钱老师', skills: ['dance'] }), 'teacher');
    const course = ok(await call('POST', '/api/v1/courses', { name: '律动课', category: 'dance', durationMinutes: 60, capacity: 10, price: 10000, defaultTeacherId: teacher.id }), 'course');
    courseId = course.id;
    soon = ok(await call('POST', '/api/v1/class-sessions', { courseId: course.id, storeId: tenant.storeId, startsAt: new Date(Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000).toISOString() }), 'class');
    const tomorrowDate = shanghaiDate(Date.now() + DAY);
    tomorrow = ok(await call('POST', '/api/v1/class-sessions', { courseId: course.id, storeId: tenant.storeId, startsAt: `${tomorrowDate}T02:00:00.000Z` }), 'class');
    const product = ok(await call('POST', '/api/v1/card-products', { kind: 'count', name: '律动10次卡', price: 100000, sessions: 10, validity: { unit: 'month', count: 6 }, coverage: [{ type: 'course_category', id: 'dance' }] }), 'card product');
    for (const [key, name, mobile] of [
      ['ming', '张小明', '13900001234'],
      ['siqi', '李思琪', '13900005678'],
      ['siyuan', '李思远', '13800005678'],
    ] as const) {
      const m = ok(await call('POST', '/api/v1/members', { name, mobile, homeStoreId: tenant.storeId }), 'member');
      const line = { kind: 'card', itemId: product.id, quantity: 1 };
      const quote = ok(await call('POST', '/api/v1/orders/quote', { storeId: tenant.storeId, memberId: m.id, lines: [line] }), 'quote');
      const order = ok<any>(await post('/api/v1/orders', { storeId: tenant.storeId, memberId: m.id, lines: [line], tenders: [{ method: 'cash', amount: quote.payable }] }), 'card sale');
      const cards = ok(await call('GET', `/api/v1/member-cards?memberId=${m.id}`), 'cards');
      people[key] = { id: m.id, memberNo: m.memberNo, cardId: cards.items.find((x: { orderId: string }) => x.orderId === order.id).id };
    }
    ok(await post('/api/v1/bookings', { sessionId: soon.id, attendeeId: people.ming.id }), 'booking');
    ok(await post('/api/v1/bookings', { sessionId: soon.id, attendeeId: people.siqi.id }), 'booking');
    ok(await post('/api/v1/bookings', { sessionId: tomorrow.id, attendeeId: people.ming.id }), 'booking');
  });

  afterAll(async () => {
    await ui?.context.close();
    await browser?.close();
    await server?.close();
  });

  async function scan(page: Page, text: string) {
    const input = page.getByTestId('kiosk-input');
    await expect.poll(() => input.isEnabled(), { timeout: 10_000 }).toBe(true);
    // A keyboard-wedge scanner: fast typing, then Enter.
    await input.pressSequentially(text, { delay: 5 });
    await input.press('Enter');
  }

  const checkInRows = (sessionId: string) =>
    server.server.database.db.selectFrom('class_check_ins').select(['id', 'undone_at']).where('tenant_id', '=', tenant.tenantId).where('session_id', '=', sessionId).execute();

  it('checks a member in by their scanned member code; a repeat scan is "already checked in", no second row', async () => {
    const page = ui.page;
    await withFailureScreenshot(page, 'kiosk-failure.png', async () => {
      await page.goto(`/kiosk/${storeCode}`);
      await page.getByTestId('kiosk').waitFor();
      // Full screen: none of the console's navigation.
      expect(await page.getByTestId('main-menu').count()).toBe(0);
      expect(await page.getByTestId('kiosk-store').innerText()).toBe('静安店');
      await scan(page, people.ming.memberNo);
      const result = page.getByTestId('kiosk-result');
      await expect.poll(() => result.innerText().catch(() => ''), { timeout: 10_000 }).toContain('已签到 ✓ 张小明');
      expect(await result.innerText()).toContain('律动课');
      await screenshot(page, 'kiosk-checked-in.png');
      expect(await checkInRows(soon.id)).toHaveLength(1);

      await scan(page, people.ming.memberNo);
      await expect.poll(() => result.innerText().catch(() => ''), { timeout: 10_000 }).toContain('已经签到过了');
      expect(await checkInRows(soon.id)).toHaveLength(1);
      expect(ok(await call('GET', `/api/v1/member-cards/${people.ming.cardId}`), 'card').sessions).toMatchObject({ used: 1 });
      // The screen resets itself.
      await expect.poll(() => result.count(), { timeout: 10_000 }).toBe(0);
      // In English too.
      await page.evaluate(`localStorage.setItem('${LOCALE_KEY}', 'en')`);
      await page.reload();
      await page.getByText('Scan your member code').waitFor();
      await scan(page, people.ming.memberNo);
      await expect.poll(() => result.innerText().catch(() => ''), { timeout: 10_000 }).toContain('Already checked in');
      await screenshot(page, 'kiosk-en.png');
      await page.evaluate(`localStorage.setItem('${LOCALE_KEY}', 'zh-CN')`);
    });
  });

  it('a mobile tail shared by two members lists masked names only; picking oneself checks in', async () => {
    const page = ui.page;
    await withFailureScreenshot(page, 'kiosk-tail-failure.png', async () => {
      await page.goto(`/kiosk/${storeCode}`);
      await scan(page, '5678');
      const screen = page.getByTestId('kiosk-screen');
      await screen.getByRole('button', { name: '李*琪' }).waitFor();
      await screen.getByRole('button', { name: '李*远' }).waitFor();
      const text = await page.locator('body').innerText();
      expect(text).not.toContain('李思琪');
      expect(text).not.toContain('13900005678');
      await screenshot(page, 'kiosk-pick.png');
      await screen.getByRole('button', { name: '李*琪' }).click();
      await expect.poll(() => page.getByTestId('kiosk-result').innerText().catch(() => ''), { timeout: 10_000 }).toContain('已签到 ✓ 李*琪');
      expect(await checkInRows(soon.id)).toHaveLength(2);
    });
  });

  it('leave (请假) from the class roster shows the make-up credit granted', async () => {
    const page = ui.page;
    await withFailureScreenshot(page, 'leave-failure.png', async () => {
      await page.goto('/classes');
      await page.getByTestId('class-calendar').waitFor();
      if (monday(tomorrow.businessDate) !== monday(shanghaiDate(Date.now()))) await page.getByRole('button', { name: '下一周' }).click();
      await page.getByTestId(`day-${tomorrow.businessDate}`).getByTestId('class-block').first().click();
      const drawer = page.getByTestId('session-drawer');
      await drawer.getByTestId('session-places').waitFor();
      await drawer.getByTestId('roster').getByRole('row', { name: /张小明/ }).getByRole('button', { name: /请\s?假/ }).click();
      const dialog = page.getByRole('dialog', { name: /请假/ });
      await dialog.getByLabel('原因').fill('出差');
      await dialog.getByRole('button', { name: '确认请假' }).click();
      const done = page.getByTestId('leave-result');
      await done.waitFor();
      const credits = ok(await call('GET', `/api/v1/makeup-credits?memberId=${people.ming.id}`), 'credits').items;
      expect(credits).toHaveLength(1);
      expect(await done.innerText()).toContain(`补课券有效期至 ${credits[0].expiresOn}`);
      await screenshot(page, 'leave-granted.png');
      expect(ok(await call('GET', `/api/v1/member-cards/${people.ming.cardId}`), 'card').sessions).toMatchObject({ held: 0 });
    });
  });

  it('edits a weekly timetable in the console: a room overlap is said on the fields, then the classes move', async () => {
    const page = ui.page;
    await withFailureScreenshot(page, 'timetable-edit-failure.png', async () => {
      const room = ok(await call('POST', '/api/v1/rooms', { storeId: tenant.storeId, name: '大教室', capacity: 20 }), 'room');
      const other = ok(await call('POST', '/api/v1/teachers', { name: '孙老师', skills: [] }), 'teacher');
      const date = shanghaiDate(Date.now() + 3 * DAY);
      const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
      const tt = ok(await call('POST', '/api/v1/timetables', { courseId, storeId: tenant.storeId, roomId: room.id, weekday, startTime: '08:00', startsOn: date, endsOn: date }), 'timetable');
      // 09:00 that day the room is taken by another class.
      ok(await call('POST', '/api/v1/class-sessions', { courseId, storeId: tenant.storeId, roomId: room.id, teacherId: other.id, startsAt: `${date}T01:00:00.000Z` }), 'class');
      await page.goto('/courses');
      await page.getByRole('tab', { name: '每周课表' }).click();
      const panel = page.getByTestId('timetables');
      await panel.getByRole('row', { name: /律动课/ }).getByRole('button', { name: /编\s?辑/ }).click();
      const form = page.getByTestId('timetable-form');
      const time = form.getByLabel('上课时间');
      await time.click();
      await time.fill('09:00');
      await time.press('Enter');
      await page.getByRole('button', { name: /保\s?存/ }).click();
      await expect.poll(async () => (await form.locator('.ant-form-item-explain-error').allInnerTexts()).join(' '), { timeout: 10_000 }).toContain('教室在');
      await screenshot(page, 'timetable-overlap.png');
      expect(ok(await call('GET', `/api/v1/timetables/${tt.id}`), 'timetable').startTime).toBe('08:00');
      await time.click();
      await time.fill('10:30');
      await time.press('Enter');
      await page.getByRole('button', { name: /保\s?存/ }).click();
      await expect.poll(async () => ok(await call('GET', `/api/v1/timetables/${tt.id}`), 'timetable').startTime, { timeout: 10_000 }).toBe('10:30');
      await panel.getByRole('cell', { name: '10:30' }).waitFor();
      const sessions = ok(await call('GET', `/api/v1/class-sessions?from=${date}&to=${date}&storeId=${tenant.storeId}`), 'classes').items;
      expect(sessions.filter((s: { timetableId: string | null }) => s.timetableId === tt.id).map((s: { startsAt: string }) => s.startsAt)).toEqual([`${date}T02:30:00.000Z`]);
    });
  });

  it('a late cancellation under a fee rule: the preview says the fee, the member page lists it due, the desk takes it as an order (WeChat Pay)', async () => {
    const page = ui.page;
    await withFailureScreenshot(page, 'cancel-fee-failure.png', async () => {
      ok(
        await call('PUT', '/api/v1/course-cancel-policy', {
          rules: [
            { window: 'at_least', minutes: 120, session: 'release' },
            { window: 'less_than', minutes: 120, session: 'forfeit', feeFen: 2000, countsTowardBan: true },
            { window: 'after_start', session: 'forfeit', countsTowardBan: true },
          ],
          banAfterCount: 0,
        }),
        'policy',
      );
      const b = ok<any>(await post('/api/v1/bookings', { sessionId: soon.id, attendeeId: people.siyuan.id }), 'booking');
      expect(ok(await call('GET', `/api/v1/bookings/${b.id}/cancel-preview`), 'preview')).toMatchObject({ outcome: 'forfeit', feeFen: 2000, countsTowardBan: true });
      ok(await post(`/api/v1/bookings/${b.id}/cancel`, { reason: '临时加班' }), 'cancel');
      await page.goto(`/members/${people.siyuan.id}?tab=bookings`);
      const due = page.getByTestId('due-cancel-fees');
      await due.waitFor();
      expect(await due.innerText()).toContain('¥20.00');
      // Paid at the desk as an order (WeChat Pay): the fee is marked paid with that order.
      await due.getByTestId('fee-pay').click();
      const dialog = page.getByRole('dialog', { name: /收取迟取消 ¥20\.00/ });
      await dialog.getByText('微信支付').click();
      await page.getByTestId('fee-pay-ok').click();
      await expect.poll(() => due.count(), { timeout: 10_000 }).toBe(0);
      const fees = ok(await call('GET', `/api/v1/class-cancel-fees?memberId=${people.siyuan.id}`), 'fees').items;
      expect(fees).toMatchObject([{ amount: 2000, status: 'paid', orderId: expect.stringMatching(/^ord_/) }]);
      const order = ok(await call('GET', `/api/v1/orders/${fees[0].orderId}`), 'order');
      expect(order).toMatchObject({ payable: 2000, tenders: [{ method: 'wechat', amount: 2000 }], lines: [{ kind: 'class_fee' }] });
    });
  });
});
