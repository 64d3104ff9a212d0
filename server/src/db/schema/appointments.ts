/** Row types of 1:1 appointments (0010_appointments). */

export type AppointmentStatus = 'booked' | 'completed' | 'cancelled' | 'late_cancelled' | 'no_show';
export type AvailabilityExceptionKind = 'off' | 'extra';

export interface AppointmentSettingsTable {
  tenant_id: string;
  min_notice_minutes: number;
  max_days_ahead: number;
  late_cancel_minutes: number;
  is_late_cancel_forfeit: boolean;
  updated_at: string;
}

export interface AppointmentCoachesTable {
  tenant_id: string;
  teacher_id: string;
  coach_level: string | null;
  updated_at: string;
}

export interface CoachAvailabilityWindowsTable {
  tenant_id: string;
  id: string;
  teacher_id: string;
  store_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  slot_minutes: number;
  created_at: string;
}

export interface CoachAvailabilityExceptionsTable {
  tenant_id: string;
  id: string;
  teacher_id: string;
  store_id: string;
  on_date: string;
  kind: AvailabilityExceptionKind;
  start_time: string | null;
  end_time: string | null;
  slot_minutes: number | null;
  reason: string | null;
  created_at: string;
}

export interface AppointmentsTable {
  tenant_id: string;
  id: string;
  store_id: string;
  teacher_id: string;
  member_id: string;
  attendee_id: string;
  business_date: string;
  starts_at: string;
  ends_at: string;
  status: AppointmentStatus;
  slot_key: string | null;
  card_id: string;
  hold_id: string;
  note: string | null;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  completed_at: string | null;
}
