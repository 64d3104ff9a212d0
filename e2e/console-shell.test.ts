import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsolePage, launchBrowser, openConsole, screenshot, withFailureScreenshot } from './helpers/browser';
import { type E2eServer, type TenantSetup, startE2eServer } from './helpers/server';

/**
 * The owner sets up a store, a custom role and a staff member through the console; the staff
 * member signs in with the one-time password, must change it, and then sees exactly the pages
 * their role allows — in Chinese, and in English after switching.
 */

// antd spaces out two-character Chinese button labels ("保 存") and icons add their own names
// ("plus 新建门店"): match the text at the end, with or without the spaces.
function label(text: string): RegExp {
  return new RegExp(`(^|\\s)${[...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);
}

function button(page: Page, text: string) {
  return page.getByRole('button', { name: label(text) });
}

async function menuItems(page: Page): Promise<string[]> {
  await page.getByTestId('main-menu').locator('li.ant-menu-item').first().waitFor();
  const texts = await page.getByTestId('main-menu').locator('li.ant-menu-item').allInnerTexts();
  return texts.map((t) => t.trim());
}

async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('账号', { exact: true }).fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('密码', { exact: true }).press('Enter');
}

describe('console shell', () => {
  let server: E2eServer;
  let tenant: TenantSetup;
  let browser: Browser;
  let ui: ConsolePage;

  // A real fault inside the real server (not a mocked response): regions fail while this is set.
  let failRegions = false;

  beforeAll(async () => {
    server = await startE2eServer({
      configureApp: (app) => {
        app.addHook('preHandler', async (req) => {
          if (failRegions && req.url.startsWith('/api/v1/regions')) throw new Error('injected fault');
        });
      },
    });
    tenant = await server.createTenant({ name: '静心瑜伽', storeName: '总店' });
    browser = await launchBrowser();
    ui = await openConsole(browser, server.url);
  });

  afterAll(async () => {
    await ui?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('lets the owner set up a store, a role and a staff member whose menu shows only what the role allows', async () => {
    await withFailureScreenshot(ui.page, 'console-shell-failure.png', () => ownerSetsUpAndStaffSignsIn(ui, tenant));
    expect(ui.errors).toEqual([]);
  });

  it('shows an unexpected server error with the request id to quote', async () => {
    const other = await openConsole(browser, server.url);
    try {
      await withFailureScreenshot(other.page, 'console-shell-5xx-failure.png', async () => {
        const { page } = other;
        await page.goto('/login');
        await signIn(page, tenant.ownerLogin, tenant.ownerPassword);
        await page.getByTestId('main-menu').waitFor();
        failRegions = true;
        const failed = page.waitForResponse((r) => r.url().includes('/api/v1/regions') && r.status() === 500);
        await page.goto('/stores?tab=regions');
        const requestId = (await failed).headers()['x-request-id'];
        expect(requestId).toMatch(/^req_/);
        const notice = page.locator('.ant-notification-notice').filter({ hasText: requestId });
        await notice.waitFor();
        expect(await notice.innerText()).toContain('服务器内部错误');
        expect(await notice.innerText()).toContain('请求编号');
      });
    } finally {
      failRegions = false;
      await other.context.close();
    }
  });
});

async function ownerSetsUpAndStaffSignsIn(ui: ConsolePage, tenant: TenantSetup): Promise<void> {
    const { page } = ui;

    // Signed out: any address leads to the sign-in page; a wrong password is said inline.
    await page.goto('/staff');
    await page.waitForURL('**/login');
    await signIn(page, tenant.ownerLogin, 'not-the-password1');
    await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('账号或密码错误');

    // Enter submits; the owner lands where they were going.
    await signIn(page, tenant.ownerLogin, tenant.ownerPassword);
    await page.waitForURL('**/staff');
    expect(await menuItems(page)).toEqual(['工作台', '收银台', '订单与退款', '交班', '商品与服务', '卡项', '库存', '收银日报', '会员', '潜在客户', '导入会员', '会员等级', '充值套餐', '会员设置', '课程周历', '我的课表', '上课签到', '课程管理', '私教预约', '门店与区域', '员工', '考勤打卡', '角色权限', '操作日志', 'API 密钥', '商户设置']);

    // A store, created from the keyboard (Enter in the modal's fields submits).
    await page.getByTestId('main-menu').getByRole('link', { name: '门店与区域' }).click();
    await button(page, '新建门店').click();
    const storeDialog = page.getByRole('dialog');
    await storeDialog.getByLabel('门店名称').fill('总店');
    await storeDialog.getByLabel('门店名称').press('Enter');
    // A taken name comes back as the server's localised message; nothing is created.
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain('门店名称“总店”已存在');
    await storeDialog.getByLabel('门店名称').fill('静安店');
    await storeDialog.getByLabel('门店编号').fill('JA01');
    await storeDialog.getByLabel('营业时间').fill('09:00-21:00');
    await storeDialog.getByLabel('营业时间').press('Enter');
    await page.getByRole('cell', { name: '静安店' }).waitFor();
    expect(await page.getByRole('row', { name: /JA01/ }).innerText()).toContain('09:00-21:00');

    // A custom role with two permissions, ticked one by one.
    await page.getByTestId('main-menu').getByRole('link', { name: '角色权限' }).click();
    await button(page, '新建角色').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('角色名称').fill('门店观察员');
    await drawer.getByRole('checkbox', { name: '查看门店与区域', exact: true }).check();
    await drawer.getByRole('checkbox', { name: '查看操作日志', exact: true }).check();
    await button(page, '保存').click();
    await page.getByRole('row', { name: /门店观察员/ }).waitFor();
    expect(await page.getByRole('row', { name: /门店观察员/ }).innerText()).toMatch(/自定义\s+—\s+2\s+0/);

    // A staff member with that role, belonging to the new store only.
    await page.getByTestId('main-menu').getByRole('link', { name: '员工' }).click();
    await button(page, '新建员工').click();
    const staffDialog = page.getByRole('dialog');
    await staffDialog.getByLabel('登录账号').fill('zhang.wei');
    await staffDialog.getByLabel('姓名').fill('张伟');
    // A field the server rejects is marked on that field, with the server's message.
    await staffDialog.getByLabel('手机号').fill('1380013');
    await staffDialog.getByLabel('角色').click();
    await staffDialog.getByLabel('角色').fill('门店观察员');
    await staffDialog.getByLabel('角色').press('Enter');
    // (Tab would pick the highlighted option too: close the list by clicking outside it.)
    const closeLists = () => staffDialog.getByText('新建员工', { exact: true }).click();
    await closeLists();
    // The store list starts with the desk's current store (总店): replace it with 静安店.
    await staffDialog.getByLabel('所属门店').focus();
    await staffDialog.getByLabel('所属门店').press('Backspace');
    await staffDialog.getByLabel('所属门店').fill('静安');
    await staffDialog.getByLabel('所属门店').press('Enter');
    await closeLists();
    await button(page, '创建').click();
    await expect.poll(() => staffDialog.locator('.ant-form-item-has-error').innerText()).toContain('手机号格式不正确');
    await staffDialog.getByLabel('手机号').fill('13800138000');
    await button(page, '创建').click();
    const secret = page.getByTestId('one-time-secret');
    await secret.waitFor();
    const oneTimePassword = (await secret.innerText()).trim();
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(8);
    await button(page, '我已记下').click();
    const row = page.getByRole('row', { name: /张伟/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/zhang\.wei[\s\S]*门店观察员[\s\S]*静安店[\s\S]*待改密/);

    // Sign out from the user menu.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/login');

    // The new staff member: one-time password, then a password of their own before anything else.
    await signIn(page, 'zhang.wei', oneTimePassword);
    await page.getByText('请设置新密码').waitFor();
    expect(await page.getByTestId('main-menu').count()).toBe(0);
    await page.getByLabel('一次性密码').fill(oneTimePassword);
    await page.getByLabel('新密码', { exact: true }).fill('Zhangwei2024');
    await page.getByLabel('确认新密码').fill('Zhangwei2024');
    await page.getByLabel('确认新密码').press('Enter');
    await page.getByTestId('main-menu').waitFor();

    // Exactly the permitted pages: stores and the audit log — not staff, roles or API keys.
    expect(await menuItems(page)).toEqual(['工作台', '门店与区域', '操作日志']);
    expect(await page.getByTestId('store-switcher').innerText()).toContain('静安店');
    await page.getByRole('heading', { name: /张伟/ }).waitFor();
    await page.getByTestId('shortcut-audit').waitFor();
    await screenshot(page, 'console-shell.png');

    // A page outside the role is refused even when typed into the address bar.
    await page.goto('/staff');
    await page.getByText('没有权限访问此页面').waitFor();

    // Their data scope is the new store: the stores page lists 静安店 and not 总店.
    await page.getByTestId('main-menu').getByRole('link', { name: '门店与区域' }).click();
    await page.getByRole('cell', { name: '静安店' }).waitFor();
    expect(await page.getByRole('cell', { name: '总店', exact: true }).count()).toBe(0);

    // English at any time: labels switch at once, and the choice is saved on the account.
    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => menuItems(page)).toEqual(['Workbench', 'Stores & regions', 'Audit log']);
    await page.getByRole('tab', { name: 'Regions' }).waitFor();
    await page.evaluate('window.localStorage.clear()');
    await page.goto('/');
    await page.getByRole('heading', { name: /Zhang|张伟/ }).waitFor();
    expect(await page.getByRole('heading', { name: /张伟/ }).innerText()).toMatch(/^Good (morning|day|afternoon|evening)|^Working late/);
    expect(await menuItems(page)).toEqual(['Workbench', 'Stores & regions', 'Audit log']);
    await screenshot(page, 'console-shell-en.png');

    // A session that ends (signed out elsewhere, expired) leads back to sign-in, then to the same page.
    await ui.context.clearCookies();
    await page.getByTestId('main-menu').getByRole('link', { name: 'Stores & regions' }).click();
    await page.waitForURL('**/login');
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain('Your session has expired');
    await page.getByLabel('Account', { exact: true }).fill('zhang.wei');
    await page.getByLabel('Password', { exact: true }).fill('Zhangwei2024');
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.waitForURL('**/stores');

    // The audit log, within their scope, shows how their store was created, expandable into before/after.
    await page.getByTestId('main-menu').getByRole('link', { name: 'Audit log' }).click();
    const created = page.getByRole('row', { name: /Store created/ });
    await created.waitFor();
    await created.getByRole('button', { name: /expand/i }).click();
    const diff = page.getByTestId('audit-diff');
    await diff.waitFor();
    expect(await diff.innerText()).toMatch(/name[\s\S]*静安店/);
}
