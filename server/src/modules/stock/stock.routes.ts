import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import {
  adjustmentBody,
  documentIdParam,
  documentListQuery,
  documentPageSchema,
  documentSchema,
  levelListQuery,
  levelPageSchema,
  levelParams,
  levelSchema,
  lowStockQuery,
  moveListQuery,
  movePageSchema,
  receiptBody,
  stocktakeCreateBody,
  stocktakeIdParam,
  stocktakeLinesBody,
  thresholdBody,
  transferBody,
  valuationQuery,
  valuationSchema,
} from './stock.schemas';
import type { StockService } from './stock.service';

const tags = ['stock'];
const IDEM = 'Requires an Idempotency-Key header: a retry with the same key and body returns the first result.';

export function stockRoutes(app: ZApp, stock: StockService): void {
  app.get('/stock', {
    config: { permission: 'stock.read' },
    schema: { tags, summary: 'Stock levels per store and product: quantity, value at moving-average cost, threshold', querystring: levelListQuery, response: { 200: levelPageSchema, ...errorResponses } },
    handler: async (req) => stock.levels(req.ctx(), req.query),
  });

  app.get('/stock/low', {
    config: { permission: 'stock.read' },
    schema: { tags, summary: 'Low stock: levels at or below their threshold, emptiest first', querystring: lowStockQuery, response: { 200: z.object({ items: z.array(levelSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await stock.lowStock(req.ctx(), req.query) }),
  });

  app.get('/stock/valuation', {
    config: { permission: 'stock.read' },
    schema: { tags, summary: 'Stock valuation (moving weighted-average cost) per store and category', querystring: valuationQuery, response: { 200: valuationSchema, ...errorResponses } },
    handler: async (req) => stock.valuation(req.ctx(), req.query),
  });

  app.get('/stock/moves', {
    config: { permission: 'stock.read' },
    schema: { tags, summary: 'The stock journal: every move with the balance and value after, newest first', querystring: moveListQuery, response: { 200: movePageSchema, ...errorResponses } },
    handler: async (req) => stock.moves(req.ctx(), req.query),
  });

  app.patch('/stores/:storeId/stock-levels/:productId', {
    config: { permission: 'stock.manage' },
    schema: { tags, summary: 'A store’s own low-stock threshold for a product', params: levelParams, body: thresholdBody, response: { 200: levelSchema, ...errorResponses } },
    handler: async (req) => stock.setThreshold(req.ctx(), req.params.storeId, req.params.productId, req.body.lowStockThreshold),
  });

  app.get('/stock/documents', {
    config: { permission: 'stock.read' },
    schema: { tags, summary: 'Stock documents: receipts, transfers, stocktakes, adjustments (newest first)', querystring: documentListQuery, response: { 200: documentPageSchema, ...errorResponses } },
    handler: async (req) => stock.listDocuments(req.ctx(), req.query),
  });

  app.get('/stock/documents/:documentId', {
    config: { permission: 'stock.read' },
    schema: { tags, summary: 'A stock document with its lines', params: documentIdParam, response: { 200: documentSchema, ...errorResponses } },
    handler: async (req) => stock.getDocument(req.ctx(), req.params.documentId),
  });

  app.post('/stock/receipts', {
    config: { permission: 'stock.manage', idempotent: true },
    schema: { tags, summary: 'Purchase receipt (入库): units in at their cost', description: IDEM, body: receiptBody, response: { 201: documentSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await stock.receive(req.ctx(), req.body);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.document);
    },
  });

  app.post('/stock/transfers', {
    config: { permission: 'stock.manage', idempotent: true },
    schema: { tags, summary: 'Transfer (调拨) from one store to another, in one transaction', description: IDEM, body: transferBody, response: { 201: documentSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await stock.transfer(req.ctx(), req.body);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.document);
    },
  });

  app.post('/stock/adjustments', {
    config: { permission: 'stock.manage', idempotent: true },
    schema: { tags, summary: 'Adjust stock with a reason (damaged, expired, own use, found)', description: IDEM, body: adjustmentBody, response: { 201: documentSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await stock.adjust(req.ctx(), req.body);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.document);
    },
  });

  app.post('/stocktakes', {
    config: { permission: 'stock.manage' },
    schema: { tags, summary: 'Start a stocktake (盘点): a draft of counted quantities', body: stocktakeCreateBody, response: { 201: documentSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await stock.createStocktake(req.ctx(), req.body)),
  });

  app.put('/stocktakes/:stocktakeId/lines', {
    config: { permission: 'stock.manage' },
    schema: { tags, summary: 'Enter counted quantities (null removes a product from the count)', params: stocktakeIdParam, body: stocktakeLinesBody, response: { 200: documentSchema, ...errorResponses } },
    handler: async (req) => stock.setStocktakeCounts(req.ctx(), req.params.stocktakeId, req.body.lines),
  });

  app.post('/stocktakes/:stocktakeId/confirm', {
    config: { permission: 'stock.manage', idempotent: true },
    schema: { tags, summary: 'Confirm a stocktake: post counted − on hand for every counted product', description: IDEM, params: stocktakeIdParam, response: { 200: documentSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await stock.confirmStocktake(req.ctx(), req.params.stocktakeId);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return r.document;
    },
  });

  app.post('/stocktakes/:stocktakeId/cancel', {
    config: { permission: 'stock.manage' },
    schema: { tags, summary: 'Cancel a draft stocktake (nothing is posted)', params: stocktakeIdParam, response: { 200: documentSchema, ...errorResponses } },
    handler: async (req) => stock.cancelStocktake(req.ctx(), req.params.stocktakeId),
  });
}
