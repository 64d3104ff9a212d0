import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { dateSchema, fenSchema, idSchema, text, timestampSchema } from '../../shared/validation';

/** Request and response shapes of classes and booking (zod; the OpenAPI document comes from these). */

export const courseIdParam = z.object({ courseId: idSchema(ID_PREFIXES.course) });
export const roomIdParam = z.object({ roomId: idSchema(ID_PREFIXES.courseRoom) });
export const teacherIdParam = z.object({ teacherId: idSchema(ID_PREFIXES.courseTeacher) });
export const timetableIdParam = z.object({ timetableId: idSchema(ID_PREFIXES.timetable) });
export const sessionIdParam = z.object({ sessionId: idSchema(ID_PREFIXES.classSession) });
export const bookingIdParam = z.object({ bookingId: idSchema(ID_PREFIXES.booking) });
export const checkInIdParam = z.object({ checkInId: idSchema(ID_PREFIXES.checkIn) });

const minutes = (max: number) => z.number().int().min(0).max(max);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').describe('Local time HH:MM (tenant time zone)');
const category = z.string().trim().min(1).max(40).describe('Category code, e.g. yoga or early-music: cards covering `course_category` with this id pay for it');
const personId = z.string().regex(/^(mbr|dep)_[0-9A-HJKMNP-TV-Z]{26}$/, 'a member (mbr_…) or child (dep_…) id');

// ---- settings ----
export const settingsSchema = z.object({
  bookingOpensDays: z.number().describe('Booking opens this many days before the class (earlier by the tier’s bookingPriorityHours)'),
  bookingClosesMinutes: z.number().describe('Booking closes this many minutes before the class'),
  lateCancelMinutes: z.number().describe('Cancelling later than this many minutes before the class forfeits the session'),
  waitlistCutoffMinutes: z.number().describe('Waitlisted members are promoted until this many minutes before the class'),
  checkInOpensMinutes: z.number().describe('Check-in opens this many minutes before the class (and closes at its end)'),
  checkInUndoMinutes: z.number().describe('A check-in can be undone within this many minutes'),
  noShowGraceMinutes: z.number().describe('Bookings not checked in this long after the class ends become no-shows (job)'),
  generateWeeks: z.number().describe('Weekly timetables create sessions this many weeks ahead'),
  isWalkInAllowed: z.boolean().describe('Check in members without a booking while places remain'),
  makeupValidDays: z.number().describe('A make-up credit from a leave can be used for classes within this many days'),
  banAfterCount: z.number().describe('Booking is refused while the member has this many late cancellations or no-shows in the last 30 days (0: never)'),
});
export const settingsBody = z.strictObject({
  bookingOpensDays: z.number().int().min(0).max(90),
  bookingClosesMinutes: minutes(24 * 60),
  lateCancelMinutes: minutes(7 * 24 * 60),
  waitlistCutoffMinutes: minutes(7 * 24 * 60),
  checkInOpensMinutes: minutes(24 * 60),
  checkInUndoMinutes: minutes(24 * 60),
  noShowGraceMinutes: minutes(24 * 60),
  generateWeeks: z.number().int().min(1).max(26),
  isWalkInAllowed: z.boolean(),
  makeupValidDays: z.number().int().min(1).max(365),
  banAfterCount: z.number().int().min(0).max(100),
});
export type CourseSettings = z.infer<typeof settingsSchema>;

// ---- teachers, rooms, courses ----
export const teacherSchema = z.object({ id: z.string(), staffId: z.string().nullable(), name: z.string(), skills: z.array(z.string()), isActive: z.boolean() });
export const teacherCreateBody = z.strictObject({
  name: text(60),
  staffId: idSchema(ID_PREFIXES.staff).nullable().optional().describe('The staff account of the teacher (their own classes and rosters)'),
  skills: z.array(text(40)).max(30).default([]).describe('What they teach, e.g. course categories'),
});
export const teacherUpdateBody = z.strictObject({ name: text(60).optional(), skills: z.array(text(40)).max(30).optional(), isActive: z.boolean().optional() });

export const roomSchema = z.object({ id: z.string(), storeId: z.string(), name: z.string(), capacity: z.number().nullable(), isActive: z.boolean() });
export const roomCreateBody = z.strictObject({ storeId: idSchema(ID_PREFIXES.store), name: text(60), capacity: z.number().int().min(1).max(1000).nullable().optional() });
export const roomUpdateBody = z.strictObject({ name: text(60).optional(), capacity: z.number().int().min(1).max(1000).nullable().optional(), isActive: z.boolean().optional() });
export const roomListQuery = z.strictObject({ storeId: idSchema(ID_PREFIXES.store).optional() });

