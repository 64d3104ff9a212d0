import { type ZApp, errorResponses } from '../../http/zapp';
import type { Ctx } from '../../shared/context';
import { assignBody, configBody, configSchema, historySchema, memberIdParam, memberTierSchema } from './tier.schemas';
import type { TierService } from './tier.service';

export function tierRoutes(app: ZApp, deps: { tier: TierService; requireMember: (ctx: Ctx, memberId: string) => Promise<void> }): void {
  const { tier, requireMember } = deps;

  app.get('/tier-config', {
    config: { permission: 'tier.read' },
    schema: { tags: ['tiers'], summary: 'The tier programme (metric, window, grace) and its levels', response: { 200: configSchema, ...errorResponses } },
    handler: async (req) => tier.getConfig(req.ctx()),
  });

  app.put('/tier-config', {
    config: { permission: 'tier.manage' },
    schema: {
      tags: ['tiers'],
      summary: 'Replace the tier programme and levels (unique names and ranks, thresholds rising with rank)',
      body: configBody,
      response: { 200: configSchema, ...errorResponses },
    },
    handler: async (req) => tier.putConfig(req.ctx(), req.body),
  });

  app.get('/members/:memberId/tier', {
    config: { permission: 'tier.read' },
    schema: { tags: ['tiers'], summary: 'A member’s tier, metric and progress (“¥X more by DATE …”)', params: memberIdParam, response: { 200: memberTierSchema, ...errorResponses } },
    handler: async (req) => {
      const ctx = req.ctx();
      await requireMember(ctx, req.params.memberId);
      return tier.memberTier(ctx, req.params.memberId);
    },
  });

  app.get('/members/:memberId/tier-history', {
    config: { permission: 'tier.read' },
    schema: { tags: ['tiers'], summary: 'Tier changes of a member', params: memberIdParam, response: { 200: historySchema, ...errorResponses } },
    handler: async (req) => {
      const ctx = req.ctx();
      await requireMember(ctx, req.params.memberId);
      return { items: await tier.history(ctx, req.params.memberId) };
    },
  });

  app.post('/members/:memberId/tier', {
    config: { permission: 'tier.assign' },
    schema: { tags: ['tiers'], summary: 'Set a member’s tier by hand and optionally lock it', params: memberIdParam, body: assignBody, response: { 200: memberTierSchema, ...errorResponses } },
    handler: async (req) => {
      const ctx = req.ctx();
      await requireMember(ctx, req.params.memberId);
      return tier.assign(ctx, req.params.memberId, req.body);
    },
  });
}
