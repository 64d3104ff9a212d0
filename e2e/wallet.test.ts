import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageApi, pageApi } from './helpers/api';
import { type ConsolePage, launchBrowser, openConsole, screenshot, withFailureScreenshot } from './helpers/browser';
import { STAFF_PASSWORD, createStaff, once, retailServices } from './helpers/retail';
import { type E2eServer, type TenantSetup, startE2eServer } from './helpers/server';
import type { Ctx } from '../server/src/shared/context';
import { systemCtx } from '../server/src/shared/context';
import { eventually, signIn } from './helpers/console';

/**
 * The money core in the console: a member recharged ¥1,000 with a ¥200 bonus package from the
 * wallet tab by keyboard, ¥300 spent from stored value, the ledger filtered, then the
 * stored-value refund quoted, confirmed and paid out — principal back, bonus forfeited, as quoted,
 * on screen and on the server. And the tier settings page refusing duplicate names and falling
 * thresholds before anything is saved. Screens in Chinese and English at 1366 × 768.
 */

async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).innerText()).replace(/\s+/g, ' ').trim();
}

/** The toasts on screen now (without waiting for one: they close after a few seconds). */
async function toasts(page: Page): Promise<string> {
  return (await page.locator('.ant-message-notice').allInnerTexts()).join(' | ');
}

/** Poll until it matches (the server and the browser share two CPU cores with other work). */

