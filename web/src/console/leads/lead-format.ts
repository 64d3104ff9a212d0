// Lead stages as the console names and colours them, and which moves the pipeline allows
// (the same rules the server applies: forwards, skipping allowed; lost from any open stage;
// a lost lead reopens as an enquiry or contacted; conversion goes through /convert).
import type { MsgKey } from '../i18n';
import type { LeadStatus } from '../members/types';

export const PIPELINE: LeadStatus[] = ['enquiry', 'contacted', 'trial_booked', 'trial_attended'];
export const STATUSES: LeadStatus[] = [...PIPELINE, 'converted', 'lost'];

export const STATUS_LABEL: Record<LeadStatus, MsgKey> = {
  enquiry: 'leads.status.enquiry',
  contacted: 'leads.status.contacted',
  trial_booked: 'leads.status.trial_booked',
  trial_attended: 'leads.status.trial_attended',
  converted: 'leads.status.converted',
  lost: 'leads.status.lost',
};

export const STATUS_COLOR: Record<LeadStatus, string> = {
  enquiry: '#8c8c8c',
  contacted: '#1668dc',
  trial_booked: '#722ed1',
  trial_attended: '#d48806',
  converted: '#389e0d',
  lost: '#cf1322',
};

export function isOpen(s: LeadStatus): boolean {
  return PIPELINE.includes(s);
}

/** Whether a lead may move from one stage to another (converted only through conversion). */
export function canMove(from: LeadStatus, to: LeadStatus): boolean {
  if (from === to) return false;
  if (to === 'converted') return isOpen(from);
  if (from === 'converted') return false;
  if (to === 'lost') return isOpen(from);
  if (from === 'lost') return to === 'enquiry' || to === 'contacted';
  return PIPELINE.indexOf(to) > PIPELINE.indexOf(from);
}
