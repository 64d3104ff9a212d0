import { inTransaction } from '../../db/database';
import { type Ctx, requirePermission } from '../../shared/context';
import { CardErrors } from './card.errors';
import { isTerminal } from './card.rules';
import type { CardKit } from './card.kit';
import { presentCard } from './card.present';
import { cardRepo } from './card.repo';
import type { CardView } from './card.schemas';

/**
 * Family / supplementary cards (附属卡): the holder names family members — other members, or
 * their own children — who may use the card, optionally up to a number of sessions each.
 */
export function createFamilyService(kit: CardKit) {
  const { db } = kit;

  async function change(ctx: Ctx, cardId: string, fn: (card: Awaited<ReturnType<typeof kit.requireCard>>, trx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<void>): Promise<CardView> {
    requirePermission(ctx, 'card.operate');
    await inTransaction(kit.deps.database, async (trx) => {
      const card = await kit.requireCard(trx, ctx, cardId, { lock: true });
      await kit.requireCardAccess(trx, ctx, card);
      if (isTerminal(card.status)) throw kit.problem(ctx, { code: 'CARD_NOT_USABLE', status: card.status });
      await fn(card, trx);
    });
    return presentCard(kit, db, ctx, (await cardRepo.byId(db, ctx.tenantId, cardId))!);
  }

  return {
    add: (ctx: Ctx, cardId: string, req: { userId: string; relation?: string | null; maxSessions?: number | null }) =>
      change(ctx, cardId, async (card, trx) => {
        const policy = card.terms_json.family;
        if (!policy.isAllowed) throw CardErrors.CARD_FAMILY_NOT_ALLOWED();
        if (req.userId === card.member_id) throw CardErrors.CARD_FAMILY_HOLDER({ details: { path: 'userId' } });
        const existing = await cardRepo.familyOf(trx, ctx.tenantId, [card.id]);
        if (existing.some((f) => f.user_id === req.userId)) throw CardErrors.CARD_FAMILY_EXISTS({ details: { path: 'userId' } });
        if (existing.length >= policy.maxMembers) throw CardErrors.CARD_FAMILY_FULL({ params: { max: policy.maxMembers } });
        let kind: 'member' | 'dependent';
        if (req.userId.startsWith('dep_')) {
          const child = await kit.deps.people.dependent(trx, ctx, req.userId);
          if (!child) throw CardErrors.CARD_MEMBER_NOT_FOUND({ details: { path: 'userId', userId: req.userId } });
          if (!child.guardianMemberIds.includes(card.member_id)) throw CardErrors.CARD_FAMILY_NOT_CHILD({ details: { path: 'userId' } });
          kind = 'dependent';
        } else {
          if (!(await kit.deps.people.member(trx, ctx, req.userId))) throw CardErrors.CARD_MEMBER_NOT_FOUND({ details: { path: 'userId', userId: req.userId } });
          kind = 'member';
        }
        const now = kit.clock.iso();
        await cardRepo.insertFamily(trx, { tenant_id: ctx.tenantId, card_id: card.id, user_id: req.userId, user_kind: kind, relation: req.relation ?? null, max_sessions: req.maxSessions ?? null, sessions_used: 0, is_active: true, created_at: now, updated_at: now });
        await kit.history(trx, ctx, card, 'family_added', { userId: req.userId, userKind: kind, relation: req.relation ?? null, maxSessions: req.maxSessions ?? null });
        await kit.deps.audit.record(trx, ctx, { action: 'card.family.add', entityType: 'member_card', entityId: card.id, after: { userId: req.userId, userKind: kind, relation: req.relation ?? null, maxSessions: req.maxSessions ?? null } });
      }),

    update: (ctx: Ctx, cardId: string, userId: string, patch: { relation?: string | null; maxSessions?: number | null; isActive?: boolean }) =>
      change(ctx, cardId, async (card, trx) => {
        const f = await cardRepo.familyEntry(trx, ctx.tenantId, card.id, userId);
        if (!f) throw CardErrors.CARD_FAMILY_NOT_FOUND({ details: { userId } });
        const after = { relation: patch.relation !== undefined ? patch.relation : f.relation, maxSessions: patch.maxSessions !== undefined ? patch.maxSessions : f.max_sessions, isActive: patch.isActive ?? f.is_active };
        await cardRepo.updateFamily(trx, ctx.tenantId, card.id, userId, { relation: after.relation, max_sessions: after.maxSessions, is_active: after.isActive, updated_at: kit.clock.iso() });
        await kit.history(trx, ctx, card, 'family_changed', { userId, ...after });
        await kit.deps.audit.record(trx, ctx, { action: 'card.family.update', entityType: 'member_card', entityId: card.id, before: { userId, relation: f.relation, maxSessions: f.max_sessions, isActive: f.is_active }, after: { userId, ...after } });
      }),

    remove: (ctx: Ctx, cardId: string, userId: string) =>
      change(ctx, cardId, async (card, trx) => {
        const f = await cardRepo.familyEntry(trx, ctx.tenantId, card.id, userId);
        if (!f) throw CardErrors.CARD_FAMILY_NOT_FOUND({ details: { userId } });
        const held = await cardRepo.heldByUser(trx, ctx.tenantId, card.id, userId);
        if (held > 0) throw CardErrors.CARD_HAS_OPEN_HOLDS({ params: { count: held }, details: { userId } });
        await cardRepo.deleteFamily(trx, ctx.tenantId, card.id, userId);
        await kit.history(trx, ctx, card, 'family_removed', { userId });
        await kit.deps.audit.record(trx, ctx, { action: 'card.family.remove', entityType: 'member_card', entityId: card.id, before: { userId, relation: f.relation, maxSessions: f.max_sessions, sessionsUsed: f.sessions_used } });
      }),
  };
}
