import { z } from 'zod';
import { ID_PREFIXES } from '../../shared/ids';
import { dateSchema, idSchema, text } from '../../shared/validation';
import { bookingStatus, sessionSchema } from './course.schemas';

/** Request and response shapes of the teacher view: my classes, attendance marking, class feedback. */

const personId = z.string().regex(/^(mbr|dep)_[0-9A-HJKMNP-TV-Z]{26}$/, 'a member (mbr_…) or child (dep_…) id');

export const feedbackSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  bookingId: z.string().nullable().describe('null: the note on the whole class (every family of the class sees it)'),
  memberId: z.string().nullable().describe('The parent (booking member) of a per-attendee note'),
  attendeeId: z.string().nullable(),
  attendeeName: z.string().nullable(),
  teacherId: z.string(),
  authorName: z.string(),
  text: z.string(),
  rating: z.number().nullable().describe('1–5'),
  skills: z.array(z.string()).describe('Skills practised or learned'),
  editCount: z.number().describe('Times edited after it was written (every version is audited)'),
  createdAt: z.string(),
  updatedAt: z.string(),
  editableUntil: z.string().describe('The author can change it until then'),
  courseName: z.string(),
  startsAt: z.string(),
});
export type FeedbackView = z.infer<typeof feedbackSchema>;

export const rosterEntrySchema = z.object({
  bookingId: z.string(),
  attendeeId: z.string(),
  attendeeKind: z.enum(['member', 'dependent']),
  attendeeName: z.string().nullable(),
  memberId: z.string().describe('The booking member (the parent of a child)'),
  memberName: z.string().nullable(),
  birthday: z.string().nullable(),
  allergies: z.string().nullable(),
  specialNeeds: z.string().nullable(),
  notes: z.string().nullable().describe('The family’s notes on the child'),
  status: bookingStatus,
  checkInId: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  feedback: feedbackSchema.nullable(),
});

export const teacherClassSchema = sessionSchema.extend({
  isSubstitute: z.boolean().describe('Taught as a substitute'),
  attendanceOpensAt: z.string(),
  attendanceClosesAt: z.string(),
  feedbackClosesAt: z.string(),
  roster: z.array(rosterEntrySchema),
  classFeedback: feedbackSchema.nullable(),
});
export type TeacherClassView = z.infer<typeof teacherClassSchema>;

export const teacherClassesSchema = z.object({
  teacher: z.object({ id: z.string(), name: z.string() }).nullable().describe('null: the caller is not registered as a teacher (and named none)'),
  items: z.array(teacherClassSchema),
});

export const teacherClassesQuery = z.strictObject({
  from: dateSchema.describe('First business day'),
  to: dateSchema.optional().describe('Last business day (default: from; at most 31 days after from)'),
  teacherId: idSchema(ID_PREFIXES.courseTeacher).optional().describe('Another teacher’s classes (course.manage)'),
});

export const attendanceBody = z.strictObject({
  marks: z
    .array(z.strictObject({ bookingId: idSchema(ID_PREFIXES.booking), mark: z.enum(['present', 'absent']) }))
    .min(1)
    .max(100)
    .describe('present: checked in (the card session consumed once); absent: a no-show (after the start). Marking a booking as it already is changes nothing'),
});

export const feedbackBody = z.strictObject({
  bookingId: idSchema(ID_PREFIXES.booking).nullable().optional().describe('One attendee’s booking; omitted or null: the note on the whole class'),
  text: text(2000),
  rating: z.number().int().min(1).max(5).nullable().optional(),
  skills: z.array(text(40)).max(20).optional(),
});

export const feedbackListQuery = z.strictObject({
  memberId: idSchema(ID_PREFIXES.member).optional().describe('Feedback a parent received (their children’s and the class notes of their classes)'),
  attendeeId: personId.optional(),
  sessionId: idSchema(ID_PREFIXES.classSession).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
