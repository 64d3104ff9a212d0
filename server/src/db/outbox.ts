import { ID_PREFIXES, newId } from '../shared/ids';
import type { Executor } from './database';
import { toJson } from './dialect';

/**
 * Domain events (`order.paid`, `points.expiring`, `tier.changed` …) are written to the outbox in
 * the same transaction as the change that causes them, and delivered after commit by the
 * outbox worker (notifications, webhooks) — never sent from inside a transaction.
 */
export interface OutboxEvent {
  topic: string;
  payload: Record<string, unknown>;
  /** Deliver no earlier than this (ISO); defaults to now. */
  availableAt?: string;
}

export async function enqueueEvents(trx: Executor, tenantId: string, nowIso: string, events: OutboxEvent[]): Promise<void> {
  if (!events.length) return;
  await trx
    .insertInto('outbox_events')
    .values(
      events.map((e) => ({
        tenant_id: tenantId,
        id: newId(ID_PREFIXES.outbox),
        topic: e.topic,
        payload_json: toJson(e.payload),
        created_at: nowIso,
        available_at: e.availableAt ?? nowIso,
        attempts: 0,
        last_error: null,
        locked_by: null,
        locked_until: null,
        delivered_at: null,
      })),
    )
    .execute();
}
