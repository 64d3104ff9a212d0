import { parseYuan } from '../../../shared/money';
import { normalizeMobile } from '../../../shared/validation';
import {
  type CustomFieldDef,
  type CustomValue,
  MOBILE_RE,
  checkCustomValue,
  isValidDate,
  normalizeCardNo,
  normalizeText,
  splitTags,
} from '../member.rules';

/**
 * Pure import rules: which member field a column is, how a cell becomes a value, and what is
 * wrong with a row (row, column, reason). The service does the I/O around them.
 */
export const IMPORT_FIELDS = [
  'name',
  'mobile',
  'gender',
  'birthday',
  'email',
  'address',
  'cardNo',
  'memberNo',
  'homeStore',
  'sourceChannel',
  'referrerName',
  'tags',
  'interests',
  'goals',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * Opening balances carried over from the system a tenant leaves: stored value (principal and
 * bonus, in yuan), points, and remaining sessions on a card product (with an optional expiry).
 * They land as ledger entries for NEW members only (an existing member's balance is adjusted in
 * the wallet instead, so a re-imported file cannot count a balance twice).
 */
export const OPENING_BALANCE_FIELDS = ['openingStoredValue', 'openingBonusValue', 'openingPoints', 'openingSessions', 'openingCardProduct', 'openingCardExpiry'] as const;
export type OpeningField = (typeof OPENING_BALANCE_FIELDS)[number];

/** The permission each opening-balance field needs besides member.import (they move assets). */
export const OPENING_PERMISSIONS: Record<OpeningField, string> = {
  openingStoredValue: 'wallet.adjust',
  openingBonusValue: 'wallet.adjust',
  openingPoints: 'points.adjust',
  openingSessions: 'card.adjust',
  openingCardProduct: 'card.adjust',
  openingCardExpiry: 'card.adjust',
};

/** At most this many sessions or points on one row (a typo guard, not a business rule). */
const OPENING_MAX_COUNT = 1_000_000;
/** At most ¥10,000,000 on one row. */
const OPENING_MAX_FEN = 1_000_000_000;

export interface OpeningValues {
  storedValue: number;
  bonusValue: number;
  points: number;
  sessions: number;
  /** The card product's name or code as written in the file. */
  cardProduct: string | null;
  /** The card product the name resolved to (set by the analysis against the database). */
  cardProductId: string | null;
  cardExpiry: string | null;
}

export function hasOpening(o: OpeningValues | null): o is OpeningValues {
  return !!o && (o.storedValue > 0 || o.bonusValue > 0 || o.points > 0 || o.sessions > 0);
}

export const IGNORE = 'ignore';

/** Header texts people use for each field (compared lower-case, without spaces or punctuation). */
const SYNONYMS: Record<string, string[]> = {
  name: ['姓名', '会员姓名', '客户姓名', '学员姓名', '名字', 'name', 'fullname', 'membername'],
  mobile: ['手机', '手机号', '手机号码', '电话', '联系电话', '电话号码', '联系方式', '移动电话', 'mobile', 'phone', 'mobilephone', 'tel'],
  gender: ['性别', 'gender', 'sex'],
  birthday: ['生日', '出生日期', '出生年月日', '生日公历', 'birthday', 'dateofbirth', 'dob', 'birthdate'],
  email: ['邮箱', '电子邮箱', '电子邮件', 'email', 'mail'],
  address: ['地址', '住址', '联系地址', '家庭住址', 'address'],
  cardNo: ['卡号', '会员卡号', '实体卡号', '卡片号码', 'cardnumber', 'cardno', 'card'],
  memberNo: ['会员编号', '会员号', '会员编码', '编号', 'membernumber', 'memberno', 'memberid'],
  homeStore: ['门店', '所属门店', '开卡门店', '归属门店', 'store', 'homestore'],
  sourceChannel: ['来源', '来源渠道', '渠道', '客户来源', 'source', 'sourcechannel', 'channel'],
  referrerName: ['推荐人', '介绍人', 'referrer', 'referredby'],
  tags: ['标签', '会员标签', 'tags', 'tag'],
  interests: ['兴趣', '爱好', '兴趣爱好', 'interests'],
  goals: ['目标', '健身目标', '学习目标', 'goals', 'goal'],
  notes: ['备注', '说明', '备注信息', 'notes', 'note', 'remark', 'remarks'],
  openingStoredValue: ['储值', '余额', '储值余额', '卡内余额', '账户余额', '剩余金额', 'storedvalue', 'balance'],
  openingBonusValue: ['赠送余额', '赠送金额', '赠金', 'bonus', 'bonusvalue'],
  openingPoints: ['积分', '剩余积分', '可用积分', 'points'],
  openingSessions: ['剩余次数', '剩余课时', '次数', '课时', 'sessions', 'remainingsessions'],
  openingCardProduct: ['卡项', '卡种', '卡类型', '会员卡类型', '卡项名称', 'cardproduct', 'cardtype'],
  openingCardExpiry: ['到期日', '到期日期', '有效期至', '卡到期日', '截止日期', 'expiry', 'expireson', 'cardexpiry'],
};

function canon(s: string): string {
  return normalizeText(s).toLowerCase().replace(/[\s_\-·.:：()（）/]/g, '');
}

/** A mapping column → field for headers we recognise (custom fields by label or key). */
export function suggestMapping(headers: string[], custom: { key: string; labelZh: string; labelEn: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  const used = new Set<string>();
  const lookup = new Map<string, string>();
  for (const [field, names] of Object.entries(SYNONYMS)) for (const n of names) lookup.set(canon(n), field);
  for (const c of custom) for (const n of [c.key, c.labelZh, c.labelEn]) lookup.set(canon(n), `custom.${c.key}`);
  for (const h of headers) {
    const field = lookup.get(canon(h));
    if (field && !used.has(field)) {
      out[h] = field;
      used.add(field);
    }
  }
  return out;
}

export type MappingProblem =
  | { kind: 'unknownColumn'; column: string }
  | { kind: 'unknownField'; column: string; field: string }
  | { kind: 'duplicateField'; field: string }
  | { kind: 'missingRequired'; field: string }
  | { kind: 'openingForbidden'; columns: string[]; permissions: string[] };

export function isOpeningField(field: string): field is OpeningField {
  return (OPENING_BALANCE_FIELDS as readonly string[]).includes(field);
}

/**
 * What is wrong with a mapping (empty when it is usable).
 * `can`: the importer's permissions, for the opening-balance columns (each moves an asset and
 * needs that asset's adjustment permission).
 */
export function checkMapping(mapping: Record<string, string>, headers: string[], customKeys: Set<string>, can: (permission: string) => boolean = () => false): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const seen = new Set<string>();
  const forbidden = { columns: [] as string[], permissions: new Set<string>() };
  for (const [column, field] of Object.entries(mapping)) {
    if (!headers.includes(column)) problems.push({ kind: 'unknownColumn', column });
    if (field === IGNORE) continue;
    const known = (IMPORT_FIELDS as readonly string[]).includes(field) || isOpeningField(field) || (field.startsWith('custom.') && customKeys.has(field.slice(7)));
    if (!known) problems.push({ kind: 'unknownField', column, field });
    else if (seen.has(field)) problems.push({ kind: 'duplicateField', field });
    else if (isOpeningField(field) && !can(OPENING_PERMISSIONS[field])) {
      forbidden.columns.push(column);
      forbidden.permissions.add(OPENING_PERMISSIONS[field]);
    }
    seen.add(field);
  }
  if (forbidden.columns.length) problems.push({ kind: 'openingForbidden', columns: forbidden.columns, permissions: [...forbidden.permissions] });
  for (const required of ['name', 'mobile']) if (!seen.has(required)) problems.push({ kind: 'missingRequired', field: required });
  // Sessions are kept on a card: the file names which one.
  if (seen.has('openingSessions') && !seen.has('openingCardProduct')) problems.push({ kind: 'missingRequired', field: 'openingCardProduct' });
  if (seen.has('openingCardExpiry') && !seen.has('openingSessions')) problems.push({ kind: 'missingRequired', field: 'openingSessions' });
  return problems;
}

// ---- cells → values ----

const GENDERS: Record<string, 'male' | 'female' | 'unknown'> = {
  男: 'male',
  男性: 'male',
  先生: 'male',
  m: 'male',
  male: 'male',
  女: 'female',
  女性: 'female',
  女士: 'female',
  f: 'female',
  female: 'female',
  未知: 'unknown',
  保密: 'unknown',
  unknown: 'unknown',
};

/** Dates as offices write them: 2026-01-02, 2026/1/2, 2026.1.2, 2026年1月2日, 20260102, Excel serials in XLSX. */
export function parseDateCell(raw: string, fromXlsx: boolean): string | null {
  const s = normalizeText(raw);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    return isValidDate(iso) ? iso : null;
  }
  if (fromXlsx && /^\d{4,5}(\.\d+)?$/.test(s)) {
    // Excel's day count from 1899-12-30 (its 1900 leap-year bug included).
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(s)) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  return null;
}

