import { describe, expect, it } from 'vitest';
import { choosePrice, nameSyllables, normalizeCode, normalizeSku, prefixUpperBound, productTerms, rankMatch } from './product.rules';

describe('product search terms', () => {
  it('finds a product by any part of its name, its pinyin, initials, SKU and barcode', () => {
    const terms = productTerms({ name: '农夫山泉矿泉水 550ml', sku: 'DRK-001', barcode: '6921168509256' });
    for (const q of ['农夫', '矿泉水', '山泉', '550ml', 'nongfu', 'kuangquan', 'kqs', 'nfsq', 'drk001', '6921168509256']) {
      expect(terms.some((t) => t.startsWith(q)), q).toBe(true);
    }
    expect(terms).not.toContain('');
  });

  it('splits names into syllables: pinyin for characters, letter and digit runs kept', () => {
    expect(nameSyllables('瑜伽垫 6mm')).toEqual(['yu', 'jia', 'dian', '6mm']);
    expect(nameSyllables('Yoga Mat')).toEqual(['yogamat']);
  });

  it('normalises desk input: full-width digits, scanner newlines, SKU case', () => {
    expect(normalizeCode(' ６９２１１６８\n')).toBe('6921168');
    expect(normalizeSku(' drk-001 ')).toBe('DRK-001');
    expect(prefixUpperBound('kqs')).toBe('kqt');
  });

  it('ranks exact codes before names, names before other matches', () => {
    const p = { name: '运动毛巾', sku: 'TWL-01', barcode: '690000000001' };
    expect(rankMatch(p, '690000000001').kind).toBe('barcode');
    expect(rankMatch(p, 'twl-01').kind).toBe('sku');
    expect(rankMatch(p, '运动毛巾').kind).toBe('name');
    expect(rankMatch(p, 'ydmj').kind).toBe('namePrefix');
    expect(rankMatch(p, '毛巾').kind).toBe('term');
  });
});

describe('member price per tier vs tier discount', () => {
  const base = { listPrice: 10000, quantity: 2, tierDiscountBp: 1000, isTierDiscountable: true };
  it('uses the member price when it beats the tier discount, and then takes no tier discount', () => {
    expect(choosePrice({ ...base, memberPrice: 8500 })).toEqual({ unitPrice: 8500, isTierDiscountable: false, source: 'member' });
  });
  it('keeps the list price with the tier discount when that is cheaper', () => {
    expect(choosePrice({ ...base, memberPrice: 9500 })).toEqual({ unitPrice: 10000, isTierDiscountable: true, source: 'list' });
    expect(choosePrice({ ...base, memberPrice: 9000 })).toEqual({ unitPrice: 10000, isTierDiscountable: true, source: 'list' });
  });
  it('without a member price or tier: the list price', () => {
    expect(choosePrice({ ...base, memberPrice: null })).toEqual({ unitPrice: 10000, isTierDiscountable: true, source: 'list' });
    expect(choosePrice({ ...base, tierDiscountBp: 0, memberPrice: 9900 })).toEqual({ unitPrice: 9900, isTierDiscountable: false, source: 'member' });
  });
  it('a non-discountable item still gets its member price', () => {
    expect(choosePrice({ ...base, isTierDiscountable: false, memberPrice: 9900 })).toEqual({ unitPrice: 9900, isTierDiscountable: false, source: 'member' });
  });
  it('an override is final', () => {
    expect(choosePrice({ ...base, memberPrice: 8000, override: 7000 })).toEqual({ unitPrice: 7000, isTierDiscountable: false, source: 'override' });
  });
});
