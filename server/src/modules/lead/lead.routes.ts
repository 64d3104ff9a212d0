import { type ZApp, errorResponses } from '../../http/zapp';
import {
  boardQuery,
  boardSchema,
  convertResultSchema,
  leadConvertBody,
  leadCreateBody,
  leadDetailSchema,
  leadIdParam,
  leadListQuery,
  leadNoteBody,
  leadPageSchema,
  leadStatusBody,
  leadUpdateBody,
  reportQuery,
  reportSchema,
} from './lead.schemas';
import type { LeadService } from './lead.service';

const tags = ['leads'];

export function leadRoutes(app: ZApp, leads: LeadService): void {
  app.get('/leads', {
    config: { permission: 'lead.read' },
    schema: { tags, summary: 'List leads (status, source, owner, store, follow-up due, name or mobile)', querystring: leadListQuery, response: { 200: leadPageSchema, ...errorResponses } },
    handler: async (req) => leads.list(req.ctx(), req.query),
  });

  app.post('/leads', {
    config: { permission: 'lead.manage' },
    schema: { tags, summary: 'Record an enquiry', body: leadCreateBody, response: { 201: leadDetailSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await leads.create(req.ctx(), req.body)),
  });

  app.get('/leads/board', {
    config: { permission: 'lead.read' },
    schema: { tags, summary: 'Pipeline board: per status, a count and the newest leads', querystring: boardQuery, response: { 200: boardSchema, ...errorResponses } },
    handler: async (req) => leads.board(req.ctx(), req.query),
  });

  app.get('/leads/conversion-report', {
    config: { permission: 'lead.read' },
    schema: { tags, summary: 'Conversions by source channel for leads created in a date range', querystring: reportQuery, response: { 200: reportSchema, ...errorResponses } },
    handler: async (req) => leads.conversionReport(req.ctx(), req.query),
  });

  app.get('/leads/:leadId', {
    config: { permission: 'lead.read' },
    schema: { tags, summary: 'A lead with its history', params: leadIdParam, response: { 200: leadDetailSchema, ...errorResponses } },
    handler: async (req) => leads.get(req.ctx(), req.params.leadId),
  });

  app.patch('/leads/:leadId', {
    config: { permission: 'lead.manage' },
    schema: { tags, summary: 'Update a lead (owner, follow-up date, details)', params: leadIdParam, body: leadUpdateBody, response: { 200: leadDetailSchema, ...errorResponses } },
    handler: async (req) => leads.update(req.ctx(), req.params.leadId, req.body),
  });

  app.post('/leads/:leadId/status', {
    config: { permission: 'lead.manage' },
    schema: {
      tags,
      summary: 'Move a lead along the pipeline: contacted, trial booked, trial attended, or lost (with reason)',
      params: leadIdParam,
      body: leadStatusBody,
      response: { 200: leadDetailSchema, ...errorResponses },
    },
    handler: async (req) => leads.setStatus(req.ctx(), req.params.leadId, req.body),
  });

  app.post('/leads/:leadId/notes', {
    config: { permission: 'lead.manage' },
    schema: { tags, summary: 'Log a follow-up contact with a note and the next follow-up date', params: leadIdParam, body: leadNoteBody, response: { 200: leadDetailSchema, ...errorResponses } },
    handler: async (req) => leads.addNote(req.ctx(), req.params.leadId, req.body),
  });

  app.post('/leads/:leadId/convert', {
    config: { permission: 'lead.manage' },
    schema: {
      tags,
      summary: 'Convert a lead into a member (new, or link an existing one); the lead and its history are kept',
      params: leadIdParam,
      body: leadConvertBody,
      response: { 200: convertResultSchema, ...errorResponses },
    },
    handler: async (req) => leads.convert(req.ctx(), req.params.leadId, req.body),
  });
}
