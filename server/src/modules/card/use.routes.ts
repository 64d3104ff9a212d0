import { type ZApp, errorResponses } from '../../http/zapp';
import type { Ctx } from '../../shared/context';
import type { CardModule } from './card.module';
import { cardIdParam } from './card.schemas';
import type { UseRequest } from './consumption.service';
import {
  cardConsumeBody,
  cardHoldBody,
  consumeBody,
  consumeHoldBody,
  eligibilityBody,
  eligibilitySchema,
  holdBody,
  holdIdParam,
  holdSchema,
  releaseBody,
  reportQuery,
  revenueReportSchema,
  reverseBody,
  settlementReportSchema,
  usageIdParam,
  usageListQuery,
  usagePageSchema,
  usageSchema,
  writeoffReportSchema,
} from './use.schemas';

const tags = ['card consumption'];
const IDEM = 'Requires an Idempotency-Key header, which is the key of the hold or consumption: the same key and body return the first result; another body with that key is 409 CARD_KEY_REUSED.';
const ONCE = 'Requires an Idempotency-Key header: a retry with the same key returns the first result; doing it again with another key is 409.';

/** The consumption API over REST (booking and check-in call the same service in-process) and card reports. */
export function useRoutes(app: ZApp, cards: CardModule): void {
  const c = cards.consumption;
  const keyOf = (ctx: Ctx) => ctx.idempotency!.key;
  const strip = <T extends { replayed: boolean }>(reply: { header(k: string, v: string): unknown }, r: T) => {
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    const { replayed: _r, ...rest } = r;
    return rest;
  };

  app.post('/card-eligibility', {
    config: { permission: 'card.consume', readOnly: true },
    schema: {
      tags,
      summary: 'Which cards may pay for an item (a class, a service) for a person at a store and time: eligible ones soonest-expiring first, and why the others may not',
      body: eligibilityBody,
      response: { 200: eligibilitySchema, ...errorResponses },
    },
    handler: async (req) => c.eligibleCards(req.ctx(), req.body as UseRequest),
  });

  app.post('/card-holds', {
    config: { permission: 'card.consume', idempotent: true },
    schema: { tags, summary: 'Hold sessions for a booking on the soonest-expiring eligible card (or the named one)', description: IDEM, body: holdBody, response: { 201: holdSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      return reply.status(201).send(strip(reply, await c.hold(ctx, { ...(req.body as UseRequest & { at: string }), key: keyOf(ctx) })));
    },
  });

  app.post('/member-cards/:cardId/holds', {
    config: { permission: 'card.consume', idempotent: true },
    schema: { tags, summary: 'Hold sessions of this card for a booking', description: IDEM, params: cardIdParam, body: cardHoldBody, response: { 201: holdSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      return reply.status(201).send(strip(reply, await c.hold(ctx, { ...(req.body as UseRequest & { at: string }), cardId: req.params.cardId, key: keyOf(ctx) })));
    },
  });

  app.get('/card-holds/:holdId', {
    config: { permission: 'card.read' },
    schema: { tags, summary: 'A hold', params: holdIdParam, response: { 200: holdSchema, ...errorResponses } },
    handler: async (req) => c.getHold(req.ctx(), req.params.holdId),
  });

  app.post('/card-holds/:holdId/consume', {
    config: { permission: 'card.consume', idempotent: true },
    schema: { tags, summary: 'Consume a hold (check-in, late cancellation, no-show)', description: ONCE, params: holdIdParam, body: consumeHoldBody, response: { 200: usageSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      const r = await cards.idempotent(ctx, (trx) => c.consumeHold(ctx, req.params.holdId, { trx, repeat: 'refuse' }));
      return strip(reply, { ...r.value, replayed: r.replayed });
    },
  });

  app.post('/card-holds/:holdId/release', {
    config: { permission: 'card.consume', idempotent: true },
    schema: { tags, summary: 'Release a hold (timely cancellation, class cancelled)', description: ONCE, params: holdIdParam, body: releaseBody, response: { 200: holdSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      const r = await cards.idempotent(ctx, (trx) => c.releaseHold(ctx, req.params.holdId, req.body, { trx, repeat: 'refuse' }));
      return strip(reply, { ...r.value, replayed: r.replayed });
    },
  });

  app.post('/card-consumptions', {
    config: { permission: 'card.consume', idempotent: true },
    schema: { tags, summary: 'Consume without a booking (walk-in check-in) on the soonest-expiring eligible card (or the named one); time cards check their daily and weekly caps', description: IDEM, body: consumeBody, response: { 201: usageSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      return reply.status(201).send(strip(reply, await c.consumeDirect(ctx, { ...(req.body as UseRequest), key: keyOf(ctx) })));
    },
  });

  app.post('/member-cards/:cardId/consumptions', {
    config: { permission: 'card.consume', idempotent: true },
    schema: { tags, summary: 'Consume this card without a booking', description: IDEM, params: cardIdParam, body: cardConsumeBody, response: { 201: usageSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      return reply.status(201).send(strip(reply, await c.consumeDirect(ctx, { ...(req.body as UseRequest), cardId: req.params.cardId, key: keyOf(ctx) })));
    },
  });

  app.get('/member-cards/:cardId/consumptions', {
    config: { permission: 'card.read' },
    schema: { tags, summary: 'The card’s consumptions and reversals, newest first', params: cardIdParam, querystring: usageListQuery, response: { 200: usagePageSchema, ...errorResponses } },
    handler: async (req) => cards.cards.usages(req.ctx(), req.params.cardId, req.query),
  });

  app.post('/card-consumptions/:usageId/reverse', {
    config: { permission: 'card.consume', idempotent: true },
    schema: { tags, summary: 'Undo a consumption (e.g. a check-in undone): sessions, revenue and settlement reversed by linked entries', description: ONCE, params: usageIdParam, body: reverseBody, response: { 200: usageSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      const r = await cards.idempotent(ctx, (trx) => c.reverseConsumption(ctx, req.params.usageId, req.body, { trx, repeat: 'refuse' }));
      return strip(reply, { ...r.value, replayed: r.replayed });
    },
  });

  // ---- reports ----
  app.get('/card-reports/settlements', {
    config: { permission: 'card.report' },
    schema: { tags: ['membership cards'], summary: 'Inter-store settlement per store pair: sessions consumed at another store than the one that sold the card', querystring: reportQuery, response: { 200: settlementReportSchema, ...errorResponses } },
    handler: async (req) => cards.reports.settlements(req.ctx(), req.query),
  });

  app.get('/card-reports/revenue', {
    config: { permission: 'card.report' },
    schema: { tags: ['membership cards'], summary: 'Card revenue recognised per store: consumption, expiry, refunds kept, cancellations', querystring: reportQuery, response: { 200: revenueReportSchema, ...errorResponses } },
    handler: async (req) => cards.reports.revenue(req.ctx(), req.query),
  });

  app.get('/card-reports/write-offs', {
    config: { permission: 'card.report' },
    schema: { tags: ['membership cards'], summary: 'Expired sessions written off, with their value', querystring: reportQuery, response: { 200: writeoffReportSchema, ...errorResponses } },
    handler: async (req) => cards.reports.writeoffs(req.ctx(), req.query),
  });
}
