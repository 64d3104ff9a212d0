import { type ZApp, errorResponses } from '../../http/zapp';
import {
  cashMoveBody,
  closeBody,
  confirmBody,
  currentQuery,
  currentSchema,
  openBody,
  settingsBody,
  settingsSchema,
  shiftIdParam,
  shiftListQuery,
  shiftPageSchema,
  shiftSchema,
  storeIdParam,
} from './shift.schemas';
import type { ShiftService } from './shift.service';

const tags = ['shifts'];
const IDEM = 'Requires an Idempotency-Key header: a retry with the same key and body returns the first result.';

export function shiftRoutes(app: ZApp, shifts: ShiftService): void {
  app.get('/stores/:storeId/shift-settings', {
    config: { permission: 'shift.read' },
    schema: { tags, summary: 'Whether the store needs an open shift to take orders', params: storeIdParam, response: { 200: settingsSchema, ...errorResponses } },
    handler: async (req) => shifts.settings(req.ctx(), req.params.storeId),
  });

  app.put('/stores/:storeId/shift-settings', {
    config: { permission: 'shift.settings' },
    schema: { tags, summary: 'Require (or not) an open shift for orders and refunds in the store', params: storeIdParam, body: settingsBody, response: { 200: settingsSchema, ...errorResponses } },
    handler: async (req) => shifts.setSettings(req.ctx(), req.params.storeId, req.body),
  });

  app.get('/shifts', {
    config: { permission: 'shift.read' },
    schema: { tags, summary: 'Shifts, newest first', querystring: shiftListQuery, response: { 200: shiftPageSchema, ...errorResponses } },
    handler: async (req) => shifts.list(req.ctx(), req.query),
  });

  app.get('/shifts/current', {
    config: { permission: 'shift.read' },
    schema: { tags, summary: 'The store’s open shift (null when none) and whether it needs one', querystring: currentQuery, response: { 200: currentSchema, ...errorResponses } },
    handler: async (req) => shifts.current(req.ctx(), req.query.storeId),
  });

  app.post('/shifts', {
    config: { permission: 'shift.operate', idempotent: true },
    schema: { tags, summary: 'Open a shift (开班) with the float in the drawer', description: IDEM, body: openBody, response: { 201: shiftSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await shifts.open(req.ctx(), req.body);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.shift);
    },
  });

  app.get('/shifts/:shiftId', {
    config: { permission: 'shift.read' },
    schema: { tags, summary: 'A shift with its cash moves, expected totals per tender and counts', params: shiftIdParam, response: { 200: shiftSchema, ...errorResponses } },
    handler: async (req) => shifts.get(req.ctx(), req.params.shiftId),
  });

  app.post('/shifts/:shiftId/cash-moves', {
    config: { permission: 'shift.operate', idempotent: true },
    schema: { tags, summary: 'Put cash into or take cash out of the drawer, with a reason', description: IDEM, params: shiftIdParam, body: cashMoveBody, response: { 201: shiftSchema, ...errorResponses } },
    handler: async (req, reply) => {
      const r = await shifts.cashMove(req.ctx(), req.params.shiftId, req.body);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(r.shift);
    },
  });

  app.post('/shifts/:shiftId/close', {
    config: { permission: 'shift.operate', idempotent: true },
    schema: {
      tags,
      summary: 'Close a shift (交班): counted per tender against expected; a difference needs a reason',
      description: IDEM,
      params: shiftIdParam,
      body: closeBody,
      response: { 200: shiftSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const r = await shifts.close(req.ctx(), req.params.shiftId, req.body);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return r.shift;
    },
  });

  app.post('/shifts/:shiftId/confirm', {
    config: { permission: 'shift.confirm' },
    schema: { tags, summary: 'Confirm a closed shift (by someone other than the closer)', params: shiftIdParam, body: confirmBody, response: { 200: shiftSchema, ...errorResponses } },
    handler: async (req) => shifts.confirm(req.ctx(), req.params.shiftId, req.body),
  });
}
