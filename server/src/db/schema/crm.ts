/** Row types of the CRM module (interactions and important dates). */

export type InteractionKind = 'consultation' | 'complaint' | 'suggestion' | 'visit';
export type InteractionStatus = 'open' | 'in_progress' | 'resolved';

export interface MemberInteractionsTable {
  tenant_id: string;
  id: string;
  member_id: string;
  /** The member's home store when recorded: store-scoped staff see their stores' interactions. */
  store_id: string | null;
  kind: InteractionKind;
  /** Complaints and suggestions move open → in_progress → resolved; others have no status. */
  status: InteractionStatus | null;
  subject: string | null;
  content: string;
  channel: string | null;
  owner_staff_id: string | null;
  resolution: string | null;
  follow_up_date: string | null;
  occurred_at: string;
  resolved_at: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
  updated_at: string;
}

export type ImportantDateKind = 'anniversary' | 'custom';

export interface MemberImportantDatesTable {
  tenant_id: string;
  id: string;
  member_id: string;
  kind: ImportantDateKind;
  label: string;
  event_date: string;
  /** MM-DD of event_date, for the upcoming list. */
  event_md: string;
  is_recurring: boolean;
  created_at: string;
}
