import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { dateSchema, idSchema, mobileSchema, text } from '../../shared/validation';
import { genderSchema } from './member.schemas';

export const dependentIdParam = z.object({ dependentId: idSchema(ID_PREFIXES.dependent) });
export const guardianParams = z.object({ dependentId: idSchema(ID_PREFIXES.dependent), memberId: idSchema(ID_PREFIXES.member) });
export const contactParams = z.object({ dependentId: idSchema(ID_PREFIXES.dependent), contactId: idSchema(ID_PREFIXES.dependentContact) });

const optText = (max: number) => z.string().trim().max(max).nullable().optional();

export const inlineConsentSchema = z.strictObject({
  textId: idSchema(ID_PREFIXES.consentText).describe('The consent text version the guardian agreed to'),
  grantedByName: text(50).optional().describe('Who consented; defaults to the guardian’s name'),
  channel: z.enum(['desk', 'paper', 'portal']).default('desk'),
});

export const dependentCreateBody = z.strictObject({
  name: text(50),
  gender: genderSchema.nullable().optional(),
  birthday: dateSchema,
  allergies: optText(500).describe('Shown to teachers on rosters'),
  specialNeeds: optText(500),
  school: optText(60),
  className: optText(60),
  notes: optText(1000),
  relation: text(20).describe('How the member is related to the child: 妈妈, 爸爸, 奶奶 …'),
  isPrimary: z.boolean().default(true),
  consent: inlineConsentSchema.optional().describe('Required for children under 14 (PIPL): the guardian’s separate consent'),
});

export const dependentUpdateBody = z.strictObject({
  name: text(50).optional(),
  gender: genderSchema.nullable().optional(),
  birthday: dateSchema.optional(),
  allergies: optText(500),
  specialNeeds: optText(500),
  school: optText(60),
  className: optText(60),
  notes: optText(1000),
  consent: inlineConsentSchema.optional(),
});

export const guardianAddBody = z.strictObject({
  memberId: idSchema(ID_PREFIXES.member),
  relation: text(20),
  isPrimary: z.boolean().default(false),
});

export const contactCreateBody = z.strictObject({
  kind: z.enum(['pickup', 'emergency']).describe('pickup: authorised to collect the child; emergency: call in an emergency'),
  name: text(50),
  relation: optText(20),
  mobile: mobileSchema.nullable().optional(),
});

export type DependentCreate = z.infer<typeof dependentCreateBody>;
export type DependentUpdate = z.infer<typeof dependentUpdateBody>;

export const guardianSchema = z.object({
  memberId: z.string(),
  memberNo: z.string(),
  name: z.string(),
  mobile: z.string().nullable(),
  isMobileMasked: z.boolean(),
  relation: z.string(),
  isPrimary: z.boolean(),
});

export const contactSchema = z.object({
  id: z.string(),
  kind: z.enum(['pickup', 'emergency']),
  name: z.string(),
  relation: z.string().nullable(),
  mobile: z.string().nullable(),
});

export const dependentSchema = z.object({
  id: z.string(),
  name: z.string(),
  gender: genderSchema.nullable(),
  birthday: z.string(),
  allergies: z.string().nullable(),
  specialNeeds: z.string().nullable(),
  school: z.string().nullable(),
  className: z.string().nullable(),
  notes: z.string().nullable(),
  guardians: z.array(guardianSchema),
  contacts: z.array(contactSchema),
  hasChildConsent: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DependentDto = z.infer<typeof dependentSchema>;

export const familySchema = z.object({
  memberId: z.string(),
  emergencyContact: z.object({ name: z.string(), relation: z.string().nullable(), mobile: z.string().nullable() }).nullable(),
  dependents: z.array(dependentSchema),
});
