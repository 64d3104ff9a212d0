import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** A Fastify instance whose route schemas are zod: one schema for validation, types and OpenAPI. */
export type ZApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable error code, e.g. STORE_NOT_FOUND'),
      message: z.string().describe('Message in the caller’s language'),
      details: z.unknown().describe('Field issues or other specifics'),
      requestId: z.string(),
    }),
  })
  .describe('Error envelope');

/** Standard error responses documented on every route. */
export const errorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};

export const noContent = { 204: z.null().describe('No content') };
