import { type Database, type Executor, type Tx, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import { runIdempotent } from '../../db/idempotency';
import type { ShiftTotals } from '../../db/schema';
import type { Clock } from '../../shared/clock';
import { type Ctx, requirePermission, requireStoreAccess } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { formatYuan } from '../../shared/money';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import type { AuditService } from '../audit';
import { tenderTotalsOfShift } from '../order';
import { OrgErrors, type OrgService } from '../org';
import { ShiftErrors } from './shift.errors';
import { type ShiftRow, shiftRepo } from './shift.repo';
import { cashInDrawer, compareCounts, shiftNo, shiftTotals, tenderName } from './shift.rules';
import type { ShiftSettingsView, ShiftView } from './shift.schemas';

export interface ShiftDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string>;
  idempotencyHours: number;
}

export type ShiftService = ReturnType<typeof createShiftService>;

const yuan = (fen: number) => `¥${formatYuan(fen)}`;

/**
 * Cashier shifts (交班): one open shift per store (one cash drawer at the desk). Opening records
 * the float; cash put in or taken out is recorded with a reason; closing compares what the
 * closer counted per tender with what the shift's orders, refunds and cash moves leave expected,
 * and needs a reason for any difference; another staff member with shift.confirm confirms it.
 * Orders and refunds join the store's open shift through the order module's `shiftFor` hook.
 */
