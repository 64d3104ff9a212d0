import { z } from 'zod';
import { type ZApp, errorResponses } from '../../http/zapp';
import type { AppointmentModule } from './appointment.module';
import {
  appointmentCreateBody,
  appointmentIdParam,
  appointmentListQuery,
  appointmentSchema,
  availabilityBody,
  availabilityQuery,
  availabilitySchema,
  cancelBody,
  cardChoiceQuery,
  cardChoiceSchema,
  coachSchema,
  emptyBody,
  exceptionBody,
  exceptionIdParam,
  exceptionSchema,
  settingsBody,
  settingsSchema,
  slotQuery,
  slotSchema,
  teacherIdParam,
} from './appointment.schemas';

const tags = ['1:1 appointments'];
const IDEM = 'Requires an Idempotency-Key header: a retry with the same key and body returns the first result; another body with that key is 409.';

export function appointmentRoutes(app: ZApp, m: AppointmentModule): void {
  const { availability, appointments } = m;
  const replayed = <T>(reply: { header(k: string, v: string): unknown }, r: { value: T; replayed: boolean }) => {
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return r.value;
  };

  app.get('/appointment-settings', {
    config: { permission: 'appointment.view' },
    schema: { tags, summary: 'Booking window (minimum notice, days ahead) and late cancellation of 1:1 appointments', response: { 200: settingsSchema, ...errorResponses } },
    handler: async (req) => availability.getSettings(req.ctx()),
  });
  app.put('/appointment-settings', {
    config: { permission: 'appointment.manage' },
    schema: { tags, summary: 'Set the booking window and late cancellation of 1:1 appointments', body: settingsBody, response: { 200: settingsSchema, ...errorResponses } },
    handler: async (req) => availability.putSettings(req.ctx(), req.body),
  });

  app.get('/coaches', {
    config: { permission: 'appointment.view' },
    schema: { tags, summary: 'Coaches taking appointments (active teachers) with their level; a coach without appointment.manage sees only themself', response: { 200: z.object({ items: z.array(coachSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await availability.listCoaches(req.ctx()) }),
  });
  app.get('/coach-availability/:teacherId', {
    config: { permission: 'appointment.view' },
    schema: { tags, summary: 'A coach’s weekly windows and upcoming exceptions at a store', params: teacherIdParam, querystring: availabilityQuery, response: { 200: availabilitySchema, ...errorResponses } },
    handler: async (req) => availability.getAvailability(req.ctx(), req.params.teacherId, req.query.storeId),
  });
  app.put('/coach-availability/:teacherId', {
    config: { permission: 'appointment.manage' },
    schema: { tags, summary: 'Replace a coach’s weekly windows at a store (and set their level); overlapping windows are refused', params: teacherIdParam, body: availabilityBody, response: { 200: availabilitySchema, ...errorResponses } },
    handler: async (req) => availability.putAvailability(req.ctx(), req.params.teacherId, req.body),
  });
  app.post('/coach-availability/:teacherId/exceptions', {
    config: { permission: 'appointment.manage' },
    schema: { tags, summary: 'A day off (all day or some hours) or extra hours on a date', params: teacherIdParam, body: exceptionBody, response: { 201: exceptionSchema, ...errorResponses } },
    handler: async (req, reply) => reply.status(201).send(await availability.addException(req.ctx(), req.params.teacherId, req.body)),
  });
  app.delete('/coach-availability-exceptions/:exceptionId', {
    config: { permission: 'appointment.manage' },
    schema: { tags, summary: 'Remove an availability exception', params: exceptionIdParam, response: { 200: z.object({ deleted: z.boolean() }), ...errorResponses } },
    handler: async (req) => availability.deleteException(req.ctx(), req.params.exceptionId),
  });
  app.get('/coach-slots', {
    config: { permission: 'appointment.view' },
    schema: { tags, summary: 'A coach’s free slots at a store between two business days (minus appointments, group classes, time off and outside the booking window)', querystring: slotQuery, response: { 200: z.object({ items: z.array(slotSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await availability.listSlots(req.ctx(), req.query) }),
  });

  app.get('/appointments', {
    config: { permission: 'appointment.view' },
    schema: { tags, summary: '1:1 appointments by coach, store, member and business days (a coach without appointment.manage: their own)', querystring: appointmentListQuery, response: { 200: z.object({ items: z.array(appointmentSchema) }), ...errorResponses } },
    handler: async (req) => ({ items: await appointments.list(req.ctx(), req.query) }),
  });
  app.get('/appointment-cards', {
    config: { permission: 'appointment.manage' },
    schema: { tags, summary: 'Private-lesson packages that could pay for a slot, soonest-expiring first, and why others cannot', querystring: cardChoiceQuery, response: { 200: cardChoiceSchema, ...errorResponses } },
    handler: async (req) => appointments.cardChoices(req.ctx(), req.query),
  });
  app.post('/appointments', {
    config: { permission: 'appointment.manage', idempotent: true },
    schema: {
      tags,
      summary: 'Book a member or child with a coach at a free slot; a session is held on a private-lesson package. Taken: 409 APPOINTMENT_SLOT_TAKEN',
      description: IDEM,
      body: appointmentCreateBody,
      response: { 201: appointmentSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(replayed(reply, await appointments.book(req.ctx(), req.body))),
  });
  app.get('/appointments/:appointmentId', {
    config: { permission: 'appointment.view' },
    schema: { tags, summary: 'An appointment', params: appointmentIdParam, response: { 200: appointmentSchema, ...errorResponses } },
    handler: async (req) => appointments.get(req.ctx(), req.params.appointmentId),
  });
  app.post('/appointments/:appointmentId/cancel', {
    config: { permission: 'appointment.manage', idempotent: true },
    schema: { tags, summary: 'Cancel: in time the held session is released; late it is forfeited when the settings say so', description: IDEM, params: appointmentIdParam, body: cancelBody, response: { 200: appointmentSchema, ...errorResponses } },
    handler: async (req, reply) => replayed(reply, await appointments.cancel(req.ctx(), req.params.appointmentId, req.body)),
  });
  app.post('/appointments/:appointmentId/complete', {
    config: { permission: 'appointment.view', idempotent: true },
    schema: { tags, summary: 'Complete (check in): the held session is consumed once. The coach themself or appointment.manage', description: IDEM, params: appointmentIdParam, body: emptyBody, response: { 200: appointmentSchema, ...errorResponses } },
    handler: async (req, reply) => replayed(reply, await appointments.complete(req.ctx(), req.params.appointmentId)),
  });
  app.post('/appointments/:appointmentId/no-show', {
    config: { permission: 'appointment.view', idempotent: true },
    schema: { tags, summary: 'Mark a no-show once it started: the held session is consumed. The coach themself or appointment.manage', description: IDEM, params: appointmentIdParam, body: emptyBody, response: { 200: appointmentSchema, ...errorResponses } },
    handler: async (req, reply) => replayed(reply, await appointments.noShow(req.ctx(), req.params.appointmentId)),
  });
}
