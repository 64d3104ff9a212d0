import type { Json } from './foundation';

/** Row types of membership cards (卡项, 0006_cards): card products, member cards and their use. */

export type CardKind = 'count' | 'time' | 'private' | 'trial';
export type CardStatus = 'pending' | 'active' | 'expiring' | 'expired' | 'frozen' | 'transferred' | 'refunded' | 'cancelled';
export type CardStoreScope = 'issuing_store' | 'issuing_region' | 'all_stores';
export type CardActivationMode = 'purchase' | 'date' | 'first_use';
export type CardSessionUnit = 'session' | 'class_hour';
export type CardRefundFormula = 'proportional' | 'package_unit_price' | 'list_price_capped';
/**
 * What a card pays for. Courses live in the booking module (later): their ids and categories are
 * opaque here. `service` is a service item of the catalogue (prd_…); `any` covers everything.
 */
export type UseKeyType = 'course' | 'course_category' | 'service' | 'any';

export interface UseKey {
  type: UseKeyType;
  /** '' for type any. */
  id: string;
}

export interface CardValidity {
  unit: 'day' | 'month';
  count: number;
}

export interface FreezePolicy {
  isAllowed: boolean;
  minDays: number;
  maxDays: number;
  /** Freezes per term (null: no limit). */
  maxTimes: number | null;
  /** Frozen days per term (null: no limit). */
  maxTotalDays: number | null;
  /** Fee per freeze, fen (paid through an order). */
  fee: number;
  /** A freeze must be asked for at least this many days before it starts. */
  noticeDays: number;
  /** The expiry moves by the days frozen (default yes). */
  isExpiryExtended: boolean;
  /** Using the card during a freeze ends the freeze that day. */
  isAutoUnfreezeOnUse: boolean;
}

export interface TransferPolicy {
  isAllowed: boolean;
  /** Fee per transfer, fen (paid through an order). */
  fee: number;
  /** Transfers per card lineage (null: no limit). */
  maxTimes: number | null;
}

export interface RefundPolicy {
  isAllowed: boolean;
  formula: CardRefundFormula;
  /** list_price_capped: the single-use list price deducted per session (or per day) used, fen. */
  unitListPrice: number | null;
  /** list_price_capped: the deduction never exceeds this share of what was paid (basis points). */
  deductionCapBp: number;
  /** Fee: a fixed amount plus a share of what was paid. */
  feeFixed: number;
  feeBp: number;
  /** Refunds of an expired card (default no). */
  isAllowedAfterExpiry: boolean;
}

export interface FamilyPolicy {
  isAllowed: boolean;
  /** Family members (besides the holder) who may use the card. */
  maxMembers: number;
}

export interface UpgradePolicy {
  /** Days after the sale during which the card may be upgraded (null: never). */
  windowDays: number | null;
  /** Products it may be upgraded to (empty: any active product of a compatible kind with a higher price). */
  toProductIds: string[];
}

/** The terms a card was sold on: a snapshot of its product, so later product edits do not change sold cards. */
export interface CardTerms {
  kind: CardKind;
  sessions: number | null;
  sessionUnit: CardSessionUnit;
  validity: CardValidity | null;
  perDayCap: number | null;
  perWeekCap: number | null;
  coachLevel: string | null;
  coverage: UseKey[];
  storeScope: CardStoreScope;
  activationMode: CardActivationMode;
  activationDeadlineDays: number | null;
  freeze: FreezePolicy;
  transfer: TransferPolicy;
  refund: RefundPolicy;
  family: FamilyPolicy;
  upgrade: UpgradePolicy;
  refundTermsText: string | null;
}

export interface SaleWarning {
  code: string;
  message: { 'zh-CN': string; en: string };
}

export interface CardSettingsTable {
  tenant_id: string;
  expiry_reminder_days_json: Json<number[]>;
  low_sessions_threshold: number;
  expiring_within_days: number;
  is_training_school: boolean;
  prepay_max_months: number;
  prepay_max_hours: number;
  refund_terms_text: string | null;
  updated_at: string;
}

