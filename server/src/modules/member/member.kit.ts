import type { Database, Executor } from '../../db/database';
import type { Clock } from '../../shared/clock';
import { businessDate } from '../../shared/clock';
import { type Ctx, hasPermission } from '../../shared/context';
import type { FieldCipher } from '../../shared/crypto';
import type { Locale } from '../../shared/i18n';
import type { MemberOrigin } from '../../db/schema';
import type { AuditService } from '../audit';
import { maskMobile } from '../audit';
import type { OrgService } from '../org';
import { familyRepo } from './family.repo';
import { solarToLunar } from './lunar.rules';
import { MemberErrors } from './member.errors';
import { type CustomFieldRow, type MemberRow, customRepo, membersRepo, settingsRepo, tagsRepo, termsRepo } from './member.repo';
import { customValueOut, formatMemberNo, memberTerms } from './member.rules';
import type { CustomFieldDto, MemberDto, MemberSummary } from './member.schemas';
import type { TimelineService } from './timeline.service';

/** What the member module's services share: collaborators and small helpers. */
export interface MemberDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  /** Field encryption; created on first use (see config loadDataKeys). */
  cipher: () => FieldCipher;
}

export const ERASED_NAME: Record<Locale, string> = { 'zh-CN': '已注销会员', en: 'Erased member' };

export type MemberKit = ReturnType<typeof createMemberKit>;

/** Other modules react to a new member inside the creating transaction (e.g. sign-up points). */
export type MemberCreatedHook = (trx: Executor, ctx: Ctx, member: { id: string; homeStoreId: string; origin: MemberOrigin; referrerMemberId: string | null }) => Promise<void>;

/** Opening balances of one newly imported member, as the money modules credit them. */
export interface OpeningCredit {
  memberId: string;
  storeId: string;
  importJobId: string;
  /** Spreadsheet row, for the ledger's reason. */
  row: number;
  storedValue: number;
  bonusValue: number;
  points: number;
  sessions: number;
  cardProductId: string | null;
  cardExpiry: string | null;
}

/**
 * How imported opening balances reach the ledger: registered by the wiring (stored value, points
 * and cards live in modules that build on this one).
 */
export interface OpeningBalanceHandler {
  /** Card products by the names (or codes) a file uses, keyed by the lower-case key. */
  cardProducts(x: Executor, tenantId: string, keys: string[]): Promise<Map<string, { id: string; name: string; keepsSessions: boolean }>>;
  /** Credit one new member's opening balances inside the import's transaction. */
  apply(trx: Executor, ctx: Ctx, credit: OpeningCredit): Promise<void>;
}

