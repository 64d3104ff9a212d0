import { expect, it } from 'vitest';
import { verifyCards } from '../../src/modules/card';
import { verifyLedger } from '../../src/modules/ledger';
import { verifyOrders } from '../../src/modules/order';
import { DAY } from '../../src/shared/clock';
import { YOGA, consume, idem, sellCard, yogaProduct } from '../fixtures/cards';
import { createMember } from '../fixtures/money';
import { describeEachDb } from '../helpers/env';

/** Card products, the sale through an order, activation modes, the cashier's sale preview and the card's views. */
describeEachDb('membership cards: products and sale', (use) => {
  async function verifyAll(env: ReturnType<typeof use>, tenantId: string) {
    for (const v of [await verifyCards(env.database.db, tenantId), await verifyLedger(env.database.db, tenantId), await verifyOrders(env.database.db, tenantId)]) expect(v.mismatches).toEqual([]);
  }

  it('sells a 10-session card as a cashier line: sessions on the ledger, started at purchase, funding and history recorded', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner, '林晓雯');
    const product = await yogaProduct(t.owner);
    expect(product).toMatchObject({ kind: 'count', sessions: 10, activationMode: 'purchase', storeScope: 'issuing_store', coverage: [YOGA] });
    const { card, order } = await sellCard(t.owner, { storeId: t.storeId, memberId, productId: product.id });
    expect(order.lines[0]).toMatchObject({ kind: 'card', itemId: product.id, netTotal: 100000 });
    expect(card).toMatchObject({ status: 'active', memberId, memberName: '林晓雯', sessions: { total: 10, remaining: 10, available: 10, used: 0 }, paidAmount: 100000, valueRemaining: 100000, listPrice: 100000, orderId: order.id });
    expect(card.validity.activatedOn).toBeTruthy();
    expect(card.validity.daysGranted).toBeGreaterThanOrEqual(89);
    const ledger = await t.owner.get(`/api/v1/members/${memberId}/ledger?asset=card_sessions&asset=card_days`);
    expect(ledger.status).toBe(200);
    const entries = ledger.body.items.flatMap((j: { kind: string; entries: { kind: string; refId: string; amount: number; balanceAfter: number }[] }) => j.entries.map((e) => ({ journal: j.kind, ...e })));
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ journal: 'card_issue', kind: 'card_sessions', refId: card.id, amount: 10, balanceAfter: 10 }),
        expect.objectContaining({ journal: 'card_activate', kind: 'card_days', refId: card.id, amount: card.validity.daysGranted }),
      ]),
    );
    const history = await t.owner.get(`/api/v1/member-cards/${card.id}/history`);
    expect(history.body.items.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['sold', 'activated']));
    const terms = await t.owner.get(`/api/v1/member-cards/${card.id}/terms`);
    expect(terms.body.lines.join('\n')).toContain('退款金额');
    await verifyAll(env, t.tenantId);
  });

  it('first-use cards start on the first consumption; date cards on their day (the daily job)', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const firstUse = await yogaProduct(t.owner, { activationMode: 'first_use', activationDeadlineDays: 30 });
    const { card } = await sellCard(t.owner, { storeId: t.storeId, memberId, productId: firstUse.id });
    expect(card).toMatchObject({ status: 'pending', validity: { activatedOn: null, expiresOn: null, daysGranted: 0 } });
    expect(card.validity.activateBy).toBeTruthy();
    const used = await consume(t.owner, card.id, { userId: memberId, storeId: t.storeId });
    expect(used.status, used.text).toBe(201);
    const after = (await t.owner.get(`/api/v1/member-cards/${card.id}`)).body;
    expect(after.status).toBe('active');
    expect(after.validity.activatedOn).toBe(used.body.forDate);
    expect(after.sessions.remaining).toBe(9);

    const dated = await yogaProduct(t.owner, { activationMode: 'date', activationDeadlineDays: 60 });
    const preview = await t.owner.post(`/api/v1/card-products/${dated.id}/sale-preview`, { storeId: t.storeId, memberId });
    expect(preview.status).toBe(200);
    const start = preview.body.activation.activateOn as string;
    const later = new Date(`${start}T00:00:00Z`);
    later.setUTCDate(later.getUTCDate() + 10);
    const activateOn = later.toISOString().slice(0, 10);
    const bad = await t.owner.post('/api/v1/orders', { storeId: t.storeId, memberId, lines: [{ kind: 'card', itemId: dated.id, quantity: 1, options: { activateOn: '2000-01-01' } }], tenders: [{ method: 'cash', amount: 100000 }] }, idem());
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('CARD_ACTIVATE_ON_INVALID');
    const { card: d } = await sellCard(t.owner, { storeId: t.storeId, memberId, productId: dated.id, options: { activateOn } });
    expect(d).toMatchObject({ status: 'pending', validity: { activateOn } });
    const early = await consume(t.owner, d.id, { userId: memberId, storeId: t.storeId });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('CARD_NOT_STARTED');
    env.clock.advance(11 * DAY);
    await env.services.cards.runLifecycle();
    await t.owner.relogin();
    const started = (await t.owner.get(`/api/v1/member-cards/${d.id}`)).body;
    expect(started).toMatchObject({ status: 'active', validity: { activatedOn: activateOn } });
    await verifyAll(env, t.tenantId);
  });

  it('sale limits, member required, one card per line; training schools are warned and get the terms to print', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const trial = await yogaProduct(t.owner, { kind: 'trial', name: '体验卡', price: 9900, sessions: 1, validity: { unit: 'day', count: 14 }, freezePolicy: undefined, transferPolicy: undefined });
    expect(trial).toMatchObject({ saleLimitPerMember: 1, refundPolicy: { isAllowed: false }, transferPolicy: { isAllowed: false } });
    await sellCard(t.owner, { storeId: t.storeId, memberId, productId: trial.id });
    const again = await t.owner.post('/api/v1/orders', { storeId: t.storeId, memberId, lines: [{ kind: 'card', itemId: trial.id, quantity: 1 }], tenders: [{ method: 'cash', amount: 9900 }] }, idem());
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CARD_SALE_LIMIT');
    const noMember = await t.owner.post('/api/v1/orders/quote', { storeId: t.storeId, lines: [{ kind: 'card', itemId: trial.id, quantity: 1 }] });
    expect(noMember.body.error.code).toBe('CARD_SALE_MEMBER_REQUIRED');
    const two = await t.owner.post('/api/v1/orders/quote', { storeId: t.storeId, memberId, lines: [{ kind: 'card', itemId: trial.id, quantity: 2 }] });
    expect(two.body.error.code).toBe('CARD_SALE_QUANTITY');

    expect((await t.owner.put('/api/v1/card-settings', { expiryReminderDays: [30, 7, 1], lowSessionsThreshold: 2, expiringWithinDays: 7, isTrainingSchool: true, prepayMaxMonths: 3, prepayMaxHours: 60, refundTermsText: '本中心遵守校外培训收费规定' })).status).toBe(200);
    const big = await yogaProduct(t.owner, { name: '早教72课时', sessions: 72, sessionUnit: 'class_hour', validity: { unit: 'month', count: 6 } });
    const preview = await t.owner.post(`/api/v1/card-products/${big.id}/sale-preview`, { storeId: t.storeId, memberId });
    expect(preview.body.warnings.map((w: { code: string }) => w.code)).toEqual(['PREPAY_OVER_MONTHS', 'PREPAY_OVER_HOURS']);
    expect(preview.body.terms.join('\n')).toContain('课时');
    expect(preview.body.terms.at(-1)).toBe('本中心遵守校外培训收费规定');
    expect(preview.body.orderLine).toEqual({ kind: 'card', itemId: big.id, quantity: 1, options: {} });
    const { card } = await sellCard(t.owner, { storeId: t.storeId, memberId, productId: big.id });
    expect(card.saleWarnings.map((w: { code: string }) => w.code)).toEqual(['PREPAY_OVER_MONTHS', 'PREPAY_OVER_HOURS']);
    t.owner.locale = 'en';
    expect((await t.owner.get(`/api/v1/member-cards/${card.id}`)).body.saleWarnings[0].message).toContain('off-campus training');
  });

  it('refuses invalid products with field details and changes nothing', async () => {
    const env = use();
    const t = await env.newTenant();
    const before = (await t.owner.get('/api/v1/card-products')).body.items.length;
    const noSessions = await t.owner.post('/api/v1/card-products', { kind: 'count', name: '坏卡', price: 100, coverage: [YOGA] });
    expect(noSessions.status).toBe(400);
    expect(noSessions.body.error).toMatchObject({ code: 'CARD_PRODUCT_INVALID', details: { path: 'sessions' } });
    const timeWithSessions = await t.owner.post('/api/v1/card-products', { kind: 'time', name: '坏卡', price: 100, sessions: 3, validity: { unit: 'month', count: 1 }, coverage: [YOGA] });
    expect(timeWithSessions.body.error.code).toBe('CARD_PRODUCT_INVALID');
    const noCoverage = await t.owner.post('/api/v1/card-products', { kind: 'count', name: '坏卡', price: 100, sessions: 3, coverage: [] });
    expect(noCoverage.body.error.code).toBe('VALIDATION_FAILED');
    const capNoPrice = await t.owner.post('/api/v1/card-products', { kind: 'count', name: '坏卡', price: 100, sessions: 3, coverage: [YOGA], refundPolicy: { isAllowed: true, formula: 'list_price_capped', unitListPrice: null, deductionCapBp: 10000, feeFixed: 0, feeBp: 0, isAllowedAfterExpiry: false } });
    expect(capNoPrice.body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.owner.get('/api/v1/card-products')).body.items.length).toBe(before);
  });
});
