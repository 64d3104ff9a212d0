import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { paginationQuery, pageSchema } from '../../shared/pagination';
import { dateSchema, fenSchema, idSchema, positiveFenSchema, text } from '../../shared/validation';

export const orderIdParam = z.object({ orderId: idSchema(ID_PREFIXES.order) });

const tenderMethod = z.enum(['cash', 'wechat', 'alipay', 'bank_card', 'stored_value', 'other']);

const lineRequest = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('recharge'), packageId: idSchema(ID_PREFIXES.rechargePackage), quantity: z.number().int().min(1).max(99).optional() }),
  z.strictObject({
    kind: z.literal('custom'),
    name: text(100),
    unitPrice: fenSchema.refine((v) => v >= 0, 'must not be negative'),
    quantity: z.number().int().min(1).max(9999),
    isTierDiscountable: z.boolean().optional(),
  }),
  ...(['product', 'service', 'fee', 'card', 'class_fee'] as const).map((kind) =>
    z.strictObject({
      kind: z.literal(kind),
      itemId: z.string().min(3).max(64).describe('Catalogue id of the product, service item, fee or card product; for class_fee the late-cancel fee (cfe_…)'),
      quantity: z.number().int().min(1).max(9999),
      unitPrice: fenSchema.refine((v) => v >= 0, 'must not be negative').optional().describe('Price override per unit (needs order.customPrice)'),
      options: z.record(z.string(), z.unknown()).optional().describe('Item-specific choices, e.g. a card’s activation date'),
    }),
  ),
]);

const basket = {
  storeId: idSchema(ID_PREFIXES.store),
  memberId: idSchema(ID_PREFIXES.member).nullable().optional(),
  lines: z.array(lineRequest).min(1).max(200),
  pointsToUse: z.number().int().min(0).optional().describe('Points the member chooses to pay with'),
};

export const checkoutQuoteBody = z.strictObject(basket);

export const checkoutBody = z.strictObject({
  ...basket,
  tenders: z
    .array(
      z.strictObject({
        method: tenderMethod,
        amount: positiveFenSchema.describe('Amount applied to the order, fen'),
        tendered: positiveFenSchema.optional().describe('Cash handed over (cash only); the rest is change'),
        reference: z.string().trim().min(1).max(64).optional().describe('WeChat / Alipay / card transaction number'),
      }),
    )
    .max(10),
  note: z.string().trim().max(500).nullable().optional(),
});

const pricingStep = z.union([
  z.object({ step: z.literal('list'), amount: z.number() }),
  z.object({ step: z.literal('tier'), tierName: z.string().nullable(), rateBp: z.number(), discount: z.number() }),
  z.object({ step: z.literal('coupon'), discount: z.number() }),
  z.object({ step: z.literal('points'), points: z.number(), value: z.number(), maxPoints: z.number() }),
]);

const amounts = { listTotal: z.number(), tierDiscount: z.number(), couponDiscount: z.number(), pointsDiscount: z.number(), netTotal: z.number() };

export const checkoutQuoteSchema = z.object({
  memberId: z.string().nullable(),
  tier: z.object({ id: z.string().nullable(), name: z.string().nullable(), discountBp: z.number(), pointsMultiplierBp: z.number() }),
  lines: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      itemId: z.string().nullable(),
      quantity: z.number(),
      unitPrice: z.number().describe('Price per unit charged (member price or override when one applies)'),
      listUnitPrice: z.number().describe('Catalogue list price per unit'),
      priceSource: z.enum(['list', 'member', 'override']),
      ...amounts,
    }),
  ),
  steps: z.array(pricingStep),
  pointsRule: z.object({ fenPerPoint: z.number(), step: z.number() }).describe('What one point is worth (fen) and the step points are used in'),
  listTotal: z.number(),
  payable: z.number().describe('What money and stored-value tenders must cover, fen'),
  storedValueLimit: z.number(),
  maxPoints: z.number(),
  pointsToEarn: z.number(),
  balances: z.object({ storedValue: z.number(), points: z.number() }).nullable(),
});

