import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { idSchema, text } from '../../shared/validation';

export const punchKind = z.enum(['in', 'out']);
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const punchBody = z.strictObject({
  storeId: idSchema(ID_PREFIXES.store),
  kind: punchKind.describe('in: 上班打卡; out: 下班打卡'),
});

export const correctionBody = z.strictObject({
  storeId: idSchema(ID_PREFIXES.store),
  kind: punchKind,
  at: z.iso.datetime({ offset: true }).describe('When the forgotten punch should have been'),
  reason: text(200),
});

export const decisionBody = z.strictObject({ note: z.string().trim().max(200).nullable().optional() });
export const correctionIdParam = z.object({ correctionId: idSchema(ID_PREFIXES.attendanceCorrection) });

export const monthQuery = z.strictObject({
  month: monthSchema.describe('YYYY-MM in the tenant’s time zone'),
  storeId: idSchema(ID_PREFIXES.store).optional(),
  staffId: idSchema(ID_PREFIXES.staff).optional(),
});
export const myMonthQuery = z.strictObject({ month: monthSchema });
export const correctionsQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  mine: z.enum(['true', 'false']).optional().describe('true: only my own corrections (the default without attendance.manage)'),
});

export const punchSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  storeId: z.string(),
  kind: punchKind,
  at: z.string(),
  businessDate: z.string(),
  source: z.enum(['clock', 'correction']),
  correctionId: z.string().nullable(),
});
export type PunchView = z.infer<typeof punchSchema>;

export const spanSchema = z.object({ storeId: z.string(), businessDate: z.string(), inAt: z.string(), outAt: z.string().nullable(), minutes: z.number(), isIncomplete: z.boolean() });

export const myAttendanceSchema = z.object({
  month: z.string(),
  /** The open clock-in, if any (what the clock button offers next follows from it). */
  current: punchSchema.nullable(),
  next: punchKind,
  punches: z.array(punchSchema),
  spans: z.array(spanSchema),
  minutes: z.number(),
  days: z.number(),
});

export const correctionSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  storeId: z.string(),
  kind: punchKind,
  at: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});
export type CorrectionView = z.infer<typeof correctionSchema>;

export const reportSchema = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  lines: z.array(z.object({ staffId: z.string(), staffName: z.string(), days: z.number(), minutes: z.number(), hours: z.number(), incomplete: z.number(), byStore: z.array(z.object({ storeId: z.string(), minutes: z.number() })) })),
  totalMinutes: z.number(),
});
