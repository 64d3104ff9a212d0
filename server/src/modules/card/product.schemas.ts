import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { dateSchema, fenSchema, idSchema, text } from '../../shared/validation';

/** Card products (卡项) and card settings: request and response schemas. */

export const cardProductIdParam = z.object({ cardProductId: idSchema(ID_PREFIXES.cardProduct) });

const nonNegativeFen = fenSchema.refine((v) => v >= 0, 'must not be negative');
const count = (max: number) => z.number().int().min(1).max(max);
const basisPoints = z.number().int().min(0).max(10_000);

export const useKeySchema = z
  .strictObject({
    type: z.enum(['course', 'course_category', 'service', 'any']).describe('course / course_category: opaque ids of the booking module; service: a service item (prd_…); any: everything'),
    id: z.string().trim().max(64).regex(/^[\x21-\x7e]*$/, 'printable ASCII without spaces').describe('The course, category or service id; empty for any'),
  })
  .refine((k) => (k.type === 'any') === (k.id === ''), 'id is empty exactly for type any')
  .describe('What a card pays for (a course, a course category, a service item, or anything)');

export const validitySchema = z.strictObject({ unit: z.enum(['day', 'month']), count: count(120 * 31) }).describe('Validity from activation: N days, or N months (quarter 3, half-year 6, year 12)');

export const freezePolicySchema = z
  .strictObject({
    isAllowed: z.boolean(),
    minDays: count(366),
    maxDays: count(366),
    maxTimes: z.number().int().min(0).max(100).nullable().describe('Freezes per term; null: no limit'),
    maxTotalDays: z.number().int().min(0).max(3660).nullable().describe('Frozen days per term; null: no limit (e.g. monthly 5, quarterly 15, half-year 30, annual 60)'),
    fee: nonNegativeFen.describe('Fee per freeze, fen'),
    noticeDays: z.number().int().min(0).max(90).describe('A freeze must be asked for this many days ahead'),
    isExpiryExtended: z.boolean().describe('The expiry moves by the days frozen (default yes)'),
    isAutoUnfreezeOnUse: z.boolean().describe('Using the card during a freeze ends it that day'),
  })
  .refine((p) => p.minDays <= p.maxDays, 'minDays must not exceed maxDays');

export const transferPolicySchema = z.strictObject({
  isAllowed: z.boolean(),
  fee: nonNegativeFen.describe('Fee per transfer, fen'),
  maxTimes: z.number().int().min(0).max(100).nullable(),
});

export const refundPolicySchema = z
  .strictObject({
    isAllowed: z.boolean(),
    formula: z.enum(['proportional', 'package_unit_price', 'list_price_capped']).describe('proportional: paid − used × paid/total; package_unit_price: paid − used × list/total; list_price_capped: paid − min(used × unitListPrice, cap)'),
    unitListPrice: nonNegativeFen.nullable().describe('list_price_capped: single-use list price per session (or day) used'),
    deductionCapBp: basisPoints.describe('list_price_capped: the deduction is at most this share of what was paid (10000 = 100 %)'),
    feeFixed: nonNegativeFen,
    feeBp: basisPoints,
    isAllowedAfterExpiry: z.boolean(),
  })
  .refine((p) => p.formula !== 'list_price_capped' || (p.unitListPrice ?? 0) > 0, 'list_price_capped needs unitListPrice');

export const familyPolicySchema = z.strictObject({ isAllowed: z.boolean(), maxMembers: z.number().int().min(0).max(10) }).refine((p) => !p.isAllowed || p.maxMembers > 0, 'maxMembers must be at least 1 when sharing is allowed');
export const upgradePolicySchema = z.strictObject({
  windowDays: z.number().int().min(0).max(3660).nullable().describe('Days after the sale during which the card may be upgraded; null: never'),
  toProductIds: z.array(idSchema(ID_PREFIXES.cardProduct)).max(50).describe('Allowed targets; empty: any active product of the same kind of card with a higher price'),
});

const kind = z.enum(['count', 'time', 'private', 'trial']).describe('count: N sessions (次卡); time: unlimited within the validity, optionally capped per day/week (月卡/季卡/年卡); private: N one-to-one sessions (私教课包); trial (体验卡)');

