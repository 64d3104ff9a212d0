import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { dateSchema, idSchema, text, timestampSchema } from '../../shared/validation';

/** Request and response shapes of 1:1 appointments (zod; the OpenAPI document comes from these). */

export const teacherIdParam = z.object({ teacherId: idSchema(ID_PREFIXES.courseTeacher) });
export const appointmentIdParam = z.object({ appointmentId: idSchema(ID_PREFIXES.appointment) });
export const exceptionIdParam = z.object({ exceptionId: idSchema(ID_PREFIXES.availabilityException) });

const hhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM').describe('Local time HH:MM (tenant time zone)');
const slotMinutes = z.number().int().min(5).max(480).describe('Length of one appointment slot in minutes');
const personId = z.string().regex(/^(mbr|dep)_[0-9A-HJKMNP-TV-Z]{26}$/, 'a member (mbr_…) or child (dep_…) id');

// ---- settings ----
export const settingsSchema = z.object({
  minNoticeMinutes: z.number().describe('A slot can be booked until this many minutes before it starts'),
  maxDaysAhead: z.number().describe('Slots can be booked this many days ahead (today + N)'),
  lateCancelMinutes: z.number().describe('Cancelling later than this many minutes before the start is a late cancellation'),
  isLateCancelForfeit: z.boolean().describe('A late cancellation forfeits the held session (otherwise it is released like a timely one)'),
});
export const settingsBody = z.strictObject({
  minNoticeMinutes: z.number().int().min(0).max(7 * 24 * 60),
  maxDaysAhead: z.number().int().min(0).max(180),
  lateCancelMinutes: z.number().int().min(0).max(7 * 24 * 60),
  isLateCancelForfeit: z.boolean(),
});
export type AppointmentSettings = z.infer<typeof settingsSchema>;

// ---- availability ----
export const windowSchema = z.object({ id: z.string(), weekday: z.number(), startTime: z.string(), endTime: z.string(), slotMinutes: z.number() });
export const exceptionSchema = z.object({
  id: z.string(),
  teacherId: z.string(),
  storeId: z.string(),
  onDate: z.string(),
  kind: z.enum(['off', 'extra']),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  slotMinutes: z.number().nullable(),
  reason: z.string().nullable(),
});
export const availabilitySchema = z.object({
  teacherId: z.string(),
  teacherName: z.string(),
  storeId: z.string(),
  coachLevel: z.string().nullable().describe('Private-lesson packages for one coach level are refused for coaches of another'),
  windows: z.array(windowSchema),
  exceptions: z.array(exceptionSchema).describe('From today on'),
});
export const availabilityQuery = z.strictObject({ storeId: idSchema(ID_PREFIXES.store).optional().describe('Default: the store the request is made from (X-Store-Id)') });
export const availabilityBody = z.strictObject({
  storeId: idSchema(ID_PREFIXES.store),
  coachLevel: z.string().trim().min(1).max(40).nullable().optional().describe('The coach’s level (kept when left out)'),
  windows: z
    .array(z.strictObject({ weekday: z.number().int().min(1).max(7).describe('1 = Monday … 7 = Sunday'), startTime: hhmm, endTime: hhmm, slotMinutes }))
    .max(50)
    .describe('The weekly windows at this store (replaces the earlier ones)'),
});
export const exceptionBody = z.strictObject({
  storeId: idSchema(ID_PREFIXES.store),
  onDate: dateSchema,
  kind: z.enum(['off', 'extra']).describe('off: no appointments (all day without times); extra: extra hours that day'),
  startTime: hhmm.nullable().optional(),
  endTime: hhmm.nullable().optional(),
  slotMinutes: slotMinutes.nullable().optional().describe('extra hours: slot length (default: the weekly windows’)'),
  reason: text(200).nullable().optional(),
});

export const coachSchema = z.object({ teacherId: z.string(), name: z.string(), staffId: z.string().nullable(), coachLevel: z.string().nullable(), isActive: z.boolean(), isMe: z.boolean() });

export const slotQuery = z.strictObject({
  teacherId: idSchema(ID_PREFIXES.courseTeacher),
  storeId: idSchema(ID_PREFIXES.store),
  from: dateSchema.describe('First business day'),
  to: dateSchema.describe('Last business day (at most 31 days after from)'),
  includeUnavailable: z.enum(['true', 'false']).optional().describe('Also list slots that cannot be booked, with why'),
});
export const slotSchema = z.object({
  businessDate: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['free', 'booked', 'class', 'too_soon', 'too_far']).describe('free: bookable; booked: an appointment; class: a group class or time off; too_soon / too_far: outside the booking window'),
});

// ---- appointments ----
export const appointmentSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  teacherId: z.string(),
  teacherName: z.string(),
  memberId: z.string(),
  attendeeId: z.string(),
  attendeeName: z.string().nullable(),
  businessDate: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['booked', 'completed', 'cancelled', 'late_cancelled', 'no_show']),
  cardId: z.string(),
  cardName: z.string().nullable(),
  holdId: z.string(),
  sessionsRemaining: z.number().nullable().describe('The card’s sessions left (after this appointment’s hold or consumption)'),
  note: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type AppointmentView = z.infer<typeof appointmentSchema>;

export const appointmentListQuery = z.strictObject({
  teacherId: idSchema(ID_PREFIXES.courseTeacher).optional(),
  storeId: idSchema(ID_PREFIXES.store).optional(),
  memberId: idSchema(ID_PREFIXES.member).optional(),
  from: dateSchema.optional().describe('First business day'),
  to: dateSchema.optional().describe('Last business day'),
  status: z.enum(['booked', 'completed', 'cancelled', 'late_cancelled', 'no_show']).optional(),
});
export const appointmentCreateBody = z.strictObject({
  teacherId: idSchema(ID_PREFIXES.courseTeacher),
  storeId: idSchema(ID_PREFIXES.store),
  startsAt: timestampSchema.describe('A free slot’s start (GET /coach-availability/slots)'),
  attendeeId: personId.describe('Who attends: a member, or a child (dep_…) of the member'),
  memberId: idSchema(ID_PREFIXES.member).optional().describe('For a child: the guardian booking (default: the first guardian)'),
  cardId: idSchema(ID_PREFIXES.memberCard).optional().describe('Hold on this private-lesson package; otherwise the soonest-expiring eligible one'),
  serviceId: idSchema(ID_PREFIXES.product).optional().describe('The private-lesson service item, for packages that pay for named services'),
  note: text(200).nullable().optional(),
});
export const cardChoiceQuery = z.strictObject({
  teacherId: idSchema(ID_PREFIXES.courseTeacher),
  storeId: idSchema(ID_PREFIXES.store),
  attendeeId: personId,
  startsAt: timestampSchema,
  serviceId: idSchema(ID_PREFIXES.product).optional(),
});
export const cardChoiceSchema = z.object({
  eligible: z.array(z.object({ cardId: z.string(), cardNo: z.string(), name: z.string(), expiresOn: z.string().nullable(), sessionsAvailable: z.number().nullable() })).describe('Private-lesson packages, soonest-expiring first'),
  ineligible: z.array(z.object({ cardId: z.string(), cardNo: z.string(), name: z.string(), code: z.string(), message: z.string() })),
});
export const cancelBody = z.strictObject({ reason: text(200).nullable().optional() });
export const emptyBody = z.strictObject({});
