import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import { auditListQuery, auditPageSchema } from './audit.schemas';
import type { AuditService } from './audit.service';

export function auditRoutes(app: ZApp, audit: AuditService): void {
  app.get('/audit-logs', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'List audit log entries, newest first',
      querystring: auditListQuery,
      response: { 200: auditPageSchema, ...errorResponses },
    },
    handler: async (req) => {
      const { from, to, ...rest } = req.query;
      return audit.list(req.ctx(), {
        ...rest,
        from: from ? new Date(from).toISOString() : undefined,
        to: to ? new Date(to).toISOString() : undefined,
      });
    },
  });

  app.get('/audit-logs/actions', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'Distinct actions recorded, for the filter list',
      response: { 200: z.object({ items: z.array(z.string()) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await audit.actions(req.ctx()) }),
  });
}
