import { type ZApp, errorResponses } from '../../http/zapp';
import {
  correctionBody,
  correctionIdParam,
  correctionSchema,
  correctionsQuery,
  decisionBody,
  monthQuery,
  myAttendanceSchema,
  myMonthQuery,
  punchBody,
  punchSchema,
  reportSchema,
} from './attendance.schemas';
import type { AttendanceService } from './attendance.service';
import { z } from 'zod';

const tags = ['attendance'];

export function attendanceRoutes(app: ZApp, attendance: AttendanceService): void {
  app.post('/attendance/punches', {
    config: { permission: 'attendance.clock' },
    schema: { tags, summary: 'Clock in or out (上班 / 下班打卡) at a store, as the signed-in staff member', body: punchBody, response: { 201: punchSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await attendance.punch(req.ctx(), req.body)),
  });

  app.get('/attendance/me', {
    config: { permission: 'attendance.clock' },
    schema: { tags, summary: 'My attendance for a month: punches, worked spans, totals, and whether the next punch is in or out', querystring: myMonthQuery, response: { 200: myAttendanceSchema, ...errorResponses } },
    handler: async (req) => attendance.mine(req.ctx(), req.query.month),
  });

  app.post('/attendance/corrections', {
    config: { permission: 'attendance.clock' },
    schema: { tags, summary: 'Ask for a forgotten punch to be added (补卡申请); a manager approves it', body: correctionBody, response: { 201: correctionSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await attendance.requestCorrection(req.ctx(), req.body)),
  });

  app.get('/attendance/corrections', {
    config: { permission: 'attendance.clock' },
    schema: { tags, summary: 'Corrections: my own, or with attendance.manage those of the stores in scope', querystring: correctionsQuery, response: { 200: z.object({ items: z.array(correctionSchema) }), ...errorResponses } },
    handler: async (req) => attendance.corrections(req.ctx(), req.query),
  });

  app.post('/attendance/corrections/:correctionId/approve', {
    config: { permission: 'attendance.manage' },
    schema: { tags, summary: 'Approve a correction: its punch is added', params: correctionIdParam, body: decisionBody, response: { 200: correctionSchema, ...errorResponses } },
    handler: async (req) => attendance.decide(req.ctx(), req.params.correctionId, 'approved', req.body.note ?? null),
  });

  app.post('/attendance/corrections/:correctionId/reject', {
    config: { permission: 'attendance.manage' },
    schema: { tags, summary: 'Reject a correction', params: correctionIdParam, body: decisionBody, response: { 200: correctionSchema, ...errorResponses } },
    handler: async (req) => attendance.decide(req.ctx(), req.params.correctionId, 'rejected', req.body.note ?? null),
  });

  app.get('/attendance/punches', {
    config: { permission: 'attendance.manage' },
    schema: { tags, summary: 'Punches of a month in the stores in scope', querystring: monthQuery, response: { 200: z.object({ items: z.array(punchSchema) }), ...errorResponses } },
    handler: async (req) => attendance.punches(req.ctx(), req.query),
  });

  app.get('/attendance/report', {
    config: { permission: 'attendance.manage' },
    schema: { tags, summary: 'Monthly hours per staff member (月度工时): days, hours, incomplete spans, hours per store', querystring: monthQuery, response: { 200: reportSchema, ...errorResponses } },
    handler: async (req) => attendance.report(req.ctx(), req.query),
  });
}
