import { describe, expect, it } from 'vitest';
import { buildDailyReport, maskName } from './report.rules';

describe('member names on receipts', () => {
  it('keeps the first and last character', () => {
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('Emily Chen')).toBe('E********n');
    expect(maskName('王')).toBe('王');
  });
});

describe('the daily cashier report', () => {
  const order = (id: string, over: Partial<Parameters<typeof buildDailyReport>[0]['orders'][0]> = {}) => ({
    id,
    member_id: null,
    list_total: 0,
    tier_discount: 0,
    coupon_discount: 0,
    points_used: 0,
    points_value: 0,
    payable: 0,
    change_given: 0,
    recharge_total: 0,
    ...over,
  });
  const line = (order_id: string, kind: string, name: string, quantity: number, unit: number, net: number, over: Partial<Parameters<typeof buildDailyReport>[0]['lines'][0]> = {}) => ({
    order_id,
    kind,
    item_id: `${kind}-${name}`,
    name,
    quantity,
    unit_price: unit,
    list_total: unit * quantity,
    net_total: net,
    points_discount: 0,
    refunded_quantity: 0,
    refunded_amount: 0,
    list_price: null,
    ...over,
  });

  it('adds up sales, discounts, refunds and tenders; net equals the money and stored-value tenders', () => {
    const r = buildDailyReport({
      storeId: 'sto_1',
      date: '2026-11-22',
      orders: [
        order('o1', { member_id: 'm1', list_total: 40000, tier_discount: 500, points_used: 300, points_value: 300, payable: 39200, change_given: 800 }),
        order('o2', { list_total: 100000, payable: 100000, recharge_total: 100000, member_id: 'm2' }),
        order('o3', { list_total: 600, payable: 600 }),
      ],
      lines: [
        line('o1', 'product', '瑜伽垫', 2, 16000, 31800, { list_price: 20000, points_discount: 200 }),
        line('o1', 'product', '伸展带', 1, 5000, 4400, { points_discount: 100 }),
        line('o1', 'fee', '入会费', 1, 3000, 3000),
        line('o2', 'recharge', '充1000', 1, 100000, 100000, { item_id: 'rpk_1' }),
        line('o3', 'product', '伸展带', 0 + 1, 600, 600),
      ],
      tenders: [
        { order_id: 'o1', method: 'stored_value', amount: 20000, points: 0 },
        { order_id: 'o1', method: 'cash', amount: 19200, points: 0 },
        { order_id: 'o1', method: 'points', amount: 300, points: 300 },
        { order_id: 'o2', method: 'wechat', amount: 100000, points: 0 },
        { order_id: 'o3', method: 'cash', amount: 600, points: 0 },
      ],
      refunds: [
        { id: 'r1', kind: 'order', total: 5000, money_total: 2400, stored_value_total: 2500, points_returned: 100 },
        { id: 'r2', kind: 'stored_value', total: 30000, money_total: 30000, stored_value_total: 36000, points_returned: 0 },
      ],
      refundPayments: [
        { refund_id: 'r1', method: 'cash', amount: 2400, points: 0 },
        { refund_id: 'r1', method: 'stored_value', amount: 2500, points: 0 },
        { refund_id: 'r1', method: 'points', amount: 0, points: 100 },
        { refund_id: 'r2', method: 'cash', amount: 30000, points: 0 },
      ],
    });
    expect(r.sales).toEqual({ orderCount: 3, memberOrderCount: 2, listTotal: 140600, payable: 139800, rechargeTotal: 100000, salesExRecharge: 39800, changeGiven: 800, averageOrder: 46600 });
    expect(r.discounts).toEqual({ tier: 500, coupon: 0, points: 300, pointsUsed: 300, memberPrice: 8000, total: 8800 });
    expect(r.refunds).toEqual({ count: 1, total: 5000, moneyTotal: 2400, storedValueTotal: 2500, paidBack: 4900, pointsReturned: 100 });
    expect(r.storedValuePayouts).toEqual({ count: 1, total: 30000 });
    expect(r.tenders).toEqual([
      { method: 'cash', sales: 19800, refunds: 32400, net: -12600, points: 0, pointsReturned: 0 },
      { method: 'wechat', sales: 100000, refunds: 0, net: 100000, points: 0, pointsReturned: 0 },
      { method: 'stored_value', sales: 20000, refunds: 2500, net: 17500, points: 0, pointsReturned: 0 },
      { method: 'points', sales: 300, refunds: 0, net: 300, points: 300, pointsReturned: 100 },
    ]);
    expect(r.net).toBe(139800 - 4900 - 30000);
    expect(r.net).toBe(r.tenders.filter((x) => x.method !== 'points').reduce((s, x) => s + x.net, 0));
    expect(r.byKind).toEqual([
      { kind: 'recharge', quantity: 1, netTotal: 100000 },
      { kind: 'product', quantity: 4, netTotal: 37100 },
      { kind: 'fee', quantity: 1, netTotal: 3000 },
    ]);
    expect(r.topItems.slice(0, 3).map((i) => [i.name, i.quantity, i.netTotal])).toEqual([
      ['充1000', 1, 100000],
      ['瑜伽垫', 2, 32000],
      ['伸展带', 2, 5100],
    ]);
  });

  it('an empty day is all zeros', () => {
    const r = buildDailyReport({ storeId: 's', date: '2026-11-22', orders: [], lines: [], tenders: [], refunds: [], refundPayments: [] });
    expect(r.sales.orderCount).toBe(0);
    expect(r.sales.averageOrder).toBe(0);
    expect(r.net).toBe(0);
    expect(r.tenders).toEqual([]);
  });
});
