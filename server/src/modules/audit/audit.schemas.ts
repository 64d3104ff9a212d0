import { z } from 'zod';
import { paginationQuery, pageSchema } from '../../shared/pagination';
import { timestampSchema } from '../../shared/validation';

export const auditEntrySchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  storeId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

export const auditListQuery = z.strictObject({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  action: z.string().max(100).optional(),
  requestId: z.string().max(100).optional(),
  from: timestampSchema.optional(),
  to: timestampSchema.optional(),
  ...paginationQuery,
});

export const auditPageSchema = pageSchema(auditEntrySchema);
