import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { paginationQuery, pageSchema } from '../../shared/pagination';
import { dateSchema, idSchema, mobileSchema, text, timestampSchema } from '../../shared/validation';

export const leadIdParam = z.object({ leadId: idSchema(ID_PREFIXES.lead) });
export const leadStatusSchema = z.enum(['enquiry', 'contacted', 'trial_booked', 'trial_attended', 'converted', 'lost']);

const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const gender = z.enum(['male', 'female', 'unknown']);

const leadFields = {
  mobile: mobileSchema.nullable().optional(),
  gender: gender.nullable().optional(),
  childName: optText(50).describe('Early education: the child the enquiry is about'),
  childBirthday: dateSchema.nullable().optional(),
  interest: optText(200).describe('What they asked about (course, card, trial class)'),
  notes: optText(2000),
  sourceChannel: optText(30),
  storeId: idSchema(ID_PREFIXES.store).nullable().optional(),
  ownerStaffId: idSchema(ID_PREFIXES.staff).nullable().optional(),
  nextFollowUpDate: dateSchema.nullable().optional(),
};

export const leadCreateBody = z.strictObject({ name: text(50), ...leadFields });
export const leadUpdateBody = z.strictObject({ name: text(50).optional(), ...leadFields });

export const leadStatusBody = z.strictObject({
  status: z.enum(['enquiry', 'contacted', 'trial_booked', 'trial_attended', 'lost']),
  note: optText(1000),
  lostReason: optText(200).describe('Required when the lead is lost'),
  trialAt: timestampSchema.nullable().optional().describe('When the trial class is booked for'),
  nextFollowUpDate: dateSchema.nullable().optional(),
});

export const leadNoteBody = z.strictObject({
  note: text(1000),
  nextFollowUpDate: dateSchema.nullable().optional(),
});

export const leadConvertBody = z.strictObject({
  memberId: idSchema(ID_PREFIXES.member).optional().describe('Link to this existing member instead of creating one'),
  homeStoreId: idSchema(ID_PREFIXES.store).optional(),
  birthday: dateSchema.nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(30).optional(),
});

export const leadSchema = z.object({
  id: z.string(),
  name: z.string(),
  mobile: z.string().nullable(),
  isMobileMasked: z.boolean(),
  gender: gender.nullable(),
  childName: z.string().nullable(),
  childBirthday: z.string().nullable(),
  interest: z.string().nullable(),
  notes: z.string().nullable(),
  sourceChannel: z.string().nullable(),
  storeId: z.string().nullable(),
  ownerStaffId: z.string().nullable(),
  ownerName: z.string().nullable(),
  status: leadStatusSchema,
  lostReason: z.string().nullable(),
  nextFollowUpDate: z.string().nullable(),
  trialAt: z.string().nullable(),
  lastContactedAt: z.string().nullable(),
  convertedMemberId: z.string().nullable(),
  convertedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeadDto = z.infer<typeof leadSchema>;

export const leadEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  kind: z.enum(['created', 'status', 'note', 'update', 'converted']),
  fromStatus: leadStatusSchema.nullable(),
  toStatus: leadStatusSchema.nullable(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
});

export const leadDetailSchema = leadSchema.extend({
  events: z.array(leadEventSchema),
  existingMember: z.object({ id: z.string(), memberNo: z.string(), name: z.string() }).nullable().describe('A member with the same mobile, if any'),
});

export const leadListQuery = z.strictObject({
  status: leadStatusSchema.optional(),
  sourceChannel: z.string().max(30).optional(),
  ownerStaffId: idSchema(ID_PREFIXES.staff).optional(),
  storeId: idSchema(ID_PREFIXES.store).optional(),
  q: z.string().max(50).optional().describe('Name, mobile or its last 4 digits'),
  followUpBefore: dateSchema.optional().describe('Open leads whose next follow-up is due on or before this date'),
  ...paginationQuery,
});
export const leadPageSchema = pageSchema(leadSchema);

export const boardQuery = z.strictObject({
  storeId: idSchema(ID_PREFIXES.store).optional(),
  ownerStaffId: idSchema(ID_PREFIXES.staff).optional(),
  perColumn: z.coerce.number().int().min(1).max(100).default(20),
});
export const boardSchema = z.object({
  columns: z.array(z.object({ status: leadStatusSchema, count: z.number(), items: z.array(leadSchema) })),
});

export const reportQuery = z.strictObject({
  from: dateSchema.optional().describe('Leads created on or after (business date)'),
  to: dateSchema.optional().describe('Leads created on or before (business date)'),
  storeId: idSchema(ID_PREFIXES.store).optional(),
});
const channelRow = z.object({
  total: z.number(),
  converted: z.number(),
  lost: z.number(),
  open: z.number(),
  trialReached: z.number().describe('Booked a trial or got further'),
  conversionRate: z.number().describe('converted / total, 0–1'),
});
export const reportSchema = z.object({ rows: z.array(channelRow.extend({ sourceChannel: z.string().nullable() })), totals: channelRow });

export const convertResultSchema = z.object({ lead: leadSchema, memberId: z.string(), memberNo: z.string(), created: z.boolean() });