function yuanText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}¥${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

const LEVELS = [
  { rank: 0, name: '普通会员', threshold: 0, retentionThreshold: null, discountBp: 0, pointsMultiplierBp: 10000, bookingPriorityHours: 0, birthdayGift: null, benefitsNote: null },
  { rank: 1, name: '金卡', threshold: 200000, retentionThreshold: null, discountBp: 0, pointsMultiplierBp: 10000, bookingPriorityHours: 0, birthdayGift: null, benefitsNote: '生日礼' },
];

describe('the wallet console', () => {
  let server: E2eServer;
  let tenant: TenantSetup;
  let ctx: Ctx;
  let memberId: string;
  let browser: Browser;
  let ui: ConsolePage;
  let callApi: PageApi;

  beforeAll(async () => {
    server = await startE2eServer();
    tenant = await server.createTenant({ name: '静心瑜伽', storeName: '徐汇店' });
    const s = retailServices(server);
    ctx = { ...systemCtx(tenant.tenantId, { name: '系统' }), storeId: tenant.storeId };
    await s.tier.putConfig(ctx, { program: { metric: 'spend', window: 'lifetime', windowMonths: 12, graceDays: 0 }, levels: LEVELS });
    await s.wallet.createPackage(ctx, { name: '充500', price: 50000, bonus: { type: 'none' }, bonusPoints: 0, sortOrder: 1 });
    await s.wallet.createPackage(ctx, { name: '充1000送200', price: 100000, bonus: { type: 'fixed', amount: 20000 }, bonusPoints: 0, sortOrder: 2 });
    const m = await s.members.profiles.create(ctx, { name: '周雨桐', mobile: '13900139000', homeStoreId: tenant.storeId });
    memberId = m.id;
    await createStaff(server, tenant, 'desk', '王前台', 'frontDesk');
    browser = await launchBrowser();
    ui = await openConsole(browser, server.url);
    await ui.page.setViewportSize({ width: 1366, height: 768 });
    callApi = pageApi(ui.page);
  });

  afterAll(async () => {
    await ui?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('recharges ¥1,000 + ¥200 by keyboard, spends ¥300, and refunds the rest exactly as quoted: principal back, bonus forfeited', async () => {
    const { page } = ui;
    await withFailureScreenshot(page, 'wallet-refund-failure.png', async () => {
      await signIn(page, tenant.ownerLogin, tenant.ownerPassword);
      await page.goto(`/members/${memberId}?tab=wallet`);
      await page.getByTestId('wallet-tab').waitFor();
      await eventually(() => text(page, 'wallet-available')).toBe('¥0.00');
      const tier0 = (await callApi('GET', `/api/v1/members/${memberId}/tier`)).body;
      expect(await text(page, 'wallet-tier')).toBe(tier0.level?.name ?? '未定级');
      expect(await text(page, 'wallet-tier-progress')).toContain('再¥2,000.00可升级为“金卡”');

      // Recharge: the package list has the cursor; ↓ picks ¥1,000 + ¥200, Enter takes cash.
      await page.getByTestId('wallet-action-recharge').click();
      await page.getByTestId('recharge-packages').getByText('充1000送200').waitFor();
      await eventually(() => page.evaluate<string | null>('document.activeElement ? document.activeElement.getAttribute("type") : null')).toBe('radio');
      expect(await text(page, 'recharge-packages')).toContain('¥1,000.00 · 送 ¥200.00');
      await page.keyboard.press('ArrowDown');
      await eventually(() => text(page, 'recharge-due')).toBe('应收 ¥1,000.00');
      expect(await text(page, 'recharge-credit')).toBe('到账 ¥1,200.00');
      await eventually(() => page.getByTestId('recharge-submit').isEnabled()).toBe(true);
      await screenshot(page, 'wallet-recharge-1366.png');
      await page.keyboard.press('Enter');
      await eventually(() => toasts(page)).toMatch(/已充值 ¥1,200\.00\(订单 /);
      await eventually(() => text(page, 'wallet-principal')).toBe('¥1,000.00');
      expect(await text(page, 'wallet-bonus')).toBe('¥200.00');
      expect(await text(page, 'wallet-available')).toBe('¥1,200.00');
      const orders = await callApi('GET', `/api/v1/orders?memberId=${memberId}`);
      expect(orders.body.items).toHaveLength(1);
      expect(orders.body.items[0].lines[0]).toMatchObject({ kind: 'recharge', name: '充1000送200' });
      expect(orders.body.items[0].tenders).toEqual([expect.objectContaining({ method: 'cash', amount: 100000 })]);

      // ¥300 spent from stored value at the desk (the order API): principal and bonus drawn 1000 : 200.
      const s = retailServices(server);
      await s.orders.checkout(once(ctx), { storeId: tenant.storeId, memberId, lines: [{ kind: 'custom', name: '私教课', unitPrice: 30000, quantity: 1 }], tenders: [{ method: 'stored_value', amount: 30000 }] });
      await page.reload();
      await eventually(() => text(page, 'wallet-principal')).toBe('¥750.00');
      expect(await text(page, 'wallet-bonus')).toBe('¥150.00');
      // The tier preview follows the spend, as the server works it out.
      const tier = await callApi('GET', `/api/v1/members/${memberId}/tier`);
      expect(tier.body.progress.next.remaining).toBe(170000);
      expect(await text(page, 'wallet-tier-progress')).toContain('再¥1,700.00可升级为“金卡”');

      // The ledger: newest first, every entry with the balance after it; filtered by kind.
      const ledger = page.getByTestId('wallet-ledger');
      // (The spend also earned points: 1 per ¥1.)
      await eventually(() => ledger.getByTestId('journal-kind').allInnerTexts()).toEqual(['消费得积分', '储值消费', '充值']);
      expect(await ledger.locator('tr', { hasText: '储值消费' }).getByTestId('journal-entries').innerText()).toMatch(/本金 -¥250\.00 余额 ¥750\.00\s+赠送金 -¥50\.00 余额 ¥150\.00/);
      // A click during the dropdown's opening animation can miss: open and choose until the filter took.
      await eventually(async () => {
        const kinds = await ledger.getByTestId('journal-kind').allInnerTexts();
        if (kinds.length === 1 && kinds[0] === '充值') return true;
        const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="充值"]');
        if (await option.count()) await option.first().click({ timeout: 2000 }).catch(() => undefined);
        else await page.getByRole('combobox', { name: '业务类型' }).click({ timeout: 2000 }).catch(() => undefined);
        return false;
      }).toBe(true);
      await ledger.getByText('资产流水').click();
      await eventually(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
      await screenshot(page, 'wallet-tab-1366.png');

      // The refund quote: what was paid and consumed, the bonus forfeited, the fee, the amount back.
      await page.getByTestId('wallet-action-refund').click();
      await page.getByTestId('sv-refund-dialog').waitFor();
      const quote = (await callApi('POST', `/api/v1/members/${memberId}/stored-value/refund-quote`, {})).body;
      expect(quote).toMatchObject({ paid: 100000, consumed: 25000, refundablePrincipal: 75000, bonusForfeited: 15000, fee: 0, refundAmount: 75000 });
      expect(await text(page, 'q-paid')).toBe('¥1,000.00');
      expect(await text(page, 'q-consumed')).toBe('-¥250.00');
      expect(await text(page, 'q-refundable')).toBe('¥750.00');
      expect(await text(page, 'q-bonus')).toBe('¥150.00');
      expect(await text(page, 'q-fee')).toBe('¥0.00');
      expect(await text(page, 'q-amount')).toBe('¥750.00');
      // Nothing is paid out before the member has agreed.
      expect(await page.getByTestId('sv-refund-confirm').isDisabled()).toBe(true);
      await page.getByLabel('退款原因').fill('会员搬家');
      await page.getByTestId('sv-refund-agree').click();
      await screenshot(page, 'wallet-refund-quote-1366.png');
      await page.getByTestId('sv-refund-confirm').click();
      await eventually(() => toasts(page)).toMatch(/已退款 ¥750\.00\(退款单 R/);
      await eventually(() => text(page, 'wallet-principal')).toBe('¥0.00');
      expect(await text(page, 'wallet-bonus')).toBe('¥0.00');
      expect(await text(page, 'wallet-available')).toBe('¥0.00');

      // On the server: balances closed, principal paid out and bonus forfeited exactly as quoted.
      expect((await callApi('GET', `/api/v1/members/${memberId}/stored-value`)).body).toEqual({ principal: 0, bonus: 0, frozen: 0, available: 0 });
      const journals = (await callApi('GET', `/api/v1/members/${memberId}/ledger?kind=sv_refund&kind=sv_bonus_forfeit`)).body.items as { entries: { kind: string; amount: number }[] }[];
      const moved = (asset: string) => journals.flatMap((j) => j.entries).filter((e) => e.kind === asset).reduce((sum, e) => sum + e.amount, 0);
      expect(moved('sv_principal')).toBe(-quote.refundablePrincipal);
      expect(moved('sv_bonus')).toBe(-quote.bonusForfeited);
      // The new rows are on top of the ledger.
      await page.reload();
      await eventually(() => ledger.getByTestId('journal-kind').first().innerText()).toMatch(/储值退款|赠送金作废/);
      expect(ui.errors).toEqual([]);
    });
  });

  it('lets the front desk see the wallet but not adjust, freeze or refund it', async () => {
    const other = await openConsole(browser, server.url);
    try {
      await other.page.setViewportSize({ width: 1366, height: 768 });
      await signIn(other.page, 'desk', STAFF_PASSWORD);
      await other.page.goto(`/members/${memberId}?tab=wallet`);
      await other.page.getByTestId('wallet-balances').waitFor();
      await other.page.getByTestId('wallet-action-recharge').waitFor();
      for (const action of ['adjust', 'points', 'freeze', 'refund']) expect(await other.page.getByTestId(`wallet-action-${action}`).count()).toBe(0);
      // Tier settings are not in the menu and the address alone does not open them.
      expect(await other.page.getByTestId('main-menu').getByRole('link', { name: '会员等级' }).count()).toBe(0);
      await other.page.goto('/tier-settings');
      await other.page.getByText('没有权限访问此页面').waitFor();
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
  });

  it('adjusts points and stored value by hand with a reason', async () => {
    const { page } = ui;
    await withFailureScreenshot(page, 'wallet-adjust-failure.png', async () => {
      await page.goto(`/members/${memberId}?tab=wallet`);
      await page.getByTestId('wallet-points').waitFor();
      await page.getByTestId('wallet-action-points').click();
      await page.getByTestId('points-adjust-form').waitFor();
      // The points field has the cursor; no reason → said on the field, nothing sent.
      await page.keyboard.type('500');
      await page.keyboard.press('Enter');
      await page.getByTestId('points-adjust-form').getByText('请填写调整原因').waitFor();
      await page.getByTestId('points-adjust-form').getByLabel('原因').fill('活动补发');
      await page.keyboard.press('Enter');
      await eventually(() => toasts(page)).toContain('积分已调整,可用 800');
      await eventually(() => text(page, 'wallet-points')).toBe('800');

      await page.getByTestId('wallet-action-adjust').click();
      await page.getByTestId('sv-adjust-form').waitFor();
      await page.keyboard.type('-99999');
      await page.getByTestId('sv-adjust-form').getByLabel('原因').fill('测试');
      await page.keyboard.press('Enter');
      // The server refuses what would go below zero, in words; nothing changes.
      await eventually(() => toasts(page)).toContain('余额不足');
      expect((await callApi('GET', `/api/v1/members/${memberId}/stored-value`)).body.principal).toBe(0);
      await page.getByTestId('sv-adjust-form').getByLabel('本金增减').fill('88');
      await page.keyboard.press('Enter');
      await eventually(() => text(page, 'wallet-principal')).toBe('¥88.00');
      const adj = (await callApi('GET', `/api/v1/members/${memberId}/ledger?kind=sv_adjust`)).body.items;
      expect(adj[0]).toMatchObject({ reason: '测试', entries: expect.arrayContaining([expect.objectContaining({ kind: 'sv_principal', amount: 8800 })]) });

      // Freeze part of the principal (a dispute), then release it.
      await page.getByTestId('wallet-action-freeze').click();
      await page.getByTestId('freeze-form').waitFor();
      await page.keyboard.type('20');
      await page.getByTestId('freeze-form').getByLabel('原因').fill('争议待查');
      await page.keyboard.press('Enter');
      await eventually(() => text(page, 'wallet-frozen')).toBe('¥20.00');
      expect((await callApi('GET', `/api/v1/members/${memberId}/stored-value`)).body).toMatchObject({ principal: 6800, frozen: 2000 });
      await page.getByTestId('wallet-action-freeze').click();
      await page.getByTestId('freeze-form').waitFor();
      await page.getByTestId('freeze-form').getByText('解冻', { exact: true }).click();
      await page.getByTestId('freeze-form').getByLabel('金额').fill('30');
      await page.getByTestId('freeze-form').getByLabel('原因').fill('已查明');
      await page.keyboard.press('Enter');
      await page.getByTestId('freeze-form').getByText('最多可解冻 ¥20.00').waitFor();
      await page.getByTestId('freeze-form').getByLabel('金额').fill('20');
      await page.keyboard.press('Enter');
      await eventually(() => text(page, 'wallet-frozen')).toBe('¥0.00');
      expect((await callApi('GET', `/api/v1/members/${memberId}/stored-value`)).body).toMatchObject({ principal: 8800, frozen: 0 });
      // The adjustments and freezes are on the member's timeline, with their reasons.
      await page.getByRole('tab', { name: '时间线' }).click();
      const timeline = page.getByTestId('member-timeline');
      await eventually(() => timeline.innerText()).toContain('解冻储值 ¥20.00');
      const story = await timeline.innerText();
      expect(story).toContain('冻结储值 ¥20.00');
      expect(story).toContain('原因:争议待查');
      expect(story).toMatch(/储值调整:本金 \+¥88\.00/);
      expect(story).toContain('积分调整 +');
      await screenshot(page, 'wallet-timeline.png');
      await page.getByRole('tab', { name: '钱包' }).click();

      // A long ledger pages by cursor, 20 journals a page, newest first.
      const s = retailServices(server);
      for (let i = 1; i <= 15; i++) await s.points.adjust(once(ctx), { memberId, points: i, reason: `签到奖励 ${i}` });
      await page.reload();
      const ledger = page.getByTestId('wallet-ledger');
      await eventually(() => ledger.getByTestId('journal-kind').count()).toBe(20);
      expect(await ledger.getByText('签到奖励 15').count()).toBe(1);
      expect(await ledger.getByText('充1000送200').count()).toBe(0);
      await ledger.getByRole('button', { name: /下一页/ }).click();
      await ledger.getByText('第 2 页').waitFor();
      await eventually(() => ledger.getByText('充1000送200').count()).toBe(1);
      expect(await ledger.getByText('签到奖励 15').count()).toBe(0);
      await ledger.getByRole('button', { name: /上一页/ }).click();
      await eventually(() => ledger.getByText('签到奖励 15').count()).toBe(1);
    });
  });

  it('checks tier levels on the settings page before saving: unique names and ranks, rising thresholds', async () => {
    const { page } = ui;
    await withFailureScreenshot(page, 'wallet-tiers-failure.png', async () => {
      await page.getByTestId('main-menu').getByRole('link', { name: '会员等级' }).click();
      await page.getByTestId('tier-settings').waitFor();
      await eventually(() => page.getByTestId('tier-row-1').getByLabel('名称').inputValue()).toBe('金卡');
      await page.getByTestId('tier-add').click();
      const row = page.getByTestId('tier-row-2');
      expect(await row.getByLabel('序号').inputValue()).toBe('2');
      await row.getByLabel('名称').fill('金卡');
      await row.getByLabel('升级门槛').fill('1000');
      await row.getByText('名称“金卡”重复').waitFor();
      await row.getByText('门槛须高于较低等级“金卡”的 ¥2,000.00').waitFor();
      // A duplicate rank is named on the rank.
      await row.getByLabel('序号').fill('1');
      await row.getByText('序号 1 重复').waitFor();
      await page.getByTestId('tier-save').click();
      await screenshot(page, 'wallet-tiers-invalid-1366.png');
      // Nothing saved.
      expect((await callApi('GET', '/api/v1/tier-config')).body.levels).toHaveLength(2);

      await row.getByLabel('序号').fill('2');
      await row.getByLabel('名称').fill('钻石');
      await row.getByLabel('升级门槛').fill('5000');
      await row.getByLabel('保级门槛').fill('6000');
      await row.getByText('保级门槛不能高于升级门槛').waitFor();
      await row.getByLabel('保级门槛').fill('4000');
      await eventually(() => page.getByTestId('tier-settings').locator('.ant-form-item-explain-error').count()).toBe(0);
      await page.getByTestId('tier-save').click();
      await eventually(async () => (await callApi('GET', '/api/v1/tier-config')).body.levels.length).toBe(3);
      await eventually(() => toasts(page)).toContain('会员等级已保存');
      const cfg = (await callApi('GET', '/api/v1/tier-config')).body;
      expect(cfg.levels.map((l: { name: string; threshold: number; retentionThreshold: number | null }) => [l.name, l.threshold, l.retentionThreshold])).toEqual([
        ['普通会员', 0, null],
        ['金卡', 200000, null],
        ['钻石', 500000, 400000],
      ]);

      // What only the server knows lands on screen too: a level members have held cannot go.
      await page.getByTestId('tier-row-0').getByRole('button', { name: '删除' }).click();
      await page.getByTestId('tier-save').click();
      await eventually(() => toasts(page)).toContain('等级“普通会员”仍有会员,不能删除,可改为停用');
      expect((await callApi('GET', '/api/v1/tier-config')).body.levels).toHaveLength(3);
      await page.reload();
      await eventually(() => page.getByTestId('tier-row-0').getByLabel('名称').inputValue()).toBe('普通会员');
    });
  });

  it('sets up a recharge package (pay ¥2,000, get 15 %) that the recharge dialog then offers', async () => {
    const { page } = ui;
    await withFailureScreenshot(page, 'wallet-packages-failure.png', async () => {
      await page.getByTestId('main-menu').getByRole('link', { name: '充值套餐' }).click();
      await page.getByTestId('recharge-packages-page').getByText('充1000送200').waitFor();
      await page.getByTestId('pkg-new').click();
      const form = page.getByTestId('pkg-form');
      await form.waitFor();
      await page.keyboard.type('充2000送15%');
      await form.getByLabel('充值金额').fill('2000');
      await form.getByText('按比例').click();
      await form.getByLabel('赠送比例(%)').fill('15');
      await form.getByLabel('赠送积分').fill('100');
      await form.getByLabel('赠送积分').press('Enter');
      await eventually(() => toasts(page)).toContain('套餐“充2000送15%”已创建');
      const row = page.getByTestId('recharge-packages-page').getByRole('row', { name: /充2000送15%/ });
      expect((await row.innerText()).replace(/\s+/g, ' ')).toMatch(/¥2,000\.00 15% \(¥300\.00\) 100 ¥2,300\.00/);
      await screenshot(page, 'wallet-packages-1366.png');
      const pkgs = (await callApi('GET', '/api/v1/recharge-packages')).body.items;
      expect(pkgs.find((p: { name: string }) => p.name === '充2000送15%')).toMatchObject({ price: 200000, bonus: { type: 'percent', basisPoints: 1500 }, bonusPoints: 100, credit: { principal: 200000, bonus: 30000 } });

      await page.goto(`/members/${memberId}?tab=wallet`);
      await page.getByTestId('wallet-action-recharge').click();
      // The dialog loads the packages after it opens: wait for the new one.
      await eventually(() => page.getByTestId('recharge-packages').getByText('充2000送15%').count()).toBe(1);
      expect(await text(page, 'recharge-packages')).toContain('¥2,000.00 · 送 ¥300.00 · 送 100 积分');
      await page.keyboard.press('Escape');
    });
  });

  it('shows the wallet and the tier settings in English', async () => {
    const { page } = ui;
    await withFailureScreenshot(page, 'wallet-en-failure.png', async () => {
      await page.goto(`/members/${memberId}?tab=wallet`);
      await page.getByText('English', { exact: true }).click();
      await page.getByTestId('wallet-tab').getByText('Stored value available').waitFor();
      await eventually(() => text(page, 'wallet-tier-progress')).toContain('¥1,700.00 more to reach “金卡”');
      expect(await page.getByTestId('wallet-ledger').getByTestId('journal-kind').allInnerTexts()).toContain('Points granted by hand');
      await screenshot(page, 'wallet-tab-en-1366.png');
      await page.getByTestId('wallet-action-refund').click();
      await page.getByTestId('sv-refund-dialog').waitFor();
      expect(await text(page, 'sv-refund-dialog')).toContain('Principal refundable');
      expect(await text(page, 'q-amount')).toBe(yuanText(8800));
      await screenshot(page, 'wallet-refund-quote-en-1366.png');
      await page.keyboard.press('Escape');

      await page.goto('/tier-settings');
      await page.getByTestId('tier-add').click();
      const row = page.getByTestId('tier-row-3');
      await row.getByLabel('Name').fill('钻石');
      await row.getByLabel('Threshold', { exact: true }).fill('100');
      await row.getByText('The name “钻石” is used twice').waitFor();
      await row.getByText('Must be above ¥5,000.00 of the lower level “钻石”').waitFor();
      await screenshot(page, 'wallet-tiers-invalid-en-1366.png');
      await page.getByText('中文', { exact: true }).click();
      await page.getByTestId('main-menu').getByRole('link', { name: '会员等级' }).waitFor();
      expect(ui.errors).toEqual([]);
    });
  });
});