export const courseSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  description: z.string().nullable(),
  minAgeMonths: z.number().nullable(),
  maxAgeMonths: z.number().nullable(),
  durationMinutes: z.number(),
  capacity: z.number(),
  price: z.number().describe('Single-class price, fen'),
  defaultTeacherId: z.string().nullable(),
  isActive: z.boolean(),
});
const courseFields = {
  name: text(80),
  category,
  description: z.string().trim().max(2000).nullable().optional(),
  minAgeMonths: z.number().int().min(0).max(1200).nullable().optional().describe('Children’s classes: youngest age in months'),
  maxAgeMonths: z.number().int().min(0).max(1200).nullable().optional().describe('Children’s classes: oldest age in months'),
  durationMinutes: z.number().int().min(5).max(24 * 60),
  capacity: z.number().int().min(1).max(1000),
  price: fenSchema.refine((v) => v >= 0),
  defaultTeacherId: idSchema(ID_PREFIXES.courseTeacher).nullable().optional(),
};
export const courseCreateBody = z.strictObject(courseFields);
export const courseUpdateBody = z.strictObject({
  name: courseFields.name.optional(),
  category: category.optional(),
  description: courseFields.description,
  minAgeMonths: courseFields.minAgeMonths,
  maxAgeMonths: courseFields.maxAgeMonths,
  durationMinutes: courseFields.durationMinutes.optional(),
  capacity: courseFields.capacity.optional(),
  price: courseFields.price.optional(),
  defaultTeacherId: courseFields.defaultTeacherId,
  isActive: z.boolean().optional(),
});
export const courseListQuery = z.strictObject({ category: z.string().max(40).optional(), active: z.enum(['true', 'false']).optional() });

// ---- timetables and sessions ----
export const timetableSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  storeId: z.string(),
  roomId: z.string().nullable(),
  teacherId: z.string(),
  weekday: z.number().describe('1 = Monday … 7 = Sunday'),
  startTime: z.string(),
  capacity: z.number(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  generatedUntil: z.string(),
  isActive: z.boolean(),
  exceptions: z.array(z.object({ onDate: z.string(), reason: z.string().nullable() })),
  sessionsCreated: z.number().optional().describe('Sessions created by this request'),
});
export const timetableCreateBody = z.strictObject({
  courseId: idSchema(ID_PREFIXES.course),
  storeId: idSchema(ID_PREFIXES.store),
  roomId: idSchema(ID_PREFIXES.courseRoom).nullable().optional(),
  teacherId: idSchema(ID_PREFIXES.courseTeacher).optional().describe('Default: the course’s default teacher'),
  weekday: z.number().int().min(1).max(7),
  startTime: hhmm,
  capacity: z.number().int().min(1).max(1000).optional().describe('Default: the course’s capacity'),
  startsOn: dateSchema,
  endsOn: dateSchema.nullable().optional(),
  exceptDates: z.array(dateSchema).max(100).default([]).describe('Dates without class (holidays)'),
});
export const timetableListQuery = z.strictObject({ storeId: idSchema(ID_PREFIXES.store).optional(), courseId: idSchema(ID_PREFIXES.course).optional() });
export const exceptionBody = z.strictObject({ onDate: dateSchema, reason: z.string().trim().max(200).nullable().optional() });

export const sessionSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  courseName: z.string(),
  category: z.string(),
  storeId: z.string(),
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  teacherId: z.string().describe('The scheduled teacher'),
  substituteTeacherId: z.string().nullable(),
  teacherName: z.string().describe('Who teaches: the substitute when there is one'),
  timetableId: z.string().nullable(),
  businessDate: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number(),
  booked: z.number(),
  waitlisted: z.number(),
  available: z.number(),
  status: z.enum(['scheduled', 'cancelled']),
  cancelReason: z.string().nullable(),
});
export const sessionCreateBody = z.strictObject({
  courseId: idSchema(ID_PREFIXES.course),
  storeId: idSchema(ID_PREFIXES.store),
  roomId: idSchema(ID_PREFIXES.courseRoom).nullable().optional(),
  teacherId: idSchema(ID_PREFIXES.courseTeacher).optional(),
  startsAt: timestampSchema,
  capacity: z.number().int().min(1).max(1000).optional(),
});
export const sessionUpdateBody = z.strictObject({
  substituteTeacherId: idSchema(ID_PREFIXES.courseTeacher).nullable().optional().describe('A substitute teacher for this class; null removes it'),
  roomId: idSchema(ID_PREFIXES.courseRoom).nullable().optional(),
  capacity: z.number().int().min(1).max(1000).optional(),
});
export const sessionCancelBody = z.strictObject({ reason: text(200) });
export const sessionListQuery = z.strictObject({
  from: dateSchema.describe('First business day'),
  to: dateSchema.describe('Last business day (at most 62 days after from)'),
  storeId: idSchema(ID_PREFIXES.store).optional(),
  courseId: idSchema(ID_PREFIXES.course).optional(),
  teacherId: idSchema(ID_PREFIXES.courseTeacher).optional(),
  roomId: idSchema(ID_PREFIXES.courseRoom).optional(),
  includeCancelled: z.enum(['true', 'false']).optional(),
});

