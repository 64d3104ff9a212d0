import { randomBytes } from 'node:crypto';

/**
 * Sortable, prefixed text ids (`mbr_01JDX…`): a ULID (48-bit milliseconds + 80 random bits,
 * Crockford base32) behind a short type prefix. They sort by creation time on both databases,
 * read well on receipts and tell at a glance what an id points at.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const ID_PREFIXES = {
  tenant: 'tnt',
  region: 'rgn',
  store: 'sto',
  staff: 'stf',
  role: 'rol',
  session: 'ses',
  // member sign-in for the portal (0012_member_portal)
  memberSession: 'mss',
  memberLoginCode: 'mlc',
  apiKey: 'key',
  audit: 'aud',
  outbox: 'evt',
  member: 'mbr',
  memberTimeline: 'mtl',
  dependent: 'dep',
  dependentContact: 'dct',
  consent: 'cns',
  consentText: 'cnt',
  customField: 'cfd',
  importJob: 'imp',
  importMapping: 'imm',
  interaction: 'itx',
  importantDate: 'idt',
  lead: 'led',
  leadEvent: 'lev',
  order: 'ord',
  orderLine: 'oln',
  orderTender: 'otd',
  orderPayment: 'opy',
  refund: 'rfd',
  refundPayment: 'rfp',
  ledgerAccount: 'acc',
  journal: 'jnl',
  entry: 'ent',
  pointsLot: 'lot',
  pointsLotMove: 'lmv',
  pointsPending: 'ppd',
  rechargePackage: 'rpk',
  tierLevel: 'tir',
  tierEvent: 'tme',
  tierHistory: 'thi',
  // cashier & retail (0005_retail)
  productCategory: 'pct',
  product: 'prd',
  stockMove: 'smv',
  stockDocument: 'sdc',
  stockDocumentLine: 'sdl',
  shift: 'shf',
  shiftCashMove: 'scm',
  attendancePunch: 'atp',
  attendanceCorrection: 'atc',
  // membership cards (0006_cards)
  cardProduct: 'cpr',
  memberCard: 'mcd',
  cardFunding: 'cfn',
  cardFreeze: 'cfz',
  cardHold: 'chd',
  cardUsage: 'cus',
  cardRevenue: 'crv',
  cardSettlement: 'cst',
  cardWriteoff: 'cwo',
  cardEvent: 'cev',
  // classes & booking (0007_classes)
  course: 'crs',
  courseRoom: 'rom',
  courseTeacher: 'tch',
  timetable: 'ttb',
  classSession: 'cls',
  booking: 'bkg',
  checkIn: 'cki',
  makeupCredit: 'mkc',
  classFeedback: 'cfb',
  // 1:1 appointments (0010_appointments)
  appointment: 'apt',
  availabilityWindow: 'avw',
  availabilityException: 'avx',
  // cancellation policy (0011_cancel_policy)
  cancelFee: 'cfe',
} as const;

let lastMs = -1;
let lastRandom: number[] = [];

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

function randomDigits(): number[] {
  const bytes = randomBytes(16);
  const digits: number[] = [];
  for (let i = 0; i < 16; i++) digits.push(bytes[i] % 32);
  return digits;
}

/** Monotonic within a process: ids made in the same millisecond still sort in creation order. */
export function ulid(nowMs: number = Date.now()): string {
  let digits: number[];
  if (nowMs <= lastMs) {
    digits = lastRandom.slice();
    for (let i = 15; i >= 0; i--) {
      if (digits[i] < 31) {
        digits[i]++;
        break;
      }
      digits[i] = 0;
    }
    nowMs = lastMs;
  } else {
    digits = randomDigits();
    // Leave headroom so increments within one millisecond do not overflow.
    digits[0] = digits[0] % 16;
  }
  lastMs = nowMs;
  lastRandom = digits;
  return encodeTime(nowMs) + digits.map((d) => ALPHABET[d]).join('');
}

export type IdPrefix = string;

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid()}`;
}

/** Regex source for an id with the given prefix; used by zod schemas for path parameters. */
export function idPattern(prefix: IdPrefix): RegExp {
  return new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`);
}