const editable = {
  name: text(60),
  description: z.string().trim().max(1000).nullable(),
  price: nonNegativeFen.describe('List price, fen'),
  sessions: count(10_000).nullable().describe('Sessions or class hours included; null for time cards'),
  sessionUnit: z.enum(['session', 'class_hour']).describe('How sessions are named: 次 or 课时'),
  validity: validitySchema.nullable().describe('null: no expiry (session cards only)'),
  perDayCap: count(100).nullable(),
  perWeekCap: count(700).nullable(),
  coachLevel: z.string().trim().min(1).max(40).nullable().describe('Private lessons: the coach level it is for'),
  coverage: z.array(useKeySchema).min(1).max(100).describe('What the card pays for (one card may cover several)'),
  storeScope: z.enum(['issuing_store', 'issuing_region', 'all_stores']).describe('Where a sold card may be used'),
  saleStoreIds: z.array(idSchema(ID_PREFIXES.store)).max(500).nullable().describe('Stores that sell it; null: every store'),
  activationMode: z.enum(['purchase', 'date', 'first_use']).describe('purchase: starts at sale; date: on a date chosen at sale; first_use: on the first use (开卡日以首次上课为准)'),
  activationDeadlineDays: z.number().int().min(0).max(3660).nullable().describe('date: the latest start after the sale; first_use: starts by itself this many days after the sale'),
  freezePolicy: freezePolicySchema,
  transferPolicy: transferPolicySchema,
  refundPolicy: refundPolicySchema,
  familyPolicy: familyPolicySchema,
  upgradePolicy: upgradePolicySchema,
  saleLimitPerMember: count(1000).nullable().describe('How many a member may buy (e.g. one trial card per member)'),
  isTierDiscountable: z.boolean(),
  isPointsPayable: z.boolean(),
  isStoredValuePayable: z.boolean(),
  refundTermsText: z.string().trim().max(2000).nullable().describe('Extra terms printed at sale after the generated ones'),
  isActive: z.boolean(),
  sortOrder: z.number().int().min(0).max(100_000),
};

export const cardProductCreateBody = z.strictObject({
  kind,
  name: editable.name,
  description: editable.description.optional(),
  price: editable.price,
  sessions: editable.sessions.optional(),
  sessionUnit: editable.sessionUnit.optional(),
  validity: editable.validity.optional(),
  perDayCap: editable.perDayCap.optional(),
  perWeekCap: editable.perWeekCap.optional(),
  coachLevel: editable.coachLevel.optional(),
  coverage: editable.coverage,
  storeScope: editable.storeScope.optional(),
  saleStoreIds: editable.saleStoreIds.optional(),
  activationMode: editable.activationMode.optional(),
  activationDeadlineDays: editable.activationDeadlineDays.optional(),
  freezePolicy: editable.freezePolicy.optional().describe('Default: allowed (not for trial cards), 1–30 days, 3 times, by validity 5 / 15 / 30 / 60 days in all, expiry extended'),
  transferPolicy: editable.transferPolicy.optional().describe('Default: allowed once without a fee (not for trial cards)'),
  refundPolicy: editable.refundPolicy.optional().describe('Default: proportional, no fee, not after expiry (trial cards: no refunds)'),
  familyPolicy: editable.familyPolicy.optional().describe('Default: not shared'),
  upgradePolicy: editable.upgradePolicy.optional().describe('Default: no upgrades'),
  saleLimitPerMember: editable.saleLimitPerMember.optional().describe('Default: one per member for trial cards, otherwise no limit'),
  isTierDiscountable: editable.isTierDiscountable.optional(),
  isPointsPayable: editable.isPointsPayable.optional(),
  isStoredValuePayable: editable.isStoredValuePayable.optional(),
  refundTermsText: editable.refundTermsText.optional(),
  isActive: editable.isActive.optional(),
  sortOrder: editable.sortOrder.optional(),
});

export const cardProductUpdateBody = z.strictObject(Object.fromEntries(Object.entries(editable).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof editable]: z.ZodOptional<(typeof editable)[K]> });

export const cardProductListQuery = z.strictObject({
  kind: kind.optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  coversType: z.enum(['course', 'course_category', 'service']).optional().describe('Only products paying for this item (with coversId)'),
  coversId: z.string().max(64).optional(),
});

