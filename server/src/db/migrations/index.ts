import type { Migration as KyselyMigration } from 'kysely';
import type { Dialect } from '../dialect';
import { m0001_foundation } from './0001_foundation';
import { m0002_1_members } from './0002_1_members';
import { m0002_2_member_imports } from './0002_2_member_imports';
import { m0002_3_crm_leads } from './0002_3_crm_leads';
import { m0003_money } from './0003_money';
import { m0005_retail } from './0005_retail';
import { m0006_cards } from './0006_cards';
import { m0006_points_events } from './0006_points_events';
import { m0007_classes } from './0007_classes';
import { m0008_attendance } from './0008_attendance';
import { m0009_class_feedback } from './0009_class_feedback';
import { m0012_member_portal } from './0012_member_portal';
import { m0013_access_version } from './0013_access_version';
import { m0014_appointment_due_idx } from './0014_appointment_due_idx';
import { m0010_appointments } from './0010_appointments';
import { m0011_cancel_policy } from './0011_cancel_policy';
import type { Migration } from './helpers';

/**
 * The one migration set for both databases, in order. Names are never changed once released.
 * Later issues append here.
 */
const MIGRATIONS: [string, Migration][] = [
  ['0001_foundation', m0001_foundation],
  ['0002_1_members', m0002_1_members],
  ['0002_2_member_imports', m0002_2_member_imports],
  ['0002_3_crm_leads', m0002_3_crm_leads],
  ['0003_money', m0003_money],
  ['0005_retail', m0005_retail],
  ['0006_cards', m0006_cards],
  ['0006_points_events', m0006_points_events],
  ['0007_classes', m0007_classes],
  ['0008_attendance', m0008_attendance],
  ['0009_class_feedback', m0009_class_feedback],
  ['0010_appointments', m0010_appointments],
  ['0011_cancel_policy', m0011_cancel_policy],
  ['0012_member_portal', m0012_member_portal],
  ['0013_access_version', m0013_access_version],
  ['0014_appointment_due_idx', m0014_appointment_due_idx],
];

export function migrationsFor(d: Dialect): Record<string, KyselyMigration> {
  const out: Record<string, KyselyMigration> = {};
  for (const [name, m] of MIGRATIONS) out[name] = { up: (db) => m.up(db, d) };
  return out;
}