/** Bit of a field in ImportRecord.present (custom fields share one bit). */
export function fieldBit(field: string): number {
  const i = (IMPORT_FIELDS as readonly string[]).indexOf(field);
  return 1 << (i < 0 ? IMPORT_FIELDS.length : i);
}

export function hasField(rec: Pick<ImportRecord, 'present'>, field: ImportField): boolean {
  return (rec.present & fieldBit(field)) !== 0;
}

export function presentFields(rec: Pick<ImportRecord, 'present'>): string[] {
  return IMPORT_FIELDS.filter((f) => hasField(rec, f));
}

export interface ImportRecord {
  row: number;
  name: string;
  mobile: string;
  gender: 'male' | 'female' | 'unknown' | null;
  birthday: string | null;
  email: string | null;
  address: string | null;
  cardNo: string | null;
  memberNo: string | null;
  homeStoreId: string | null;
  sourceChannel: string | null;
  referrerName: string | null;
  tags: string[] | null;
  interests: string[] | null;
  goals: string | null;
  notes: string | null;
  custom: { fieldId: string; value: CustomValue }[];
  /** Opening balances on the row (null when the file maps none). */
  opening: OpeningValues | null;
  /** Fields present (non-empty) in the file, as a bit set over IMPORT_FIELDS: an update touches only these. */
  present: number;
}

