import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { paginationQuery, pageSchema } from '../../shared/pagination';
import { dateSchema, fenSchema, idSchema, text } from '../../shared/validation';

const storeId = idSchema(ID_PREFIXES.store);
const productId = idSchema(ID_PREFIXES.product);
const quantity = z.number().int().min(1).max(1_000_000);
const unique = (lines: { productId: string }[]) => new Set(lines.map((l) => l.productId)).size === lines.length;
const uniqueMsg = { message: 'each product once', path: ['lines'] };

export const documentIdParam = z.object({ documentId: idSchema(ID_PREFIXES.stockDocument) });
export const stocktakeIdParam = z.object({ stocktakeId: idSchema(ID_PREFIXES.stockDocument) });
export const levelParams = z.object({ storeId, productId });

export const receiptBody = z
  .strictObject({
    storeId,
    supplier: z.string().trim().max(100).nullable().optional(),
    note: z.string().trim().max(500).nullable().optional(),
    lines: z
      .array(
        z.strictObject({
          productId,
          quantity,
          unitCost: fenSchema.refine((v) => v >= 0, 'must not be negative').optional().describe('Cost per unit, fen (default: the product’s standard cost)'),
        }),
      )
      .min(1)
      .max(500),
  })
  .refine((b) => unique(b.lines), uniqueMsg);

export const transferBody = z
  .strictObject({
    fromStoreId: storeId,
    toStoreId: storeId,
    note: z.string().trim().max(500).nullable().optional(),
    lines: z.array(z.strictObject({ productId, quantity })).min(1).max(500),
  })
  .refine((b) => unique(b.lines), uniqueMsg);

export const adjustmentBody = z
  .strictObject({
    storeId,
    reason: text(200).describe('Why: damaged, expired, own use, found …'),
    lines: z
      .array(
        z.strictObject({
          productId,
          quantity: z
            .number()
            .int()
            .min(-1_000_000)
            .max(1_000_000)
            .refine((v) => v !== 0, 'must not be 0')
            .describe('Signed: negative takes units out'),
        }),
      )
      .min(1)
      .max(500),
  })
  .refine((b) => unique(b.lines), uniqueMsg);

const countLines = z
  .array(z.strictObject({ productId, countedQuantity: z.number().int().min(0).max(1_000_000).nullable().describe('null removes the line') }))
  .max(2000)
  .refine((l) => unique(l), 'each product once');

export const stocktakeCreateBody = z.strictObject({ storeId, note: z.string().trim().max(500).nullable().optional(), lines: countLines.optional() });
export const stocktakeLinesBody = z.strictObject({ lines: countLines.refine((l) => l.length > 0, 'at least one line') });

export const thresholdBody = z.strictObject({ lowStockThreshold: z.number().int().min(0).max(1_000_000).nullable().describe('This store’s threshold; null = the product’s') });

const productBrief = z.object({ id: z.string(), name: z.string(), sku: z.string().nullable(), barcode: z.string().nullable(), unit: z.string(), categoryId: z.string().nullable() });

export const levelSchema = z.object({
  storeId: z.string(),
  productId: z.string(),
  product: productBrief,
  quantity: z.number(),
  value: z.number().describe('Value of the units on hand at moving-average cost, fen'),
  averageCost: z.number(),
  lastUnitCost: z.number(),
  lowStockThreshold: z.number().nullable().describe('The threshold that applies (store override, else the product’s)'),
  storeThreshold: z.number().nullable(),
  isLow: z.boolean(),
  updatedAt: z.string(),
});

export const levelListQuery = z.strictObject({ storeId: storeId.optional(), productId: productId.optional(), ...paginationQuery });
export const levelPageSchema = pageSchema(levelSchema);
export const lowStockQuery = z.strictObject({ storeId: storeId.optional() });

export const valuationQuery = z.strictObject({ storeId: storeId.optional() });
export const valuationSchema = z.object({
  method: z.literal('moving_average').describe('Moving weighted-average cost; value kept exactly as the sum of costs in less costs out'),
  total: z.object({ quantity: z.number(), value: z.number(), products: z.number() }),
  stores: z.array(z.object({ storeId: z.string(), quantity: z.number(), value: z.number(), products: z.number() })),
  categories: z.array(z.object({ categoryId: z.string().nullable(), quantity: z.number(), value: z.number() })),
});

const moveKind = z.enum(['purchase', 'transfer_out', 'transfer_in', 'stocktake', 'sale', 'refund', 'manual']);
export const moveSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  productId: z.string(),
  productName: z.string(),
  kind: moveKind,
  quantity: z.number(),
  balanceAfter: z.number(),
  unitCost: z.number(),
  valueChange: z.number(),
  valueAfter: z.number(),
  documentId: z.string().nullable(),
  orderId: z.string().nullable(),
  refundId: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  businessDate: z.string(),
  createdAt: z.string(),
});
export const moveListQuery = z.strictObject({
  storeId: storeId.optional(),
  productId: productId.optional(),
  kind: moveKind.optional(),
  documentId: idSchema(ID_PREFIXES.stockDocument).optional(),
  orderId: idSchema(ID_PREFIXES.order).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  ...paginationQuery,
});
export const movePageSchema = pageSchema(moveSchema);

export const documentSchema = z.object({
  id: z.string(),
  docNo: z.string(),
  kind: z.enum(['receipt', 'transfer', 'stocktake', 'adjustment']),
  status: z.enum(['draft', 'posted', 'cancelled']),
  storeId: z.string(),
  toStoreId: z.string().nullable(),
  supplier: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  totalQuantity: z.number(),
  totalCost: z.number(),
  createdByName: z.string().nullable(),
  postedByName: z.string().nullable(),
  postedAt: z.string().nullable(),
  businessDate: z.string(),
  createdAt: z.string(),
  lines: z.array(
    z.object({
      lineNo: z.number(),
      productId: z.string(),
      productName: z.string(),
      sku: z.string().nullable(),
      unit: z.string(),
      quantity: z.number().describe('Moved (stocktakes: the posted difference; drafts: counted − on hand now)'),
      unitCost: z.number(),
      countedQuantity: z.number().nullable(),
      systemQuantity: z.number().nullable().describe('Stocktakes: on hand when confirmed (drafts: on hand now)'),
    }),
  ),
});
export const documentListQuery = z.strictObject({
  storeId: storeId.optional(),
  kind: z.enum(['receipt', 'transfer', 'stocktake', 'adjustment']).optional(),
  status: z.enum(['draft', 'posted', 'cancelled']).optional(),
  ...paginationQuery,
});
export const documentPageSchema = pageSchema(documentSchema);

export type LevelView = z.infer<typeof levelSchema>;
export type MoveView = z.infer<typeof moveSchema>;
export type DocumentView = z.infer<typeof documentSchema>;
export type ValuationView = z.infer<typeof valuationSchema>;
