import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsolePage, launchBrowser, openConsole, screenshot, withFailureScreenshot } from './helpers/browser';
import { type E2eServer, startE2eServer } from './helpers/server';

/** A fresh install: no tenant, nobody can sign in — the sign-in page says how to get in. */
describe('first start', () => {
  let server: E2eServer;
  let browser: Browser;
  let ui: ConsolePage;

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    ui = await openConsole(browser, server.url);
  });

  afterAll(async () => {
    await ui?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('on an empty database the sign-in page tells how to create the first account', async () => {
    const { page } = ui;
    await withFailureScreenshot(page, 'first-start-failure.png', async () => {
      await page.goto('/');
      await page.waitForURL('**/login');
      const guide = page.getByTestId('first-start');
      await guide.waitFor();
      const text = await guide.innerText();
      expect(text).toContain('还没有可以登录的账号');
      expect(text).toContain('npx tessera init');
      expect(text).toContain('npx tessera seed --demo');
      expect(text).toContain('刷新本页并登录');
      // No sign-in form that could only fail.
      expect(await page.getByLabel('密码', { exact: true }).count()).toBe(0);
      await screenshot(page, 'first-start.png');

      // The same guidance in English.
      await page.getByText('English', { exact: true }).click();
      await expect.poll(() => guide.innerText()).toContain('No account can sign in yet');
      expect(await guide.innerText()).toContain('npx tessera init');

      // Once someone has run `tessera init`, "reload" brings the sign-in form.
      await server.createTenant();
      await page.getByRole('button', { name: /Done — reload/ }).click();
      await page.getByLabel('Password', { exact: true }).waitFor();
      expect(await page.getByTestId('first-start').count()).toBe(0);
    });
    expect(ui.errors).toEqual([]);
  });
});
