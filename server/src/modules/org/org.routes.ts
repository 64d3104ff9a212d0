import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import {
  regionCreateBody,
  regionIdParam,
  regionSchema,
  regionUpdateBody,
  storeCreateBody,
  storeIdParam,
  storeListQuery,
  storeSchema,
  storeUpdateBody,
  tenantSchema,
  tenantUpdateBody,
} from './org.schemas';
import type { OrgService } from './org.service';

export function orgRoutes(app: ZApp, org: OrgService): void {
  app.get('/tenant', {
    config: { permission: 'authenticated' },
    schema: { tags: ['org'], summary: 'The signed-in tenant (brand / HQ)', response: { 200: tenantSchema, ...errorResponses } },
    handler: async (req) => org.getTenant(req.ctx()),
  });

  app.patch('/tenant', {
    config: { permission: 'org.manage' },
    schema: { tags: ['org'], summary: 'Update tenant settings', body: tenantUpdateBody, response: { 200: tenantSchema, ...errorResponses } },
    handler: async (req) => org.updateTenant(req.ctx(), req.body),
  });

  app.get('/regions', {
    config: { permission: 'org.read' },
    schema: { tags: ['org'], summary: 'List regions', response: { 200: z.object({ items: z.array(regionSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await org.listRegions(req.ctx()) }),
  });

  app.post('/regions', {
    config: { permission: 'org.manage' },
    schema: { tags: ['org'], summary: 'Create a region', body: regionCreateBody, response: { 201: regionSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await org.createRegion(req.ctx(), req.body)),
  });

  app.patch('/regions/:regionId', {
    config: { permission: 'org.manage' },
    schema: { tags: ['org'], summary: 'Rename or (de)activate a region', params: regionIdParam, body: regionUpdateBody, response: { 200: regionSchema, ...errorResponses } },
    handler: async (req) => org.updateRegion(req.ctx(), req.params.regionId, req.body),
  });

  app.get('/stores', {
    config: { permission: 'org.read' },
    schema: {
      tags: ['org'],
      summary: 'List the stores in the caller’s data scope',
      querystring: storeListQuery,
      response: { 200: z.object({ items: z.array(storeSchema) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await org.listStores(req.ctx(), req.query) }),
  });

  app.post('/stores', {
    config: { permission: 'org.manage' },
    schema: { tags: ['org'], summary: 'Create a store', body: storeCreateBody, response: { 201: storeSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await org.createStore(req.ctx(), req.body)),
  });

  app.get('/stores/:storeId', {
    config: { permission: 'org.read' },
    schema: { tags: ['org'], summary: 'Get a store', params: storeIdParam, response: { 200: storeSchema, ...errorResponses } },
    handler: async (req) => org.getStore(req.ctx(), req.params.storeId),
  });

  app.patch('/stores/:storeId', {
    config: { permission: 'org.manage' },
    schema: { tags: ['org'], summary: 'Update a store', params: storeIdParam, body: storeUpdateBody, response: { 200: storeSchema, ...errorResponses } },
    handler: async (req) => org.updateStore(req.ctx(), req.params.storeId, req.body),
  });
}
