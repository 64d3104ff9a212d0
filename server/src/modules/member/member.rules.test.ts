import { describe, expect, it } from 'vitest';
import { lunarBirthdayIn, lunarMonthDay, lunarToSolar, solarToLunar } from './lunar.rules';
import {
  ageOn,
  checkCustomValue,
  formatMemberNo,
  isUnder14,
  isValidCnResidentId,
  memberTerms,
  nameKeys,
  nameMatchKind,
  nameTerms,
  normalizeCardNo,
  parseRangeFilter,
  parseSearchQuery,
  prefixUpperBound,
  splitTags,
  zonedDayStart,
} from './member.rules';

describe('names → pinyin and search terms', () => {
  it('reads surnames as surnames and writes ü as v', () => {
    expect(nameKeys('张小明')).toMatchObject({ pinyin: 'zhangxiaoming', initials: 'zxm' });
    expect(nameKeys('曾小贤').pinyin).toBe('zengxiaoxian');
    expect(nameKeys('单田芳').pinyin).toBe('shantianfang');
    expect(nameKeys('解晓东').initials).toBe('xxd');
    expect(nameKeys('吕布').pinyin).toBe('lvbu');
    expect(nameKeys('Alice Wang')).toMatchObject({ pinyin: 'alicewang', initials: 'aw' });
  });

  it('makes every substring a prefix of some term', () => {
    const terms = nameTerms('张小明');
    expect(terms.sort()).toEqual(['zhangxiaoming', 'xiaoming', 'zxm', '张小明', '小明'].sort());
    const hit = (q: string) => terms.some((t) => t.startsWith(q));
    for (const q of ['张', '小', '小明', '张小', 'zxm', 'zx', 'zhangx', 'xiaom']) expect(hit(q)).toBe(true);
    expect(hit('李')).toBe(false);
    expect(nameTerms('欧阳娜娜')).toEqual(expect.arrayContaining(['欧阳娜娜', '阳娜娜', '娜娜', 'ouyangnana', 'oynn']));
  });

  it('adds the children’s names to a guardian’s terms, deduplicated', () => {
    const terms = memberTerms('王芳', ['李小宝', '李小宝']);
    expect(terms).toEqual(expect.arrayContaining(['王芳', 'wangfang', 'fang', 'wf', '李小宝', '小宝', 'lxb', 'xiaobao']));
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('upper bounds a prefix in code-point order', () => {
    expect(prefixUpperBound('zxm')).toBe('zxn');
    expect(prefixUpperBound('小')).toBe(String.fromCodePoint('小'.codePointAt(0)! + 1));
    for (const t of ['zxm', 'zxma', 'zxm张']) expect(t >= 'zxm' && t < prefixUpperBound('zxm')).toBe(true);
    expect('zxn' < prefixUpperBound('zxm')).toBe(false);
  });
});

describe('what the front desk typed', () => {
  it('tells numbers, codes and names apart', () => {
    expect(parseSearchQuery(' 8000 ')).toEqual({ digits: '8000', code: '8000', term: null });
    expect(parseSearchQuery('+86 138-0013-8000').digits).toBe('13800138000');
    expect(parseSearchQuery('m000123')).toEqual({ digits: null, code: 'M000123', term: 'm000123' });
    expect(parseSearchQuery('ＺＸＭ')).toMatchObject({ term: 'zxm' });
    expect(parseSearchQuery('小明').code).toBeNull();
    expect(parseSearchQuery('   ')).toEqual({ digits: null, code: null, term: null });
  });

  it('names how a name term matched', () => {
    const m = { name: '张小明', name_pinyin: 'zhangxiaoming', name_initials: 'zxm' };
    expect(nameMatchKind('小明', m)).toBe('name');
    expect(nameMatchKind('zxm', m)).toBe('initials');
    expect(nameMatchKind('xiaom', m)).toBe('pinyin');
    expect(nameMatchKind('lxb', m)).toBe('dependent');
  });
});

describe('identifiers, dates, tags, custom values', () => {
  it('formats member numbers and card numbers', () => {
    expect(formatMemberNo('M', 6, 123)).toBe('M000123');
    expect(formatMemberNo('YJ', 3, 12345)).toBe('YJ12345');
    expect(normalizeCardNo(' ab 12３4 ')).toBe('AB1234');
  });

  it('computes ages and the under-14 rule', () => {
    expect(ageOn('2012-11-23', '2026-11-22')).toBe(13);
    expect(ageOn('2012-11-22', '2026-11-22')).toBe(14);
    expect(isUnder14('2012-11-23', '2026-11-22')).toBe(true);
    expect(isUnder14('2012-11-22', '2026-11-22')).toBe(false);
  });

  it('splits tags the ways people type them', () => {
    expect(splitTags('VIP，瑜伽、早教;VIP | 私教')).toEqual(['VIP', '瑜伽', '早教', '私教']);
  });

  it('checks custom-field values by type', () => {
    const def = (type: 'text' | 'number' | 'date' | 'choice') => ({ id: 'f', key: 'k', type, options: [{ value: 'A' }], isRequired: false, isActive: true });
    expect(checkCustomValue(def('number'), '12.5')).toEqual({ ok: true, value: { text: null, number: 12.5, date: null } });
    expect(checkCustomValue(def('number'), 'abc')).toEqual({ ok: false, reason: 'invalid_number' });
    expect(checkCustomValue(def('date'), '2026-02-30')).toEqual({ ok: false, reason: 'invalid_date' });
    expect(checkCustomValue(def('choice'), 'B')).toEqual({ ok: false, reason: 'invalid_choice' });
    expect(checkCustomValue(def('text'), null)).toEqual({ ok: true, value: null });
    expect(parseRangeFilter('10..20')).toEqual({ min: '10', max: '20' });
    expect(parseRangeFilter('..20')).toEqual({ min: null, max: '20' });
    expect(parseRangeFilter('A')).toEqual({ eq: 'A' });
  });

  it('validates mainland resident ID numbers with their check digit', () => {
    expect(isValidCnResidentId('11010519491231002X')).toBe(true);
    expect(isValidCnResidentId('110105194912310021')).toBe(false);
    expect(isValidCnResidentId('110105194913310029')).toBe(false);
  });
});

describe('lunar birthdays', () => {
  it('converts between solar and lunar dates, including leap months', () => {
    expect(solarToLunar('2023-04-20')).toEqual({ year: 2023, month: 3, day: 1, isLeapMonth: false });
    expect(solarToLunar('2023-04-01')).toEqual({ year: 2023, month: 2, day: 11, isLeapMonth: true });
    expect(lunarToSolar({ year: 2023, month: 2, day: 11, isLeapMonth: true })).toBe('2023-04-01');
    expect(lunarToSolar({ year: 2024, month: 2, day: 11, isLeapMonth: true })).toBeNull();
    expect(lunarToSolar({ year: 2026, month: 1, day: 1, isLeapMonth: false })).toBe('2026-02-17');
  });

  it('finds this year’s solar day of a lunar birthday', () => {
    expect(lunarMonthDay({ month: 8, day: 15 })).toBe('08-15');
    expect(lunarBirthdayIn(2026, 8, 15)).toBe('2026-09-25');
    // In a month with 29 days, a day-30 birthday is celebrated on day 29.
    const short = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((m) => lunarToSolar({ year: 2026, month: m, day: 30, isLeapMonth: false }) === null);
    expect(short.length).toBeGreaterThan(0);
    for (const m of short) expect(lunarBirthdayIn(2026, m, 30)).toBe(lunarToSolar({ year: 2026, month: m, day: 29, isLeapMonth: false }));
  });
});

describe('business dates in the tenant’s time zone', () => {
  it('finds the UTC start of a business day', () => {
    expect(zonedDayStart('2026-11-22', 'Asia/Shanghai')).toBe('2026-11-21T16:00:00.000Z');
    expect(zonedDayStart('2026-07-01', 'Europe/Berlin')).toBe('2026-06-30T22:00:00.000Z');
    expect(zonedDayStart('2026-01-01', 'UTC')).toBe('2026-01-01T00:00:00.000Z');
  });
});
