import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, CommonErrors } from '../shared/errors';
import { localizeIssues } from '../shared/validation';
import { RequestValidationError } from './validation';

/**
 * One error envelope for every failure: {"error":{"code","message","details","requestId"}},
 * the message in the caller's language. Never a stack trace or SQL: anything unexpected
 * becomes INTERNAL with the request id, and the details go to the log.
 */
export function errorEnvelope(req: FastifyRequest, err: AppError, details?: unknown) {
  return {
    error: {
      code: err.code,
      message: err.localizedMessage(req.locale ?? 'zh-CN'),
      details: details ?? err.details ?? null,
      requestId: req.id,
    },
  };
}

function translate(err: FastifyError | Error, req: FastifyRequest): { appError: AppError; details?: unknown } {
  if (err instanceof AppError) return { appError: err };
  if (err instanceof RequestValidationError) {
    const part = err.validationContext === 'querystring' ? 'query' : err.validationContext;
    return { appError: CommonErrors.VALIDATION_FAILED(), details: localizeIssues(err.issues, req.locale, part === 'body' ? undefined : part) };
  }
  const fe = err as FastifyError & { statusCode?: number };
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { appError: CommonErrors.PAYLOAD_TOO_LARGE() };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { appError: CommonErrors.UNSUPPORTED_MEDIA_TYPE() };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { appError: CommonErrors.MALFORMED_JSON() };
    case 'FST_ERR_VALIDATION':
      return { appError: CommonErrors.VALIDATION_FAILED(), details: fe.validation ?? null };
    default:
      break;
  }
  if (err instanceof SyntaxError && fe.statusCode === 400) return { appError: CommonErrors.MALFORMED_JSON() };
  if (fe.statusCode === 429) return { appError: CommonErrors.RATE_LIMITED() };
  if (fe.statusCode === 413) return { appError: CommonErrors.PAYLOAD_TOO_LARGE() };
  if (fe.statusCode === 415) return { appError: CommonErrors.UNSUPPORTED_MEDIA_TYPE() };
  return { appError: CommonErrors.INTERNAL() };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const { appError, details } = translate(err, req);
    if (appError.status >= 500) {
      const extra = isResponseSerializationError(err) ? { issues: err.cause.issues } : undefined;
      req.log.error({ err, extra, url: req.url, tenantId: req.principal?.tenantId }, 'request failed');
    } else if (!(err instanceof AppError) && !(err instanceof RequestValidationError)) {
      req.log.info({ code: appError.code, reason: err.message }, 'request refused');
    }
    const headers = reply.getHeaders();
    if (appError.status === 429 && !headers['retry-after']) reply.header('retry-after', '60');
    return reply.status(appError.status).type('application/json; charset=utf-8').send(errorEnvelope(req, appError, details));
  });
}
