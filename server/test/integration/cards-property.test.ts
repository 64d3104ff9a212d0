import fc from 'fast-check';
import { expect, it } from 'vitest';
import { verifyCards } from '../../src/modules/card';
import { verifyLedger } from '../../src/modules/ledger';
import { verifyOrders } from '../../src/modules/order';
import { DAY } from '../../src/shared/clock';
import { YOGA, idem, sellCard, yogaProduct } from '../fixtures/cards';
import { createMember } from '../fixtures/money';
import { describeEachDb } from '../helpers/env';

/**
 * Random sequences of freeze / unfreeze / extend / consume / hold / reverse / transfer / refund
 * and days passing, against the real API and database. After every sequence the live card's
 * sessions equal its ledger entries, its expiry follows from its start and the validity days on
 * the ledger, nothing is negative, and `tessera verify` (cards, ledger, orders) finds nothing.
 */
type Cmd =
  | { op: 'consume'; units: number }
  | { op: 'hold'; then: 'consume' | 'release' | 'keep' }
  | { op: 'freeze'; inDays: number; days: number }
  | { op: 'unfreeze' }
  | { op: 'extend'; days: number; sessions: number }
  | { op: 'reverse' }
  | { op: 'transfer' }
  | { op: 'refund' }
  | { op: 'wait'; days: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('consume' as const), units: fc.integer({ min: 1, max: 3 }) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('hold' as const), then: fc.constantFrom('consume' as const, 'release' as const, 'keep' as const) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('freeze' as const), inDays: fc.integer({ min: 0, max: 3 }), days: fc.integer({ min: 1, max: 25 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('unfreeze' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('extend' as const), days: fc.integer({ min: -20, max: 30 }), sessions: fc.integer({ min: -3, max: 3 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('reverse' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('transfer' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('refund' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 40 }) }), weight: 2 },
);

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describeEachDb('membership card ledger properties', (use) => {
  it('sessions and dates always agree with the ledger; nothing negative; verify finds nothing', async () => {
    const env = use();
    const t = await env.newTenant();
    const c = t.owner;
    const product = await yogaProduct(c, {
      freezePolicy: { isAllowed: true, minDays: 1, maxDays: 20, maxTimes: 3, maxTotalDays: 40, fee: 0, noticeDays: 0, isExpiryExtended: true, isAutoUnfreezeOnUse: true },
      transferPolicy: { isAllowed: true, fee: 0, maxTimes: 2 },
    });
    // Codes a random step may meet: the policy or the card's state refusing it, never anything else.
    const refusals = new Set([
      'CARD_SESSIONS_INSUFFICIENT', 'CARD_NO_ELIGIBLE_CARD', 'CARD_NOT_USABLE', 'CARD_EXPIRED_ON_DATE', 'CARD_FROZEN_ON_DATE', 'CARD_FREEZE_EXISTS', 'CARD_FREEZE_STATUS', 'CARD_FREEZE_TOO_LONG',
      'CARD_FREEZE_TIMES_EXCEEDED', 'CARD_FREEZE_TOTAL_EXCEEDED', 'CARD_FREEZE_AFTER_EXPIRY', 'CARD_HOLDS_IN_FREEZE', 'CARD_NOT_FROZEN', 'CARD_ADJUST_SESSIONS_NEGATIVE', 'CARD_ADJUST_EXPIRY_PAST',
      'CARD_ADJUST_NO_VALIDITY', 'CARD_USAGE_NOT_REVERSIBLE', 'CARD_TRANSFER_FROZEN', 'CARD_TRANSFER_EXPIRED', 'CARD_TRANSFER_LIMIT', 'CARD_HAS_OPEN_HOLDS', 'CARD_REFUND_EXPIRED', 'CARD_ALREADY_REFUNDED',
    ]);
    const refused = (r: { status: number; body: any; text: string }) => {
      expect(r.status, r.text).toBeGreaterThanOrEqual(400);
      expect(r.status, r.text).toBeLessThan(500);
      expect(refusals, r.text).toContain(r.body.error.code);
    };

    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 3, maxLength: 12 }), async (cmds) => {
        const a = await createMember(c, '属性甲');
        const b = await createMember(c, '属性乙');
        let { card } = await sellCard(c, { storeId: t.storeId, memberId: a, productId: product.id });
        let holder = a;
        const usages: string[] = [];
        for (const k of cmds) {
          const id = card.id as string;
          switch (k.op) {
            case 'consume': {
              const r = await c.post(`/api/v1/member-cards/${id}/consumptions`, { userId: holder, storeId: t.storeId, items: [YOGA], units: k.units }, idem());
              if (r.status === 201) usages.push(r.body.id);
              else refused(r);
              break;
            }
            case 'hold': {
              const r = await c.post(`/api/v1/member-cards/${id}/holds`, { userId: holder, storeId: t.storeId, items: [YOGA], at: env.clock.iso() }, idem());
              if (r.status !== 201) {
                refused(r);
                break;
              }
              if (k.then === 'consume') {
                const u = await c.post(`/api/v1/card-holds/${r.body.id}/consume`, {}, idem());
                expect(u.status, u.text).toBe(200);
                usages.push(u.body.id);
              } else if (k.then === 'release') {
                expect((await c.post(`/api/v1/card-holds/${r.body.id}/release`, {}, idem())).status).toBe(200);
              }
              break;
            }
            case 'freeze': {
              const r = await c.post(`/api/v1/member-cards/${id}/freezes`, { startOn: addDays(await today(), k.inDays), days: k.days }, idem());
              if (r.status !== 201) refused(r);
              break;
            }
            case 'unfreeze': {
              const r = await c.post(`/api/v1/member-cards/${id}/unfreeze`, {}, idem());
              if (r.status !== 200) refused(r);
              break;
            }
            case 'extend': {
              if (k.days === 0 && k.sessions === 0) break;
              const r = await c.post(`/api/v1/member-cards/${id}/adjustments`, { days: k.days || undefined, sessions: k.sessions || undefined, reason: '属性测试' }, idem());
              if (r.status !== 200) refused(r);
              break;
            }
            case 'reverse': {
              const u = usages.pop();
              if (!u) break;
              const r = await c.post(`/api/v1/card-consumptions/${u}/reverse`, { reason: '撤销' }, idem());
              if (r.status !== 200) refused(r);
              break;
            }
            case 'transfer': {
              const to = holder === a ? b : a;
              const r = await c.post(`/api/v1/member-cards/${id}/transfers`, { toMemberId: to }, idem());
              if (r.status === 201) {
                card = r.body;
                holder = to;
                usages.length = 0;
              } else refused(r);
              break;
            }
            case 'refund': {
              const q = await c.post(`/api/v1/member-cards/${id}/refund-quote`, {});
              if (q.status !== 200) {
                refused(q);
                break;
              }
              expect(q.body.amount).toBeGreaterThanOrEqual(0);
              expect(q.body.amount).toBeLessThanOrEqual(q.body.paid);
              const r = await c.post(`/api/v1/member-cards/${id}/refunds`, { quoteToken: q.body.quoteToken }, idem());
              if (r.status !== 201) refused(r);
              break;
            }
            case 'wait': {
              env.clock.advance(k.days * DAY);
              await env.services.cards.runLifecycle();
              await c.relogin();
              break;
            }
          }
        }
        await env.services.cards.runLifecycle();
        const live = (await c.get(`/api/v1/member-cards/${card.id}`)).body;
        // Sessions and days: the card says what its holder's ledger says.
        const ledger = (await c.get(`/api/v1/members/${holder}/ledger?asset=card_sessions&asset=card_days&limit=200`)).body.items as { entries: { kind: string; refId: string; amount: number }[] }[];
        const sum = (kind: string) => ledger.flatMap((j) => j.entries).filter((e) => e.kind === kind && e.refId === live.id).reduce((s, e) => s + e.amount, 0);
        expect(live.sessions.remaining).toBe(sum('card_sessions'));
        expect(live.validity.daysGranted).toBe(sum('card_days'));
        expect(live.sessions.remaining).toBeGreaterThanOrEqual(live.sessions.held);
        expect(live.valueRemaining).toBeGreaterThanOrEqual(0);
        if (['refunded', 'cancelled'].includes(live.status)) expect([live.sessions.remaining, live.validity.daysGranted, live.valueRemaining]).toEqual([0, 0, 0]);
        else if (live.validity.activatedOn) expect(live.validity.expiresOn).toBe(addDays(live.validity.activatedOn, live.validity.daysGranted - 1));
        if (live.status === 'expired') expect(await today() > live.validity.expiresOn).toBe(true);
        for (const v of [await verifyCards(env.database.db, t.tenantId), await verifyLedger(env.database.db, t.tenantId), await verifyOrders(env.database.db, t.tenantId)]) expect(v.mismatches).toEqual([]);
      }),
      // CARD_PROPERTY_RUNS=200 explores more sequences locally.
      { numRuns: Number(process.env.CARD_PROPERTY_RUNS ?? 0) || (env.kind === 'postgres' ? 10 : 15) },
    );

    async function today(): Promise<string> {
      return env.services.org.businessDate(t.tenantId, env.clock.now());
    }
  }, 600_000);
});
