import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { dateSchema, idSchema } from '../../shared/validation';
import { PAPER_WIDTHS } from './print';

export const orderIdParam = z.object({ orderId: idSchema(ID_PREFIXES.order) });
export const shiftIdParam = z.object({ shiftId: idSchema(ID_PREFIXES.shift) });

export const printQuery = z.strictObject({
  width: z.enum(PAPER_WIDTHS).default('80mm').describe('58mm or 80mm thermal paper, or A4'),
  reprint: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Mark the copy as a reprint (重印)'),
});

export const receiptSchema = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  status: z.enum(['paid', 'partially_refunded', 'refunded']),
  tenant: z.object({ name: z.string() }),
  store: z.object({ id: z.string(), code: z.string(), name: z.string(), address: z.string().nullable(), phone: z.string().nullable() }),
  cashierName: z.string().nullable(),
  createdAt: z.string(),
  /** The time on paper, in the tenant's time zone. */
  localTime: z.string(),
  businessDate: z.string(),
  member: z
    .object({
      maskedName: z.string(),
      memberNo: z.string(),
      tierName: z.string().nullable(),
      balancesAfter: z.object({ storedValue: z.number(), points: z.number(), pendingPoints: z.number() }).describe('Right after this order'),
    })
    .nullable(),
  lines: z.array(
    z.object({
      lineNo: z.number(),
      kind: z.string(),
      name: z.string(),
      sku: z.string().nullable(),
      unit: z.string().nullable(),
      quantity: z.number(),
      unitPrice: z.number(),
      listPrice: z.number().describe('Price per unit before a member price or override'),
      priceSource: z.enum(['list', 'member', 'override']),
      listTotal: z.number(),
      tierDiscount: z.number(),
      couponDiscount: z.number(),
      pointsDiscount: z.number(),
      netTotal: z.number(),
      refundedQuantity: z.number(),
    }),
  ),
  totals: z.object({
    itemsTotal: z.number().describe('At list prices'),
    memberPriceSavings: z.number(),
    tierDiscount: z.number(),
    tierName: z.string().nullable(),
    couponDiscount: z.number(),
    pointsUsed: z.number(),
    pointsValue: z.number(),
    payable: z.number(),
    changeGiven: z.number(),
    pointsEarned: z.number(),
    refundedTotal: z.number(),
  }),
  tenders: z.array(z.object({ method: z.string(), methodName: z.string(), amount: z.number(), tendered: z.number().nullable(), changeGiven: z.number(), reference: z.string().nullable(), points: z.number() })),
  refunds: z.array(z.object({ refundNo: z.string(), createdAt: z.string(), localTime: z.string(), total: z.number(), payments: z.array(z.object({ method: z.string(), methodName: z.string(), amount: z.number(), points: z.number() })) })),
  note: z.string().nullable(),
  qrPayload: z.string().describe('What the QR code on the receipt encodes: the order number'),
  printedAt: z.string(),
});

export const dailyQuery = z.strictObject({ storeId: idSchema(ID_PREFIXES.store), date: dateSchema.optional().describe('Business date (default: today in the tenant’s time zone)') });
export const dailyPrintQuery = dailyQuery.extend({ width: z.enum(PAPER_WIDTHS).default('a4') });

const tender = z.object({ method: z.string(), methodName: z.string(), sales: z.number(), refunds: z.number(), net: z.number(), points: z.number(), pointsReturned: z.number() });
export const dailySchema = z.object({
  storeId: z.string(),
  storeName: z.string(),
  date: z.string(),
  generatedAt: z.string(),
  sales: z.object({
    orderCount: z.number(),
    memberOrderCount: z.number(),
    listTotal: z.number(),
    payable: z.number(),
    rechargeTotal: z.number(),
    salesExRecharge: z.number(),
    changeGiven: z.number(),
    averageOrder: z.number(),
  }),
  discounts: z.object({ tier: z.number(), coupon: z.number(), points: z.number(), pointsUsed: z.number(), memberPrice: z.number(), total: z.number() }),
  refunds: z.object({ count: z.number(), total: z.number(), moneyTotal: z.number(), storedValueTotal: z.number(), paidBack: z.number(), pointsReturned: z.number() }),
  storedValuePayouts: z.object({ count: z.number(), total: z.number() }),
  net: z.number(),
  tenders: z.array(tender),
  byKind: z.array(z.object({ kind: z.string(), quantity: z.number(), netTotal: z.number() })),
  topItems: z.array(z.object({ kind: z.string(), itemId: z.string().nullable(), name: z.string(), quantity: z.number(), netTotal: z.number() })),
});

export type ReceiptView = z.infer<typeof receiptSchema>;
export type DailyView = z.infer<typeof dailySchema>;