export function createMemberKit(deps: MemberDeps & { timeline: TimelineService }) {
  const { database, clock, org } = deps;
  const db = database.db;

  const seeMobile = (ctx: Ctx) => hasPermission(ctx, 'member.mobile.view');
  const showMobile = (ctx: Ctx, mobile: string | null) => (mobile && !seeMobile(ctx) ? maskMobile(mobile) : mobile);
  const nameOf = (ctx: Ctx, r: Pick<MemberRow, 'name' | 'erased_at'>) => (r.erased_at ? ERASED_NAME[ctx.locale] : r.name);

  function presentField(r: CustomFieldRow, locale: Locale): CustomFieldDto {
    return {
      id: r.id,
      key: r.field_key,
      labelZh: r.label_zh,
      labelEn: r.label_en,
      label: locale === 'en' ? r.label_en : r.label_zh,
      type: r.field_type,
      options: r.options_json,
      isRequired: r.is_required,
      isActive: r.is_active,
      sortOrder: r.sort_order,
    };
  }

  type SummaryRow = Pick<
    MemberRow,
    'id' | 'member_no' | 'name' | 'gender' | 'birthday' | 'mobile' | 'card_no' | 'home_store_id' | 'source_channel' | 'has_photo' | 'created_at' | 'erased_at'
  >;

  function summary(ctx: Ctx, r: SummaryRow, tags: string[]): MemberSummary {
    return {
      id: r.id,
      memberNo: r.member_no,
      name: nameOf(ctx, r),
      gender: r.gender,
      birthday: r.birthday,
      mobile: showMobile(ctx, r.mobile),
      isMobileMasked: !!r.mobile && !seeMobile(ctx),
      cardNo: r.card_no,
      homeStoreId: r.home_store_id,
      sourceChannel: r.source_channel,
      tags,
      hasPhoto: r.has_photo,
      createdAt: r.created_at,
      erasedAt: r.erased_at,
    };
  }

  const createdHooks: MemberCreatedHook[] = [];
  const opening: { handler: OpeningBalanceHandler | null } = { handler: null };

  return {
    ...deps,
    db,
    createdHooks,
    opening,
    seeMobile,
    showMobile,
    nameOf,
    presentField,
    summary,

    async tenantInfo(ctx: Ctx) {
      return org.getTenant(ctx);
    },

    /** Today in the tenant's time zone. */
    async today(ctx: Ctx): Promise<string> {
      return businessDate(clock.now(), (await org.getTenant(ctx)).timeZone);
    },

    /**
     * A member of the caller's tenant. Any staff member with member.read may open any member of
     * the tenant (chain members are served at every store); lists and exports apply the store scope.
     */
    async requireMember(x: Executor, ctx: Ctx, memberId: string, opts: { lock?: boolean; live?: boolean } = {}): Promise<MemberRow> {
      const row = opts.lock ? await membersRepo.lockById(x, database.dialect, ctx.tenantId, memberId) : await membersRepo.byId(x, ctx.tenantId, memberId);
      if (!row) throw MemberErrors.MEMBER_NOT_FOUND({ details: { memberId } });
      if (opts.live && row.erased_at) throw MemberErrors.MEMBER_ERASED();
      return row;
    },

    customDefs: (x: Executor, tenantId: string) => customRepo.fields(x, tenantId),

    async presentSummaries(x: Executor, ctx: Ctx, rows: MemberRow[]): Promise<MemberSummary[]> {
      const tags = await tagsRepo.forMembers(x, ctx.tenantId, rows.map((r) => r.id));
      return rows.map((r) => summary(ctx, r, tags.get(r.id) ?? []));
    },

    async present(x: Executor, ctx: Ctx, r: MemberRow): Promise<MemberDto> {
      const [tags, values, defs] = await Promise.all([tagsRepo.forMembers(x, ctx.tenantId, [r.id]), customRepo.valuesFor(x, ctx.tenantId, [r.id]), customRepo.fields(x, ctx.tenantId)]);
      const byId = new Map(defs.map((d) => [d.id, d]));
      const customFields: Record<string, string | number | null> = {};
      for (const v of values) {
        const def = byId.get(v.field_id);
        if (def) customFields[def.field_key] = customValueOut(def.field_type, v);
      }
      const lunar = r.birthday && r.birthday_calendar === 'lunar' ? solarToLunar(r.birthday) : null;
      return {
        ...summary(ctx, r, tags.get(r.id) ?? []),
        namePinyin: r.name_pinyin,
        nameInitials: r.name_initials,
        birthdayCalendar: r.birthday_calendar,
        lunarBirthday: lunar,
        email: r.email,
        address: r.address,
        referrerMemberId: r.referrer_member_id,
        referrerName: r.referrer_name,
        interests: r.interests_json,
        goals: r.goals,
        notes: r.notes,
        customFields,
        emergencyContact: r.emergency_name ? { name: r.emergency_name, relation: r.emergency_relation, mobile: showMobile(ctx, r.emergency_mobile) } : null,
        origin: r.origin,
        updatedAt: r.updated_at,
      };
    },

    /**
     * Reserve `n` member numbers: the tenant's counter row is locked until the transaction ends,
     * so concurrent creations never share a number and a rolled-back creation leaves no gap.
     * Numbers already taken (imported from another system) are skipped.
     */
    async allocateMemberNos(trx: Executor, tenantId: string, n: number): Promise<string[]> {
      await settingsRepo.ensure(trx, tenantId, clock.iso());
      const s = await settingsRepo.lock(trx, database.dialect, tenantId);
      const out: string[] = [];
      let next = Number(s.next_number);
      while (out.length < n) {
        const want = n - out.length;
        const candidates = Array.from({ length: want }, (_, i) => formatMemberNo(s.number_prefix, s.number_width, next + i));
        const taken = await membersRepo.memberNosTaken(trx, tenantId, candidates);
        for (const c of candidates) if (!taken.has(c)) out.push(c);
        next += want;
      }
      await settingsRepo.update(trx, tenantId, { next_number: next, updated_at: clock.iso() });
      return out;
    },

    /** Rewrite a member's search terms from their name and their children's names. */
    async rebuildTerms(trx: Executor, tenantId: string, memberId: string, name: string): Promise<void> {
      const children = await familyRepo.dependentNamesOf(trx, tenantId, memberId);
      await termsRepo.replace(trx, tenantId, memberId, memberTerms(name, children));
    },
  };
}
