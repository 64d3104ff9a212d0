import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import type { CourseModule } from './course.module';
import { cancelPolicyRoutes } from './cancel-policy.routes';
import { kioskRoutes } from './kiosk.routes';
import { timetableEditRoutes } from './timetable-edit.routes';
import {
  bookingCancelBody,
  bookingCreateBody,
  bookingIdParam,
  bookingListQuery,
  bookingSchema,
  checkInBody,
  checkInIdParam,
  checkInSchema,
  courseCreateBody,
  courseIdParam,
  courseListQuery,
  courseSchema,
  courseUpdateBody,
  exceptionBody,
  leaveBody,
  makeupCreditSchema,
  makeupListQuery,
  roomCreateBody,
  roomIdParam,
  roomListQuery,
  roomSchema,
  roomUpdateBody,
  rosterSchema,
  sessionCancelBody,
  sessionCreateBody,
  sessionIdParam,
  sessionListQuery,
  sessionSchema,
  sessionUpdateBody,
  settingsBody,
  settingsSchema,
  teacherCreateBody,
  teacherIdParam,
  teacherSchema,
  teacherUpdateBody,
  timetableCreateBody,
  timetableIdParam,
  timetableListQuery,
  timetableSchema,
  undoBody,
} from './course.schemas';
import { teacherRoutes } from './teacher.routes';

const tags = ['classes'];
const btags = ['booking & check-in'];
const IDEM = 'Requires an Idempotency-Key header: a retry with the same key and body returns the first result; another body with that key is 409.';

