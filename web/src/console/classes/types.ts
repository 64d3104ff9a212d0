// Named DTOs of the classes & booking routes, picked from the generated OpenAPI types, and the
// small date helpers the week calendar and the desk share.
import dayjs, { type Dayjs } from 'dayjs';
import type { BodyOf, ResponseOf } from '../../api/types';

export type ClassSession = ResponseOf<'/api/v1/class-sessions', 'get'>['items'][number];
export type Roster = ResponseOf<'/api/v1/class-sessions/{sessionId}', 'get'>;
export type RosterBooking = Roster['bookings'][number];
export type Booking = ResponseOf<'/api/v1/bookings', 'get'>['items'][number];
export type BookingStatus = Booking['status'];
export type Course = ResponseOf<'/api/v1/courses', 'get'>['items'][number];
export type CourseCreate = BodyOf<'/api/v1/courses', 'post'>;
export type Room = ResponseOf<'/api/v1/rooms', 'get'>['items'][number];
export type Teacher = ResponseOf<'/api/v1/teachers', 'get'>['items'][number];
export type CourseSettings = ResponseOf<'/api/v1/course-settings', 'get'>;
export type CheckIn = ResponseOf<'/api/v1/class-sessions/{sessionId}/check-ins', 'post'>;
export type HeldCard = ResponseOf<'/api/v1/members/{memberId}/cards', 'get'>['held'][number];

/** Monday of the week that holds `d`. */
export function weekStart(d: Dayjs): Dayjs {
  const wd = (d.day() + 6) % 7; // 0 = Monday
  return d.startOf('day').subtract(wd, 'day');
}

export function ymd(d: Dayjs): string {
  return d.format('YYYY-MM-DD');
}

export function hm(iso: string): string {
  return dayjs(iso).format('HH:mm');
}

/** Cancelling now is late (the held session is forfeited) when the class starts within the window. */
export function isLateCancel(startsAt: string, lateCancelMinutes: number, now = Date.now()): boolean {
  return Date.parse(startsAt) - now < lateCancelMinutes * 60_000;
}

/** An age range in months, as the desk says it (months under 3 years, years above). */
export function ageMonths(m: number, locale: string): string {
  const zh = locale === 'zh-CN';
  if (m < 36 || m % 12) return zh ? `${m} 个月` : `${m} mo`;
  return zh ? `${m / 12} 岁` : `${m / 12} y`;
}

// The teacher view (我的课表).
export type TeacherDay = ResponseOf<'/api/v1/teacher/classes', 'get'>;
export type TeacherClass = TeacherDay['items'][number];
export type TeacherRosterEntry = TeacherClass['roster'][number];
export type Feedback = NonNullable<TeacherClass['classFeedback']>;
