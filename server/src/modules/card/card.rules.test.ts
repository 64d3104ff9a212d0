import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardTerms } from '../../db/schema';
import { addDays, consumptionRevenue, daysBetween, daysUsed, expiryFor, prepayWarnings, statusOn, validityDays, weekStart, writeoffValue } from './card.rules';
import { checkTransfer, planUpgrade } from './change.rules';
import { type FreezeCardState, endFreeze, planFreeze } from './freeze.rules';
import { cardRefundAmount, splitOverFundings } from './refund.rules';
import { termsLines } from './terms.rules';
import { type UseCardFacts, type UseRequestFacts, checkUse } from './use.rules';

const TERMS: CardTerms = {
  kind: 'count',
  sessions: 10,
  sessionUnit: 'session',
  validity: { unit: 'month', count: 3 },
  perDayCap: null,
  perWeekCap: null,
  coachLevel: null,
  coverage: [{ type: 'course_category', id: 'yoga' }],
  storeScope: 'issuing_store',
  activationMode: 'purchase',
  activationDeadlineDays: null,
  freeze: { isAllowed: true, minDays: 7, maxDays: 30, maxTimes: 2, maxTotalDays: 45, fee: 0, noticeDays: 0, isExpiryExtended: true, isAutoUnfreezeOnUse: true },
  transfer: { isAllowed: true, fee: 5000, maxTimes: 1 },
  refund: { isAllowed: true, formula: 'proportional', unitListPrice: null, deductionCapBp: 10000, feeFixed: 0, feeBp: 0, isAllowedAfterExpiry: false },
  family: { isAllowed: true, maxMembers: 2 },
  upgrade: { windowDays: 14, toProductIds: [] },
  refundTermsText: null,
};

describe('dates and validity', () => {
  it('N days count the activation day; N months end the day before the same day, or at the end of a shorter month', () => {
    expect(expiryFor('2026-01-15', { unit: 'day', count: 30 })).toBe('2026-02-13');
    expect(expiryFor('2026-01-15', { unit: 'month', count: 1 })).toBe('2026-02-14');
    expect(expiryFor('2026-01-01', { unit: 'month', count: 1 })).toBe('2026-01-31');
    expect(expiryFor('2026-01-31', { unit: 'month', count: 1 })).toBe('2026-02-28');
    expect(expiryFor('2028-01-31', { unit: 'month', count: 1 })).toBe('2028-02-29');
    expect(expiryFor('2026-11-20', { unit: 'month', count: 3 })).toBe('2027-02-19');
    expect(expiryFor('2026-03-01', { unit: 'month', count: 12 })).toBe('2027-02-28');
    expect(validityDays('2026-01-01', { unit: 'month', count: 1 })).toBe(31);
    expect(weekStart('2026-11-22')).toBe('2026-11-16'); // a Sunday belongs to the week that began on Monday
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
  });

  it('a month card always lasts 28–31 days, whatever day it starts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (n) => {
        const start = addDays('2025-01-01', n);
        const days = validityDays(start, { unit: 'month', count: 1 });
        return days >= 28 && days <= 31 && daysBetween(start, expiryFor(start, { unit: 'month', count: 1 })) === days - 1;
      }),
    );
  });

  it('status follows activation, freezes, the expiring window and expiry; terminal statuses stay', () => {
    const c = { status: 'active' as const, activatedOn: '2026-01-01', expiresOn: '2026-03-31' };
    expect(statusOn({ ...c, activatedOn: null }, '2026-01-05', [], 7)).toBe('pending');
    expect(statusOn(c, '2026-02-01', [], 7)).toBe('active');
    expect(statusOn(c, '2026-03-25', [], 7)).toBe('expiring');
    expect(statusOn(c, '2026-04-01', [], 7)).toBe('expired');
    expect(statusOn(c, '2026-02-01', [{ status: 'active', startOn: '2026-01-30', endOn: '2026-02-05', endedOn: null, isExpiryExtended: true }], 7)).toBe('frozen');
    expect(statusOn({ ...c, status: 'refunded' }, '2026-02-01', [], 7)).toBe('refunded');
  });

  it('days used leave out frozen days that moved the expiry', () => {
    const freezes = [{ status: 'ended' as const, startOn: '2026-01-11', endOn: '2026-01-20', endedOn: null, isExpiryExtended: true }];
    expect(daysUsed({ activatedOn: '2026-01-01', expiresOn: '2026-02-09', daysPaid: 30 }, freezes, '2026-01-25')).toBe(15);
    expect(daysUsed({ activatedOn: null, expiresOn: null, daysPaid: 30 }, [], '2026-01-25')).toBe(0);
    expect(daysUsed({ activatedOn: '2026-01-01', expiresOn: '2026-01-30', daysPaid: 30 }, [], '2026-06-01')).toBe(30);
  });
});

