import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { paginationQuery, pageSchema } from '../../shared/pagination';
import { emailSchema, idSchema, mobileSchema, passwordSchema, text, timestampSchema } from '../../shared/validation';

export const staffIdParam = z.object({ staffId: idSchema(ID_PREFIXES.staff) });
export const roleIdParam = z.object({ roleId: idSchema(ID_PREFIXES.role) });
export const apiKeyIdParam = z.object({ apiKeyId: idSchema(ID_PREFIXES.apiKey) });

export const scopeTypeSchema = z.enum(['all', 'region', 'stores']).describe('Data scope: all stores, one region, or named stores');

export const roleRefSchema = z.object({ id: z.string(), name: z.string(), builtinKey: z.string().nullable() });

export const staffSchema = z.object({
  id: z.string(),
  login: z.string(),
  name: z.string(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  locale: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  isLocked: z.boolean(),
  scopeType: scopeTypeSchema,
  scopeRegionId: z.string().nullable(),
  storeIds: z.array(z.string()),
  roles: z.array(roleRefSchema),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const login = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{1,39}$/, 'letters, digits, . _ @ - (2–40)');

export const staffCreateBody = z.strictObject({
  login,
  name: text(50),
  mobile: mobileSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  password: passwordSchema.optional().describe('Initial password; a one-time password is generated when omitted'),
  roleIds: z.array(idSchema(ID_PREFIXES.role)).min(1).max(20),
  scopeType: scopeTypeSchema.default('stores'),
  scopeRegionId: idSchema(ID_PREFIXES.region).nullable().optional(),
  storeIds: z.array(idSchema(ID_PREFIXES.store)).max(500).default([]),
});

export const staffUpdateBody = z.strictObject({
  name: text(50).optional(),
  mobile: mobileSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
  roleIds: z.array(idSchema(ID_PREFIXES.role)).min(1).max(20).optional(),
  scopeType: scopeTypeSchema.optional(),
  scopeRegionId: idSchema(ID_PREFIXES.region).nullable().optional(),
  storeIds: z.array(idSchema(ID_PREFIXES.store)).max(500).optional(),
});

export const staffListQuery = z.strictObject({
  status: z.enum(['active', 'disabled']).optional(),
  storeId: idSchema(ID_PREFIXES.store).optional(),
  ...paginationQuery,
});

export const staffPageSchema = pageSchema(staffSchema);

export const staffCreatedSchema = z.object({
  staff: staffSchema,
  temporaryPassword: z.string().nullable().describe('Shown once when the password was generated'),
});

export const passwordResetSchema = z.object({ temporaryPassword: z.string() });

export const roleSchema = z.object({
  id: z.string(),
  name: z.string(),
  builtinKey: z.string().nullable(),
  description: z.string().nullable(),
  permissions: z.array(z.string()),
  staffCount: z.number().int(),
  isEditable: z.boolean(),
});

export const roleCreateBody = z.strictObject({
  name: text(30),
  description: z.string().trim().max(200).nullable().optional(),
  permissions: z.array(z.string().max(64)).max(500),
});

export const roleUpdateBody = z.strictObject({
  name: text(30).optional(),
  description: z.string().trim().max(200).nullable().optional(),
  permissions: z.array(z.string().max(64)).max(500).optional(),
});

export const permissionCatalogueSchema = z.object({
  groups: z.array(z.object({ key: z.string(), label: z.string() })),
  items: z.array(z.object({ code: z.string(), group: z.string(), label: z.string(), sensitive: z.boolean() })),
});

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  permissions: z.array(z.string()),
  scopeType: scopeTypeSchema,
  scopeRegionId: z.string().nullable(),
  storeIds: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const apiKeyCreateBody = z.strictObject({
  name: text(50),
  permissions: z.array(z.string().max(64)).min(1).max(500),
  scopeType: scopeTypeSchema.default('all'),
  scopeRegionId: idSchema(ID_PREFIXES.region).nullable().optional(),
  storeIds: z.array(idSchema(ID_PREFIXES.store)).max(500).default([]),
  expiresAt: timestampSchema.nullable().optional(),
});

export const apiKeyCreatedSchema = z.object({
  apiKey: apiKeySchema,
  token: z.string().describe('The secret bearer token; shown once, store it safely'),
});

// ---- auth ----

export const loginBody = z.strictObject({
  tenantCode: z.string().trim().max(40).optional().describe('Needed when the server hosts more than one tenant'),
  login: z.string().trim().toLowerCase().min(1).max(40),
  password: z.string().min(1).max(128),
});

export const storeRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), regionId: z.string().nullable() });

export const meSchema = z.object({
  staff: z.object({
    id: z.string(),
    login: z.string(),
    name: z.string(),
    locale: z.string().nullable(),
    mustChangePassword: z.boolean(),
    scopeType: scopeTypeSchema,
  }),
  tenant: z.object({ id: z.string(), code: z.string(), name: z.string(), timeZone: z.string(), currency: z.string(), locale: z.string() }),
  roles: z.array(roleRefSchema),
  permissions: z.array(z.string()),
  stores: z.array(storeRefSchema),
  csrfToken: z.string(),
});

export const meUpdateBody = z.strictObject({
  locale: z.enum(['zh-CN', 'en']).optional(),
  name: text(50).optional(),
});

export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});

export const bootstrapSchema = z.object({
  tenantCount: z.number().int(),
  singleTenant: z.object({ code: z.string(), name: z.string() }).nullable(),
  needsInit: z.boolean().describe('True when no tenant exists yet: run `tessera init`'),
  initCommand: z.string(),
});

export type StaffDto = z.infer<typeof staffSchema>;
export type StaffCreate = z.infer<typeof staffCreateBody>;
export type StaffUpdate = z.infer<typeof staffUpdateBody>;
export type RoleDto = z.infer<typeof roleSchema>;
export type ApiKeyDto = z.infer<typeof apiKeySchema>;
export type ApiKeyCreate = z.infer<typeof apiKeyCreateBody>;
export type Me = z.infer<typeof meSchema>;
