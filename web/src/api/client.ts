// The typed API client shared by the console and (later) the member portal. Types come from
// schema.d.ts, generated from the server's OpenAPI document (npm run gen:api).
//   const stores = await call(api.GET('/api/v1/stores', { params: { query: {} } }));
// Every request is same-origin with the session cookie, carries Accept-Language, the CSRF token on
// writes and X-Store-Id for the current store; failures become ApiError with the server's
// localised message, its field details and the request id.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

export type { paths };
export type Locale = 'zh-CN' | 'en';

/** One field problem from a VALIDATION_FAILED envelope (path like "name" or "storeIds.0"). */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

export interface ErrorEnvelope {
  error: { code: string; message: string; details: unknown; requestId: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue => !!d && typeof d === 'object' && typeof (d as FieldIssue).path === 'string' && typeof (d as FieldIssue).message === 'string',
    );
  }
}

/** The server could not be reached (offline, restarted, proxy down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

const state: {
  locale: Locale;
  csrfToken: string | null;
  storeId: string | null;
  onUnauthenticated: (() => void) | null;
} = { locale: 'zh-CN', csrfToken: null, storeId: null, onUnauthenticated: null };

/** What the running app tells the client: language, CSRF token, current store, what to do on 401. */
export const apiSession = {
  setLocale(locale: Locale) {
    state.locale = locale;
  },
  setCsrfToken(token: string | null) {
    state.csrfToken = token;
  },
  setStoreId(storeId: string | null) {
    state.storeId = storeId;
  },
  get storeId() {
    return state.storeId;
  },
  onUnauthenticated(handler: (() => void) | null) {
    state.onUnauthenticated = handler;
  },
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sessionHeaders: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', state.locale);
    if (UNSAFE.has(request.method) && state.csrfToken) request.headers.set('X-CSRF-Token', state.csrfToken);
    // The sign-in routes never take a store: a stale remembered store must not lock anyone out.
    const path = new URL(request.url, window.location.origin).pathname;
    if (state.storeId && !path.startsWith('/api/v1/auth/')) request.headers.set('X-Store-Id', state.storeId);
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url, window.location.origin).pathname;
    if (response.status === 401 && path !== '/api/v1/auth/login') state.onUnauthenticated?.();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(sessionHeaders);

function isEnvelope(v: unknown): v is ErrorEnvelope {
  const e = (v as ErrorEnvelope | null)?.error;
  return !!e && typeof e === 'object' && typeof e.code === 'string' && typeof e.message === 'string';
}

const GENERIC: Record<Locale, (status: number) => string> = {
  'zh-CN': (s) => (s >= 500 ? `服务器出错(HTTP ${s})` : `请求失败(HTTP ${s})`),
  en: (s) => (s >= 500 ? `Server error (HTTP ${s})` : `Request failed (HTTP ${s})`),
};

type Outcome = { data?: unknown; error?: unknown; response: Response };
/** The success body of an openapi-fetch result (the error branch only adds `undefined`). */
type DataOf<R extends Outcome> = Exclude<R['data'], undefined>;

/** Await an openapi-fetch call: the data on success, ApiError / NetworkError otherwise. */
export async function call<R extends Outcome>(request: Promise<R>): Promise<DataOf<R>> {
  let outcome: R;
  try {
    outcome = await request;
  } catch (err) {
    throw new NetworkError(err);
  }
  const { response } = outcome;
  if (response.ok) return outcome.data as DataOf<R>;
  const body = outcome.error;
  if (isEnvelope(body)) {
    const e = body.error;
    throw new ApiError(response.status, e.code, e.message, e.details, e.requestId ?? response.headers.get('x-request-id'));
  }
  throw new ApiError(response.status, `HTTP_${response.status}`, GENERIC[state.locale](response.status), null, response.headers.get('x-request-id'));
}

/** A fresh Idempotency-Key for one user action (reuse it when retrying that same action). */
export function newIdempotencyKey(): string {
  return `web-${crypto.randomUUID()}`;
}
