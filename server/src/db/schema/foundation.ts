import type { ColumnType } from 'kysely';

/** Row types of the foundation tables (tenancy, staff, audit, idempotency, outbox, jobs). */

/** A JSON column: decoded on read, written as text made by `toJson` (dialect.ts). */
export type Json<T> = ColumnType<T, string, string>;

export interface TenantsTable {
  id: string;
  code: string;
  name: string;
  time_zone: string;
  currency: string;
  locale: string;
  settings_json: Json<Record<string, unknown>>;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface RegionsTable {
  tenant_id: string;
  id: string;
  name: string;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface StoresTable {
  tenant_id: string;
  id: string;
  region_id: string | null;
  code: string;
  name: string;
  address: string | null;
  phone: string | null;
  business_hours: string | null;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

export interface RolesTable {
  tenant_id: string;
  id: string;
  name: string;
  builtin_key: string | null;
  description: string | null;
  permissions_json: Json<string[]>;
  created_at: string;
  updated_at: string;
}

export type StaffScopeType = 'all' | 'region' | 'stores';

export interface StaffTable {
  tenant_id: string;
  id: string;
  login: string;
  name: string;
  mobile: string | null;
  email: string | null;
  locale: string | null;
  status: 'active' | 'disabled';
  password_hash: string;
  is_password_temporary: boolean;
  failed_login_count: number;
  locked_until: string | null;
  scope_type: StaffScopeType;
  scope_region_id: string | null;
  last_login_at: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface StaffRolesTable {
  tenant_id: string;
  staff_id: string;
  role_id: string;
}

export interface StaffStoresTable {
  tenant_id: string;
  staff_id: string;
  store_id: string;
}

export interface StaffSessionsTable {
  tenant_id: string;
  id: string;
  staff_id: string;
  token_hash: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** Per tenant: bumped with every change to roles, staff access, stores or regions (migration 0013). */
export interface StaffAccessVersionsTable {
  tenant_id: string;
  version: number;
}

export interface ApiKeysTable {
  tenant_id: string;
  id: string;
  name: string;
  secret_hash: string;
  permissions_json: Json<string[]>;
  scope_type: StaffScopeType;
  scope_region_id: string | null;
  scope_store_ids_json: Json<string[]>;
  created_by: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogsTable {
  tenant_id: string;
  id: string;
  occurred_at: string;
  actor_type: 'staff' | 'apiKey' | 'system' | 'member';
  actor_id: string | null;
  actor_name: string | null;
  store_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: Json<unknown> | null;
  after_json: Json<unknown> | null;
  request_id: string | null;
  ip: string | null;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  idem_key: string;
  request_hash: string;
  response_status: number | null;
  response_body_json: Json<unknown> | null;
  created_at: string;
  expires_at: string;
}

export interface OutboxEventsTable {
  tenant_id: string;
  id: string;
  topic: string;
  payload_json: Json<unknown>;
  created_at: string;
  available_at: string;
  attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  delivered_at: string | null;
}

/** Global (not tenant-owned): which process runs which scheduled job, and until when. */
export interface JobLeasesTable {
  name: string;
  holder: string | null;
  lease_until: string | null;
  last_run_at: string | null;
  last_result: string | null;
}