export interface CardProductsTable {
  tenant_id: string;
  id: string;
  kind: CardKind;
  name: string;
  description: string | null;
  price: number;
  sessions: number | null;
  session_unit: CardSessionUnit;
  validity_unit: 'day' | 'month' | null;
  validity_count: number | null;
  per_day_cap: number | null;
  per_week_cap: number | null;
  coach_level: string | null;
  store_scope: CardStoreScope;
  is_all_sale_stores: boolean;
  activation_mode: CardActivationMode;
  activation_deadline_days: number | null;
  freeze_policy_json: Json<FreezePolicy>;
  transfer_policy_json: Json<TransferPolicy>;
  refund_policy_json: Json<RefundPolicy>;
  family_policy_json: Json<FamilyPolicy>;
  upgrade_policy_json: Json<UpgradePolicy>;
  sale_limit_per_member: number | null;
  is_tier_discountable: boolean;
  is_points_payable: boolean;
  is_stored_value_payable: boolean;
  refund_terms_text: string | null;
  is_active: boolean;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface CardProductCoverageTable {
  tenant_id: string;
  product_id: string;
  key_type: UseKeyType;
  key_id: string;
}

export interface CardProductStoresTable {
  tenant_id: string;
  product_id: string;
  store_id: string;
}

export interface MemberCardsTable {
  tenant_id: string;
  id: string;
  card_no: string;
  product_id: string;
  kind: CardKind;
  name: string;
  /** The holder: the member whose ledger holds the card's sessions and days. */
  member_id: string;
  /** The store that sold the card (the root's, for cards received by transfer): it holds the money. */
  store_id: string;
  region_id: string | null;
  status: CardStatus;
  origin: 'sale' | 'transfer' | 'import';
  /** The card first sold; every card in a transfer chain points at it (fundings belong to it). */
  root_card_id: string;
  transferred_from_card_id: string | null;
  transferred_to_card_id: string | null;
  order_id: string | null;
  order_line_id: string | null;
  terms_json: Json<CardTerms>;
  sale_warnings_json: Json<SaleWarning[]>;
  list_price: number;
  /** What was paid for the card (sale and upgrades), fen. */
  paid_amount: number;
  /** Paid value not yet recognised as revenue (deferred), fen. */
  value_remaining: number;
  /** Sessions granted in all (sale, upgrades, adjustments); null for unlimited cards. */
  sessions_total: number | null;
  /** = the ledger balance of card_sessions. */
  sessions_remaining: number;
  /** Sessions reserved by open holds (bookings). */
  sessions_held: number;
  sessions_used: number;
  /** Sessions paid for (sale and upgrades), the base of the refund formula. */
  sessions_paid: number | null;
  /** Validity days granted since activation (= the ledger balance of card_days). */
  days_granted: number;
  /** Validity days paid for (from the product at activation, or an upgrade), the base of the refund formula for time cards. */
  days_paid: number;
  activate_on: string | null;
  activate_by: string | null;
  activated_on: string | null;
  expires_on: string | null;
  freeze_count: number;
  freeze_days_used: number;
  transfer_count: number;
  sold_on: string;
  ended_on: string | null;
  end_reason: string | null;
  last_used_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CardCountersTable {
  tenant_id: string;
  store_id: string;
  last_no: number;
}

export interface CardFundingsTable {
  tenant_id: string;
  id: string;
  root_card_id: string;
  kind: 'sale' | 'upgrade';
  order_id: string;
  order_line_id: string;
  amount: number;
  refunded_amount: number;
  created_at: string;
}

export interface CardFreezesTable {
  tenant_id: string;
  id: string;
  card_id: string;
  status: 'scheduled' | 'active' | 'ended' | 'cancelled';
  start_on: string;
  /** Last planned frozen day. */
  end_on: string;
  days: number;
  /** Last day actually frozen when ended early (null: as planned, or never started). */
  ended_on: string | null;
  actual_days: number | null;
  is_expiry_extended: boolean;
  /** Days the expiry currently carries for this freeze. */
  extension_days: number;
  fee: number;
  order_id: string | null;
  reason: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
}

export interface CardFamilyUsersTable {
  tenant_id: string;
  card_id: string;
  /** A member (mbr_…) or one of the holder's children (dep_…). */
  user_id: string;
  user_kind: 'member' | 'dependent';
  relation: string | null;
  max_sessions: number | null;
  sessions_used: number;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface CardHoldsTable {
  tenant_id: string;
  id: string;
  card_id: string;
  member_id: string;
  user_id: string;
  store_id: string;
  units: number;
  /** Units reserved against the card's sessions (0 for unlimited cards). */
  sessions: number;
  status: 'held' | 'consumed' | 'released';
  for_at: string;
  for_date: string;
  items_json: Json<UseKey[]>;
  ref_type: string | null;
  ref_id: string | null;
  idem_key: string;
  request_hash: string;
  usage_id: string | null;
  release_reason: string | null;
  created_at: string;
  resolved_at: string | null;
}

export interface CardUsagesTable {
  tenant_id: string;
  id: string;
  card_id: string;
  member_id: string;
  user_id: string;
  store_id: string;
  issuing_store_id: string;
  kind: 'consume' | 'reversal';
  units: number;
  sessions: number;
  hold_id: string | null;
  journal_id: string | null;
  revenue: number;
  for_date: string;
  items_json: Json<UseKey[]>;
  ref_type: string | null;
  ref_id: string | null;
  idem_key: string | null;
  request_hash: string | null;
  reverses_usage_id: string | null;
  reason: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  created_at: string;
}

export type CardRevenueKind = 'consumption' | 'consumption_reversal' | 'expiry' | 'refund_retained' | 'cancel';

export interface CardRevenueTable {
  tenant_id: string;
  id: string;
  card_id: string;
  root_card_id: string;
  store_id: string;
  kind: CardRevenueKind;
  amount: number;
  usage_id: string | null;
  business_date: string;
  created_at: string;
}

export interface CardSettlementsTable {
  tenant_id: string;
  id: string;
  card_id: string;
  usage_id: string;
  issuing_store_id: string;
  consuming_store_id: string;
  amount: number;
  reverses_settlement_id: string | null;
  business_date: string;
  created_at: string;
}

export interface CardWriteoffsTable {
  tenant_id: string;
  id: string;
  card_id: string;
  member_id: string;
  store_id: string;
  product_id: string;
  sessions: number;
  value: number;
  journal_id: string | null;
  reason: 'expired' | 'hold_released_after_expiry';
  business_date: string;
  created_at: string;
}

export interface CardEventsTable {
  tenant_id: string;
  id: string;
  card_id: string;
  root_card_id: string;
  member_id: string;
  kind: string;
  summary_json: Json<Record<string, unknown>>;
  order_id: string | null;
  store_id: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  created_at: string;
}

export interface CardRemindersTable {
  tenant_id: string;
  card_id: string;
  reminder_key: string;
  created_at: string;
}
