/** Row types of staff attendance (0008_attendance). */

export type PunchKind = 'in' | 'out';
export type CorrectionStatus = 'pending' | 'approved' | 'rejected';

export interface AttendancePunchesTable {
  tenant_id: string;
  id: string;
  staff_id: string;
  /** 1, 2, 3 … per staff member: the unique key that makes two simultaneous taps one punch. */
  seq: number;
  staff_name: string;
  store_id: string;
  kind: PunchKind;
  punched_at: string;
  business_date: string;
  source: 'clock' | 'correction';
  correction_id: string | null;
  created_at: string;
}

export interface AttendanceCorrectionsTable {
  tenant_id: string;
  id: string;
  staff_id: string;
  staff_name: string;
  store_id: string;
  kind: PunchKind;
  punched_at: string;
  reason: string;
  status: CorrectionStatus;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
  created_at: string;
}
