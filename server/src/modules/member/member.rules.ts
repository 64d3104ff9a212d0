import { pinyin } from 'pinyin-pro';

/**
 * Pure member rules: how names become search keys, how the search box input is read, member
 * numbers, birthdays, tags and custom-field values. No I/O; unit-tested without a database.
 */

// ---- names → pinyin and search terms ----

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u;
const SEPARATORS = /[\s·•・.\-_'’()（）]+/gu;
const MAX_TERMS = 48;
const MAX_TERM_LENGTH = 64;

export interface NameKeys {
  /** Full pinyin without tones or spaces, lowercase (张小明 → zhangxiaoming). */
  pinyin: string;
  /** First letters of each syllable or word (张小明 → zxm). */
  initials: string;
  /** Syllables (CJK characters) and words (other scripts), in order. */
  syllables: string[];
}

/** One syllable or word per unit, with the units' original text. */
function units(name: string): { text: string; cjk: boolean }[] {
  const out: { text: string; cjk: boolean }[] = [];
  const s = normalizeText(name).toLowerCase();
  let word = '';
  for (const ch of s) {
    if (CJK.test(ch)) {
      if (word) out.push({ text: word, cjk: false });
      word = '';
      out.push({ text: ch, cjk: true });
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      word += ch;
    } else {
      if (word) out.push({ text: word, cjk: false });
      word = '';
    }
  }
  if (word) out.push({ text: word, cjk: false });
  return out;
}

const pinyinCache = new Map<string, NameKeys>();

/**
 * Pinyin of a name, with surnames read as surnames (曾 zeng, 单 shan, 解 xie, 朴 piao, 区 ou).
 * ü is written v, as pinyin keyboards type it (吕 → lv).
 */
export function nameKeys(name: string): NameKeys {
  const cached = pinyinCache.get(name);
  if (cached) return cached;
  const us = units(name);
  const cjkText = us.filter((u) => u.cjk).map((u) => u.text).join('');
  const readings = cjkText ? (pinyin(cjkText, { toneType: 'none', type: 'array', surname: 'head' }) as string[]) : [];
  let i = 0;
  const syllables = us.map((u) => (u.cjk ? (readings[i++] ?? u.text).toLowerCase().replace(/ü/g, 'v').replace(/[^a-z0-9v]/g, '') || u.text : u.text));
  const keys: NameKeys = { pinyin: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join(''), syllables };
  if (pinyinCache.size > 50_000) pinyinCache.clear();
  pinyinCache.set(name, keys);
  return keys;
}

/**
 * Search terms of a person's name: the name and every suffix of two or more characters that
 * starts at a character or word boundary (so any substring of two characters or more, and any
 * leading character, is a prefix of some term), the full pinyin, the given name's pinyin and
 * the initials. The search box then needs one prefix-range lookup. Kept few on purpose: an
 * import writes them for every member (a lone given-name character, 明, is not a term).
 * 张小明 → 张小明 小明 zhangxiaoming xiaoming zxm
 */
export function nameTerms(name: string): string[] {
  const us = units(name);
  if (!us.length) return [];
  const out = new Set<string>();
  const texts = us.map((u) => u.text);
  for (let i = 0; i < texts.length; i++) {
    const suffix = texts.slice(i).join('');
    if (i === 0 || Array.from(suffix).length >= 2) out.add(suffix);
  }
  const { pinyin: full, initials, syllables } = nameKeys(name);
  out.add(full);
  if (syllables.length > 1) out.add(syllables.slice(1).join(''));
  out.add(initials);
  return [...out].filter((t) => t.length > 0).map((t) => t.slice(0, MAX_TERM_LENGTH));
}

/** Terms for a member: their own name and the names of the children they are guardian of. */
export function memberTerms(name: string, dependentNames: string[] = []): string[] {
  const out = new Set<string>(nameTerms(name));
  for (const d of dependentNames) for (const t of nameTerms(d)) out.add(t);
  return [...out].slice(0, MAX_TERMS);
}

/**
 * The smallest string greater than every string starting with `prefix`, in code-point (byte)
 * order: `term >= prefix and term < upper` is a prefix match that uses a plain index.
 */
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

/** NFKC (full-width → half-width), separators collapsed. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

// ---- what the desk typed ----

export interface SearchQuery {
  /** Digits only (spaces, dashes and +86 removed), when the input is a number. */
  digits: string | null;
  /** Upper-case compact form for member and card numbers. */
  code: string | null;
  /** Lower-case compact form for name / pinyin terms, when the input has letters or CJK. */
  term: string | null;
}

export function parseSearchQuery(raw: string): SearchQuery {
  const s = normalizeText(raw);
  if (!s) return { digits: null, code: null, term: null };
  let digitText = s.replace(/[\s\-()]/g, '');
  if (digitText.startsWith('+86')) digitText = digitText.slice(3);
  const digits = /^\d+$/.test(digitText) ? digitText : null;
  const compact = s.replace(SEPARATORS, '');
  const code = /^[A-Za-z0-9]+$/.test(compact) && compact.length <= 40 ? compact.toUpperCase() : null;
  const term = digits ? null : compact.toLowerCase().replace(/ü/g, 'v').slice(0, MAX_TERM_LENGTH) || null;
  return { digits, code, term };
}

