import type { AppConfig } from '../../config/config';
import type { Database, Executor } from '../../db/database';
import type { Clock } from '../../shared/clock';
import type { Ctx } from '../../shared/context';
import type { AuditService } from '../audit';
import type { LedgerService } from '../ledger';
import type { OrderService } from '../order';
import type { OrgService } from '../org';

/**
 * What the card module needs to know of people (wired from the member module in services.ts):
 * holders are members; family users are members or the holder's children (dependents).
 */
export interface CardPeople {
  /** A live member of the caller's tenant, or null. */
  member(x: Executor, ctx: Ctx, memberId: string): Promise<{ id: string; name: string; memberNo: string } | null>;
  /** Display names of members and children (unknown ids are left out). */
  names(x: Executor, ctx: Ctx, ids: string[]): Promise<Map<string, { name: string; memberNo: string | null }>>;
  /** A child with the members who are its guardians, or null. */
  dependent(x: Executor, ctx: Ctx, dependentId: string): Promise<{ id: string; name: string; guardianMemberIds: string[] } | null>;
  /** Append to a member's timeline inside the caller's transaction. */
  timeline(trx: Executor, ctx: Ctx, e: { memberId: string; kind: string; refType: string; refId: string; summary: Record<string, unknown>; storeId?: string | null }): Promise<void>;
}

export interface CardDeps {
  database: Database;
  clock: Clock;
  config: AppConfig;
  audit: AuditService;
  org: OrgService;
  ledger: LedgerService;
  orders: OrderService;
  people: CardPeople;
  businessDate: (tenantId: string, at: Date, x?: Executor) => Promise<string>;
  idempotencyHours: number;
}

export interface CardSettings {
  expiryReminderDays: number[];
  lowSessionsThreshold: number;
  expiringWithinDays: number;
  isTrainingSchool: boolean;
  prepayMaxMonths: number;
  prepayMaxHours: number;
  refundTermsText: string | null;
}

export const DEFAULT_CARD_SETTINGS: CardSettings = {
  expiryReminderDays: [30, 7, 1],
  lowSessionsThreshold: 2,
  expiringWithinDays: 7,
  isTrainingSchool: false,
  prepayMaxMonths: 3,
  prepayMaxHours: 60,
  refundTermsText: null,
};
