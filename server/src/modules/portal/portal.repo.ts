import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database';
import type { MemberLoginCodesTable, MemberSessionsTable } from '../../db/schema';

/** Kysely only: member sign-in codes and member sessions. */
export const portalRepo = {
  insertCode: (db: Executor, row: Insertable<MemberLoginCodesTable>) => db.insertInto('member_login_codes').values(row).execute(),
  latestCode: (db: Executor, tenantId: string, memberId: string) =>
    db.selectFrom('member_login_codes').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst(),
  countWrong: (db: Executor, tenantId: string, id: string) =>
    db.updateTable('member_login_codes').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  /** Marks the code used; false when another request used it first. */
  consume: async (db: Executor, tenantId: string, id: string, nowIso: string) => {
    const r = await db.updateTable('member_login_codes').set({ consumed_at: nowIso }).where('tenant_id', '=', tenantId).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  insertSession: (db: Executor, row: Insertable<MemberSessionsTable>) => db.insertInto('member_sessions').values(row).execute(),
  sessionByTokenHash: (db: Executor, tenantId: string, tokenHash: string) =>
    db
      .selectFrom('member_sessions')
      .select(['id', 'member_id', 'csrf_token', 'expires_at', 'revoked_at', 'last_seen_at'])
      .where('tenant_id', '=', tenantId)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst(),
  touchSession: (db: Executor, tenantId: string, id: string, nowIso: string) =>
    db.updateTable('member_sessions').set({ last_seen_at: nowIso }).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  revokeSession: (db: Executor, tenantId: string, id: string, nowIso: string) =>
    db.updateTable('member_sessions').set({ revoked_at: nowIso }).where('tenant_id', '=', tenantId).where('id', '=', id).where('revoked_at', 'is', null).execute(),
};
