import type { Database, Executor } from '../../db/database';
import type { StockMoveKind } from '../../db/schema';
import type { Clock } from '../../shared/clock';
import type { Ctx } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { StockErrors } from './stock.errors';
import { stockRepo } from './stock.repo';
import { applyMove } from './stock.rules';

/**
 * Posting stock moves — the one place a level changes. Like the money ledger: the level row is
 * locked (FOR UPDATE on PostgreSQL; SQLite serialises writers), the move is computed from the
 * locked state (never below zero unless the product allows it), the level updated and the move
 * appended with its balance and value after, inside the caller's transaction.
 */
export interface MoveSpec {
  storeId: string;
  productId: string;
  productName: string;
  kind: StockMoveKind;
  quantity: number;
  allowNegative: boolean;
  /** Ins: total cost of the units (default: the level's average cost). */
  totalCost?: number;
  setsLastCost?: boolean;
  documentId?: string | null;
  orderId?: string | null;
  orderLineId?: string | null;
  refundId?: string | null;
  reason?: string | null;
}

export interface PostedMove {
  id: string;
  quantityAfter: number;
  /** Cost of the units moved, fen (what left the value for outs, what was added for ins). */
  cost: number;
  unitCost: number;
}

export interface EngineDeps {
  database: Database;
  clock: Clock;
  businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string>;
}

export type StockEngine = ReturnType<typeof createStockEngine>;

export function createStockEngine(deps: EngineDeps) {
  const { database, clock } = deps;

  /** Lock several levels up front in one order (store, product), so concurrent documents cannot deadlock. */
  async function lockLevels(trx: Executor, tenantId: string, keys: { storeId: string; productId: string }[]): Promise<void> {
    const nowIso = clock.iso();
    const sorted = [...new Map(keys.map((k) => [`${k.storeId}\u0000${k.productId}`, k])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, k]) => k);
    for (const k of sorted) await lockLevel(trx, tenantId, k.storeId, k.productId, nowIso);
  }

  /** Lock a level, creating it first when the store never held the product (one round trip when it exists). */
  async function lockLevel(trx: Executor, tenantId: string, storeId: string, productId: string, nowIso: string) {
    const found = await stockRepo.lockLevel(trx, database.dialect, tenantId, storeId, productId);
    if (found) return found;
    await stockRepo.ensureLevel(trx, tenantId, storeId, productId, nowIso);
    const created = await stockRepo.lockLevel(trx, database.dialect, tenantId, storeId, productId);
    if (!created) throw new Error(`stock level ${storeId}/${productId} could not be created`);
    return created;
  }

  async function post(trx: Executor, ctx: Ctx, m: MoveSpec): Promise<PostedMove> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const level = await lockLevel(trx, ctx.tenantId, m.storeId, m.productId, nowIso);
    const r = applyMove(
      { quantity: level.quantity, value: level.stock_value, lastUnitCost: level.last_unit_cost },
      { quantity: m.quantity, totalCost: m.totalCost, setsLastCost: m.setsLastCost, allowNegative: m.allowNegative },
    );
    if (!r.ok) {
      throw StockErrors.STOCK_INSUFFICIENT({
        params: { name: m.productName, available: r.problem.available, requested: r.problem.requested },
        details: { productId: m.productId, storeId: m.storeId, available: r.problem.available, requested: r.problem.requested },
      });
    }
    const seq = level.move_count + 1;
    await stockRepo.updateLevel(trx, ctx.tenantId, m.storeId, m.productId, {
      quantity: r.after.quantity,
      stock_value: r.after.value,
      last_unit_cost: r.after.lastUnitCost,
      move_count: seq,
      updated_at: nowIso,
    });
    const id = newId(ID_PREFIXES.stockMove);
    await stockRepo.insertMove(trx, {
      tenant_id: ctx.tenantId,
      id,
      store_id: m.storeId,
      product_id: m.productId,
      kind: m.kind,
      quantity: m.quantity,
      balance_after: r.after.quantity,
      unit_cost: r.unitCost,
      value_change: r.valueChange,
      value_after: r.after.value,
      level_seq: seq,
      document_id: m.documentId ?? null,
      order_id: m.orderId ?? null,
      order_line_id: m.orderLineId ?? null,
      refund_id: m.refundId ?? null,
      reason: m.reason ?? null,
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      business_date: await deps.businessDate(ctx.tenantId, now, trx),
      created_at: nowIso,
    });
    return { id, quantityAfter: r.after.quantity, cost: r.cost, unitCost: r.unitCost };
  }

  return { post, lockLevels, lockLevel };
}
