import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import type { CourseModule } from './course.module';
import { sessionIdParam } from './course.schemas';
import { attendanceBody, feedbackBody, feedbackListQuery, feedbackSchema, teacherClassSchema, teacherClassesQuery, teacherClassesSchema } from './teacher.schemas';

const tags = ['teacher view'];

/** The teacher view (我的课表): own classes and rosters, attendance marking, class feedback to parents. */
export function teacherRoutes(app: ZApp, m: CourseModule): void {
  const { teacher, feedback } = m;

  app.get('/teacher/classes', {
    config: { permission: 'course.teach' },
    schema: {
      tags,
      summary: 'My classes (as the teacher or the substitute) between two business days, with rosters: children’s allergies, special needs and notes, booking status, check-ins, feedback. Another teacher’s with course.manage',
      querystring: teacherClassesQuery,
      response: { 200: teacherClassesSchema, ...errorResponses },
    },
    handler: async (req) => teacher.classes(req.ctx(), req.query),
  });
  app.get('/teacher/classes/:sessionId', {
    config: { permission: 'course.teach' },
    schema: { tags, summary: 'One of my classes with its roster (403 COURSE_NOT_YOUR_CLASS for another teacher’s)', params: sessionIdParam, response: { 200: teacherClassSchema, ...errorResponses } },
    handler: async (req) => teacher.getClass(req.ctx(), req.params.sessionId),
  });
  app.post('/teacher/classes/:sessionId/attendance', {
    config: { permission: 'course.teach', idempotent: true },
    schema: {
      tags,
      summary: 'Mark attendance in my class: present checks in (the card session consumed once), absent marks a no-show; from check-in opening until 6 hours after the class. The same mark twice changes nothing',
      description: 'Requires an Idempotency-Key header: a retry with the same key replays each booking’s result.',
      params: sessionIdParam,
      body: attendanceBody,
      response: { 200: teacherClassSchema, ...errorResponses },
    },
    handler: async (req) => teacher.mark(req.ctx(), req.params.sessionId, req.body),
  });
  app.put('/teacher/classes/:sessionId/feedback', {
    config: { permission: 'course.teach' },
    schema: {
      tags,
      summary: 'Write or edit (the author only, until 72 hours after the class) the feedback on my class or one attendee; it appears on the parents’ timelines (class.feedback)',
      params: sessionIdParam,
      body: feedbackBody,
      response: { 200: feedbackSchema, ...errorResponses },
    },
    handler: async (req) => feedback.write(req.ctx(), req.params.sessionId, req.body),
  });
  app.get('/class-feedback', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'Class feedback of a class, or received by a member (parent) or about an attendee, newest first', querystring: feedbackListQuery, response: { 200: z.object({ items: z.array(feedbackSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await feedback.list(req.ctx(), req.query) }),
  });
}
