import { type Executor, inTransaction } from '../../db/database';
import { type Ctx, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { consentRepo } from './consent.repo';
import { type DependentRow, familyRepo } from './family.repo';
import type { DependentCreate, DependentDto, DependentUpdate } from './family.schemas';
import { type FieldProblem, MemberErrors, invalidFields } from './member.errors';
import type { MemberKit } from './member.kit';
import { type MemberRow, membersRepo } from './member.repo';
import { isUnder14, monthDay, normalizeText } from './member.rules';

export const MAX_GUARDIANS = 4;

type InlineConsent = { textId: string; grantedByName?: string; channel: 'desk' | 'paper' | 'portal' };

/**
 * Families (早教): children with guardians, people allowed to pick them up, emergency contacts.
 * A parent can hold several children and a child can have several guardians; children's names
 * join their guardians' search terms, so the desk finds the parent by typing the child's name.
 * Allergies and special needs are visible with member.read: teachers need them on rosters.
 */
export function createFamilyService(kit: MemberKit) {
  const { database, clock, audit, timeline } = kit;
  const db = database.db;

  async function presentDependents(x: Executor, ctx: Ctx, rows: DependentRow[]): Promise<DependentDto[]> {
    const ids = rows.map((r) => r.id);
    const [links, contacts, consents] = await Promise.all([
      familyRepo.guardianshipsOfDependents(x, ctx.tenantId, ids),
      familyRepo.contactsOf(x, ctx.tenantId, ids),
      consentRepo.ofDependents(x, ctx.tenantId, ids),
    ]);
    const members = new Map((await membersRepo.byIds(x, ctx.tenantId, [...new Set(links.map((l) => l.member_id))])).map((m) => [m.id, m]));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      gender: r.gender,
      birthday: r.birthday,
      allergies: r.allergies,
      specialNeeds: r.special_needs,
      school: r.school,
      className: r.class_name,
      notes: r.notes,
      guardians: links
        .filter((l) => l.dependent_id === r.id)
        .map((l) => {
          const m = members.get(l.member_id)!;
          return {
            memberId: m.id,
            memberNo: m.member_no,
            name: kit.nameOf(ctx, m),
            mobile: kit.showMobile(ctx, m.mobile),
            isMobileMasked: !!m.mobile && !kit.seeMobile(ctx),
            relation: l.relation,
            isPrimary: l.is_primary,
          };
        }),
      contacts: contacts
        .filter((c) => c.dependent_id === r.id)
        .map((c) => ({ id: c.id, kind: c.kind, name: c.name, relation: c.relation, mobile: kit.showMobile(ctx, c.mobile) })),
      hasChildConsent: consents.some((c) => c.dependent_id === r.id && c.kind === 'child' && !c.withdrawn_at),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  async function requireDependent(x: Executor, ctx: Ctx, dependentId: string): Promise<DependentRow> {
    const d = await familyRepo.dependentById(x, ctx.tenantId, dependentId);
    if (!d || d.erased_at) throw MemberErrors.DEPENDENT_NOT_FOUND({ details: { dependentId } });
    return d;
  }

  async function guardiansOf(x: Executor, ctx: Ctx, dependentId: string) {
    return familyRepo.guardianshipsOfDependents(x, ctx.tenantId, [dependentId]);
  }

  /** Record a guardian's consent for a child under 14 (PIPL art. 31). */
  async function recordChildConsent(x: Executor, ctx: Ctx, guardian: MemberRow, dependentId: string, c: InlineConsent, relation: string | null): Promise<void> {
    const text = await consentRepo.textById(x, ctx.tenantId, c.textId);
    if (!text) throw MemberErrors.CONSENT_TEXT_NOT_FOUND({ details: { textId: c.textId } });
    if (text.kind !== 'child') throw MemberErrors.CONSENT_TEXT_KIND_MISMATCH({ details: { expected: 'child', got: text.kind } });
    const id = newId(ID_PREFIXES.consent);
    await consentRepo.insert(x, {
      tenant_id: ctx.tenantId,
      id,
      member_id: guardian.id,
      dependent_id: dependentId,
      kind: 'child',
      text_id: text.id,
      granted_by_name: c.grantedByName ?? guardian.name,
      granted_by_relation: relation,
      channel: c.channel,
      granted_at: clock.iso(),
      recorded_by: ctx.actor.id,
      withdrawn_at: null,
      withdrawn_by: null,
    });
    await timeline.append(x, ctx, { memberId: guardian.id, kind: 'consent.granted', refType: 'consent', refId: id, summary: { kind: 'child', version: text.version, dependentId } });
    await audit.record(x, ctx, { action: 'member.consent.grant', entityType: 'member', entityId: guardian.id, after: { consentId: id, kind: 'child', dependentId, version: text.version, channel: c.channel } });
  }

  async function rebuildGuardianTerms(x: Executor, ctx: Ctx, memberIds: string[]): Promise<void> {
    for (const m of await membersRepo.byIds(x, ctx.tenantId, memberIds)) if (!m.erased_at) await kit.rebuildTerms(x, ctx.tenantId, m.id, m.name);
  }

  async function presentOne(x: Executor, ctx: Ctx, dependentId: string): Promise<DependentDto> {
    return (await presentDependents(x, ctx, [(await familyRepo.dependentById(x, ctx.tenantId, dependentId))!]))[0];
  }

  return {
    /** Children whose birthday is on one of these MM-DD days, with their guardians (upcoming dates). */
    async birthdays(ctx: Ctx, mds: string[]) {
      requirePermission(ctx, 'member.read');
      const rows = await familyRepo.dependentsByBirthMd(db, ctx.tenantId, mds);
      return rows.map((r) => ({ dependentId: r.id, name: r.name, birthday: r.birthday, birthMd: r.birth_md, guardianMemberId: r.member_id, isPrimary: r.is_primary }));
    },

    async family(ctx: Ctx, memberId: string) {
      requirePermission(ctx, 'member.read');
      const m = await kit.requireMember(db, ctx, memberId);
      const links = await familyRepo.guardianshipsOfMember(db, ctx.tenantId, memberId);
      const rows = (await familyRepo.dependentsByIds(db, ctx.tenantId, links.map((l) => l.dependent_id))).filter((d) => !d.erased_at);
      return {
        memberId,
        emergencyContact: m.emergency_name ? { name: m.emergency_name, relation: m.emergency_relation, mobile: kit.showMobile(ctx, m.emergency_mobile) } : null,
        dependents: await presentDependents(db, ctx, rows),
      };
    },

    async getDependent(ctx: Ctx, dependentId: string): Promise<DependentDto> {
      requirePermission(ctx, 'member.read');
      await requireDependent(db, ctx, dependentId);
      return presentOne(db, ctx, dependentId);
    },

    async addDependent(ctx: Ctx, memberId: string, input: DependentCreate): Promise<DependentDto> {
      requirePermission(ctx, 'member.write');
      const today = await kit.today(ctx);
      if (input.birthday > today) throw invalidFields(ctx.locale, [{ path: 'birthday', code: 'birthday_in_future' }]);
      return inTransaction(database, async (trx) => {
        const guardian = await kit.requireMember(trx, ctx, memberId, { lock: true, live: true });
        if (isUnder14(input.birthday, today) && !input.consent) throw MemberErrors.CHILD_CONSENT_REQUIRED();
        const now = clock.iso();
        const id = newId(ID_PREFIXES.dependent);
        await familyRepo.insertDependent(trx, {
          tenant_id: ctx.tenantId,
          id,
          name: normalizeText(input.name),
          gender: input.gender ?? null,
          birthday: input.birthday,
          birth_md: monthDay(input.birthday),
          allergies: input.allergies ?? null,
          special_needs: input.specialNeeds ?? null,
          school: input.school ?? null,
          class_name: input.className ?? null,
          notes: input.notes ?? null,
          created_at: now,
          updated_at: now,
          erased_at: null,
        });
        await familyRepo.insertGuardianship(trx, { tenant_id: ctx.tenantId, dependent_id: id, member_id: memberId, relation: input.relation, is_primary: input.isPrimary, created_at: now });
        if (input.consent) await recordChildConsent(trx, ctx, guardian, id, input.consent, input.relation);
        await kit.rebuildTerms(trx, ctx.tenantId, memberId, guardian.name);
        const dto = await presentOne(trx, ctx, id);
        await timeline.append(trx, ctx, { memberId, kind: 'family.dependent.added', refType: 'dependent', refId: id, summary: { relation: input.relation } });
        await audit.record(trx, ctx, { action: 'member.dependent.create', entityType: 'dependent', entityId: id, after: dto });
        return dto;
      });
    },

    async updateDependent(ctx: Ctx, dependentId: string, input: DependentUpdate): Promise<DependentDto> {
      requirePermission(ctx, 'member.write');
      const today = await kit.today(ctx);
      const problems: FieldProblem[] = [];
      if (input.birthday && input.birthday > today) problems.push({ path: 'birthday', code: 'birthday_in_future' });
      if (problems.length) throw invalidFields(ctx.locale, problems);
      return inTransaction(database, async (trx) => {
        const before = await requireDependent(trx, ctx, dependentId);
        const beforeDto = await presentOne(trx, ctx, dependentId);
        const links = await guardiansOf(trx, ctx, dependentId);
        const birthday = input.birthday ?? before.birthday;
        if (isUnder14(birthday, today) && !(await consentRepo.activeChild(trx, ctx.tenantId, dependentId))) {
          if (!input.consent) throw MemberErrors.CHILD_CONSENT_REQUIRED();
          const primary = links.find((l) => l.is_primary) ?? links[0];
          const guardian = await kit.requireMember(trx, ctx, primary.member_id, { live: true });
          await recordChildConsent(trx, ctx, guardian, dependentId, input.consent, primary.relation);
        }
        await familyRepo.updateDependent(trx, ctx.tenantId, dependentId, {
          name: input.name !== undefined ? normalizeText(input.name) : undefined,
          gender: input.gender,
          birthday: input.birthday,
          birth_md: input.birthday ? monthDay(input.birthday) : undefined,
          allergies: input.allergies,
          special_needs: input.specialNeeds,
          school: input.school,
          class_name: input.className,
          notes: input.notes,
          updated_at: clock.iso(),
        });
        if (input.name !== undefined) await rebuildGuardianTerms(trx, ctx, links.map((l) => l.member_id));
        const after = await presentOne(trx, ctx, dependentId);
        await audit.record(trx, ctx, { action: 'member.dependent.update', entityType: 'dependent', entityId: dependentId, before: beforeDto, after, diff: true });
        return after;
      });
    },

    async addGuardian(ctx: Ctx, dependentId: string, input: { memberId: string; relation: string; isPrimary: boolean }): Promise<DependentDto> {
      requirePermission(ctx, 'member.write');
      return inTransaction(database, async (trx) => {
        await requireDependent(trx, ctx, dependentId);
        const guardian = await kit.requireMember(trx, ctx, input.memberId, { lock: true, live: true });
        const links = await guardiansOf(trx, ctx, dependentId);
        if (links.some((l) => l.member_id === input.memberId)) throw MemberErrors.GUARDIAN_EXISTS();
        if (links.length >= MAX_GUARDIANS) throw MemberErrors.GUARDIAN_LIMIT({ params: { max: MAX_GUARDIANS } });
        if (input.isPrimary) await familyRepo.clearPrimary(trx, ctx.tenantId, dependentId);
        await familyRepo.insertGuardianship(trx, { tenant_id: ctx.tenantId, dependent_id: dependentId, member_id: input.memberId, relation: input.relation, is_primary: input.isPrimary, created_at: clock.iso() });
        await kit.rebuildTerms(trx, ctx.tenantId, guardian.id, guardian.name);
        const dto = await presentOne(trx, ctx, dependentId);
        await timeline.append(trx, ctx, { memberId: guardian.id, kind: 'family.guardian.added', refType: 'dependent', refId: dependentId, summary: { relation: input.relation } });
        await audit.record(trx, ctx, { action: 'member.guardian.add', entityType: 'dependent', entityId: dependentId, after: { memberId: input.memberId, relation: input.relation, isPrimary: input.isPrimary } });
        return dto;
      });
    },

    async removeGuardian(ctx: Ctx, dependentId: string, memberId: string): Promise<DependentDto> {
      requirePermission(ctx, 'member.write');
      return inTransaction(database, async (trx) => {
        await requireDependent(trx, ctx, dependentId);
        const links = await guardiansOf(trx, ctx, dependentId);
        const link = links.find((l) => l.member_id === memberId);
        if (!link) throw MemberErrors.GUARDIAN_NOT_FOUND();
        if (links.length === 1) throw MemberErrors.GUARDIAN_LAST();
        await familyRepo.deleteGuardianship(trx, ctx.tenantId, dependentId, memberId);
        await rebuildGuardianTerms(trx, ctx, [memberId]);
        const dto = await presentOne(trx, ctx, dependentId);
        await audit.record(trx, ctx, { action: 'member.guardian.remove', entityType: 'dependent', entityId: dependentId, before: { memberId, relation: link.relation } });
        return dto;
      });
    },

    async addContact(ctx: Ctx, dependentId: string, input: { kind: 'pickup' | 'emergency'; name: string; relation?: string | null; mobile?: string | null }): Promise<DependentDto> {
      requirePermission(ctx, 'member.write');
      return inTransaction(database, async (trx) => {
        await requireDependent(trx, ctx, dependentId);
        const id = newId(ID_PREFIXES.dependentContact);
        await familyRepo.insertContact(trx, { tenant_id: ctx.tenantId, id, dependent_id: dependentId, kind: input.kind, name: input.name, relation: input.relation ?? null, mobile: input.mobile ?? null, created_at: clock.iso() });
        await familyRepo.updateDependent(trx, ctx.tenantId, dependentId, { updated_at: clock.iso() });
        const dto = await presentOne(trx, ctx, dependentId);
        await audit.record(trx, ctx, { action: 'member.dependentContact.create', entityType: 'dependent', entityId: dependentId, after: { id, ...input } });
        return dto;
      });
    },

    async removeContact(ctx: Ctx, dependentId: string, contactId: string): Promise<DependentDto> {
      requirePermission(ctx, 'member.write');
      return inTransaction(database, async (trx) => {
        await requireDependent(trx, ctx, dependentId);
        const c = await familyRepo.contactById(trx, ctx.tenantId, contactId);
        if (!c || c.dependent_id !== dependentId) throw MemberErrors.CONTACT_NOT_FOUND();
        await familyRepo.deleteContact(trx, ctx.tenantId, contactId);
        const dto = await presentOne(trx, ctx, dependentId);
        await audit.record(trx, ctx, { action: 'member.dependentContact.delete', entityType: 'dependent', entityId: dependentId, before: { id: c.id, kind: c.kind, name: c.name, relation: c.relation, mobile: c.mobile } });
        return dto;
      });
    },
  };
}

export type FamilyService = ReturnType<typeof createFamilyService>;
