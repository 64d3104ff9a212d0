/** Cancellation policy (0011_cancel_policy). */

export interface CourseCancelPoliciesTable {
  tenant_id: string;
  /** CancelRule[] (course.rules.ts), in evaluation order. */
  rules_json: unknown;
  grace_per_month: number;
  ban_days: number | null;
  updated_at: string;
}

export type CancelFeeStatus = 'due' | 'paid' | 'waived';
export type CancelFeeKind = 'late_cancel' | 'no_show';

export interface ClassCancelFeesTable {
  tenant_id: string;
  id: string;
  member_id: string;
  booking_id: string;
  session_id: string;
  store_id: string;
  kind: CancelFeeKind;
  rule_index: number;
  /** fen */
  amount: number;
  status: CancelFeeStatus;
  settle_note: string | null;
  settled_by: string | null;
  settled_at: string | null;
  /** The order that took the money at the cashier, when paid there. */
  order_id: string | null;
  created_at: string;
  updated_at: string;
}
