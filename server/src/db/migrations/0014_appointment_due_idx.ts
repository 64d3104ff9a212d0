import { sql } from 'kysely';
import type { Migration } from './helpers';

/** The appointments no-show job reads booked appointments by end time across tenants. */
export const m0014_appointment_due_idx: Migration = {
  async up(db) {
    await db.schema.createIndex('appointments_booked_ends_idx').on('appointments').columns(['ends_at']).where(sql.ref('status'), '=', 'booked').execute();
  },
};
