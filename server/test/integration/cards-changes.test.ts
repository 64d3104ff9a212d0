import { expect, it } from 'vitest';
import { verifyCards } from '../../src/modules/card';
import { verifyLedger } from '../../src/modules/ledger';
import { verifyOrders } from '../../src/modules/order';
import { DAY } from '../../src/shared/clock';
import { consume, idem, sellCard, yogaProduct } from '../fixtures/cards';
import { createMember } from '../fixtures/money';
import { describeEachDb, type TestEnv } from '../helpers/env';
import { dumpTenant } from '../helpers/introspect';

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Freeze, transfer, upgrade, manual adjustment, cancellation and refund of member cards. */
describeEachDb('membership cards: changes', (use) => {
  async function verifyAll(env: TestEnv, tenantId: string) {
    for (const v of [await verifyCards(env.database.db, tenantId), await verifyLedger(env.database.db, tenantId), await verifyOrders(env.database.db, tenantId)]) expect(v.mismatches).toEqual([]);
  }
  async function setup(env: TestEnv, body: Record<string, unknown> = {}) {
    const t = await env.newTenant();
    const memberId = await createMember(t.owner, '林晓雯');
    const product = await yogaProduct(t.owner, body);
    const { card, order } = await sellCard(t.owner, { storeId: t.storeId, memberId, productId: product.id });
    return { t, memberId, product, card, order, c: t.owner };
  }

  it('freezes for 14 days with a preview of the new expiry, ends early on request, and refuses what the policy does not allow', async () => {
    const env = use();
    const { t, card, c } = await setup(env);
    const today = card.validity.activatedOn as string;
    const preview = await c.post(`/api/v1/member-cards/${card.id}/freeze-preview`, { startOn: today, days: 14 });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body).toMatchObject({ days: 14, extensionDays: 14, expiresOn: card.validity.expiresOn, newExpiresOn: addDays(card.validity.expiresOn, 14), fee: 0, freezesLeft: 1, daysLeft: 31, startsNow: true });

    const tooLong = await c.post(`/api/v1/member-cards/${card.id}/freezes`, { startOn: today, days: 40 }, idem());
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('CARD_FREEZE_TOO_LONG');
    const before = await dumpTenant(env, t.tenantId, { exclude: ['idempotency_keys', 'staff_sessions'] });
    const past = await c.post(`/api/v1/member-cards/${card.id}/freezes`, { startOn: addDays(today, -1), days: 10 }, idem());
    expect(past.body.error.code).toBe('CARD_FREEZE_START_PAST');
    expect(await dumpTenant(env, t.tenantId, { exclude: ['idempotency_keys', 'staff_sessions'] })).toEqual(before);

    const frozen = await c.post(`/api/v1/member-cards/${card.id}/freezes`, { startOn: today, days: 14, reason: '出差' }, idem());
    expect(frozen.status, frozen.text).toBe(201);
    expect(frozen.body).toMatchObject({ status: 'frozen', validity: { expiresOn: preview.body.newExpiresOn }, freezes: { count: 1, daysUsed: 14, current: { days: 14, status: 'active' } } });
    const twice = await c.post(`/api/v1/member-cards/${card.id}/freeze-preview`, { startOn: today, days: 7 });
    expect(twice.body.error.code).toBe('CARD_FREEZE_EXISTS');

    // Five days later the member comes back: the other nine days come off the expiry and the policy.
    env.clock.advance(5 * DAY);
    await c.relogin();
    const back = await c.post(`/api/v1/member-cards/${card.id}/unfreeze`, { reason: '提前回来' }, idem());
    expect(back.status, back.text).toBe(200);
    expect(back.body).toMatchObject({ status: 'active', validity: { expiresOn: addDays(card.validity.expiresOn, 5) }, freezes: { count: 1, daysUsed: 5, current: null } });
    const notFrozen = await c.post(`/api/v1/member-cards/${card.id}/unfreeze`, {}, idem());
    expect(notFrozen.body.error.code).toBe('CARD_NOT_FROZEN');
    await verifyAll(env, t.tenantId);
  });

  it('a scheduled freeze starts and ends with the daily job; using the card during a running freeze ends it', async () => {
    const env = use();
    const { t, memberId, card, c } = await setup(env);
    const today = card.validity.activatedOn as string;
    const f = await c.post(`/api/v1/member-cards/${card.id}/freezes`, { startOn: addDays(today, 2), days: 7 }, idem());
    expect(f.body).toMatchObject({ status: 'active', freezes: { current: { status: 'scheduled' } } });
    env.clock.advance(2 * DAY);
    await env.services.cards.runLifecycle();
    await c.relogin();
    expect((await c.get(`/api/v1/member-cards/${card.id}`)).body.status).toBe('frozen');
    const used = await consume(c, card.id, { userId: memberId, storeId: t.storeId });
    expect(used.status, used.text).toBe(201);
    const after = (await c.get(`/api/v1/member-cards/${card.id}`)).body;
    expect(after).toMatchObject({ status: 'active', sessions: { remaining: 9 }, freezes: { daysUsed: 0, count: 0 } });
    expect(after.validity.expiresOn).toBe(card.validity.expiresOn);
    await verifyAll(env, t.tenantId);
  });

  it('transfers to another member with a fee through an order and full history; frozen or expired cards are refused', async () => {
    const env = use();
    const { t, memberId, card, c } = await setup(env);
    const other = await createMember(c, '曾美玲');
    await consume(c, card.id, { userId: memberId, storeId: t.storeId });
    await c.post(`/api/v1/member-cards/${card.id}/freezes`, { startOn: card.validity.activatedOn, days: 7 }, idem());
    const refused = await c.post(`/api/v1/member-cards/${card.id}/transfer-preview`, { toMemberId: other });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CARD_TRANSFER_FROZEN');
    await c.post(`/api/v1/member-cards/${card.id}/unfreeze`, {}, idem());

    const preview = await c.post(`/api/v1/member-cards/${card.id}/transfer-preview`, { toMemberId: other });
    expect(preview.body).toMatchObject({ fee: 5000, toMember: { id: other, name: '曾美玲' }, sessionsRemaining: 9, transfersLeft: 0 });
    const noTenders = await c.post(`/api/v1/member-cards/${card.id}/transfers`, { toMemberId: other, storeId: t.storeId }, idem());
    expect(noTenders.body.error.code).toBe('CARD_FEE_TENDERS_REQUIRED');
    const key = idem();
    const body = { toMemberId: other, storeId: t.storeId, tenders: [{ method: 'cash', amount: 5000 }], reason: '转给朋友' };
    const moved = await c.post(`/api/v1/member-cards/${card.id}/transfers`, body, key);
    expect(moved.status, moved.text).toBe(201);
    expect(moved.body).toMatchObject({ memberId: other, origin: 'transfer', transferredFromCardId: card.id, rootCardId: card.id, sessions: { remaining: 9, used: 1 }, validity: { expiresOn: card.validity.expiresOn }, transferCount: 1, paidAmount: 100000 });
    const replay = await c.post(`/api/v1/member-cards/${card.id}/transfers`, body, key);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(moved.body.id);
    const old = (await c.get(`/api/v1/member-cards/${card.id}`)).body;
    expect(old).toMatchObject({ status: 'transferred', transferredToCardId: moved.body.id, sessions: { remaining: 0 } });
    const orders = (await c.get(`/api/v1/orders?memberId=${memberId}`)).body.items;
    expect(orders.some((o: { lines: { name: string; netTotal: number }[] }) => o.lines[0].name.startsWith('转卡手续费') && o.lines[0].netTotal === 5000)).toBe(true);
    const history = (await c.get(`/api/v1/member-cards/${moved.body.id}/history?limit=100`)).body.items.map((e: { kind: string }) => e.kind);
    expect(history).toEqual(expect.arrayContaining(['sold', 'frozen', 'unfrozen', 'transferred_out', 'transferred_in']));
    const again = await c.post(`/api/v1/member-cards/${moved.body.id}/transfer-preview`, { toMemberId: memberId });
    expect(again.body.error.code).toBe('CARD_TRANSFER_LIMIT');

    env.clock.advance(120 * DAY);
    await env.services.cards.runLifecycle();
    await c.relogin();
    const expired = (await c.get(`/api/v1/member-cards/${moved.body.id}`)).body;
    expect(expired.status).toBe('expired');
    const late = await c.post(`/api/v1/member-cards/${moved.body.id}/transfers`, { toMemberId: memberId }, idem());
    expect(late.body.error.code).toBe('CARD_TRANSFER_EXPIRED');
    await verifyAll(env, t.tenantId);
  });

  it('refunds by the quote (proportional): money back to the original tender, card ended, refund twice refused', async () => {
    const env = use();
    const { t, memberId, card, order, c } = await setup(env);
    for (let i = 0; i < 3; i++) expect((await consume(c, card.id, { userId: memberId, storeId: t.storeId })).status).toBe(201);
    const quote = await c.post(`/api/v1/member-cards/${card.id}/refund-quote`, {});
    expect(quote.status, quote.text).toBe(200);
    expect(quote.body).toMatchObject({ formula: 'proportional', basis: 'sessions', paid: 100000, total: 10, used: 3, deduction: 30000, fee: 0, amount: 70000, moneyTotal: 70000, sessionsForfeited: 7 });
    expect(quote.body.orders).toEqual([expect.objectContaining({ orderId: order.id, amount: 70000, money: [expect.objectContaining({ method: 'cash', amount: 70000 })] })]);
    const stale = await c.post(`/api/v1/member-cards/${card.id}/refunds`, { quoteToken: 'x'.repeat(32) }, idem());
    expect(stale.body.error.code).toBe('CARD_REFUND_QUOTE_STALE');
    const done = await c.post(`/api/v1/member-cards/${card.id}/refunds`, { quoteToken: quote.body.quoteToken, reason: '搬家' }, idem());
    expect(done.status, done.text).toBe(201);
    expect(done.body.card).toMatchObject({ status: 'refunded', sessions: { remaining: 0 }, valueRemaining: 0 });
    expect(done.body.refundIds).toHaveLength(1);
    const o = (await c.get(`/api/v1/orders/${order.id}`)).body;
    expect(o).toMatchObject({ status: 'refunded', refundedTotal: 70000 });
    const again = await c.post(`/api/v1/member-cards/${card.id}/refund-quote`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CARD_ALREADY_REFUNDED');
    const viaOrder = await c.post(`/api/v1/orders/${order.id}/refund-quote`, { lines: [{ lineId: order.lines[0].id, quantity: 1 }] });
    expect(viaOrder.body.error.code).toBe('REFUND_QUANTITY_EXCEEDED');
    const used = await consume(c, card.id, { userId: memberId, storeId: t.storeId });
    expect(used.body.error.code).toBe('CARD_NOT_USABLE');
    await verifyAll(env, t.tenantId);
  });

  it('the order’s own refund flow refunds a card by its formula (list price with a cap, minus a fee)', async () => {
    const env = use();
    const { t, memberId, card, order, c } = await setup(env, { refundPolicy: { isAllowed: true, formula: 'list_price_capped', unitListPrice: 15000, deductionCapBp: 10000, feeFixed: 2000, feeBp: 0, isAllowedAfterExpiry: false } });
    for (let i = 0; i < 2; i++) await consume(c, card.id, { userId: memberId, storeId: t.storeId });
    const q = await c.post(`/api/v1/orders/${order.id}/refund-quote`, { lines: [{ lineId: order.lines[0].id, quantity: 1 }] });
    expect(q.status, q.text).toBe(200);
    expect(q.body).toMatchObject({ total: 68000, limits: [expect.objectContaining({ amount: 68000, breakdown: expect.objectContaining({ formula: 'list_price_capped', used: 2, deduction: 30000, fee: 2000 }) })] });
    const r = await c.post(`/api/v1/orders/${order.id}/refunds`, { lines: [{ lineId: order.lines[0].id, quantity: 1 }], quoteToken: q.body.quoteToken }, idem());
    expect(r.status, r.text).toBe(201);
    expect((await c.get(`/api/v1/member-cards/${card.id}`)).body).toMatchObject({ status: 'refunded' });
    await verifyAll(env, t.tenantId);
  });

  it('upgrades within the window paying the difference; the refund then covers both orders in one go', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const memberId = await createMember(c);
    const big = await yogaProduct(c, { name: '瑜伽20次卡', price: 180000, sessions: 20, validity: { unit: 'month', count: 6 } });
    const small = await yogaProduct(c, { upgradePolicy: { windowDays: 14, toProductIds: [big.id] } });
    const { card } = await sellCard(c, { storeId: t.storeId, memberId, productId: small.id });
    for (let i = 0; i < 2; i++) await consume(c, card.id, { userId: memberId, storeId: t.storeId });
    const preview = await c.post(`/api/v1/member-cards/${card.id}/upgrade-preview`, { toProductId: big.id });
    expect(preview.body).toMatchObject({ difference: 80000, sessionsRemaining: 8, newSessionsRemaining: 18 });
    const noPay = await c.post(`/api/v1/member-cards/${card.id}/upgrades`, { toProductId: big.id, storeId: t.storeId }, idem());
    expect(noPay.body.error.code).toBe('CARD_FEE_TENDERS_REQUIRED');
    const up = await c.post(`/api/v1/member-cards/${card.id}/upgrades`, { toProductId: big.id, storeId: t.storeId, tenders: [{ method: 'wechat', amount: 80000, reference: 'WX1' }] }, idem());
    expect(up.status, up.text).toBe(200);
    expect(up.body).toMatchObject({ productId: big.id, name: big.name, listPrice: 180000, paidAmount: 180000, sessions: { remaining: 18, total: 20, paid: 20, used: 2 }, validity: { expiresOn: preview.body.newExpiresOn } });

    // Refunding only the first order would leave the upgrade paid: the card refund covers both.
    const saleOrder = (await c.get(`/api/v1/orders?memberId=${memberId}`)).body.items.find((o: { lines: { itemId: string }[] }) => o.lines[0].itemId === small.id);
    const partial = await c.post(`/api/v1/orders/${saleOrder.id}/refunds`, { lines: [{ lineId: saleOrder.lines[0].id, quantity: 1 }], quoteToken: (await c.post(`/api/v1/orders/${saleOrder.id}/refund-quote`, { lines: [{ lineId: saleOrder.lines[0].id, quantity: 1 }] })).body.quoteToken }, idem());
    expect(partial.body.error.code).toBe('CARD_REFUND_USE_CARD');
    const q = await c.post(`/api/v1/member-cards/${card.id}/refund-quote`, { moneyMethod: 'cash' });
    expect(q.body).toMatchObject({ paid: 180000, total: 20, used: 2, amount: 162000 });
    expect(q.body.orders).toHaveLength(2);
    expect(q.body.orders.reduce((s: number, o: { amount: number }) => s + o.amount, 0)).toBe(162000);
    const r = await c.post(`/api/v1/member-cards/${card.id}/refunds`, { quoteToken: q.body.quoteToken, moneyMethod: 'cash' }, idem());
    expect(r.status, r.text).toBe(201);
    expect(r.body.refundIds).toHaveLength(2);
    expect(r.body.card.status).toBe('refunded');
    await verifyAll(env, t.tenantId);
  });

  it('manual adjustments need card.adjust and a reason; an expired card can be brought back; cancel ends a card', async () => {
    const env = use();
    const { t, memberId, card, c } = await setup(env);
    const desk = await env.newStaff(t, { roles: ['frontDesk'] });
    const denied = await desk.post(`/api/v1/member-cards/${card.id}/adjustments`, { sessions: 2, reason: '补偿' }, idem());
    expect(denied.status).toBe(403);
    const noReason = await c.post(`/api/v1/member-cards/${card.id}/adjustments`, { sessions: 2 }, idem());
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
    const plus = await c.post(`/api/v1/member-cards/${card.id}/adjustments`, { sessions: 2, days: 10, reason: '课程取消补偿' }, idem());
    expect(plus.body).toMatchObject({ sessions: { remaining: 12, total: 12 }, validity: { expiresOn: addDays(card.validity.expiresOn, 10) } });
    const tooMany = await c.post(`/api/v1/member-cards/${card.id}/adjustments`, { sessions: -13, reason: '错误' }, idem());
    expect(tooMany.body.error.code).toBe('CARD_ADJUST_SESSIONS_NEGATIVE');

    env.clock.advance(130 * DAY);
    await env.services.cards.runLifecycle();
    await c.relogin();
    const expired = (await c.get(`/api/v1/member-cards/${card.id}`)).body;
    expect(expired).toMatchObject({ status: 'expired', sessions: { remaining: 0 } });
    const w = await c.get(`/api/v1/card-reports/write-offs?from=${card.soldOn}&to=${addDays(card.soldOn, 200)}`);
    expect(w.body.totals).toMatchObject({ cards: 1, sessions: 12, value: 100000 });
    const ref = await c.post(`/api/v1/member-cards/${card.id}/refund-quote`, {});
    expect(ref.body.error.code).toBe('CARD_REFUND_EXPIRED');
    const back = await c.post(`/api/v1/member-cards/${card.id}/adjustments`, { days: 60, sessions: 3, reason: '特批延期' }, idem());
    expect(back.status, back.text).toBe(200);
    expect(back.body).toMatchObject({ status: 'active', sessions: { remaining: 3 } });
    expect((await consume(c, card.id, { userId: memberId, storeId: t.storeId })).status).toBe(201);
    const cancelled = await c.post(`/api/v1/member-cards/${card.id}/cancel`, { reason: '违反会员守则' }, idem());
    expect(cancelled.body).toMatchObject({ status: 'cancelled', sessions: { remaining: 0 } });
    await verifyAll(env, t.tenantId);
  });
});
