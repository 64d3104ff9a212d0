import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppConfig } from '../../config/config';
import { type ZApp, errorResponses, noContent } from '../../http/zapp';
import type { OrgService } from '../org';
import { type AuthService, SESSION_COOKIE } from './auth.service';
import { StaffErrors } from './staff.errors';
import { bootstrapSchema, loginBody, meSchema, meUpdateBody, passwordChangeBody } from './staff.schemas';

export function sessionCookieOptions(config: AppConfig, req: FastifyRequest, maxAge?: number) {
  const secure = config.secureCookies === 'auto' ? req.protocol === 'https' : config.secureCookies;
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', ...(maxAge !== undefined ? { maxAge } : {}) };
}

function sessionOf(req: FastifyRequest) {
  const s = req.principal?.session;
  if (!s) throw StaffErrors.STAFF_SESSION_REQUIRED();
  return s;
}

export function authRoutes(app: ZApp, deps: { auth: AuthService; org: OrgService; config: AppConfig }): void {
  const { auth, org, config } = deps;

  app.get('/auth/bootstrap', {
    config: { permission: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'What the sign-in page needs to know: is there a tenant, and must the user type its code?',
      response: { 200: bootstrapSchema },
    },
    handler: async () => {
      const dir = await org.tenantDirectory();
      return {
        tenantCount: dir.count,
        singleTenant: dir.single ? { code: dir.single.code, name: dir.single.name } : null,
        needsInit: dir.count === 0,
        initCommand: 'npx tessera init',
      };
    },
  });

  app.post('/auth/login', {
    config: { permission: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with login and password; sets an HttpOnly session cookie',
      description: 'Five failed attempts lock the account for 15 minutes. Requests are rate-limited per IP.',
      body: loginBody,
      response: { 200: meSchema, ...errorResponses, 423: errorResponses[409], 429: errorResponses[409] },
    },
    handler: async (req, reply: FastifyReply) => {
      const result = await auth.login(req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: req.id });
      reply.setCookie(SESSION_COOKIE, result.cookieValue, sessionCookieOptions(config, req, result.maxAgeSeconds));
      return result.me;
    },
  });

  app.post('/auth/logout', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: 'Sign out: the session is revoked and the cookie cleared', response: { ...noContent, ...errorResponses } },
    handler: async (req, reply) => {
      await auth.logout(req.ctx(), sessionOf(req).id);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config, req));
      return reply.status(204).send(null);
    },
  });

  app.get('/auth/me', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: 'The signed-in staff member, their permissions, stores and CSRF token', response: { 200: meSchema, ...errorResponses } },
    handler: async (req) => auth.me(req.ctx(), sessionOf(req).csrfToken, req.principal),
  });

  app.patch('/auth/me', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: 'Update my name or language', body: meUpdateBody, response: { 200: meSchema, ...errorResponses } },
    handler: async (req) => auth.updateMe(req.ctx(), sessionOf(req).csrfToken, req.body),
  });

  app.post('/auth/password', {
    config: { permission: 'authenticated', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Change my password (other sessions are signed out)',
      body: passwordChangeBody,
      response: { ...noContent, ...errorResponses, 429: errorResponses[409] },
    },
    handler: async (req, reply) => {
      await auth.changePassword(req.ctx(), sessionOf(req).id, req.body);
      return reply.status(204).send(null);
    },
  });

  // Keep zod in scope for schema inference in this file.
  void z;
}
