import type { CardStatus, FreezePolicy } from '../../db/schema';
import { addDays, daysBetween, expiryFromDays } from './card.rules';

/**
 * Freeze (停卡/请假) policy, pure: whether a freeze of N days starting on a day is allowed for a
 * card, and what it does to the expiry; and what ending a freeze early gives back.
 */
export type FreezeProblem =
  | { code: 'CARD_FREEZE_NOT_ALLOWED' }
  | { code: 'CARD_FREEZE_STATUS'; status: CardStatus }
  | { code: 'CARD_FREEZE_EXISTS' }
  | { code: 'CARD_FREEZE_START_PAST'; today: string }
  | { code: 'CARD_FREEZE_NOTICE'; noticeDays: number; earliest: string }
  | { code: 'CARD_FREEZE_TOO_SHORT'; minDays: number }
  | { code: 'CARD_FREEZE_TOO_LONG'; maxDays: number }
  | { code: 'CARD_FREEZE_TIMES_EXCEEDED'; maxTimes: number }
  | { code: 'CARD_FREEZE_TOTAL_EXCEEDED'; maxTotalDays: number; used: number; left: number }
  | { code: 'CARD_FREEZE_AFTER_EXPIRY'; expiresOn: string }
  | { code: 'CARD_FREEZE_BEYOND_EXPIRY'; expiresOn: string };

export interface FreezeCardState {
  status: CardStatus;
  activatedOn: string | null;
  expiresOn: string | null;
  daysGranted: number;
  freezeCount: number;
  freezeDaysUsed: number;
  /** A freeze is scheduled or running. */
  hasOpenFreeze: boolean;
}

export interface FreezePlan {
  startOn: string;
  endOn: string;
  days: number;
  extensionDays: number;
  isExpiryExtended: boolean;
  expiresOn: string | null;
  newExpiresOn: string | null;
  fee: number;
  /** Policy usage after this freeze. */
  freezesLeft: number | null;
  daysLeft: number | null;
  startsNow: boolean;
}

export function planFreeze(policy: FreezePolicy, c: FreezeCardState, req: { startOn: string; days: number }, today: string): { ok: true; plan: FreezePlan } | { ok: false; problem: FreezeProblem } {
  const fail = (problem: FreezeProblem) => ({ ok: false as const, problem });
  if (!policy.isAllowed) return fail({ code: 'CARD_FREEZE_NOT_ALLOWED' });
  if (c.hasOpenFreeze) return fail({ code: 'CARD_FREEZE_EXISTS' });
  if (!['active', 'expiring'].includes(c.status) || !c.activatedOn) return fail({ code: 'CARD_FREEZE_STATUS', status: c.status });
  if (req.startOn < today) return fail({ code: 'CARD_FREEZE_START_PAST', today });
  const earliest = addDays(today, policy.noticeDays);
  if (req.startOn < earliest) return fail({ code: 'CARD_FREEZE_NOTICE', noticeDays: policy.noticeDays, earliest });
  if (req.days < policy.minDays) return fail({ code: 'CARD_FREEZE_TOO_SHORT', minDays: policy.minDays });
  if (req.days > policy.maxDays) return fail({ code: 'CARD_FREEZE_TOO_LONG', maxDays: policy.maxDays });
  if (policy.maxTimes !== null && c.freezeCount >= policy.maxTimes) return fail({ code: 'CARD_FREEZE_TIMES_EXCEEDED', maxTimes: policy.maxTimes });
  if (policy.maxTotalDays !== null && c.freezeDaysUsed + req.days > policy.maxTotalDays) {
    return fail({ code: 'CARD_FREEZE_TOTAL_EXCEEDED', maxTotalDays: policy.maxTotalDays, used: c.freezeDaysUsed, left: Math.max(0, policy.maxTotalDays - c.freezeDaysUsed) });
  }
  if (c.expiresOn && req.startOn > c.expiresOn) return fail({ code: 'CARD_FREEZE_AFTER_EXPIRY', expiresOn: c.expiresOn });
  const endOn = addDays(req.startOn, req.days - 1);
  // Without an extension a freeze past the expiry would only lose days: refuse it.
  if (!policy.isExpiryExtended && c.expiresOn && endOn > c.expiresOn) return fail({ code: 'CARD_FREEZE_BEYOND_EXPIRY', expiresOn: c.expiresOn });
  const extensionDays = policy.isExpiryExtended && c.expiresOn ? req.days : 0;
  return {
    ok: true,
    plan: {
      startOn: req.startOn,
      endOn,
      days: req.days,
      extensionDays,
      isExpiryExtended: policy.isExpiryExtended,
      expiresOn: c.expiresOn,
      newExpiresOn: c.expiresOn ? expiryFromDays(c.activatedOn, c.daysGranted + extensionDays) : null,
      fee: policy.fee,
      freezesLeft: policy.maxTimes === null ? null : policy.maxTimes - c.freezeCount - 1,
      daysLeft: policy.maxTotalDays === null ? null : policy.maxTotalDays - c.freezeDaysUsed - req.days,
      startsNow: req.startOn === today,
    },
  };
}

/**
 * Ending a freeze on a day (the card is usable again from that day): the days frozen so far
 * count, the rest of the planned days come off the extension and off the policy usage. A freeze
 * that has not started yet is cancelled whole.
 */
export function endFreeze(f: { startOn: string; days: number; extensionDays: number; isExpiryExtended: boolean }, today: string): { cancelled: boolean; endedOn: string | null; actualDays: number; extensionRemoved: number; daysReturned: number } {
  if (today <= f.startOn) return { cancelled: true, endedOn: null, actualDays: 0, extensionRemoved: f.extensionDays, daysReturned: f.days };
  const actualDays = Math.min(f.days, daysBetween(f.startOn, today));
  const keep = f.isExpiryExtended ? Math.min(f.extensionDays, actualDays) : 0;
  return { cancelled: false, endedOn: addDays(f.startOn, actualDays - 1), actualDays, extensionRemoved: f.extensionDays - keep, daysReturned: f.days - actualDays };
}