describe('revenue', () => {
  it('session cards recognise exactly what was paid over all their sessions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 60 }), fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 80 }), (paid, sessions, uses) => {
        let value = paid;
        let left = sessions;
        let recognised = 0;
        for (const u of uses) {
          if (left === 0) break;
          const units = Math.min(u, left);
          const r = consumptionRevenue({ isSessionCard: true, valueRemaining: value, sessionsRemaining: left, paidAmount: paid, daysGranted: 0 }, units, true);
          expect(r).toBeGreaterThanOrEqual(0);
          value -= r;
          left -= units;
          recognised += r;
        }
        if (left === 0) expect(recognised).toBe(paid);
        expect(value).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('unlimited cards recognise one day’s value on the first use of a day only', () => {
    const c = { isSessionCard: false, valueRemaining: 30000, sessionsRemaining: 0, paidAmount: 30000, daysGranted: 30 };
    expect(consumptionRevenue(c, 1, true)).toBe(1000);
    expect(consumptionRevenue(c, 1, false)).toBe(0);
    expect(writeoffValue(700, 3, 7)).toBe(300);
    expect(writeoffValue(700, 7, 7)).toBe(700);
  });
});

describe('freeze policy', () => {
  const card: FreezeCardState = { status: 'active', activatedOn: '2026-01-01', expiresOn: '2026-03-31', daysGranted: 90, freezeCount: 0, freezeDaysUsed: 0, hasOpenFreeze: false };
  it('previews the new expiry', () => {
    const r = planFreeze(TERMS.freeze, card, { startOn: '2026-02-01', days: 14 }, '2026-01-20');
    expect(r.ok && r.plan).toMatchObject({ endOn: '2026-02-14', extensionDays: 14, newExpiresOn: '2026-04-14', freezesLeft: 1, daysLeft: 31, startsNow: false });
  });
  it('refuses what the policy does not allow', () => {
    const code = (over: Partial<typeof card>, req = { startOn: '2026-02-01', days: 14 }, policy = TERMS.freeze) => {
      const r = planFreeze(policy, { ...card, ...over }, req, '2026-01-20');
      return r.ok ? 'ok' : r.problem.code;
    };
    expect(code({}, { startOn: '2026-02-01', days: 3 })).toBe('CARD_FREEZE_TOO_SHORT');
    expect(code({}, { startOn: '2026-02-01', days: 31 })).toBe('CARD_FREEZE_TOO_LONG');
    expect(code({ freezeCount: 2 })).toBe('CARD_FREEZE_TIMES_EXCEEDED');
    expect(code({ freezeDaysUsed: 40 })).toBe('CARD_FREEZE_TOTAL_EXCEEDED');
    expect(code({ hasOpenFreeze: true, status: 'frozen' })).toBe('CARD_FREEZE_EXISTS');
    expect(code({ status: 'expired' })).toBe('CARD_FREEZE_STATUS');
    expect(code({}, { startOn: '2026-01-19', days: 7 })).toBe('CARD_FREEZE_START_PAST');
    expect(code({}, { startOn: '2026-04-01', days: 7 })).toBe('CARD_FREEZE_AFTER_EXPIRY');
    expect(code({}, undefined, { ...TERMS.freeze, noticeDays: 3 })).toBe('ok');
    expect(code({}, { startOn: '2026-01-21', days: 7 }, { ...TERMS.freeze, noticeDays: 3 })).toBe('CARD_FREEZE_NOTICE');
    expect(code({}, { startOn: '2026-03-28', days: 7 }, { ...TERMS.freeze, isExpiryExtended: false })).toBe('CARD_FREEZE_BEYOND_EXPIRY');
    expect(code({}, undefined, { ...TERMS.freeze, isAllowed: false })).toBe('CARD_FREEZE_NOT_ALLOWED');
  });
  it('ending early keeps the days frozen so far and gives the rest back', () => {
    expect(endFreeze({ startOn: '2026-02-01', days: 14, extensionDays: 14, isExpiryExtended: true }, '2026-02-06')).toEqual({ cancelled: false, endedOn: '2026-02-05', actualDays: 5, extensionRemoved: 9, daysReturned: 9 });
    expect(endFreeze({ startOn: '2026-02-01', days: 14, extensionDays: 14, isExpiryExtended: true }, '2026-01-30')).toMatchObject({ cancelled: true, extensionRemoved: 14, daysReturned: 14 });
  });
});

describe('use', () => {
  const facts: UseCardFacts = {
    status: 'active',
    holderId: 'mbr_A',
    issuingStoreId: 'sto_1',
    regionId: 'rgn_1',
    terms: TERMS,
    activatedOn: '2026-01-01',
    activateOn: null,
    activateBy: null,
    expiresOn: '2026-03-31',
    sessionsRemaining: 2,
    sessionsHeld: 1,
    freezes: [],
    family: null,
    usesOnDate: 0,
    usesInWeek: 0,
  };
  const req: UseRequestFacts = { userId: 'mbr_A', storeId: 'sto_1', storeRegionId: 'rgn_1', forDate: '2026-02-01', items: [{ type: 'course_category', id: 'yoga' }], units: 1, coachLevel: null };
  const code = (f: Partial<typeof facts> & Record<string, unknown>, r: Partial<typeof req> = {}) => {
    const v = checkUse({ ...facts, ...f } as never, { ...req, ...r });
    return v.ok ? 'ok' : v.problem.code;
  };
  it('accepts a valid use and refuses the wrong course, store, date, user or an empty card', () => {
    expect(code({})).toBe('ok');
    expect(code({}, { items: [{ type: 'course_category', id: 'pilates' }] })).toBe('CARD_NOT_FOR_ITEM');
    expect(code({}, { storeId: 'sto_2' })).toBe('CARD_NOT_IN_STORE');
    expect(code({ terms: { ...TERMS, storeScope: 'issuing_region' } }, { storeId: 'sto_2' })).toBe('ok');
    expect(code({ terms: { ...TERMS, storeScope: 'issuing_region' } }, { storeId: 'sto_2', storeRegionId: 'rgn_9' })).toBe('CARD_NOT_IN_STORE');
    expect(code({}, { forDate: '2026-04-01' })).toBe('CARD_EXPIRED_ON_DATE');
    expect(code({}, { units: 2 })).toBe('CARD_SESSIONS_INSUFFICIENT');
    expect(code({}, { userId: 'dep_B' })).toBe('CARD_USER_NOT_ALLOWED');
    expect(code({ family: { isActive: true, maxSessions: 1, sessionsUsed: 1, sessionsHeld: 0 } }, { userId: 'dep_B' })).toBe('CARD_FAMILY_LIMIT');
    expect(code({ status: 'refunded' })).toBe('CARD_NOT_USABLE');
    expect(code({ terms: { ...TERMS, perDayCap: 1 }, usesOnDate: 1 })).toBe('CARD_DAILY_CAP');
    expect(code({ terms: { ...TERMS, perWeekCap: 3 }, usesInWeek: 3 })).toBe('CARD_WEEKLY_CAP');
    expect(code({ terms: { ...TERMS, coachLevel: 'senior' } }, { coachLevel: 'junior' })).toBe('CARD_COACH_LEVEL');
    // A level-restricted package with a coach of unknown level: refused; the same level, or an unrestricted package: fine.
    expect(code({ terms: { ...TERMS, coachLevel: 'senior' } }, { coachLevel: null })).toBe('CARD_COACH_LEVEL');
    expect(code({ terms: { ...TERMS, coachLevel: 'senior' } }, { coachLevel: 'senior' })).toBe('ok');
    expect(code({}, { coachLevel: 'junior' })).toBe('ok');
  });
  it('first-use cards project their expiry from the day of use; freezes refuse or end on use', () => {
    const v = checkUse({ ...facts, activatedOn: null, expiresOn: null, terms: { ...TERMS, activationMode: 'first_use' } }, { ...req, forDate: '2026-05-10' });
    expect(v.ok && v.verdict).toMatchObject({ willActivate: true, expiresOn: '2026-08-09' });
    const frozen = { status: 'active' as const, startOn: '2026-01-25', endOn: '2026-02-07', endedOn: null, isExpiryExtended: true };
    expect(code({ freezes: [frozen] })).toBe('ok');
    expect(code({ freezes: [{ ...frozen, status: 'scheduled' }] })).toBe('CARD_FROZEN_ON_DATE');
    expect(code({ freezes: [frozen], terms: { ...TERMS, freeze: { ...TERMS.freeze, isAutoUnfreezeOnUse: false } } })).toBe('CARD_FROZEN_ON_DATE');
    expect(code({ activatedOn: null, expiresOn: null, activateOn: '2026-03-01', terms: { ...TERMS, activationMode: 'date' } })).toBe('CARD_NOT_STARTED');
  });
});

describe('refund formulas', () => {
  const base = { policy: TERMS.refund, paid: 90000, listPrice: 100000, basis: 'sessions' as const, total: 10, used: 3 };
  it('proportional, package unit price and list price with a cap, minus the fee, never below zero', () => {
    expect(cardRefundAmount(base)).toMatchObject({ deduction: 27000, fee: 0, amount: 63000 });
    expect(cardRefundAmount({ ...base, policy: { ...TERMS.refund, formula: 'package_unit_price' } })).toMatchObject({ deduction: 30000, amount: 60000 });
    expect(cardRefundAmount({ ...base, policy: { ...TERMS.refund, formula: 'list_price_capped', unitListPrice: 15000, deductionCapBp: 10000 } })).toMatchObject({ deduction: 45000, amount: 45000 });
    expect(cardRefundAmount({ ...base, policy: { ...TERMS.refund, formula: 'list_price_capped', unitListPrice: 15000, deductionCapBp: 3000 } })).toMatchObject({ deduction: 27000, amount: 63000 });
    expect(cardRefundAmount({ ...base, used: 10, policy: { ...TERMS.refund, formula: 'list_price_capped', unitListPrice: 15000 } })).toMatchObject({ deduction: 90000, amount: 0 });
    expect(cardRefundAmount({ ...base, policy: { ...TERMS.refund, feeFixed: 2000, feeBp: 500 } })).toMatchObject({ fee: 6500, amount: 56500 });
    expect(cardRefundAmount({ ...base, used: 10, policy: { ...TERMS.refund, feeFixed: 2000 } })).toMatchObject({ fee: 0, amount: 0 });
  });
  it('the amount is always within 0 … paid, and splits over fundings exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 120 }), fc.constantFrom('proportional', 'package_unit_price', 'list_price_capped'), fc.nat(10_000), fc.nat(5000), fc.array(fc.integer({ min: 0, max: 300_000 }), { minLength: 1, maxLength: 3 }), (paid, total, used, formula, capBp, fee, fundings) => {
        const r = cardRefundAmount({ ...base, paid, total, used, policy: { ...TERMS.refund, formula: formula as never, unitListPrice: 3000, deductionCapBp: capBp, feeFixed: fee } });
        expect(r.amount).toBeGreaterThanOrEqual(0);
        expect(r.amount).toBeLessThanOrEqual(paid);
        const lines = fundings.map((left, i) => ({ orderLineId: `l${i}`, left }));
        const split = splitOverFundings(r.amount, lines);
        const sum = [...split.values()].reduce((a, b) => a + b, 0);
        expect(sum).toBe(Math.min(r.amount, fundings.reduce((a, b) => a + b, 0)));
        for (const l of lines) expect(split.get(l.orderLineId) ?? 0).toBeLessThanOrEqual(l.left);
      }),
    );
  });
});

