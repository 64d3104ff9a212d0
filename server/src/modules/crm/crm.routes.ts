import { z } from 'zod';
import { type ZApp, errorResponses, noContent } from '../../http/zapp';
import { ID_PREFIXES } from '../../shared/ids';
import { idSchema } from '../../shared/validation';
import {
  dateIdParam,
  importantDateCreateBody,
  importantDateSchema,
  interactionCreateBody,
  interactionIdParam,
  interactionListQuery,
  interactionPageSchema,
  interactionSchema,
  interactionUpdateBody,
  memberInteractionsQuery,
  upcomingItemSchema,
  upcomingQuery,
} from './crm.schemas';
import type { CrmService } from './crm.service';

const tags = ['crm'];
const memberIdParam = z.object({ memberId: idSchema(ID_PREFIXES.member) });

export function crmRoutes(app: ZApp, crm: CrmService): void {
  app.get('/members/:memberId/interactions', {
    config: { permission: 'member.read' },
    schema: { tags, summary: 'A member’s consultations, complaints, suggestions and return visits', params: memberIdParam, querystring: memberInteractionsQuery, response: { 200: interactionPageSchema, ...errorResponses } },
    handler: async (req) => crm.listForMember(req.ctx(), req.params.memberId, req.query),
  });

  app.post('/members/:memberId/interactions', {
    config: { permission: 'member.write' },
    schema: { tags, summary: 'Record a consultation, complaint, suggestion or return visit', params: memberIdParam, body: interactionCreateBody, response: { 201: interactionSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await crm.create(req.ctx(), req.params.memberId, req.body)),
  });

  app.get('/interactions', {
    config: { permission: 'member.read' },
    schema: {
      tags,
      summary: 'Work list: open complaints, follow-ups due, by owner — for members of the caller’s stores',
      querystring: interactionListQuery,
      response: { 200: interactionPageSchema, ...errorResponses },
    },
    handler: async (req) => crm.list(req.ctx(), req.query),
  });

  app.get('/follow-up-owners', {
    config: { permission: 'member.read' },
    schema: {
      tags,
      summary: 'Staff who can own a follow-up (interactions, leads): active staff of the caller’s stores, the caller first',
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await crm.owners(req.ctx()) }),
  });

  app.get('/interactions/:interactionId', {
    config: { permission: 'member.read' },
    schema: { tags, summary: 'An interaction', params: interactionIdParam, response: { 200: interactionSchema, ...errorResponses } },
    handler: async (req) => crm.get(req.ctx(), req.params.interactionId),
  });

  app.patch('/interactions/:interactionId', {
    config: { permission: 'member.write' },
    schema: {
      tags,
      summary: 'Update an interaction: owner, follow-up date, status (open → in progress → resolved) and resolution',
      params: interactionIdParam,
      body: interactionUpdateBody,
      response: { 200: interactionSchema, ...errorResponses },
    },
    handler: async (req) => crm.update(req.ctx(), req.params.interactionId, req.body),
  });

  app.get('/members/:memberId/important-dates', {
    config: { permission: 'member.read' },
    schema: { tags, summary: 'A member’s important dates (anniversaries and others)', params: memberIdParam, response: { 200: z.object({ items: z.array(importantDateSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await crm.listDates(req.ctx(), req.params.memberId) }),
  });

  app.post('/members/:memberId/important-dates', {
    config: { permission: 'member.write' },
    schema: { tags, summary: 'Add an important date', params: memberIdParam, body: importantDateCreateBody, response: { 201: importantDateSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await crm.addDate(req.ctx(), req.params.memberId, req.body)),
  });

  app.delete('/important-dates/:dateId', {
    config: { permission: 'member.write' },
    schema: { tags, summary: 'Remove an important date', params: dateIdParam, response: { ...noContent, ...errorResponses } },
    handler: async (req, reply) => {
      await crm.deleteDate(req.ctx(), req.params.dateId);
      return reply.status(204).send(null);
    },
  });

  app.get('/important-dates/upcoming', {
    config: { permission: 'member.read' },
    schema: {
      tags,
      summary: 'Birthdays (solar or lunar), children’s birthdays and anniversaries in the next days',
      querystring: upcomingQuery,
      response: { 200: z.object({ items: z.array(upcomingItemSchema) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await crm.upcoming(req.ctx(), req.query) }),
  });
}
