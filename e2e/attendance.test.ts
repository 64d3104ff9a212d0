import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageApi } from './helpers/api';
import { type ConsolePage, launchBrowser, openConsole, screenshot, withFailureScreenshot } from './helpers/browser';
import { STAFF_PASSWORD, createStaff } from './helpers/retail';
import { type E2eServer, type TenantSetup, startE2eServer } from './helpers/server';
import { signIn } from './helpers/console';

/**
 * Staff attendance (考勤打卡) in the console: the front desk clocks in and out with the one big
 * button, asks for the forgotten punches of yesterday; the owner approves them and reads the
 * monthly hours as a chart and a table.
 */

const POLL = { timeout: 10_000, interval: 100 };
const text = async (page: Page, testId: string) => (await page.getByTestId(testId).innerText()).replace(/\s+/g, ' ').trim();

describe('attendance in the console', () => {
  let server: E2eServer;
  let tenant: TenantSetup;
  let browser: Browser;
  let desk: ConsolePage;
  let owner: ConsolePage;

  beforeAll(async () => {
    server = await startE2eServer();
    tenant = await server.createTenant({ name: '静心瑜伽', storeName: '静安店' });
    await createStaff(server, tenant, 'desk.wang', '王小前', 'frontDesk');
    browser = await launchBrowser();
    desk = await openConsole(browser, server.url);
    owner = await openConsole(browser, server.url);
  });

  afterAll(async () => {
    await desk?.context.close();
    await owner?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('clocks in and out with one button, and a forgotten day is corrected and counted in the monthly hours', async () => {
    await withFailureScreenshot(desk.page, 'attendance-failure.png', async () => {
      const page = desk.page;
      await signIn(page, 'desk.wang', STAFF_PASSWORD);
      await page.getByTestId('main-menu').getByRole('link', { name: '考勤打卡' }).click();
      await expect.poll(() => text(page, 'attendance-state'), POLL).toBe('尚未上班打卡');
      const button = page.getByTestId('attendance-clock');
      await expect.poll(() => button.innerText().then((s) => s.replace(/\s+/g, '')), POLL).toBe('上班打卡');
      await button.press('Enter');
      await expect.poll(() => text(page, 'attendance-state'), POLL).toMatch(/^已于 .+ 在 静安店 上班打卡$/);
      await expect.poll(() => button.innerText().then((s) => s.replace(/\s+/g, '')), POLL).toBe('下班打卡');
      await button.click();
      await expect.poll(() => text(page, 'attendance-state'), POLL).toBe('尚未上班打卡');
      expect(await page.getByTestId('attendance-spans').locator('tbody tr.ant-table-row').count()).toBe(1);

      // Yesterday was forgotten: two corrections (asked through the API the page itself uses).
      const api = pageApi(page);
      const day = new Date(Date.now() - 86_400_000);
      day.setUTCHours(1, 0, 0, 0);
      for (const [kind, at] of [['in', day], ['out', new Date(day.getTime() + 8 * 3_600_000)]] as const) {
        const r = await api('POST', '/api/v1/attendance/corrections', { storeId: tenant.storeId, kind, at: at.toISOString(), reason: '忘记打卡' });
        expect(r.status).toBe(201);
      }
      await page.reload();
      await expect.poll(() => page.getByTestId('attendance-my-corrections').locator('tbody tr.ant-table-row').count(), POLL).toBe(2);
      expect(await text(page, 'attendance-my-corrections')).toContain('待审批');
    });

    await withFailureScreenshot(owner.page, 'attendance-owner-failure.png', async () => {
      const page = owner.page;
      await signIn(page, tenant.ownerLogin, tenant.ownerPassword);
      await page.goto('/attendance');
      const pending = page.getByTestId('attendance-pending');
      await expect.poll(() => pending.locator('tbody tr.ant-table-row').count(), POLL).toBe(2);
      expect(await text(page, 'attendance-pending')).toContain('王小前');
      for (let i = 0; i < 2; i++) {
        await pending.locator('tbody tr.ant-table-row').first().getByRole('button', { name: /^通\s*过$/ }).click();
        await expect.poll(() => pending.locator('tbody tr.ant-table-row').count(), POLL).toBe(1 - i);
      }
      const report = page.getByTestId('attendance-report');
      // Yesterday may belong to last month on the 1st: the report of that month holds it then.
      const thisMonth = new Date().toISOString().slice(0, 7);
      if (new Date(Date.now() - 86_400_000).toISOString().slice(0, 7) === thisMonth) {
        await expect.poll(async () => (await report.locator('tbody tr.ant-table-row').allInnerTexts()).join('\n').replace(/\s+/g, ' '), POLL).toContain('王小前 1 8');
        await page.getByTestId('attendance-chart').waitFor();
      }
      await screenshot(page, 'attendance-owner-1366.png');
    });
  });
});
