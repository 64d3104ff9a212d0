import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageApi, pageApi } from './helpers/api';
import { type ConsolePage, launchBrowser, openConsole, screenshot, withFailureScreenshot } from './helpers/browser';
import { type E2eServer, type TenantSetup, offsetClock, startE2eServer } from './helpers/server';
import { eventually, selectUntil, signIn } from './helpers/console';

/**
 * 1:1 appointments at the desk: the coach's weekly window set in the availability editor, a
 * member booked into a free slot against their private-lesson package (the dialog shows the
 * sessions available), the appointment completed at its time — and the package's sessions left
 * on the page and through the API.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const shanghaiDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const monday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
};
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function ok<T = any>(r: { status: number; body: T }, what: string): T {
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

describe('1:1 appointments in the console', () => {
  const clock = offsetClock();
  let server: E2eServer;
  let tenant: TenantSetup;
  let browser: Browser;
  let ui: ConsolePage;
  let call: PageApi;
  let cardId = '';
  let coachId = '';

  beforeAll(async () => {
    server = await startE2eServer({ clock });
    tenant = await server.createTenant({ name: '动力私教馆', storeName: '静安店' });
    browser = await launchBrowser();
    ui = await openConsole(browser, server.url);
    await signIn(ui.page, tenant.ownerLogin, tenant.ownerPassword);
    call = pageApi(ui.page);
    coachId = ok(await call('POST', '/api/v1/teachers', { name: '刘教练', skills: ['private'] }), 'coach').id;
    const product = ok(await call('POST', '/api/v1/card-products', { kind: 'private', name: '私教10节课包', price: 300000, sessions: 10, validity: { unit: 'month', count: 6 }, coverage: [{ type: 'any', id: '' }] }), 'product');
    const member = ok(await call('POST', '/api/v1/members', { name: '陈静', mobile: '13900005555', homeStoreId: tenant.storeId }), 'member');
    const line = { kind: 'card', itemId: product.id, quantity: 1 };
    const order = await ui.page.evaluate(
      async ({ body }) => {
        const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
        const res = await fetch('/api/v1/orders', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify(body) });
        return { status: res.status, body: await res.json() };
      },
      { body: { storeId: tenant.storeId, memberId: member.id, lines: [line], tenders: [{ method: 'cash', amount: 300000 }] } },
    );
    ok(order, 'card sale');
    cardId = ok(await call('GET', `/api/v1/member-cards?memberId=${member.id}`), 'cards').items[0].id;
  });

  afterAll(async () => {
    await ui?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('sets a coach’s availability, books a member against a private-lesson package, completes it and shows the sessions left', async () => {
    const { page } = ui;
    await withFailureScreenshot(page, 'appointments-failure.png', async () => {
      const target = shanghaiDate(clock.now().getTime() + DAY);
      const weekday = WEEKDAYS[new Date(`${target}T00:00:00Z`).getUTCDay()];
      await page.goto('/appointments');
      await page.getByTestId('main-menu').getByRole('link', { name: '私教预约' }).waitFor();
      await page.getByTestId('appointments-page').waitFor();

      // The day on the week strip; availability: one weekly window on that weekday (the editor starts new windows on the day shown), 09:00–12:00 in one-hour slots.
      if (monday(target) !== monday(shanghaiDate(clock.now().getTime()))) await page.getByRole('button', { name: '下一周' }).click();
      await page.getByTestId(`day-${target}`).click();
      await page.getByText('当天没有可约时段').waitFor();
      await page.getByTestId('edit-availability').click();
      const drawer = page.getByTestId('availability-drawer');
      await drawer.getByTestId('add-window').click();
      await drawer.getByTestId('window-0').getByText(weekday).waitFor();
      await drawer.getByTestId('save-windows').click();
      await page.locator('.ant-message').getByText('已保存').waitFor();
      await screenshot(page, 'appointments-availability.png');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      const av = ok(await call('GET', `/api/v1/coach-availability/${coachId}?storeId=${tenant.storeId}`), 'availability');
      expect(av.windows).toMatchObject([{ startTime: '09:00', endTime: '12:00', slotMinutes: 60 }]);

      // The free slots of the day: 09:00, 10:00, 11:00.
      await page.getByTestId('slot-09:00').waitFor();
      expect(await page.getByTestId('free-slots').getByRole('button').count()).toBe(3);
      await page.getByTestId('slot-09:00').click();

      // The book dialog: the member by mobile tail, the package with its sessions.
      const form = page.getByTestId('appt-book-form');
      await selectUntil(page, /陈静/, () => form.locator('#appt-member').fill('5555'), async () => (await form.getAttribute('data-member-name')) === '陈静');
      await eventually(() => form.getAttribute('data-cards')).toBe('1');
      await form.getByTestId('appt-card').click();
      await page.locator('.ant-select-dropdown:visible').getByText(/私教10节课包.*可用 10 节/).waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('appt-book-submit').click();
      await form.waitFor({ state: 'detached' });
      const list = page.getByTestId('appointment-list');
      await list.getByText('陈静').waitFor();
      await list.getByText('已预约').waitFor();
      expect(await page.getByTestId('slot-09:00').count()).toBe(0);
      await screenshot(page, 'appointments-booked.png');
      expect(ok(await call('GET', `/api/v1/member-cards/${cardId}`), 'card').sessions).toMatchObject({ remaining: 10, held: 1 });

      // At the appointment's time: complete it; one session is used.
      const [appt] = ok(await call('GET', `/api/v1/appointments?teacherId=${coachId}`), 'appointments').items;
      clock.advance(Date.parse(appt.startsAt) - clock.now().getTime());
      // The session may have ended with the hours that passed: sign in again if asked.
      await page.goto('/appointments');
      const login = page.getByLabel('账号', { exact: true });
      await page.getByTestId('appointments-page').or(login).waitFor();
      if (await login.isVisible()) {
        await login.fill(tenant.ownerLogin);
        await page.getByLabel('密码', { exact: true }).fill(tenant.ownerPassword);
        await page.getByLabel('密码', { exact: true }).press('Enter');
        await page.getByTestId('appointments-page').waitFor();
      }
      if (monday(target) !== monday(shanghaiDate(Date.now()))) await page.getByRole('button', { name: '下一周' }).click();
      await page.getByTestId(`day-${target}`).click();
      await page.getByTestId(`complete-${appt.id}`).click();
      await eventually(() => page.getByTestId(`status-${appt.id}`).innerText()).toBe('已完成');
      await eventually(() => page.getByTestId(`card-${appt.id}`).innerText()).toContain('剩余 9 节');
      await screenshot(page, 'appointments-completed.png');
      // The member's timeline tells it; the page reads in English too.
      await page.goto(`/members/${appt.memberId}?tab=timeline`);
      await page.getByText(/私教课已完成:刘教练/).first().waitFor();
      await page.getByText('English', { exact: true }).click();
      await page.goto('/appointments');
      await page.getByText('Free slots', { exact: true }).waitFor();
      if (monday(target) !== monday(shanghaiDate(Date.now()))) await page.getByRole('button', { name: 'Next week' }).click();
      await page.getByTestId(`day-${target}`).click();
      await eventually(() => page.getByTestId(`status-${appt.id}`).innerText()).toBe('Completed');
      await eventually(() => page.getByTestId(`card-${appt.id}`).innerText()).toContain('9 sessions left');
      await screenshot(page, 'appointments-en.png');
      await page.getByText('中文', { exact: true }).click();
      expect(ok(await call('GET', `/api/v1/member-cards/${cardId}`), 'card').sessions).toMatchObject({ remaining: 9, held: 0, used: 1 });
    });
    expect(ui.errors).toEqual([]);
  }, 120_000);
});