describe('transfer and upgrade', () => {
  const card: Parameters<typeof checkTransfer>[0] = { status: 'active', terms: TERMS, transferCount: 0, holderId: 'mbr_A', expiresOn: '2026-03-31' };
  it('refuses frozen, expired, same-member and over-limit transfers', () => {
    expect(checkTransfer(card, 'mbr_B', '2026-02-01')).toBeNull();
    expect(checkTransfer({ ...card, status: 'frozen' }, 'mbr_B', '2026-02-01')?.code).toBe('CARD_TRANSFER_FROZEN');
    expect(checkTransfer(card, 'mbr_B', '2026-04-01')?.code).toBe('CARD_TRANSFER_EXPIRED');
    expect(checkTransfer(card, 'mbr_A', '2026-02-01')?.code).toBe('CARD_TRANSFER_SAME_MEMBER');
    expect(checkTransfer({ ...card, transferCount: 1 }, 'mbr_B', '2026-02-01')?.code).toBe('CARD_TRANSFER_LIMIT');
  });
  it('an upgrade pays the list-price difference and keeps the sessions used', () => {
    const c: Parameters<typeof planUpgrade>[0] = { status: 'active', terms: TERMS, productId: 'cpr_A', listPrice: 100000, soldOn: '2026-01-01', activatedOn: '2026-01-01', expiresOn: '2026-03-31', sessionsRemaining: 7, sessionsHeld: 1, sessionsPaid: 10, daysGranted: 90, daysPaid: 90 };
    const to: Parameters<typeof planUpgrade>[1] = { id: 'cpr_B', price: 180000, isActive: true, terms: { ...TERMS, sessions: 20, validity: { unit: 'month', count: 6 } } };
    const r = planUpgrade(c, to, '2026-01-10');
    expect(r.ok && r.plan).toMatchObject({ difference: 80000, sessionsDelta: 10, daysDelta: 91, newExpiresOn: '2026-06-30' });
    const code = (over: Partial<typeof c>, t: Partial<typeof to> = {}, today = '2026-01-10') => {
      const x = planUpgrade({ ...c, ...over }, { ...to, ...t }, today);
      return x.ok ? 'ok' : x.problem.code;
    };
    expect(code({}, {}, '2026-01-16')).toBe('CARD_UPGRADE_WINDOW_PASSED');
    expect(code({}, { price: 90000 })).toBe('CARD_UPGRADE_NOT_HIGHER');
    expect(code({}, { terms: { ...TERMS, sessions: null, kind: 'time' } })).toBe('CARD_UPGRADE_INCOMPATIBLE');
    expect(code({ terms: { ...TERMS, upgrade: { windowDays: null, toProductIds: [] } } })).toBe('CARD_UPGRADE_NOT_ALLOWED');
    expect(code({ terms: { ...TERMS, upgrade: { windowDays: 14, toProductIds: ['cpr_C'] } } })).toBe('CARD_UPGRADE_TARGET_INVALID');
  });
});

