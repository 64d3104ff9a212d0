import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import type { CardModule } from './card.module';
import {
  activateBody,
  adjustBody,
  cancelBody,
  cardIdParam,
  cardListQuery,
  cardPageSchema,
  cardRefundQuoteSchema,
  cardRefundResultSchema,
  cardSchema,
  eventPageSchema,
  familyAddBody,
  familyUpdateBody,
  familyUserParam,
  freezeBody,
  freezePreviewBody,
  freezePreviewSchema,
  historyQuery,
  memberCardsSchema,
  memberIdParam,
  refundBody,
  refundQuoteBody,
  termsSchema,
  transferBody,
  transferPreviewBody,
  transferPreviewSchema,
  unfreezeBody,
  upgradeBody,
  upgradePreviewBody,
  upgradePreviewSchema,
} from './card.schemas';
import {
  cardProductCreateBody,
  cardProductIdParam,
  cardProductListQuery,
  cardProductSchema,
  cardProductUpdateBody,
  cardSettingsBody,
  cardSettingsSchema,
  salePreviewBody,
  salePreviewSchema,
} from './product.schemas';
import { useRoutes } from './use.routes';

const tags = ['membership cards'];
const IDEM = 'Requires an Idempotency-Key header: a retry with the same key and body returns the first result; another body with that key is 409.';
const PAID =
  ' When the card’s policy charges a fee (or an upgrade a difference), give storeId and tenders: the change is made by an order with a `card` line, paid and applied in one transaction (the order joins the store’s open shift).';

