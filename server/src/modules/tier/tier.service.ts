import { type Database, type Executor, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import { enqueueEvents } from '../../db/outbox';
import type { Clock } from '../../shared/clock';
import { type Ctx, requirePermission, systemCtx } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { type TimelineSink, noTimeline } from '../../shared/timeline';
import type { AuditService } from '../audit';
import { LEVEL_PROBLEM_TEXT, TierErrors } from './tier.errors';
import { type LevelRow, type MemberTierRow, tierRepo } from './tier.repo';
import { type TierMetric, type TierProgram, type TierProgress, decideAtPeriodEnd, evaluationDate, progress, qualifyingLevel, validateLevels, windowStart } from './tier.rules';

export interface TierLevelView {
  id: string;
  rank: number;
  name: string;
  threshold: number;
  retentionThreshold: number | null;
  discountBp: number;
  pointsMultiplierBp: number;
  bookingPriorityHours: number;
  birthdayGift: { points?: number; note?: string } | null;
  benefitsNote: string | null;
  isActive: boolean;
}

export type TierLevelInput = Omit<TierLevelView, 'id' | 'isActive'> & { id?: string; isActive?: boolean };

export interface MemberTierView {
  memberId: string;
  level: TierLevelView | null;
  since: string | null;
  evaluateOn: string | null;
  isLocked: boolean;
  metric: TierMetric;
  metricValue: number;
  progress: TierProgress;
}

export const DEFAULT_PROGRAM: TierProgram = { metric: 'spend', window: 'lifetime', windowMonths: 12, graceDays: 0 };

function presentLevel(r: LevelRow): TierLevelView {
  return {
    id: r.id,
    rank: r.rank,
    name: r.name,
    threshold: r.threshold,
    retentionThreshold: r.retention_threshold,
    discountBp: r.discount_bp,
    pointsMultiplierBp: r.points_multiplier_bp,
    bookingPriorityHours: r.booking_priority_hours,
    birthdayGift: r.birthday_gift_json,
    benefitsNote: r.benefits_note,
    isActive: r.is_active,
  };
}

const asRuleLevel = (l: TierLevelView) => ({ ...l });

export type TierService = ReturnType<typeof createTierService>;

export interface TierBenefits {
  tierId: string | null;
  name: string | null;
  discountBp: number;
  pointsMultiplierBp: number;
  bookingPriorityHours: number;
  birthdayGift: { points?: number; note?: string } | null;
}

export function createTierService(deps: { database: Database; clock: Clock; audit: AuditService; businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string>; timeline?: TimelineSink<Executor> }) {
  const { database, clock, audit } = deps;
  const timeline = deps.timeline ?? noTimeline;
  const db = database.db;

  async function programOf(trx: Executor, tenantId: string): Promise<TierProgram> {
    const r = await tierRepo.program(trx, tenantId);
    return r ? { metric: r.metric, window: r.window_kind, windowMonths: r.window_months, graceDays: r.grace_days } : DEFAULT_PROGRAM;
  }

  async function activeLevels(trx: Executor, tenantId: string): Promise<TierLevelView[]> {
    return (await tierRepo.levels(trx, tenantId)).filter((l) => l.is_active).map(presentLevel);
  }

  async function metricValue(trx: Executor, tenantId: string, memberId: string, program: TierProgram, today: string): Promise<number> {
    const from = windowStart(program, today);
    return program.metric === 'single_order'
      ? tierRepo.metricMaxOrder(trx, tenantId, memberId, 'single_order', from)
      : tierRepo.metricSum(trx, tenantId, memberId, program.metric, from);
  }

  async function readBenefits(trx: Executor, tenantId: string, memberId: string): Promise<TierBenefits> {
    const none: TierBenefits = { tierId: null, name: null, discountBp: 0, pointsMultiplierBp: 10_000, bookingPriorityHours: 0, birthdayGift: null };
    const mt = await tierRepo.memberTier(trx, tenantId, memberId);
    if (!mt?.tier_id) return none;
    const level = (await tierRepo.levels(trx, tenantId)).find((l) => l.id === mt.tier_id);
    if (!level || !level.is_active) return none;
    return {
      tierId: level.id,
      name: level.name,
      discountBp: level.discount_bp,
      pointsMultiplierBp: level.points_multiplier_bp,
      bookingPriorityHours: level.booking_priority_hours,
      birthdayGift: level.birthday_gift_json,
    };
  }
  // Asked by the catalogue (member prices) and by the price pipeline of one checkout: once per transaction.
  const benefitsInTx = new WeakMap<object, Map<string, Promise<TierBenefits>>>();

  async function change(trx: Executor, ctx: Ctx, memberId: string, current: MemberTierRow | undefined, to: TierLevelView | null, reason: 'upgrade' | 'downgrade' | 'manual' | 'initial', metric: number | null, program: TierProgram, today: string, lock?: boolean) {
    benefitsInTx.get(trx)?.delete(memberId);
    const evaluateOn = to ? evaluationDate(program, today) : null;
    if (!current) {
      await tierRepo.insertMemberTier(trx, { tenant_id: ctx.tenantId, member_id: memberId, tier_id: to?.id ?? null, since: today, evaluate_on: evaluateOn, is_locked: lock ?? false, updated_at: clock.iso() });
    } else {
      await tierRepo.updateMemberTier(trx, ctx.tenantId, memberId, { tier_id: to?.id ?? null, since: today, evaluate_on: evaluateOn, is_locked: lock ?? current.is_locked, updated_at: clock.iso() });
    }
    if ((current?.tier_id ?? null) !== (to?.id ?? null)) {
      await tierRepo.insertHistory(trx, { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.tierHistory), member_id: memberId, from_tier_id: current?.tier_id ?? null, to_tier_id: to?.id ?? null, reason, metric_value: metric, actor_name: ctx.actor.name, created_at: clock.iso() });
      await enqueueEvents(trx, ctx.tenantId, clock.iso(), [{ topic: 'tier.changed', payload: { memberId, fromTierId: current?.tier_id ?? null, toTierId: to?.id ?? null, toTierName: to?.name ?? null, reason } }]);
      const fromName = current?.tier_id ? ((await tierRepo.levels(trx, ctx.tenantId)).find((l) => l.id === current.tier_id)?.name ?? null) : null;
      await timeline(trx, ctx, { memberId, kind: 'tier.changed', refType: 'tier', refId: to?.id ?? current?.tier_id ?? null, summary: { from: fromName, to: to?.name ?? null, reason } });
    }
  }

  async function view(trx: Executor, tenantId: string, memberId: string): Promise<MemberTierView> {
    const [program, levels, mt] = await Promise.all([programOf(trx, tenantId), activeLevels(trx, tenantId), tierRepo.memberTier(trx, tenantId, memberId)]);
    const today = await deps.businessDate(tenantId, clock.now(), trx);
    const value = await metricValue(trx, tenantId, memberId, program, today);
    const all = (await tierRepo.levels(trx, tenantId)).map(presentLevel);
    const level = mt?.tier_id ? (all.find((l) => l.id === mt.tier_id) ?? null) : null;
    return {
      memberId,
      level,
      since: mt?.since ?? null,
      evaluateOn: mt?.evaluate_on ?? null,
      isLocked: mt?.is_locked ?? false,
      metric: program.metric,
      metricValue: value,
      progress: progress(value, level ? asRuleLevel(level) : null, levels.map(asRuleLevel), mt?.evaluate_on ?? (level ? evaluationDate(program, today) : null)),
    };
  }

  return {
    program: (trx: Executor, tenantId: string) => programOf(trx, tenantId),

    async getConfig(ctx: Ctx): Promise<{ program: TierProgram; levels: TierLevelView[] }> {
      requirePermission(ctx, 'tier.read');
      return { program: await programOf(db, ctx.tenantId), levels: (await tierRepo.levels(db, ctx.tenantId)).map(presentLevel) };
    },

    /** Replace the whole tier configuration at once, validated as a set. */
    async putConfig(ctx: Ctx, input: { program: TierProgram; levels: TierLevelInput[] }): Promise<{ program: TierProgram; levels: TierLevelView[] }> {
      requirePermission(ctx, 'tier.manage');
      const problems = validateLevels(input.levels.map((l) => ({ name: l.name, rank: l.rank, threshold: l.threshold, retentionThreshold: l.retentionThreshold })));
      if (problems.length) {
        throw TierErrors.TIER_LEVELS_INVALID({ details: problems.map((p) => ({ path: `levels.${p.index}.${p.field}`, code: p.code, message: LEVEL_PROBLEM_TEXT[p.code][ctx.locale] })) });
      }
      return inTransaction(database, async (trx) => {
        const before = { program: await programOf(trx, ctx.tenantId), levels: (await tierRepo.levels(trx, ctx.tenantId)).map(presentLevel) };
        const now = clock.iso();
        await tierRepo.upsertProgram(trx, { tenant_id: ctx.tenantId, metric: input.program.metric, window_kind: input.program.window, window_months: input.program.windowMonths, grace_days: input.program.graceDays, updated_at: now });
        const keep = new Set(input.levels.filter((l) => l.id).map((l) => l.id!));
        for (const old of before.levels) {
          if (keep.has(old.id)) continue;
          if ((await tierRepo.holders(trx, ctx.tenantId, old.id)) > 0 || (await tierRepo.historyHolders(trx, ctx.tenantId, old.id)) > 0) {
            throw TierErrors.TIER_IN_USE({ params: { name: old.name } });
          }
          await tierRepo.deleteLevel(trx, ctx.tenantId, old.id);
        }
        // Ranks are unique: move existing rows out of the way before writing the new order.
        for (const l of before.levels.filter((x) => keep.has(x.id))) await tierRepo.updateLevel(trx, ctx.tenantId, l.id, { rank: -1_000_000 - l.rank });
        for (const l of input.levels) {
          const values = {
            rank: l.rank,
            name: l.name.trim(),
            threshold: l.threshold,
            retention_threshold: l.retentionThreshold,
            discount_bp: l.discountBp,
            points_multiplier_bp: l.pointsMultiplierBp,
            booking_priority_hours: l.bookingPriorityHours,
            birthday_gift_json: toJson(l.birthdayGift),
            benefits_note: l.benefitsNote,
            is_active: l.isActive ?? true,
            updated_at: now,
          };
          if (l.id && before.levels.some((b) => b.id === l.id)) await tierRepo.updateLevel(trx, ctx.tenantId, l.id, values);
          else if (l.id) throw TierErrors.TIER_NOT_FOUND({ details: { id: l.id } });
          else await tierRepo.insertLevel(trx, { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.tierLevel), created_at: now, ...values });
        }
        const after = { program: await programOf(trx, ctx.tenantId), levels: (await tierRepo.levels(trx, ctx.tenantId)).map(presentLevel) };
        await audit.record(trx, ctx, { action: 'tier.config_update', entityType: 'tierConfig', entityId: ctx.tenantId, before, after });
        return after;
      });
    },

    /** The member's tier benefits: pricing (discount, points multiplier), booking priority, birthday gift. */
    async benefits(trx: Executor, tenantId: string, memberId: string): Promise<TierBenefits> {
      if (!trx.isTransaction) return readBenefits(trx, tenantId, memberId);
      let memo = benefitsInTx.get(trx);
      if (!memo) benefitsInTx.set(trx, (memo = new Map()));
      let b = memo.get(memberId);
      if (!b) memo.set(memberId, (b = readBenefits(trx, tenantId, memberId)));
      return b;
    },

    memberTier: (ctx: Ctx, memberId: string) => {
      requirePermission(ctx, 'tier.read');
      return view(db, ctx.tenantId, memberId);
    },

    async history(ctx: Ctx, memberId: string) {
      requirePermission(ctx, 'tier.read');
      const levels = (await tierRepo.levels(db, ctx.tenantId)).map(presentLevel);
      const name = (id: string | null) => (id ? (levels.find((l) => l.id === id)?.name ?? null) : null);
      return (await tierRepo.history(db, ctx.tenantId, memberId)).map((h) => ({
        id: h.id,
        fromTier: name(h.from_tier_id),
        toTier: name(h.to_tier_id),
        reason: h.reason,
        metricValue: h.metric_value,
        actorName: h.actor_name,
        createdAt: h.created_at,
      }));
    },

    /**
     * Record what a member did (spend, recharge, points, visits, single order) and upgrade at
     * once when they now qualify for a higher tier. Negative amounts (refunds) lower the metric
     * but never downgrade here: that waits for the period end.
     */
    async recordMetrics(trx: Executor, ctx: Ctx, memberId: string, events: { metric: TierMetric; amount: number; orderId?: string | null }[]): Promise<void> {
      const nonZero = events.filter((e) => e.amount !== 0);
      if (!nonZero.length) return;
      const now = clock.now();
      const today = await deps.businessDate(ctx.tenantId, now, trx);
      await tierRepo.insertEvents(
        trx,
        nonZero.map((e) => ({ tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.tierEvent), member_id: memberId, metric: e.metric, amount: e.amount, business_date: today, order_id: e.orderId ?? null, created_at: now.toISOString() })),
      );
      const program = await programOf(trx, ctx.tenantId);
      if (!nonZero.some((e) => e.metric === program.metric && e.amount > 0)) return;
      const levels = await activeLevels(trx, ctx.tenantId);
      if (!levels.length) return; // no tiers to reach
      const current = await tierRepo.lockMemberTier(trx, database.dialect, ctx.tenantId, memberId);
      if (current?.is_locked) return;
      const currentLevel = current?.tier_id ? levels.find((l) => l.id === current.tier_id) : undefined;
      // Already at the top: no metric can move the member up (downgrades wait for the period end).
      if (currentLevel && !levels.some((l) => l.rank > currentLevel.rank)) return;
      const value = await metricValue(trx, ctx.tenantId, memberId, program, today);
      const q = qualifyingLevel(value, levels.map(asRuleLevel));
      if (q && (!currentLevel || q.rank > currentLevel.rank)) await change(trx, ctx, memberId, current, q, current ? 'upgrade' : 'initial', value, program, today);
    },

    /** Set a tier by hand, optionally locking it against automatic changes. */
    async assign(ctx: Ctx, memberId: string, input: { tierId: string | null; lock: boolean; reason: string }): Promise<MemberTierView> {
      requirePermission(ctx, 'tier.assign');
      return inTransaction(database, async (trx) => {
        const levels = (await tierRepo.levels(trx, ctx.tenantId)).map(presentLevel);
        const to = input.tierId ? levels.find((l) => l.id === input.tierId) : null;
        if (input.tierId && !to) throw TierErrors.TIER_NOT_FOUND({ details: { tierId: input.tierId } });
        const program = await programOf(trx, ctx.tenantId);
        const today = await deps.businessDate(ctx.tenantId, clock.now(), trx);
        const current = await tierRepo.lockMemberTier(trx, database.dialect, ctx.tenantId, memberId);
        const before = current ? { tierId: current.tier_id, isLocked: current.is_locked } : null;
        await change(trx, ctx, memberId, current, to ?? null, 'manual', null, program, today, input.lock);
        await audit.record(trx, ctx, { action: 'tier.assign', entityType: 'member', entityId: memberId, before, after: { tierId: input.tierId, isLocked: input.lock, reason: input.reason } });
        return view(trx, ctx.tenantId, memberId);
      });
    },

    /** Period-end evaluation: keep or downgrade members whose evaluation date has come. */
    async evaluateDue(limit = 500): Promise<{ kept: number; downgraded: number }> {
      const today = new Date(clock.now().getTime() + 14 * 3600_000).toISOString().slice(0, 10);
      const due = await tierRepo.dueForEvaluation(db, today, limit);
      let kept = 0;
      let downgraded = 0;
      for (const mt of due) {
        await inTransaction(database, async (trx) => {
          const ctx = systemCtx(mt.tenant_id, { name: 'tier.evaluate' });
          const localToday = await deps.businessDate(mt.tenant_id, clock.now(), trx);
          const current = await tierRepo.lockMemberTier(trx, database.dialect, mt.tenant_id, mt.member_id);
          if (!current || current.is_locked || !current.evaluate_on || current.evaluate_on > localToday) return;
          const program = await programOf(trx, mt.tenant_id);
          const levels = await activeLevels(trx, mt.tenant_id);
          const level = levels.find((l) => l.id === current.tier_id);
          const value = await metricValue(trx, mt.tenant_id, mt.member_id, program, localToday);
          if (!level) {
            await change(trx, ctx, mt.member_id, current, qualifyingLevel(value, levels), 'downgrade', value, program, localToday);
            downgraded++;
            return;
          }
          const decision = decideAtPeriodEnd(level, value, levels);
          if (decision.action === 'keep') {
            await tierRepo.updateMemberTier(trx, mt.tenant_id, mt.member_id, { evaluate_on: evaluationDate(program, localToday), updated_at: clock.iso() });
            kept++;
          } else {
            await change(trx, ctx, mt.member_id, current, decision.to, 'downgrade', value, program, localToday);
            downgraded++;
          }
        });
      }
      return { kept, downgraded };
    },
  };
}
