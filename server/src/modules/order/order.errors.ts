import { defineErrors } from '../../shared/errors';

export const OrderErrors = defineErrors({
  ORDER_NOT_FOUND: { status: 404, 'zh-CN': '订单不存在', en: 'Order not found' },
  ORDER_MEMBER_REQUIRED: { status: 400, 'zh-CN': '{what}需要先选择会员', en: '{what} needs a member' },
  ORDER_MEMBER_NOT_FOUND: { status: 404, 'zh-CN': '会员不存在或已注销', en: 'Member not found or erased' },
  ORDER_TENDERS_MISMATCH: { status: 400, 'zh-CN': '支付合计 {tendered} 与应付 {payable} 不一致', en: 'Tenders add up to {tendered} but {payable} is due' },
  ORDER_STORED_VALUE_NOT_ALLOWED: { status: 400, 'zh-CN': '储值最多可支付 {limit}(充值等项目不能用储值支付)', en: 'Stored value can pay at most {limit} (not for recharges)' },
  ORDER_CASH_TENDERED_SHORT: { status: 400, 'zh-CN': '收取的现金少于现金支付金额', en: 'Cash handed over is less than the cash amount' },
  ORDER_TENDERED_ONLY_CASH: { status: 400, 'zh-CN': '只有现金可以找零', en: 'Only cash can give change' },
  ORDER_REFERENCE_REQUIRED: { status: 400, 'zh-CN': '请填写支付流水号', en: 'Enter the payment reference number' },
  ORDER_CUSTOM_PRICE_FORBIDDEN: { status: 403, 'zh-CN': '没有手工定价的权限', en: 'You may not enter custom prices' },
  ORDER_LINE_KIND_UNSUPPORTED: { status: 400, 'zh-CN': '暂不支持销售“{kind}”类项目', en: 'Items of kind “{kind}” cannot be sold yet' },
  ORDER_EMPTY: { status: 400, 'zh-CN': '订单没有任何项目', en: 'The order has no lines' },
  REFUND_QUOTE_STALE: { status: 409, 'zh-CN': '订单或余额已变化,请重新生成退款报价', en: 'The order or balances changed; get a new refund quote' },
  REFUND_QUANTITY_EXCEEDED: { status: 400, 'zh-CN': '退货数量超过可退数量 {refundable}', en: 'Refund quantity exceeds the refundable {refundable}' },
  REFUND_LINE_UNKNOWN: { status: 400, 'zh-CN': '订单中没有该项目', en: 'No such line in the order' },
  REFUND_EMPTY: { status: 400, 'zh-CN': '请选择要退的项目和数量', en: 'Choose the lines and quantities to refund' },
  REFUND_RECHARGE_SPENT: { status: 409, 'zh-CN': '充值金额已被使用,不能按订单退款,请改用储值退款', en: 'The recharged value was already spent; use a stored-value refund instead' },
  REFUND_METHOD_INVALID: { status: 400, 'zh-CN': '退款方式只能是现金或原支付渠道', en: 'Refunds go back in cash or the original payment method' },
});
