import { z } from 'zod';
import { ID_PREFIXES } from '../../../shared/ids';
import { paginationQuery, pageSchema } from '../../../shared/pagination';
import { idSchema, text } from '../../../shared/validation';

export const jobIdParam = z.object({ jobId: idSchema(ID_PREFIXES.importJob) });
export const mappingIdParam = z.object({ mappingId: idSchema(ID_PREFIXES.importMapping) });

const mappingSchema = z
  .record(z.string().max(200), z.string().max(60))
  .describe(
    'Column header → member field: name, mobile, gender, birthday, email, address, cardNo, memberNo, homeStore, sourceChannel, referrerName, tags, interests, goals, notes, custom.<key>, or ignore',
  );

export const validateBody = z.strictObject({
  mapping: mappingSchema,
  dedupe: z.enum(['skip', 'update']).default('skip').describe('A mobile that already belongs to a member: skip the row, or update that member with the row’s non-empty cells'),
  defaultStoreId: idSchema(ID_PREFIXES.store).nullable().optional().describe('Home store for rows without a store column / value'),
  saveMappingAs: text(40).optional().describe('Save this mapping under a name for the next import'),
});

export const applyBody = z.strictObject({
  skipInvalidRows: z.boolean().default(false).describe('Import the valid rows and leave the invalid ones out (default: refuse while any row is invalid)'),
});

export const mappingCreateBody = z.strictObject({ name: text(40), mapping: mappingSchema });

export const jobSchema = z.object({
  id: z.string(),
  status: z.enum(['uploaded', 'validating', 'validated', 'applying', 'succeeded', 'failed', 'cancelled']),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  fileSize: z.number(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string()).nullable(),
  dedupe: z.enum(['skip', 'update']),
  defaultStoreId: z.string().nullable(),
  isDryRunDone: z.boolean(),
  counts: z.object({
    totalRows: z.number(),
    validRows: z.number(),
    errorRows: z.number(),
    insert: z.number().describe('New members (planned after the dry run, done after success)'),
    update: z.number(),
    skip: z.number(),
  }),
  progress: z.object({ phase: z.enum(['reading', 'checking', 'writing']), processed: z.number(), total: z.number(), percent: z.number() }).nullable(),
  isCancelRequested: z.boolean(),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const uploadedJobSchema = jobSchema.extend({
  sampleRows: z.array(z.array(z.string())),
  suggestedMapping: z.record(z.string(), z.string()),
  savedMappingId: z.string().nullable(),
});

export const jobPageSchema = pageSchema(jobSchema);
export const listQuery = z.strictObject({ ...paginationQuery });
export const errorPageSchema = pageSchema(z.object({ row: z.number(), column: z.string().nullable(), code: z.string(), message: z.string() }));
export const mappingSchemaOut = z.object({ id: z.string(), name: z.string(), mapping: z.record(z.string(), z.string()), updatedAt: z.string() });
