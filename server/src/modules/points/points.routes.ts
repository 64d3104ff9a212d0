import { type ZApp, errorResponses } from '../../http/zapp';
import type { Database } from '../../db/database';
import type { Ctx } from '../../shared/context';
import { requirePermission } from '../../shared/context';
import { memberIdParam, pointsAdjustBody, pointsAdjustResult, pointsSettingsSchema, pointsSettingsView, pointsSummarySchema } from './points.schemas';
import type { PointsService } from './points.service';

export function pointsRoutes(app: ZApp, deps: { points: PointsService; database: Database; requireMember: (ctx: Ctx, memberId: string) => Promise<void> }): void {
  const { points, requireMember } = deps;

  app.get('/points-settings', {
    config: { permission: 'points.read' },
    schema: { tags: ['points'], summary: 'Point rules: earning, pending period, redemption value and cap, expiry', response: { 200: pointsSettingsView, ...errorResponses } },
    handler: async (req) => points.getSettings(req.ctx()),
  });

  app.put('/points-settings', {
    config: { permission: 'points.settings' },
    schema: { tags: ['points'], summary: 'Set the point rules', body: pointsSettingsSchema, response: { 200: pointsSettingsView, ...errorResponses } },
    handler: async (req) => points.updateSettings(req.ctx(), req.body),
  });

  app.get('/members/:memberId/points', {
    config: { permission: 'points.read' },
    schema: { tags: ['points'], summary: 'A member’s points: available, pending, lots by expiry', params: memberIdParam, response: { 200: pointsSummarySchema, ...errorResponses } },
    handler: async (req) => {
      const ctx = req.ctx();
      requirePermission(ctx, 'points.read');
      await requireMember(ctx, req.params.memberId);
      return points.summary(deps.database.db, ctx.tenantId, req.params.memberId);
    },
  });

  app.post('/members/:memberId/points/adjustments', {
    config: { permission: 'points.adjust', idempotent: true },
    schema: {
      tags: ['points'],
      summary: 'Grant or deduct points by hand, with a reason',
      description: 'Requires an Idempotency-Key header.',
      params: memberIdParam,
      body: pointsAdjustBody,
      response: { 201: pointsAdjustResult, ...errorResponses },
    },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      await requireMember(ctx, req.params.memberId);
      const r = await points.adjust(ctx, { memberId: req.params.memberId, ...req.body });
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.value);
    },
  });
}
