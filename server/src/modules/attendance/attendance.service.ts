import { type Database, type Executor, inTransaction } from '../../db/database';
import type { Clock } from '../../shared/clock';
import { type Ctx, hasPermission, requirePermission, requireStoreAccess } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import type { AuditService } from '../audit';
import { OrgErrors, type OrgService } from '../org';
import { AttendanceErrors } from './attendance.errors';
import { type CorrectionRow, type PunchRow, attendanceRepo } from './attendance.repo';
import { type Punch, type PunchKind, type PunchRefusal, checkPunch, monthRange, monthlyHours, spansOf } from './attendance.rules';
import type { CorrectionView, PunchView } from './attendance.schemas';

export interface AttendanceDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string>;
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;

/** How far back a forgotten punch may be corrected. */
const CORRECTION_DAYS = 31;

const presentPunch = (r: PunchRow): PunchView => ({
  id: r.id,
  staffId: r.staff_id,
  staffName: r.staff_name,
  storeId: r.store_id,
  kind: r.kind,
  at: r.punched_at,
  businessDate: r.business_date,
  source: r.source,
  correctionId: r.correction_id,
});
const toPunch = (r: PunchRow): Punch => ({ staffId: r.staff_id, staffName: r.staff_name, storeId: r.store_id, kind: r.kind, at: r.punched_at, businessDate: r.business_date });
const presentCorrection = (r: CorrectionRow): CorrectionView => ({
  id: r.id,
  staffId: r.staff_id,
  staffName: r.staff_name,
  storeId: r.store_id,
  kind: r.kind,
  at: r.punched_at,
  reason: r.reason,
  status: r.status,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
  createdAt: r.created_at,
});

/**
 * Staff attendance (考勤打卡): staff clock in and out at a store of their scope; a forgotten
 * punch is asked for as a correction that another staff member with attendance.manage approves
 * (the approval adds the punch) or rejects. Punches are append-only; a per-staff sequence number
 * turns two simultaneous taps into one punch and one clear refusal. Monthly hours pair punches
 * into spans (see attendance.rules.ts).
 */
