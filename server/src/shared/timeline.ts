import type { Ctx } from './context';

/** One line on a member's timeline, written by the module where it happened. */
export interface TimelineEntry {
  memberId: string;
  /** Dotted, e.g. stored_value.adjusted, points.expired, tier.changed. */
  kind: string;
  refType?: string | null;
  refId?: string | null;
  summary?: Record<string, unknown>;
  storeId?: string | null;
}

/**
 * Where modules below the member module (wallet, points, tier) append to the member timeline:
 * the member module's `timeline.append`, injected by services.ts (they cannot import it — the
 * member module sits above them). Called inside the caller's transaction.
 */
export type TimelineSink<X> = (trx: X, ctx: Ctx, entry: TimelineEntry) => Promise<unknown>;

/** For tests and tools that build a module without the member module. */
export const noTimeline: TimelineSink<unknown> = async () => undefined;
