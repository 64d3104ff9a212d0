import { type ZApp, errorResponses } from '../../http/zapp';
import {
  checkoutBody,
  checkoutQuoteBody,
  checkoutQuoteSchema,
  orderIdParam,
  orderListQuery,
  orderPageSchema,
  orderSchema,
  refundBody,
  refundQuoteBody,
  refundQuoteSchema,
  refundResultSchema,
} from './order.schemas';
import type { OrderService } from './order.service';
import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { idSchema } from '../../shared/validation';
import { refundViewSchema } from './order.schemas';

const svRefundBody = z.strictObject({
  storeId: idSchema(ID_PREFIXES.store),
  quoteToken: z.string().min(8).max(64),
  method: z.enum(['cash', 'wechat', 'alipay', 'bank_card', 'other']),
  reference: z.string().trim().max(64).optional(),
  reason: z.string().trim().max(500).nullable().optional(),
});

const IDEM = 'Requires an Idempotency-Key header: a retry with the same key and body returns the first result; another body with that key is 409.';

export function orderRoutes(app: ZApp, orders: OrderService): void {
  app.post('/orders/quote', {
    config: { permission: 'order.create', readOnly: true },
    schema: {
      tags: ['cashier'],
      summary: 'Price a basket: list → tier discount → coupon → points, with the payable amount and points to earn',
      body: checkoutQuoteBody,
      response: { 200: checkoutQuoteSchema, ...errorResponses },
    },
    handler: async (req) => orders.quote(req.ctx(), req.body),
  });

  app.post('/orders', {
    config: { permission: 'order.create', idempotent: true },
    schema: {
      tags: ['cashier'],
      summary: 'Check out: record the order and take the tenders (cash with change, WeChat, Alipay, card, stored value, points)',
      description: IDEM,
      body: checkoutBody,
      response: { 201: orderSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const r = await orders.checkout(req.ctx(), req.body);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.order);
    },
  });

  app.get('/orders', {
    config: { permission: 'order.read' },
    schema: { tags: ['cashier'], summary: 'List orders (newest first)', querystring: orderListQuery, response: { 200: orderPageSchema, ...errorResponses } },
    handler: async (req) => orders.list(req.ctx(), req.query),
  });

  app.get('/orders/:orderId', {
    config: { permission: 'order.read' },
    schema: { tags: ['cashier'], summary: 'Get an order with its lines, tenders and refunds', params: orderIdParam, response: { 200: orderSchema, ...errorResponses } },
    handler: async (req) => orders.get(req.ctx(), req.params.orderId),
  });

  app.post('/members/:memberId/stored-value/refunds', {
    config: { permission: 'wallet.refund', idempotent: true },
    schema: {
      tags: ['stored value'],
      summary: 'Refund stored value exactly as quoted: principal back minus the fee, bonus forfeited',
      description: IDEM,
      params: z.object({ memberId: idSchema(ID_PREFIXES.member) }),
      body: svRefundBody,
      response: { 201: refundViewSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const r = await orders.refundStoredValue(req.ctx(), req.params.memberId, req.body);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.refund);
    },
  });

  app.post('/orders/:orderId/refund-quote', {
    config: { permission: 'order.refund', readOnly: true },
    schema: {
      tags: ['cashier'],
      summary: 'Quote a refund of some line quantities: what goes back to which tender, points returned and clawed back',
      params: orderIdParam,
      body: refundQuoteBody,
      response: { 200: refundQuoteSchema, ...errorResponses },
    },
    handler: async (req) => orders.refundQuote(req.ctx(), req.params.orderId, req.body),
  });

  app.post('/orders/:orderId/refunds', {
    config: { permission: 'order.refund', idempotent: true },
    schema: {
      tags: ['cashier'],
      summary: 'Refund exactly as quoted (the quote token must still match)',
      description: IDEM,
      params: orderIdParam,
      body: refundBody,
      response: { 201: refundResultSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const r = await orders.refund(req.ctx(), req.params.orderId, req.body);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({ refundId: r.refundId, order: r.order });
    },
  });
}
