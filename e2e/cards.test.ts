import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../server/src/shared/clock';
import { type PageApi, pageApi } from './helpers/api';
import { type ConsolePage, launchBrowser, openConsole, screenshot, withFailureScreenshot } from './helpers/browser';
import { type RetailSeed, STAFF_PASSWORD, createStaff, retailServices, seedRetail } from './helpers/retail';
import { type E2eServer, type TenantSetup, offsetClock, startE2eServer } from './helpers/server';
import { eventually, signIn } from './helpers/console';

/**
 * Membership cards at the desk: a 10-session yoga card made in the card-product editor (its
 * field checks first), sold at the cashier after the sale preview (training-school prepayment
 * warning, refund terms), frozen for 14 days with the new expiry previewed and shown, two
 * sessions used and — fifteen days later — transferred to another member for a fee, and the
 * rest refunded by the quote; every number checked on screen and on the server.
 */

const signInOwner = (page: Page, tenant: TenantSetup) => signIn(page, tenant.ownerLogin, tenant.ownerPassword);

async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).innerText()).replace(/\s+/g, ' ').trim();
}

/** Poll until it matches (the server and the browser share two CPU cores with other work). */

/** A button's name: antd puts a space between two Chinese characters ("停 卡"). */
function spaced(name: string): RegExp {
  return new RegExp(`^${[...name].join('\\s?')}$`);
}

/** Choose a member in a MemberPicker by the mobile tail, as the desk does: type, wait for the hit, Enter. */
async function pickMember(page: Page, scope: Locator, q: string, name: string): Promise<void> {
  const box = scope.getByRole('combobox');
  await box.fill(q);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).waitFor();
  await box.press('Enter');
  await eventually(() => scope.innerText()).toContain(`${name} · `);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

