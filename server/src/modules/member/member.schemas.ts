import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { paginationQuery, pageSchema } from '../../shared/pagination';
import { dateSchema, emailSchema, idSchema, mobileSchema, text } from '../../shared/validation';

export const memberIdParam = z.object({ memberId: idSchema(ID_PREFIXES.member) });
export const fieldIdParam = z.object({ fieldId: idSchema(ID_PREFIXES.customField) });

export const genderSchema = z.enum(['male', 'female', 'unknown']).describe('male / female / unknown');

export const lunarDateSchema = z.strictObject({
  year: z.number().int().min(1900).max(2100),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(30),
  isLeapMonth: z.boolean().default(false),
});

const optText = (max: number) => z.string().trim().max(max).nullable().optional();

const cardNoSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9 -]+$/, 'letters, digits, spaces and -')
  .describe('Physical membership card number (as printed / scanned)');

export const emergencyContactSchema = z.strictObject({
  name: text(50),
  relation: optText(20),
  mobile: mobileSchema.nullable().optional(),
});

export const customFieldValuesSchema = z
  .record(z.string().max(40), z.union([z.string().max(500), z.number(), z.null()]))
  .describe('Custom-field values by field key (text, number, YYYY-MM-DD or choice value); null clears');

const tagsSchema = z.array(z.string().trim().min(1).max(20)).max(30);
const interestsSchema = z.array(z.string().trim().min(1).max(30)).max(20);

const profileFields = {
  gender: genderSchema.nullable().optional(),
  birthday: dateSchema.nullable().optional().describe('Solar date of birth (YYYY-MM-DD)'),
  birthdayCalendar: z.enum(['solar', 'lunar']).optional().describe('Which calendar the member celebrates by'),
  lunarBirthday: lunarDateSchema.optional().describe('Instead of birthday: the lunar date of birth; the solar date is computed'),
  email: emailSchema.nullable().optional(),
  address: optText(200),
  cardNo: cardNoSchema.nullable().optional(),
  homeStoreId: idSchema(ID_PREFIXES.store).optional(),
  sourceChannel: optText(30),
  referrerMemberId: idSchema(ID_PREFIXES.member).nullable().optional(),
  referrerName: optText(50),
  interests: interestsSchema.optional(),
  goals: optText(500),
  notes: optText(2000),
  tags: tagsSchema.optional(),
  customFields: customFieldValuesSchema.optional(),
  emergencyContact: emergencyContactSchema.nullable().optional(),
};

export const memberCreateBody = z.strictObject({
  name: text(50),
  mobile: mobileSchema.describe('Mainland mobile; normalised (+86, spaces and dashes removed); unique among live members'),
  ...profileFields,
});

export const memberUpdateBody = z.strictObject({
  name: text(50).optional(),
  mobile: mobileSchema.optional(),
  ...profileFields,
});

export type MemberCreate = z.infer<typeof memberCreateBody>;
export type MemberUpdate = z.infer<typeof memberUpdateBody>;

