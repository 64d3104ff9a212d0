import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import { text } from '../../shared/validation';
import {
  consentGrantBody,
  consentParams,
  consentSchema,
  consentTextCreateBody,
  consentTextSchema,
  sensitiveSchema,
  sensitiveStateSchema,
  sensitiveUpdateBody,
} from './consent.schemas';
import {
  contactCreateBody,
  contactParams,
  dependentCreateBody,
  dependentIdParam,
  dependentSchema,
  dependentUpdateBody,
  familySchema,
  guardianAddBody,
  guardianParams,
} from './family.schemas';
import type { MemberModule } from './member.module';
import { attachment, raw } from './member.routes';
import { memberIdParam, memberSchema } from './member.schemas';

const tags = ['members'];

/** Family, consents, sensitive data and the member's privacy rights. */
export function memberFamilyRoutes(app: ZApp, m: MemberModule): void {
  app.get('/members/:memberId/family', {
    config: { permission: 'member.read' },
    schema: { tags, summary: 'The member’s children / dependents with guardians, pick-up people and emergency contacts', params: memberIdParam, response: { 200: familySchema, ...errorResponses } },
    handler: async (req) => m.family.family(req.ctx(), req.params.memberId),
  });

  app.post('/members/:memberId/dependents', {
    config: { permission: 'member.write' },
    schema: {
      tags,
      summary: 'Add a child / dependent with this member as guardian (under 14: the guardian’s consent is required)',
      params: memberIdParam,
      body: dependentCreateBody,
      response: { 201: dependentSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await m.family.addDependent(req.ctx(), req.params.memberId, req.body)),
  });

  app.get('/dependents/:dependentId', {
    config: { permission: 'member.read' },
    schema: { tags, summary: 'A child / dependent', params: dependentIdParam, response: { 200: dependentSchema, ...errorResponses } },
    handler: async (req) => m.family.getDependent(req.ctx(), req.params.dependentId),
  });

  app.patch('/dependents/:dependentId', {
    config: { permission: 'member.write' },
    schema: { tags, summary: 'Update a child / dependent', params: dependentIdParam, body: dependentUpdateBody, response: { 200: dependentSchema, ...errorResponses } },
    handler: async (req) => m.family.updateDependent(req.ctx(), req.params.dependentId, req.body),
  });

  app.post('/dependents/:dependentId/guardians', {
    config: { permission: 'member.write' },
    schema: { tags, summary: 'Add another guardian (a member) to a child', params: dependentIdParam, body: guardianAddBody, response: { 200: dependentSchema, ...errorResponses } },
    handler: async (req) => m.family.addGuardian(req.ctx(), req.params.dependentId, req.body),
  });

  app.delete('/dependents/:dependentId/guardians/:memberId', {
    config: { permission: 'member.write' },
    schema: { tags, summary: 'Remove a guardian from a child (not the last one)', params: guardianParams, response: { 200: dependentSchema, ...errorResponses } },
    handler: async (req) => m.family.removeGuardian(req.ctx(), req.params.dependentId, req.params.memberId),
  });

  app.post('/dependents/:dependentId/contacts', {
    config: { permission: 'member.write' },
    schema: { tags, summary: 'Add a person authorised to pick the child up, or an emergency contact', params: dependentIdParam, body: contactCreateBody, response: { 200: dependentSchema, ...errorResponses } },
    handler: async (req) => m.family.addContact(req.ctx(), req.params.dependentId, req.body),
  });

  app.delete('/dependents/:dependentId/contacts/:contactId', {
    config: { permission: 'member.write' },
    schema: { tags, summary: 'Remove a pick-up person or emergency contact', params: contactParams, response: { 200: dependentSchema, ...errorResponses } },
    handler: async (req) => m.family.removeContact(req.ctx(), req.params.dependentId, req.params.contactId),
  });

  // ---- consents ----
  app.get('/consent-texts', {
    config: { permission: 'member.read' },
    schema: { tags: ['member settings'], summary: 'Consent text versions (sensitive data; children under 14)', response: { 200: z.object({ items: z.array(consentTextSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await m.sensitive.listTexts(req.ctx()) }),
  });

  app.post('/consent-texts', {
    config: { permission: 'crm.settings' },
    schema: { tags: ['member settings'], summary: 'Add a consent text version (versions are never edited)', body: consentTextCreateBody, response: { 201: consentTextSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await m.sensitive.createText(req.ctx(), req.body)),
  });

  app.get('/members/:memberId/consents', {
    config: { permission: 'member.read' },
    schema: { tags, summary: 'Consents the member (or, for a child, the guardian) gave', params: memberIdParam, response: { 200: z.object({ items: z.array(consentSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await m.sensitive.listConsents(req.ctx(), req.params.memberId) }),
  });

  app.post('/members/:memberId/consents', {
    config: { permission: 'member.write' },
    schema: { tags, summary: 'Record a consent: who consented, when, to which text version', params: memberIdParam, body: consentGrantBody, response: { 201: consentSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await m.sensitive.grant(req.ctx(), req.params.memberId, req.body)),
  });

  app.post('/members/:memberId/consents/:consentId/withdraw', {
    config: { permission: 'member.write' },
    schema: {
      tags,
      summary: 'Withdraw a consent (withdrawing the sensitive-data consent deletes the health data and ID number)',
      params: consentParams,
      response: { 200: consentSchema, ...errorResponses },
    },
    handler: async (req) => m.sensitive.withdraw(req.ctx(), req.params.memberId, req.params.consentId),
  });

  // ---- sensitive data ----
  app.get('/members/:memberId/sensitive', {
    config: { permission: 'member.sensitive.read' },
    schema: { tags, summary: 'Health data and ID number, decrypted (every view is audit-logged)', params: memberIdParam, response: { 200: sensitiveSchema, ...errorResponses } },
    handler: async (req) => m.sensitive.read(req.ctx(), req.params.memberId),
  });

  app.put('/members/:memberId/sensitive', {
    config: { permission: 'member.sensitive.write' },
    schema: {
      tags,
      summary: 'Record health data and the ID number, encrypted at rest (needs the member’s sensitive-data consent)',
      params: memberIdParam,
      body: sensitiveUpdateBody,
      response: { 200: sensitiveStateSchema, ...errorResponses },
    },
    handler: async (req) => m.sensitive.write(req.ctx(), req.params.memberId, req.body),
  });

  // ---- privacy rights ----
  app.get('/members/:memberId/data-export', {
    config: { permission: 'member.export' },
    schema: {
      tags,
      summary: 'Everything held about the member, as JSON or a readable HTML page (audit-logged)',
      params: memberIdParam,
      querystring: z.strictObject({ format: z.enum(['json', 'html']).default('json') }),
      response: { ...errorResponses },
    },
    handler: async (req, reply) => {
      const out = await m.privacy.dataExport(req.ctx(), req.params.memberId, req.query.format);
      return raw(reply).header('content-type', out.contentType).header('content-disposition', attachment(out.filename)).send(out.body);
    },
  });

  app.post('/members/:memberId/erase', {
    config: { permission: 'member.erase' },
    schema: {
      tags,
      summary: 'Erase a member: personal data anonymised, member number, financial records and audit kept',
      params: memberIdParam,
      body: z.strictObject({ reason: text(200).describe('Why (e.g. the member’s deletion request of 2026-11-20)') }),
      response: { 200: memberSchema, ...errorResponses },
    },
    handler: async (req) => m.privacy.erase(req.ctx(), req.params.memberId, req.body),
  });
}
