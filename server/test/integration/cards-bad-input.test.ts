import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { verifyCards } from '../../src/modules/card';
import { DAY } from '../../src/shared/clock';
import { consume, idem, sellCard, yogaProduct } from '../fixtures/cards';
import { createMember } from '../fixtures/money';
import { describeEachDb } from '../helpers/env';
import { dumpTenant } from '../helpers/introspect';

/**
 * Bad input is refused with a clear, localised error and changes nothing; `tessera verify`
 * catches a card that disagrees with its ledger; card events reach the member's timeline and
 * data export.
 */
describeEachDb('membership cards: refusals and verification', (use) => {
  it('freezing beyond policy, transferring a frozen or expired card, using a card for the wrong course or store, refunding twice: refused, nothing changed', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const memberId = await createMember(c, '林晓雯');
    const other = await createMember(c, '曾美玲');
    const branch = (await c.post('/api/v1/stores', { name: '分店' })).body.id;
    const { card } = await sellCard(c, { storeId: t.storeId, memberId, productId: (await yogaProduct(c, { transferPolicy: { isAllowed: true, fee: 0, maxTimes: 2 } })).id });
    const today = card.validity.activatedOn as string;
    const snapshot = () => dumpTenant(env, t.tenantId, { exclude: ['idempotency_keys', 'staff_sessions'] });

    const refusedUnchanged = async (call: () => Promise<{ status: number; body: any }>, status: number, code: string) => {
      const before = await snapshot();
      const r = await call();
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message).toBeTruthy();
      expect(JSON.stringify(r.body)).not.toMatch(/select |insert |at .*\.ts:/i);
      expect(await snapshot()).toEqual(before);
      return r;
    };

    await refusedUnchanged(() => c.post(`/api/v1/member-cards/${card.id}/freezes`, { startOn: today, days: 31 }, idem()), 400, 'CARD_FREEZE_TOO_LONG');
    await refusedUnchanged(() => c.post(`/api/v1/member-cards/${card.id}/freezes`, { startOn: today, days: 3 }, idem()), 400, 'CARD_FREEZE_TOO_SHORT');
    c.locale = 'en';
    const en = await refusedUnchanged(() => consume(c, card.id, { userId: memberId, storeId: t.storeId, items: [{ type: 'course_category', id: 'swimming' }] }), 409, 'CARD_NOT_FOR_ITEM');
    expect(en.body.error.message).toBe('The card does not pay for this course or service');
    c.locale = 'zh-CN';
    await refusedUnchanged(() => consume(c, card.id, { userId: memberId, storeId: branch }), 409, 'CARD_NOT_IN_STORE');
    await refusedUnchanged(() => c.post(`/api/v1/card-holds`, { userId: memberId, storeId: branch, items: [{ type: 'course_category', id: 'yoga' }], at: env.clock.iso() }, idem()), 409, 'CARD_NO_ELIGIBLE_CARD');
    await refusedUnchanged(() => consume(c, card.id, { userId: other, storeId: t.storeId }), 409, 'CARD_USER_NOT_ALLOWED');

    expect((await c.post(`/api/v1/member-cards/${card.id}/freezes`, { startOn: today, days: 10 }, idem())).status).toBe(201);
    await refusedUnchanged(() => c.post(`/api/v1/member-cards/${card.id}/transfers`, { toMemberId: other }, idem()), 409, 'CARD_TRANSFER_FROZEN');
    await refusedUnchanged(() => c.post(`/api/v1/member-cards/${card.id}/freezes`, { startOn: today, days: 10 }, idem()), 409, 'CARD_FREEZE_EXISTS');
    expect((await c.post(`/api/v1/member-cards/${card.id}/unfreeze`, {}, idem())).status).toBe(200);

    const q = await c.post(`/api/v1/member-cards/${card.id}/refund-quote`, {});
    expect((await c.post(`/api/v1/member-cards/${card.id}/refunds`, { quoteToken: q.body.quoteToken }, idem())).status).toBe(201);
    await refusedUnchanged(() => c.post(`/api/v1/member-cards/${card.id}/refunds`, { quoteToken: q.body.quoteToken }, idem()), 409, 'CARD_ALREADY_REFUNDED');
    await refusedUnchanged(() => c.post(`/api/v1/member-cards/${card.id}/transfers`, { toMemberId: other }, idem()), 409, 'CARD_NOT_USABLE');

    const { card: second } = await sellCard(c, { storeId: t.storeId, memberId, productId: (await yogaProduct(c, { validity: { unit: 'day', count: 5 } })).id });
    env.clock.advance(6 * DAY);
    await env.services.cards.runLifecycle();
    await c.relogin();
    await refusedUnchanged(() => c.post(`/api/v1/member-cards/${second.id}/transfers`, { toMemberId: other }, idem()), 409, 'CARD_TRANSFER_EXPIRED');
    await refusedUnchanged(() => consume(c, second.id, { userId: memberId, storeId: t.storeId }), 409, 'CARD_NOT_USABLE');
    await refusedUnchanged(() => c.post(`/api/v1/member-cards/${second.id}/adjustments`, { sessions: 0, reason: '空调整' }, idem()), 400, 'CARD_ADJUST_EMPTY');
    await refusedUnchanged(() => c.post('/api/v1/member-cards/mcd_01AAAAAAAAAAAAAAAAAAAAAAAA/freezes', { startOn: today, days: 10 }, idem()), 404, 'CARD_NOT_FOUND');
    await refusedUnchanged(() => c.post(`/api/v1/member-cards/${second.id}/freezes`, { startOn: 'tomorrow', days: 10 }, idem()), 400, 'VALIDATION_FAILED');
  });

  it('verify finds a card that disagrees with its ledger', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const { card } = await sellCard(t.owner, { storeId: t.storeId, memberId, productId: (await yogaProduct(t.owner)).id });
    expect((await verifyCards(env.database.db, t.tenantId)).mismatches).toEqual([]);
    await sql`update member_cards set sessions_remaining = 11, expires_on = ${'2099-01-01'} where tenant_id = ${t.tenantId} and id = ${card.id}`.execute(env.database.db);
    const checks = (await verifyCards(env.database.db, t.tenantId)).mismatches.map((m) => m.check);
    expect(checks).toEqual(expect.arrayContaining(['card sessions = ledger', 'expiry = start + days granted']));
    await sql`update member_cards set sessions_remaining = 10, expires_on = ${card.validity.expiresOn} where tenant_id = ${t.tenantId} and id = ${card.id}`.execute(env.database.db);
    expect((await verifyCards(env.database.db, t.tenantId)).mismatches).toEqual([]);
  });

  it('card events reach the member’s timeline and their data export; the outbox gets the sale', async () => {
    const env = use();
    const t = await env.newTenant();
    const memberId = await createMember(t.owner);
    const { card } = await sellCard(t.owner, { storeId: t.storeId, memberId, productId: (await yogaProduct(t.owner)).id });
    const timeline = await t.owner.get(`/api/v1/members/${memberId}/timeline`);
    expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['card.sold', 'card.activated', 'order.paid']));
    const exported = await t.owner.get(`/api/v1/members/${memberId}/data-export`);
    expect(exported.status).toBe(200);
    expect(JSON.stringify(exported.body)).toContain(card.id);
    const events = await env.database.db.selectFrom('outbox_events').select('topic').where('tenant_id', '=', t.tenantId).execute();
    expect(events.map((e) => e.topic)).toEqual(expect.arrayContaining(['card.issued', 'card.activated', 'order.paid']));
  });
});
