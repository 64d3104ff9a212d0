import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { registerAuth } from './http/auth-hook';
import { errorEnvelope, registerErrorHandling } from './http/error-handler';
import { registerOpenApi } from './http/openapi';
import { type RegisteredRoute, registerRouteRegistry } from './http/route-registry';
import { registerSecurityHeaders } from './http/security-headers';
import './http/types';
import { zodValidatorCompiler } from './http/validation';
import type { ZApp } from './http/zapp';
import { auditRoutes } from './modules/audit';
import { cardRoutes } from './modules/card';
import { courseRoutes } from './modules/course';
import { appointmentRoutes } from './modules/appointment';
import { attendanceRoutes } from './modules/attendance';
import { MEMBER_COOKIE, portalRoutes } from './modules/portal';
import { memberRoutes } from './modules/member';
import { crmRoutes } from './modules/crm';
import { leadRoutes } from './modules/lead';
import { orderRoutes } from './modules/order';
import { orgRoutes } from './modules/org';
import { pointsRoutes } from './modules/points';
import { productRoutes } from './modules/product';
import { reportRoutes } from './modules/report';
import { shiftRoutes } from './modules/shift';
import { stockRoutes } from './modules/stock';
import { tierRoutes } from './modules/tier';
import { walletRoutes } from './modules/wallet';
import { SESSION_COOKIE, authRoutes, staffRoutes } from './modules/staff';
import type { Services } from './services';
import { CommonErrors } from './shared/errors';
import { randomToken } from './shared/secrets';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT_DIR = resolve(here, '../..');
export const WEB_DIST = join(ROOT_DIR, 'web', 'dist');
export const VERSION: string = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')).version;

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Serve the built console from this folder (default web/dist). */
  webDist?: string;
}

export interface TesseraApp extends FastifyInstance {
  tessera: { routes: RegisteredRoute[]; services: Services };
}

/** Register every module's routes under /api/v1. New modules add one line here. */
function registerModuleRoutes(api: ZApp, s: Services): void {
  authRoutes(api, { auth: s.auth, org: s.org, config: s.config });
  orgRoutes(api, s.org);
  staffRoutes(api, { staff: s.staff, apiKeys: s.apiKeys });
  auditRoutes(api, s.audit);
  memberRoutes(api, s.members);
  crmRoutes(api, s.crm);
  leadRoutes(api, s.leads);
  orderRoutes(api, s.orders);
  walletRoutes(api, { wallet: s.wallet, ledger: s.ledger, database: s.database, requireMember: s.requireMember });
  pointsRoutes(api, { points: s.points, database: s.database, requireMember: s.requireMember });
  tierRoutes(api, { tier: s.tier, requireMember: s.requireMember });
  productRoutes(api, s.products);
  stockRoutes(api, s.stock);
  shiftRoutes(api, s.shifts);
  reportRoutes(api, s.reports);
  cardRoutes(api, s.cards);
  courseRoutes(api, s.courses);
  attendanceRoutes(api, s.attendance);
  portalRoutes(api, { portal: s.portal, config: s.config });
  appointmentRoutes(api, s.appointments);
}

// Request ids: a random prefix per app (unique across processes) and a counter — drawing random
// bytes for every request was 2.5 % of a search request's CPU.
const REQUEST_ID_PREFIX = `req_${randomToken(6)}`;
let requestCounter = 0;
const nextRequestId = () => `${REQUEST_ID_PREFIX}${(++requestCounter).toString(36).padStart(6, '0')}`;

/** Build the HTTP app (no listen): tests inject requests, main.ts listens. */
export async function buildApp(services: Services, opts: AppOptions = {}): Promise<TesseraApp> {
  const app = Fastify({
    logger: opts.logger ?? { level: services.config.logLevel },
    trustProxy: services.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : nextRequestId();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }) as unknown as TesseraApp;

  // The API speaks JSON only (multipart is added where uploads are accepted).
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  const routes = registerRouteRegistry(app);
  app.decorate('tessera', { routes, services });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/v1/')) reply.header('cache-control', 'no-store');
  });

  await app.register(fastifyCookie);
  registerSecurityHeaders(app);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => CommonErrors.RATE_LIMITED(),
  });
  registerAuth(app, {
    sessionCookieName: SESSION_COOKIE,
    fromSession: (v) => services.auth.principalFromSession(v),
    fromApiKey: (t) => services.auth.principalFromApiKey(t),
    memberCookieName: MEMBER_COOKIE,
    fromMemberSession: (v) => services.portal.principalFromSession(v),
    csrfMatches: (e, g) => services.auth.csrfMatches(e, g),
  });
  await registerOpenApi(app, VERSION);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(services.database.db);
      return { status: 'ready', database: services.database.dialect.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  await app.register(
    async (api) => {
      registerModuleRoutes(api as unknown as ZApp, services);
    },
    { prefix: '/api/v1' },
  );

  const webDist = opts.webDist ?? WEB_DIST;
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: false,
      cacheControl: false,
      // Vite names built assets by content hash: they never change, so browsers may keep them.
      setHeaders: (reply: unknown, filePath: string) => {
        (reply as { header(k: string, v: string): void }).header('cache-control', /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    if (!path.startsWith('/api/') && (req.method === 'GET' || req.method === 'HEAD') && !/\.[a-z0-9]+$/i.test(path)) {
      if (hasWeb) {
        const portal = path === '/m' || path.startsWith('/m/');
        const file = portal && existsSync(join(webDist, 'm', 'index.html')) ? 'm/index.html' : 'index.html';
        return reply.header('cache-control', 'no-cache').sendFile(file);
      }
      return reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>Tessera</title><p>控制台尚未构建:请运行 <code>npm run build</code>。<br>The console is not built yet: run <code>npm run build</code>. API docs: <a href="/api/docs">/api/docs</a></p>');
    }
    return reply.status(404).send(errorEnvelope(req, CommonErrors.ROUTE_NOT_FOUND(), { method: req.method, path }));
  });

  return app;
}
