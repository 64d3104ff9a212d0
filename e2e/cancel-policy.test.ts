import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageApi, pageApi, pageIdempotentPost } from './helpers/api';
import { type ConsolePage, launchBrowser, openConsole, screenshot, withFailureScreenshot } from './helpers/browser';
import { eventually, signIn } from './helpers/console';
import { type E2eServer, type TenantSetup, startE2eServer } from './helpers/server';

/**
 * The cancellation policy editor (课程管理 → 取消规则): the rules derived from the late-cancel
 * window are shown until a list is saved; a missing minutes value is refused on the field before
 * anything is sent; the server's "this rule never applies" lands on that rule's field and "no
 * rule covers …" under the list, nothing saved; a valid list saved (from the keyboard) decides
 * what cancelling a booking does — the preview and the cancellation itself follow it. In English too.
 */

const LOCALE_KEY = 'tessera.locale';

function ok<T = any>(r: { status: number; body: T }, what: string): T {
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

describe('cancellation policy editor in the console', () => {
  let server: E2eServer;
  let tenant: TenantSetup;
  let browser: Browser;
  let ui: ConsolePage;
  let call: PageApi;
  let bookingId = '';
  let cardId = '';

  const post = (url: string, body: unknown) => pageIdempotentPost(ui.page)(url, body);

  beforeAll(async () => {
    server = await startE2eServer();
    tenant = await server.createTenant({ name: '取消规则瑜伽', storeName: '徐汇店' });
    browser = await launchBrowser();
    ui = await openConsole(browser, server.url);
    const page = ui.page;
    await signIn(page, tenant.ownerLogin, tenant.ownerPassword);
    call = pageApi(page);

    const teacher = ok(await call('POST', '/api/v1/teachers', { name: '孙老师', skills: ['yoga'] }), 'teacher');
    const course = ok(await call('POST', '/api/v1/courses', { name: '流瑜伽', category: 'yoga', durationMinutes: 60, capacity: 10, price: 10000, defaultTeacherId: teacher.id }), 'course');
    // A class in 90 minutes: inside the default 120-minute late-cancel window.
    const cls = ok(await call('POST', '/api/v1/class-sessions', { courseId: course.id, storeId: tenant.storeId, startsAt: new Date(Math.ceil((Date.now() + 90 * 60_000) / 60_000) * 60_000).toISOString() }), 'class');
    const product = ok(await call('POST', '/api/v1/card-products', { kind: 'count', name: '瑜伽10次卡', price: 100000, sessions: 10, validity: { unit: 'month', count: 6 }, coverage: [{ type: 'course_category', id: 'yoga' }] }), 'card product');
    const m = ok(await call('POST', '/api/v1/members', { name: '周晓', mobile: '13900002468', homeStoreId: tenant.storeId }), 'member');
    const line = { kind: 'card', itemId: product.id, quantity: 1 };
    const quote = ok(await call('POST', '/api/v1/orders/quote', { storeId: tenant.storeId, memberId: m.id, lines: [line] }), 'quote');
    ok(await post('/api/v1/orders', { storeId: tenant.storeId, memberId: m.id, lines: [line], tenders: [{ method: 'cash', amount: quote.payable }] }), 'card sale');
    cardId = ok(await call('GET', `/api/v1/member-cards?memberId=${m.id}`), 'cards').items[0].id;
    bookingId = ok<any>(await post('/api/v1/bookings', { sessionId: cls.id, attendeeId: m.id }), 'booking').id;
  });

  afterAll(async () => {
    await ui?.context.close();
    await browser?.close();
    await server?.close();
  });

  const rule = (page: Page, i: number) => page.getByTestId(`policy-rule-${i}`);
  const fieldErrors = (scope: Locator) => scope.locator('.ant-form-item-explain-error').allInnerTexts();
  async function choose(page: Page, select: Locator, option: string) {
    // Open the dropdown (if it is not open), pick the option; again until the select shows it and the dropdown closed.
    const open = page.locator('.ant-select-dropdown:visible');
    await expect
      .poll(
        async () => {
          if ((await select.innerText()).includes(option) && (await open.count()) === 0) return true;
          if ((await open.count()) === 0) await select.click();
          const item = open.locator('.ant-select-item-option', { hasText: option }).first();
          await item.waitFor({ timeout: 2_000 }).catch(() => undefined);
          if (await item.isVisible().catch(() => false)) await item.click();
          return false;
        },
        { timeout: 15_000, interval: 300 },
      )
      .toBe(true);
  }
  async function typeInto(input: Locator, value: string) {
    await input.click();
    await input.press('ControlOrMeta+a');
    await input.press('Backspace');
    if (value) await input.pressSequentially(value);
  }
  const policy = async () => ok(await call('GET', '/api/v1/course-cancel-policy'), 'policy');
  const preview = async () => ok(await call('GET', `/api/v1/bookings/${bookingId}/cancel-preview`), 'preview');

  it('edits the rules: field and list errors from the browser and the server, nothing saved; a saved list decides the cancellation', async () => {
    const page = ui.page;
    await withFailureScreenshot(page, 'cancel-policy-failure.png', async () => {
      // Before: the rules derived from the 120-minute late-cancel window; 90 minutes ahead forfeits.
      expect(await preview()).toMatchObject({ outcome: 'forfeit', feeFen: 0, countsTowardBan: true, ruleIndex: 1 });
      await page.goto('/courses');
      await page.getByTestId('course-admin').waitFor();
      await page.getByRole('tab', { name: '取消规则' }).click();
      const editor = page.getByTestId('cancel-policy');
      await editor.waitFor();
      await editor.getByTestId('policy-derived').waitFor();
      await eventually(() => editor.locator('[data-testid^="policy-rule-"]').count()).toBe(3);
      expect(await page.getByLabel('规则 1 分钟').inputValue()).toBe('120');

      // A missing minutes value: said on the field, nothing sent.
      await typeInto(page.getByLabel('规则 1 分钟'), '');
      await page.getByLabel('规则 1 分钟').press('Enter');
      await eventually(() => fieldErrors(rule(page, 0))).toContain('请填写分钟数');
      expect((await policy()).isCustom).toBe(false);

      // A gap between 30 and 60 minutes: the server refuses it, said under the list; nothing saved.
      await typeInto(page.getByLabel('规则 1 分钟'), '60');
      await typeInto(page.getByLabel('规则 2 分钟'), '30');
      await page.getByTestId('policy-save').click();
      await eventually(async () => (await editor.locator('.ant-form-item-explain-error').allInnerTexts()).join(' ')).toContain('没有对应规则');
      expect((await policy()).isCustom).toBe(false);

      // Rule 2 made an after-start rule: its minutes go, and rule 3 can never apply — said on rule 3.
      await choose(page, rule(page, 1).locator('.ant-select').first(), '开课后 / 未到');
      expect(await page.getByLabel('规则 2 分钟').isDisabled()).toBe(true);
      await page.getByTestId('policy-save').click();
      await eventually(() => fieldErrors(rule(page, 2))).toContain('前面的规则已覆盖这个时段,本条永远不会生效');
      expect((await policy()).isCustom).toBe(false);
      await screenshot(page, 'cancel-policy-errors.png');

      // A valid list: less than 60 minutes before → forfeit, a ¥15 fee, a strike; grace 1 a month. Saved from the keyboard (Enter).
      await choose(page, rule(page, 1).locator('.ant-select').first(), '开课前不足');
      await typeInto(page.getByLabel('规则 2 分钟'), '60');
      await typeInto(page.getByLabel('规则 2 迟取消费'), '15');
      await typeInto(page.getByLabel('每月宽限次数'), '1');
      await page.getByLabel('每月宽限次数').press('Enter');
      await page.getByText('取消规则已保存').waitFor();
      await eventually(async () => (await policy()).isCustom).toBe(true);
      expect(await policy()).toMatchObject({
        rules: [
          { window: 'at_least', minutes: 60, session: 'release', feeFen: 0, countsTowardBan: false },
          { window: 'less_than', minutes: 60, session: 'forfeit', feeFen: 1500, countsTowardBan: true },
          { window: 'after_start', minutes: null, session: 'forfeit', feeFen: 0, countsTowardBan: true },
        ],
        graceLateCancelsPerMonth: 1,
      });
      expect(await editor.getByTestId('policy-derived').count()).toBe(0);
      await screenshot(page, 'cancel-policy-saved.png');
      // It takes effect: 90 minutes ahead is now in time.
      expect(await preview()).toMatchObject({ outcome: 'release', feeFen: 0, countsTowardBan: false, ruleIndex: 0 });

      // Rules move with their buttons (keyboard: Tab to the button, Space); the first match decides.
      // With "at least 120 → release" below "less than 120 → forfeit ¥15", no grace: 90 minutes ahead forfeits with the fee.
      await typeInto(page.getByLabel('规则 1 分钟'), '120');
      await typeInto(page.getByLabel('规则 2 分钟'), '120');
      await typeInto(page.getByLabel('每月宽限次数'), '0');
      await page.getByRole('button', { name: '下移规则 1' }).focus();
      await page.keyboard.press('Space');
      expect(await page.getByLabel('规则 1 迟取消费').inputValue()).toMatch(/^15(\.00)?$/);
      await page.getByTestId('policy-save').click();
      await eventually(async () => (await policy()).rules[0]).toMatchObject({ window: 'less_than', minutes: 120, feeFen: 1500 });
      expect(await preview()).toMatchObject({ outcome: 'forfeit', feeFen: 1500, countsTowardBan: true, ruleIndex: 0, isGrace: false });
      const cancelled = ok<any>(await post(`/api/v1/bookings/${bookingId}/cancel`, { reason: '堵车' }), 'cancel');
      expect(cancelled.status).toBe('late_cancelled');
      expect(ok(await call('GET', `/api/v1/member-cards/${cardId}`), 'card').sessions).toMatchObject({ used: 1, held: 0 });
      const fees = ok(await call('GET', '/api/v1/class-cancel-fees'), 'fees').items;
      expect(fees).toMatchObject([{ bookingId, amount: 1500, status: 'due', kind: 'late_cancel' }]);
    });
  });

  it('reads in English', async () => {
    const page = ui.page;
    await withFailureScreenshot(page, 'cancel-policy-en-failure.png', async () => {
      await page.evaluate(`localStorage.setItem('${LOCALE_KEY}', 'en')`);
      await page.goto('/courses');
      await page.getByRole('tab', { name: 'Cancellation policy' }).click();
      await page.getByTestId('cancel-policy').waitFor();
      expect(await page.getByLabel('Rule 1 Minutes').inputValue()).toBe('120');
      await page.getByText('less than … before start').first().waitFor();
      await page.getByRole('button', { name: 'Save policy' }).waitFor();
      await typeInto(page.getByLabel('Rule 1 Minutes'), '');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await eventually(() => fieldErrors(rule(page, 0))).toContain('Enter the minutes');
      await screenshot(page, 'cancel-policy-en.png');
      await page.evaluate(`localStorage.setItem('${LOCALE_KEY}', 'zh-CN')`);
      expect(ui.errors).toEqual([]);
    });
  });
});
