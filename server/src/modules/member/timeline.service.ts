import type { Database, Executor } from '../../db/database';
import { toJson } from '../../db/dialect';
import type { Clock } from '../../shared/clock';
import { type Ctx, hasPermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import { redactForAudit } from '../audit';
import { timelineRepo } from './timeline.repo';

/**
 * One timeline per member, fed by every module in its own transaction: profile changes,
 * interactions and consents today; orders, bookings and check-ins when those modules land
 * (they call `append` from their transaction with their own kind and reference).
 * Summaries hold what a timeline row shows (amounts, course names, statuses), never health
 * data or ID numbers; phone numbers are masked for viewers without member.mobile.view.
 */
export interface TimelineEntryInput {
  memberId: string;
  /** Dotted, e.g. member.created, interaction.resolved, order.paid, booking.cancelled, checkin.created. */
  kind: string;
  refType?: string | null;
  refId?: string | null;
  summary?: Record<string, unknown>;
  occurredAt?: string;
  storeId?: string | null;
}

export interface TimelineEntry {
  id: string;
  occurredAt: string;
  kind: string;
  refType: string | null;
  refId: string | null;
  summary: Record<string, unknown>;
  actorName: string | null;
  storeId: string | null;
}

export type TimelineService = ReturnType<typeof createTimelineService>;

export function createTimelineService(deps: { database: Database; clock: Clock }) {
  return {
    /** Append inside the caller's transaction, so the entry commits with the change it describes. */
    async append(trx: Executor, ctx: Ctx, e: TimelineEntryInput): Promise<string> {
      const id = newId(ID_PREFIXES.memberTimeline);
      await timelineRepo.insert(trx, {
        tenant_id: ctx.tenantId,
        id,
        member_id: e.memberId,
        occurred_at: e.occurredAt ?? deps.clock.iso(),
        kind: e.kind,
        ref_type: e.refType ?? null,
        ref_id: e.refId ?? null,
        summary_json: toJson(e.summary ?? {}),
        actor_name: ctx.actor.name,
        store_id: e.storeId ?? ctx.storeId ?? null,
      });
      return id;
    },

    /** The caller has checked the member is visible. */
    async list(ctx: Ctx, memberId: string, f: { kinds?: string[]; cursor?: string; limit: number }): Promise<Page<TimelineEntry>> {
      const c = decodeCursor(f.cursor);
      const before = c && typeof c[0] === 'string' && typeof c[1] === 'string' ? ([c[0], c[1]] as [string, string]) : undefined;
      const rows = await timelineRepo.list(deps.database.db, ctx.tenantId, memberId, { kinds: f.kinds, before, limit: f.limit });
      const page = toPage(rows, f.limit, (r) => [r.occurred_at, r.id]);
      const seeMobile = hasPermission(ctx, 'member.mobile.view');
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((r) => ({
          id: r.id,
          occurredAt: r.occurred_at,
          kind: r.kind,
          refType: r.ref_type,
          refId: r.ref_id,
          summary: (seeMobile ? r.summary_json : redactForAudit(r.summary_json)) as Record<string, unknown>,
          actorName: r.actor_name,
          storeId: r.store_id,
        })),
      };
    },
  };
}
