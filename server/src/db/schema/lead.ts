/** Row types of the lead module (the sales pipeline before someone becomes a member). */

export type LeadStatus = 'enquiry' | 'contacted' | 'trial_booked' | 'trial_attended' | 'converted' | 'lost';

export interface LeadsTable {
  tenant_id: string;
  id: string;
  name: string;
  mobile: string | null;
  gender: 'male' | 'female' | 'unknown' | null;
  child_name: string | null;
  child_birthday: string | null;
  interest: string | null;
  notes: string | null;
  source_channel: string | null;
  store_id: string | null;
  owner_staff_id: string | null;
  status: LeadStatus;
  lost_reason: string | null;
  next_follow_up_date: string | null;
  trial_at: string | null;
  last_contacted_at: string | null;
  converted_member_id: string | null;
  converted_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  erased_at: string | null;
}

export interface LeadEventsTable {
  tenant_id: string;
  id: string;
  lead_id: string;
  occurred_at: string;
  kind: 'created' | 'status' | 'note' | 'update' | 'converted';
  from_status: LeadStatus | null;
  to_status: LeadStatus | null;
  note: string | null;
  actor_id: string | null;
  actor_name: string | null;
}
