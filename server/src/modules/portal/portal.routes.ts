import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppConfig } from '../../config/config';
import { type ZApp, errorResponses, noContent } from '../../http/zapp';
import { bookingSchema, sessionSchema } from '../course';
import { MEMBER_COOKIE, type PortalService } from './portal.service';
import { bookingIdParam, codeRequestBody, portalAccountSchema, codeRequestSchema, portalBookBody, portalBookingsQuery, portalCancelBody, portalClassesQuery, portalMeSchema, signInBody } from './portal.schemas';

const tags = ['member portal'];

function cookieOptions(config: AppConfig, req: FastifyRequest, maxAge?: number) {
  const secure = config.secureCookies === 'auto' ? req.protocol === 'https' : config.secureCookies;
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', ...(maxAge !== undefined ? { maxAge } : {}) };
}

const unwrap = <T>(reply: FastifyReply, r: { value: T; replayed: boolean }) => {
  if (r.replayed) reply.header('idempotent-replayed', 'true');
  return r.value;
};

const meta = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: req.id });

/** Members, on their phones: sign in with a code, see classes, book and cancel for themselves and their children. */
export function portalRoutes(app: ZApp, deps: { portal: PortalService; config: AppConfig }): void {
  const { portal, config } = deps;

  app.post('/portal/login-codes', {
    config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Send a one-time sign-in code to a member’s mobile',
      description: 'The same answer whether or not the mobile belongs to a member. One code a minute per member; a code works once, for 5 minutes, and 5 wrong tries end it. Rate-limited per IP.',
      body: codeRequestBody,
      response: { 202: codeRequestSchema, ...errorResponses, 429: errorResponses[409] },
    },
    handler: async (req, reply) => reply.status(202).send(await portal.requestCode(req.body, meta(req))),
  });

  app.post('/portal/sessions', {
    config: { permission: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Sign in with the mobile and the code; sets the member’s HttpOnly session cookie', body: signInBody, response: { 201: portalMeSchema, ...errorResponses, 429: errorResponses[409] } },
    handler: async (req, reply: FastifyReply) => {
      const r = await portal.signIn(req.body, meta(req));
      reply.setCookie(MEMBER_COOKIE, r.cookieValue, cookieOptions(config, req, r.maxAgeSeconds));
      return reply.status(201).send(r.me);
    },
  });

  app.delete('/portal/sessions/current', {
    config: { permission: 'member' },
    schema: { tags, summary: 'Sign out: the member session is revoked and its cookie cleared', response: { ...noContent, ...errorResponses } },
    handler: async (req, reply) => {
      await portal.signOut(req.ctx(), req.principal!.session!.id);
      reply.clearCookie(MEMBER_COOKIE, cookieOptions(config, req));
      return reply.status(204).send(null);
    },
  });

  app.get('/portal/me', {
    config: { permission: 'member' },
    schema: { tags, summary: 'The signed-in member and the children they may book for', response: { 200: portalMeSchema, ...errorResponses } },
    handler: async (req) => portal.me(req.ctx(), req.principal!.session!.csrfToken),
  });

  app.get('/portal/account', {
    config: { permission: 'member' },
    schema: { tags, summary: 'The member’s stored value, points (lots by expiry), tier with progress, and cards (held and shared)', response: { 200: portalAccountSchema, ...errorResponses } },
    handler: async (req) => portal.account(req.ctx()),
  });

  app.get('/portal/classes', {
    config: { permission: 'member' },
    schema: { tags, summary: 'Scheduled classes in a period (places left, no rosters)', querystring: portalClassesQuery, response: { 200: z.object({ items: z.array(sessionSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await portal.classes(req.ctx(), req.query) }),
  });

  app.get('/portal/bookings', {
    config: { permission: 'member' },
    schema: { tags, summary: 'The member’s bookings (for themselves and their children), newest first', querystring: portalBookingsQuery, response: { 200: z.object({ items: z.array(bookingSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await portal.bookings(req.ctx(), req.query.limit) }),
  });

  app.post('/portal/bookings', {
    config: { permission: 'member', idempotent: true },
    schema: {
      tags,
      summary: 'Book oneself or one’s child into a class, under the desk’s rules (window and tier priority, age, card, capacity); full: 409 or the waitlist',
      body: portalBookBody,
      response: { 201: bookingSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(unwrap(reply, await portal.book(req.ctx(), req.body))),
  });

  app.post('/portal/bookings/:bookingId/cancel', {
    config: { permission: 'member', idempotent: true },
    schema: { tags, summary: 'Cancel one’s own booking; the cancellation policy applies (in time: the session goes back to the card)', params: bookingIdParam, body: portalCancelBody, response: { 200: bookingSchema, ...errorResponses } },
    handler: async (req, reply) => unwrap(reply, await portal.cancel(req.ctx(), req.params.bookingId, req.body)),
  });
}
