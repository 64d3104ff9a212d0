import { pinyin } from 'pinyin-pro';
import { type Fen, applyBasisPoints } from '../../shared/money';

/**
 * Pure catalogue rules: how scanner and desk input is normalised, the search terms a product is
 * found by, and which price a member pays (list price with the tier discount, or the member
 * price of their tier — whichever is lower, never both).
 */

/** SKUs are matched case-insensitively: stored upper-case, without surrounding spaces. */
export function normalizeSku(sku: string): string {
  return sku.normalize('NFKC').trim().toUpperCase();
}

/** Scanner input: full-width digits and letters folded, whitespace (the scanner's Enter) dropped. */
export function normalizeCode(code: string): string {
  return code.normalize('NFKC').replace(/\s+/g, '');
}

const MAX_TERM = 64;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** Lower-case, NFKC, no spaces or punctuation: the form terms and queries are compared in. */
export function normalizeTerm(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[\s\-_/.,·,。、()()【】\[\]'"“”‘’]+/g, '')
    .slice(0, MAX_TERM);
}

/** Syllables of a name: pinyin for Chinese characters, runs of letters/digits kept as they are. */
export function nameSyllables(name: string): string[] {
  const out: string[] = [];
  const chars = Array.from(normalizeTerm(name));
  let run = '';
  const flush = () => {
    if (run) out.push(run);
    run = '';
  };
  for (const ch of chars) {
    if (CJK.test(ch)) {
      flush();
      const py = (pinyin(ch, { toneType: 'none', type: 'array' }) as string[])[0] ?? ch;
      out.push(py.toLowerCase().replace(/ü/g, 'v').replace(/[^a-z0-9]/g, '') || ch);
    } else {
      run += ch;
    }
  }
  flush();
  return out;
}

/**
 * Terms a product is found by with one prefix-range lookup: every suffix of its name (so any
 * part of 农夫山泉矿泉水 — 矿泉水, 山泉 — is a prefix of a term), the pinyin and the initials
 * from every syllable on (kqs and kuangquan find it too), its SKU and barcode.
 */
export function productTerms(p: { name: string; sku: string | null; barcode: string | null }): string[] {
  const out = new Set<string>();
  const name = Array.from(normalizeTerm(p.name));
  for (let i = 0; i < name.length; i++) out.add(name.slice(i).join(''));
  const syl = nameSyllables(p.name);
  for (let i = 0; i < syl.length; i++) {
    out.add(syl.slice(i).join('').slice(0, MAX_TERM));
    out.add(
      syl
        .slice(i)
        .map((s) => s[0])
        .join(''),
    );
  }
  if (p.sku) out.add(normalizeTerm(p.sku));
  if (p.barcode) out.add(normalizeTerm(p.barcode));
  out.delete('');
  return [...out];
}

/** The smallest string greater than every string starting with `prefix` (for a range scan). */
export function prefixUpperBound(prefix: string): string {
  const cps = Array.from(prefix);
  while (cps.length) {
    const last = cps.pop()!;
    let cp = last.codePointAt(0)! + 1;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xe000;
    if (cp <= 0x10ffff) return cps.join('') + String.fromCodePoint(cp);
  }
  return '\u{10ffff}';
}

export type MatchKind = 'barcode' | 'sku' | 'name' | 'namePrefix' | 'term';

/** Rank search hits: exact codes first, then the exact name, names starting with the query, anything else. */
export function rankMatch(p: { name: string; sku: string | null; barcode: string | null }, query: string): { kind: MatchKind; rank: number } {
  const q = normalizeTerm(query);
  if (p.barcode && normalizeTerm(p.barcode) === q) return { kind: 'barcode', rank: 0 };
  if (p.sku && normalizeTerm(p.sku) === q) return { kind: 'sku', rank: 1 };
  const name = normalizeTerm(p.name);
  if (name === q) return { kind: 'name', rank: 2 };
  const syl = nameSyllables(p.name);
  if (name.startsWith(q) || syl.join('').startsWith(q) || syl.map((s) => s[0]).join('').startsWith(q)) return { kind: 'namePrefix', rank: 3 };
  return { kind: 'term', rank: 4 };
}

export interface PriceChoiceInput {
  listPrice: Fen;
  quantity: number;
  /** The member's tier discount (basis points), 0 without a member or tier. */
  tierDiscountBp: number;
  /** Whether the product takes the tier discount at all. */
  isTierDiscountable: boolean;
  /** The product's price for the member's tier, if it has one. */
  memberPrice: Fen | null;
  /** A permitted price override per unit (order.customPrice). */
  override?: Fen;
}

export interface PriceChoice {
  unitPrice: Fen;
  /** The order's tier step applies to the line. */
  isTierDiscountable: boolean;
  source: 'list' | 'member' | 'override';
}

/**
 * The member pays the lower of (list price less the tier discount) and (their tier's member
 * price); a member price replaces the tier discount, it never stacks with it. An override is the
 * final price of the line.
 */
export function choosePrice(i: PriceChoiceInput): PriceChoice {
  if (i.override !== undefined) return { unitPrice: i.override, isTierDiscountable: false, source: 'override' };
  if (i.memberPrice === null) return { unitPrice: i.listPrice, isTierDiscountable: i.isTierDiscountable, source: 'list' };
  const listTotal = i.listPrice * i.quantity;
  const withTier = listTotal - (i.isTierDiscountable && i.tierDiscountBp > 0 ? applyBasisPoints(listTotal, i.tierDiscountBp) : 0);
  if (i.memberPrice * i.quantity < withTier) return { unitPrice: i.memberPrice, isTierDiscountable: false, source: 'member' };
  return { unitPrice: i.listPrice, isTierDiscountable: i.isTierDiscountable, source: 'list' };
}

/** Flags a new item gets by kind: fees take no discount and no points, and earn none. */
export function kindDefaults(kind: 'product' | 'service' | 'fee'): { isTierDiscountable: boolean; isPointsPayable: boolean; isStoredValuePayable: boolean; unit: string } {
  if (kind === 'fee') return { isTierDiscountable: false, isPointsPayable: false, isStoredValuePayable: true, unit: '项' };
  if (kind === 'service') return { isTierDiscountable: true, isPointsPayable: true, isStoredValuePayable: true, unit: '次' };
  return { isTierDiscountable: true, isPointsPayable: true, isStoredValuePayable: true, unit: '件' };
}

/** Whether an item counts towards points earning and the tier spend metric: fees (join, late …) do not. */
export function isSpendKind(kind: 'product' | 'service' | 'fee'): boolean {
  return kind !== 'fee';
}
