import type { Database, Executor } from '../../db/database';
import type { Clock } from '../../shared/clock';
import type { Ctx } from '../../shared/context';
import type { AuditService } from '../audit';
import type { ConsumptionService } from '../card';
import type { Attendee, CoachFacts } from '../course';
import type { OrgService } from '../org';

/** What the appointment module needs to know of people (the course module's directory, wired in services.ts). */
export interface AppointmentPeople {
  attendee(x: Executor, ctx: Ctx, id: string): Promise<Attendee | null>;
  names(x: Executor, ctx: Ctx, ids: string[]): Promise<Map<string, string>>;
  timeline(trx: Executor, ctx: Ctx, e: { memberId: string; kind: string; refType: string; refId: string; summary: Record<string, unknown>; storeId?: string | null }): Promise<void>;
}

export interface AppointmentDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  consumption: ConsumptionService;
  coaches: CoachFacts;
  /** Card names and sessions (the card module's `briefs`). */
  cardBriefs: (x: Executor, tenantId: string, ids: string[]) => Promise<Map<string, { name: string; kind: string; sessionsRemaining: number; sessionsHeld: number }>>;
  people: AppointmentPeople;
  businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string>;
  idempotencyHours: number;
}
