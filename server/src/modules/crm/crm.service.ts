import { type Database, type Executor, inTransaction } from '../../db/database';
import type { InteractionKind, InteractionStatus } from '../../db/schema';
import type { Clock } from '../../shared/clock';
import { type Ctx, canAccessStore, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import type { AuditService } from '../audit';
import { type MemberModule, monthDay } from '../member';
import { CrmErrors } from './crm.errors';
import { type ImportantDateRow, type InteractionRow, crmRepo } from './crm.repo';
import { canMove, daysBetween, hasStatus, lookupDays, lunarDay, solarDay, turning, windowDays } from './crm.rules';
import type { InteractionDto } from './crm.schemas';

const ERASED = '[已注销]';

type UpcomingItem = {
  date: string;
  daysAway: number;
  kind: 'birthday' | 'childBirthday' | 'anniversary' | 'custom';
  calendar: 'solar' | 'lunar';
  memberId: string;
  memberNo: string;
  memberName: string;
  dependentId: string | null;
  dependentName: string | null;
  label: string | null;
  turning: number | null;
};

export type CrmService = ReturnType<typeof createCrmService>;

/**
 * CRM: consultations, complaints and suggestions (open → in progress → resolved, with owner,
 * resolution and follow-up date), return visits (回访), important dates and the upcoming list
 * (birthdays by the solar or lunar calendar, children's birthdays, anniversaries). Every
 * interaction joins the member's timeline. Reading follows member.read, writing member.write.
 */
export function createCrmService(deps: { database: Database; clock: Clock; audit: AuditService; members: MemberModule }) {
  const { database, clock, audit, members } = deps;
  const db = database.db;

  async function present(x: Executor, ctx: Ctx, rows: InteractionRow[]): Promise<InteractionDto[]> {
    const [briefs, names] = await Promise.all([
      members.briefs(x, ctx, rows.map((r) => r.member_id)),
      crmRepo.staffNames(x, ctx.tenantId, [...new Set(rows.flatMap((r) => (r.owner_staff_id ? [r.owner_staff_id] : [])))]),
    ]);
    return rows.map((r) => ({
      id: r.id,
      memberId: r.member_id,
      memberNo: briefs.get(r.member_id)?.memberNo ?? '',
      memberName: briefs.get(r.member_id)?.name ?? '',
      storeId: r.store_id,
      kind: r.kind,
      status: r.status,
      subject: r.subject,
      content: r.content,
      channel: r.channel,
      ownerStaffId: r.owner_staff_id,
      ownerName: r.owner_staff_id ? (names.get(r.owner_staff_id) ?? null) : null,
      resolution: r.resolution,
      followUpDate: r.follow_up_date,
      occurredAt: r.occurred_at,
      resolvedAt: r.resolved_at,
      createdByName: r.created_by_name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  async function checkOwner(x: Executor, ctx: Ctx, staffId: string | null | undefined): Promise<void> {
    if (staffId && !(await crmRepo.staffExists(x, ctx.tenantId, staffId))) throw CrmErrors.CRM_OWNER_NOT_FOUND({ details: { ownerStaffId: staffId } });
  }

  async function loadInteraction(x: Executor, ctx: Ctx, id: string): Promise<InteractionRow> {
    const r = await crmRepo.interaction(x, ctx.tenantId, id);
    if (!r) throw CrmErrors.INTERACTION_NOT_FOUND({ details: { interactionId: id } });
    return r;
  }

  const presentDate = (d: ImportantDateRow) => ({ id: d.id, memberId: d.member_id, kind: d.kind, label: d.label, date: d.event_date, isRecurring: d.is_recurring, createdAt: d.created_at });

  const service = {
    async listForMember(ctx: Ctx, memberId: string, f: { kind?: InteractionKind; cursor?: string; limit: number }): Promise<Page<InteractionDto>> {
      requirePermission(ctx, 'member.read');
      await members.requireMember(db, ctx, memberId);
      const c = decodeCursor(f.cursor);
      const rows = await crmRepo.interactions(db, ctx.tenantId, { memberId, kind: f.kind, storeIds: null, before: c ? (c as [string, string]) : undefined, limit: f.limit });
      const page = toPage(rows, f.limit, (r) => [r.occurred_at, r.id]);
      return { items: await present(db, ctx, page.items), nextCursor: page.nextCursor };
    },

    /** The work list: complaints to handle, follow-ups due — within the caller's stores. */
    async list(
      ctx: Ctx,
      f: { kind?: InteractionKind; status?: InteractionStatus; ownerStaffId?: string; mine?: 'true' | 'false'; followUpBefore?: string; cursor?: string; limit: number },
    ): Promise<Page<InteractionDto>> {
      requirePermission(ctx, 'member.read');
      const c = decodeCursor(f.cursor);
      const rows = await crmRepo.interactions(db, ctx.tenantId, {
        kind: f.kind,
        status: f.status,
        ownerStaffId: f.mine === 'true' ? (ctx.actor.id ?? '__none__') : f.ownerStaffId,
        followUpBefore: f.followUpBefore,
        storeIds: ctx.storeScope.all ? null : [...ctx.storeScope.storeIds],
        before: c ? (c as [string, string]) : undefined,
        limit: f.limit,
      });
      const page = toPage(rows, f.limit, (r) => [r.occurred_at, r.id]);
      return { items: await present(db, ctx, page.items), nextCursor: page.nextCursor };
    },

    /** Who can own a follow-up (interactions, leads): active staff of the caller's stores, the caller first. */
    async owners(ctx: Ctx): Promise<{ id: string; name: string }[]> {
      requirePermission(ctx, 'member.read');
      const rows = await crmRepo.owners(db, ctx.tenantId, ctx.storeScope.all ? null : [...ctx.storeScope.storeIds]);
      const self = rows.find((r) => r.id === ctx.actor.id);
      return self ? [self, ...rows.filter((r) => r !== self)] : rows;
    },

    async get(ctx: Ctx, interactionId: string): Promise<InteractionDto> {
      requirePermission(ctx, 'member.read');
      return (await present(db, ctx, [await loadInteraction(db, ctx, interactionId)]))[0];
    },

    async create(
      ctx: Ctx,
      memberId: string,
      input: {
        kind: InteractionKind;
        subject?: string | null;
        content: string;
        channel?: string | null;
        ownerStaffId?: string | null;
        followUpDate?: string | null;
        occurredAt?: string;
        status?: InteractionStatus;
      },
    ): Promise<InteractionDto> {
      requirePermission(ctx, 'member.write');
      if (input.status && !hasStatus(input.kind)) throw CrmErrors.INTERACTION_STATUS_NOT_ALLOWED();
      return inTransaction(database, async (trx) => {
        const m = await members.requireMember(trx, ctx, memberId, { live: true });
        await checkOwner(trx, ctx, input.ownerStaffId);
        const now = clock.iso();
        const status = hasStatus(input.kind) ? (input.status ?? 'open') : null;
        const id = newId(ID_PREFIXES.interaction);
        await crmRepo.insertInteraction(trx, {
          tenant_id: ctx.tenantId,
          id,
          member_id: memberId,
          store_id: m.homeStoreId,
          kind: input.kind,
          status,
          subject: input.subject ?? null,
          content: input.content,
          channel: input.channel ?? null,
          owner_staff_id: input.ownerStaffId ?? null,
          resolution: null,
          follow_up_date: input.followUpDate ?? null,
          occurred_at: input.occurredAt ? new Date(input.occurredAt).toISOString() : now,
          resolved_at: status === 'resolved' ? now : null,
          created_by: ctx.actor.id,
          created_by_name: ctx.actor.name,
          created_at: now,
          updated_at: now,
        });
        const [dto] = await present(trx, ctx, [(await crmRepo.interaction(trx, ctx.tenantId, id))!]);
        await members.timeline.append(trx, ctx, {
          memberId,
          kind: `interaction.${input.kind}`,
          refType: 'interaction',
          refId: id,
          summary: { subject: dto.subject, status },
          occurredAt: dto.occurredAt,
        });
        await audit.record(trx, ctx, { action: 'crm.interaction.create', entityType: 'interaction', entityId: id, storeId: m.homeStoreId, after: dto });
        return dto;
      });
    },

    async update(
      ctx: Ctx,
      interactionId: string,
      patch: { subject?: string | null; content?: string; channel?: string | null; ownerStaffId?: string | null; followUpDate?: string | null; status?: InteractionStatus; resolution?: string | null },
    ): Promise<InteractionDto> {
      requirePermission(ctx, 'member.write');
      return inTransaction(database, async (trx) => {
        const before = await loadInteraction(trx, ctx, interactionId);
        await members.requireMember(trx, ctx, before.member_id, { live: true });
        const [beforeDto] = await present(trx, ctx, [before]);
        if (patch.status !== undefined) {
          if (!before.status) throw CrmErrors.INTERACTION_STATUS_NOT_ALLOWED();
          if (!canMove(before.status, patch.status)) throw CrmErrors.INTERACTION_TRANSITION({ params: { from: before.status, to: patch.status } });
          const resolution = patch.resolution !== undefined ? patch.resolution : before.resolution;
          if (patch.status === 'resolved' && !resolution) throw CrmErrors.INTERACTION_RESOLUTION_REQUIRED();
        }
        if (patch.ownerStaffId !== undefined) await checkOwner(trx, ctx, patch.ownerStaffId);
        const now = clock.iso();
        const resolving = patch.status === 'resolved' && before.status !== 'resolved';
        const reopening = patch.status !== undefined && patch.status !== 'resolved' && before.status === 'resolved';
        await crmRepo.updateInteraction(trx, ctx.tenantId, interactionId, {
          subject: patch.subject,
          content: patch.content,
          channel: patch.channel,
          owner_staff_id: patch.ownerStaffId,
          follow_up_date: patch.followUpDate,
          status: patch.status,
          resolution: patch.resolution,
          resolved_at: resolving ? now : reopening ? null : undefined,
          updated_at: now,
        });
        const [after] = await present(trx, ctx, [(await crmRepo.interaction(trx, ctx.tenantId, interactionId))!]);
        if (patch.status !== undefined && patch.status !== before.status) {
          await members.timeline.append(trx, ctx, {
            memberId: before.member_id,
            kind: resolving ? 'interaction.resolved' : 'interaction.status',
            refType: 'interaction',
            refId: interactionId,
            summary: { kind: before.kind, from: before.status, to: patch.status },
          });
        }
        await audit.record(trx, ctx, { action: 'crm.interaction.update', entityType: 'interaction', entityId: interactionId, storeId: before.store_id, before: beforeDto, after, diff: true });
        return after;
      });
    },

    // ---- important dates ----
    async listDates(ctx: Ctx, memberId: string) {
      requirePermission(ctx, 'member.read');
      await members.requireMember(db, ctx, memberId);
      return (await crmRepo.datesOf(db, ctx.tenantId, memberId)).map(presentDate);
    },

    async addDate(ctx: Ctx, memberId: string, input: { kind: 'anniversary' | 'custom'; label: string; date: string; isRecurring: boolean }) {
      requirePermission(ctx, 'member.write');
      return inTransaction(database, async (trx) => {
        await members.requireMember(trx, ctx, memberId, { live: true });
        const id = newId(ID_PREFIXES.importantDate);
        await crmRepo.insertDate(trx, {
          tenant_id: ctx.tenantId,
          id,
          member_id: memberId,
          kind: input.kind,
          label: input.label,
          event_date: input.date,
          event_md: monthDay(input.date),
          is_recurring: input.isRecurring,
          created_at: clock.iso(),
        });
        const dto = presentDate((await crmRepo.date(trx, ctx.tenantId, id))!);
        await audit.record(trx, ctx, { action: 'crm.importantDate.create', entityType: 'member', entityId: memberId, after: dto });
        return dto;
      });
    },

    async deleteDate(ctx: Ctx, dateId: string): Promise<void> {
      requirePermission(ctx, 'member.write');
      await inTransaction(database, async (trx) => {
        const d = await crmRepo.date(trx, ctx.tenantId, dateId);
        if (!d) throw CrmErrors.IMPORTANT_DATE_NOT_FOUND();
        await crmRepo.deleteDate(trx, ctx.tenantId, dateId);
        await audit.record(trx, ctx, { action: 'crm.importantDate.delete', entityType: 'member', entityId: d.member_id, before: presentDate(d) });
      });
    },

    /**
     * Birthdays (solar or lunar, as each member celebrates), children's birthdays and recurring
     * important dates in the next `days` days, for members of the caller's stores. Every lookup
     * is an index probe on MM-DD values, so it stays cheap at a million members.
     */
    async upcoming(ctx: Ctx, f: { days: number; storeId?: string }): Promise<UpcomingItem[]> {
      requirePermission(ctx, 'member.read');
      const today = await members.today(ctx);
      const win = windowDays(today, f.days);
      const look = lookupDays(win);
      const inWindow = (storeId: string) => canAccessStore(ctx, storeId) && (!f.storeId || storeId === f.storeId);
      const out: UpcomingItem[] = [];
      const push = (item: Omit<UpcomingItem, 'daysAway'>) => out.push({ ...item, daysAway: daysBetween(today, item.date) });

      for (const m of await members.upcomingBirthdays(ctx, look.solar, look.lunar)) {
        if (!inWindow(m.homeStoreId)) continue;
        const lunar = m.calendar === 'lunar' && m.lunarMd;
        const date = lunar ? lunarDay(win, m.lunarMd!) : m.birthMd ? solarDay(win, m.birthMd) : null;
        if (!date) continue;
        push({
          date,
          kind: 'birthday',
          calendar: lunar ? 'lunar' : 'solar',
          memberId: m.id,
          memberNo: m.memberNo,
          memberName: m.name,
          dependentId: null,
          dependentName: null,
          label: null,
          turning: turning(m.birthday, date),
        });
      }

      const kids = await members.upcomingChildBirthdays(ctx, look.solar);
      const guardians = await members.briefs(db, ctx, kids.map((k) => k.guardianMemberId));
      const seenKids = new Set<string>();
      for (const k of kids.sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary))) {
        const g = guardians.get(k.guardianMemberId);
        if (!g || g.erasedAt || !inWindow(g.homeStoreId) || seenKids.has(k.dependentId)) continue;
        const date = solarDay(win, k.birthMd);
        if (!date) continue;
        seenKids.add(k.dependentId);
        push({ date, kind: 'childBirthday', calendar: 'solar', memberId: g.id, memberNo: g.memberNo, memberName: g.name, dependentId: k.dependentId, dependentName: k.name, label: null, turning: turning(k.birthday, date) });
      }

      const dates = await crmRepo.datesByMd(db, ctx.tenantId, look.solar);
      const owners = await members.briefs(db, ctx, dates.map((d) => d.member_id));
      for (const d of dates) {
        const o = owners.get(d.member_id);
        if (!o || o.erasedAt || !inWindow(o.homeStoreId)) continue;
        const date = d.is_recurring ? solarDay(win, d.event_md) : win.some((w) => w.date === d.event_date) ? d.event_date : null;
        if (!date || date < d.event_date) continue;
        push({ date, kind: d.kind, calendar: 'solar', memberId: o.id, memberNo: o.memberNo, memberName: o.name, dependentId: null, dependentName: null, label: d.label, turning: d.is_recurring ? turning(d.event_date, date) || null : null });
      }
      return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.memberNo < b.memberNo ? -1 : 1));
    },
  };

  // Personal data of members held here: anonymised with the member, part of their data export.
  members.registerPersonalData('interactions', {
    erase: async (trx, ctx, memberId) => {
      await crmRepo.anonymiseInteractions(trx, ctx.tenantId, memberId, ERASED);
      await crmRepo.deleteDatesOf(trx, ctx.tenantId, memberId);
    },
    export: async (x, ctx, memberId) => ({
      interactions: await present(x, ctx, await crmRepo.interactions(x, ctx.tenantId, { memberId, storeIds: null, limit: 10_000 })),
      importantDates: (await crmRepo.datesOf(x, ctx.tenantId, memberId)).map(presentDate),
    }),
  });

  return service;
}
