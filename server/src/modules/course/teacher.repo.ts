import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import type { ClassFeedbackTable } from '../../db/schema';

export type FeedbackRow = Selectable<ClassFeedbackTable>;

/** Kysely only: the teacher view's reads and class feedback, always filtered by tenant. */
export const teacherRepo = {
  /** The teacher row of a staff account (a staff member is at most one teacher). */
  teacherOfStaff: (x: Executor, tenantId: string, staffId: string) => x.selectFrom('course_teachers').selectAll().where('tenant_id', '=', tenantId).where('staff_id', '=', staffId).executeTakeFirst(),

  feedback: (x: Executor, tenantId: string, id: string) => x.selectFrom('class_feedback').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  feedbackOfTarget: (x: Executor, tenantId: string, sessionId: string, targetKey: string) =>
    x.selectFrom('class_feedback').selectAll().where('tenant_id', '=', tenantId).where('session_id', '=', sessionId).where('target_key', '=', targetKey).executeTakeFirst(),
  feedbackOfSessions: (x: Executor, tenantId: string, sessionIds: string[]) =>
    sessionIds.length ? x.selectFrom('class_feedback').selectAll().where('tenant_id', '=', tenantId).where('session_id', 'in', sessionIds).orderBy('created_at').orderBy('id').execute() : Promise.resolve([] as FeedbackRow[]),
  /** Per-attendee feedback to a parent or about an attendee, plus the class notes of the classes they (or their children) were booked into. */
  async feedbackOfPerson(x: Executor, tenantId: string, f: { memberId?: string; attendeeId?: string; limit: number }) {
    let sessions = x.selectFrom('class_bookings').select('session_id').where('tenant_id', '=', tenantId).where('status', 'in', ['confirmed', 'attended']);
    if (f.memberId) sessions = sessions.where('member_id', '=', f.memberId);
    if (f.attendeeId) sessions = sessions.where('attendee_id', '=', f.attendeeId);
    return x
      .selectFrom('class_feedback')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where((eb) =>
        eb.or([
          eb.and([...(f.memberId ? [eb('member_id', '=', f.memberId)] : []), ...(f.attendeeId ? [eb('attendee_id', '=', f.attendeeId)] : [])]),
          eb.and([eb('target_key', '=', 'class'), eb('session_id', 'in', sessions)]),
        ]),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .execute();
  },
  insertFeedback: (x: Executor, row: Insertable<ClassFeedbackTable>) => x.insertInto('class_feedback').values(row).execute(),
  updateFeedback: (x: Executor, tenantId: string, id: string, patch: Updateable<ClassFeedbackTable>) => x.updateTable('class_feedback').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
};
