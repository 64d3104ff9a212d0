import './order.permissions';

export { createOrderService, type OrderService } from './order.service';
export { orderRoutes } from './order.routes';
export { OrderErrors } from './order.errors';
export type { MemberDirectory, OrderView, RefundView, CheckoutRequest, OrderLineHandler, OrderHooks, ResolvedItem, HandledLineKind } from './order.types';
export { HANDLED_LINE_KINDS } from './order.types';
export { MONEY_METHODS, type TenderMethod } from './order.pricing.rules';
export { verifyOrders } from './order.verify';
export type { RefundQuote, RefundRequest } from './order.refund';
export { tenderTotalsOfShift, type ShiftTenderTotals } from './order.shift-totals';