describe('membership cards in the console', () => {
  const clock = offsetClock();
  let server: E2eServer;
  let tenant: TenantSetup;
  let seed: RetailSeed;
  let browser: Browser;
  let ui: ConsolePage;
  let call: PageApi;
  let buyer: { id: string; memberNo: string };
  let friend: { id: string; memberNo: string };
  let holderId = '';

  beforeAll(async () => {
    server = await startE2eServer({ clock });
    tenant = await server.createTenant({ name: '静心瑜伽', storeName: '徐汇店' });
    seed = await seedRetail(server, tenant);
    const s = retailServices(server);
    buyer = await s.members.profiles.create(seed.ctx, { name: '张雨桐', mobile: '13700137001', homeStoreId: tenant.storeId });
    friend = await s.members.profiles.create(seed.ctx, { name: '周思远', mobile: '13900139002', homeStoreId: tenant.storeId });
    // A training school: prepaying more than 3 months or 60 class hours is warned about at sale.
    await s.cards.products.putSettings(seed.ctx, { expiryReminderDays: [30, 7, 1], lowSessionsThreshold: 2, expiringWithinDays: 7, isTrainingSchool: true, prepayMaxMonths: 3, prepayMaxHours: 60, refundTermsText: null });
    browser = await launchBrowser();
    ui = await openConsole(browser, server.url);
    call = pageApi(ui.page);
  });

  afterAll(async () => {
    await ui?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('makes the card product in the editor, with field checks before anything is saved', async () => {
    await withFailureScreenshot(ui.page, 'cards-editor-failure.png', async () => {
      const { page } = ui;
      await signInOwner(page, tenant);
      await page.getByTestId('main-menu').getByRole('link', { name: '卡项' }).click();
      await page.getByTestId('card-product-new').click();
      const form = page.getByTestId('card-product-form');
      await form.waitFor();
      // Saved empty: the required fields say so, and nothing reaches the server.
      await page.getByTestId('card-product-save').click();
      await eventually(() => form.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual(expect.arrayContaining(['请填写此项']));
      await page.getByLabel('名称', { exact: true }).fill('瑜伽 10 次卡');
      await page.getByLabel('售价', { exact: true }).fill('1200');
      // A freeze longer at most than at least is refused on the field.
      await page.getByLabel('每次最短(天)', { exact: true }).fill('20');
      await page.getByLabel('每次最长(天)', { exact: true }).fill('10');
      await page.getByTestId('card-product-save').click();
      await eventually(() => form.locator('.ant-form-item-explain-error').allInnerTexts()).toContain('最长天数不能小于最短天数');
      expect((await call('GET', '/api/v1/card-products')).body.items).toHaveLength(0);
      await page.getByLabel('每次最短(天)', { exact: true }).fill('1');
      await page.getByLabel('每次最长(天)', { exact: true }).fill('30');
      await page.getByLabel('转卡手续费', { exact: true }).fill('50');
      await page.setViewportSize({ width: 1366, height: 768 });
      const body = page.locator('.ant-drawer-body');
      await body.evaluate((el) => {
        el.scrollTop = 0;
      });
      await screenshot(page, 'cards-editor-1366.png');
      await body.evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      await screenshot(page, 'cards-editor-rules-1366.png');
      await page.getByTestId('card-product-save').click();
      await form.waitFor({ state: 'detached' });
      const row = page.getByTestId('card-products').getByRole('row', { name: /瑜伽 10 次卡/ });
      await eventually(() => row.innerText()).toMatch(/次卡[\s\S]*¥1,200\.00[\s\S]*10 次[\s\S]*6 个月/);
      expect(await row.innerText()).toContain('可转卡 ¥50.00');
      await screenshot(page, 'cards-products-1366.png');

      const [p] = (await call('GET', '/api/v1/card-products')).body.items;
      expect(p).toMatchObject({ kind: 'count', name: '瑜伽 10 次卡', price: 120000, sessions: 10, validity: { unit: 'month', count: 6 }, coverage: [{ type: 'any', id: '' }], transferPolicy: { isAllowed: true, fee: 5000 }, freezePolicy: { isAllowed: true, minDays: 1, maxDays: 30 }, refundPolicy: { isAllowed: true, formula: 'proportional' } });
    });
  });

  it('sells it at the cashier after the sale preview, freezes it for 14 days, transfers it for a fee and refunds the rest by the quote', async () => {
    const s = retailServices(server);
    await withFailureScreenshot(ui.page, 'cards-flow-failure.png', async () => {
      const { page } = ui;
      await page.setViewportSize({ width: 1366, height: 768 });
      // ---- the sale: the member, the 会员卡 tab, the preview, cash.
      await page.getByTestId('main-menu').getByRole('link', { name: '收银台' }).click();
      await page.getByTestId('cashier').waitFor();
      await page.keyboard.press('F2');
      await page.keyboard.type('7001');
      await page.keyboard.press('Enter');
      await eventually(() => text(page, 'member-card')).toContain('张雨桐');
      await page.getByTestId('source-tabs').getByRole('tab', { name: '会员卡' }).click();
      await page.getByTestId('source-tabs').getByRole('button', { name: /瑜伽 10 次卡/ }).click();
      const preview = page.getByTestId('card-sale-preview');
      await preview.waitFor();
      expect(await text(page, 'card-sale-warning')).toContain('本卡有效期超过 3 个月');
      const terms = await text(page, 'card-sale-terms');
      expect(terms).toMatch(/退/);
      const projected = await text(page, 'card-sale-expires');
      expect(projected).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await screenshot(page, 'cards-sale-preview-1366.png');
      await page.getByTestId('card-sale-add').click();
      await preview.waitFor({ state: 'detached' });
      await eventually(() => text(page, 'due')).toBe('¥1,200.00');
      await page.keyboard.press('F4');
      await page.getByTestId('pay-due').waitFor();
      await eventually(() => text(page, 'pay-due')).toBe('¥1,200.00');
      await page.keyboard.type('1200');
      await page.keyboard.press('Enter');
      await page.getByTestId('sale-done').waitFor();
      await page.keyboard.press('Escape');

      const held = (await call('GET', `/api/v1/members/${buyer.id}/cards`)).body.held;
      expect(held).toHaveLength(1);
      const card = held[0];
      expect(card).toMatchObject({ status: 'active', paidAmount: 120000, sessions: { total: 10, remaining: 10 }, validity: { expiresOn: projected } });
      expect(card.saleWarnings.map((w: { code: string }) => w.code)).toEqual(['PREPAY_OVER_MONTHS']);

      // ---- the member's cards tab: status, sessions, expiry.
      await page.goto(`/members/${buyer.id}?tab=cards`);
      const box = page.getByTestId(`card-${card.cardNo}`);
      await box.waitFor();
      expect(await box.getByTestId('card-status').innerText()).toBe('使用中');
      expect(await box.getByTestId('card-sessions').innerText()).toBe('10 / 10 次');
      expect(await box.getByTestId('card-expiry').innerText()).toBe(projected);

      // ---- freeze 14 days from today: the preview shows the expiry 14 days later before confirming.
      await box.getByRole('button', { name: spaced('停卡') }).click();
      const freeze = page.getByRole('dialog', { name: /停卡/ });
      // Beyond the card's policy: the server's reason, no preview, nothing to confirm.
      await freeze.getByLabel('停卡天数').fill('40');
      await eventually(async () => `${await freeze.innerText()} ${await page.locator('.ant-message').innerText().catch(() => '')}`).toContain('每次停卡最多 30 天');
      expect(await page.getByTestId('freeze-preview').count()).toBe(0);
      expect(await page.getByTestId('freeze-ok').isDisabled()).toBe(true);
      await freeze.getByLabel('停卡天数').fill('14');
      const moved = addDays(projected, 14);
      await eventually(() => text(page, 'freeze-new-expiry')).toBe(moved);
      expect(await text(page, 'freeze-preview')).toContain('顺延 14 天');
      await screenshot(page, 'cards-freeze-preview-1366.png');
      await page.getByTestId('freeze-ok').click();
      await freeze.waitFor({ state: 'detached' });
      await eventually(() => box.getByTestId('card-expiry').innerText()).toBe(moved);
      expect(await box.getByTestId('card-status').innerText()).toBe('停卡中');
      expect(await box.getByTestId('card-freeze').innerText()).toContain('14 天');
      await screenshot(page, 'cards-frozen-1366.png');
      const frozen = (await call('GET', `/api/v1/member-cards/${card.id}`)).body;
      expect(frozen).toMatchObject({ status: 'frozen', validity: { expiresOn: moved }, freezes: { count: 1, current: { days: 14, status: 'active' } } });

      // ---- a frozen card cannot be transferred: said in the dialog, nothing changes.
      await box.getByRole('button', { name: spaced('转卡') }).click();
      let transfer = page.getByRole('dialog', { name: /转卡/ });
      await pickMember(page, transfer, '9002', '周思远');
      await eventually(() => page.locator('.ant-message').innerText()).toMatch(/停/);
      expect(await page.getByTestId('transfer-preview').count()).toBe(0);
      await transfer.getByRole('button', { name: spaced('取消') }).click();
      await transfer.waitFor({ state: 'detached' });

      // ---- fifteen days later: the freeze is over, two sessions were used.
      clock.advance(15 * DAY);
      await s.cards.runLifecycle();
      for (let i = 0; i < 2; i++) {
        await s.cards.consumption.consumeDirect(seed.ctx, { userId: buyer.id, storeId: tenant.storeId, items: [{ type: 'service', id: seed.lesson.id }], cardId: card.id, key: randomUUID() });
      }
      // The session ended with the days that passed: sign in again.
      await signInOwner(page, tenant);
      await page.goto(`/members/${buyer.id}?tab=cards`);
      await box.waitFor();
      await eventually(() => box.getByTestId('card-status').innerText()).toBe('使用中');
      expect(await box.getByTestId('card-sessions').innerText()).toBe('8 / 10 次');
      expect(await box.getByTestId('card-expiry').innerText()).toBe(moved);

      // ---- transfer to 周思远: the fee (¥50) previewed and paid in cash.
      await box.getByRole('button', { name: spaced('转卡') }).click();
      transfer = page.getByRole('dialog', { name: /转卡/ });
      await pickMember(page, transfer, '9002', '周思远');
      await page.getByTestId('transfer-preview').waitFor();
      expect(await text(page, 'transfer-fee')).toBe('¥50.00');
      expect(await text(page, 'transfer-preview')).toContain(`周思远 · ${friend.memberNo}`);
      expect(await text(page, 'transfer-preview')).toContain(moved);
      await screenshot(page, 'cards-transfer-preview-1366.png');
      await page.getByTestId('transfer-ok').click();
      await transfer.waitFor({ state: 'detached' });
      await eventually(() => page.getByTestId(`card-${card.cardNo}`).count()).toBe(0);
      const after = (await call('GET', `/api/v1/member-cards/${card.id}`)).body;
      expect(after.status).toBe('transferred');
      const theirs = (await call('GET', `/api/v1/members/${friend.id}/cards`)).body.held;
      expect(theirs).toHaveLength(1);
      expect(theirs[0]).toMatchObject({ status: 'active', origin: 'transfer', sessions: { remaining: 8 }, validity: { expiresOn: moved } });
      const feeOrders = await s.orders.list(seed.ctx, { memberId: buyer.id, limit: 10 });
      expect(feeOrders.items.map((o) => o.payable).sort((a, b) => a - b)).toEqual([5000, 120000]);

      // ---- the recipient's card: history, then the refund by the quote.
      await page.goto(`/members/${friend.id}?tab=cards`);
      const next = page.getByTestId(`card-${theirs[0].cardNo}`);
      await next.waitFor();
      expect(await next.getByTestId('card-sessions').innerText()).toBe('8 / 10 次');
      await next.getByRole('button', { name: /历史/ }).click();
      await eventually(() => text(page, 'card-history')).toContain('转入');
      expect(await text(page, 'card-history')).toContain(`${card.cardNo} → ${theirs[0].cardNo},手续费 ¥50.00`);
      await page.keyboard.press('Escape');
      await page.getByTestId('card-history').waitFor({ state: 'detached' });

      await next.getByRole('button', { name: spaced('退卡') }).click();
      await page.getByTestId('refund-quote').waitFor();
      const quote = (await call('POST', `/api/v1/member-cards/${theirs[0].id}/refund-quote`, {})).body;
      // Pro rata: ¥1,200 paid, 2 of 10 used → ¥240 deducted, ¥960 back.
      expect(quote).toMatchObject({ formula: 'proportional', paid: 120000, total: 10, used: 2, deduction: 24000, fee: 0, amount: 96000 });
      expect(await text(page, 'refund-paid')).toBe('¥1,200.00');
      expect(await text(page, 'refund-deduction')).toBe('-¥240.00');
      expect(await text(page, 'refund-amount')).toBe('¥960.00');
      // Not before the desk confirms the quote was explained.
      expect(await page.getByTestId('refund-ok').isDisabled()).toBe(true);
      await page.getByTestId('refund-confirm').click();
      await screenshot(page, 'cards-refund-quote-1366.png');
      await page.getByTestId('refund-ok').click();
      await page.getByTestId('refund-quote').waitFor({ state: 'detached' });
      await eventually(() => page.getByTestId(`card-${theirs[0].cardNo}`).count()).toBe(0);
      await page.getByRole('switch', { name: '显示已结束的卡' }).click();
      await eventually(() => next.getByTestId('card-status').innerText()).toBe('已退卡');
      await screenshot(page, 'cards-refunded-1366.png');

      const refunded = (await call('GET', `/api/v1/member-cards/${theirs[0].id}`)).body;
      expect(refunded).toMatchObject({ status: 'refunded', valueRemaining: 0 });
      const sale = (await s.orders.list(seed.ctx, { memberId: buyer.id, limit: 10 })).items.find((o) => o.payable === 120000)!;
      const order = (await call('GET', `/api/v1/orders/${sale.id}`)).body;
      expect(order.refunds.map((r: { total: number }) => r.total)).toEqual([96000]);
      // Refunding twice is refused.
      expect((await call('POST', `/api/v1/member-cards/${theirs[0].id}/refund-quote`, {})).status).toBeGreaterThanOrEqual(400);

      // The seller's timeline tells the card's story; the tab reads in English too.
      await page.goto(`/members/${buyer.id}?tab=timeline`);
      await eventually(() => text(page, 'member-timeline')).toContain(`售卡:瑜伽 10 次卡(${card.cardNo})`);
      const story = await text(page, 'member-timeline');
      expect(story).toContain(`到期日 ${projected} → ${moved}`);
      expect(story).toContain(`转出:瑜伽 10 次卡(${card.cardNo})`);
      await page.getByText('English', { exact: true }).click();
      await page.goto(`/members/${friend.id}?tab=cards`);
      await page.getByText('Show ended cards').waitFor();
      await page.getByRole('switch', { name: 'Show ended cards' }).click();
      await eventually(() => next.innerText()).toMatch(/Count card[\s\S]*refunded[\s\S]*0 \/ 10 sessions[\s\S]*Expires/);
      await screenshot(page, 'cards-tab-en-1366.png');
      await page.getByText('中文', { exact: true }).click();
      expect(ui.errors).toEqual([]);
    });
  });

  it('starts a pending card, adjusts it with a reason, shares it with family and upgrades it paying the difference', async () => {
    const s = retailServices(server);
    const bigger = await s.cards.products.create(seed.ctx, { kind: 'count', name: '亲子 20 次卡', price: 150000, sessions: 20, validity: { unit: 'month', count: 3 }, coverage: [{ type: 'any', id: '' }] });
    const family = await s.cards.products.create(seed.ctx, {
      kind: 'count',
      name: '亲子 10 次卡',
      price: 80000,
      sessions: 10,
      validity: { unit: 'month', count: 3 },
      coverage: [{ type: 'any', id: '' }],
      activationMode: 'first_use',
      activationDeadlineDays: 30,
      familyPolicy: { isAllowed: true, maxMembers: 2 },
      upgradePolicy: { windowDays: 30, toProductIds: [bigger.id] },
    });
    const holder = await s.members.profiles.create(seed.ctx, { name: '陈可欣', mobile: '13600136003', homeStoreId: tenant.storeId });
    holderId = holder.id;
    const { order } = await s.orders.checkout({ ...seed.ctx, idempotency: { key: randomUUID(), requestHash: randomUUID() } }, { storeId: tenant.storeId, memberId: holder.id, lines: [{ kind: 'card', itemId: family.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 80000 }] });
    expect(order.payable).toBe(80000);
    const [card] = (await call('GET', `/api/v1/members/${holder.id}/cards`)).body.held;
    const child = await call('POST', `/api/v1/members/${holder.id}/dependents`, { name: '陈小宇', birthday: '2010-05-01', relation: '妈妈' });
    expect(child.status).toBe(201);

    await withFailureScreenshot(ui.page, 'cards-more-failure.png', async () => {
      const { page } = ui;
      await page.goto(`/members/${holder.id}?tab=cards`);
      const box = page.getByTestId(`card-${card.cardNo}`);
      await box.waitFor();
      expect(await box.getByTestId('card-status').innerText()).toBe('待开卡');
      expect(await box.getByTestId('card-expiry').innerText()).toBe('未开卡');

      // Start it today.
      await box.getByRole('button', { name: spaced('开卡') }).click();
      await page.getByRole('dialog').getByRole('button', { name: spaced('开卡') }).click();
      await eventually(() => box.getByTestId('card-status').innerText()).toBe('使用中');
      const started = (await call('GET', `/api/v1/member-cards/${card.id}`)).body;
      expect(started.validity.activatedOn).not.toBeNull();
      expect(await box.getByTestId('card-expiry').innerText()).toBe(started.validity.expiresOn);

      // Two sessions more, for a cancelled class: the reason is required.
      await box.getByRole('button', { name: spaced('调整') }).click();
      const adjust = page.getByRole('dialog', { name: /调整/ });
      await adjust.getByLabel('增减次数').fill('2');
      await adjust.getByRole('button', { name: spaced('保存') }).click();
      await adjust.getByText('请填写调整原因').waitFor();
      await adjust.getByLabel('原因', { exact: true }).fill('停课补偿');
      await adjust.getByRole('button', { name: spaced('保存') }).click();
      await adjust.waitFor({ state: 'detached' });
      await eventually(() => box.getByTestId('card-sessions').innerText()).toBe('12 / 12 次');

      // 周思远 may use it, at most 3 sessions; the card shows on their page as shared.
      await box.getByRole('button', { name: '家庭成员' }).click();
      const fam = page.getByRole('dialog', { name: /家庭成员/ });
      await pickMember(page, fam, '9002', '周思远');
      await fam.getByLabel('关系').fill('朋友');
      await fam.getByLabel('最多可用次数').fill('3');
      await fam.getByRole('button', { name: spaced('添加') }).click();
      await eventually(() => fam.innerText()).toContain('已用 0 / 3 次');
      // …and the holder's son, without a limit.
      await fam.getByText('持卡人的孩子').click();
      // A click during the dropdown's opening animation can miss: open and choose until the select shows him.
      await eventually(async () => {
        const open = await page.locator('.ant-select-dropdown:visible').count();
        if (!open && (await fam.locator('.ant-select').first().innerText()).includes('陈小宇')) return true;
        const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '陈小宇' });
        if (await option.count()) await option.first().click({ timeout: 2000 }).catch(() => undefined);
        else await fam.getByLabel('孩子', { exact: true }).click({ timeout: 2000 }).catch(() => undefined);
        return false;
      }).toBe(true);
      await eventually(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
      await fam.getByLabel('关系').fill('儿子');
      await fam.locator('button[type="submit"]').click();
      await eventually(() => fam.innerText()).toContain('已用 0 次,不限');
      expect(await fam.innerText()).toContain('已达到最多 2 人');
      await screenshot(page, 'cards-family-1366.png');
      await fam.locator('.ant-modal-footer').getByRole('button').click();
      await fam.waitFor({ state: 'detached' });
      await eventually(() => box.innerText()).toContain('家庭成员: 周思远(朋友)、陈小宇(儿子)');
      const shared = (await call('GET', `/api/v1/members/${friend.id}/cards`)).body.shared;
      expect(shared.map((c: { id: string }) => c.id)).toEqual([card.id]);

      // Upgrade to the 20-session card: the difference previewed and paid.
      await box.getByRole('button', { name: spaced('升级') }).click();
      const up = page.getByRole('dialog', { name: /升级/ });
      // A click during the dropdown's opening animation can miss: open and choose until the preview shows.
      await eventually(async () => {
        if (await page.getByTestId('upgrade-preview').count()) return true;
        const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '亲子 20 次卡' });
        if (await option.count()) await option.first().click({ timeout: 2000 }).catch(() => undefined);
        else await up.getByRole('combobox').click({ timeout: 2000 }).catch(() => undefined);
        return false;
      }).toBe(true);
      const quoted = (await call('POST', `/api/v1/member-cards/${card.id}/upgrade-preview`, { toProductId: bigger.id })).body;
      expect(quoted.difference).toBe(70000);
      const shown = await text(page, 'upgrade-preview');
      expect(shown).toContain('¥700.00');
      expect(shown).toContain(`${quoted.sessionsRemaining} → ${quoted.newSessionsRemaining}`);
      expect(shown).toContain(`${quoted.expiresOn} → ${quoted.newExpiresOn}`);
      await screenshot(page, 'cards-upgrade-preview-1366.png');
      await up.getByRole('button', { name: '确认升级' }).click();
      await up.waitFor({ state: 'detached' });
      await eventually(() => box.innerText()).toContain('亲子 20 次卡');
      const upgraded = (await call('GET', `/api/v1/member-cards/${card.id}`)).body;
      expect(upgraded).toMatchObject({ productId: bigger.id, paidAmount: 150000, sessions: { remaining: quoted.newSessionsRemaining } });
      expect(await box.getByTestId('card-sessions').innerText()).toBe(`${quoted.newSessionsRemaining} / ${upgraded.sessions.total} 次`);

      // Every card sold, filtered by status; the school rules behind the sale warning.
      await page.goto('/card-products?tab=sold');
      const rows = page.getByTestId('sold-cards').locator('tbody tr.ant-table-row');
      await eventually(() => rows.count()).toBe(3);
      await page.getByLabel('状态', { exact: true }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已退卡' }).click();
      await eventually(() => rows.count()).toBe(1);
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
      expect(await rows.first().innerText()).toMatch(/周思远[\s\S]*瑜伽 10 次卡[\s\S]*已退卡/);
      await screenshot(page, 'cards-sold-1366.png');
      await page.getByRole('tab', { name: '提醒与培训规则' }).click();
      await page.getByTestId('card-settings').waitFor();
      expect(await page.getByLabel('校外培训机构').getAttribute('aria-checked')).toBe('true');
      expect(await page.getByLabel('最多预收(月)').inputValue()).toBe('3');

      // Revenue recognised this month: the two sessions used of the ¥1,200 card.
      await page.getByRole('tab', { name: '收入与结算' }).click();
      const revenue = (await call('GET', '/api/v1/card-reports/revenue')).body;
      expect(revenue.stores.find((r: { storeId: string }) => r.storeId === tenant.storeId)).toMatchObject({ consumption: 24000 });
      await eventually(() => text(page, 'card-revenue')).toMatch(/徐汇店 ¥240\.00/);
      expect(await text(page, 'card-revenue-total')).toBe(`¥${(revenue.total / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
      await screenshot(page, 'cards-reports-1366.png');
      expect(ui.errors).toEqual([]);
    });
  });

  it('waives a transfer fee for a manager and cancels (注销) a card with a reason', async () => {
    const s = retailServices(server);
    const product = await s.cards.products.create(seed.ctx, { kind: 'count', name: '团课 8 次卡', price: 64000, sessions: 8, validity: { unit: 'month', count: 2 }, coverage: [{ type: 'any', id: '' }], transferPolicy: { isAllowed: true, fee: 3000, maxTimes: null } });
    const giver = await s.members.profiles.create(seed.ctx, { name: '林晓', mobile: '13600136009', homeStoreId: tenant.storeId });
    await s.orders.checkout({ ...seed.ctx, idempotency: { key: randomUUID(), requestHash: randomUUID() } }, { storeId: tenant.storeId, memberId: giver.id, lines: [{ kind: 'card', itemId: product.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 64000 }] });
    const [card] = (await call('GET', `/api/v1/members/${giver.id}/cards`)).body.held;

    await withFailureScreenshot(ui.page, 'cards-waive-failure.png', async () => {
      const { page } = ui;
      await page.goto(`/members/${giver.id}?tab=cards`);
      const box = page.getByTestId(`card-${card.cardNo}`);
      await box.waitFor();
      // Transfer to 周思远 with the ¥30 fee waived: no tenders asked, no fee order.
      await box.getByRole('button', { name: spaced('转卡') }).click();
      const transfer = page.getByRole('dialog', { name: /转卡/ });
      await pickMember(page, transfer, '9002', '周思远');
      await eventually(() => text(page, 'transfer-fee')).toBe('¥30.00');
      await transfer.getByTestId('waive-fee').click();
      expect(await transfer.getByText('手续费由谁支付').isVisible()).toBe(false);
      await page.getByTestId('transfer-ok').click();
      await transfer.waitFor({ state: 'detached' });
      const orders = await s.orders.list(seed.ctx, { memberId: giver.id, limit: 10 });
      expect(orders.items.map((o) => o.payable)).toEqual([64000]);
      const moved = (await call('GET', `/api/v1/members/${friend.id}/cards`)).body.held.find((c: { name: string }) => c.name === '团课 8 次卡');
      expect(moved).toMatchObject({ status: 'active', sessions: { remaining: 8 } });

      // On 周思远's page: cancel it. The reason is required; what ends is said first.
      await page.goto(`/members/${friend.id}?tab=cards`);
      const theirs = page.getByTestId(`card-${moved.cardNo}`);
      await theirs.getByRole('button', { name: spaced('注销') }).click();
      const cancel = page.getByRole('dialog', { name: /注销会员卡/ });
      expect(await cancel.innerText()).toContain('剩余 8 次');
      await page.getByTestId('cancel-card-ok').click();
      await cancel.getByText('请填写调整原因').waitFor();
      await cancel.getByLabel('原因', { exact: true }).fill('会员要求注销');
      await page.getByTestId('cancel-card-ok').click();
      await cancel.waitFor({ state: 'detached' });
      await eventually(async () => (await call('GET', `/api/v1/member-cards/${moved.id}`)).body.status).toBe('cancelled');
      // It leaves the cards in use; shown with the ended ones, marked cancelled.
      await page.getByRole('switch', { name: '显示已结束的卡' }).click();
      await eventually(() => theirs.getByTestId('card-status').innerText()).toBe('已注销');
      expect(await theirs.getByRole('button', { name: spaced('注销') }).count()).toBe(0);
    });
    expect(ui.errors).toEqual([]);
  });

  it('lets the front desk freeze, transfer, upgrade and share cards, but not adjust, refund, edit products or read the reports', async () => {
    await createStaff(server, tenant, 'desk', '王前台', 'frontDesk');
    const desk = await openConsole(browser, server.url);
    try {
      await withFailureScreenshot(desk.page, 'cards-desk-failure.png', async () => {
        const { page } = desk;
        await page.goto('/login');
        await page.getByLabel('账号', { exact: true }).fill('desk');
        await page.getByLabel('密码', { exact: true }).fill(STAFF_PASSWORD);
        await page.getByLabel('密码', { exact: true }).press('Enter');
        await page.getByTestId('main-menu').waitFor();
        await page.goto(`/members/${holderId}?tab=cards`);
        const box = page.getByTestId('member-cards').locator('.ant-card').first();
        await box.waitFor();
        const buttons = (await box.getByRole('button').allInnerTexts()).map((x) => x.replace(/\s+/g, ''));
        expect(buttons).toEqual(expect.arrayContaining(['停卡', '转卡', '升级', '家庭成员', '历史', '打印条款']));
        expect(buttons).not.toContain('调整');
        expect(buttons).not.toContain('退卡');
        expect(buttons).not.toContain('注销');
        await page.getByTestId('main-menu').getByRole('link', { name: '卡项' }).click();
        await page.getByTestId('card-products').waitFor();
        expect(await page.getByTestId('card-product-new').count()).toBe(0);
        const tabs = (await page.getByRole('tab').allInnerTexts()).map((x) => x.trim());
        expect(tabs).toEqual(['卡项', '已售会员卡', '提醒与培训规则']);
        await screenshot(page, 'cards-desk-1366.png');
      });
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.context.close();
    }
  });
});
