import type { Ctx } from '../shared/context';
import type { Locale } from '../shared/i18n';
import type { RoutePermission } from '../shared/permissions';

/** What the auth hook learns about the caller. */
export interface Principal {
  tenantId: string;
  actor: Ctx['actor'];
  permissions: ReadonlySet<string>;
  storeScope: Ctx['storeScope'];
  /** Set for cookie sessions (staff or member): the CSRF token writes must echo. */
  session?: { id: string; csrfToken: string; staffId?: string; memberId?: string };
  apiKeyId?: string;
  locale?: Locale | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every /api route: a permission code, 'authenticated', 'member' (a signed-in member, portal routes) or 'public'. */
    permission?: RoutePermission;
    /** The route moves money, assets or seats: an Idempotency-Key header is required. */
    idempotent?: boolean;
    /** A POST that only computes (quotes, previews): it changes nothing, so it writes no audit entry. */
    readOnly?: boolean;
  }
  interface FastifyRequest {
    locale: Locale;
    principal: Principal | null;
    /** The service context; throws 401 when the caller is not signed in. */
    ctx(): Ctx;
  }
}
