import { type Database, type Executor, inTransaction } from '../../db/database';
import type { LeadStatus } from '../../db/schema';
import type { Clock } from '../../shared/clock';
import { type Ctx, canAccessStore, hasPermission, requirePermission, requireStoreAccess } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import { MOBILE_RE, type MemberModule, addDays, normalizeText, zonedDayStart } from '../member';
import type { AuditService } from '../audit';
import { maskMobile } from '../audit';
import type { OrgService } from '../org';
import { OrgErrors } from '../org';
import { LeadErrors } from './lead.errors';
import { type LeadFilter, type LeadRow, leadRepo } from './lead.repo';
import { STATUSES, canMove, conversionBySource } from './lead.rules';
import type { LeadDto } from './lead.schemas';

type LeadInput = {
  name?: string;
  mobile?: string | null;
  gender?: 'male' | 'female' | 'unknown' | null;
  childName?: string | null;
  childBirthday?: string | null;
  interest?: string | null;
  notes?: string | null;
  sourceChannel?: string | null;
  storeId?: string | null;
  ownerStaffId?: string | null;
  nextFollowUpDate?: string | null;
};

const ERASED = '已注销';

export type LeadService = ReturnType<typeof createLeadService>;

/**
 * Leads (潜在客户): enquiry → contacted → trial booked → trial attended → converted (a member is
 * created or linked; the lead and its history stay) or lost with a reason. A board by status
 * and conversion counts by source channel. Store-scoped staff see their stores' leads, leads
 * without a store and the leads they own; mobiles are masked as for members.
 */
