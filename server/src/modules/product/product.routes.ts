import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import {
  cashierItemSchema,
  categoryCreateBody,
  categoryIdParam,
  categorySchema,
  categoryUpdateBody,
  productCreateBody,
  productIdParam,
  productListQuery,
  productLookupQuery,
  productPageSchema,
  productSchema,
  productSearchQuery,
  productUpdateBody,
  quickKeySchema,
  quickKeysBody,
  storeIdParam,
} from './product.schemas';
import type { ProductService } from './product.service';

const tags = ['products'];

export function productRoutes(app: ZApp, products: ProductService): void {
  app.get('/product-categories', {
    config: { permission: 'product.read' },
    schema: { tags, summary: 'Product categories with their item counts', response: { 200: z.object({ items: z.array(categorySchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await products.listCategories(req.ctx()) }),
  });

  app.post('/product-categories', {
    config: { permission: 'product.manage' },
    schema: { tags, summary: 'Create a product category', body: categoryCreateBody, response: { 201: categorySchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await products.createCategory(req.ctx(), req.body)),
  });

  app.patch('/product-categories/:categoryId', {
    config: { permission: 'product.manage' },
    schema: { tags, summary: 'Rename, reorder or (de)activate a category', params: categoryIdParam, body: categoryUpdateBody, response: { 200: categorySchema, ...errorResponses } },
    handler: async (req) => products.updateCategory(req.ctx(), req.params.categoryId, req.body),
  });

  app.get('/products', {
    config: { permission: 'product.read' },
    schema: {
      tags,
      summary: 'The catalogue: products, service items and fees (by sort order)',
      querystring: productListQuery,
      response: { 200: productPageSchema, ...errorResponses },
    },
    handler: async (req) => products.list(req.ctx(), req.query),
  });

  app.get('/products/search', {
    config: { permission: 'product.read' },
    schema: {
      tags,
      summary: 'Cashier search by name, pinyin, initials, SKU or barcode: active items, ranked (exact codes first), with stock in the store',
      querystring: productSearchQuery,
      response: { 200: z.object({ items: z.array(cashierItemSchema) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await products.search(req.ctx(), req.query) }),
  });

  app.get('/products/lookup', {
    config: { permission: 'product.read' },
    schema: {
      tags,
      summary: 'Scanner input: the one item with this barcode (or SKU); 404 PRODUCT_BARCODE_UNKNOWN otherwise',
      querystring: productLookupQuery,
      response: { 200: cashierItemSchema, ...errorResponses },
    },
    handler: async (req) => products.lookup(req.ctx(), req.query),
  });

  app.post('/products', {
    config: { permission: 'product.manage' },
    schema: { tags, summary: 'Create a product, service item or fee', body: productCreateBody, response: { 201: productSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await products.create(req.ctx(), req.body)),
  });

  app.get('/products/:productId', {
    config: { permission: 'product.read' },
    schema: { tags, summary: 'A product with its member prices and stores', params: productIdParam, response: { 200: productSchema, ...errorResponses } },
    handler: async (req) => products.get(req.ctx(), req.params.productId),
  });

  app.patch('/products/:productId', {
    config: { permission: 'product.manage' },
    schema: {
      tags,
      summary: 'Update a product: price, member prices, stores, flags (the kind is fixed once created)',
      params: productIdParam,
      body: productUpdateBody,
      response: { 200: productSchema, ...errorResponses },
    },
    handler: async (req) => products.update(req.ctx(), req.params.productId, req.body),
  });

  app.get('/stores/:storeId/quick-keys', {
    config: { permission: 'product.read' },
    schema: { tags, summary: 'The cashier screen’s quick buttons of a store', params: storeIdParam, response: { 200: z.object({ items: z.array(quickKeySchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await products.quickKeys(req.ctx(), req.params.storeId) }),
  });

  app.put('/stores/:storeId/quick-keys', {
    config: { permission: 'product.manage' },
    schema: { tags, summary: 'Set the quick buttons of a store, in order', params: storeIdParam, body: quickKeysBody, response: { 200: z.object({ items: z.array(quickKeySchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await products.setQuickKeys(req.ctx(), req.params.storeId, req.body.keys) }),
  });
}