export function cardRoutes(app: ZApp, cards: CardModule): void {
  // ---- products and settings ----
  app.get('/card-products', {
    config: { permission: 'card.read' },
    schema: { tags, summary: 'Card products (卡项): count, time, private-lesson and trial cards', querystring: cardProductListQuery, response: { 200: z.object({ items: z.array(cardProductSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await cards.products.list(req.ctx(), req.query) }),
  });

  app.post('/card-products', {
    config: { permission: 'card.product.manage' },
    schema: { tags, summary: 'Create a card product: contents, validity, what it pays for, where it is valid, activation, freeze / transfer / refund / family / upgrade rules', body: cardProductCreateBody, response: { 201: cardProductSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await cards.products.create(req.ctx(), req.body)),
  });

  app.get('/card-products/:cardProductId', {
    config: { permission: 'card.read' },
    schema: { tags, summary: 'A card product', params: cardProductIdParam, response: { 200: cardProductSchema, ...errorResponses } },
    handler: async (req) => cards.products.get(req.ctx(), req.params.cardProductId),
  });

  app.patch('/card-products/:cardProductId', {
    config: { permission: 'card.product.manage' },
    schema: { tags, summary: 'Change a card product (cards already sold keep the terms they were sold on; the kind is fixed)', params: cardProductIdParam, body: cardProductUpdateBody, response: { 200: cardProductSchema, ...errorResponses } },
    handler: async (req) => cards.products.update(req.ctx(), req.params.cardProductId, req.body),
  });

  app.post('/card-products/:cardProductId/sale-preview', {
    config: { permission: 'card.read', readOnly: true },
    schema: {
      tags,
      summary: 'Before selling: start and expiry, training-school prepayment warnings, the member’s sale limit, the terms to print, and the order line to add',
      description: 'Sell the card by putting the returned `orderLine` in POST /orders (with the member). Refund it with POST /member-cards/{cardId}/refund-quote and /refunds, or through the order’s refund flow.',
      params: cardProductIdParam,
      body: salePreviewBody,
      response: { 200: salePreviewSchema, ...errorResponses },
    },
    handler: async (req) => cards.products.salePreview(req.ctx(), req.params.cardProductId, req.body),
  });

  app.get('/card-settings', {
    config: { permission: 'card.read' },
    schema: { tags, summary: 'Card reminders and training-school rules', response: { 200: cardSettingsSchema, ...errorResponses } },
    handler: async (req) => cards.products.getSettings(req.ctx()),
  });

  app.put('/card-settings', {
    config: { permission: 'card.settings' },
    schema: { tags, summary: 'Set reminder offsets (e.g. 30, 7, 1 days before expiry), the low-sessions threshold, the expiring window and training-school rules', body: cardSettingsBody, response: { 200: cardSettingsSchema, ...errorResponses } },
    handler: async (req) => cards.products.putSettings(req.ctx(), req.body),
  });

  // ---- member cards ----
  app.get('/member-cards', {
    config: { permission: 'card.read' },
    schema: { tags, summary: 'Member cards, newest first (without memberId: cards sold by the stores in your scope)', querystring: cardListQuery, response: { 200: cardPageSchema, ...errorResponses } },
    handler: async (req) => cards.cards.list(req.ctx(), req.query),
  });

  app.get('/members/:memberId/cards', {
    config: { permission: 'card.read' },
    schema: { tags, summary: 'A member’s cards: held, and shared with them as family', params: memberIdParam, response: { 200: memberCardsSchema, ...errorResponses } },
    handler: async (req) => cards.cards.ofMember(req.ctx(), req.params.memberId),
  });

  app.get('/member-cards/:cardId', {
    config: { permission: 'card.read' },
    schema: { tags, summary: 'A member card: status, sessions, validity, freezes, family, open holds', params: cardIdParam, response: { 200: cardSchema, ...errorResponses } },
    handler: async (req) => cards.cards.get(req.ctx(), req.params.cardId),
  });

  app.get('/member-cards/:cardId/history', {
    config: { permission: 'card.read' },
    schema: { tags, summary: 'What happened to the card and the cards of its transfer chain, newest first', params: cardIdParam, querystring: historyQuery, response: { 200: eventPageSchema, ...errorResponses } },
    handler: async (req) => cards.cards.history(req.ctx(), req.params.cardId, req.query),
  });

  app.get('/member-cards/:cardId/terms', {
    config: { permission: 'card.read' },
    schema: { tags, summary: 'The terms the card was sold on, to print (refund terms included)', params: cardIdParam, response: { 200: termsSchema, ...errorResponses } },
    handler: async (req) => cards.cards.terms(req.ctx(), req.params.cardId),
  });

  const replayed = (reply: { header(k: string, v: string): unknown }, r: { replayed: boolean }) => {
    if (r.replayed) reply.header('idempotent-replayed', 'true');
  };

  app.post('/member-cards/:cardId/activate', {
    config: { permission: 'card.operate', idempotent: true },
    schema: { tags, summary: 'Start a pending card today', description: IDEM, params: cardIdParam, body: activateBody, response: { 200: cardSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await cards.adjustments.activate(req.ctx(), req.params.cardId, req.body);
      replayed(reply, r);
      return r.card;
    },
  });

  app.post('/member-cards/:cardId/freeze-preview', {
    config: { permission: 'card.operate', readOnly: true },
    schema: { tags, summary: 'Check a freeze against the card’s policy and show the new expiry before confirming', params: cardIdParam, body: freezePreviewBody, response: { 200: freezePreviewSchema, ...errorResponses } },
    handler: async (req) => cards.freezes.preview(req.ctx(), req.params.cardId, req.body),
  });

  app.post('/member-cards/:cardId/freezes', {
    config: { permission: 'card.operate', idempotent: true },
    schema: { tags, summary: 'Freeze the card (停卡/请假) as previewed', description: IDEM + PAID, params: cardIdParam, body: freezeBody, response: { 201: cardSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await cards.freezes.freeze(req.ctx(), req.params.cardId, req.body);
      replayed(reply, r);
      return reply.status(201).send(r.card);
    },
  });

  app.post('/member-cards/:cardId/unfreeze', {
    config: { permission: 'card.operate', idempotent: true },
    schema: { tags, summary: 'End the running freeze today (or cancel a scheduled one): the days not frozen come off the extension', description: IDEM, params: cardIdParam, body: unfreezeBody, response: { 200: cardSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await cards.freezes.unfreeze(req.ctx(), req.params.cardId, req.body);
      replayed(reply, r);
      return r.card;
    },
  });

  app.post('/member-cards/:cardId/transfer-preview', {
    config: { permission: 'card.operate', readOnly: true },
    schema: { tags, summary: 'Check a transfer (frozen and expired cards are refused) and show its fee', params: cardIdParam, body: transferPreviewBody, response: { 200: transferPreviewSchema, ...errorResponses } },
    handler: async (req) => cards.transfers.preview(req.ctx(), req.params.cardId, req.body),
  });

  app.post('/member-cards/:cardId/transfers', {
    config: { permission: 'card.operate', idempotent: true },
    schema: { tags, summary: 'Transfer the card (转卡) to another member; returns the recipient’s card', description: IDEM + PAID, params: cardIdParam, body: transferBody, response: { 201: cardSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await cards.transfers.transfer(req.ctx(), req.params.cardId, req.body);
      replayed(reply, r);
      return reply.status(201).send(r.card);
    },
  });

  app.post('/member-cards/:cardId/upgrade-preview', {
    config: { permission: 'card.operate', readOnly: true },
    schema: { tags, summary: 'Check an upgrade and show the difference to pay, the new sessions and expiry', params: cardIdParam, body: upgradePreviewBody, response: { 200: upgradePreviewSchema, ...errorResponses } },
    handler: async (req) => cards.upgrades.preview(req.ctx(), req.params.cardId, req.body),
  });

  app.post('/member-cards/:cardId/upgrades', {
    config: { permission: 'card.operate', idempotent: true },
    schema: { tags, summary: 'Upgrade the card (补差价), paying the difference through an order', description: IDEM + PAID, params: cardIdParam, body: upgradeBody, response: { 200: cardSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await cards.upgrades.upgrade(req.ctx(), req.params.cardId, req.body);
      replayed(reply, r);
      return r.card;
    },
  });

  app.post('/member-cards/:cardId/adjustments', {
    config: { permission: 'card.adjust', idempotent: true },
    schema: { tags, summary: 'Adjust sessions or extend (or shorten) the validity by hand, with a reason', description: IDEM, params: cardIdParam, body: adjustBody, response: { 200: cardSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await cards.adjustments.adjust(req.ctx(), req.params.cardId, req.body);
      replayed(reply, r);
      return r.card;
    },
  });

  app.post('/member-cards/:cardId/cancel', {
    config: { permission: 'card.adjust', idempotent: true },
    schema: { tags, summary: 'Cancel (注销) a card without a refund: what is left ends, its value is recognised at the issuing store', description: IDEM, params: cardIdParam, body: cancelBody, response: { 200: cardSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await cards.adjustments.cancel(req.ctx(), req.params.cardId, req.body);
      replayed(reply, r);
      return r.card;
    },
  });

  app.post('/member-cards/:cardId/refund-quote', {
    config: { permission: 'card.refund', readOnly: true },
    schema: { tags, summary: 'Quote a refund by the card’s formula (paid, used, deduction, fee; never below zero) and where the money goes', params: cardIdParam, body: refundQuoteBody, response: { 200: cardRefundQuoteSchema, ...errorResponses } },
    handler: async (req) => cards.refunds.quote(req.ctx(), req.params.cardId, req.body),
  });

  app.post('/member-cards/:cardId/refunds', {
    config: { permission: 'card.refund', idempotent: true },
    schema: { tags, summary: 'Refund the card exactly as quoted (the quote token must still match): every order that paid for it, in one transaction', description: IDEM, params: cardIdParam, body: refundBody, response: { 201: cardRefundResultSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await cards.refunds.refund(req.ctx(), req.params.cardId, req.body);
      replayed(reply, r);
      return reply.status(201).send({ card: r.card, refundIds: r.refundIds });
    },
  });

  app.post('/member-cards/:cardId/family-members', {
    config: { permission: 'card.operate' },
    schema: { tags, summary: 'Name a family member (a member, or one of the holder’s children) who may use the card, optionally with a session limit', params: cardIdParam, body: familyAddBody, response: { 201: cardSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await cards.family.add(req.ctx(), req.params.cardId, req.body)),
  });

  app.patch('/member-cards/:cardId/family-members/:userId', {
    config: { permission: 'card.operate' },
    schema: { tags, summary: 'Change a family member’s limit or pause their use', params: familyUserParam, body: familyUpdateBody, response: { 200: cardSchema, ...errorResponses } },
    handler: async (req) => cards.family.update(req.ctx(), req.params.cardId, req.params.userId, req.body),
  });

  app.delete('/member-cards/:cardId/family-members/:userId', {
    config: { permission: 'card.operate' },
    schema: { tags, summary: 'Remove a family member from the card', params: familyUserParam, response: { 200: cardSchema, ...errorResponses } },
    handler: async (req) => cards.family.remove(req.ctx(), req.params.cardId, req.params.userId),
  });

  useRoutes(app, cards);
}