export function courseRoutes(app: ZApp, m: CourseModule): void {
  const { catalog, bookings } = m;
  const replayed = <T>(reply: { header(k: string, v: string): unknown }, r: { value: T; replayed: boolean }) => {
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return r.value;
  };

  // ---- settings ----
  app.get('/course-settings', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'Booking window, cancellation, waitlist and check-in rules', response: { 200: settingsSchema, ...errorResponses } },
    handler: async (req) => catalog.getSettings(req.ctx()),
  });
  app.put('/course-settings', {
    config: { permission: 'course.settings' },
    schema: { tags, summary: 'Set the booking, cancellation, waitlist and check-in rules', body: settingsBody, response: { 200: settingsSchema, ...errorResponses } },
    handler: async (req) => catalog.putSettings(req.ctx(), req.body),
  });

  // ---- teachers ----
  app.get('/teachers', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'Teachers and coaches with their skills', response: { 200: z.object({ items: z.array(teacherSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await catalog.listTeachers(req.ctx()) }),
  });
  app.post('/teachers', {
    config: { permission: 'course.manage' },
    schema: { tags, summary: 'Add a teacher (optionally a staff account)', body: teacherCreateBody, response: { 201: teacherSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await catalog.createTeacher(req.ctx(), req.body)),
  });
  app.patch('/teachers/:teacherId', {
    config: { permission: 'course.manage' },
    schema: { tags, summary: 'Change a teacher', params: teacherIdParam, body: teacherUpdateBody, response: { 200: teacherSchema, ...errorResponses } },
    handler: async (req) => catalog.updateTeacher(req.ctx(), req.params.teacherId, req.body),
  });

  // ---- rooms ----
  app.get('/rooms', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'Rooms of the caller’s stores', querystring: roomListQuery, response: { 200: z.object({ items: z.array(roomSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await catalog.listRooms(req.ctx(), req.query) }),
  });
  app.post('/rooms', {
    config: { permission: 'course.manage' },
    schema: { tags, summary: 'Add a room to a store', body: roomCreateBody, response: { 201: roomSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await catalog.createRoom(req.ctx(), req.body)),
  });
  app.patch('/rooms/:roomId', {
    config: { permission: 'course.manage' },
    schema: { tags, summary: 'Change a room', params: roomIdParam, body: roomUpdateBody, response: { 200: roomSchema, ...errorResponses } },
    handler: async (req) => catalog.updateRoom(req.ctx(), req.params.roomId, req.body),
  });

  // ---- courses ----
  app.get('/courses', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'Courses (category, age range, duration, capacity, price, default teacher)', querystring: courseListQuery, response: { 200: z.object({ items: z.array(courseSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await catalog.listCourses(req.ctx(), req.query) }),
  });
  app.post('/courses', {
    config: { permission: 'course.manage' },
    schema: { tags, summary: 'Create a course', body: courseCreateBody, response: { 201: courseSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await catalog.createCourse(req.ctx(), req.body)),
  });
  app.get('/courses/:courseId', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'A course', params: courseIdParam, response: { 200: courseSchema, ...errorResponses } },
    handler: async (req) => catalog.getCourse(req.ctx(), req.params.courseId),
  });
  app.patch('/courses/:courseId', {
    config: { permission: 'course.manage' },
    schema: { tags, summary: 'Change a course (later classes keep their own capacity)', params: courseIdParam, body: courseUpdateBody, response: { 200: courseSchema, ...errorResponses } },
    handler: async (req) => catalog.updateCourse(req.ctx(), req.params.courseId, req.body),
  });

  // ---- timetables ----
  app.get('/timetables', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'Weekly timetables', querystring: timetableListQuery, response: { 200: z.object({ items: z.array(timetableSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await catalog.listTimetables(req.ctx(), req.query) }),
  });
  app.post('/timetables', {
    config: { permission: 'course.manage' },
    schema: { tags, summary: 'A weekly class: its sessions are created ahead; a room or teacher overlap refuses it all (409)', body: timetableCreateBody, response: { 201: timetableSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await catalog.createTimetable(req.ctx(), req.body)),
  });
  app.get('/timetables/:timetableId', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'A weekly timetable with its exceptions', params: timetableIdParam, response: { 200: timetableSchema, ...errorResponses } },
    handler: async (req) => catalog.getTimetable(req.ctx(), req.params.timetableId),
  });
  app.post('/timetables/:timetableId/exceptions', {
    config: { permission: 'course.manage' },
    schema: { tags, summary: 'No class on a day: that day’s class, if created, is cancelled and its bookings released', params: timetableIdParam, body: exceptionBody, response: { 201: timetableSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await catalog.addException(req.ctx(), req.params.timetableId, req.body)),
  });

  // ---- sessions ----
  app.get('/class-sessions', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'Classes between two business days (a week calendar), by store, course, teacher (including substitutions) or room', querystring: sessionListQuery, response: { 200: z.object({ items: z.array(sessionSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await catalog.listSessions(req.ctx(), req.query) }),
  });
  app.post('/class-sessions', {
    config: { permission: 'course.manage' },
    schema: { tags, summary: 'A one-off class (room and teacher overlaps refused)', body: sessionCreateBody, response: { 201: sessionSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await catalog.createSession(req.ctx(), req.body)),
  });
  app.get('/class-sessions/:sessionId', {
    config: { permission: 'course.read' },
    schema: { tags, summary: 'A class with its roster (children’s allergies and special needs, check-ins) and waitlist', params: sessionIdParam, response: { 200: rosterSchema, ...errorResponses } },
    handler: async (req) => bookings.getSession(req.ctx(), req.params.sessionId),
  });
  app.patch('/class-sessions/:sessionId', {
    config: { permission: 'course.manage' },
    schema: { tags, summary: 'A substitute teacher, another room or capacity for one class', params: sessionIdParam, body: sessionUpdateBody, response: { 200: sessionSchema, ...errorResponses } },
    handler: async (req) => bookings.updateSession(req.ctx(), req.params.sessionId, req.body),
  });
  app.post('/class-sessions/:sessionId/cancel', {
    config: { permission: 'course.manage' },
    schema: { tags, summary: 'Cancel a class: bookings released (card holds given back), the waitlist cleared, members notified (outbox class.cancelled)', params: sessionIdParam, body: sessionCancelBody, response: { 200: sessionSchema, ...errorResponses } },
    handler: async (req) => bookings.cancelSession(req.ctx(), req.params.sessionId, req.body),
  });

  // ---- bookings ----
  app.get('/bookings', {
    config: { permission: 'course.read' },
    schema: { tags: btags, summary: 'Bookings of a member (as booker) or attendee, newest first', querystring: bookingListQuery, response: { 200: z.object({ items: z.array(bookingSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await bookings.listBookings(req.ctx(), req.query) }),
  });
  app.post('/bookings', {
    config: { permission: 'course.book', idempotent: true },
    schema: {
      tags: btags,
      summary: 'Book a member or child into a class; a card session is held. Full: 409 COURSE_SESSION_FULL, or waitlisted with joinWaitlist; already booked: 409 COURSE_ALREADY_BOOKED',
      description: IDEM,
      body: bookingCreateBody,
      response: { 201: bookingSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(replayed(reply, await bookings.book(req.ctx(), req.body))),
  });
  app.get('/bookings/:bookingId', {
    config: { permission: 'course.read' },
    schema: { tags: btags, summary: 'A booking', params: bookingIdParam, response: { 200: bookingSchema, ...errorResponses } },
    handler: async (req) => bookings.getBooking(req.ctx(), req.params.bookingId),
  });
  app.post('/bookings/:bookingId/cancel', {
    config: { permission: 'course.book', idempotent: true },
    schema: { tags: btags, summary: 'Cancel: in time the card session is released, late it is forfeited (unless waived with course.waive and a reason); the waitlist moves up', description: IDEM, params: bookingIdParam, body: bookingCancelBody, response: { 200: bookingSchema, ...errorResponses } },
    handler: async (req, reply) => replayed(reply, await bookings.cancel(req.ctx(), req.params.bookingId, req.body)),
  });
  app.post('/bookings/:bookingId/leave', {
    config: { permission: 'course.book', idempotent: true },
    schema: {
      tags: btags,
      summary: 'Leave (请假) before the late-cancel window: the card session is released and a make-up credit (补课) for another class of the course is granted',
      description: IDEM,
      params: bookingIdParam,
      body: leaveBody,
      response: { 200: z.object({ booking: bookingSchema, makeupCredit: makeupCreditSchema }), ...errorResponses },
    },
    handler: async (req, reply) => replayed(reply, await bookings.leave(req.ctx(), req.params.bookingId, req.body)),
  });
  app.get('/makeup-credits', {
    config: { permission: 'course.read' },
    schema: { tags: btags, summary: 'Make-up credits of a member or attendee (book with makeupCreditId)', querystring: makeupListQuery, response: { 200: z.object({ items: z.array(makeupCreditSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await bookings.listMakeupCredits(req.ctx(), req.query) }),
  });
  app.post('/bookings/:bookingId/no-show', {
    config: { permission: 'course.checkin', idempotent: true },
    schema: { tags: btags, summary: 'Mark a no-show once the class started: the held session is consumed', description: IDEM, params: bookingIdParam, body: z.strictObject({}), response: { 200: bookingSchema, ...errorResponses } },
    handler: async (req, reply) => replayed(reply, await bookings.noShow(req.ctx(), req.params.bookingId)),
  });

  // ---- check-in ----
  app.post('/class-sessions/:sessionId/check-ins', {
    config: { permission: 'course.checkin', idempotent: true },
    schema: {
      tags: btags,
      summary: 'Check in by a scanned code (member QR / number, card number, mobile or its last 4), a booking or an attendee; the card session is consumed. A repeated scan returns the same check-in; without a booking a walk-in takes a free place when allowed',
      description: IDEM,
      params: sessionIdParam,
      body: checkInBody,
      response: { 200: checkInSchema, ...errorResponses },
    },
    handler: async (req, reply) => replayed(reply, await bookings.checkIn(req.ctx(), req.params.sessionId, req.body)),
  });
  app.post('/class-check-ins/:checkInId/undo', {
    config: { permission: 'course.checkin', idempotent: true },
    schema: { tags: btags, summary: 'Undo a check-in within the window: the session is re-credited and the booking held again', description: IDEM, params: checkInIdParam, body: undoBody, response: { 200: checkInSchema, ...errorResponses } },
    handler: async (req, reply) => replayed(reply, await bookings.undoCheckIn(req.ctx(), req.params.checkInId, req.body)),
  });

  teacherRoutes(app, m);
  cancelPolicyRoutes(app, m);
  kioskRoutes(app, m);
  timetableEditRoutes(app, m);
}
