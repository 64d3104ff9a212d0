import { describe, expect, it } from 'vitest';
import { type CancelPolicy, type CancelRule, banUntil, checkCancelRules, decideCancellation, defaultCancelPolicy } from './course.rules';

const start = '2026-03-02T10:00:00.000Z';
const before = (minutes: number) => new Date(Date.parse(start) - minutes * 60_000).toISOString();
const rule = (window: CancelRule['window'], minutes: number | null, session: CancelRule['session'], feeFen = 0, countsTowardBan = false): CancelRule => ({ window, minutes, session, feeFen, countsTowardBan });

describe('cancellation policy rules', () => {
  it('the default list keeps the simple settings: in time released, late forfeited, no-shows forfeited, both strikes', () => {
    const p = defaultCancelPolicy(120, 3);
    expect(checkCancelRules(p.rules)).toEqual([]);
    expect(decideCancellation(p, { now: before(120), startsAt: start, graceUsedThisMonth: 0 })).toMatchObject({ ruleIndex: 0, session: 'release', isLate: false, countsTowardBan: false });
    expect(decideCancellation(p, { now: before(119), startsAt: start, graceUsedThisMonth: 0 })).toMatchObject({ ruleIndex: 1, session: 'forfeit', isLate: true, countsTowardBan: true });
    expect(decideCancellation(p, { now: before(-5), startsAt: start, graceUsedThisMonth: 0 })).toMatchObject({ ruleIndex: 2, session: 'forfeit' });
    expect(decideCancellation(p, { now: before(-90), startsAt: start, isNoShow: true, graceUsedThisMonth: 0 })).toMatchObject({ ruleIndex: 2, session: 'forfeit', countsTowardBan: true });
    expect(checkCancelRules(defaultCancelPolicy(0, 0).rules)).toEqual([]);
  });

  it('first match wins; fees, grace and waivers', () => {
    const p: CancelPolicy = {
      rules: [rule('at_least', 1440, 'release'), rule('less_than', 120, 'forfeit', 2000, true), rule('at_least', 120, 'release', 500), rule('after_start', null, 'forfeit', 3000, true)],
      graceLateCancelsPerMonth: 1,
      banAfterCount: 2,
      banDays: 7,
    };
    expect(checkCancelRules(p.rules)).toEqual([]);
    expect(decideCancellation(p, { now: before(600), startsAt: start, graceUsedThisMonth: 1 })).toMatchObject({ ruleIndex: 2, session: 'release', feeFen: 500, isLate: true });
    expect(decideCancellation(p, { now: before(30), startsAt: start, graceUsedThisMonth: 1 })).toMatchObject({ ruleIndex: 1, session: 'forfeit', feeFen: 2000, countsTowardBan: true, isGrace: false });
    // The month's first late cancellation is treated as in time.
    expect(decideCancellation(p, { now: before(30), startsAt: start, graceUsedThisMonth: 0 })).toMatchObject({ ruleIndex: 1, session: 'release', feeFen: 0, countsTowardBan: false, isGrace: true });
    // Grace never covers no-shows; a waiver covers anything.
    expect(decideCancellation(p, { now: before(-90), startsAt: start, isNoShow: true, graceUsedThisMonth: 0 })).toMatchObject({ session: 'forfeit', feeFen: 3000, isGrace: false });
    expect(decideCancellation(p, { now: before(30), startsAt: start, isWaived: true, graceUsedThisMonth: 0 })).toMatchObject({ session: 'release', feeFen: 0, isWaived: true, isGrace: false });
  });

  it('refuses rules that never apply and moments without a rule, naming the field', () => {
    expect(checkCancelRules([rule('at_least', 60, 'release'), rule('at_least', 120, 'release'), rule('after_start', null, 'forfeit')])).toEqual([
      { path: 'rules.1.minutes', code: 'never_applies' },
      { path: 'rules', code: 'uncovered', minutes: 30 },
    ]);
    expect(checkCancelRules([rule('after_start', null, 'forfeit'), rule('less_than', 60, 'forfeit'), rule('at_least', 60, 'release'), rule('after_start', null, 'release')])).toEqual([{ path: 'rules.3.window', code: 'never_applies' }]);
    expect(checkCancelRules([rule('at_least', 0, 'release')])).toEqual([{ path: 'rules', code: 'uncovered', minutes: 0 }]);
    expect(checkCancelRules([rule('at_least', null, 'release'), rule('after_start', 5, 'forfeit')])).toEqual([
      { path: 'rules.0.minutes', code: 'minutes_required' },
      { path: 'rules.1.minutes', code: 'minutes_not_allowed' },
    ]);
  });

  it('bans for D days from the strike that reached K within 30 days, or while 30 days hold K', () => {
    const day = (n: number) => new Date(Date.parse('2026-03-01T00:00:00.000Z') + n * 86_400_000).toISOString();
    expect(banUntil([day(0), day(10)], day(12), { banAfterCount: 2, banDays: 7 })).toBe(day(17));
    expect(banUntil([day(0), day(10)], day(18), { banAfterCount: 2, banDays: 7 })).toBeNull();
    expect(banUntil([day(0), day(31)], day(32), { banAfterCount: 2, banDays: 7 })).toBeNull();
    expect(banUntil([day(0), day(10)], day(12), { banAfterCount: 2, banDays: null })).toBe(day(30));
    expect(banUntil([day(0), day(10)], day(31), { banAfterCount: 2, banDays: null })).toBeNull();
    expect(banUntil([day(0), day(10)], day(12), { banAfterCount: 0, banDays: 7 })).toBeNull();
  });
});
