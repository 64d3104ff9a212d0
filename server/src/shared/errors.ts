import { type Locale, type Localized, interpolate } from './i18n';

/**
 * One error type with stable codes. Each module defines its codes with `defineErrors`; the
 * registry maps every code to its HTTP status and its zh-CN / English message, so the HTTP
 * layer never guesses. Codes are global and unique: defining one twice fails at start-up.
 */
export interface ErrorDefinition {
  status: number;
  'zh-CN': string;
  en: string;
}

const registry = new Map<string, ErrorDefinition>();

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  readonly params: Record<string, unknown> | undefined;
  constructor(code: string, opts: { details?: unknown; params?: Record<string, unknown>; cause?: unknown } = {}) {
    const def = registry.get(code);
    if (!def) throw new Error(`unregistered error code ${code}`);
    super(interpolate(def.en, opts.params), { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = def.status;
    this.details = opts.details;
    this.params = opts.params;
  }
  localizedMessage(locale: Locale): string {
    const def = registry.get(this.code)!;
    return interpolate(def[locale], this.params);
  }
}

export type ErrorFactory = (opts?: { details?: unknown; params?: Record<string, unknown>; cause?: unknown }) => AppError;

export function defineErrors<K extends string>(defs: Record<K, ErrorDefinition>): Record<K, ErrorFactory> & { codes: K[] } {
  const out = {} as Record<K, ErrorFactory>;
  for (const code of Object.keys(defs) as K[]) {
    if (!/^[A-Z][A-Z0-9_]+$/.test(code)) throw new Error(`error code ${code} must be UPPER_SNAKE_CASE`);
    const existing = registry.get(code);
    if (existing && existing !== defs[code]) throw new Error(`error code ${code} defined twice`);
    registry.set(code, defs[code]);
    out[code] = (opts) => new AppError(code, opts);
  }
  return Object.assign(out, { codes: Object.keys(defs) as K[] });
}

export function errorDefinition(code: string): ErrorDefinition | undefined {
  return registry.get(code);
}

export function allErrorCodes(): string[] {
  return [...registry.keys()].sort();
}

export function localizedText(text: Localized, locale: Locale): string {
  return text[locale];
}

/** Errors every module may raise; module-specific codes live beside their module. */
export const CommonErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, 'zh-CN': '请求内容有误,请检查标出的字段', en: 'The request is invalid; see the listed fields' },
  MALFORMED_JSON: { status: 400, 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { status: 413, 'zh-CN': '请求内容过大', en: 'The request body is too large' },
  ROUTE_NOT_FOUND: { status: 404, 'zh-CN': '接口不存在', en: 'No such endpoint' },
  METHOD_NOT_ALLOWED: { status: 405, 'zh-CN': '不支持的请求方法', en: 'Method not allowed' },
  UNAUTHENTICATED: { status: 401, 'zh-CN': '请先登录', en: 'Please sign in' },
  FORBIDDEN: { status: 403, 'zh-CN': '没有权限执行此操作', en: 'You do not have permission to do this' },
  STORE_OUT_OF_SCOPE: { status: 403, 'zh-CN': '没有该门店的数据权限', en: 'This store is outside your data scope' },
  CSRF_INVALID: { status: 403, 'zh-CN': '安全校验失败,请刷新页面后重试', en: 'Security check failed; reload the page and try again' },
  RATE_LIMITED: { status: 429, 'zh-CN': '操作过于频繁,请稍后再试', en: 'Too many requests; try again later' },
  CONFLICT: { status: 409, 'zh-CN': '数据已被修改,请刷新后重试', en: 'The data changed meanwhile; reload and try again' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, 'zh-CN': '此操作需要 Idempotency-Key 请求头', en: 'This operation requires an Idempotency-Key header' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, 'zh-CN': '该 Idempotency-Key 已用于另一个不同的请求', en: 'This Idempotency-Key was used for a different request' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, 'zh-CN': '相同的请求正在处理中', en: 'The same request is still being processed' },
  SERVICE_UNAVAILABLE: { status: 503, 'zh-CN': '服务暂不可用', en: 'Service unavailable' },
  INTERNAL: { status: 500, 'zh-CN': '服务器内部错误,请联系管理员并提供请求编号', en: 'Internal error; contact your administrator with the request id' },
});

