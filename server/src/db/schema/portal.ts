/** Row types of member sign-in for the portal (0012_member_portal). */

export interface MemberLoginCodesTable {
  tenant_id: string;
  id: string;
  member_id: string;
  /** sha256 of the member id and the code: the code itself is never stored here. */
  code_hash: string;
  /** Wrong codes tried against this one. */
  attempts: number;
  ip: string | null;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

export interface MemberSessionsTable {
  tenant_id: string;
  id: string;
  member_id: string;
  token_hash: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}
