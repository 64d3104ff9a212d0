import { CommonErrors } from '../shared/errors';
import type { Clock } from '../shared/clock';
import type { Ctx } from '../shared/context';
import type { Dialect } from './dialect';
import { toJson } from './dialect';
import type { Executor, Tx } from './database';
import { precompiled } from './precompiled';

/**
 * Idempotent effects. Inside the transaction that applies an effect, claim the client's key:
 * - a new key is inserted together with the effect and its result, so both commit or neither;
 * - a key already committed with the same request fingerprint returns the stored result
 *   (the effect is not applied again);
 * - the same key with another request is refused with IDEMPOTENCY_KEY_REUSED.
 * Concurrent duplicates: on PostgreSQL the second insert waits on the unique key until the
 * first commits and then sees its row; on SQLite write transactions are serialised.
 */
export interface IdempotencyOptions {
  dialect: Dialect;
  clock: Clock;
  ttlHours: number;
}

export type IdempotentOutcome<T> = { replayed: false; value: T } | { replayed: true; value: T };

// Every POST that moves money, assets or seats runs these two: compiled once (db/precompiled.ts).
const claimKey = precompiled((trx: Executor, tenantId: string, key: string, requestHash: string, createdAt: string, expiresAt: string) =>
  trx
    .insertInto('idempotency_keys')
    .values({
      tenant_id: tenantId,
      idem_key: key,
      request_hash: requestHash,
      response_status: null,
      response_body_json: null,
      created_at: createdAt,
      expires_at: expiresAt,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'idem_key']).doNothing()),
);
const storeResponse = precompiled((trx: Executor, body: string, tenantId: string, key: string) =>
  trx.updateTable('idempotency_keys').set({ response_status: 200, response_body_json: body }).where('tenant_id', '=', tenantId).where('idem_key', '=', key),
);

export async function runIdempotent<T>(trx: Tx, ctx: Ctx, opts: IdempotencyOptions, effect: () => Promise<T>): Promise<IdempotentOutcome<T>> {
  const idem = ctx.idempotency;
  if (!idem) throw CommonErrors.IDEMPOTENCY_KEY_REQUIRED();
  const now = opts.clock.now();
  const inserted = await claimKey.execute(
    trx,
    ctx.tenantId,
    idem.key,
    idem.requestHash,
    now.toISOString(),
    new Date(now.getTime() + opts.ttlHours * 3600_000).toISOString(),
  );
  if (Number(inserted.numAffectedRows ?? 0n) === 0) {
    const existing = await trx
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'response_status', 'response_body_json', 'expires_at'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('idem_key', '=', idem.key)
      .executeTakeFirst();
    if (!existing) throw CommonErrors.IDEMPOTENCY_IN_PROGRESS();
    if (existing.request_hash !== idem.requestHash) throw CommonErrors.IDEMPOTENCY_KEY_REUSED();
    if (existing.response_status === null) throw CommonErrors.IDEMPOTENCY_IN_PROGRESS();
    return { replayed: true, value: existing.response_body_json as T };
  }
  const value = await effect();
  await storeResponse.execute(trx, toJson(value), ctx.tenantId, idem.key);
  return { replayed: false, value };
}

/** Forget keys past their retention (a scheduled sweep). */
export async function sweepIdempotencyKeys(trx: Tx, nowIso: string): Promise<number> {
  const r = await trx.deleteFrom('idempotency_keys').where('expires_at', '<', nowIso).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0n);
}