// ---- bookings and check-ins ----
export const bookingStatus = z.enum(['confirmed', 'waitlisted', 'attended', 'cancelled', 'late_cancelled', 'no_show', 'expired', 'on_leave']);
export const bookingSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  memberId: z.string().describe('The member who booked (the guardian for a child)'),
  attendeeId: z.string(),
  attendeeName: z.string().nullable(),
  status: bookingStatus,
  source: z.enum(['staff', 'member', 'walk_in']),
  waitlistPosition: z.number().nullable().describe('Place in the waitlist (1 = next), while waitlisted'),
  cardId: z.string().nullable(),
  holdId: z.string().nullable(),
  isWaived: z.boolean(),
  makeupCreditId: z.string().nullable().describe('The make-up credit this booking used'),
  acceptsLatePromotion: z.boolean().describe('Waitlisted: may be promoted inside the late-cancel window'),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  startsAt: z.string(),
  courseName: z.string(),
});
export const bookingCreateBody = z.strictObject({
  sessionId: idSchema(ID_PREFIXES.classSession),
  attendeeId: personId.describe('Who attends: a member, or a child (dep_…) of the member'),
  memberId: idSchema(ID_PREFIXES.member).optional().describe('For a child: the guardian booking (default: the first guardian)'),
  cardId: idSchema(ID_PREFIXES.memberCard).optional().describe('Hold on this card; otherwise the soonest-expiring eligible card'),
  joinWaitlist: z.boolean().default(false).describe('When the class is full, join its waitlist instead of being refused'),
  acceptLatePromotion: z.boolean().default(false).describe('Waitlist: the member agrees to be promoted inside the late-cancel window (until the cut-off); without it they are promoted only before it'),
  makeupCreditId: idSchema(ID_PREFIXES.makeupCredit).optional().describe('A make-up (补课) of a leave: another class of the same course before the credit expires; the booking window does not apply'),
});
export const leaveBody = z.strictObject({ reason: z.string().trim().max(200).nullable().optional() });
export const makeupCreditSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  attendeeId: z.string(),
  courseId: z.string(),
  courseName: z.string(),
  sourceBookingId: z.string(),
  status: z.enum(['open', 'used', 'expired']),
  expiresOn: z.string(),
  usedBookingId: z.string().nullable(),
  createdAt: z.string(),
});
export const makeupListQuery = z.strictObject({ memberId: idSchema(ID_PREFIXES.member).optional(), attendeeId: personId.optional(), status: z.enum(['open', 'used', 'expired']).optional() });
export const bookingCancelBody = z.strictObject({
  reason: z.string().trim().max(200).nullable().optional(),
  waive: z.boolean().default(false).describe('Late cancellation without forfeiting the session (course.waive; needs a reason)'),
});
export const bookingListQuery = z.strictObject({ memberId: idSchema(ID_PREFIXES.member).optional(), attendeeId: personId.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

export const checkInSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  bookingId: z.string(),
  memberId: z.string(),
  attendeeId: z.string(),
  attendeeName: z.string().nullable(),
  method: z.string(),
  cardId: z.string().nullable(),
  usageId: z.string().nullable(),
  isWalkIn: z.boolean(),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
  undoReason: z.string().nullable(),
  sessionsRemaining: z.number().nullable().describe('On the card after the check-in (null: unlimited)'),
});
export const checkInBody = z
  .strictObject({
    code: z.string().trim().min(1).max(64).optional().describe('Scanned member QR / member number, card number or mobile (tail)'),
    bookingId: idSchema(ID_PREFIXES.booking).optional(),
    attendeeId: personId.optional().describe('Check in this member or child (a walk-in when not booked)'),
    memberId: idSchema(ID_PREFIXES.member).optional().describe('Walk-in of a child: the guardian'),
    cardId: idSchema(ID_PREFIXES.memberCard).optional().describe('Walk-in: consume this card'),
  })
  .refine((b) => !!(b.code || b.bookingId || b.attendeeId), { message: 'give code, bookingId or attendeeId', path: ['code'] });
export const undoBody = z.strictObject({ reason: text(200) });

export const rosterSchema = sessionSchema.extend({
  teacher: z.object({ id: z.string(), name: z.string() }),
  bookings: z.array(bookingSchema.extend({ allergies: z.string().nullable(), specialNeeds: z.string().nullable(), checkInId: z.string().nullable() })),
  waitlist: z.array(bookingSchema),
});

export type SessionView = z.infer<typeof sessionSchema>;
export type BookingView = z.infer<typeof bookingSchema>;
export type CheckInView = z.infer<typeof checkInSchema>;
export type TimetableView = z.infer<typeof timetableSchema>;
