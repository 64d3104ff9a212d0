import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database';
import type { DependentContactsTable, MemberDependentsTable, MemberGuardianshipsTable } from '../../db/schema';

export type DependentRow = Selectable<MemberDependentsTable>;
export type GuardianshipRow = Selectable<MemberGuardianshipsTable>;
export type ContactRow = Selectable<DependentContactsTable>;

export const familyRepo = {
  insertDependent: (db: Executor, row: Insertable<MemberDependentsTable>) => db.insertInto('member_dependents').values(row).execute(),
  dependentById: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('member_dependents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  dependentsByIds: (db: Executor, tenantId: string, ids: string[]) =>
    ids.length ? db.selectFrom('member_dependents').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).orderBy('birthday').execute() : Promise.resolve([] as DependentRow[]),
  updateDependent: (db: Executor, tenantId: string, id: string, patch: Updateable<MemberDependentsTable>) =>
    db.updateTable('member_dependents').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  insertGuardianship: (db: Executor, row: Insertable<MemberGuardianshipsTable>) => db.insertInto('member_guardianships').values(row).execute(),
  guardianshipsOfMember: (db: Executor, tenantId: string, memberId: string) =>
    db.selectFrom('member_guardianships').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).execute(),
  guardianshipsOfDependents: (db: Executor, tenantId: string, dependentIds: string[]) =>
    dependentIds.length
      ? db.selectFrom('member_guardianships').selectAll().where('tenant_id', '=', tenantId).where('dependent_id', 'in', dependentIds).orderBy('created_at').execute()
      : Promise.resolve([] as GuardianshipRow[]),
  deleteGuardianship: (db: Executor, tenantId: string, dependentId: string, memberId: string) =>
    db.deleteFrom('member_guardianships').where('tenant_id', '=', tenantId).where('dependent_id', '=', dependentId).where('member_id', '=', memberId).executeTakeFirst(),
  clearPrimary: (db: Executor, tenantId: string, dependentId: string) =>
    db.updateTable('member_guardianships').set({ is_primary: false }).where('tenant_id', '=', tenantId).where('dependent_id', '=', dependentId).execute(),

  /** Names of the (not erased) children a member is guardian of: they join the member's search terms. */
  dependentNamesOf: async (db: Executor, tenantId: string, memberId: string) =>
    (
      await db
        .selectFrom('member_guardianships as g')
        .innerJoin('member_dependents as d', (j) => j.onRef('d.tenant_id', '=', 'g.tenant_id').onRef('d.id', '=', 'g.dependent_id'))
        .select('d.name')
        .where('g.tenant_id', '=', tenantId)
        .where('g.member_id', '=', memberId)
        .where('d.erased_at', 'is', null)
        .execute()
    ).map((r) => r.name),

  insertContact: (db: Executor, row: Insertable<DependentContactsTable>) => db.insertInto('dependent_contacts').values(row).execute(),
  contactsOf: (db: Executor, tenantId: string, dependentIds: string[]) =>
    dependentIds.length
      ? db.selectFrom('dependent_contacts').selectAll().where('tenant_id', '=', tenantId).where('dependent_id', 'in', dependentIds).orderBy('created_at').execute()
      : Promise.resolve([] as ContactRow[]),
  contactById: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('dependent_contacts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  deleteContact: (db: Executor, tenantId: string, id: string) => db.deleteFrom('dependent_contacts').where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  deleteContactsOf: (db: Executor, tenantId: string, dependentId: string) =>
    db.deleteFrom('dependent_contacts').where('tenant_id', '=', tenantId).where('dependent_id', '=', dependentId).execute(),

  /** Children in a birthday window (MM-DD values), for the upcoming-dates list. */
  dependentsByBirthMd: (db: Executor, tenantId: string, mds: string[]) =>
    mds.length
      ? db
          .selectFrom('member_dependents as d')
          .innerJoin('member_guardianships as g', (j) => j.onRef('g.tenant_id', '=', 'd.tenant_id').onRef('g.dependent_id', '=', 'd.id'))
          .select(['d.id', 'd.name', 'd.birthday', 'd.birth_md', 'g.member_id', 'g.is_primary'])
          .where('d.tenant_id', '=', tenantId)
          .where('d.birth_md', 'in', mds)
          .where('d.erased_at', 'is', null)
          .execute()
      : Promise.resolve([]),
};