export function createLeadService(deps: { database: Database; clock: Clock; audit: AuditService; org: OrgService; members: MemberModule }) {
  const { database, clock, audit, org, members } = deps;
  const db = database.db;

  const scopeOf = (ctx: Ctx): LeadFilter['scope'] => (ctx.storeScope.all ? null : { storeIds: [...ctx.storeScope.storeIds], ownerId: ctx.actor.type === 'staff' ? ctx.actor.id : null });
  const visible = (ctx: Ctx, l: LeadRow) => ctx.storeScope.all || !l.store_id || canAccessStore(ctx, l.store_id) || (!!l.owner_staff_id && l.owner_staff_id === ctx.actor.id);

  async function present(x: Executor, ctx: Ctx, rows: LeadRow[]): Promise<LeadDto[]> {
    const names = await leadRepo.staffNames(x, ctx.tenantId, [...new Set(rows.flatMap((r) => (r.owner_staff_id ? [r.owner_staff_id] : [])))]);
    const seeMobile = hasPermission(ctx, 'member.mobile.view');
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      mobile: r.mobile && !seeMobile ? maskMobile(r.mobile) : r.mobile,
      isMobileMasked: !!r.mobile && !seeMobile,
      gender: r.gender,
      childName: r.child_name,
      childBirthday: r.child_birthday,
      interest: r.interest,
      notes: r.notes,
      sourceChannel: r.source_channel,
      storeId: r.store_id,
      ownerStaffId: r.owner_staff_id,
      ownerName: r.owner_staff_id ? (names.get(r.owner_staff_id) ?? null) : null,
      status: r.status,
      lostReason: r.lost_reason,
      nextFollowUpDate: r.next_follow_up_date,
      trialAt: r.trial_at,
      lastContactedAt: r.last_contacted_at,
      convertedMemberId: r.converted_member_id,
      convertedAt: r.converted_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  async function load(x: Executor, ctx: Ctx, leadId: string, lock = false): Promise<LeadRow> {
    const l = lock ? await leadRepo.lock(x, database.dialect, ctx.tenantId, leadId) : await leadRepo.byId(x, ctx.tenantId, leadId);
    if (!l || l.erased_at || !visible(ctx, l)) throw LeadErrors.LEAD_NOT_FOUND({ details: { leadId } });
    return l;
  }

  async function checkRefs(x: Executor, ctx: Ctx, input: LeadInput): Promise<void> {
    if (input.storeId) {
      if (!(await org.storeExists(ctx.tenantId, input.storeId, x))) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId: input.storeId } });
      requireStoreAccess(ctx, input.storeId);
    }
    if (input.ownerStaffId && !(await leadRepo.staffExists(x, ctx.tenantId, input.ownerStaffId))) throw LeadErrors.LEAD_OWNER_NOT_FOUND();
  }

  async function event(x: Executor, ctx: Ctx, leadId: string, e: { kind: 'created' | 'status' | 'note' | 'update' | 'converted'; from?: LeadStatus | null; to?: LeadStatus | null; note?: string | null }) {
    await leadRepo.insertEvent(x, {
      tenant_id: ctx.tenantId,
      id: newId(ID_PREFIXES.leadEvent),
      lead_id: leadId,
      occurred_at: clock.iso(),
      kind: e.kind,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      note: e.note ?? null,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
    });
  }

  async function detail(x: Executor, ctx: Ctx, l: LeadRow) {
    const [dto] = await present(x, ctx, [l]);
    const events = (await leadRepo.events(x, ctx.tenantId, l.id)).map((e) => ({
      id: e.id,
      occurredAt: e.occurred_at,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
      actorName: e.actor_name,
    }));
    const m = l.mobile && l.status !== 'converted' ? await members.findByMobile(x, ctx, l.mobile) : null;
    return { ...dto, events, existingMember: m ? { id: m.id, memberNo: m.memberNo, name: m.name } : null };
  }

  async function dayRange(ctx: Ctx, from?: string, to?: string) {
    if (!from && !to) return {};
    const tz = (await org.getTenant(ctx)).timeZone;
    return { createdFrom: from ? zonedDayStart(from, tz) : undefined, createdBefore: to ? zonedDayStart(addDays(to, 1), tz) : undefined };
  }

  const service = {
    async list(
      ctx: Ctx,
      f: { status?: LeadStatus; sourceChannel?: string; ownerStaffId?: string; storeId?: string; q?: string; followUpBefore?: string; cursor?: string; limit: number },
    ): Promise<Page<LeadDto>> {
      requirePermission(ctx, 'lead.read');
      const c = decodeCursor(f.cursor);
      const text = f.q ? normalizeText(f.q) : '';
      const digits = text.replace(/[\s-]/g, '');
      const q = text
        ? { name: /^\d+$/.test(digits) ? null : text, mobile: MOBILE_RE.test(digits) ? digits : null, last4: /^\d{4}$/.test(digits) ? digits : null }
        : undefined;
      const rows = await leadRepo.list(db, ctx.tenantId, { ...f, q, scope: scopeOf(ctx), beforeId: c?.[0] as string | undefined, limit: f.limit });
      const page = toPage(rows, f.limit, (r) => [r.id]);
      return { items: await present(db, ctx, page.items), nextCursor: page.nextCursor };
    },

    async get(ctx: Ctx, leadId: string) {
      requirePermission(ctx, 'lead.read');
      return detail(db, ctx, await load(db, ctx, leadId));
    },

    async create(ctx: Ctx, input: LeadInput & { name: string }) {
      requirePermission(ctx, 'lead.manage');
      return inTransaction(database, async (trx) => {
        await checkRefs(trx, ctx, input);
        const now = clock.iso();
        const id = newId(ID_PREFIXES.lead);
        await leadRepo.insert(trx, {
          tenant_id: ctx.tenantId,
          id,
          name: normalizeText(input.name),
          mobile: input.mobile ?? null,
          gender: input.gender ?? null,
          child_name: input.childName ?? null,
          child_birthday: input.childBirthday ?? null,
          interest: input.interest ?? null,
          notes: input.notes ?? null,
          source_channel: input.sourceChannel ?? null,
          store_id: input.storeId !== undefined ? input.storeId : ctx.storeId,
          owner_staff_id: input.ownerStaffId !== undefined ? input.ownerStaffId : ctx.actor.type === 'staff' ? ctx.actor.id : null,
          status: 'enquiry',
          lost_reason: null,
          next_follow_up_date: input.nextFollowUpDate ?? null,
          trial_at: null,
          last_contacted_at: null,
          converted_member_id: null,
          converted_at: null,
          created_by: ctx.actor.id,
          created_at: now,
          updated_at: now,
          erased_at: null,
        });
        await event(trx, ctx, id, { kind: 'created', to: 'enquiry' });
        const out = await detail(trx, ctx, (await leadRepo.byId(trx, ctx.tenantId, id))!);
        await audit.record(trx, ctx, { action: 'lead.create', entityType: 'lead', entityId: id, storeId: out.storeId, after: { ...out, events: undefined, existingMember: undefined } });
        return out;
      });
    },

    async update(ctx: Ctx, leadId: string, input: LeadInput) {
      requirePermission(ctx, 'lead.manage');
      return inTransaction(database, async (trx) => {
        const before = await load(trx, ctx, leadId, true);
        if (before.status === 'converted') throw LeadErrors.LEAD_CLOSED({ params: { status: before.status } });
        await checkRefs(trx, ctx, input);
        await leadRepo.update(trx, ctx.tenantId, leadId, {
          name: input.name !== undefined ? normalizeText(input.name) : undefined,
          mobile: input.mobile,
          gender: input.gender,
          child_name: input.childName,
          child_birthday: input.childBirthday,
          interest: input.interest,
          notes: input.notes,
          source_channel: input.sourceChannel,
          store_id: input.storeId,
          owner_staff_id: input.ownerStaffId,
          next_follow_up_date: input.nextFollowUpDate,
          updated_at: clock.iso(),
        });
        await event(trx, ctx, leadId, { kind: 'update', note: Object.keys(input).join(', ') });
        const [b] = await present(trx, ctx, [before]);
        const after = await detail(trx, ctx, (await leadRepo.byId(trx, ctx.tenantId, leadId))!);
        await audit.record(trx, ctx, { action: 'lead.update', entityType: 'lead', entityId: leadId, storeId: after.storeId, before: b, after: { ...after, events: undefined, existingMember: undefined }, diff: true });
        return after;
      });
    },

    async setStatus(ctx: Ctx, leadId: string, input: { status: Exclude<LeadStatus, 'converted'>; note?: string | null; lostReason?: string | null; trialAt?: string | null; nextFollowUpDate?: string | null }) {
      requirePermission(ctx, 'lead.manage');
      return inTransaction(database, async (trx) => {
        const before = await load(trx, ctx, leadId, true);
        if (!canMove(before.status, input.status)) throw LeadErrors.LEAD_TRANSITION({ params: { from: before.status, to: input.status } });
        if (input.status === 'lost' && !input.lostReason) throw LeadErrors.LEAD_LOST_REASON_REQUIRED();
        const now = clock.iso();
        await leadRepo.update(trx, ctx.tenantId, leadId, {
          status: input.status,
          lost_reason: input.status === 'lost' ? input.lostReason : null,
          trial_at: input.trialAt !== undefined ? (input.trialAt ? new Date(input.trialAt).toISOString() : null) : undefined,
          next_follow_up_date: input.nextFollowUpDate,
          last_contacted_at: input.status === 'contacted' ? now : undefined,
          updated_at: now,
        });
        await event(trx, ctx, leadId, { kind: 'status', from: before.status, to: input.status, note: input.status === 'lost' ? input.lostReason : input.note });
        const after = await detail(trx, ctx, (await leadRepo.byId(trx, ctx.tenantId, leadId))!);
        await audit.record(trx, ctx, { action: 'lead.status', entityType: 'lead', entityId: leadId, storeId: after.storeId, before: { status: before.status }, after: { status: input.status, lostReason: input.lostReason ?? null } });
        return after;
      });
    },

    async addNote(ctx: Ctx, leadId: string, input: { note: string; nextFollowUpDate?: string | null }) {
      requirePermission(ctx, 'lead.manage');
      return inTransaction(database, async (trx) => {
        const before = await load(trx, ctx, leadId, true);
        if (before.status === 'converted') throw LeadErrors.LEAD_CLOSED({ params: { status: before.status } });
        const now = clock.iso();
        await leadRepo.update(trx, ctx.tenantId, leadId, { last_contacted_at: now, next_follow_up_date: input.nextFollowUpDate, updated_at: now });
        await event(trx, ctx, leadId, { kind: 'note', note: input.note });
        const after = await detail(trx, ctx, (await leadRepo.byId(trx, ctx.tenantId, leadId))!);
        await audit.record(trx, ctx, { action: 'lead.note', entityType: 'lead', entityId: leadId, storeId: after.storeId, after: { note: input.note, nextFollowUpDate: input.nextFollowUpDate ?? null } });
        return after;
      });
    },

    /** Make the lead a member (new, or an existing one by id); the lead and its history stay. */
    async convert(ctx: Ctx, leadId: string, input: { memberId?: string; homeStoreId?: string; birthday?: string | null; email?: string | null; tags?: string[] }) {
      requirePermission(ctx, 'lead.manage');
      requirePermission(ctx, 'member.write');
      const peek = await load(db, ctx, leadId);
      const prep = input.memberId ? null : await members.profiles.prepare(ctx, input.homeStoreId ?? peek.store_id);
      return inTransaction(database, async (trx) => {
        const lead = await load(trx, ctx, leadId, true);
        if (lead.status === 'converted' || lead.status === 'lost') throw LeadErrors.LEAD_TRANSITION({ params: { from: lead.status, to: 'converted' } });
        let member: { id: string; memberNo: string };
        let created = false;
        if (input.memberId) {
          member = await members.requireMember(trx, ctx, input.memberId, { live: true, lock: true });
        } else {
          if (!lead.mobile) throw LeadErrors.LEAD_MOBILE_REQUIRED();
          const dto = await members.profiles.createInTx(
            trx,
            ctx,
            {
              name: lead.name,
              mobile: lead.mobile,
              gender: lead.gender,
              birthday: input.birthday ?? null,
              email: input.email ?? null,
              sourceChannel: lead.source_channel,
              tags: input.tags,
              notes: lead.notes,
              interests: lead.interest ? [lead.interest.slice(0, 30)] : undefined,
              homeStoreId: input.homeStoreId ?? lead.store_id ?? undefined,
            },
            'lead',
            prep!,
          );
          member = { id: dto.id, memberNo: dto.memberNo };
          created = true;
        }
        const now = clock.iso();
        await leadRepo.update(trx, ctx.tenantId, leadId, { status: 'converted', converted_member_id: member.id, converted_at: now, updated_at: now });
        await event(trx, ctx, leadId, { kind: 'converted', from: lead.status, to: 'converted', note: member.memberNo });
        await members.timeline.append(trx, ctx, {
          memberId: member.id,
          kind: 'lead.converted',
          refType: 'lead',
          refId: leadId,
          summary: { sourceChannel: lead.source_channel, leadCreatedAt: lead.created_at, createdMember: created },
        });
        const [dto] = await present(trx, ctx, [(await leadRepo.byId(trx, ctx.tenantId, leadId))!]);
        await audit.record(trx, ctx, { action: 'lead.convert', entityType: 'lead', entityId: leadId, storeId: dto.storeId, before: { status: lead.status }, after: { status: 'converted', memberId: member.id, memberNo: member.memberNo, created } });
        return { lead: dto, memberId: member.id, memberNo: member.memberNo, created };
      });
    },

    /** The pipeline board: a count and the newest cards per status. */
    async board(ctx: Ctx, f: { storeId?: string; ownerStaffId?: string; perColumn: number }) {
      requirePermission(ctx, 'lead.read');
      const base = { storeId: f.storeId, ownerStaffId: f.ownerStaffId, scope: scopeOf(ctx) };
      const counts = new Map((await leadRepo.countsByStatus(db, ctx.tenantId, base)).map((r) => [r.status, Number(r.n)]));
      const columns = [];
      for (const status of STATUSES) {
        const rows = (await leadRepo.list(db, ctx.tenantId, { ...base, status, limit: f.perColumn })).slice(0, f.perColumn);
        columns.push({ status, count: counts.get(status) ?? 0, items: await present(db, ctx, rows) });
      }
      return { columns };
    },

    /** Conversions by source channel for leads created in a date range. */
    async conversionReport(ctx: Ctx, f: { from?: string; to?: string; storeId?: string }) {
      requirePermission(ctx, 'lead.read');
      const range = await dayRange(ctx, f.from, f.to);
      const rows = await leadRepo.countsBySourceAndStatus(db, ctx.tenantId, { storeId: f.storeId, scope: scopeOf(ctx), ...range });
      return conversionBySource(rows.map((r) => ({ source_channel: r.source_channel, status: r.status, n: Number(r.n) })));
    },
  };

  // A converted lead is the member's personal data too: anonymised with them, in their export.
  members.registerPersonalData('leads', {
    erase: async (trx, ctx, memberId) => {
      const leads = await leadRepo.ofMember(trx, ctx.tenantId, memberId);
      for (const l of leads) {
        await leadRepo.update(trx, ctx.tenantId, l.id, { name: ERASED, mobile: null, child_name: null, child_birthday: null, notes: null, interest: null, erased_at: clock.iso(), updated_at: clock.iso() });
      }
      await leadRepo.clearEventNotes(trx, ctx.tenantId, leads.map((l) => l.id));
    },
    export: async (x, ctx, memberId) => present(x, ctx, await leadRepo.ofMember(x, ctx.tenantId, memberId)),
  });

  return service;
}
