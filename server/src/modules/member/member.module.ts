import type { Executor } from '../../db/database';
import type { Ctx } from '../../shared/context';
import { createExportService } from './export.service';
import { createFamilyService } from './family.service';
import { createImportService } from './import/import.service';
import { createMediaService } from './media.service';
import { familyRepo } from './family.repo';
import { type MemberCreatedHook, type MemberDeps, type OpeningBalanceHandler, createMemberKit } from './member.kit';
import { membersRepo } from './member.repo';
import { createProfileService } from './member.service';
import { createPrivacyService } from './privacy.service';
import { createSearchService } from './search.service';
import { createSensitiveService } from './sensitive.service';
import { createMemberSettingsService } from './settings.service';
import { createTimelineService } from './timeline.service';

/** What other modules may know about a member. */
/** What other modules may know about a child (dependent): its name and its guardians. */
export interface DependentBrief {
  id: string;
  name: string;
  guardianMemberIds: string[];
  /** For age-ranged classes and teachers' rosters. */
  birthday: string;
  allergies: string | null;
  specialNeeds: string | null;
  /** The family's notes on the child (teachers' rosters). */
  notes: string | null;
}

export interface MemberBrief {
  id: string;
  memberNo: string;
  name: string;
  homeStoreId: string;
  mobile: string | null;
  referrerMemberId: string | null;
  erasedAt: string | null;
  /** Solar birthday, when known (age-ranged classes). */
  birthday: string | null;
}

/** The member module, wired once (services.ts). Other modules use only the members.* facade. */
export function createMemberModule(deps: MemberDeps) {
  const timeline = createTimelineService(deps);
  const kit = createMemberKit({ ...deps, timeline });
  const profiles = createProfileService(kit);
  const search = createSearchService(kit);
  const settings = createMemberSettingsService(kit);
  const media = createMediaService(kit);
  const family = createFamilyService(kit);
  const sensitive = createSensitiveService(kit);
  const privacy = createPrivacyService(kit, { family, sensitive });
  const exports = createExportService(kit, search);
  const imports = createImportService(kit);

  const brief = (ctx: Ctx, r: Parameters<typeof kit.nameOf>[1] & { id: string; member_no: string; home_store_id: string; mobile: string | null; referrer_member_id: string | null; birthday: string | null }): MemberBrief => ({
    id: r.id,
    memberNo: r.member_no,
    name: kit.nameOf(ctx, r),
    homeStoreId: r.home_store_id,
    mobile: kit.showMobile(ctx, r.mobile),
    referrerMemberId: r.referrer_member_id,
    erasedAt: r.erased_at,
    birthday: r.birthday,
  });

  return {
    profiles,
    search,
    settings,
    media,
    family,
    sensitive,
    privacy,
    exports,
    imports,

    // ---- for other modules ----
    /** Today's business date in the tenant's time zone. */
    today: (ctx: Ctx) => kit.today(ctx),
    /** Append to a member's timeline inside the caller's transaction. */
    timeline: { append: timeline.append },
    /** Run `hook` inside the transaction that creates one member (desk, API, lead conversion; bulk imports do not run it). */
    onCreated(hook: MemberCreatedHook): void {
      kit.createdHooks.push(hook);
    },
    /** Register how imported opening balances (stored value, points, card sessions) are credited. */
    registerOpeningBalances(handler: OpeningBalanceHandler): void {
      kit.opening.handler = handler;
    },
    /** Register a module's personal data of members, for erasure and the data export. */
    registerPersonalData: privacy.register,
    /** A member of the caller's tenant (404 otherwise; 409 when erased and `live`). */
    async requireMember(x: Executor, ctx: Ctx, memberId: string, opts: { live?: boolean; lock?: boolean } = {}): Promise<MemberBrief> {
      return brief(ctx, await kit.requireMember(x, ctx, memberId, opts));
    },
    /** The live member holding a mobile number, if any. */
    async findByMobile(x: Executor, ctx: Ctx, mobile: string): Promise<MemberBrief | null> {
      const r = await membersRepo.byMobile(x, ctx.tenantId, mobile);
      return r ? brief(ctx, r) : null;
    },
    /** The live children a member is a guardian of. */
    async childrenOf(x: Executor, ctx: Ctx, memberId: string): Promise<DependentBrief[]> {
      const links = await familyRepo.guardianshipsOfMember(x, ctx.tenantId, memberId);
      const all = await this.dependentBriefs(x, ctx, links.map((l) => l.dependent_id));
      return [...all.values()];
    },
    /** Members by id (unknown ids are left out), mobiles masked as the caller may see them. */
    async briefs(x: Executor, ctx: Ctx, ids: string[]): Promise<Map<string, MemberBrief>> {
      const rows = await membersRepo.byIds(x, ctx.tenantId, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, brief(ctx, r)]));
    },
    /** Children by id (unknown and erased ones are left out), with the members who are their guardians. */
    async dependentBriefs(x: Executor, ctx: Ctx, ids: string[]): Promise<Map<string, DependentBrief>> {
      const rows = (await familyRepo.dependentsByIds(x, ctx.tenantId, [...new Set(ids)])).filter((d) => !d.erased_at);
      const links = await familyRepo.guardianshipsOfDependents(x, ctx.tenantId, rows.map((r) => r.id));
      return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, guardianMemberIds: links.filter((l) => l.dependent_id === r.id).map((l) => l.member_id), birthday: r.birthday, allergies: r.allergies, specialNeeds: r.special_needs, notes: r.notes }]));
    },
    /** Live members with one of these birthday MM-DD values (solar) or lunar MM-DD values, in the caller's scope. */
    upcomingBirthdays: (ctx: Ctx, solarMds: string[], lunarMds: string[]) => search.birthdays(ctx, solarMds, lunarMds),
    /** Children with a birthday on one of these MM-DD values, with their guardians. */
    upcomingChildBirthdays: (ctx: Ctx, mds: string[]) => family.birthdays(ctx, mds),
  };
}

export type MemberModule = ReturnType<typeof createMemberModule>;
