import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import { dateSchema, timestampSchema } from '../../shared/validation';
import { ID_PREFIXES } from '../../shared/ids';
import { idSchema } from '../../shared/validation';
import type { CourseModule } from './course.module';
import { timetableIdParam, timetableSchema } from './course.schemas';

/** Editing weekly timetables (grouped apart from course.routes.ts to keep merges small). */

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const timetableUpdateBody = z.strictObject({
  weekday: z.number().int().min(1).max(7).optional(),
  startTime: hhmm.optional(),
  roomId: idSchema(ID_PREFIXES.courseRoom).nullable().optional(),
  teacherId: idSchema(ID_PREFIXES.courseTeacher).optional(),
  capacity: z.number().int().min(1).max(1000).optional(),
  startsOn: dateSchema.optional(),
  endsOn: dateSchema.nullable().optional(),
  isActive: z.boolean().optional(),
});
export const timetableMoveBody = z.strictObject({
  onDate: dateSchema.describe('The class day of the timetable to move'),
  startsAt: timestampSchema.describe('Its new start'),
  reason: z.string().trim().max(200).nullable().optional(),
});

const tags = ['classes'];

export function timetableEditRoutes(app: ZApp, m: CourseModule): void {
  app.patch('/timetables/:timetableId', {
    config: { permission: 'course.manage' },
    schema: {
      tags,
      summary: 'Change a weekly timetable: its classes not yet started move (bookings kept, members told), those outside a shorter range are cancelled; a room or teacher overlap refuses it all (409)',
      params: timetableIdParam,
      body: timetableUpdateBody,
      response: { 200: timetableSchema, ...errorResponses },
    },
    handler: async (req) => m.timetables.updateTimetable(req.ctx(), req.params.timetableId, req.body),
  });
  app.post('/timetables/:timetableId/moves', {
    config: { permission: 'course.manage' },
    schema: { tags, summary: 'Move one day’s class to another time (bookings kept, members told); the day becomes an exception', params: timetableIdParam, body: timetableMoveBody, response: { 200: timetableSchema, ...errorResponses } },
    handler: async (req) => m.timetables.moveDay(req.ctx(), req.params.timetableId, req.body),
  });
}
