/**
 * Pure report logic: how a member's name shows on paper, and the daily cashier report built
 * from the day's order, line, tender and refund rows (so it can be checked without a database).
 */

/** 张小明 → 张*明, 张三 → 张*, Emily Chen → E********n: enough for the member to recognise, not for a stranger. */
export function maskName(name: string): string {
  const cps = Array.from(name.trim());
  if (cps.length <= 1) return cps.join('');
  if (cps.length === 2) return `${cps[0]}*`;
  return `${cps[0]}${'*'.repeat(cps.length - 2)}${cps[cps.length - 1]}`;
}

export interface DayOrderRow {
  id: string;
  member_id: string | null;
  list_total: number;
  tier_discount: number;
  coupon_discount: number;
  points_used: number;
  points_value: number;
  payable: number;
  change_given: number;
  recharge_total: number;
}

export interface DayLineRow {
  order_id: string;
  kind: string;
  item_id: string | null;
  name: string;
  quantity: number;
  unit_price: number;
  list_total: number;
  net_total: number;
  points_discount: number;
  refunded_quantity: number;
  refunded_amount: number;
  /** meta_json.listPrice when the line took a member price (or an override). */
  list_price: number | null;
}

export interface DayTenderRow {
  order_id: string;
  method: string;
  amount: number;
  points: number;
}

export interface DayRefundRow {
  id: string;
  kind: 'order' | 'stored_value';
  total: number;
  money_total: number;
  stored_value_total: number;
  points_returned: number;
}

export interface DayRefundPaymentRow {
  refund_id: string;
  method: string;
  amount: number;
  points: number;
}

export interface DailyCashierReport {
  storeId: string;
  date: string;
  sales: {
    orderCount: number;
    memberOrderCount: number;
    listTotal: number;
    /** What the orders came to after every discount and points: money and stored value taken. */
    payable: number;
    rechargeTotal: number;
    /** Payable less recharges: goods, services, fees and cards sold. */
    salesExRecharge: number;
    changeGiven: number;
    averageOrder: number;
  };
  discounts: { tier: number; coupon: number; points: number; pointsUsed: number; memberPrice: number; total: number };
  /** Refunds of orders made that day: the value of what was returned, and what went back as money and stored value. */
  refunds: { count: number; total: number; moneyTotal: number; storedValueTotal: number; paidBack: number; pointsReturned: number };
  /** Stored value paid out in money that day (储值退款). */
  storedValuePayouts: { count: number; total: number };
  /** Sales payable less what refunds paid back and stored-value payouts: the day's net takings in money and stored value. */
  net: number;
  tenders: { method: string; sales: number; refunds: number; net: number; points: number; pointsReturned: number }[];
  byKind: { kind: string; quantity: number; netTotal: number }[];
  topItems: { kind: string; itemId: string | null; name: string; quantity: number; netTotal: number }[];
}

const TENDER_ORDER = ['cash', 'wechat', 'alipay', 'bank_card', 'other', 'stored_value', 'points'];

/**
 * The day of a store: orders of the day (sales), refunds made that day (whatever day their order
 * was), per tender sales − refunds, discounts by step, sales by kind and the top items.
 */
export function buildDailyReport(input: {
  storeId: string;
  date: string;
  orders: DayOrderRow[];
  lines: DayLineRow[];
  tenders: DayTenderRow[];
  refunds: DayRefundRow[];
  refundPayments: DayRefundPaymentRow[];
  topN?: number;
}): DailyCashierReport {
  const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);
  const o = input.orders;
  const payable = sum(o, (r) => r.payable);
  const rechargeTotal = sum(o, (r) => r.recharge_total);
  const memberPrice = sum(input.lines, (l) => (l.list_price !== null && l.list_price > l.unit_price ? (l.list_price - l.unit_price) * l.quantity : 0));
  const orderRefunds = input.refunds.filter((r) => r.kind === 'order');
  const payouts = input.refunds.filter((r) => r.kind === 'stored_value');
  const discounts = { tier: sum(o, (r) => r.tier_discount), coupon: sum(o, (r) => r.coupon_discount), points: sum(o, (r) => r.points_value), pointsUsed: sum(o, (r) => r.points_used), memberPrice, total: 0 };
  discounts.total = discounts.tier + discounts.coupon + discounts.points + discounts.memberPrice;

  const methods = [...new Set([...input.tenders.map((t) => t.method), ...input.refundPayments.map((p) => p.method)])].sort((a, b) => rank(a) - rank(b));
  const tenders = methods.map((method) => {
    const sales = sum(input.tenders.filter((t) => t.method === method), (t) => t.amount);
    const refunds = sum(input.refundPayments.filter((p) => p.method === method), (p) => p.amount);
    return {
      method,
      sales,
      refunds,
      net: sales - refunds,
      points: sum(input.tenders.filter((t) => t.method === method), (t) => t.points),
      pointsReturned: sum(input.refundPayments.filter((p) => p.method === method), (p) => p.points),
    };
  });

  const kinds = new Map<string, { kind: string; quantity: number; netTotal: number }>();
  const items = new Map<string, { kind: string; itemId: string | null; name: string; quantity: number; netTotal: number }>();
  for (const l of input.lines) {
    const k = kinds.get(l.kind) ?? { kind: l.kind, quantity: 0, netTotal: 0 };
    k.quantity += l.quantity;
    k.netTotal += l.net_total + l.points_discount;
    kinds.set(l.kind, k);
    const key = `${l.kind}\u0000${l.item_id ?? l.name}`;
    const it = items.get(key) ?? { kind: l.kind, itemId: l.item_id, name: l.name, quantity: 0, netTotal: 0 };
    it.quantity += l.quantity;
    it.netTotal += l.net_total + l.points_discount;
    items.set(key, it);
  }
  const paidBack = sum(orderRefunds, (r) => r.money_total + r.stored_value_total);
  const payoutTotal = sum(payouts, (r) => r.money_total);
  return {
    storeId: input.storeId,
    date: input.date,
    sales: {
      orderCount: o.length,
      memberOrderCount: o.filter((r) => r.member_id).length,
      listTotal: sum(o, (r) => r.list_total),
      payable,
      rechargeTotal,
      salesExRecharge: payable - rechargeTotal,
      changeGiven: sum(o, (r) => r.change_given),
      averageOrder: o.length ? Math.round(payable / o.length) : 0,
    },
    discounts,
    refunds: {
      count: orderRefunds.length,
      total: sum(orderRefunds, (r) => r.total),
      moneyTotal: sum(orderRefunds, (r) => r.money_total),
      storedValueTotal: sum(orderRefunds, (r) => r.stored_value_total),
      paidBack,
      pointsReturned: sum(orderRefunds, (r) => r.points_returned),
    },
    storedValuePayouts: { count: payouts.length, total: payoutTotal },
    net: payable - paidBack - payoutTotal,
    tenders,
    byKind: [...kinds.values()].sort((a, b) => b.netTotal - a.netTotal),
    topItems: [...items.values()].sort((a, b) => b.netTotal - a.netTotal || b.quantity - a.quantity || a.name.localeCompare(b.name, 'zh-CN')).slice(0, input.topN ?? 10),
  };

  function rank(m: string): number {
    const i = TENDER_ORDER.indexOf(m);
    return i < 0 ? TENDER_ORDER.length : i;
  }
}
