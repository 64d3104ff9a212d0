import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import type { ConsentKind, ConsentTextsTable, MemberConsentsTable, MemberSensitiveTable } from '../../db/schema';

export type ConsentRow = Selectable<MemberConsentsTable>;
export type ConsentTextRow = Selectable<ConsentTextsTable>;
export type SensitiveRow = Selectable<MemberSensitiveTable>;

export const consentRepo = {
  texts: (db: Executor, tenantId: string) =>
    db.selectFrom('consent_texts').selectAll().where('tenant_id', '=', tenantId).orderBy('kind').orderBy('created_at', 'desc').execute(),
  textById: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('consent_texts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  insertText: (db: Executor, row: Insertable<ConsentTextsTable>) => db.insertInto('consent_texts').values(row).execute(),
  hasTexts: async (db: Executor, tenantId: string) => !!(await db.selectFrom('consent_texts').select('id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirst()),

  insert: (db: Executor, row: Insertable<MemberConsentsTable>) => db.insertInto('member_consents').values(row).execute(),
  byId: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('member_consents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  ofMember: (db: Executor, tenantId: string, memberId: string) =>
    db.selectFrom('member_consents').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).orderBy('granted_at', 'desc').execute(),
  ofDependents: (db: Executor, tenantId: string, dependentIds: string[]) =>
    dependentIds.length
      ? db.selectFrom('member_consents').selectAll().where('tenant_id', '=', tenantId).where('dependent_id', 'in', dependentIds).orderBy('granted_at', 'desc').execute()
      : Promise.resolve([] as ConsentRow[]),
  active: (db: Executor, tenantId: string, memberId: string, kind: ConsentKind) =>
    db
      .selectFrom('member_consents')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('member_id', '=', memberId)
      .where('kind', '=', kind)
      .where('dependent_id', 'is', null)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst(),
  activeChild: (db: Executor, tenantId: string, dependentId: string) =>
    db
      .selectFrom('member_consents')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('dependent_id', '=', dependentId)
      .where('kind', '=', 'child')
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst(),
  anonymiseSigner: (db: Executor, tenantId: string, memberId: string, name: string) =>
    db.updateTable('member_consents').set({ granted_by_name: name, granted_by_relation: null }).where('tenant_id', '=', tenantId).where('member_id', '=', memberId).execute(),
  withdraw: (db: Executor, tenantId: string, id: string, at: string, by: string | null) =>
    db.updateTable('member_consents').set({ withdrawn_at: at, withdrawn_by: by }).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
};

export const sensitiveRepo = {
  get: (db: Executor, tenantId: string, memberId: string) =>
    db.selectFrom('member_sensitive').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).executeTakeFirst(),
  put: async (db: Executor, row: SensitiveRow) => {
    await db.deleteFrom('member_sensitive').where('tenant_id', '=', row.tenant_id).where('member_id', '=', row.member_id).execute();
    await db.insertInto('member_sensitive').values(row).execute();
  },
  delete: (db: Executor, tenantId: string, memberId: string) =>
    db.deleteFrom('member_sensitive').where('tenant_id', '=', tenantId).where('member_id', '=', memberId).execute(),
  /** Every encrypted row, in pages, for key rotation. */
  page: (db: Executor, afterKey: [string, string] | null, limit: number) => {
    let q = db.selectFrom('member_sensitive').selectAll();
    if (afterKey) q = q.where((eb) => eb.or([eb('tenant_id', '>', afterKey[0]), eb.and([eb('tenant_id', '=', afterKey[0]), eb('member_id', '>', afterKey[1])])]));
    return q.orderBy('tenant_id').orderBy('member_id').limit(limit).execute();
  },
  setCiphertexts: (db: Executor, tenantId: string, memberId: string, patch: { id_number_enc: string | null; health_enc: string | null }) =>
    db.updateTable('member_sensitive').set(patch).where('tenant_id', '=', tenantId).where('member_id', '=', memberId).execute(),
};