export function createShiftService(deps: ShiftDeps) {
  const { database, clock, audit, org } = deps;
  const db = database.db;
  const idem = { dialect: database.dialect, clock, ttlHours: deps.idempotencyHours };

  async function requireStore(x: Executor, ctx: Ctx, storeId: string) {
    const [s] = await org.storesByIds(ctx.tenantId, [storeId], x);
    if (!s) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId } });
    requireStoreAccess(ctx, storeId);
    return s;
  }

  async function requireShift(x: Executor, ctx: Ctx, id: string, lock = false): Promise<ShiftRow> {
    const s = lock ? await shiftRepo.lockById(x, database.dialect, ctx.tenantId, id) : await shiftRepo.byId(x, ctx.tenantId, id);
    if (!s) throw ShiftErrors.SHIFT_NOT_FOUND({ details: { shiftId: id } });
    requireStoreAccess(ctx, s.store_id);
    return s;
  }

  /** Whether a store requires an open shift: its setting, or — when never set — once it has opened one. */
  async function requiresShift(x: Executor, tenantId: string, storeId: string): Promise<{ required: boolean; explicit: boolean }> {
    const r = await shiftRepo.requirement(x, tenantId, storeId);
    return r.is_required === null ? { required: r.has_any, explicit: false } : { required: r.is_required, explicit: true };
  }

  /** The live totals of a shift from its orders, refunds and cash moves. */
  async function liveTotals(x: Executor, tenantId: string, s: ShiftRow): Promise<ShiftTotals> {
    const [t, moves] = await Promise.all([tenderTotalsOfShift(x, tenantId, { id: s.id, storeId: s.store_id, fromDate: s.business_date }), shiftRepo.cashMoves(x, tenantId, [s.id])]);
    return shiftTotals({
      openingFloat: s.opening_float,
      cashIn: moves.filter((m) => m.kind === 'in').reduce((a, m) => a + m.amount, 0),
      cashOut: moves.filter((m) => m.kind === 'out').reduce((a, m) => a + m.amount, 0),
      ...t,
    });
  }

  async function present(x: Executor, tenantId: string, s: ShiftRow): Promise<ShiftView> {
    const [moves, counts] = await Promise.all([shiftRepo.cashMoves(x, tenantId, [s.id]), shiftRepo.counts(x, tenantId, [s.id])]);
    const totals = s.status === 'open' || !s.totals_json ? await liveTotals(x, tenantId, s) : s.totals_json;
    return {
      id: s.id,
      shiftNo: s.shift_no,
      storeId: s.store_id,
      status: s.status,
      openingFloat: s.opening_float,
      openedByName: s.opened_by_name,
      openedAt: s.opened_at,
      businessDate: s.business_date,
      note: s.note,
      cashMoves: moves.map((m) => ({ id: m.id, kind: m.kind, amount: m.amount, reason: m.reason, createdByName: m.created_by_name, createdAt: m.created_at })),
      totals,
      counts: counts.map((c) => ({ method: c.method, expected: c.expected, counted: c.counted, difference: c.difference })),
      expectedTotal: s.expected_total,
      countedTotal: s.counted_total,
      differenceTotal: s.difference_total,
      differenceReason: s.difference_reason,
      closeNote: s.close_note,
      closedByName: s.closed_by_name,
      closedAt: s.closed_at,
      confirmedByName: s.confirmed_by_name,
      confirmedAt: s.confirmed_at,
      confirmNote: s.confirm_note,
    };
  }

  async function idempotent(ctx: Ctx, fn: (trx: Tx) => Promise<string>): Promise<{ shift: ShiftView; replayed: boolean }> {
    const r = await inTransaction(database, (trx) => runIdempotent(trx, ctx, idem, () => fn(trx)));
    return { shift: await present(db, ctx.tenantId, (await shiftRepo.byId(db, ctx.tenantId, r.value))!), replayed: r.replayed };
  }

  return {
    /**
     * The order module's hook: the open shift an order or refund of this store belongs to. The
     * shift row is locked, so a close waits for orders in flight and orders after it see it closed.
     */
    async shiftFor(trx: Executor, ctx: Ctx, storeId: string): Promise<string | null> {
      // A shared lock: tills of one store do not wait for each other, a close waits for them all.
      const open = await shiftRepo.shareOpen(trx, database.dialect, ctx.tenantId, storeId);
      if (open) return open.id;
      if ((await requiresShift(trx, ctx.tenantId, storeId)).required) throw ShiftErrors.SHIFT_NOT_OPEN({ details: { storeId } });
      return null;
    },

    async settings(ctx: Ctx, storeId: string): Promise<ShiftSettingsView> {
      requirePermission(ctx, 'shift.read');
      await requireStore(db, ctx, storeId);
      const r = await requiresShift(db, ctx.tenantId, storeId);
      return { storeId, requiresShift: r.required, isExplicit: r.explicit };
    },

    async setSettings(ctx: Ctx, storeId: string, input: { requiresShift: boolean }): Promise<ShiftSettingsView> {
      requirePermission(ctx, 'shift.settings');
      return inTransaction(database, async (trx) => {
        await requireStore(trx, ctx, storeId);
        const before = await requiresShift(trx, ctx.tenantId, storeId);
        await shiftRepo.upsertSetting(trx, ctx.tenantId, storeId, input.requiresShift, clock.iso());
        await audit.record(trx, ctx, { action: 'shift.settings_update', entityType: 'store', entityId: storeId, storeId, before: { requiresShift: before.required }, after: { requiresShift: input.requiresShift } });
        return { storeId, requiresShift: input.requiresShift, isExplicit: true };
      });
    },

    async current(ctx: Ctx, storeId: string): Promise<{ shift: ShiftView | null; requiresShift: boolean }> {
      requirePermission(ctx, 'shift.read');
      await requireStore(db, ctx, storeId);
      const open = await shiftRepo.open(db, ctx.tenantId, storeId);
      return { shift: open ? await present(db, ctx.tenantId, open) : null, requiresShift: (await requiresShift(db, ctx.tenantId, storeId)).required };
    },

    async get(ctx: Ctx, id: string): Promise<ShiftView> {
      requirePermission(ctx, 'shift.read');
      return present(db, ctx.tenantId, await requireShift(db, ctx, id));
    },

    async list(ctx: Ctx, f: { storeId?: string; status?: string; from?: string; to?: string; cursor?: string; limit: number }): Promise<Page<ShiftView>> {
      requirePermission(ctx, 'shift.read');
      if (f.storeId) await requireStore(db, ctx, f.storeId);
      const rows = await shiftRepo.list(db, ctx.tenantId, { ...f, storeIds: ctx.storeScope.all ? null : [...ctx.storeScope.storeIds], beforeId: decodeCursor(f.cursor)?.[0] as string | undefined });
      const page = toPage(rows, f.limit, (r) => [r.id]);
      const items: ShiftView[] = [];
      for (const s of page.items) items.push(await present(db, ctx.tenantId, s));
      return { nextCursor: page.nextCursor, items };
    },

    /** Open a shift with the float in the drawer; refused while the store has one open. */
    open(ctx: Ctx, input: { storeId: string; openingFloat: number; note?: string | null }) {
      requirePermission(ctx, 'shift.operate');
      return idempotent(ctx, async (trx) => {
        const store = await requireStore(trx, ctx, input.storeId);
        if (!store.isActive) throw OrgErrors.STORE_INACTIVE({ details: { storeId: store.id } });
        const existing = await shiftRepo.open(trx, ctx.tenantId, store.id);
        if (existing) throw ShiftErrors.SHIFT_ALREADY_OPEN({ params: { shiftNo: existing.shift_no }, details: { shiftId: existing.id } });
        const now = clock.now();
        const businessDate = await deps.businessDate(ctx.tenantId, now, trx);
        const seq = (await shiftRepo.lastSeq(trx, ctx.tenantId, store.id)) + 1;
        const nth = (await shiftRepo.countOnDay(trx, ctx.tenantId, store.id, businessDate)) + 1;
        const row = {
          tenant_id: ctx.tenantId,
          id: newId(ID_PREFIXES.shift),
          shift_no: shiftNo(store.code, businessDate, nth),
          seq,
          store_id: store.id,
          status: 'open' as const,
          opening_float: input.openingFloat,
          opened_by: ctx.actor.id,
          opened_by_name: ctx.actor.name,
          opened_at: now.toISOString(),
          business_date: businessDate,
          note: input.note ?? null,
          closed_by: null,
          closed_by_name: null,
          closed_at: null,
          expected_total: null,
          counted_total: null,
          difference_total: null,
          difference_reason: null,
          close_note: null,
          totals_json: null,
          confirmed_by: null,
          confirmed_by_name: null,
          confirmed_at: null,
          confirm_note: null,
        };
        try {
          await shiftRepo.insert(trx, row);
        } catch (err) {
          // Two desks opening at the same moment: the database lets one through.
          if (database.dialect.isUniqueViolation(err)) throw ShiftErrors.SHIFT_ALREADY_OPEN({ params: { shiftNo: '' } });
          throw err;
        }
        await audit.record(trx, ctx, { action: 'shift.open', entityType: 'shift', entityId: row.id, storeId: store.id, after: { shiftNo: row.shift_no, openingFloat: row.opening_float } });
        return row.id;
      });
    },

    /** Cash put into or taken out of the drawer, with a reason (never more out than the drawer holds). */
    cashMove(ctx: Ctx, id: string, input: { kind: 'in' | 'out'; amount: number; reason: string }) {
      requirePermission(ctx, 'shift.operate');
      return idempotent(ctx, async (trx) => {
        const s = await requireShift(trx, ctx, id, true);
        if (s.status !== 'open') throw ShiftErrors.SHIFT_ALREADY_CLOSED({ details: { shiftId: id } });
        if (input.kind === 'out') {
          const available = cashInDrawer(await liveTotals(trx, ctx.tenantId, s));
          if (input.amount > available) throw ShiftErrors.SHIFT_CASH_OUT_EXCEEDS({ params: { available: yuan(available), amount: yuan(input.amount) }, details: { path: 'amount', available } });
        }
        const moveId = newId(ID_PREFIXES.shiftCashMove);
        await shiftRepo.insertCashMove(trx, { tenant_id: ctx.tenantId, id: moveId, shift_id: s.id, kind: input.kind, amount: input.amount, reason: input.reason, created_by: ctx.actor.id, created_by_name: ctx.actor.name, created_at: clock.iso() });
        await audit.record(trx, ctx, { action: `shift.cash_${input.kind}`, entityType: 'shift', entityId: s.id, storeId: s.store_id, after: { moveId, amount: input.amount, reason: input.reason } });
        return s.id;
      });
    },

    /** Close: counted per tender against expected; a difference needs a reason. Closing twice is refused. */
    close(ctx: Ctx, id: string, input: { counts: { method: string; counted: number }[]; differenceReason?: string | null; note?: string | null }) {
      requirePermission(ctx, 'shift.operate');
      return idempotent(ctx, async (trx) => {
        const s = await requireShift(trx, ctx, id, true);
        if (s.status !== 'open') throw ShiftErrors.SHIFT_ALREADY_CLOSED({ details: { shiftId: id, status: s.status } });
        const totals = await liveTotals(trx, ctx.tenantId, s);
        const compared = compareCounts(totals, input.counts, input.differenceReason);
        if (!compared.ok) {
          const p = compared.problem;
          if (p.code === 'SHIFT_COUNT_MISSING') throw ShiftErrors.SHIFT_COUNT_MISSING({ params: { method: tenderName(p.method, ctx.locale) }, details: { path: 'counts', method: p.method } });
          throw ShiftErrors.SHIFT_DIFFERENCE_REASON_REQUIRED({ params: { difference: yuan(p.difference) }, details: { path: 'differenceReason', difference: p.difference } });
        }
        const r = compared.result;
        const nowIso = clock.iso();
        await shiftRepo.insertCounts(trx, r.rows.map((c) => ({ tenant_id: ctx.tenantId, shift_id: s.id, ...c })));
        await shiftRepo.update(trx, ctx.tenantId, s.id, {
          status: 'closed',
          closed_by: ctx.actor.id,
          closed_by_name: ctx.actor.name,
          closed_at: nowIso,
          expected_total: r.expectedTotal,
          counted_total: r.countedTotal,
          difference_total: r.differenceTotal,
          difference_reason: r.hasDifference ? (input.differenceReason?.trim() ?? null) : null,
          close_note: input.note ?? null,
          totals_json: toJson(totals),
        });
        await audit.record(trx, ctx, {
          action: 'shift.close',
          entityType: 'shift',
          entityId: s.id,
          storeId: s.store_id,
          before: { status: 'open' },
          after: { status: 'closed', shiftNo: s.shift_no, counts: r.rows, differenceTotal: r.differenceTotal, differenceReason: input.differenceReason ?? null },
        });
        return s.id;
      });
    },

    /** Confirm a closed shift: another staff member than the closer, with shift.confirm. */
    async confirm(ctx: Ctx, id: string, input: { note?: string | null }): Promise<ShiftView> {
      requirePermission(ctx, 'shift.confirm');
      const sid = await inTransaction(database, async (trx) => {
        const s = await requireShift(trx, ctx, id, true);
        if (s.status === 'open') throw ShiftErrors.SHIFT_NOT_CLOSED({ details: { shiftId: id } });
        if (s.status === 'confirmed') throw ShiftErrors.SHIFT_ALREADY_CONFIRMED({ details: { shiftId: id } });
        if (ctx.actor.id !== null && ctx.actor.id === s.closed_by) throw ShiftErrors.SHIFT_CONFIRM_OWN({ details: { closedBy: s.closed_by_name } });
        await shiftRepo.update(trx, ctx.tenantId, s.id, { status: 'confirmed', confirmed_by: ctx.actor.id, confirmed_by_name: ctx.actor.name, confirmed_at: clock.iso(), confirm_note: input.note ?? null });
        await audit.record(trx, ctx, { action: 'shift.confirm', entityType: 'shift', entityId: s.id, storeId: s.store_id, before: { status: 'closed' }, after: { status: 'confirmed', shiftNo: s.shift_no, differenceTotal: s.difference_total, note: input.note ?? null } });
        return s.id;
      });
      return present(db, ctx.tenantId, (await shiftRepo.byId(db, ctx.tenantId, sid))!);
    },

    /** For the printable shift report (report module). */
    view: (ctx: Ctx, id: string) => requireShift(db, ctx, id).then((s) => present(db, ctx.tenantId, s)),
  };
}
