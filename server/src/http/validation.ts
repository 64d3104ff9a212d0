import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

/** A failed request-schema check; the error handler localises its issues. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_VALIDATION';
  validationContext?: string;
  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super('request validation failed');
  }
}

/**
 * Our own validator compiler (instead of the type provider's): it keeps zod's raw issues so the
 * error handler can localise them per request. Inputs are reported to build messages only; they
 * are never sent back to the client.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => {
  return (data: unknown) => {
    const r = schema.safeParse(data, { reportInput: true });
    if (r.success) return { value: r.data };
    return { error: new RequestValidationError(r.error.issues) };
  };
};