export const memberSchema = z.object({
  id: z.string(),
  memberNo: z.string(),
  name: z.string(),
  namePinyin: z.string(),
  nameInitials: z.string(),
  gender: genderSchema.nullable(),
  birthday: z.string().nullable(),
  birthdayCalendar: z.enum(['solar', 'lunar']),
  lunarBirthday: z.object({ year: z.number(), month: z.number(), day: z.number(), isLeapMonth: z.boolean() }).nullable(),
  mobile: z.string().nullable().describe('Masked (138****8000) unless the caller holds member.mobile.view'),
  isMobileMasked: z.boolean(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  cardNo: z.string().nullable(),
  homeStoreId: z.string(),
  sourceChannel: z.string().nullable(),
  referrerMemberId: z.string().nullable(),
  referrerName: z.string().nullable(),
  interests: z.array(z.string()),
  goals: z.string().nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  emergencyContact: z.object({ name: z.string(), relation: z.string().nullable(), mobile: z.string().nullable() }).nullable(),
  hasPhoto: z.boolean(),
  origin: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  erasedAt: z.string().nullable(),
});
export type MemberDto = z.infer<typeof memberSchema>;

export const memberSummarySchema = memberSchema.pick({
  id: true,
  memberNo: true,
  name: true,
  gender: true,
  birthday: true,
  mobile: true,
  isMobileMasked: true,
  cardNo: true,
  homeStoreId: true,
  sourceChannel: true,
  tags: true,
  hasPhoto: true,
  createdAt: true,
  erasedAt: true,
});
export type MemberSummary = z.infer<typeof memberSummarySchema>;

export const searchResultSchema = memberSummarySchema.extend({
  matchedBy: z.enum(['memberNo', 'cardNo', 'mobile', 'mobileTail', 'mobilePrefix', 'name', 'pinyin', 'initials', 'dependent']),
});

export const searchQuery = z.strictObject({
  q: z.string().max(60).describe('Last 4 digits, full mobile, name, pinyin or initials (zxm), member or card number'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** List filters; custom fields filter as `cf.<key>=value` (numbers and dates also `min..max`). */
export const memberListQuery = z
  .object({
    q: z.string().max(60).optional(),
    tag: z.union([z.string().max(20), z.array(z.string().max(20)).max(10)]).optional().describe('Members with all these tags (repeat the parameter)'),
    storeId: idSchema(ID_PREFIXES.store).optional().describe('Home store'),
    birthdayMonth: z.coerce.number().int().min(1).max(12).optional(),
    sourceChannel: z.string().max(30).optional(),
    createdFrom: dateSchema.optional().describe('Joined on or after (business date)'),
    createdTo: dateSchema.optional().describe('Joined on or before (business date)'),
    includeErased: z.enum(['true', 'false']).optional(),
    ...paginationQuery,
  })
  .catchall(z.union([z.string().max(100), z.array(z.string().max(100))]))
  .describe('Filters; custom fields as cf.<key>=value or cf.<key>=min..max');
export type MemberListQuery = z.infer<typeof memberListQuery>;
/** The filter part of a list query (exports take the same filters without paging). */
export interface MemberFilterQuery {
  q?: string;
  tag?: string | string[];
  storeId?: string;
  birthdayMonth?: number;
  sourceChannel?: string;
  createdFrom?: string;
  createdTo?: string;
  includeErased?: 'true' | 'false';
  /** cf.<key> custom-field filters (and, from the routes, cursor / limit / format). */
  [key: string]: unknown;
}

export const memberPageSchema = pageSchema(memberSummarySchema);

export const countQuery = memberListQuery.omit({ cursor: true, limit: true });

export const exportQuery = memberListQuery.omit({ cursor: true, limit: true }).extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const facetsSchema = z.object({
  tags: z.array(z.object({ tag: z.string(), count: z.number() })),
  sourceChannels: z.array(z.object({ value: z.string(), count: z.number() })),
});

// ---- settings & custom fields ----
export const memberSettingsSchema = z.object({
  numberPrefix: z.string(),
  numberWidth: z.number(),
  nextNumber: z.number(),
  nextMemberNo: z.string().describe('The number the next member will get'),
});

export const memberSettingsUpdateBody = z.strictObject({
  numberPrefix: z.string().trim().regex(/^[A-Za-z0-9]{0,8}$/, 'letters and digits, up to 8').optional(),
  numberWidth: z.number().int().min(1).max(12).optional(),
  nextNumber: z.number().int().min(1).max(1e12).optional(),
});

const optionSchema = z.strictObject({ value: z.string().trim().min(1).max(40), labelZh: text(40), labelEn: text(40) });

export const customFieldSchema = z.object({
  id: z.string(),
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  label: z.string().describe('In the caller’s language'),
  type: z.enum(['text', 'number', 'date', 'choice']),
  options: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })),
  isRequired: z.boolean(),
  isActive: z.boolean(),
  sortOrder: z.number(),
});
export type CustomFieldDto = z.infer<typeof customFieldSchema>;

export const customFieldCreateBody = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter')
    .describe('Stable key used in the API, filters (cf.<key>) and imports'),
  labelZh: text(40),
  labelEn: text(40),
  type: z.enum(['text', 'number', 'date', 'choice']),
  options: z.array(optionSchema).max(100).optional(),
  isRequired: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});

export const customFieldUpdateBody = z.strictObject({
  labelZh: text(40).optional(),
  labelEn: text(40).optional(),
  options: z.array(optionSchema).max(100).optional(),
  isRequired: z.boolean().optional(),
  isActive: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});

// ---- timeline ----
export const timelineQuery = z.strictObject({
  kind: z.union([z.string().max(60), z.array(z.string().max(60)).max(20)]).optional(),
  ...paginationQuery,
});

export const timelineEntrySchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  kind: z.string(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  actorName: z.string().nullable(),
  storeId: z.string().nullable(),
});

// ---- QR code & card ----
export const qrQuery = z.strictObject({
  format: z.enum(['svg', 'png']).default('svg'),
  size: z.coerce.number().int().min(64).max(1024).default(256),
});
