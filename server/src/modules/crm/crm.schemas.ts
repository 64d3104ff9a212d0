import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { paginationQuery, pageSchema } from '../../shared/pagination';
import { dateSchema, idSchema, text, timestampSchema } from '../../shared/validation';

export const interactionIdParam = z.object({ interactionId: idSchema(ID_PREFIXES.interaction) });
export const dateIdParam = z.object({ dateId: idSchema(ID_PREFIXES.importantDate) });

export const interactionKindSchema = z.enum(['consultation', 'complaint', 'suggestion', 'visit']).describe('consultation 咨询, complaint 投诉, suggestion 建议, visit 回访');
export const interactionStatusSchema = z.enum(['open', 'in_progress', 'resolved']);

const optText = (max: number) => z.string().trim().max(max).nullable().optional();

export const interactionCreateBody = z.strictObject({
  kind: interactionKindSchema,
  subject: optText(100),
  content: text(4000),
  channel: z.enum(['desk', 'phone', 'wechat', 'online', 'other']).nullable().optional(),
  ownerStaffId: idSchema(ID_PREFIXES.staff).nullable().optional().describe('Who follows it up'),
  followUpDate: dateSchema.nullable().optional().describe('Next follow-up (回访) date'),
  occurredAt: timestampSchema.optional().describe('When it happened; defaults to now'),
  status: interactionStatusSchema.optional().describe('Complaints and suggestions only; defaults to open'),
});

export const interactionUpdateBody = z.strictObject({
  subject: optText(100),
  content: text(4000).optional(),
  channel: z.enum(['desk', 'phone', 'wechat', 'online', 'other']).nullable().optional(),
  ownerStaffId: idSchema(ID_PREFIXES.staff).nullable().optional(),
  followUpDate: dateSchema.nullable().optional(),
  status: interactionStatusSchema.optional(),
  resolution: optText(4000),
});

export const interactionSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberNo: z.string(),
  memberName: z.string(),
  storeId: z.string().nullable(),
  kind: interactionKindSchema,
  status: interactionStatusSchema.nullable(),
  subject: z.string().nullable(),
  content: z.string(),
  channel: z.string().nullable(),
  ownerStaffId: z.string().nullable(),
  ownerName: z.string().nullable(),
  resolution: z.string().nullable(),
  followUpDate: z.string().nullable(),
  occurredAt: z.string(),
  resolvedAt: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InteractionDto = z.infer<typeof interactionSchema>;

export const memberInteractionsQuery = z.strictObject({ kind: interactionKindSchema.optional(), ...paginationQuery });

export const interactionListQuery = z.strictObject({
  kind: interactionKindSchema.optional(),
  status: interactionStatusSchema.optional(),
  ownerStaffId: idSchema(ID_PREFIXES.staff).optional(),
  mine: z.enum(['true', 'false']).optional().describe('Only interactions the caller owns'),
  followUpBefore: dateSchema.optional().describe('Follow-ups due on or before this date, not yet resolved'),
  ...paginationQuery,
});

export const interactionPageSchema = pageSchema(interactionSchema);

export const importantDateCreateBody = z.strictObject({
  kind: z.enum(['anniversary', 'custom']),
  label: text(40).describe('e.g. 结婚纪念日, 入会纪念日'),
  date: dateSchema,
  isRecurring: z.boolean().default(true).describe('Every year on this day (default) or once'),
});

export const importantDateSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  kind: z.enum(['anniversary', 'custom']),
  label: z.string(),
  date: z.string(),
  isRecurring: z.boolean(),
  createdAt: z.string(),
});

export const upcomingQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(90).default(14),
  storeId: idSchema(ID_PREFIXES.store).optional().describe('Members of this home store only'),
});

export const upcomingItemSchema = z.object({
  date: z.string().describe('The day it falls on (business date)'),
  daysAway: z.number(),
  kind: z.enum(['birthday', 'childBirthday', 'anniversary', 'custom']),
  calendar: z.enum(['solar', 'lunar']),
  memberId: z.string(),
  memberNo: z.string(),
  memberName: z.string(),
  dependentId: z.string().nullable(),
  dependentName: z.string().nullable(),
  label: z.string().nullable(),
  turning: z.number().nullable().describe('Age turned or years since, when the year is known'),
});
