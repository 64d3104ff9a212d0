import { inTransaction } from '../../db/database';
import type { Executor } from '../../db/database';
import { toJson } from '../../db/dialect';
import { type Ctx, hasPermission, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import type { BookingHelpers } from './booking.helpers';
import { CourseErrors } from './course.errors';
import type { CourseKit } from './course.kit';
import { type SessionRow, courseRepo } from './course.repo';
import { FEEDBACK_EDIT_HOURS, feedbackWindow, teacherOf, windowProblem } from './teacher.rules';
import { type FeedbackRow, teacherRepo } from './teacher.repo';
import type { FeedbackView } from './teacher.schemas';

export type TeacherAccess = ReturnType<typeof createTeacherAccess>;

/** Who the caller teaches as, and whether a class is theirs (course.manage may act on any class). */
export function createTeacherAccess(kit: CourseKit) {
  async function myTeacher(x: Executor, ctx: Ctx) {
    if (ctx.actor.type !== 'staff' || !ctx.actor.id) return null;
    return (await teacherRepo.teacherOfStaff(x, ctx.tenantId, ctx.actor.id)) ?? null;
  }
  async function requireOwnClass(x: Executor, ctx: Ctx, s: SessionRow) {
    const mine = await myTeacher(x, ctx);
    if (mine && teacherOf(s) === mine.id) return;
    if (hasPermission(ctx, 'course.manage')) return;
    if (!mine) throw CourseErrors.COURSE_NOT_A_TEACHER();
    throw CourseErrors.COURSE_NOT_YOUR_CLASS({ details: { sessionId: s.id } });
  }
  return { myTeacher, requireOwnClass, kit };
}

/**
 * Class feedback to parents: a teacher's note on the whole class or on one attendee, one per
 * class and target. Written from the start of the class; its author edits it in place until
 * the cut-off (edit_count and updated_at; every version is in the audit log). Each write lands
 * on the parents' timelines (class.feedback, then class.feedback_edited).
 */
export function createFeedbackService(kit: CourseKit, h: BookingHelpers, access: TeacherAccess) {
  const { db } = kit;
  const { audit, people } = kit.deps;

  async function present(x: Executor, ctx: Ctx, rows: FeedbackRow[]): Promise<FeedbackView[]> {
    const sessions = new Map((await courseRepo.sessionsByIds(x, ctx.tenantId, [...new Set(rows.map((r) => r.session_id))])).map((s) => [s.id, s]));
    const courses = new Map((await courseRepo.coursesByIds(x, ctx.tenantId, [...new Set([...sessions.values()].map((s) => s.course_id))])).map((c) => [c.id, c]));
    const names = await people.names(x, ctx, [...new Set(rows.map((r) => r.attendee_id).filter((v): v is string => !!v))]);
    return rows.map((r) => {
      const s = sessions.get(r.session_id)!;
      return {
        id: r.id,
        sessionId: r.session_id,
        bookingId: r.booking_id,
        memberId: r.member_id,
        attendeeId: r.attendee_id,
        attendeeName: r.attendee_id ? (names.get(r.attendee_id) ?? null) : null,
        teacherId: r.teacher_id,
        authorName: r.author_name,
        text: r.body,
        rating: r.rating,
        skills: r.skills_json,
        editCount: r.edit_count,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        editableUntil: feedbackWindow(s.starts_at, s.ends_at).closesAt,
        courseName: courses.get(s.course_id)?.name ?? '',
        startsAt: s.starts_at,
      };
    });
  }

  return {
    present,

    /** Write or edit (its author only) the feedback on a class or one attendee. */
    async write(ctx: Ctx, sessionId: string, input: { bookingId?: string | null; text: string; rating?: number | null; skills?: string[] }): Promise<FeedbackView> {
      requirePermission(ctx, 'course.teach');
      return inTransaction(kit.deps.database, async (trx) => {
        // The class row lock serialises two writes of the same feedback.
        const s = await kit.requireSession(trx, ctx, sessionId, { lock: true });
        await access.requireOwnClass(trx, ctx, s);
        if (s.status === 'cancelled') throw CourseErrors.COURSE_SESSION_CANCELLED({ details: { sessionId } });
        const problem = windowProblem(kit.clock.iso(), feedbackWindow(s.starts_at, s.ends_at));
        if (problem === 'early') throw CourseErrors.COURSE_FEEDBACK_TOO_EARLY({ details: { startsAt: s.starts_at } });
        if (problem === 'closed') throw CourseErrors.COURSE_FEEDBACK_CLOSED({ params: { hours: FEEDBACK_EDIT_HOURS } });
        const booking = input.bookingId ? await courseRepo.booking(trx, ctx.tenantId, input.bookingId) : null;
        if (input.bookingId) {
          if (!booking || booking.session_id !== s.id) throw CourseErrors.COURSE_BOOKING_NOT_FOUND({ details: [{ path: 'bookingId' }] });
          if (booking.status !== 'attended' && booking.status !== 'confirmed') throw CourseErrors.COURSE_FEEDBACK_STATUS({ params: { status: h.statusName(ctx, booking.status) }, details: { bookingId: booking.id, status: booking.status } });
        }
        const course = await kit.requireCourse(trx, ctx, s.course_id);
        const teacher = await kit.requireTeacher(trx, ctx, teacherOf(s));
        const targetKey = booking?.id ?? 'class';
        const existing = await teacherRepo.feedbackOfTarget(trx, ctx.tenantId, s.id, targetKey);
        const now = kit.clock.iso();
        const fields = { body: input.text, rating: input.rating ?? null, skills_json: toJson(input.skills ?? []) as unknown as string[] };
        let id: string;
        if (existing) {
          if (existing.author_staff_id !== ctx.actor.id) throw CourseErrors.COURSE_FEEDBACK_NOT_AUTHOR({ details: { authorName: existing.author_name } });
          id = existing.id;
          await teacherRepo.updateFeedback(trx, ctx.tenantId, id, { ...fields, edit_count: existing.edit_count + 1, updated_at: now });
        } else {
          id = newId(ID_PREFIXES.classFeedback);
          await teacherRepo.insertFeedback(trx, {
            tenant_id: ctx.tenantId,
            id,
            session_id: s.id,
            store_id: s.store_id,
            target_key: targetKey,
            booking_id: booking?.id ?? null,
            member_id: booking?.member_id ?? null,
            attendee_id: booking?.attendee_id ?? null,
            teacher_id: teacher.id,
            author_staff_id: ctx.actor.id,
            author_name: ctx.actor.name,
            ...fields,
            edit_count: 0,
            created_at: now,
            updated_at: now,
          });
        }
        const [view] = await present(trx, ctx, [(await teacherRepo.feedback(trx, ctx.tenantId, id))!]);
        // A class note reaches every family of the class; a personal one the child's parent.
        const parents = booking ? [booking.member_id] : [...new Set((await courseRepo.bookingsOfSession(trx, ctx.tenantId, s.id, ['confirmed', 'attended'])).map((b) => b.member_id))];
        for (const memberId of parents) {
          await people.timeline(trx, ctx, {
            memberId,
            kind: existing ? 'class.feedback_edited' : 'class.feedback',
            refType: 'class_feedback',
            refId: id,
            storeId: s.store_id,
            summary: { courseName: course.name, startsAt: s.starts_at, sessionId: s.id, feedbackId: id, isClassNote: !booking, attendeeId: view.attendeeId, attendeeName: view.attendeeName, teacherName: teacher.name, text: view.text, rating: view.rating, skills: view.skills },
          });
        }
        await audit.record(trx, ctx, {
          action: existing ? 'course.feedback.update' : 'course.feedback.create',
          entityType: 'classFeedback',
          entityId: id,
          storeId: s.store_id,
          ...(existing ? { before: { text: existing.body, rating: existing.rating, skills: existing.skills_json } } : {}),
          after: { sessionId: s.id, bookingId: booking?.id ?? null, text: view.text, rating: view.rating, skills: view.skills },
        });
        return view;
      });
    },

    /** Feedback of a class, or received by a parent / about an attendee (with the class notes of their classes), newest first. */
    async list(ctx: Ctx, q: { memberId?: string; attendeeId?: string; sessionId?: string; limit: number }): Promise<FeedbackView[]> {
      requirePermission(ctx, 'course.read');
      if (q.sessionId) {
        await kit.requireSession(db, ctx, q.sessionId);
        return present(db, ctx, (await teacherRepo.feedbackOfSessions(db, ctx.tenantId, [q.sessionId])).slice(0, q.limit));
      }
      if (!q.memberId && !q.attendeeId) throw CourseErrors.COURSE_FEEDBACK_QUERY({ details: [{ path: 'memberId' }] });
      return present(db, ctx, await teacherRepo.feedbackOfPerson(db, ctx.tenantId, q));
    },
  };
}
