import type { Json } from './foundation';

/** Row types of the member module (profiles, family, sensitive data, consents, search, timeline, import). */

export type Gender = 'male' | 'female' | 'unknown';
export type BirthdayCalendar = 'solar' | 'lunar';
export type MemberOrigin = 'desk' | 'import' | 'lead' | 'api';

/** Per tenant: member-number format and the counter numbers are allocated from. */
export interface MemberSettingsTable {
  tenant_id: string;
  number_prefix: string;
  number_width: number;
  next_number: number;
  updated_at: string;
}

export type ConsentKind = 'sensitive' | 'child';

/** Versioned consent texts; a version is never edited once created (consents point at it). */
export interface ConsentTextsTable {
  tenant_id: string;
  id: string;
  kind: ConsentKind;
  version: string;
  body: string;
  created_at: string;
}

export interface MembersTable {
  tenant_id: string;
  id: string;
  member_no: string;
  name: string;
  name_pinyin: string;
  name_initials: string;
  gender: Gender | null;
  /** Solar (Gregorian) date of birth. */
  birthday: string | null;
  birthday_calendar: BirthdayCalendar;
  /** MM-DD of the solar birthday, for "birthdays in the next N days" and birthday-month filters. */
  birth_md: string | null;
  /** MM-DD of the lunar birthday, set when the member celebrates by the lunar calendar. */
  lunar_md: string | null;
  mobile: string | null;
  mobile_last4: string | null;
  email: string | null;
  address: string | null;
  card_no: string | null;
  home_store_id: string;
  source_channel: string | null;
  referrer_member_id: string | null;
  referrer_name: string | null;
  interests_json: Json<string[]>;
  goals: string | null;
  notes: string | null;
  emergency_name: string | null;
  emergency_relation: string | null;
  emergency_mobile: string | null;
  has_photo: boolean;
  origin: MemberOrigin;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  erased_at: string | null;
}

export interface MemberTagsTable {
  tenant_id: string;
  member_id: string;
  tag: string;
}

/** Search keys written with the member: name suffixes, pinyin and initials (prefix-range lookups). */
export interface MemberSearchTermsTable {
  tenant_id: string;
  term: string;
  member_id: string;
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'choice';

export interface MemberCustomFieldsTable {
  tenant_id: string;
  id: string;
  field_key: string;
  label_zh: string;
  label_en: string;
  field_type: CustomFieldType;
  options_json: Json<{ value: string; labelZh: string; labelEn: string }[]>;
  is_required: boolean;
  is_active: boolean;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

/** One value per member and field, in the column of its type (indexed for filters). */
export interface MemberCustomValuesTable {
  tenant_id: string;
  member_id: string;
  field_id: string;
  value_text: string | null;
  value_number: number | null;
  value_date: string | null;
}

export interface MemberPhotosTable {
  tenant_id: string;
  member_id: string;
  content_type: string;
  content: Buffer;
  updated_at: string;
}

/** Encrypted at rest (shared/crypto.ts); never selected together with the profile. */
export interface MemberSensitiveTable {
  tenant_id: string;
  member_id: string;
  id_type: string | null;
  id_number_enc: string | null;
  health_enc: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface MemberConsentsTable {
  tenant_id: string;
  id: string;
  member_id: string;
  dependent_id: string | null;
  kind: ConsentKind;
  text_id: string;
  granted_by_name: string;
  granted_by_relation: string | null;
  channel: string;
  granted_at: string;
  recorded_by: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

export interface MemberDependentsTable {
  tenant_id: string;
  id: string;
  name: string;
  gender: Gender | null;
  birthday: string;
  birth_md: string;
  allergies: string | null;
  special_needs: string | null;
  school: string | null;
  class_name: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  erased_at: string | null;
}

export interface MemberGuardianshipsTable {
  tenant_id: string;
  dependent_id: string;
  member_id: string;
  relation: string;
  is_primary: boolean;
  created_at: string;
}

export type DependentContactKind = 'pickup' | 'emergency';

export interface DependentContactsTable {
  tenant_id: string;
  id: string;
  dependent_id: string;
  kind: DependentContactKind;
  name: string;
  relation: string | null;
  mobile: string | null;
  created_at: string;
}

/** One member's history from every module (profile changes, interactions, later orders, bookings, check-ins). */
export interface MemberTimelineTable {
  tenant_id: string;
  id: string;
  member_id: string;
  occurred_at: string;
  kind: string;
  ref_type: string | null;
  ref_id: string | null;
  summary_json: Json<Record<string, unknown>>;
  actor_name: string | null;
  store_id: string | null;
}

export type ImportStatus = 'uploaded' | 'validating' | 'validated' | 'applying' | 'succeeded' | 'failed' | 'cancelled';

export interface MemberImportJobsTable {
  tenant_id: string;
  id: string;
  status: ImportStatus;
  file_name: string;
  file_format: 'csv' | 'xlsx';
  encoding: string | null;
  file_size: number;
  headers_json: Json<string[]>;
  mapping_json: Json<Record<string, string>> | null;
  dedupe: 'skip' | 'update';
  default_store_id: string | null;
  total_rows: number;
  valid_rows: number;
  error_rows: number;
  processed_rows: number;
  inserted_count: number;
  updated_count: number;
  skipped_count: number;
  warnings_json: Json<{ code: string; params?: Record<string, unknown> }[]>;
  failure_code: string | null;
  failure_params_json: Json<Record<string, unknown>> | null;
  is_cancel_requested: boolean;
  is_dry_run_done: boolean;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  heartbeat_at: string | null;
  finished_at: string | null;
}

export interface MemberImportFilesTable {
  tenant_id: string;
  job_id: string;
  content: Buffer;
}

export interface MemberImportErrorsTable {
  tenant_id: string;
  job_id: string;
  seq: number;
  row_no: number;
  column_name: string | null;
  code: string;
  params_json: Json<Record<string, unknown>> | null;
}

export interface MemberImportMappingsTable {
  tenant_id: string;
  id: string;
  name: string;
  mapping_json: Json<Record<string, string>>;
  created_at: string;
  updated_at: string;
}