export interface RowError {
  row: number;
  column: string | null;
  code: string;
  params?: Record<string, unknown>;
}

export interface RowContext {
  headers: string[];
  /** column index → field */
  columns: { index: number; header: string; field: string }[];
  custom: Map<string, CustomFieldDef>;
  /** store name or code (lower-case) → id */
  stores: Map<string, string>;
  defaultStoreId: string | null;
  today: string;
  fromXlsx: boolean;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function fail(errors: RowError[], row: number, column: string, code: string, params?: Record<string, unknown>): void {
  errors.push({ row, column, code, params });
}
const LIMITS: Partial<Record<ImportField, number>> = { name: 50, address: 200, sourceChannel: 30, referrerName: 50, goals: 500, notes: 2000, cardNo: 40, memberNo: 40 };

/**
 * One data row → a record and the reasons it cannot be imported (none when it can); the record
 * holds what could be read, so a bad row still takes part in duplicate checks.
 * `row` is the spreadsheet row (header = 1).
 */
export function readRow(cells: string[], row: number, ctx: RowContext): { record: ImportRecord; errors: RowError[] } {
  const errors: RowError[] = [];
  const rec: ImportRecord = {
    row,
    name: '',
    mobile: '',
    gender: null,
    birthday: null,
    email: null,
    address: null,
    cardNo: null,
    memberNo: null,
    homeStoreId: null,
    sourceChannel: null,
    referrerName: null,
    tags: null,
    interests: null,
    goals: null,
    notes: null,
    custom: [],
    opening: ctx.columns.some((c) => isOpeningField(c.field)) ? { storedValue: 0, bonusValue: 0, points: 0, sessions: 0, cardProduct: null, cardProductId: null, cardExpiry: null } : null,
    present: 0,
  };
  if (cells.length > ctx.headers.length && cells.slice(ctx.headers.length).some((c) => c.trim())) {
    errors.push({ row, column: null, code: 'too_many_cells', params: { expected: ctx.headers.length, got: cells.length } });
  }
  for (const { index, header, field } of ctx.columns) {
    const raw = (cells[index] ?? '').trim();
    if (!raw) continue;
    const limit = LIMITS[field as ImportField];
    // Normalised once: the length limit and the stored value use the same text.
    const norm = limit ? normalizeText(raw) : null;
    if (limit && norm!.length > limit) {
      fail(errors, row, header, 'too_long', { max: limit });
      continue;
    }
    if (isOpeningField(field)) {
      const o = rec.opening!;
      const cell = normalizeText(raw).replace(/[,，¥￥\s]/g, '').replace(/元$/, '');
      switch (field) {
        case 'openingStoredValue':
        case 'openingBonusValue': {
          const fen = yuanCell(cell);
          if (fen === null) fail(errors, row, header, 'amount_invalid');
          else if (fen < 0) fail(errors, row, header, 'opening_negative');
          else if (fen > OPENING_MAX_FEN) fail(errors, row, header, 'opening_too_large');
          else if (field === 'openingStoredValue') o.storedValue = fen;
          else o.bonusValue = fen;
          break;
        }
        case 'openingPoints':
        case 'openingSessions': {
          const n = /^-?\d+(\.0+)?$/.test(cell) ? Number.parseInt(cell, 10) : Number.NaN;
          if (Number.isNaN(n)) fail(errors, row, header, 'integer_invalid');
          else if (n < 0) fail(errors, row, header, 'opening_negative');
          else if (n > OPENING_MAX_COUNT) fail(errors, row, header, 'opening_too_large');
          else if (field === 'openingPoints') o.points = n;
          else o.sessions = n;
          break;
        }
        case 'openingCardProduct':
          o.cardProduct = normalizeText(raw);
          break;
        case 'openingCardExpiry': {
          const d = parseDateCell(raw, ctx.fromXlsx);
          if (!d) fail(errors, row, header, 'date_invalid');
          else if (d < ctx.today) fail(errors, row, header, 'opening_expiry_past');
          else o.cardExpiry = d;
          break;
        }
      }
      continue;
    }
    rec.present |= fieldBit(field);
    switch (field) {
      case 'name':
        rec.name = norm ?? normalizeText(raw);
        break;
      case 'mobile': {
        const m = normalizeMobile(raw.replace(/\.0$/, ''));
        if (!MOBILE_RE.test(m)) fail(errors, row, header, 'mobile_invalid');
        else rec.mobile = m;
        break;
      }
      case 'gender': {
        const g = GENDERS[raw.toLowerCase()];
        if (!g) fail(errors, row, header, 'gender_invalid');
        else rec.gender = g;
        break;
      }
      case 'birthday': {
        const d = parseDateCell(raw, ctx.fromXlsx);
        if (!d) fail(errors, row, header, 'date_invalid');
        else if (d > ctx.today) fail(errors, row, header, 'birthday_in_future');
        else rec.birthday = d;
        break;
      }
      case 'email':
        if (!EMAIL_RE.test(raw) || raw.length > 254) fail(errors, row, header, 'email_invalid');
        else rec.email = raw;
        break;
      case 'address':
        rec.address = norm ?? normalizeText(raw);
        break;
      case 'cardNo':
        rec.cardNo = normalizeCardNo(raw);
        break;
      case 'memberNo':
        if (!/^[A-Za-z0-9-]+$/.test(raw)) fail(errors, row, header, 'member_no_invalid');
        else rec.memberNo = raw.toUpperCase();
        break;
      case 'homeStore': {
        const id = ctx.stores.get(normalizeText(raw).toLowerCase());
        if (!id) fail(errors, row, header, 'store_unknown', { store: raw });
        else rec.homeStoreId = id;
        break;
      }
      case 'sourceChannel':
        rec.sourceChannel = norm ?? normalizeText(raw);
        break;
      case 'referrerName':
        rec.referrerName = norm ?? normalizeText(raw);
        break;
      case 'tags':
      case 'interests': {
        const list = splitTags(raw);
        if (list.length > 30 || list.some((t) => t.length > (field === 'tags' ? 20 : 30))) fail(errors, row, header, 'too_long', { max: field === 'tags' ? 20 : 30 });
        else if (field === 'tags') rec.tags = list;
        else rec.interests = list;
        break;
      }
      case 'goals':
        rec.goals = norm ?? normalizeText(raw);
        break;
      case 'notes':
        rec.notes = raw;
        break;
      default: {
        const def = ctx.custom.get(field.slice(7));
        if (!def) break;
        const r = checkCustomValue(def, def.type === 'date' ? (parseDateCell(raw, ctx.fromXlsx) ?? raw) : raw);
        if (!r.ok) fail(errors, row, header, r.reason);
        else if (r.value) rec.custom.push({ fieldId: def.id, value: r.value });
      }
    }
  }
  if (!rec.name && !errors.some((e) => e.code === 'too_long' && ctx.columns.find((c) => c.header === e.column)?.field === 'name')) {
    errors.push({ row, column: headerOf(ctx, 'name'), code: 'required' });
  }
  if (rec.opening && rec.opening.sessions > 0 && !rec.opening.cardProduct) errors.push({ row, column: headerOf(ctx, 'openingCardProduct'), code: 'opening_card_product_required' });
  if (!rec.mobile && !errors.some((e) => e.code === 'mobile_invalid')) errors.push({ row, column: headerOf(ctx, 'mobile'), code: 'required' });
  if (!rec.homeStoreId && !hasField(rec, 'homeStore')) {
    if (ctx.defaultStoreId) rec.homeStoreId = ctx.defaultStoreId;
    else if (!errors.some((e) => e.code === 'store_unknown')) errors.push({ row, column: headerOf(ctx, 'homeStore'), code: 'store_required' });
  }
  return { record: rec, errors };
}

/** "1,200.50" / "1200.5" / "88" → fen; null when it is not an amount of yuan with at most 2 decimals. */
function yuanCell(cell: string): number | null {
  try {
    return parseYuan(cell);
  } catch {
    return null;
  }
}

function headerOf(ctx: RowContext, field: string): string | null {
  return ctx.columns.find((c) => c.field === field)?.header ?? null;
}

/** Messages for row errors, in both languages (the error report is downloaded as CSV). */
export const ROW_MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  required: { 'zh-CN': '必填', en: 'Required' },
  mobile_invalid: { 'zh-CN': '手机号格式不正确(应为 11 位中国大陆手机号)', en: 'Invalid mobile number (11-digit mainland China number expected)' },
  mobile_duplicate_in_file: { 'zh-CN': '与第 {row} 行手机号重复', en: 'Same mobile number as row {row}' },
  mobile_taken: { 'zh-CN': '手机号已属于会员 {memberNo}', en: 'Mobile number already belongs to member {memberNo}' },
  card_duplicate_in_file: { 'zh-CN': '与第 {row} 行卡号重复', en: 'Same card number as row {row}' },
  card_taken: { 'zh-CN': '卡号已属于会员 {memberNo}', en: 'Card number already belongs to member {memberNo}' },
  member_no_duplicate_in_file: { 'zh-CN': '与第 {row} 行会员编号重复', en: 'Same member number as row {row}' },
  member_no_taken: { 'zh-CN': '会员编号已存在', en: 'Member number already exists' },
  member_no_invalid: { 'zh-CN': '会员编号只能包含字母、数字和 -', en: 'Member numbers contain letters, digits and - only' },
  gender_invalid: { 'zh-CN': '性别应为 男/女', en: 'Gender must be male/female (男/女)' },
  date_invalid: { 'zh-CN': '日期无法识别(例如 1990-05-20)', en: 'Unrecognised date (e.g. 1990-05-20)' },
  birthday_in_future: { 'zh-CN': '生日不能晚于今天', en: 'The birthday cannot be in the future' },
  email_invalid: { 'zh-CN': '邮箱格式不正确', en: 'Invalid email address' },
  store_unknown: { 'zh-CN': '没有名为“{store}”的门店', en: 'No store named “{store}”' },
  store_required: { 'zh-CN': '请填写门店,或在导入时选择默认门店', en: 'Give a store, or choose a default store for the import' },
  store_out_of_scope: { 'zh-CN': '没有该门店的数据权限', en: 'This store is outside your data scope' },
  too_long: { 'zh-CN': '内容过长(最多 {max} 个字)', en: 'Too long (at most {max} characters)' },
  too_many_cells: { 'zh-CN': '本行有 {got} 列,表头只有 {expected} 列', en: 'This row has {got} cells but the header has {expected}' },
  invalid_number: { 'zh-CN': '应为数字', en: 'Must be a number' },
  invalid_date: { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'Date must be YYYY-MM-DD' },
  invalid_choice: { 'zh-CN': '不是可选的选项', en: 'Not one of the options' },
  invalid_type: { 'zh-CN': '类型不正确', en: 'Wrong type' },
  amount_invalid: { 'zh-CN': '金额应为元,最多两位小数(例如 1200.50)', en: 'An amount in yuan with at most 2 decimals (e.g. 1200.50)' },
  integer_invalid: { 'zh-CN': '应为整数', en: 'Must be a whole number' },
  opening_negative: { 'zh-CN': '期初余额不能为负数', en: 'Opening balances cannot be negative' },
  opening_too_large: { 'zh-CN': '数值过大,请检查', en: 'The value is too large — please check it' },
  opening_expiry_past: { 'zh-CN': '到期日已过,无法导入剩余次数', en: 'The expiry date has passed; the remaining sessions cannot be imported' },
  opening_card_product_required: { 'zh-CN': '有剩余次数时请填写卡项', en: 'Name the card product for the remaining sessions' },
  opening_card_product_unknown: { 'zh-CN': '没有名为“{product}”的卡项', en: 'No card product named “{product}”' },
  opening_card_product_not_sessions: { 'zh-CN': '卡项“{product}”不是次卡/私教课包/体验卡,不能导入剩余次数', en: 'Card product “{product}” is not a count, private-lesson or trial card; remaining sessions cannot be imported onto it' },
  opening_existing_member: { 'zh-CN': '该手机号的会员已存在:期初余额只导入给新会员,老会员请在会员钱包/会员卡中调整', en: 'A member with this mobile exists: opening balances are imported for new members only; adjust an existing member’s wallet or card instead' },
};
