import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { idSchema, text } from '../../shared/validation';

export const memberIdParam = z.object({ memberId: idSchema(ID_PREFIXES.member) });

const expiry = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('never') }),
  z.strictObject({ type: z.literal('days'), days: z.number().int().min(1).max(3650) }),
  z.strictObject({ type: z.literal('fixed_date'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), yearsAfter: z.number().int().min(0).max(5) }),
]);

export const pointsSettingsSchema = z.strictObject({
  earnPerYuan: z.number().min(0).max(1000).describe('Points per ¥1 paid (× the tier multiplier)'),
  pendingDays: z.number().int().min(0).max(365).describe('Points from an order become usable after this many days (the refund window)'),
  fenPerPoint: z.number().int().min(1).max(10_000).describe('What one point is worth when paying, in fen'),
  capBasisPoints: z.number().int().min(0).max(10_000).nullable().describe('At most this share of an order may be paid with points (10000 = 100 %)'),
  capAmount: z.number().int().min(0).nullable().describe('At most this amount (fen) per order may be paid with points'),
  redeemStep: z.number().int().min(1).max(10_000),
  expiry,
  remindDaysBefore: z.number().int().min(0).max(365),
  earnOnRecharge: z.boolean(),
  eventPoints: z
    .strictObject({
      signUp: z.number().int().min(0).max(1_000_000).describe('Once, when a member signs up (desk, portal or API; not imports)'),
      birthdayMonth: z.number().int().min(0).max(1_000_000).describe('Once a year, in the birthday month (solar or lunar, as the member celebrates)'),
      referral: z.number().int().min(0).max(1_000_000).describe('To the referrer, once per referred member, at that member’s first purchase'),
      checkIn: z.number().int().min(0).max(1_000_000).describe('Per class check-in'),
    })
    .optional()
    .describe('Points per event; 0 turns an event off. Left out on update: the saved rules stay.'),
});
export const pointsSettingsView = pointsSettingsSchema.extend({ eventPoints: pointsSettingsSchema.shape.eventPoints.unwrap() });

export const pointsSummarySchema = z.object({
  available: z.number(),
  pending: z.number(),
  lots: z.array(z.object({ id: z.string(), remaining: z.number(), expiresOn: z.string().nullable(), earnedAt: z.string() })),
  pendingAwards: z.array(z.object({ id: z.string(), points: z.number(), releaseAt: z.string(), orderId: z.string().nullable() })),
  nextExpiry: z.object({ date: z.string(), points: z.number() }).nullable(),
});

export const pointsAdjustBody = z.strictObject({
  points: z.number().int().min(-100_000_000).max(100_000_000).refine((v) => v !== 0, 'must not be 0').describe('Positive grants, negative deducts'),
  reason: text(200),
});
export const pointsAdjustResult = z.object({ journalId: z.string(), available: z.number() });
