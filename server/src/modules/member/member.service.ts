import { type Executor, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import type { MemberOrigin } from '../../db/schema';
import { type Ctx, canAccessStore, requirePermission, requireStoreAccess } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { OrgErrors } from '../org';
import { lunarMonthDay, lunarToSolar, solarToLunar } from './lunar.rules';
import { type FieldProblem, MemberErrors, invalidFields } from './member.errors';
import type { MemberKit } from './member.kit';
import { type MemberInsert, type MemberPatch, type MemberRow, customRepo, membersRepo, tagsRepo } from './member.repo';
import { type CustomValue, checkCustomValue, mobileLast4, monthDay, nameKeys, normalizeCardNo, normalizeTags, normalizeText } from './member.rules';
import type { MemberCreate, MemberDto, MemberUpdate } from './member.schemas';

type Custom = { fieldId: string; value: CustomValue | null }[];

/** Read before a creating transaction: the home store to use and today's business date. */
export interface CreatePrep {
  homeStoreId: string | null;
  today: string;
}

/** Profiles: create, read, update. Search, lists and settings live beside this file. */
export function createProfileService(kit: MemberKit) {
  const { database, clock, audit, org, timeline } = kit;
  const db = database.db;

  async function checkCustom(x: Executor, ctx: Ctx, input: Record<string, unknown> | undefined, creating: boolean, problems: FieldProblem[]): Promise<Custom> {
    const defs = await kit.customDefs(x, ctx.tenantId);
    const byKey = new Map(defs.map((d) => [d.field_key, d]));
    const out: Custom = [];
    for (const [key, raw] of Object.entries(input ?? {})) {
      const def = byKey.get(key);
      const path = `customFields.${key}`;
      if (!def) problems.push({ path, code: 'custom_field_unknown' });
      else if (!def.is_active) problems.push({ path, code: 'custom_field_inactive' });
      else {
        const r = checkCustomValue({ id: def.id, key, type: def.field_type, options: def.options_json, isRequired: def.is_required, isActive: true }, raw);
        if (!r.ok) problems.push({ path, code: r.reason });
        else if (!r.value && def.is_required) problems.push({ path, code: 'custom_field_required' });
        else out.push({ fieldId: def.id, value: r.value });
      }
    }
    if (creating) {
      for (const d of defs) if (d.is_active && d.is_required && !(input && d.field_key in input)) problems.push({ path: `customFields.${d.field_key}`, code: 'custom_field_required' });
    }
    return out;
  }

  /** Birthday fields from the input: a solar date, or a lunar date converted to solar. */
  function birthdayPatch(input: MemberUpdate, before: MemberRow | null, today: string, problems: FieldProblem[]): Partial<MemberInsert> {
    let birthday = before?.birthday ?? null;
    let calendar = before?.birthday_calendar ?? 'solar';
    if (input.lunarBirthday) {
      const solar = lunarToSolar(input.lunarBirthday);
      if (!solar) {
        problems.push({ path: 'lunarBirthday', code: 'lunar_date_invalid' });
        return {};
      }
      birthday = solar;
      calendar = 'lunar';
    } else if (input.birthday !== undefined) {
      birthday = input.birthday;
    }
    if (input.birthdayCalendar) calendar = input.birthdayCalendar;
    if (birthday && birthday > today) problems.push({ path: input.lunarBirthday ? 'lunarBirthday' : 'birthday', code: 'birthday_in_future' });
    return {
      birthday,
      birthday_calendar: calendar,
      birth_md: birthday ? monthDay(birthday) : null,
      lunar_md: birthday && calendar === 'lunar' ? lunarMonthDay(solarToLunar(birthday)) : null,
    };
  }

  /**
   * Before the transaction (it reads outside one): the home store — given, else the store the
   * desk works in, else the caller's only store — and today's business date.
   */
  async function prepare(ctx: Ctx, givenStoreId: string | null | undefined): Promise<CreatePrep> {
    let storeId = givenStoreId ?? ctx.storeId ?? null;
    if (!storeId) {
      const stores = await org.storesForScope(ctx.tenantId, ctx.storeScope);
      if (stores.length === 1) storeId = stores[0].id;
    }
    return { homeStoreId: storeId, today: await kit.today(ctx) };
  }

  async function checkHomeStore(x: Executor, ctx: Ctx, storeId: string | null): Promise<string> {
    if (!storeId) throw MemberErrors.MEMBER_HOME_STORE_REQUIRED();
    if (!(await org.storeExists(ctx.tenantId, storeId, x))) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId } });
    requireStoreAccess(ctx, storeId);
    return storeId;
  }

  async function checkUniques(x: Executor, ctx: Ctx, memberId: string | null, mobile: string | null, cardNo: string | null): Promise<void> {
    if (mobile) {
      const other = await membersRepo.byMobile(x, ctx.tenantId, mobile);
      if (other && other.id !== memberId) throw MemberErrors.MEMBER_MOBILE_TAKEN({ params: { memberNo: other.member_no }, details: { path: 'mobile', memberNo: other.member_no } });
    }
    if (cardNo) {
      const other = await membersRepo.byCardNo(x, ctx.tenantId, cardNo);
      if (other && other.id !== memberId) throw MemberErrors.MEMBER_CARD_TAKEN({ params: { memberNo: other.member_no }, details: { path: 'cardNo', memberNo: other.member_no } });
    }
  }

  /** A concurrent writer took the mobile or card between our check and our insert. */
  async function explainUniqueViolation(err: unknown, ctx: Ctx, memberId: string | null, mobile: string | null | undefined, cardNo: string | null | undefined): Promise<never> {
    if (database.dialect.isUniqueViolation(err)) {
      await checkUniques(db, ctx, memberId, mobile ?? null, cardNo ?? null);
    }
    throw err;
  }

  async function requireReferrer(x: Executor, ctx: Ctx, id: string | null | undefined): Promise<void> {
    if (!id) return;
    const r = await membersRepo.byId(x, ctx.tenantId, id);
    if (!r || r.erased_at) throw MemberErrors.MEMBER_REFERRER_NOT_FOUND({ details: { referrerMemberId: id } });
  }

  function changedFields(input: object): string[] {
    return Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
  }

  async function createInTx(trx: Executor, ctx: Ctx, input: MemberCreate, origin: MemberOrigin, prep: CreatePrep): Promise<MemberDto> {
    const problems: FieldProblem[] = [];
    const birthday = birthdayPatch(input, null, prep.today, problems);
    const custom = await checkCustom(trx, ctx, input.customFields, true, problems);
    if (problems.length) throw invalidFields(ctx.locale, problems);
    const homeStoreId = await checkHomeStore(trx, ctx, input.homeStoreId ?? prep.homeStoreId);
    const cardNo = input.cardNo ? normalizeCardNo(input.cardNo) : null;
    await checkUniques(trx, ctx, null, input.mobile, cardNo);
    await requireReferrer(trx, ctx, input.referrerMemberId);
    const [memberNo] = await kit.allocateMemberNos(trx, ctx.tenantId, 1);
    const name = normalizeText(input.name);
    const keys = nameKeys(name);
    const now = clock.iso();
    const row: MemberInsert = {
      tenant_id: ctx.tenantId,
      id: newId(ID_PREFIXES.member),
      member_no: memberNo,
      name,
      name_pinyin: keys.pinyin,
      name_initials: keys.initials,
      gender: input.gender ?? null,
      birthday: null,
      birthday_calendar: 'solar',
      birth_md: null,
      lunar_md: null,
      ...birthday,
      mobile: input.mobile,
      mobile_last4: mobileLast4(input.mobile),
      email: input.email ?? null,
      address: input.address ?? null,
      card_no: cardNo,
      home_store_id: homeStoreId,
      source_channel: input.sourceChannel ?? null,
      referrer_member_id: input.referrerMemberId ?? null,
      referrer_name: input.referrerName ?? null,
      interests_json: toJson(normalizeTags(input.interests ?? [])),
      goals: input.goals ?? null,
      notes: input.notes ?? null,
      emergency_name: input.emergencyContact?.name ?? null,
      emergency_relation: input.emergencyContact?.relation ?? null,
      emergency_mobile: input.emergencyContact?.mobile ?? null,
      has_photo: false,
      origin,
      created_by: ctx.actor.id,
      created_at: now,
      updated_at: now,
      erased_at: null,
    };
    await membersRepo.insert(trx, [row]);
    await tagsRepo.replace(trx, ctx.tenantId, row.id, normalizeTags(input.tags ?? []));
    await customRepo.setValues(trx, ctx.tenantId, row.id, custom);
    await kit.rebuildTerms(trx, ctx.tenantId, row.id, name);
    const dto = await kit.present(trx, ctx, (await membersRepo.byId(trx, ctx.tenantId, row.id))!);
    await timeline.append(trx, ctx, { memberId: row.id, kind: 'member.created', refType: 'member', refId: row.id, summary: { memberNo, origin }, storeId: homeStoreId });
    await audit.record(trx, ctx, { action: 'member.create', entityType: 'member', entityId: row.id, storeId: homeStoreId, after: dto });
    for (const hook of kit.createdHooks) await hook(trx, ctx, { id: row.id, homeStoreId, origin, referrerMemberId: input.referrerMemberId ?? null });
    return dto;
  }

  return {
    async create(ctx: Ctx, input: MemberCreate): Promise<MemberDto> {
      requirePermission(ctx, 'member.write');
      const prep = await prepare(ctx, input.homeStoreId);
      try {
        return await inTransaction(database, (trx) => createInTx(trx, ctx, input, ctx.actor.type === 'apiKey' ? 'api' : 'desk', prep));
      } catch (err) {
        return explainUniqueViolation(err, ctx, null, input.mobile, input.cardNo ? normalizeCardNo(input.cardNo) : null);
      }
    },

    /** For other modules (lead conversion): `prepare` before their transaction, then create inside it. */
    prepare,
    async createInTx(trx: Executor, ctx: Ctx, input: MemberCreate, origin: MemberOrigin, prep: CreatePrep): Promise<MemberDto> {
      requirePermission(ctx, 'member.write');
      return createInTx(trx, ctx, input, origin, prep);
    },

    async get(ctx: Ctx, memberId: string): Promise<MemberDto> {
      requirePermission(ctx, 'member.read');
      return kit.present(db, ctx, await kit.requireMember(db, ctx, memberId));
    },

    async update(ctx: Ctx, memberId: string, input: MemberUpdate): Promise<MemberDto> {
      requirePermission(ctx, 'member.write');
      const today = await kit.today(ctx);
      try {
        return await inTransaction(database, async (trx) => {
          const before = await kit.requireMember(trx, ctx, memberId, { lock: true, live: true });
          const beforeDto = await kit.present(trx, ctx, before);
          const problems: FieldProblem[] = [];
          const touchesBirthday = input.birthday !== undefined || input.lunarBirthday !== undefined || input.birthdayCalendar !== undefined;
          const birthday = touchesBirthday ? birthdayPatch(input, before, today, problems) : {};
          const custom = input.customFields ? await checkCustom(trx, ctx, input.customFields, false, problems) : null;
          if (problems.length) throw invalidFields(ctx.locale, problems);
          if (input.homeStoreId && input.homeStoreId !== before.home_store_id) await checkHomeStore(trx, ctx, input.homeStoreId);
          const cardNo = input.cardNo === undefined ? undefined : input.cardNo === null ? null : normalizeCardNo(input.cardNo);
          await checkUniques(trx, ctx, memberId, input.mobile ?? null, cardNo ?? null);
          if (input.referrerMemberId === memberId) throw MemberErrors.MEMBER_REFERRER_NOT_FOUND();
          await requireReferrer(trx, ctx, input.referrerMemberId);

          const patch: MemberPatch = { ...birthday, updated_at: clock.iso() };
          if (input.name !== undefined) {
            const name = normalizeText(input.name);
            const keys = nameKeys(name);
            Object.assign(patch, { name, name_pinyin: keys.pinyin, name_initials: keys.initials });
          }
          if (input.mobile !== undefined) Object.assign(patch, { mobile: input.mobile, mobile_last4: mobileLast4(input.mobile) });
          if (input.gender !== undefined) patch.gender = input.gender;
          if (input.email !== undefined) patch.email = input.email;
          if (input.address !== undefined) patch.address = input.address;
          if (cardNo !== undefined) patch.card_no = cardNo;
          if (input.homeStoreId !== undefined) patch.home_store_id = input.homeStoreId;
          if (input.sourceChannel !== undefined) patch.source_channel = input.sourceChannel;
          if (input.referrerMemberId !== undefined) patch.referrer_member_id = input.referrerMemberId;
          if (input.referrerName !== undefined) patch.referrer_name = input.referrerName;
          if (input.interests !== undefined) patch.interests_json = toJson(normalizeTags(input.interests));
          if (input.goals !== undefined) patch.goals = input.goals;
          if (input.notes !== undefined) patch.notes = input.notes;
          if (input.emergencyContact !== undefined) {
            patch.emergency_name = input.emergencyContact?.name ?? null;
            patch.emergency_relation = input.emergencyContact?.relation ?? null;
            patch.emergency_mobile = input.emergencyContact?.mobile ?? null;
          }
          await membersRepo.update(trx, ctx.tenantId, memberId, patch);
          if (input.tags !== undefined) await tagsRepo.replace(trx, ctx.tenantId, memberId, normalizeTags(input.tags));
          if (custom) await customRepo.setValues(trx, ctx.tenantId, memberId, custom);
          if (patch.name) await kit.rebuildTerms(trx, ctx.tenantId, memberId, patch.name as string);
          const after = await kit.present(trx, ctx, (await membersRepo.byId(trx, ctx.tenantId, memberId))!);
          await timeline.append(trx, ctx, { memberId, kind: 'member.updated', refType: 'member', refId: memberId, summary: { fields: changedFields(input) } });
          await audit.record(trx, ctx, { action: 'member.update', entityType: 'member', entityId: memberId, storeId: after.homeStoreId, before: beforeDto, after, diff: true });
          return after;
        });
      } catch (err) {
        return explainUniqueViolation(err, ctx, memberId, input.mobile, input.cardNo ? normalizeCardNo(input.cardNo) : null);
      }
    },

    /** Whether the caller's data scope covers a member's home store (lists, exports, erasure). */
    inScope(ctx: Ctx, m: Pick<MemberRow, 'home_store_id'>): boolean {
      return canAccessStore(ctx, m.home_store_id);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
