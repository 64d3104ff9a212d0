import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { paginationQuery, pageSchema } from '../../shared/pagination';
import { idSchema, positiveFenSchema, text, timestampSchema } from '../../shared/validation';

export const memberIdParam = z.object({ memberId: idSchema(ID_PREFIXES.member) });
export const packageIdParam = z.object({ packageId: idSchema(ID_PREFIXES.rechargePackage) });

const bonusRule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('fixed'), amount: positiveFenSchema }),
  z.strictObject({ type: z.literal('percent'), basisPoints: z.number().int().min(1).max(10_000).describe('1000 = 10 %') }),
]);

const refundFee = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('fixed'), amount: positiveFenSchema }),
  z.strictObject({ type: z.literal('percent'), basisPoints: z.number().int().min(1).max(5_000) }),
]);

export const walletSettingsSchema = z.strictObject({
  spendMode: z.enum(['proportional', 'bonus_first', 'principal_first']).describe('How a spend draws principal and bonus'),
  refundFee,
});

export const packageSchema = z.object({
  id: z.string(),
  name: z.string(),
  price: z.number(),
  bonus: z.union([z.object({ type: z.literal('none') }), z.object({ type: z.literal('fixed'), amount: z.number() }), z.object({ type: z.literal('percent'), basisPoints: z.number() })]),
  bonusPoints: z.number(),
  credit: z.object({ principal: z.number(), bonus: z.number() }),
  isActive: z.boolean(),
  sortOrder: z.number(),
});

export const packageCreateBody = z.strictObject({
  name: text(50),
  price: positiveFenSchema,
  bonus: bonusRule,
  bonusPoints: z.number().int().min(0).max(10_000_000).default(0),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});

export const packageUpdateBody = z.strictObject({
  name: text(50).optional(),
  isActive: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  bonusPoints: z.number().int().min(0).max(10_000_000).optional(),
});

export const balancesSchema = z.object({ principal: z.number(), bonus: z.number(), frozen: z.number(), available: z.number() });

export const freezeBody = z.strictObject({ amount: positiveFenSchema, reason: text(200) });
export const adjustBody = z
  .strictObject({ principal: z.number().int().default(0), bonus: z.number().int().default(0), reason: text(200) })
  .refine((b) => Number.isSafeInteger(b.principal) && Number.isSafeInteger(b.bonus), 'amounts must be integers (fen)');

export const svRefundQuoteSchema = z.object({
  memberId: z.string(),
  paid: z.number(),
  consumed: z.number(),
  refundablePrincipal: z.number(),
  bonusForfeited: z.number(),
  frozen: z.number(),
  fee: z.number(),
  refundAmount: z.number(),
  quoteToken: z.string(),
});


const entry = z.object({ id: z.string(), kind: z.string(), refId: z.string(), amount: z.number(), balanceAfter: z.number(), reversesEntryId: z.string().nullable(), refersToEntryId: z.string().nullable() });
export const journalSchema = z.object({
  id: z.string(),
  kind: z.string(),
  storeId: z.string().nullable(),
  orderId: z.string().nullable(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  reversesJournalId: z.string().nullable(),
  businessDate: z.string(),
  createdAt: z.string(),
  entries: z.array(entry),
});
export const journalPageSchema = pageSchema(journalSchema);

const assetKind = z.enum(['sv_principal', 'sv_bonus', 'sv_frozen', 'points', 'points_pending', 'card_sessions', 'card_days']);
export const ledgerQuery = z.strictObject({
  asset: z
    .union([assetKind, z.array(assetKind)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  kind: z
    .union([z.string().max(40), z.array(z.string().max(40))])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  from: timestampSchema.optional(),
  to: timestampSchema.optional(),
  ...paginationQuery,
});