export const refundViewSchema = z.object({
  id: z.string(),
  refundNo: z.string(),
  kind: z.enum(['order', 'stored_value']),
  orderId: z.string().nullable(),
  memberId: z.string().nullable(),
  storeId: z.string(),
  total: z.number(),
  moneyTotal: z.number(),
  storedValueTotal: z.number(),
  pointsReturned: z.number(),
  pointsClawedBack: z.number(),
  pointsShortfallDeduction: z.number(),
  reason: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  payments: z.array(z.object({ method: z.string(), amount: z.number(), points: z.number() })),
});

export const orderSchema = z.object({
  id: z.string(),
  orderNo: z.string(),
  storeId: z.string(),
  memberId: z.string().nullable(),
  status: z.enum(['paid', 'partially_refunded', 'refunded']),
  listTotal: z.number(),
  tierDiscount: z.number(),
  couponDiscount: z.number(),
  pointsUsed: z.number(),
  pointsValue: z.number(),
  payable: z.number(),
  changeGiven: z.number(),
  refundedTotal: z.number(),
  pointsEarned: z.number(),
  pricing: z.array(pricingStep),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  businessDate: z.string(),
  createdAt: z.string(),
  lines: z.array(z.object({ id: z.string(), lineNo: z.number(), kind: z.string(), itemId: z.string().nullable(), name: z.string(), quantity: z.number(), unitPrice: z.number(), ...amounts, refundedQuantity: z.number(), refundedAmount: z.number() })),
  tenders: z.array(z.object({ id: z.string(), method: z.string(), amount: z.number(), tendered: z.number().nullable(), changeGiven: z.number(), reference: z.string().nullable(), points: z.number(), refundedAmount: z.number() })),
  refunds: z.array(refundViewSchema),
});

export const orderListQuery = z.strictObject({
  orderNo: z.string().trim().min(1).max(40).optional().describe('The order number (as on the receipt and its QR code), any letter case'),
  memberId: idSchema(ID_PREFIXES.member).optional(),
  storeId: idSchema(ID_PREFIXES.store).optional(),
  status: z.enum(['paid', 'partially_refunded', 'refunded']).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  ...paginationQuery,
});
export const orderPageSchema = pageSchema(orderSchema);

const refundLines = z.array(z.strictObject({ lineId: idSchema(ID_PREFIXES.orderLine), quantity: z.number().int().min(1).max(9999) })).min(1).max(200);

export const refundQuoteBody = z.strictObject({
  lines: refundLines,
  moneyMethod: z.enum(['original', 'cash']).optional().describe('Money back to the original method (default) or as cash'),
});

export const refundBody = z.strictObject({
  lines: refundLines,
  moneyMethod: z.enum(['original', 'cash']).optional(),
  reason: z.string().trim().max(500).nullable().optional(),
  quoteToken: z.string().min(8).max(64).describe('From the refund quote the member agreed to'),
});

export const refundQuoteSchema = z.object({
  orderId: z.string(),
  lines: z.array(z.object({ lineId: z.string(), name: z.string(), quantity: z.number(), amount: z.number() })),
  total: z.number(),
  money: z.array(z.object({ tenderId: z.string(), method: z.string(), amount: z.number() })),
  storedValue: z.array(z.object({ tenderId: z.string(), principal: z.number(), bonus: z.number() })),
  pointsReturned: z.number(),
  rechargeTakenBack: z.object({ principal: z.number(), bonus: z.number() }),
  pointsClawback: z.number(),
  pointsShortfall: z.number(),
  shortfallDeduction: z.number(),
  moneyTotal: z.number(),
  storedValueTotal: z.number(),
  limits: z.array(z.object({ lineId: z.string(), amount: z.number(), breakdown: z.record(z.string(), z.unknown()) })),
  quoteToken: z.string(),
});

export const refundResultSchema = z.object({ refundId: z.string(), order: orderSchema });
