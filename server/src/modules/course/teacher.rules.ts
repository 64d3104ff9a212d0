/**
 * The teacher view — pure rules (unit-tested): who teaches a class, when a teacher may mark
 * attendance and when feedback may be written or edited.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A teacher may mark attendance until this many hours after the class ends (a class's register
 * is often filled in after the children have gone). The desk's check-in still closes at the end.
 * Bookings the no-show job has already marked (end + grace) are corrected at the desk.
 */
export const ATTENDANCE_CLOSES_HOURS = 6;
/** Feedback can be written from the start of the class and edited by its author until this many hours after its end. */
export const FEEDBACK_EDIT_HOURS = 72;

/** Who teaches a class: the substitute when there is one (the replaced teacher no longer does). */
export const teacherOf = (s: { teacher_id: string; substitute_teacher_id: string | null }) => s.substitute_teacher_id ?? s.teacher_id;

export interface Window {
  opensAt: string;
  closesAt: string;
}

/** Attendance opens with the desk's check-in (N minutes before the start) and closes hours after the end. */
export function attendanceWindow(startsAt: string, endsAt: string, opensMinutes: number): Window {
  return { opensAt: new Date(Date.parse(startsAt) - opensMinutes * MINUTE).toISOString(), closesAt: new Date(Date.parse(endsAt) + ATTENDANCE_CLOSES_HOURS * HOUR).toISOString() };
}

/** Feedback: from the start of the class until the edit cut-off. */
export function feedbackWindow(startsAt: string, endsAt: string): Window {
  return { opensAt: new Date(Date.parse(startsAt)).toISOString(), closesAt: new Date(Date.parse(endsAt) + FEEDBACK_EDIT_HOURS * HOUR).toISOString() };
}

/** 'early' before the window opens, 'closed' after it closes, null inside it (both ends included). */
export function windowProblem(now: string, w: Window): 'early' | 'closed' | null {
  const t = Date.parse(now);
  if (t < Date.parse(w.opensAt)) return 'early';
  if (t > Date.parse(w.closesAt)) return 'closed';
  return null;
}

export type Mark = 'present' | 'absent';
export type MarkOutcome = 'check_in' | 'no_show' | 'unchanged' | 'conflict';

/**
 * What marking a booking does: present checks a confirmed booking in, absent makes it a no-show;
 * marking it the way it already is changes nothing (idempotent); the opposite of a recorded
 * check-in or no-show is a conflict (the desk undoes check-ins; a no-show consumed the session).
 */
export function markOutcome(status: string, mark: Mark): MarkOutcome {
  if (status === 'confirmed') return mark === 'present' ? 'check_in' : 'no_show';
  if (status === 'attended') return mark === 'present' ? 'unchanged' : 'conflict';
  if (status === 'no_show') return mark === 'absent' ? 'unchanged' : 'conflict';
  return 'conflict';
}
