import type { Database, Executor } from '../../db/database';
import type { CheckInMethod } from '../../db/schema';
import type { Clock } from '../../shared/clock';
import type { Ctx } from '../../shared/context';
import type { AuditService } from '../audit';
import type { ConsumptionService } from '../card';
import type { OrgService } from '../org';
import type { TierService } from '../tier';

/** Who attends a class: a member, or a child (dependent) of members. */
export interface Attendee {
  id: string;
  kind: 'member' | 'dependent';
  name: string;
  birthday: string | null;
  /** The member themself, or the child's guardians. */
  memberIds: string[];
  allergies: string | null;
  specialNeeds: string | null;
  /** A child's notes from the family (teachers' rosters). */
  notes: string | null;
}

/** What the course module needs to know of people (wired from the member module in services.ts). */
export interface CoursePeople {
  /** A live member or child of the caller's tenant, or null. */
  attendee(x: Executor, ctx: Ctx, id: string): Promise<Attendee | null>;
  /** Display names of members and children (unknown ids are left out). */
  names(x: Executor, ctx: Ctx, ids: string[]): Promise<Map<string, string>>;
  /**
   * Members a scanned or typed code names exactly: member number (the member QR), card number,
   * full mobile or its last four digits. Runs outside any transaction (it reads on its own).
   */
  find(ctx: Ctx, code: string): Promise<{ memberIds: string[]; method: CheckInMethod }>;
  /** Append to a member's timeline inside the caller's transaction. */
  timeline(trx: Executor, ctx: Ctx, e: { memberId: string; kind: string; refType: string; refId: string; summary: Record<string, unknown>; storeId?: string | null }): Promise<void>;
}

export interface CourseHooks {
  /** After a check-in commits with it (points for check-ins). */
  afterCheckIn?: (trx: Executor, ctx: Ctx, c: { memberId: string; checkInId: string; storeId: string }) => Promise<void>;
}

export interface CourseDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  consumption: ConsumptionService;
  tier: Pick<TierService, 'benefits'>;
  people: CoursePeople;
  businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string>;
  idempotencyHours: number;
  hooks?: CourseHooks;
}

/** Teachers and their scheduled classes as the appointment module sees them (read-only). */
export interface CoachFacts {
  teacher(x: Executor, tenantId: string, id: string): Promise<{ id: string; name: string; staffId: string | null; isActive: boolean } | null>;
  teachers(x: Executor, tenantId: string): Promise<{ id: string; name: string; staffId: string | null; isActive: boolean }[]>;
  /** Scheduled classes the teacher teaches or substitutes overlapping [from, to). */
  busy(x: Executor, tenantId: string, teacherId: string, fromIso: string, toIso: string): Promise<{ sessionId: string; storeId: string; startsAt: string; endsAt: string }[]>;
}