export function createAttendanceService(deps: AttendanceDeps) {
  const { database, clock, audit, org } = deps;
  const db = database.db;

  function staffOf(ctx: Ctx): { id: string; name: string } {
    if (ctx.actor.type !== 'staff' || !ctx.actor.id) throw AttendanceErrors.ATTENDANCE_STAFF_ONLY();
    return { id: ctx.actor.id, name: ctx.actor.name };
  }

  async function requireStore(x: Executor, ctx: Ctx, storeId: string) {
    const [s] = await org.storesByIds(ctx.tenantId, [storeId], x);
    if (!s) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId, path: 'storeId' } });
    requireStoreAccess(ctx, storeId);
    return s;
  }

  async function refusal(x: Executor, ctx: Ctx, why: PunchRefusal, last: PunchRow | undefined) {
    if (why === 'already_in') return AttendanceErrors.ATTENDANCE_ALREADY_IN({ params: { at: last!.punched_at }, details: { punchId: last!.id } });
    if (why === 'not_in') return AttendanceErrors.ATTENDANCE_NOT_IN();
    const [s] = await org.storesByIds(ctx.tenantId, [last!.store_id], x);
    return AttendanceErrors.ATTENDANCE_OTHER_STORE({ params: { store: s?.name ?? last!.store_id }, details: { storeId: last!.store_id } });
  }

  /** Insert a punch after `last` (seq + 1): a concurrent punch of the same person violates the unique key. */
  async function insertPunch(trx: Executor, ctx: Ctx, who: { id: string; name: string }, p: { storeId: string; kind: PunchKind; at: Date; source: 'clock' | 'correction'; correctionId: string | null }, seq: number): Promise<PunchRow> {
    const row: PunchRow = {
      tenant_id: ctx.tenantId,
      id: newId(ID_PREFIXES.attendancePunch),
      staff_id: who.id,
      seq,
      staff_name: who.name,
      store_id: p.storeId,
      kind: p.kind,
      punched_at: p.at.toISOString(),
      business_date: await deps.businessDate(ctx.tenantId, p.at, trx),
      source: p.source,
      correction_id: p.correctionId,
      created_at: clock.iso(),
    };
    await attendanceRepo.insertPunch(trx, row);
    return row;
  }

  async function retryOnSeqClash<T>(fn: () => Promise<T>): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await fn();
      } catch (err) {
        // Someone's other tap won the sequence number: read again and answer from what is there now.
        if (i >= 3 || !database.dialect.isUniqueViolation(err)) throw err;
      }
    }
  }

  return {
    /** Clock in or out (上班 / 下班打卡) at a store. */
    async punch(ctx: Ctx, input: { storeId: string; kind: PunchKind }): Promise<PunchView> {
      requirePermission(ctx, 'attendance.clock');
      const who = staffOf(ctx);
      await requireStore(db, ctx, input.storeId);
      return retryOnSeqClash(() =>
        inTransaction(database, async (trx) => {
          const last = await attendanceRepo.lastPunch(trx, ctx.tenantId, who.id);
          const now = clock.now();
          const why = checkPunch(last ? { kind: last.kind, storeId: last.store_id, at: last.punched_at } : null, { kind: input.kind, storeId: input.storeId, at: now.toISOString() });
          if (why) throw await refusal(trx, ctx, why, last);
          const row = await insertPunch(trx, ctx, who, { storeId: input.storeId, kind: input.kind, at: now, source: 'clock', correctionId: null }, (last?.seq ?? 0) + 1);
          await audit.record(trx, ctx, { action: `attendance.clock_${input.kind}`, entityType: 'attendancePunch', entityId: row.id, storeId: input.storeId, after: { kind: input.kind, at: row.punched_at } });
          return presentPunch(row);
        }),
      );
    },

    /** My month: punches, spans, totals and what the clock button offers next. */
    async mine(ctx: Ctx, month: string) {
      requirePermission(ctx, 'attendance.clock');
      const who = staffOf(ctx);
      const { from, to } = monthRange(month);
      const [rows, last] = await Promise.all([attendanceRepo.punches(db, ctx.tenantId, { from, to, staffId: who.id, storeIds: null }), attendanceRepo.lastPunch(db, ctx.tenantId, who.id)]);
      const spans = spansOf(rows.map(toPunch));
      const open = last && checkPunch({ kind: last.kind, storeId: last.store_id, at: last.punched_at }, { kind: 'in', storeId: last.store_id, at: clock.iso() }) === 'already_in' ? last : null;
      return {
        month,
        current: open ? presentPunch(open) : null,
        next: (open ? 'out' : 'in') as PunchKind,
        punches: rows.map(presentPunch),
        spans: spans.map(({ staffId: _s, ...rest }) => rest),
        minutes: spans.reduce((a, s) => a + s.minutes, 0),
        days: new Set(spans.filter((s) => s.minutes > 0).map((s) => s.businessDate)).size,
      };
    },

    /** Ask for a forgotten punch to be added (补卡申请). */
    async requestCorrection(ctx: Ctx, input: { storeId: string; kind: PunchKind; at: string; reason: string }): Promise<CorrectionView> {
      requirePermission(ctx, 'attendance.clock');
      const who = staffOf(ctx);
      await requireStore(db, ctx, input.storeId);
      const at = Date.parse(input.at);
      if (at > clock.now().getTime() || at < clock.now().getTime() - CORRECTION_DAYS * 86_400_000) {
        throw AttendanceErrors.ATTENDANCE_CORRECTION_TIME({ params: { days: CORRECTION_DAYS }, details: { path: 'at' } });
      }
      return inTransaction(database, async (trx) => {
        const row: CorrectionRow = {
          tenant_id: ctx.tenantId,
          id: newId(ID_PREFIXES.attendanceCorrection),
          staff_id: who.id,
          staff_name: who.name,
          store_id: input.storeId,
          kind: input.kind,
          punched_at: new Date(at).toISOString(),
          reason: input.reason,
          status: 'pending',
          decided_by: null,
          decided_by_name: null,
          decided_at: null,
          decision_note: null,
          created_at: clock.iso(),
        };
        await attendanceRepo.insertCorrection(trx, row);
        await audit.record(trx, ctx, { action: 'attendance.correction_request', entityType: 'attendanceCorrection', entityId: row.id, storeId: input.storeId, after: { kind: row.kind, at: row.punched_at, reason: row.reason } });
        return presentCorrection(row);
      });
    },

    /** Corrections: mine, or (attendance.manage) those of the stores in my scope. */
    async corrections(ctx: Ctx, f: { status?: 'pending' | 'approved' | 'rejected'; mine?: 'true' | 'false' }): Promise<{ items: CorrectionView[] }> {
      requirePermission(ctx, 'attendance.clock');
      const manager = hasPermission(ctx, 'attendance.manage') && f.mine !== 'true';
      const staffId = manager ? undefined : staffOf(ctx).id;
      const rows = await attendanceRepo.corrections(db, ctx.tenantId, { status: f.status, staffId, storeIds: manager && !ctx.storeScope.all ? [...ctx.storeScope.storeIds] : null, limit: 200 });
      return { items: rows.map(presentCorrection) };
    },

    /** Approve (the punch is added with its requested time) or reject a pending correction. */
    async decide(ctx: Ctx, correctionId: string, decision: 'approved' | 'rejected', note: string | null): Promise<CorrectionView> {
      requirePermission(ctx, 'attendance.manage');
      return retryOnSeqClash(() =>
        inTransaction(database, async (trx) => {
          const c = await attendanceRepo.correction(trx, ctx.tenantId, correctionId);
          if (!c) throw AttendanceErrors.ATTENDANCE_CORRECTION_NOT_FOUND({ details: { correctionId } });
          requireStoreAccess(ctx, c.store_id);
          if (c.status !== 'pending') throw AttendanceErrors.ATTENDANCE_CORRECTION_DECIDED({ params: { status: c.status }, details: { status: c.status } });
          if (ctx.actor.id === c.staff_id) throw AttendanceErrors.ATTENDANCE_CORRECTION_OWN();
          const patch = { status: decision, decided_by: ctx.actor.id, decided_by_name: ctx.actor.name, decided_at: clock.iso(), decision_note: note };
          if (!(await attendanceRepo.decide(trx, ctx.tenantId, c.id, patch))) throw AttendanceErrors.ATTENDANCE_CORRECTION_DECIDED({ params: { status: 'decided' } });
          if (decision === 'approved') {
            const last = await attendanceRepo.lastPunch(trx, ctx.tenantId, c.staff_id);
            await insertPunch(trx, ctx, { id: c.staff_id, name: c.staff_name }, { storeId: c.store_id, kind: c.kind, at: new Date(c.punched_at), source: 'correction', correctionId: c.id }, (last?.seq ?? 0) + 1);
          }
          await audit.record(trx, ctx, { action: `attendance.correction_${decision === 'approved' ? 'approve' : 'reject'}`, entityType: 'attendanceCorrection', entityId: c.id, storeId: c.store_id, before: { status: c.status }, after: { status: decision, note } });
          return presentCorrection({ ...c, ...patch });
        }),
      );
    },

    /** Punches of the stores in scope for a month (managers). */
    async punches(ctx: Ctx, q: { month: string; storeId?: string; staffId?: string }): Promise<{ items: PunchView[] }> {
      requirePermission(ctx, 'attendance.manage');
      if (q.storeId) await requireStore(db, ctx, q.storeId);
      const { from, to } = monthRange(q.month);
      const storeIds = q.storeId ? [q.storeId] : ctx.storeScope.all ? null : [...ctx.storeScope.storeIds];
      return { items: (await attendanceRepo.punches(db, ctx.tenantId, { from, to, staffId: q.staffId, storeIds })).map(presentPunch) };
    },

    /** Monthly hours per staff member (月度工时), for the stores in scope. */
    async report(ctx: Ctx, q: { month: string; storeId?: string; staffId?: string }) {
      const { items } = await this.punches(ctx, q);
      const { from, to } = monthRange(q.month);
      const lines = monthlyHours(items.map((p) => ({ staffId: p.staffId, staffName: p.staffName, storeId: p.storeId, kind: p.kind, at: p.at, businessDate: p.businessDate })));
      return { month: q.month, from, to, lines: lines.map((l) => ({ ...l, hours: Math.round(l.minutes / 6) / 10 })), totalMinutes: lines.reduce((a, l) => a + l.minutes, 0) };
    },
  };
}
