import type { ShiftTotals } from '../../db/schema';

/**
 * Pure shift arithmetic. A drawer method's expected amount is what its orders took less what
 * its refunds paid out; cash adds the opening float and cash put in, less cash taken out.
 * Stored value and points never enter the drawer: they are shown, not counted.
 */
export const DRAWER_METHODS = ['cash', 'wechat', 'alipay', 'bank_card', 'other'] as const;
export type DrawerMethod = (typeof DRAWER_METHODS)[number];

export interface ShiftActivity {
  openingFloat: number;
  cashIn: number;
  cashOut: number;
  sales: { method: string; amount: number; points: number }[];
  refunds: { method: string; amount: number; points: number }[];
  orderCount: number;
  refundCount: number;
  changeGiven: number;
}

export function shiftTotals(a: ShiftActivity): ShiftTotals {
  const sum = (rows: { method: string; amount: number }[], m: string) => rows.filter((r) => r.method === m).reduce((s, r) => s + r.amount, 0);
  const methods = DRAWER_METHODS.map((method) => {
    const sales = sum(a.sales, method);
    const refunds = sum(a.refunds, method);
    const isCash = method === 'cash';
    const float = isCash ? a.openingFloat : 0;
    const cashIn = isCash ? a.cashIn : 0;
    const cashOut = isCash ? a.cashOut : 0;
    return { method, sales, refunds, cashIn, cashOut, float, expected: float + sales - refunds + cashIn - cashOut };
  }).filter((m) => m.method === 'cash' || m.sales !== 0 || m.refunds !== 0);
  const pts = (rows: { method: string; points: number; amount: number }[]) => rows.filter((r) => r.method === 'points');
  return {
    methods,
    orderCount: a.orderCount,
    refundCount: a.refundCount,
    changeGiven: a.changeGiven,
    storedValue: { sales: sum(a.sales, 'stored_value'), refunds: sum(a.refunds, 'stored_value') },
    points: { points: pts(a.sales).reduce((s, r) => s + r.points, 0), value: sum(a.sales, 'points'), returned: pts(a.refunds).reduce((s, r) => s + r.points, 0) },
  };
}

export type CountProblem = { code: 'SHIFT_COUNT_MISSING'; method: string } | { code: 'SHIFT_DIFFERENCE_REASON_REQUIRED'; difference: number };

export interface CountResult {
  rows: { method: string; expected: number; counted: number; difference: number }[];
  expectedTotal: number;
  countedTotal: number;
  /** Sum of the differences (counted − expected); each method's own difference is in `rows`. */
  differenceTotal: number;
  hasDifference: boolean;
}

/**
 * Compare what the closer counted with what was expected. Every method that expects something
 * (and cash, always) must be counted; any difference needs a reason.
 */
export function compareCounts(totals: ShiftTotals, counted: { method: string; counted: number }[], reason: string | null | undefined): { ok: true; result: CountResult } | { ok: false; problem: CountProblem } {
  const byMethod = new Map(counted.map((c) => [c.method, c.counted]));
  for (const m of totals.methods) if ((m.expected !== 0 || m.method === 'cash') && !byMethod.has(m.method)) return { ok: false, problem: { code: 'SHIFT_COUNT_MISSING', method: m.method } };
  const methods = [...new Set([...totals.methods.map((m) => m.method), ...counted.map((c) => c.method)])];
  const rows = methods.map((method) => {
    const expected = totals.methods.find((m) => m.method === method)?.expected ?? 0;
    const c = byMethod.get(method) ?? expected;
    return { method, expected, counted: c, difference: c - expected };
  });
  const result: CountResult = {
    rows,
    expectedTotal: rows.reduce((s, r) => s + r.expected, 0),
    countedTotal: rows.reduce((s, r) => s + r.counted, 0),
    differenceTotal: rows.reduce((s, r) => s + r.difference, 0),
    hasDifference: rows.some((r) => r.difference !== 0),
  };
  if (result.hasDifference && !reason?.trim()) return { ok: false, problem: { code: 'SHIFT_DIFFERENCE_REASON_REQUIRED', difference: result.differenceTotal } };
  return { ok: true, result };
}

/** Cash in the drawer right now (float + cash taken − cash refunded + in − out). */
export function cashInDrawer(totals: ShiftTotals): number {
  return totals.methods.find((m) => m.method === 'cash')?.expected ?? 0;
}

/** 静心瑜伽馆 store code + date + the shift's number that day: YOGA01-20261122-2. */
export function shiftNo(storeCode: string, businessDate: string, nthToday: number): string {
  return `${storeCode}-${businessDate.replaceAll('-', '')}-${nthToday}`;
}

/** Tender methods as the desk calls them. */
export const TENDER_NAMES: Record<string, { 'zh-CN': string; en: string }> = {
  cash: { 'zh-CN': '现金', en: 'Cash' },
  wechat: { 'zh-CN': '微信', en: 'WeChat Pay' },
  alipay: { 'zh-CN': '支付宝', en: 'Alipay' },
  bank_card: { 'zh-CN': '银行卡', en: 'Bank card' },
  other: { 'zh-CN': '其他', en: 'Other' },
  stored_value: { 'zh-CN': '储值', en: 'Stored value' },
  points: { 'zh-CN': '积分', en: 'Points' },
};

export function tenderName(method: string, locale: 'zh-CN' | 'en'): string {
  return TENDER_NAMES[method]?.[locale] ?? method;
}
