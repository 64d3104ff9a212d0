import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { type ZApp, errorResponses, noContent } from '../../http/zapp';
import type { MemberModule } from './member.module';
import {
  customFieldCreateBody,
  customFieldSchema,
  countQuery,
  customFieldUpdateBody,
  exportQuery,
  facetsSchema,
  fieldIdParam,
  memberCreateBody,
  memberIdParam,
  memberListQuery,
  memberPageSchema,
  memberSchema,
  memberSettingsSchema,
  memberSettingsUpdateBody,
  memberUpdateBody,
  qrQuery,
  searchQuery,
  searchResultSchema,
  timelineEntrySchema,
  timelineQuery,
} from './member.schemas';
import { PHOTO_MAX_BYTES } from './media.service';
import { pageSchema } from '../../shared/pagination';
import { readUpload } from './upload';

const tags = ['members'];

/** A reply sending a file, image or stream rather than a schema-typed JSON body. */
export function raw(reply: unknown): FastifyReply {
  return reply as FastifyReply;
}

/** An RFC 6266 attachment header that keeps non-ASCII file names. */
export function attachment(filename: string): string {
  return `attachment; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Profiles, search, lists, exports, settings, custom fields, photos, QR codes, cards, timeline. */
export function memberProfileRoutes(app: ZApp, m: MemberModule): void {
  app.get('/members/search', {
    config: { permission: 'member.read' },
    schema: {
      tags,
      summary: 'Front-desk search: mobile tail, full mobile, name, pinyin or initials, member or card number (tenant-wide, ranked)',
      querystring: searchQuery,
      response: { 200: z.object({ items: z.array(searchResultSchema) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await m.search.search(req.ctx(), req.query.q, req.query.limit) }),
  });

  app.get('/members', {
    config: { permission: 'member.read' },
    schema: {
      tags,
      summary: 'List members in the caller’s store scope, with filters (tags, store, birthday month, source, created range, cf.<key>)',
      querystring: memberListQuery,
      response: { 200: memberPageSchema, ...errorResponses },
    },
    handler: async (req) => m.search.list(req.ctx(), req.query),
  });

  app.get('/members/count', {
    config: { permission: 'member.read' },
    schema: {
      tags,
      summary: 'How many members the list filters select (same filters as GET /members, same store scope)',
      querystring: countQuery,
      response: { 200: z.object({ count: z.number() }), ...errorResponses },
    },
    handler: async (req) => m.search.count(req.ctx(), req.query),
  });

  app.post('/members', {
    config: { permission: 'member.write' },
    schema: { tags, summary: 'Create a member (a member number is allocated)', body: memberCreateBody, response: { 201: memberSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await m.profiles.create(req.ctx(), req.body)),
  });

  app.get('/members/facets', {
    config: { permission: 'member.read' },
    schema: { tags, summary: 'Tags and source channels in use, with counts (filter choices)', response: { 200: facetsSchema, ...errorResponses } },
    handler: async (req) => m.search.facets(req.ctx()),
  });

  app.get('/members/export', {
    config: { permission: 'member.export' },
    schema: {
      tags,
      summary: 'Export the filtered member list as CSV (UTF-8 with BOM) or XLSX, streamed',
      querystring: exportQuery,
      response: { ...errorResponses },
    },
    handler: async (req, reply) => {
      const out = await m.exports.exportList(req.ctx(), req.query, req.query.format);
      return raw(reply).header('content-type', out.contentType).header('content-disposition', attachment(out.filename)).send(out.stream);
    },
  });

  app.get('/members/:memberId', {
    config: { permission: 'member.read' },
    schema: { tags, summary: 'Get a member (any member of the tenant: served at every store)', params: memberIdParam, response: { 200: memberSchema, ...errorResponses } },
    handler: async (req) => m.profiles.get(req.ctx(), req.params.memberId),
  });

  app.patch('/members/:memberId', {
    config: { permission: 'member.write' },
    schema: { tags, summary: 'Update a member’s profile', params: memberIdParam, body: memberUpdateBody, response: { 200: memberSchema, ...errorResponses } },
    handler: async (req) => m.profiles.update(req.ctx(), req.params.memberId, req.body),
  });

  app.get('/members/:memberId/timeline', {
    config: { permission: 'member.read' },
    schema: {
      tags,
      summary: 'The member’s timeline (profile, interactions, consents; later orders, bookings, check-ins), newest first',
      params: memberIdParam,
      querystring: timelineQuery,
      response: { 200: pageSchema(timelineEntrySchema), ...errorResponses },
    },
    handler: async (req) =>
      m.media.timeline(req.ctx(), req.params.memberId, { kinds: req.query.kind ? [req.query.kind].flat() : undefined, cursor: req.query.cursor, limit: req.query.limit }),
  });

  app.put('/members/:memberId/photo', {
    config: { permission: 'member.write' },
    schema: {
      tags,
      summary: 'Upload the member’s photo (multipart field "file": JPEG, PNG or WebP, up to 2 MB)',
      params: memberIdParam,
      consumes: ['multipart/form-data'],
      response: { 200: z.object({ hasPhoto: z.literal(true), contentType: z.string(), size: z.number() }), ...errorResponses },
    },
    handler: async (req) => {
      const upload = await readUpload(req, PHOTO_MAX_BYTES);
      return m.media.putPhoto(req.ctx(), req.params.memberId, upload.content);
    },
  });

  app.get('/members/:memberId/photo', {
    config: { permission: 'member.read' },
    schema: { tags, summary: 'The member’s photo', params: memberIdParam, response: { ...errorResponses } },
    handler: async (req, reply) => {
      const p = await m.media.getPhoto(req.ctx(), req.params.memberId);
      return raw(reply).header('content-type', p.contentType).header('cache-control', 'private, no-store').send(p.content);
    },
  });

  app.delete('/members/:memberId/photo', {
    config: { permission: 'member.write' },
    schema: { tags, summary: 'Remove the member’s photo', params: memberIdParam, response: { ...noContent, ...errorResponses } },
    handler: async (req, reply) => {
      await m.media.deletePhoto(req.ctx(), req.params.memberId);
      return reply.status(204).send(null);
    },
  });

  app.get('/members/:memberId/qr', {
    config: { permission: 'member.read' },
    schema: { tags, summary: 'QR code of the member number (SVG or PNG), for the desk scanner', params: memberIdParam, querystring: qrQuery, response: { ...errorResponses } },
    handler: async (req, reply) => {
      const qr = await m.media.qr(req.ctx(), req.params.memberId, req.query.format, req.query.size);
      return raw(reply).header('content-type', qr.contentType).send(qr.body);
    },
  });

  app.get('/members/:memberId/card', {
    config: { permission: 'member.read' },
    schema: { tags, summary: 'Printable membership card (SVG, CR80 85.6 × 54 mm) with the member number and its QR code', params: memberIdParam, response: { ...errorResponses } },
    handler: async (req, reply) => raw(reply).header('content-type', 'image/svg+xml; charset=utf-8').send(await m.media.card(req.ctx(), req.params.memberId)),
  });

  // ---- settings ----
  app.get('/member-settings', {
    config: { permission: 'member.read' },
    schema: { tags: ['member settings'], summary: 'Member-number format and the next number', response: { 200: memberSettingsSchema, ...errorResponses } },
    handler: async (req) => m.settings.getSettings(req.ctx()),
  });

  app.patch('/member-settings', {
    config: { permission: 'crm.settings' },
    schema: { tags: ['member settings'], summary: 'Change the member-number prefix, width or next number', body: memberSettingsUpdateBody, response: { 200: memberSettingsSchema, ...errorResponses } },
    handler: async (req) => m.settings.updateSettings(req.ctx(), req.body),
  });

  app.get('/member-custom-fields', {
    config: { permission: 'member.read' },
    schema: { tags: ['member settings'], summary: 'Custom member fields (active and deactivated)', response: { 200: z.object({ items: z.array(customFieldSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await m.settings.listFields(req.ctx()) }),
  });

  app.post('/member-custom-fields', {
    config: { permission: 'crm.settings' },
    schema: { tags: ['member settings'], summary: 'Define a custom member field (text, number, date or choice)', body: customFieldCreateBody, response: { 201: customFieldSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await m.settings.createField(req.ctx(), req.body)),
  });

  app.patch('/member-custom-fields/:fieldId', {
    config: { permission: 'crm.settings' },
    schema: {
      tags: ['member settings'],
      summary: 'Relabel, change options, require or deactivate a custom field (key and type are fixed)',
      params: fieldIdParam,
      body: customFieldUpdateBody,
      response: { 200: customFieldSchema, ...errorResponses },
    },
    handler: async (req) => m.settings.updateField(req.ctx(), req.params.fieldId, req.body),
  });
}
