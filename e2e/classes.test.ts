import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageApi, pageApi, pageIdempotentPost } from './helpers/api';
import { type ConsolePage, launchBrowser, openConsole, screenshot, withFailureScreenshot } from './helpers/browser';
import { type E2eServer, type TenantSetup, startE2eServer } from './helpers/server';
import { eventually, selectUntil, signIn } from './helpers/console';

/**
 * Classes & booking at the desk: a child booked into an age-appropriate class (a younger
 * sibling refused), the class filled and another child waitlisted, an in-time cancellation
 * promoting the waitlist, check-in by member number at the check-in screen (a repeat scan is
 * "already checked in", undo and scan again), and a late cancellation forfeiting the session —
 * each checked in the browser and through the API.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A Shanghai business date (the browser's and the tenant's zone), n days from now. */
function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
}
/** Monday of the Shanghai week holding `date`. */
function monday(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
}

function ok<T = any>(r: { status: number; body: T }, what: string): T {
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

interface Family {
  memberId: string;
  memberNo: string;
  mobile: string;
  cardId: string;
}

describe('classes & booking in the console', () => {
  let server: E2eServer;
  let tenant: TenantSetup;
  let browser: Browser;
  let ui: ConsolePage;
  let call: PageApi;
  let course: any;
  let tomorrow: any; // the class for booking, waitlist and an in-time cancel
  let soon: any; // the class starting in a few minutes: check-in and a late cancel
  const fam: Record<'wang' | 'zhao' | 'sun', Family & { child: string; childName: string }> = {} as never;
  let babyId = '';

  const post = (url: string, body: unknown) => pageIdempotentPost(ui.page)(url, body);

  async function cardOf(cardId: string) {
    return ok(await call('GET', `/api/v1/member-cards/${cardId}`), 'card');
  }

  beforeAll(async () => {
    server = await startE2eServer();
    tenant = await server.createTenant({ name: '小音符艺术', storeName: '徐汇店' });
    browser = await launchBrowser();
    ui = await openConsole(browser, server.url);
    await ui.page.setViewportSize({ width: 1366, height: 768 });
    await signIn(ui.page, tenant.ownerLogin, tenant.ownerPassword);
    call = pageApi(ui.page);

    ok(
      await call('PUT', '/api/v1/course-settings', {
        bookingOpensDays: 14,
        bookingClosesMinutes: 0,
        lateCancelMinutes: 120,
        waitlistCutoffMinutes: 0,
        checkInOpensMinutes: 60,
        checkInUndoMinutes: 30,
        noShowGraceMinutes: 60,
        generateWeeks: 2,
        isWalkInAllowed: false,
        makeupValidDays: 30,
        banAfterCount: 0,
      }),
      'settings',
    );
    const t1 = ok(await call('POST', '/api/v1/teachers', { name: '周老师', skills: ['kids-music'] }), 'teacher');
    const t2 = ok(await call('POST', '/api/v1/teachers', { name: '吴老师', skills: ['kids-music'] }), 'teacher');
    const r1 = ok(await call('POST', '/api/v1/rooms', { storeId: tenant.storeId, name: '音乐教室', capacity: 12 }), 'room');
    const r2 = ok(await call('POST', '/api/v1/rooms', { storeId: tenant.storeId, name: '律动教室', capacity: 12 }), 'room');
    course = ok(
      await call('POST', '/api/v1/courses', { name: '儿童音乐启蒙', category: 'kids-music', durationMinutes: 60, capacity: 2, price: 15000, minAgeMonths: 36, maxAgeMonths: 72, defaultTeacherId: t1.id }),
      'course',
    );
    // Tomorrow 10:00 in Shanghai (always more than the 2 h late-cancel window away).
    const tomorrowDate = shanghaiDate(Date.now() + DAY);
    tomorrow = ok(await call('POST', '/api/v1/class-sessions', { courseId: course.id, storeId: tenant.storeId, roomId: r1.id, startsAt: new Date(`${tomorrowDate}T02:00:00.000Z`).toISOString() }), 'class');
    soon = ok(
      await call('POST', '/api/v1/class-sessions', { courseId: course.id, storeId: tenant.storeId, roomId: r2.id, teacherId: t2.id, startsAt: new Date(Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000).toISOString() }),
      'class',
    );

    const product = ok(
      await call('POST', '/api/v1/card-products', { kind: 'count', name: '音乐课10次卡', price: 150000, sessions: 10, validity: { unit: 'month', count: 6 }, coverage: [{ type: 'course_category', id: 'kids-music' }], familyPolicy: { isAllowed: true, maxMembers: 3 } }),
      'card product',
    );
    const texts = ok(await call('GET', '/api/v1/consent-texts'), 'consent texts').items as { id: string; kind: string }[];
    const consent = { textId: texts.find((x) => x.kind === 'child')!.id };
    const years = (n: number) => `${Number(shanghaiDate(Date.now()).slice(0, 4)) - n}${shanghaiDate(Date.now()).slice(4)}`;
    const people = [
      ['wang', '王芳', '13900001111', '王小米', 4],
      ['zhao', '赵敏', '13900002222', '赵乐乐', 5],
      ['sun', '孙丽', '13900003333', '孙朵朵', 4],
    ] as const;
    for (const [key, name, mobile, childName, age] of people) {
      const m = ok(await call('POST', '/api/v1/members', { name, mobile, homeStoreId: tenant.storeId }), 'member');
      const child = ok(await call('POST', `/api/v1/members/${m.id}/dependents`, { name: childName, birthday: years(age), relation: '妈妈', consent }), 'child');
      const line = { kind: 'card', itemId: product.id, quantity: 1 };
      const quote = ok(await call('POST', '/api/v1/orders/quote', { storeId: tenant.storeId, memberId: m.id, lines: [line] }), 'quote');
      const order = ok<any>(await post('/api/v1/orders', { storeId: tenant.storeId, memberId: m.id, lines: [line], tenders: [{ method: 'cash', amount: quote.payable }] }), 'card sale');
      const cards = ok(await call('GET', `/api/v1/member-cards?memberId=${m.id}`), 'cards');
      const cardId = cards.items.find((x: { orderId: string }) => x.orderId === order.id).id;
      // A family card: the child is added to it and books on it.
      ok(await call('POST', `/api/v1/member-cards/${cardId}/family-members`, { userId: child.id, relation: '孩子' }), 'family member');
      fam[key] = { memberId: m.id, memberNo: m.memberNo, mobile, cardId, child: child.id, childName };
    }
    // The class starting soon: 王小米 (to check in) and 孙朵朵 (to cancel late) booked now.
    ok(await post('/api/v1/bookings', { sessionId: soon.id, attendeeId: fam.wang.child, memberId: fam.wang.memberId }), 'booking');
    ok(await post('/api/v1/bookings', { sessionId: soon.id, attendeeId: fam.sun.child, memberId: fam.sun.memberId }), 'booking');
    babyId = ok(await call('POST', `/api/v1/members/${fam.wang.memberId}/dependents`, { name: '王小豆', birthday: years(1), relation: '妈妈', consent }), 'baby').id;
    ok(await call('POST', `/api/v1/member-cards/${fam.wang.cardId}/family-members`, { userId: babyId, relation: '孩子' }), 'family member');
  });

  afterAll(async () => {
    await ui?.context.close();
    await browser?.close();
    await server?.close();
  });

  /** The class drawer for `session`, from the week calendar (turning to its week). */
  async function openClass(page: Page, session: { id: string; businessDate: string }, en = false) {
    await page.goto('/classes');
    await page.getByTestId('main-menu').getByRole('link', { name: en ? 'Class calendar' : '课程周历' }).waitFor();
    await page.getByTestId('class-calendar').waitFor();
    if (monday(session.businessDate) !== monday(shanghaiDate(Date.now()))) await page.getByRole('button', { name: en ? 'Next week' : '下一周' }).click();
    const block = page.getByTestId(`day-${session.businessDate}`).getByTestId('class-block').first();
    await block.click();
    await page.getByTestId('session-drawer').getByTestId('session-places').waitFor();
  }

  async function bookInDrawer(page: Page, mobileTail: string, member: string, attendee: RegExp) {
    const form = page.getByTestId('book-form');
    const title = form.getByText('预约会员', { exact: true });
    await selectUntil(page, new RegExp(`${member}.*${mobileTail}`), () => form.locator('#book-member').fill(mobileTail), async () => (await form.getAttribute('data-member-name')) === member);
    await title.click();
    await form.getByTestId('book-card-note').waitFor();
    await selectUntil(page, attendee, () => form.getByLabel('上课人').click(), async () => attendee.test((await form.getAttribute('data-attendee-name')) ?? ''));
    await title.click();
    await eventually(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await form.getByTestId('book-submit').click();
  }

  const rosterRow = (page: Page, name: string) => page.getByTestId('roster').getByRole('row', { name: new RegExp(name) });

  it('books a child into an age-appropriate class, refuses a toddler and a double booking, fills the class and waitlists another child', async () => {
    await withFailureScreenshot(ui.page, 'classes-book-failure.png', async () => {
      const { page } = ui;
      await openClass(page, tomorrow);
      const drawer = page.getByTestId('session-drawer');
      expect(await drawer.getByTestId('session-places').innerText()).toContain('已约 0 / 2');

      // 王芳 (mobile tail 1111): the card to be held is shown, her 4-year-old booked.
      await bookInDrawer(page, '1111', '王芳', /王小米/);
      await rosterRow(page, '王小米').waitFor();
      expect(await rosterRow(page, '王小米').innerText()).toContain('已预约');
      // Held on her card, beside the booking for the class starting soon.
      const wang = await cardOf(fam.wang.cardId);
      expect(wang.sessions.held).toBe(2);

      // Her 1-year-old is too young for a 3–6 year course: the server's reason, nothing booked.
      await bookInDrawer(page, '1111', '王芳', /王小豆/);
      await eventually(() => page.locator('.ant-message').innerText()).toContain('上课人月龄不符');
      expect(ok(await call('GET', `/api/v1/bookings?attendeeId=${babyId}`), 'bookings').items).toEqual([]);
      // Booking 王小米 again is its own error, not "full".
      await bookInDrawer(page, '1111', '王芳', /王小米/);
      await eventually(() => page.locator('.ant-message').innerText()).toContain('已预约过该课节');

      await bookInDrawer(page, '2222', '赵敏', /赵乐乐/);
      await rosterRow(page, '赵乐乐').waitFor();
      await eventually(() => drawer.getByTestId('session-places').innerText()).toContain('已约 2 / 2');

      // Full: the waitlist is offered, 孙朵朵 takes place 1.
      await bookInDrawer(page, '3333', '孙丽', /孙朵朵/);
      const confirm = page.locator('.ant-modal-confirm');
      await confirm.waitFor();
      expect(await confirm.innerText()).toContain('本节课已满');
      await confirm.getByRole('button', { name: '加入候补' }).click();
      await page.getByTestId('waitlist').getByRole('row', { name: /孙朵朵/ }).waitFor();
      expect(await page.getByTestId('waitlist').getByRole('row', { name: /孙朵朵/ }).innerText()).toMatch(/1\s+孙朵朵\s+候补中/);
      await screenshot(page, 'classes-drawer-full.png');
      const roster = ok(await call('GET', `/api/v1/class-sessions/${tomorrow.id}`), 'roster');
      expect(roster.bookings.map((b: any) => b.attendeeName).sort()).toEqual(['王小米', '赵乐乐'].sort());
      expect(roster.waitlist.map((b: any) => b.attendeeName)).toEqual(['孙朵朵']);
    });
    expect(ui.errors).toEqual([]);
  });

  it('cancels in time (the session goes back to the card) and the waitlisted child moves up', async () => {
    await withFailureScreenshot(ui.page, 'classes-cancel-failure.png', async () => {
      const { page } = ui;
      await openClass(page, tomorrow);
      await rosterRow(page, '赵乐乐').getByRole('button', { name: '取消预约' }).click();
      const dialog = page.getByRole('dialog', { name: /取消 赵乐乐 的预约/ });
      expect(await dialog.getByTestId('cancel-outcome').innerText()).toContain('按时取消');
      await dialog.getByLabel('原因').fill('孩子生病');
      await dialog.getByRole('button', { name: '确认取消' }).click();
      await eventually(() => page.locator('.ant-message').innerText()).toContain('孙朵朵 已从候补递补进课程');
      await eventually(() => rosterRow(page, '孙朵朵').innerText()).toContain('已预约');
      // An in-time cancel frees the place: the roster no longer lists it (the member's bookings do).
      expect(await page.getByTestId('roster').innerText()).not.toContain('赵乐乐');
      const zhaoBookings = ok(await call('GET', `/api/v1/bookings?memberId=${fam.zhao.memberId}`), 'bookings').items;
      expect(zhaoBookings.map((b: any) => [b.attendeeName, b.status, b.cancelReason])).toEqual([['赵乐乐', 'cancelled', '孩子生病']]);
      expect(await page.getByTestId('waitlist').innerText()).toContain('没有候补');
      const zhao = await cardOf(fam.zhao.cardId);
      expect([zhao.sessions.held, zhao.sessions.remaining]).toEqual([0, 10]);
      expect((await cardOf(fam.sun.cardId)).sessions.held).toBe(2);
      await page.keyboard.press('Escape');
      // The calendar block says it too.
      await eventually(() => page.getByTestId(`day-${tomorrow.businessDate}`).getByTestId('block-booked').first().innerText()).toBe('2/2');
      await screenshot(page, 'classes-calendar.png');

      // Keyboard: Alt+→ / Alt+← turn the week; a block takes focus and Enter opens it.
      const week = await page.getByTestId('week-label').innerText();
      await page.keyboard.press('Alt+ArrowRight');
      await eventually(() => page.getByTestId('week-label').innerText()).not.toBe(week);
      await page.keyboard.press('Alt+ArrowLeft');
      await eventually(() => page.getByTestId('week-label').innerText()).toBe(week);
      await page.getByTestId(`day-${tomorrow.businessDate}`).getByTestId('class-block').first().focus();
      await page.keyboard.press('Enter');
      await eventually(() => page.getByTestId('session-drawer').getByTestId('session-places').innerText()).toContain('已约 2 / 2');
      await page.keyboard.press('Escape');
    });
    expect(ui.errors).toEqual([]);
  });

  it('filters the week calendar by room: as many blocks as the server has classes in that room', async () => {
    await withFailureScreenshot(ui.page, 'classes-room-failure.png', async () => {
      const { page } = ui;
      await page.getByTestId('main-menu').getByRole('link', { name: '课程周历' }).click();
      // Filtered by room: only that room's classes.
      const roomSelect = page.getByTestId('class-calendar').locator('.ant-select').first();
      await selectUntil(page, /律动教室/, () => page.getByTestId('class-calendar').getByLabel('教室', { exact: true }).click(), async () => (await roomSelect.innerText()).includes('律动教室'));
      // As many blocks as the server has classes in that room this week (cancelled ones are shown too).
      const room = (await call('GET', `/api/v1/rooms?storeId=${tenant.storeId}`)).body.items.find((r: { name: string }) => r.name === '律动教室');
      const from = monday(tomorrow.businessDate);
      const to = new Date(Date.parse(`${from}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      const inRoom = (await call('GET', `/api/v1/class-sessions?from=${from}&to=${to}&roomId=${room.id}&includeCancelled=true`)).body.items.length;
      expect(inRoom).toBeGreaterThanOrEqual(monday(soon.businessDate) === from ? 1 : 0);
      await eventually(() => page.getByTestId('class-block').count()).toBe(inRoom);
      expect(await page.getByTestId(`day-${tomorrow.businessDate}`).getByTestId('class-block').count()).toBe(0);
    });
    expect(ui.errors).toEqual([]);
  });

  it('checks in by member number at the desk: large result, a repeat scan is "already checked in", undo and scan again', async () => {
    await withFailureScreenshot(ui.page, 'classes-desk-failure.png', async () => {
      const { page } = ui;
      await page.goto('/');
      await page.getByTestId('main-menu').getByRole('link', { name: '上课签到' }).click();
      const code = page.getByTestId('desk-code');
      await eventually(() => page.getByTestId('desk-session').innerText()).toContain('律动教室');
      await eventually(() => page.evaluate<string>("document.activeElement ? document.activeElement.getAttribute('data-testid') || '' : ''")).toBe('desk-code');
      // A scanner types the member number and Enter.
      await page.keyboard.type(fam.wang.memberNo);
      await page.keyboard.press('Enter');
      await page.getByTestId('desk-result').waitFor();
      expect(await page.getByTestId('desk-verdict').innerText()).toBe('签到成功');
      expect(await page.getByTestId('desk-name').innerText()).toBe('王小米');
      expect(await page.getByTestId('desk-left').innerText()).toBe('剩余 9 次');
      await screenshot(page, 'classes-desk.png');
      expect(await code.inputValue()).toBe('');

      await page.keyboard.type(fam.wang.memberNo);
      await page.keyboard.press('Enter');
      await eventually(() => page.getByTestId('desk-verdict').innerText()).toBe('已签到过');
      expect(await page.getByTestId('desk-left').innerText()).toBe('剩余 9 次');
      const roster = ok(await call('GET', `/api/v1/class-sessions/${soon.id}`), 'roster');
      expect(roster.bookings.filter((b: any) => b.status === 'attended').map((b: any) => b.attendeeName)).toEqual(['王小米']);

      await page.getByTestId('desk-undo').click();
      await eventually(() => page.locator('.ant-message').innerText()).toContain('已撤销 王小米 的签到');
      expect((await cardOf(fam.wang.cardId)).sessions.remaining).toBe(10);
      await page.keyboard.type(fam.wang.memberNo);
      await page.keyboard.press('Enter');
      await eventually(() => page.getByTestId('desk-verdict').innerText()).toBe('签到成功');
      expect((await cardOf(fam.wang.cardId)).sessions.remaining).toBe(9);

      // Unknown codes are said large, nothing changes.
      await page.keyboard.type('0000');
      await page.keyboard.press('Enter');
      await eventually(() => page.getByTestId('desk-result').innerText()).toContain('签到失败');
    });
    expect(ui.errors).toEqual([]);
  });

  it('cancels late: said before confirming, and the session is forfeited', async () => {
    await withFailureScreenshot(ui.page, 'classes-late-failure.png', async () => {
      const { page } = ui;
      await openClass(page, soon);
      const before = await cardOf(fam.sun.cardId);
      await rosterRow(page, '孙朵朵').getByRole('button', { name: '取消预约' }).click();
      const dialog = page.getByRole('dialog', { name: /取消 孙朵朵 的预约/ });
      expect(await dialog.getByTestId('cancel-outcome').innerText()).toContain('迟取消:距开课不足 120 分钟');
      await screenshot(page, 'classes-late-cancel.png');
      await dialog.getByRole('button', { name: '确认取消' }).click();
      await eventually(() => rosterRow(page, '孙朵朵').innerText()).toContain('迟取消(已扣次)');
      const after = await cardOf(fam.sun.cardId);
      expect([after.sessions.held, after.sessions.remaining]).toEqual([before.sessions.held - 1, before.sessions.remaining - 1]);
      await page.keyboard.press('Escape');
    });
    expect(ui.errors).toEqual([]);
  });

  it('lists the bookings on the member page, and reads in English', async () => {
    await withFailureScreenshot(ui.page, 'classes-en-failure.png', async () => {
      const { page } = ui;
      await page.goto(`/members/${fam.sun.memberId}?tab=bookings`);
      await page.getByTestId('member-bookings').getByRole('row', { name: /迟取消/ }).waitFor();
      expect(await page.getByTestId('member-bookings').innerText()).toMatch(/儿童音乐启蒙\s+孙朵朵\s+已预约/);

      await page.evaluate("window.localStorage.setItem('tessera.locale', 'en')");
      await page.goto('/classes');
      await page.getByTestId('class-calendar').waitFor();
      expect(await page.getByTestId('main-menu').innerText()).toContain('Class calendar');
      await openClass(page, tomorrow, true);
      await eventually(() => page.getByTestId('session-drawer').getByTestId('session-places').innerText()).toContain('2 / 2 booked');
      expect(await rosterRow(page, '孙朵朵').innerText()).toContain('Booked');
      await screenshot(page, 'classes-drawer-en.png');
      await page.keyboard.press('Escape');
      await page.goto('/class-check-in');
      await page.getByTestId('desk-code').waitFor();
      expect(await page.getByTestId('class-check-in').innerText()).toContain('Today’s classes');
      await screenshot(page, 'classes-desk-en.png');
      await page.evaluate("window.localStorage.setItem('tessera.locale', 'zh-CN')");
    });
    expect(ui.errors).toEqual([]);
  });
});
