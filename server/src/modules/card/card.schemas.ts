import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { paginationQuery, pageSchema } from '../../shared/pagination';
import { dateSchema, idSchema, positiveFenSchema, text } from '../../shared/validation';
import { cardProductSchema } from './product.schemas';

/** Member cards and what staff do with them: request and response schemas. */

export const cardIdParam = z.object({ cardId: idSchema(ID_PREFIXES.memberCard) });
export const memberIdParam = z.object({ memberId: idSchema(ID_PREFIXES.member) });
export const familyUserParam = z.object({ cardId: idSchema(ID_PREFIXES.memberCard), userId: z.string().regex(/^(mbr|dep)_[0-9A-HJKMNP-TV-Z]{26}$/, 'a member (mbr_…) or child (dep_…) id') });

export const STATUSES = ['pending', 'active', 'expiring', 'expired', 'frozen', 'transferred', 'refunded', 'cancelled'] as const;
const status = z.enum(STATUSES);

const tender = z.strictObject({
  method: z.enum(['cash', 'wechat', 'alipay', 'bank_card', 'stored_value', 'other']),
  amount: positiveFenSchema,
  tendered: positiveFenSchema.optional(),
  reference: z.string().trim().min(1).max(64).optional(),
});
/** Fees and differences are paid through an order in the given store. */
const payment = {
  storeId: idSchema(ID_PREFIXES.store).optional().describe('The store taking the payment (needed when there is something to pay)'),
  tenders: z.array(tender).max(10).optional().describe('How the fee or difference is paid (as in POST /orders)'),
};

export const freezeView = z.object({
  id: z.string(),
  status: z.enum(['scheduled', 'active', 'ended', 'cancelled']),
  startOn: z.string(),
  endOn: z.string(),
  days: z.number(),
  endedOn: z.string().nullable(),
  actualDays: z.number().nullable(),
  isExpiryExtended: z.boolean(),
  extensionDays: z.number(),
  fee: z.number(),
  orderId: z.string().nullable(),
  reason: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});

export const familyView = z.object({
  userId: z.string(),
  userKind: z.enum(['member', 'dependent']),
  name: z.string().nullable(),
  relation: z.string().nullable(),
  maxSessions: z.number().nullable(),
  sessionsUsed: z.number(),
  isActive: z.boolean(),
});

