import type { LineRow, OrderRow, RefundPaymentRow, RefundRow, TenderRow } from './order.repo';
import type { PricingStep } from './order.pricing.rules';
import type { OrderView, RefundView } from './order.types';

export function presentRefund(r: RefundRow, payments: RefundPaymentRow[]): RefundView {
  return {
    id: r.id,
    refundNo: r.refund_no,
    kind: r.kind,
    orderId: r.order_id,
    memberId: r.member_id,
    storeId: r.store_id,
    total: r.total,
    moneyTotal: r.money_total,
    storedValueTotal: r.stored_value_total,
    pointsReturned: r.points_returned,
    pointsClawedBack: r.points_clawed_back,
    pointsShortfallDeduction: r.points_shortfall_deduction,
    reason: r.reason,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    payments: payments.filter((p) => p.refund_id === r.id).map((p) => ({ method: p.method, amount: p.amount, points: p.points })),
  };
}

export function presentOrder(o: OrderRow, lines: LineRow[], tenders: TenderRow[], refunds: RefundRow[], refundPayments: RefundPaymentRow[]): OrderView {
  return {
    id: o.id,
    orderNo: o.order_no,
    storeId: o.store_id,
    memberId: o.member_id,
    status: o.status,
    listTotal: o.list_total,
    tierDiscount: o.tier_discount,
    couponDiscount: o.coupon_discount,
    pointsUsed: o.points_used,
    pointsValue: o.points_value,
    payable: o.payable,
    changeGiven: o.change_given,
    refundedTotal: o.refunded_total,
    pointsEarned: o.points_earned,
    pricing: (o.pricing_json as { steps?: PricingStep[] })?.steps ?? [],
    note: o.note,
    createdByName: o.created_by_name,
    businessDate: o.business_date,
    createdAt: o.created_at,
    lines: lines
      .filter((l) => l.order_id === o.id)
      .map((l) => ({
        id: l.id,
        lineNo: l.line_no,
        kind: l.kind,
        itemId: l.item_id,
        name: l.name,
        quantity: l.quantity,
        unitPrice: l.unit_price,
        listTotal: l.list_total,
        tierDiscount: l.tier_discount,
        couponDiscount: l.coupon_discount,
        pointsDiscount: l.points_discount,
        netTotal: l.net_total,
        refundedQuantity: l.refunded_quantity,
        refundedAmount: l.refunded_amount,
      })),
    tenders: tenders
      .filter((t) => t.order_id === o.id)
      .map((t) => ({ id: t.id, method: t.method, amount: t.amount, tendered: t.tendered, changeGiven: t.change_given, reference: t.reference, points: t.points, refundedAmount: t.refunded_amount })),
    refunds: refunds.filter((r) => r.order_id === o.id).map((r) => presentRefund(r, refundPayments)),
  };
}
