// What every console flow does: sign in, wait for a condition, choose in an Ant Design select.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Poll until the assertion holds (10 s): the console renders after its requests answer. */
export function eventually<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 10_000 });
}

/** Sign in on the login page and wait for the console's menu. */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('账号', { exact: true }).fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('密码', { exact: true }).press('Enter');
  await page.getByTestId('main-menu').waitFor();
}

/**
 * Choose `want` in an antd select until `done()` says it took — a click during the dropdown's
 * animation can miss; `open` opens it (or types the search).
 */
export async function selectUntil(page: Page, want: RegExp, open: () => Promise<void>, done: () => Promise<boolean>): Promise<void> {
  await eventually(async () => {
    if (await done()) return true;
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: want });
    if (await option.count()) await option.first().click({ timeout: 2000 }).catch(() => undefined);
    else if (!(await page.locator('.ant-select-dropdown:visible').count())) await open().catch(() => undefined);
    return false;
  }).toBe(true);
}