export const cardSchema = z.object({
  id: z.string(),
  cardNo: z.string(),
  productId: z.string(),
  kind: cardProductSchema.shape.kind,
  name: z.string(),
  memberId: z.string(),
  memberName: z.string().nullable(),
  memberNo: z.string().nullable(),
  storeId: z.string().describe('The store that sold the card'),
  status,
  statusName: z.string(),
  origin: z.enum(['sale', 'transfer', 'import']),
  rootCardId: z.string(),
  transferredFromCardId: z.string().nullable(),
  transferredToCardId: z.string().nullable(),
  orderId: z.string().nullable(),
  orderLineId: z.string().nullable(),
  sessions: z
    .object({ unit: z.enum(['session', 'class_hour']), total: z.number(), remaining: z.number(), held: z.number(), available: z.number(), used: z.number(), paid: z.number() })
    .nullable()
    .describe('null for unlimited (time) cards'),
  validity: z.object({
    activatedOn: z.string().nullable(),
    activateOn: z.string().nullable(),
    activateBy: z.string().nullable(),
    expiresOn: z.string().nullable(),
    daysGranted: z.number(),
    daysLeft: z.number().nullable(),
  }),
  listPrice: z.number(),
  paidAmount: z.number(),
  valueRemaining: z.number().describe('Paid value not yet recognised as revenue'),
  freezes: z.object({ count: z.number(), daysUsed: z.number(), maxTimes: z.number().nullable(), maxTotalDays: z.number().nullable(), current: freezeView.nullable() }),
  transferCount: z.number(),
  family: z.array(familyView),
  openHolds: z.number(),
  isUsedUp: z.boolean(),
  terms: z.record(z.string(), z.unknown()).describe('The terms the card was sold on (a snapshot of its product)'),
  saleWarnings: z.array(z.object({ code: z.string(), message: z.string() })),
  soldOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const cardListQuery = z.strictObject({
  memberId: idSchema(ID_PREFIXES.member).optional(),
  storeId: idSchema(ID_PREFIXES.store).optional().describe('Cards sold by this store'),
  productId: idSchema(ID_PREFIXES.cardProduct).optional(),
  status: status.optional(),
  expiresBefore: dateSchema.optional().describe('Cards whose last day is on or before this date'),
  ...paginationQuery,
});
export const cardPageSchema = pageSchema(cardSchema);
export const memberCardsSchema = z.object({ held: z.array(cardSchema), shared: z.array(cardSchema).describe('Cards of others naming this member as family') });

export const eventSchema = z.object({
  id: z.string(),
  cardId: z.string(),
  kind: z.string(),
  summary: z.record(z.string(), z.unknown()),
  orderId: z.string().nullable(),
  storeId: z.string().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
});
export const historyQuery = z.strictObject({ ...paginationQuery });
export const eventPageSchema = pageSchema(eventSchema);
export const termsSchema = z.object({ cardId: z.string(), cardNo: z.string(), name: z.string(), lines: z.array(z.string()) });

// ---- actions ----
export const activateBody = z.strictObject({ reason: z.string().trim().max(200).nullable().optional() });

export const freezePreviewBody = z.strictObject({ startOn: dateSchema, days: z.number().int().min(1).max(366) });
export const freezeBody = z.strictObject({
  startOn: dateSchema,
  days: z.number().int().min(1).max(366),
  reason: z.string().trim().max(200).nullable().optional(),
  waiveFee: z.boolean().optional().describe('Skip the freeze fee (needs card.adjust)'),
  ...payment,
});
export const freezePreviewSchema = z.object({
  cardId: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  days: z.number(),
  isExpiryExtended: z.boolean(),
  extensionDays: z.number(),
  expiresOn: z.string().nullable(),
  newExpiresOn: z.string().nullable().describe('The expiry after the freeze: show it before confirming'),
  fee: z.number(),
  freezesLeft: z.number().nullable(),
  daysLeft: z.number().nullable().describe('Freeze days left in the term after this one'),
  startsNow: z.boolean(),
});
export const unfreezeBody = z.strictObject({ reason: z.string().trim().max(200).nullable().optional() });

export const transferPreviewBody = z.strictObject({ toMemberId: idSchema(ID_PREFIXES.member) });
export const transferBody = z.strictObject({
  toMemberId: idSchema(ID_PREFIXES.member),
  feePaidBy: z.enum(['from', 'to']).optional().describe('Who pays the fee (default the current holder)'),
  waiveFee: z.boolean().optional().describe('Skip the transfer fee (needs card.adjust)'),
  reason: z.string().trim().max(200).nullable().optional(),
  ...payment,
});
export const transferPreviewSchema = z.object({
  cardId: z.string(),
  fee: z.number(),
  toMember: z.object({ id: z.string(), name: z.string(), memberNo: z.string() }),
  sessionsRemaining: z.number().nullable(),
  expiresOn: z.string().nullable(),
  familyRemoved: z.number().describe('Family members of the current holder lose access'),
  transfersLeft: z.number().nullable(),
});

export const upgradePreviewBody = z.strictObject({ toProductId: idSchema(ID_PREFIXES.cardProduct) });
export const upgradeBody = z.strictObject({ toProductId: idSchema(ID_PREFIXES.cardProduct), reason: z.string().trim().max(200).nullable().optional(), ...payment });
export const upgradePreviewSchema = z.object({
  cardId: z.string(),
  fromProductId: z.string(),
  toProductId: z.string(),
  toProductName: z.string(),
  difference: z.number().describe('What the member pays (list-price difference)'),
  sessionsRemaining: z.number().nullable(),
  newSessionsRemaining: z.number().nullable(),
  expiresOn: z.string().nullable(),
  newExpiresOn: z.string().nullable(),
});

export const adjustBody = z
  .strictObject({
    sessions: z.number().int().min(-10_000).max(10_000).optional().describe('Sessions to add (or take away, negative)'),
    days: z.number().int().min(-3660).max(3660).optional().describe('Days to move the expiry by (an extension, or negative)'),
    reason: text(200),
  })
  .describe('A manual extension or session adjustment, with its reason');

export const cancelBody = z.strictObject({ reason: text(200) });

export const familyAddBody = z.strictObject({
  userId: z.string().regex(/^(mbr|dep)_[0-9A-HJKMNP-TV-Z]{26}$/, 'a member (mbr_…) or child (dep_…) id').describe('A member, or one of the holder’s children'),
  relation: z.string().trim().max(20).nullable().optional(),
  maxSessions: z.number().int().min(0).max(10_000).nullable().optional().describe('Limit on the sessions this person may use'),
});
export const familyUpdateBody = z.strictObject({
  relation: z.string().trim().max(20).nullable().optional(),
  maxSessions: z.number().int().min(0).max(10_000).nullable().optional(),
  isActive: z.boolean().optional(),
});

export const refundQuoteBody = z.strictObject({ moneyMethod: z.enum(['original', 'cash']).optional().describe('Money back to the original methods (default) or in cash') });
export const refundBody = z.strictObject({ quoteToken: z.string().min(8).max(64), moneyMethod: z.enum(['original', 'cash']).optional(), reason: z.string().trim().max(500).nullable().optional() });

const orderRefundQuote = z.object({
  orderId: z.string(),
  lineId: z.string(),
  amount: z.number().describe('What this order line gives back'),
  money: z.array(z.object({ tenderId: z.string(), method: z.string(), amount: z.number() })),
  storedValue: z.array(z.object({ tenderId: z.string(), principal: z.number(), bonus: z.number() })),
  pointsReturned: z.number(),
  pointsClawback: z.number(),
  shortfallDeduction: z.number(),
});

export const cardRefundQuoteSchema = z.object({
  cardId: z.string(),
  formula: z.enum(['proportional', 'package_unit_price', 'list_price_capped']),
  basis: z.enum(['sessions', 'days']),
  paid: z.number().describe('Paid for the card and not yet refunded'),
  listPrice: z.number(),
  total: z.number().describe('Sessions or days paid for'),
  used: z.number(),
  deduction: z.number(),
  fee: z.number(),
  amount: z.number().describe('The refund by the formula, never below zero'),
  orders: z.array(orderRefundQuote).describe('How the refund goes back, per order that paid for the card'),
  moneyTotal: z.number(),
  storedValueTotal: z.number(),
  sessionsForfeited: z.number().nullable(),
  terms: z.array(z.string()),
  quoteToken: z.string(),
});
export const cardRefundResultSchema = z.object({ card: cardSchema, refundIds: z.array(z.string()) });

export type CardView = z.infer<typeof cardSchema>;
export type FreezeView = z.infer<typeof freezeView>;
export type CardEventView = z.infer<typeof eventSchema>;
export type CardRefundQuote = z.infer<typeof cardRefundQuoteSchema>;
export type Tender = z.infer<typeof tender>;
