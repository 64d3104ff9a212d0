// What the import wizard offers to map columns to, and how a job's status is coloured.
import type { MsgKey } from '../i18n';
import type { ImportJob } from './types';

export const IMPORT_FIELDS: { value: string; label: MsgKey }[] = [
  { value: 'name', label: 'members.field.name' },
  { value: 'mobile', label: 'members.field.mobile' },
  { value: 'gender', label: 'members.field.gender' },
  { value: 'birthday', label: 'members.field.birthday' },
  { value: 'email', label: 'members.field.email' },
  { value: 'address', label: 'members.field.address' },
  { value: 'cardNo', label: 'members.field.cardNo' },
  { value: 'memberNo', label: 'members.field.memberNo' },
  { value: 'homeStore', label: 'members.field.homeStore' },
  { value: 'sourceChannel', label: 'members.field.sourceChannel' },
  { value: 'referrerName', label: 'members.field.referrer' },
  { value: 'tags', label: 'members.field.tags' },
  { value: 'interests', label: 'members.field.interests' },
  { value: 'goals', label: 'members.field.goals' },
  { value: 'notes', label: 'members.field.notes' },
];
export const OPENING_FIELDS: { value: string; label: MsgKey }[] = [
  { value: 'openingStoredValue', label: 'import.field.openingStoredValue' },
  { value: 'openingBonusValue', label: 'import.field.openingBonusValue' },
  { value: 'openingPoints', label: 'import.field.openingPoints' },
  { value: 'openingSessions', label: 'import.field.openingSessions' },
  { value: 'openingCardProduct', label: 'import.field.openingCardProduct' },
  { value: 'openingCardExpiry', label: 'import.field.openingCardExpiry' },
];

export const STATUS_COLOR: Record<ImportJob['status'], string> = {
  uploaded: 'default',
  validating: 'processing',
  validated: 'blue',
  applying: 'processing',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'default',
};
