import type { Database, Executor, Tx } from '../../db/database';
import { inTransaction } from '../../db/database';
import { runIdempotent } from '../../db/idempotency';
import type { Clock } from '../../shared/clock';
import { type Ctx, requireStoreAccess } from '../../shared/context';
import { OrgErrors, type OrgService } from '../org';

/** What a kit needs for the shared part (the course and appointment modules' deps both fit). */
export interface KitBasicsDeps {
  database: Database;
  clock: Clock;
  org: OrgService;
  businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string>;
  idempotencyHours: number;
}

/**
 * The boilerplate the course kit and the appointment kit share: a change run once per
 * Idempotency-Key in one transaction, a store of the caller's scope, the tenant's zone and date.
 */
export function createKitBasics(deps: KitBasicsDeps) {
  const idem = { dialect: deps.database.dialect, clock: deps.clock, ttlHours: deps.idempotencyHours };

  /** Run a change once per Idempotency-Key, in one transaction. */
  async function idempotent<T>(ctx: Ctx, fn: (trx: Tx) => Promise<T>): Promise<{ value: T; replayed: boolean }> {
    const r = await inTransaction(deps.database, (trx) => runIdempotent(trx, ctx, idem, () => fn(trx)));
    return { value: r.value, replayed: r.replayed };
  }

  /** A store of the tenant, within the caller's store scope. */
  async function requireStore(x: Executor, ctx: Ctx, storeId: string) {
    const [s] = await deps.org.storesByIds(ctx.tenantId, [storeId], x);
    if (!s) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId } });
    requireStoreAccess(ctx, storeId);
    return s;
  }

  return {
    idempotent,
    requireStore,
    timeZone: (tenantId: string, x?: Executor) => deps.org.timeZoneOf(tenantId, x),
    dateOf: (tenantId: string, at: Date, x?: Executor) => deps.businessDate(tenantId, at, x),
  };
}
