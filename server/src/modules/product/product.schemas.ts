import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { paginationQuery, pageSchema } from '../../shared/pagination';
import { fenSchema, idSchema, text } from '../../shared/validation';

export const productIdParam = z.object({ productId: idSchema(ID_PREFIXES.product) });
export const categoryIdParam = z.object({ categoryId: idSchema(ID_PREFIXES.productCategory) });
export const storeIdParam = z.object({ storeId: idSchema(ID_PREFIXES.store) });

const nonNegativeFen = fenSchema.refine((v) => v >= 0, 'must not be negative');
const kind = z.enum(['product', 'service', 'fee']).describe('product (stocked goods), service (a service item with a duration), fee (join / annual / late / other)');
const feeKind = z.enum(['join', 'annual', 'late', 'other']);
const code = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[\x21-\x7e]+$/, `${what}: printable ASCII without spaces`);
const tierPrices = z
  .array(z.strictObject({ tierId: idSchema(ID_PREFIXES.tierLevel), price: nonNegativeFen }))
  .max(20)
  .refine((a) => new Set(a.map((x) => x.tierId)).size === a.length, 'one price per tier')
  .describe('Member price per tier (fen): replaces the tier discount when lower');

const editable = {
  name: text(60),
  sku: code('sku').nullable().describe('Unique per tenant; matched case-insensitively (stored upper-case)'),
  barcode: code('barcode').nullable().describe('Unique per tenant; what the scanner reads'),
  categoryId: idSchema(ID_PREFIXES.productCategory).nullable(),
  unit: text(10),
  price: nonNegativeFen.describe('List price per unit, fen'),
  cost: nonNegativeFen.nullable().describe('Standard cost per unit, fen (purchase receipts default to it)'),
  taxRateBp: z.number().int().min(0).max(10_000).describe('Tax rate in basis points (1300 = 13 %)'),
  durationMinutes: z.number().int().min(1).max(24 * 60).nullable().describe('Service items: how long one unit lasts'),
  description: z.string().trim().max(500).nullable(),
  isActive: z.boolean(),
  storeIds: z.array(idSchema(ID_PREFIXES.store)).max(500).nullable().describe('Stores that sell it; null = every store'),
  allowNegativeStock: z.boolean().describe('Products: may be sold below zero stock'),
  isTierDiscountable: z.boolean(),
  isPointsPayable: z.boolean(),
  isStoredValuePayable: z.boolean(),
  lowStockThreshold: z.number().int().min(0).max(1_000_000).nullable(),
  sortOrder: z.number().int().min(0).max(100_000),
  feeKind: feeKind.nullable(),
  tierPrices,
};

export const productCreateBody = z.strictObject({
  kind,
  name: editable.name,
  sku: editable.sku.optional(),
  barcode: editable.barcode.optional(),
  categoryId: editable.categoryId.optional(),
  unit: editable.unit.optional().describe('Defaults by kind: 件 / 次 / 项'),
  price: editable.price,
  cost: editable.cost.optional(),
  taxRateBp: editable.taxRateBp.optional(),
  durationMinutes: editable.durationMinutes.optional(),
  description: editable.description.optional(),
  storeIds: editable.storeIds.optional(),
  allowNegativeStock: editable.allowNegativeStock.optional(),
  isTierDiscountable: editable.isTierDiscountable.optional().describe('Fees never take the tier discount'),
  isPointsPayable: editable.isPointsPayable.optional(),
  isStoredValuePayable: editable.isStoredValuePayable.optional(),
  lowStockThreshold: editable.lowStockThreshold.optional(),
  sortOrder: editable.sortOrder.optional(),
  feeKind: editable.feeKind.optional(),
  tierPrices: editable.tierPrices.optional(),
});

export const productUpdateBody = z.strictObject(Object.fromEntries(Object.entries(editable).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof editable]: z.ZodOptional<(typeof editable)[K]> });

export const productSchema = z.object({
  id: z.string(),
  kind,
  feeKind: feeKind.nullable(),
  sku: z.string().nullable(),
  barcode: z.string().nullable(),
  name: z.string(),
  categoryId: z.string().nullable(),
  unit: z.string(),
  price: z.number(),
  cost: z.number().nullable(),
  taxRateBp: z.number(),
  durationMinutes: z.number().nullable(),
  description: z.string().nullable(),
  isActive: z.boolean(),
  storeIds: z.array(z.string()).nullable(),
  allowNegativeStock: z.boolean(),
  isTierDiscountable: z.boolean(),
  isPointsPayable: z.boolean(),
  isStoredValuePayable: z.boolean(),
  lowStockThreshold: z.number().nullable(),
  sortOrder: z.number(),
  tierPrices: z.array(z.object({ tierId: z.string(), price: z.number() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A product as the cashier sees it: sold here or not, and the stock on hand in that store. */
export const cashierItemSchema = productSchema.extend({
  isSoldInStore: z.boolean().nullable().describe('Whether the store asked about sells it (null without a store)'),
  stock: z.number().nullable().describe('Units on hand in that store (products only)'),
  match: z.enum(['barcode', 'sku', 'name', 'namePrefix', 'term']).optional(),
});

export const productListQuery = z.strictObject({
  kind: kind.optional(),
  categoryId: idSchema(ID_PREFIXES.productCategory).optional(),
  q: z.string().trim().min(1).max(60).optional().describe('Name, pinyin, initials, SKU or barcode'),
  includeInactive: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  ...paginationQuery,
});
export const productPageSchema = pageSchema(productSchema);

export const productSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(60).describe('What the desk typed: name, pinyin, initials, SKU or barcode'),
  storeId: idSchema(ID_PREFIXES.store).optional().describe('Only items sold in this store, with its stock'),
  kind: kind.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const productLookupQuery = z.strictObject({
  code: z.string().min(1).max(64).describe('Scanned barcode or typed SKU'),
  storeId: idSchema(ID_PREFIXES.store).optional(),
});

export const categorySchema = z.object({ id: z.string(), name: z.string(), sortOrder: z.number(), isActive: z.boolean(), productCount: z.number(), createdAt: z.string(), updatedAt: z.string() });
export const categoryCreateBody = z.strictObject({ name: text(30), sortOrder: z.number().int().min(0).max(100_000).optional() });
export const categoryUpdateBody = z.strictObject({ name: text(30).optional(), sortOrder: z.number().int().min(0).max(100_000).optional(), isActive: z.boolean().optional() });

export const quickKeysBody = z.strictObject({
  keys: z
    .array(
      z.strictObject({
        productId: idSchema(ID_PREFIXES.product),
        label: z.string().trim().min(1).max(12).nullable().optional().describe('Short text on the button (default: the product name)'),
        color: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/)
          .nullable()
          .optional(),
      }),
    )
    .max(60)
    .describe('Buttons in display order'),
});
export const quickKeySchema = z.object({
  position: z.number(),
  productId: z.string(),
  label: z.string(),
  color: z.string().nullable(),
  product: z.object({ id: z.string(), kind, name: z.string(), unit: z.string(), price: z.number(), isActive: z.boolean(), sku: z.string().nullable(), barcode: z.string().nullable() }),
});

export type ProductView = z.infer<typeof productSchema>;
export type CashierItem = z.infer<typeof cashierItemSchema>;
export type ProductCreate = z.infer<typeof productCreateBody>;
export type ProductUpdate = z.infer<typeof productUpdateBody>;
export type CategoryView = z.infer<typeof categorySchema>;
export type QuickKeyView = z.infer<typeof quickKeySchema>;
