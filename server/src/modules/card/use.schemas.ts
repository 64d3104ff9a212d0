import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { paginationQuery, pageSchema } from '../../shared/pagination';
import { dateSchema, idSchema, text, timestampSchema } from '../../shared/validation';
import { useKeySchema } from './product.schemas';

/** The consumption API over REST (booking and check-in use the same service in-process) and card reports. */

export const holdIdParam = z.object({ holdId: idSchema(ID_PREFIXES.cardHold) });
export const usageIdParam = z.object({ usageId: idSchema(ID_PREFIXES.cardUsage) });

const userId = z.string().regex(/^(mbr|dep)_[0-9A-HJKMNP-TV-Z]{26}$/, 'a member (mbr_…) or child (dep_…) id').describe('Who attends: the holder, or a family member named on the card');

const useFields = {
  userId,
  storeId: idSchema(ID_PREFIXES.store).describe('Where the card is used'),
  items: z.array(useKeySchema).min(1).max(20).describe('What is paid for: e.g. the course and its category, or a service item'),
  units: z.number().int().min(1).max(100).optional().describe('Sessions (class hours) to take; default 1. Unlimited cards: 1'),
  coachLevel: z.string().trim().min(1).max(40).nullable().optional().describe('Private lessons: the coach’s level'),
  cardId: idSchema(ID_PREFIXES.memberCard).optional().describe('Pay with this card; otherwise the soonest-expiring eligible card'),
  ref: z.strictObject({ type: text(40), id: text(64) }).nullable().optional().describe('What the use is for, e.g. {type: "booking", id}'),
};

const { ref: _ref, ...askFields } = useFields;
const { cardId: _cardId, ...onCardFields } = useFields;

export const eligibilityBody = z.strictObject({ ...askFields, at: timestampSchema.optional().describe('When (the class start); default now') });
export const holdBody = z.strictObject({ ...useFields, at: timestampSchema.describe('The class start') });
export const consumeBody = z.strictObject({ ...useFields, at: timestampSchema.optional().describe('When; default now') });
export const cardHoldBody = z.strictObject({ ...onCardFields, at: timestampSchema.describe('The class start') });
export const cardConsumeBody = z.strictObject({ ...onCardFields, at: timestampSchema.optional().describe('When; default now') });
export const releaseBody = z.strictObject({ reason: z.string().trim().max(200).nullable().optional() });
export const consumeHoldBody = z.strictObject({});
export const reverseBody = z.strictObject({ reason: text(200) });

export const eligibleSchema = z.object({
  cardId: z.string(),
  cardNo: z.string(),
  name: z.string(),
  kind: z.enum(['count', 'time', 'private', 'trial']),
  holderMemberId: z.string(),
  isFamilyUse: z.boolean(),
  expiresOn: z.string().nullable().describe('Last valid day for this use (projected for cards this use would start)'),
  sessionsAvailable: z.number().nullable().describe('null: unlimited'),
  willActivate: z.boolean(),
  willUnfreeze: z.boolean(),
});
export const eligibilitySchema = z.object({
  eligible: z.array(eligibleSchema).describe('Soonest-expiring first: the first one is chosen unless a card is named'),
  ineligible: z.array(z.object({ cardId: z.string(), cardNo: z.string(), name: z.string(), code: z.string(), message: z.string() })),
});

export const holdSchema = z.object({
  id: z.string(),
  cardId: z.string(),
  cardNo: z.string(),
  memberId: z.string(),
  userId: z.string(),
  storeId: z.string(),
  units: z.number(),
  status: z.enum(['held', 'consumed', 'released']),
  forAt: z.string(),
  forDate: z.string(),
  items: z.array(z.object({ type: z.string(), id: z.string() })),
  ref: z.object({ type: z.string(), id: z.string() }).nullable(),
  usageId: z.string().nullable(),
  releaseReason: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});

export const usageSchema = z.object({
  id: z.string(),
  cardId: z.string(),
  cardNo: z.string(),
  kind: z.enum(['consume', 'reversal']),
  memberId: z.string(),
  userId: z.string(),
  storeId: z.string(),
  units: z.number(),
  holdId: z.string().nullable(),
  revenue: z.number().describe('Revenue recognised at the consuming store, fen'),
  isCrossStore: z.boolean().describe('Used at another store than the one that sold the card: a settlement entry was written'),
  forDate: z.string(),
  items: z.array(z.object({ type: z.string(), id: z.string() })),
  ref: z.object({ type: z.string(), id: z.string() }).nullable(),
  reversesUsageId: z.string().nullable(),
  reversedByUsageId: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  sessionsRemaining: z.number().nullable().describe('On the card after this use (at the time of the answer)'),
  createdAt: z.string(),
});
export const usagePageSchema = pageSchema(usageSchema);
export const usageListQuery = z.strictObject({ ...paginationQuery });

const period = {
  from: dateSchema.optional().describe('First business day (default: the first of this month)'),
  to: dateSchema.optional().describe('Last business day (default: today)'),
  storeId: idSchema(ID_PREFIXES.store).optional(),
};
export const reportQuery = z.strictObject(period).refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

export const settlementReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  pairs: z.array(
    z.object({
      issuingStoreId: z.string(),
      issuingStoreName: z.string(),
      consumingStoreId: z.string(),
      consumingStoreName: z.string(),
      uses: z.number(),
      amount: z.number().describe('What the issuing store owes the consuming store, fen'),
    }),
  ),
  net: z.array(z.object({ storeA: z.string(), storeB: z.string(), storeAName: z.string(), storeBName: z.string(), amount: z.number().describe('Positive: store A owes store B') })),
  total: z.number(),
});

export const writeoffReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      cardId: z.string(),
      cardNo: z.string(),
      cardName: z.string(),
      memberId: z.string(),
      memberName: z.string().nullable(),
      storeId: z.string(),
      sessions: z.number(),
      value: z.number(),
      reason: z.string(),
      businessDate: z.string(),
    }),
  ),
  totals: z.object({ cards: z.number(), sessions: z.number(), value: z.number() }),
});

export const revenueReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  stores: z.array(
    z.object({
      storeId: z.string(),
      storeName: z.string(),
      consumption: z.number(),
      expiry: z.number(),
      refundRetained: z.number(),
      cancel: z.number(),
      total: z.number(),
    }),
  ),
  total: z.number(),
});

export type HoldView = z.infer<typeof holdSchema>;
export type UsageView = z.infer<typeof usageSchema>;
export type EligibilityView = z.infer<typeof eligibilitySchema>;
export type EligibleCardView = z.infer<typeof eligibleSchema>;