export const cardProductSchema = z.object({
  id: z.string(),
  kind,
  name: z.string(),
  description: z.string().nullable(),
  price: z.number(),
  sessions: z.number().nullable(),
  sessionUnit: z.enum(['session', 'class_hour']),
  validity: z.object({ unit: z.enum(['day', 'month']), count: z.number() }).nullable(),
  perDayCap: z.number().nullable(),
  perWeekCap: z.number().nullable(),
  coachLevel: z.string().nullable(),
  coverage: z.array(z.object({ type: z.enum(['course', 'course_category', 'service', 'any']), id: z.string() })),
  storeScope: z.enum(['issuing_store', 'issuing_region', 'all_stores']),
  saleStoreIds: z.array(z.string()).nullable(),
  activationMode: z.enum(['purchase', 'date', 'first_use']),
  activationDeadlineDays: z.number().nullable(),
  freezePolicy: z.object({ isAllowed: z.boolean(), minDays: z.number(), maxDays: z.number(), maxTimes: z.number().nullable(), maxTotalDays: z.number().nullable(), fee: z.number(), noticeDays: z.number(), isExpiryExtended: z.boolean(), isAutoUnfreezeOnUse: z.boolean() }),
  transferPolicy: z.object({ isAllowed: z.boolean(), fee: z.number(), maxTimes: z.number().nullable() }),
  refundPolicy: z.object({
    isAllowed: z.boolean(),
    formula: z.enum(['proportional', 'package_unit_price', 'list_price_capped']),
    unitListPrice: z.number().nullable(),
    deductionCapBp: z.number(),
    feeFixed: z.number(),
    feeBp: z.number(),
    isAllowedAfterExpiry: z.boolean(),
  }),
  familyPolicy: z.object({ isAllowed: z.boolean(), maxMembers: z.number() }),
  upgradePolicy: z.object({ windowDays: z.number().nullable(), toProductIds: z.array(z.string()) }),
  saleLimitPerMember: z.number().nullable(),
  isTierDiscountable: z.boolean(),
  isPointsPayable: z.boolean(),
  isStoredValuePayable: z.boolean(),
  refundTermsText: z.string().nullable(),
  isActive: z.boolean(),
  sortOrder: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const salePreviewBody = z.strictObject({
  storeId: idSchema(ID_PREFIXES.store),
  memberId: idSchema(ID_PREFIXES.member).nullable().optional(),
  activateOn: dateSchema.nullable().optional().describe('Activation mode date: the chosen start'),
});

const warning = z.object({ code: z.string(), message: z.string() });

export const salePreviewSchema = z.object({
  productId: z.string(),
  name: z.string(),
  price: z.number(),
  activation: z.object({
    mode: z.enum(['purchase', 'date', 'first_use']),
    activatedOn: z.string().nullable().describe('Set when the card starts at sale'),
    activateOn: z.string().nullable(),
    activateBy: z.string().nullable().describe('First use: the day it starts by itself if still unused'),
    expiresOn: z.string().nullable().describe('Projected last day (for first-use cards: if first used today)'),
  }),
  warnings: z.array(warning).describe('Training schools: prepayment beyond 3 months or 60 class hours'),
  saleLimit: z.object({ limit: z.number().nullable(), count: z.number(), isReached: z.boolean() }),
  terms: z.array(z.string()).describe('The terms to print and sign at sale, refund terms included'),
  orderLine: z.object({ kind: z.literal('card'), itemId: z.string(), quantity: z.literal(1), options: z.record(z.string(), z.unknown()) }).describe('The line to put in POST /orders'),
});

export const cardSettingsSchema = z.object({
  expiryReminderDays: z.array(z.number()).describe('Days before expiry a reminder event is queued (e.g. 30, 7, 1)'),
  lowSessionsThreshold: z.number().describe('A low-sessions event is queued when a session card gets down to this many'),
  expiringWithinDays: z.number().describe('Cards this close to their expiry show as expiring'),
  isTrainingSchool: z.boolean().describe('Warn at sale about prepayment beyond the limits below (off-campus training rules)'),
  prepayMaxMonths: z.number(),
  prepayMaxHours: z.number(),
  refundTermsText: z.string().nullable().describe('Terms printed after every card’s own'),
});

export const cardSettingsBody = z.strictObject({
  expiryReminderDays: z
    .array(z.number().int().min(0).max(365))
    .max(6)
    .refine((a) => new Set(a).size === a.length, 'each offset once'),
  lowSessionsThreshold: z.number().int().min(0).max(100),
  expiringWithinDays: z.number().int().min(0).max(365),
  isTrainingSchool: z.boolean(),
  prepayMaxMonths: count(120),
  prepayMaxHours: count(10_000),
  refundTermsText: z.string().trim().max(2000).nullable(),
});

export type CardProductView = z.infer<typeof cardProductSchema>;
export type CardProductCreate = z.infer<typeof cardProductCreateBody>;
export type CardProductUpdate = z.infer<typeof cardProductUpdateBody>;
export type CardSettingsView = z.infer<typeof cardSettingsSchema>;
export type SalePreview = z.infer<typeof salePreviewSchema>;
