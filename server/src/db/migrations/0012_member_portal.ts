import { columnTypes } from '../dialect';
import { type Migration, tenantTable } from './helpers';

/**
 * Members signing in to the portal with their mobile and a one-time code: the codes (only
 * their hash is kept; a code is used once, expires in minutes and allows a few wrong tries) and
 * member sessions (a cookie of their own, separate from staff sessions; revocable).
 */
export const m0012_member_portal: Migration = {
  async up(db, d) {
    const t = columnTypes(d.kind);
    await tenantTable(db, 'member_login_codes')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('consumed_at', t.timestamp)
      .addPrimaryKeyConstraint('member_login_codes_pk', ['tenant_id', 'id'])
      .addForeignKeyConstraint('member_login_codes_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('member_login_codes_member_idx').on('member_login_codes').columns(['tenant_id', 'member_id', 'created_at']).execute();

    await tenantTable(db, 'member_sessions')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('revoked_at', t.timestamp)
      .addPrimaryKeyConstraint('member_sessions_pk', ['tenant_id', 'id'])
      .addUniqueConstraint('member_sessions_token_uq', ['tenant_id', 'token_hash'])
      .addForeignKeyConstraint('member_sessions_member_fk', ['tenant_id', 'member_id'], 'members', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('member_sessions_member_idx').on('member_sessions').columns(['tenant_id', 'member_id']).execute();
  },
};
