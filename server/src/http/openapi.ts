import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { errorResponseSchema } from './zapp';

/** OpenAPI 3.1 generated from the routes' zod schemas, served with an interactive reference. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera API',
        version,
        description:
          'Membership management and cashier (会员管理收银系统). Money is integer fen; timestamps are ISO-8601 UTC. ' +
          'Staff authenticate with the session cookie from POST /api/v1/auth/login (writes then need the X-CSRF-Token header from /auth/me); ' +
          'integrations send `Authorization: Bearer tsk.…`. Errors share one envelope: {"error":{"code","message","details","requestId"}}.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tessera_sid' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    // Any API operation can end in 500 INTERNAL (the envelope with a request id to quote), so
    // every one documents it — typed clients then see the envelope on every failure path.
    transform: (input) => {
      const schema = input.schema as { response?: Record<string, unknown> } | undefined;
      if (input.url.startsWith('/api/v1/') && schema?.response && !('500' in schema.response)) {
        return jsonSchemaTransform({ ...input, schema: { ...input.schema, response: { ...schema.response, 500: errorResponseSchema } } });
      }
      return jsonSchemaTransform(input);
    },
    hideUntagged: true,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    staticCSP: true,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
