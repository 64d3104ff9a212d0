import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { idSchema, text } from '../../shared/validation';

export const memberIdParam = z.object({ memberId: idSchema(ID_PREFIXES.member) });

export const programSchema = z.strictObject({
  metric: z.enum(['spend', 'recharge', 'points', 'visits', 'single_order']).describe('What qualifies a member'),
  window: z.enum(['lifetime', 'rolling_months', 'calendar_year']),
  windowMonths: z.number().int().min(1).max(60),
  graceDays: z.number().int().min(0).max(365),
});

const gift = z.strictObject({ points: z.number().int().min(0).max(10_000_000).optional(), note: z.string().max(200).optional() }).nullable();

const levelFields = {
  rank: z.number().int().min(0).max(100),
  name: text(20),
  threshold: z.number().int().min(0).describe('Metric value that qualifies (fen for money metrics)'),
  retentionThreshold: z.number().int().min(0).nullable().describe('What keeps the tier at period end (default: the threshold)'),
  discountBp: z.number().int().min(0).max(9_000).describe('Discount off list price in basis points (1000 = 10 % off)'),
  pointsMultiplierBp: z.number().int().min(0).max(100_000).describe('10000 = 1×'),
  bookingPriorityHours: z.number().int().min(0).max(720),
  birthdayGift: gift,
  benefitsNote: z.string().trim().max(500).nullable(),
};

export const levelSchema = z.object({ id: z.string(), isActive: z.boolean(), ...levelFields, name: z.string(), birthdayGift: z.object({ points: z.number().optional(), note: z.string().optional() }).nullable() });

export const configBody = z.strictObject({
  program: programSchema,
  levels: z.array(z.strictObject({ id: idSchema(ID_PREFIXES.tierLevel).optional(), isActive: z.boolean().optional(), ...levelFields })).max(20),
});

export const configSchema = z.object({ program: z.object({ metric: z.string(), window: z.string(), windowMonths: z.number(), graceDays: z.number() }), levels: z.array(levelSchema) });

export const memberTierSchema = z.object({
  memberId: z.string(),
  level: levelSchema.nullable(),
  since: z.string().nullable(),
  evaluateOn: z.string().nullable(),
  isLocked: z.boolean(),
  metric: z.string(),
  metricValue: z.number(),
  progress: z.object({
    next: z.object({ levelId: z.string(), name: z.string(), remaining: z.number() }).nullable().describe('“¥X more to reach …”'),
    keep: z.object({ remaining: z.number(), by: z.string().nullable() }).nullable().describe('“¥X more by DATE to keep …”'),
  }),
});

export const assignBody = z.strictObject({
  tierId: idSchema(ID_PREFIXES.tierLevel).nullable(),
  lock: z.boolean().default(false).describe('Keep this tier regardless of the metric until unlocked'),
  reason: text(200),
});

export const historySchema = z.object({
  items: z.array(z.object({ id: z.string(), fromTier: z.string().nullable(), toTier: z.string().nullable(), reason: z.string(), metricValue: z.number().nullable(), actorName: z.string().nullable(), createdAt: z.string() })),
});
