import type { Json } from './foundation';

/** Row types of the money core: ledger, stored value, points, tiers, orders, outbox helpers. */

export type AssetKind = 'sv_principal' | 'sv_bonus' | 'sv_frozen' | 'points' | 'points_pending' | 'card_sessions' | 'card_days';

export interface LedgerAccountsTable {
  tenant_id: string;
  id: string;
  member_id: string;
  kind: AssetKind;
  /** The asset's owner below the member (a member card for sessions/days); '' when none. */
  ref_id: string;
  balance: number;
  entry_count: number;
  created_at: string;
  updated_at: string;
}

export interface LedgerJournalsTable {
  tenant_id: string;
  id: string;
  member_id: string;
  kind: string;
  store_id: string | null;
  order_id: string | null;
  ref_type: string | null;
  ref_id: string | null;
  reason: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  request_id: string | null;
  reverses_journal_id: string | null;
  business_date: string;
  created_at: string;
}

export interface LedgerEntriesTable {
  tenant_id: string;
  id: string;
  journal_id: string;
  account_id: string;
  member_id: string;
  kind: AssetKind;
  ref_id: string;
  amount: number;
  balance_after: number;
  /** Position of the entry in its account (1, 2, 3 …): the order balances were computed in. */
  account_seq: number;
  reverses_entry_id: string | null;
  refers_to_entry_id: string | null;
  created_at: string;
}

export interface PointsLotsTable {
  tenant_id: string;
  id: string;
  member_id: string;
  source_entry_id: string;
  points: number;
  remaining: number;
  earned_at: string;
  expires_on: string | null;
  expiry_warned_at: string | null;
}

export interface PointsLotMovesTable {
  tenant_id: string;
  id: string;
  lot_id: string;
  entry_id: string;
  points: number;
  created_at: string;
}

export interface PointsPendingTable {
  tenant_id: string;
  id: string;
  member_id: string;
  order_id: string | null;
  earn_entry_id: string;
  points: number;
  reversed_points: number;
  earned_at: string;
  release_at: string;
  released_at: string | null;
}

export interface PointsSettingsTable {
  tenant_id: string;
  /** Points per ¥1 paid, in thousandths (1000 = 1 point per yuan). */
  earn_per_yuan_milli: number;
  pending_days: number;
  fen_per_point: number;
  cap_bp: number | null;
  cap_amount: number | null;
  redeem_step: number;
  expiry_json: Json<{ type: 'never' } | { type: 'days'; days: number } | { type: 'fixed_date'; month: number; day: number; yearsAfter: number }>;
  remind_days_before: number;
  is_earn_on_recharge: boolean;
  /** Points per event (sign-up, birthday month, referral, check-in); null before the first save. */
  event_points_json: Json<{ signUp: number; birthdayMonth: number; referral: number; checkIn: number }> | null;
  updated_at: string;
}

export interface PointsEventGrantsTable {
  tenant_id: string;
  event: string;
  member_id: string;
  period: string;
  points: number;
  journal_id: string | null;
  granted_at: string;
}

export interface WalletSettingsTable {
  tenant_id: string;
  spend_mode: 'proportional' | 'bonus_first' | 'principal_first';
  refund_fee_json: Json<{ type: 'none' } | { type: 'fixed'; amount: number } | { type: 'percent'; basisPoints: number }>;
  updated_at: string;
}

export interface RechargePackagesTable {
  tenant_id: string;
  id: string;
  name: string;
  price: number;
  bonus_type: 'none' | 'fixed' | 'percent';
  bonus_value: number;
  bonus_points: number;
  is_active: boolean;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface TierProgramsTable {
  tenant_id: string;
  metric: 'spend' | 'recharge' | 'points' | 'visits' | 'single_order';
  window_kind: 'lifetime' | 'rolling_months' | 'calendar_year';
  window_months: number;
  grace_days: number;
  updated_at: string;
}

export interface TierLevelsTable {
  tenant_id: string;
  id: string;
  rank: number;
  name: string;
  threshold: number;
  retention_threshold: number | null;
  discount_bp: number;
  points_multiplier_bp: number;
  booking_priority_hours: number;
  birthday_gift_json: Json<{ points?: number; note?: string } | null>;
  benefits_note: string | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface MemberTiersTable {
  tenant_id: string;
  member_id: string;
  tier_id: string | null;
  since: string;
  evaluate_on: string | null;
  is_locked: boolean;
  updated_at: string;
}

export interface TierMetricEventsTable {
  tenant_id: string;
  id: string;
  member_id: string;
  metric: string;
  amount: number;
  business_date: string;
  order_id: string | null;
  created_at: string;
}

export interface TierHistoryTable {
  tenant_id: string;
  id: string;
  member_id: string;
  from_tier_id: string | null;
  to_tier_id: string | null;
  reason: 'upgrade' | 'downgrade' | 'manual' | 'lock' | 'unlock' | 'initial';
  metric_value: number | null;
  actor_name: string | null;
  created_at: string;
}

export interface OrdersTable {
  tenant_id: string;
  id: string;
  order_no: string;
  store_id: string;
  member_id: string | null;
  status: 'paid' | 'partially_refunded' | 'refunded';
  list_total: number;
  tier_discount: number;
  coupon_discount: number;
  points_used: number;
  points_value: number;
  payable: number;
  change_given: number;
  spend_base: number;
  recharge_total: number;
  refunded_total: number;
  points_earned: number;
  points_earn_journal_id: string | null;
  pricing_json: Json<unknown>;
  note: string | null;
  shift_id: string | null;
  created_by: string | null;
  created_by_name: string | null;
  business_date: string;
  created_at: string;
}

export interface OrderLinesTable {
  tenant_id: string;
  id: string;
  order_id: string;
  line_no: number;
  kind: string;
  item_id: string | null;
  name: string;
  quantity: number;
  unit_price: number;
  list_total: number;
  tier_discount: number;
  coupon_discount: number;
  points_discount: number;
  net_total: number;
  is_spend: boolean;
  refunded_quantity: number;
  refunded_amount: number;
  meta_json: Json<Record<string, unknown>>;
}

export interface OrderTendersTable {
  tenant_id: string;
  id: string;
  order_id: string;
  method: string;
  amount: number;
  tendered: number | null;
  change_given: number;
  reference: string | null;
  points: number;
  journal_id: string | null;
  refunded_amount: number;
}

export interface OrderLinePaymentsTable {
  tenant_id: string;
  id: string;
  order_id: string;
  line_id: string;
  tender_id: string;
  method: string;
  amount: number;
  refunded_amount: number;
}

export interface OrderRefundsTable {
  tenant_id: string;
  id: string;
  refund_no: string;
  /** 'order' refunds lines of an order; 'stored_value' pays out a member's stored value. */
  kind: 'order' | 'stored_value';
  order_id: string | null;
  store_id: string;
  member_id: string | null;
  total: number;
  money_total: number;
  stored_value_total: number;
  points_returned: number;
  points_clawed_back: number;
  points_shortfall_deduction: number;
  reason: string | null;
  quote_json: Json<unknown>;
  shift_id: string | null;
  created_by: string | null;
  created_by_name: string | null;
  business_date: string;
  created_at: string;
}

export interface OrderRefundPaymentsTable {
  tenant_id: string;
  id: string;
  refund_id: string;
  order_id: string | null;
  tender_id: string | null;
  method: string;
  amount: number;
  points: number;
  journal_id: string | null;
}

export interface OrderCountersTable {
  tenant_id: string;
  store_id: string;
  business_date: string;
  kind: string;
  last_no: number;
}
