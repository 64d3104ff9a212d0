import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { idSchema, text } from '../../shared/validation';

export const regionIdParam = z.object({ regionId: idSchema(ID_PREFIXES.region) });
export const storeIdParam = z.object({ storeId: idSchema(ID_PREFIXES.store) });

export const tenantSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  locale: z.string(),
});

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown time zone');

export const tenantUpdateBody = z.strictObject({
  name: text(100).optional(),
  timeZone: timeZone.optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
});

export const regionSchema = z.object({
  id: z.string(),
  name: z.string(),
  isActive: z.boolean(),
  storeCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const regionCreateBody = z.strictObject({ name: text(50) });
export const regionUpdateBody = z.strictObject({ name: text(50).optional(), isActive: z.boolean().optional() });

export const storeSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  regionId: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  businessHours: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const storeCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,20}$/, 'letters, digits, - and _ (1–20)');

export const storeCreateBody = z.strictObject({
  name: text(50),
  code: storeCode.optional().describe('Short code shown on receipts; generated when omitted'),
  regionId: idSchema(ID_PREFIXES.region).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  businessHours: z.string().trim().max(100).nullable().optional(),
});

export const storeUpdateBody = z.strictObject({
  name: text(50).optional(),
  code: storeCode.optional(),
  regionId: idSchema(ID_PREFIXES.region).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  businessHours: z.string().trim().max(100).nullable().optional(),
  isActive: z.boolean().optional(),
});

export const storeListQuery = z.strictObject({
  regionId: idSchema(ID_PREFIXES.region).optional(),
  includeInactive: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});

export type Tenant = z.infer<typeof tenantSchema>;
export type Region = z.infer<typeof regionSchema>;
export type Store = z.infer<typeof storeSchema>;
export type StoreCreate = z.infer<typeof storeCreateBody>;
export type StoreUpdate = z.infer<typeof storeUpdateBody>;
