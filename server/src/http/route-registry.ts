import type { FastifyInstance, RouteOptions } from 'fastify';
import { isPermission, type RoutePermission } from '../shared/permissions';

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: RoutePermission;
  idempotent: boolean;
  readOnly: boolean;
}

/**
 * Default deny: every route under /api/v1 must declare its permission, and the permission must
 * exist in the catalogue. A route that forgets fails at start-up, not in production.
 * The registry also feeds the route × role matrix and tenant-isolation tests.
 */
export function registerRouteRegistry(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (opts: RouteOptions) => {
    if (!opts.url.startsWith('/api/v1/')) return;
    const permission = opts.config?.permission;
    if (!permission) throw new Error(`route ${opts.method} ${opts.url} does not declare a permission`);
    if (permission !== 'public' && permission !== 'authenticated' && permission !== 'member' && !isPermission(permission)) {
      throw new Error(`route ${opts.method} ${opts.url} declares unknown permission ${permission}`);
    }
    // Public routes need no credentials: say so in the OpenAPI document (the default requires one).
    if (permission === 'public' && opts.schema) (opts.schema as { security?: unknown[] }).security = [];
    for (const method of [opts.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: opts.url, permission, idempotent: !!opts.config?.idempotent, readOnly: method === 'GET' || !!opts.config?.readOnly });
    }
  });
  return routes;
}
