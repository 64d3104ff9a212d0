// Named DTOs of the cashier & retail API (orders, catalogue, stock, shifts, reports), picked from
// the generated OpenAPI types so screens say `Order`, not paths[…].
import type { BodyOf, QueryOf, ResponseOf } from './types';

export type Order = ResponseOf<'/api/v1/orders/{orderId}', 'get'>;
export type OrderLine = Order['lines'][number];
export type OrderTender = Order['tenders'][number];
export type OrderRefund = Order['refunds'][number];
export type OrderQuery = QueryOf<'/api/v1/orders'>;
export type CheckoutBody = BodyOf<'/api/v1/orders', 'post'>;
export type CheckoutLine = CheckoutBody['lines'][number];
export type CheckoutTender = CheckoutBody['tenders'][number];
export type CheckoutQuote = ResponseOf<'/api/v1/orders/quote', 'post'>;
export type PricingStep = CheckoutQuote['steps'][number];
export type RefundQuote = ResponseOf<'/api/v1/orders/{orderId}/refund-quote', 'post'>;
export type Receipt = ResponseOf<'/api/v1/orders/{orderId}/receipt', 'get'>;

export type Product = ResponseOf<'/api/v1/products/{productId}', 'get'>;
export type ProductKind = Product['kind'];
export type ProductCreate = BodyOf<'/api/v1/products', 'post'>;
export type ProductUpdate = BodyOf<'/api/v1/products/{productId}', 'patch'>;
export type CashierItem = ResponseOf<'/api/v1/products/lookup', 'get'>;
export type Category = ResponseOf<'/api/v1/product-categories', 'get'>['items'][number];
export type QuickKey = ResponseOf<'/api/v1/stores/{storeId}/quick-keys', 'get'>['items'][number];
export type RechargePackage = ResponseOf<'/api/v1/recharge-packages', 'get'>['items'][number];
export type TierConfig = ResponseOf<'/api/v1/tier-config', 'get'>;
export type TierLevel = TierConfig['levels'][number];

export type MemberHit = ResponseOf<'/api/v1/members/search', 'get'>['items'][number];
export type MemberTier = ResponseOf<'/api/v1/members/{memberId}/tier', 'get'>;
export type StoredValue = ResponseOf<'/api/v1/members/{memberId}/stored-value', 'get'>;
export type PointsSummary = ResponseOf<'/api/v1/members/{memberId}/points', 'get'>;

export type StockLevel = ResponseOf<'/api/v1/stock', 'get'>['items'][number];
export type StockMove = ResponseOf<'/api/v1/stock/moves', 'get'>['items'][number];
export type StockMoveKind = StockMove['kind'];
export type StockDocument = ResponseOf<'/api/v1/stock/documents/{documentId}', 'get'>;
export type StockValuation = ResponseOf<'/api/v1/stock/valuation', 'get'>;

export type Shift = ResponseOf<'/api/v1/shifts/{shiftId}', 'get'>;
export type CurrentShift = ResponseOf<'/api/v1/shifts/current', 'get'>;
export type ShiftSettings = ResponseOf<'/api/v1/stores/{storeId}/shift-settings', 'get'>;
export type DailyReport = ResponseOf<'/api/v1/reports/cashier-daily', 'get'>;