export type MatchKind = 'memberNo' | 'cardNo' | 'mobile' | 'mobileTail' | 'mobilePrefix' | 'name' | 'pinyin' | 'initials' | 'dependent';

/** Rank of a match kind: exact identifiers first, then the mobile tail, then names. */
export const MATCH_RANK: Record<MatchKind, number> = {
  memberNo: 0,
  cardNo: 0,
  mobile: 0,
  mobileTail: 1,
  mobilePrefix: 2,
  name: 3,
  pinyin: 3,
  initials: 3,
  dependent: 4,
};

/** How a name-term hit matched the member, for the result list's hint. */
export function nameMatchKind(term: string, member: { name: string; name_pinyin: string; name_initials: string }): MatchKind {
  const name = normalizeText(member.name).toLowerCase().replace(SEPARATORS, '');
  if (name.includes(term)) return 'name';
  if (member.name_initials.includes(term)) return 'initials';
  if (member.name_pinyin.includes(term)) return 'pinyin';
  return 'dependent';
}

// ---- identifiers ----

export const MOBILE_RE = /^1[3-9]\d{9}$/;

export function mobileLast4(mobile: string | null): string | null {
  return mobile && mobile.length >= 4 ? mobile.slice(-4) : null;
}

export function formatMemberNo(prefix: string, width: number, n: number): string {
  return `${prefix}${String(n).padStart(width, '0')}`;
}

/** Card numbers as printed or scanned: spaces removed, letters upper-case. */
export function normalizeCardNo(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

// ---- dates ----

export function monthDay(date: string): string {
  return date.slice(5, 10);
}

/** Whole years between a birthday and a business date. */
export function ageOn(birthday: string, today: string): number {
  const [by, bm, bd] = birthday.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** PIPL: children under 14 need a guardian's separate consent. */
export function isUnder14(birthday: string, today: string): boolean {
  return ageOn(birthday, today) < 14;
}

export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Add days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// ---- tags ----

export const MAX_TAGS = 30;

/** Tags trimmed, deduplicated, order kept. */
export function normalizeTags(tags: string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const v = normalizeText(t);
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

/** Tags typed into one cell: 会员,VIP；瑜伽、早教 | 私教 */
export function splitTags(cell: string): string[] {
  return normalizeTags(cell.split(/[,，;；、|/]+/));
}

// ---- custom fields ----

export type CustomFieldType = 'text' | 'number' | 'date' | 'choice';

export interface CustomFieldDef {
  id: string;
  key: string;
  type: CustomFieldType;
  options: { value: string }[];
  isRequired: boolean;
  isActive: boolean;
}

export type CustomValue = { text: string | null; number: number | null; date: string | null };

export type CustomCheck = { ok: true; value: CustomValue | null } | { ok: false; reason: 'invalid_number' | 'invalid_date' | 'invalid_choice' | 'too_long' | 'invalid_type' };

/** A value for a custom field from JSON (API) or from a file cell (strings); null clears it. */
export function checkCustomValue(def: CustomFieldDef, raw: unknown): CustomCheck {
  if (raw === null || raw === undefined || raw === '') return { ok: true, value: null };
  switch (def.type) {
    case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, reason: 'invalid_type' };
      const v = normalizeText(String(raw));
      if (v.length > 200) return { ok: false, reason: 'too_long' };
      return { ok: true, value: v ? { text: v, number: null, date: null } : null };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
      if (!Number.isFinite(n)) return { ok: false, reason: 'invalid_number' };
      return { ok: true, value: { text: null, number: n, date: null } };
    }
    case 'date': {
      if (typeof raw !== 'string' || !isValidDate(raw.trim())) return { ok: false, reason: 'invalid_date' };
      return { ok: true, value: { text: null, number: null, date: raw.trim() } };
    }
    case 'choice': {
      if (typeof raw !== 'string') return { ok: false, reason: 'invalid_type' };
      const v = raw.trim();
      if (!def.options.some((o) => o.value === v)) return { ok: false, reason: 'invalid_choice' };
      return { ok: true, value: { text: v, number: null, date: null } };
    }
  }
}

export function customValueOut(type: CustomFieldType, v: { value_text: string | null; value_number: number | null; value_date: string | null }): string | number | null {
  if (type === 'number') return v.value_number;
  if (type === 'date') return v.value_date;
  return v.value_text;
}

/** Custom-field filter input: `value`, or `min..max` for numbers and dates (either side optional). */
export function parseRangeFilter(raw: string): { eq: string } | { min: string | null; max: string | null } {
  const m = /^(.*)\.\.(.*)$/.exec(raw);
  if (!m) return { eq: raw };
  return { min: m[1] || null, max: m[2] || null };
}

// ---- ID numbers ----

/** Mainland resident ID (18 digits, ISO 7064 MOD 11-2 check digit). */
export function isValidCnResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const checks = '10X98765432';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * weights[i];
  if (checks[sum % 11] !== id[17]) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return isValidDate(birth);
}

// ---- time zones ----

/** Offset of a time zone from UTC at an instant, in ms (Asia/Shanghai → +8 h). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant at which a business date starts in a time zone ('2026-11-22', Shanghai → 2026-11-21T16:00Z). */
export function zonedDayStart(date: string, timeZone: string): string {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const first = guess - zoneOffsetMs(guess, timeZone);
  return new Date(guess - zoneOffsetMs(first, timeZone)).toISOString();
}
