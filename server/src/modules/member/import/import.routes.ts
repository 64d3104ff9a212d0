import { z } from 'zod';
import { type ZApp, errorResponses, noContent } from '../../../http/zapp';
import { attachment, raw } from '../member.routes';
import { readUpload } from '../upload';
import { UPLOAD_MAX_BYTES } from '../upload';
import type { ImportService } from './import.service';
import {
  applyBody,
  errorPageSchema,
  jobIdParam,
  jobPageSchema,
  jobSchema,
  listQuery,
  mappingCreateBody,
  mappingIdParam,
  mappingSchemaOut,
  uploadedJobSchema,
  validateBody,
} from './import.schemas';

const tags = ['member import'];

export function memberImportRoutes(app: ZApp, imports: ImportService): void {
  app.post('/member-imports', {
    config: { permission: 'member.import' },
    schema: {
      tags,
      summary: 'Upload a CSV (UTF-8, UTF-8 with BOM, GBK, UTF-16) or XLSX file of members (multipart field "file", up to 20 MB)',
      consumes: ['multipart/form-data'],
      response: { 201: uploadedJobSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const file = await readUpload(req, UPLOAD_MAX_BYTES);
      return reply.status(201).send(await imports.upload(req.ctx(), { filename: file.filename, content: file.content }));
    },
  });

  app.get('/member-imports', {
    config: { permission: 'member.import' },
    schema: { tags, summary: 'Recent import jobs', querystring: listQuery, response: { 200: jobPageSchema, ...errorResponses } },
    handler: async (req) => imports.list(req.ctx(), req.query),
  });

  app.get('/member-imports/:jobId', {
    config: { permission: 'member.import' },
    schema: { tags, summary: 'An import job: status, counts, progress (poll while it runs)', params: jobIdParam, response: { 200: jobSchema, ...errorResponses } },
    handler: async (req) => imports.get(req.ctx(), req.params.jobId),
  });

  app.post('/member-imports/:jobId/validate', {
    config: { permission: 'member.import' },
    schema: {
      tags,
      summary: 'Dry run in the background: check every row with this column mapping; nothing is written',
      params: jobIdParam,
      body: validateBody,
      response: { 202: jobSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(202).send(await imports.validate(req.ctx(), req.params.jobId, req.body)),
  });

  app.post('/member-imports/:jobId/apply', {
    config: { permission: 'member.import' },
    schema: {
      tags,
      summary: 'Import a checked job in the background; all rows are written in one transaction, or none',
      params: jobIdParam,
      body: applyBody,
      response: { 202: jobSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(202).send(await imports.apply(req.ctx(), req.params.jobId, req.body)),
  });

  app.post('/member-imports/:jobId/cancel', {
    config: { permission: 'member.import' },
    schema: { tags, summary: 'Cancel a job (a running import is rolled back; nothing is written)', params: jobIdParam, response: { 200: jobSchema, ...errorResponses } },
    handler: async (req) => imports.cancel(req.ctx(), req.params.jobId),
  });

  app.get('/member-imports/:jobId/errors', {
    config: { permission: 'member.import' },
    schema: { tags, summary: 'Row errors of the last check: row, column, reason', params: jobIdParam, querystring: listQuery, response: { 200: errorPageSchema, ...errorResponses } },
    handler: async (req) => imports.errors(req.ctx(), req.params.jobId, req.query),
  });

  app.get('/member-imports/:jobId/errors.csv', {
    config: { permission: 'member.import' },
    schema: { tags, summary: 'The error report as CSV (UTF-8 with BOM, opens in Excel)', params: jobIdParam, response: { ...errorResponses } },
    handler: async (req, reply) => {
      const out = await imports.errorsCsv(req.ctx(), req.params.jobId);
      return raw(reply).header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(out.filename)).send(out.body);
    },
  });

  app.get('/member-import-mappings', {
    config: { permission: 'member.import' },
    schema: { tags, summary: 'Saved column mappings', response: { 200: z.object({ items: z.array(mappingSchemaOut) }), ...errorResponses } },
    handler: async (req) => ({ items: await imports.listMappings(req.ctx()) }),
  });

  app.post('/member-import-mappings', {
    config: { permission: 'member.import' },
    schema: { tags, summary: 'Save a column mapping', body: mappingCreateBody, response: { 201: mappingSchemaOut, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await imports.saveMapping(req.ctx(), req.body)),
  });

  app.delete('/member-import-mappings/:mappingId', {
    config: { permission: 'member.import' },
    schema: { tags, summary: 'Delete a saved column mapping', params: mappingIdParam, response: { ...noContent, ...errorResponses } },
    handler: async (req, reply) => {
      await imports.deleteMapping(req.ctx(), req.params.mappingId);
      return reply.status(204).send(null);
    },
  });
}
