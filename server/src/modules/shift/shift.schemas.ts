import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { paginationQuery, pageSchema } from '../../shared/pagination';
import { dateSchema, fenSchema, idSchema, positiveFenSchema, text } from '../../shared/validation';
import { DRAWER_METHODS } from './shift.rules';

export const shiftIdParam = z.object({ shiftId: idSchema(ID_PREFIXES.shift) });
export const storeIdParam = z.object({ storeId: idSchema(ID_PREFIXES.store) });

export const openBody = z.strictObject({
  storeId: idSchema(ID_PREFIXES.store),
  openingFloat: fenSchema.refine((v) => v >= 0, 'must not be negative').describe('Cash in the drawer at the start (备用金), fen'),
  note: z.string().trim().max(200).nullable().optional(),
});

export const cashMoveBody = z.strictObject({
  kind: z.enum(['in', 'out']).describe('in: cash put into the drawer; out: cash taken out (e.g. to the safe, petty expenses)'),
  amount: positiveFenSchema,
  reason: text(200),
});

export const closeBody = z.strictObject({
  counts: z
    .array(z.strictObject({ method: z.enum(DRAWER_METHODS), counted: fenSchema.refine((v) => v >= 0, 'must not be negative').describe('Counted (cash) or settled (WeChat, Alipay, card) amount, fen') }))
    .min(1)
    .max(DRAWER_METHODS.length)
    .refine((a) => new Set(a.map((c) => c.method)).size === a.length, 'one count per method'),
  differenceReason: z.string().trim().max(500).nullable().optional().describe('Required when any count differs from what was expected'),
  note: z.string().trim().max(500).nullable().optional(),
});

export const confirmBody = z.strictObject({ note: z.string().trim().max(500).nullable().optional() });
export const settingsBody = z.strictObject({ requiresShift: z.boolean().describe('Orders and refunds in this store need an open shift') });

export const settingsSchema = z.object({
  storeId: z.string(),
  requiresShift: z.boolean(),
  isExplicit: z.boolean().describe('false: not set for this store — shifts become required once the store has opened one'),
});

const methodTotals = z.object({ method: z.string(), sales: z.number(), refunds: z.number(), cashIn: z.number(), cashOut: z.number(), float: z.number(), expected: z.number() });
export const totalsSchema = z.object({
  methods: z.array(methodTotals),
  orderCount: z.number(),
  refundCount: z.number(),
  changeGiven: z.number(),
  storedValue: z.object({ sales: z.number(), refunds: z.number() }),
  points: z.object({ points: z.number(), value: z.number(), returned: z.number() }),
});

export const shiftSchema = z.object({
  id: z.string(),
  shiftNo: z.string(),
  storeId: z.string(),
  status: z.enum(['open', 'closed', 'confirmed']),
  openingFloat: z.number(),
  openedByName: z.string().nullable(),
  openedAt: z.string(),
  businessDate: z.string(),
  note: z.string().nullable(),
  cashMoves: z.array(z.object({ id: z.string(), kind: z.enum(['in', 'out']), amount: z.number(), reason: z.string(), createdByName: z.string().nullable(), createdAt: z.string() })),
  totals: totalsSchema.describe('Live while open; as of the close afterwards'),
  counts: z.array(z.object({ method: z.string(), expected: z.number(), counted: z.number(), difference: z.number() })),
  expectedTotal: z.number().nullable(),
  countedTotal: z.number().nullable(),
  differenceTotal: z.number().nullable(),
  differenceReason: z.string().nullable(),
  closeNote: z.string().nullable(),
  closedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  confirmNote: z.string().nullable(),
});

export const currentQuery = z.strictObject({ storeId: idSchema(ID_PREFIXES.store) });
export const currentSchema = z.object({ shift: shiftSchema.nullable(), requiresShift: z.boolean() });

export const shiftListQuery = z.strictObject({
  storeId: idSchema(ID_PREFIXES.store).optional(),
  status: z.enum(['open', 'closed', 'confirmed']).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  ...paginationQuery,
});
export const shiftPageSchema = pageSchema(shiftSchema);

export type ShiftView = z.infer<typeof shiftSchema>;
export type ShiftSettingsView = z.infer<typeof settingsSchema>;
