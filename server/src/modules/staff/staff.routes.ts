import { z } from 'zod';
import { type ZApp, errorResponses, noContent } from '../../http/zapp';
import type { ApiKeyService } from './apikey.service';
import {
  apiKeyCreateBody,
  apiKeyCreatedSchema,
  apiKeyIdParam,
  apiKeySchema,
  passwordResetSchema,
  permissionCatalogueSchema,
  roleCreateBody,
  roleIdParam,
  roleSchema,
  roleUpdateBody,
  staffCreateBody,
  staffCreatedSchema,
  staffIdParam,
  staffListQuery,
  staffPageSchema,
  staffSchema,
  staffUpdateBody,
} from './staff.schemas';
import type { StaffService } from './staff.service';

export function staffRoutes(app: ZApp, deps: { staff: StaffService; apiKeys: ApiKeyService }): void {
  const { staff, apiKeys } = deps;

  app.get('/staff', {
    config: { permission: 'staff.read' },
    schema: { tags: ['staff'], summary: 'List staff in the caller’s data scope', querystring: staffListQuery, response: { 200: staffPageSchema, ...errorResponses } },
    handler: async (req) => staff.list(req.ctx(), req.query),
  });

  app.post('/staff', {
    config: { permission: 'staff.manage' },
    schema: { tags: ['staff'], summary: 'Create a staff account', body: staffCreateBody, response: { 201: staffCreatedSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await staff.create(req.ctx(), req.body)),
  });

  app.get('/staff/:staffId', {
    config: { permission: 'staff.read' },
    schema: { tags: ['staff'], summary: 'Get a staff member', params: staffIdParam, response: { 200: staffSchema, ...errorResponses } },
    handler: async (req) => staff.get(req.ctx(), req.params.staffId),
  });

  app.patch('/staff/:staffId', {
    config: { permission: 'staff.manage' },
    schema: { tags: ['staff'], summary: 'Update a staff member (roles, scope, status)', params: staffIdParam, body: staffUpdateBody, response: { 200: staffSchema, ...errorResponses } },
    handler: async (req) => staff.update(req.ctx(), req.params.staffId, req.body),
  });

  app.post('/staff/:staffId/password-reset', {
    config: { permission: 'staff.manage' },
    schema: {
      tags: ['staff'],
      summary: 'Reset a staff member’s password to a one-time password',
      params: staffIdParam,
      response: { 200: passwordResetSchema, ...errorResponses },
    },
    handler: async (req) => staff.resetPassword(req.ctx(), req.params.staffId),
  });

  app.get('/roles', {
    config: { permission: 'staff.read' },
    schema: { tags: ['staff'], summary: 'List roles (built-in and custom)', response: { 200: z.object({ items: z.array(roleSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await staff.listRoles(req.ctx()) }),
  });

  app.post('/roles', {
    config: { permission: 'role.manage' },
    schema: { tags: ['staff'], summary: 'Create a custom role from permissions', body: roleCreateBody, response: { 201: roleSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await staff.createRole(req.ctx(), req.body)),
  });

  app.patch('/roles/:roleId', {
    config: { permission: 'role.manage' },
    schema: { tags: ['staff'], summary: 'Update a custom role', params: roleIdParam, body: roleUpdateBody, response: { 200: roleSchema, ...errorResponses } },
    handler: async (req) => staff.updateRole(req.ctx(), req.params.roleId, req.body),
  });

  app.delete('/roles/:roleId', {
    config: { permission: 'role.manage' },
    schema: { tags: ['staff'], summary: 'Delete a custom role nobody holds', params: roleIdParam, response: { ...noContent, ...errorResponses } },
    handler: async (req, reply) => {
      await staff.deleteRole(req.ctx(), req.params.roleId);
      return reply.status(204).send(null);
    },
  });

  app.get('/permissions', {
    config: { permission: 'staff.read' },
    schema: { tags: ['staff'], summary: 'The permission catalogue, grouped, for the role editor', response: { 200: permissionCatalogueSchema, ...errorResponses } },
    handler: async (req) => staff.permissionCatalogue(req.ctx()),
  });

  app.get('/api-keys', {
    config: { permission: 'apikey.manage' },
    schema: { tags: ['system'], summary: 'List API keys', response: { 200: z.object({ items: z.array(apiKeySchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await apiKeys.list(req.ctx()) }),
  });

  app.post('/api-keys', {
    config: { permission: 'apikey.manage' },
    schema: { tags: ['system'], summary: 'Create an API key; the token is shown once', body: apiKeyCreateBody, response: { 201: apiKeyCreatedSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await apiKeys.create(req.ctx(), req.body)),
  });

  app.post('/api-keys/:apiKeyId/revoke', {
    config: { permission: 'apikey.manage' },
    schema: { tags: ['system'], summary: 'Revoke an API key', params: apiKeyIdParam, response: { 200: apiKeySchema, ...errorResponses } },
    handler: async (req) => apiKeys.revoke(req.ctx(), req.params.apiKeyId),
  });
}