describe('sale texts', () => {
  it('training schools are warned above 3 months or 60 class hours', () => {
    const s = { isTrainingSchool: true, prepayMaxMonths: 3, prepayMaxHours: 60 };
    expect(prepayWarnings({ validity: { unit: 'month', count: 3 }, sessions: 48 }, s)).toEqual([]);
    expect(prepayWarnings({ validity: { unit: 'month', count: 6 }, sessions: 48 }, s).map((w) => w.code)).toEqual(['PREPAY_OVER_MONTHS']);
    expect(prepayWarnings({ validity: { unit: 'day', count: 100 }, sessions: 72 }, s).map((w) => w.code)).toEqual(['PREPAY_OVER_MONTHS', 'PREPAY_OVER_HOURS']);
    expect(prepayWarnings({ validity: { unit: 'month', count: 12 }, sessions: 100 }, { ...s, isTrainingSchool: false })).toEqual([]);
  });
  it('the refund terms follow the formula in both languages', () => {
    const zh = termsLines(TERMS, 'zh-CN', ['本店保留最终解释权']);
    expect(zh.join('\n')).toContain('退款金额 = 实付金额 − 实付金额 × 已使用次 ÷ 总数');
    expect(zh.at(-1)).toBe('本店保留最终解释权');
    expect(termsLines({ ...TERMS, refund: { ...TERMS.refund, isAllowed: false } }, 'en').join('\n')).toContain('cannot be refunded');
  });
});
