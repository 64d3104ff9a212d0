/** Row types of classes and booking (0007_classes). */

export type SessionStatus = 'scheduled' | 'cancelled';
export type BookingStatus = 'confirmed' | 'waitlisted' | 'attended' | 'cancelled' | 'late_cancelled' | 'no_show' | 'expired' | 'on_leave';
export type BookingSource = 'staff' | 'member' | 'walk_in';
export type CheckInMethod = 'member_no' | 'card_no' | 'mobile' | 'mobile_tail' | 'booking' | 'attendee';

export interface CourseSettingsTable {
  tenant_id: string;
  booking_opens_days: number;
  booking_closes_minutes: number;
  late_cancel_minutes: number;
  waitlist_cutoff_minutes: number;
  check_in_opens_minutes: number;
  check_in_undo_minutes: number;
  no_show_grace_minutes: number;
  generate_weeks: number;
  is_walk_in_allowed: boolean;
  makeup_valid_days: number;
  ban_after_count: number;
  updated_at: string;
}

export interface CourseTeachersTable {
  tenant_id: string;
  id: string;
  staff_id: string | null;
  name: string;
  skills_json: string[];
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface CourseRoomsTable {
  tenant_id: string;
  id: string;
  store_id: string;
  name: string;
  capacity: number | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface CoursesTable {
  tenant_id: string;
  id: string;
  name: string;
  category: string;
  description: string | null;
  min_age_months: number | null;
  max_age_months: number | null;
  duration_minutes: number;
  capacity: number;
  price: number;
  default_teacher_id: string | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface CourseTimetablesTable {
  tenant_id: string;
  id: string;
  course_id: string;
  store_id: string;
  room_id: string | null;
  teacher_id: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:MM in the tenant's time zone. */
  start_time: string;
  capacity: number;
  starts_on: string;
  ends_on: string | null;
  generated_until: string;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface TimetableExceptionsTable {
  tenant_id: string;
  timetable_id: string;
  on_date: string;
  reason: string | null;
  created_at: string;
}

export interface ClassSessionsTable {
  tenant_id: string;
  id: string;
  course_id: string;
  store_id: string;
  room_id: string | null;
  teacher_id: string;
  substitute_teacher_id: string | null;
  timetable_id: string | null;
  business_date: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  booked_count: number;
  waitlist_count: number;
  next_waitlist_pos: number;
  status: SessionStatus;
  cancel_reason: string | null;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ClassBookingsTable {
  tenant_id: string;
  id: string;
  session_id: string;
  member_id: string;
  attendee_id: string;
  active_key: string | null;
  status: BookingStatus;
  source: BookingSource;
  waitlist_pos: number | null;
  card_id: string | null;
  hold_id: string | null;
  is_waived: boolean;
  makeup_credit_id: string | null;
  is_late_promotion_ok: boolean;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
  confirmed_at: string | null;
  cancelled_at: string | null;
  /** 0011: counts toward the booking ban (null: decided before the policy, the status says it). */
  is_strike?: boolean | null;
  /** 0011: a late cancellation forgiven by the month's grace allowance. */
  is_grace?: boolean | null;
}

export interface ClassCheckInsTable {
  tenant_id: string;
  id: string;
  session_id: string;
  booking_id: string;
  member_id: string;
  attendee_id: string;
  active_key: string | null;
  method: CheckInMethod;
  card_id: string | null;
  usage_id: string | null;
  actor_name: string | null;
  created_at: string;
  undone_at: string | null;
  undo_reason: string | null;
  undo_usage_id: string | null;
}

export interface MakeupCreditsTable {
  tenant_id: string;
  id: string;
  member_id: string;
  attendee_id: string;
  course_id: string;
  source_booking_id: string;
  status: 'open' | 'used';
  expires_on: string;
  used_booking_id: string | null;
  created_at: string;
  updated_at: string;
}

/** 0009_class_feedback: a teacher's feedback on a class ('class') or one attendee (the booking id). */
export interface ClassFeedbackTable {
  tenant_id: string;
  id: string;
  session_id: string;
  store_id: string;
  target_key: string;
  booking_id: string | null;
  member_id: string | null;
  attendee_id: string | null;
  teacher_id: string;
  author_staff_id: string | null;
  author_name: string;
  body: string;
  rating: number | null;
  skills_json: string[];
  edit_count: number;
  created_at: string;
  updated_at: string;
}
