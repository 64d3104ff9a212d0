import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { idSchema, text } from '../../shared/validation';

export const consentParams = z.object({ memberId: idSchema(ID_PREFIXES.member), consentId: idSchema(ID_PREFIXES.consent) });

export const consentKindSchema = z.enum(['sensitive', 'child']).describe('sensitive: health data and ID numbers; child: data of a child under 14');

export const consentTextSchema = z.object({
  id: z.string(),
  kind: consentKindSchema,
  version: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

export const consentTextCreateBody = z.strictObject({
  kind: consentKindSchema,
  version: z.string().trim().min(1).max(30).describe('e.g. 2026-01; versions are never edited, add a new one'),
  body: z.string().trim().min(10).max(20_000),
});

export const consentSchema = z.object({
  id: z.string(),
  kind: consentKindSchema,
  dependentId: z.string().nullable(),
  textId: z.string(),
  textVersion: z.string(),
  grantedByName: z.string(),
  grantedByRelation: z.string().nullable(),
  channel: z.string(),
  grantedAt: z.string(),
  recordedBy: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
});
export type ConsentDto = z.infer<typeof consentSchema>;

export const consentGrantBody = z.strictObject({
  kind: consentKindSchema,
  textId: idSchema(ID_PREFIXES.consentText),
  dependentId: idSchema(ID_PREFIXES.dependent).optional().describe('Required for kind child'),
  grantedByName: text(50).optional().describe('Who consented; defaults to the member’s name'),
  grantedByRelation: z.string().trim().max(20).nullable().optional(),
  channel: z.enum(['desk', 'paper', 'portal']).default('desk'),
});

export const idTypeSchema = z.enum(['cn_resident', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent', 'other']);

const healthSchema = z.strictObject({
  conditions: z.string().trim().max(1000).nullable().optional().describe('Conditions that rule out certain exercises'),
  injuries: z.string().trim().max(1000).nullable().optional(),
  restrictions: z.string().trim().max(1000).nullable().optional().describe('Exercise restrictions'),
  notes: z.string().trim().max(1000).nullable().optional(),
});

export const sensitiveUpdateBody = z.strictObject({
  idType: idTypeSchema.nullable().optional(),
  idNumber: z.string().trim().min(1).max(40).nullable().optional(),
  health: healthSchema.nullable().optional(),
});
export type SensitiveUpdate = z.infer<typeof sensitiveUpdateBody>;

export const sensitiveSchema = z.object({
  idType: idTypeSchema.nullable(),
  idNumber: z.string().nullable(),
  health: z
    .object({ conditions: z.string().nullable(), injuries: z.string().nullable(), restrictions: z.string().nullable(), notes: z.string().nullable() })
    .nullable(),
  updatedAt: z.string().nullable(),
});

export const sensitiveStateSchema = z.object({ hasIdNumber: z.boolean(), hasHealth: z.boolean(), updatedAt: z.string() });
