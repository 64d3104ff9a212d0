import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../shared/context';
import { CommonErrors } from '../shared/errors';
import { negotiateLocale } from '../shared/i18n';
import { sha256Hex } from '../shared/secrets';
import type { Principal } from './types';

export interface CredentialResolvers {
  sessionCookieName: string;
  fromSession(cookieValue: string): Promise<Principal | null>;
  fromApiKey(token: string): Promise<Principal | null>;
  /** The member portal's cookie: only routes declaring 'member' read it. */
  memberCookieName: string;
  fromMemberSession(cookieValue: string): Promise<Principal | null>;
  csrfMatches(expected: string, given: string | undefined): boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const STORE_HEADER = 'x-store-id';
const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Canonical JSON (sorted keys) so the same request always hashes the same. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

/**
 * Authentication and authorisation for every /api route, before the body is validated:
 * 1. the route's declared permission decides whether a caller is needed at all (default deny:
 *    a route without a declaration fails at start-up, see route-registry.ts);
 * 2. the caller is a staff session (cookie) or an API key (Bearer) — or, on routes declaring
 *    'member', a member's portal session (its own cookie; staff credentials are not read there,
 *    and a member cookie is never read on staff routes);
 * 3. cookie-authenticated writes must echo the session's CSRF token in X-CSRF-Token;
 * 4. the permission is checked; X-Store-Id must be inside the caller's data scope.
 */
export function registerAuth(app: FastifyInstance, resolvers: CredentialResolvers): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('ctx', function (this: FastifyRequest): Ctx {
    const p = this.principal;
    if (!p) throw CommonErrors.UNAUTHENTICATED();
    const storeHeader = this.headers[STORE_HEADER];
    const key = (this as FastifyRequest & { idempotency?: Ctx['idempotency'] }).idempotency;
    return {
      tenantId: p.tenantId,
      actor: p.actor,
      permissions: p.permissions,
      storeScope: p.storeScope,
      storeId: typeof storeHeader === 'string' && storeHeader ? storeHeader : null,
      requestId: this.id,
      ip: this.ip,
      locale: this.locale,
      ...(key ? { idempotency: key } : {}),
    };
  });

  app.addHook('onRequest', async (req) => {
    req.locale = negotiateLocale(req.headers['accept-language']);
    const permission = req.routeOptions.config?.permission;
    if (permission === undefined || permission === 'public') return;

    let principal: Principal | null = null;
    const authz = req.headers.authorization;
    if (permission === 'member') {
      const cookie = req.cookies?.[resolvers.memberCookieName];
      if (cookie) principal = await resolvers.fromMemberSession(cookie);
    } else if (authz?.startsWith('Bearer ')) {
      principal = await resolvers.fromApiKey(authz.slice(7).trim());
    } else {
      const cookie = req.cookies?.[resolvers.sessionCookieName];
      if (cookie) principal = await resolvers.fromSession(cookie);
    }
    if (!principal) throw CommonErrors.UNAUTHENTICATED();
    req.principal = principal;
    if (principal.locale) req.locale = principal.locale;

    if (principal.session && UNSAFE.has(req.method)) {
      const given = req.headers['x-csrf-token'];
      if (!resolvers.csrfMatches(principal.session.csrfToken, typeof given === 'string' ? given : undefined)) {
        throw CommonErrors.CSRF_INVALID();
      }
    }
    if (permission !== 'authenticated' && permission !== 'member' && !principal.permissions.has(permission) && !principal.permissions.has('*')) {
      throw CommonErrors.FORBIDDEN({ details: { permission } });
    }
    const store = req.headers[STORE_HEADER];
    if (typeof store === 'string' && store && !principal.storeScope.all && !principal.storeScope.storeIds.has(store)) {
      throw CommonErrors.STORE_OUT_OF_SCOPE({ details: { storeId: store } });
    }
  });

  // Routes that move money, assets or seats: the Idempotency-Key is required and fingerprinted
  // with the request, so a retry with the same key and body replays and a different body is refused.
  app.addHook('preHandler', async (req) => {
    if (!req.routeOptions.config?.idempotent) return;
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (typeof key !== 'string' || !/^[\x21-\x7e]{8,200}$/.test(key)) throw CommonErrors.IDEMPOTENCY_KEY_REQUIRED();
    const requestHash = sha256Hex(
      canonical({ m: req.method, u: req.routeOptions.url, p: req.params, q: req.query, b: req.body, a: req.principal?.actor.id ?? null }),
    );
    (req as FastifyRequest & { idempotency?: Ctx['idempotency'] }).idempotency = { key, requestHash };
  });
}
