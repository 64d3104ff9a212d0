import type { CardStatus, CardTerms, UseKey } from '../../db/schema';
import { type FreezeSpan, covers, expiryFor, freezeCovers, isSessionCard, isTerminal, minDate } from './card.rules';

/**
 * Whether a card may pay for one use (a class, a service, a visit) by someone on a day at a
 * store — pure. The consumption service loads the facts (under the card's row lock when it
 * acts on the answer) and turns a problem into its localised error.
 */
export type UseProblem =
  | { code: 'CARD_NOT_USABLE'; status: CardStatus }
  | { code: 'CARD_NOT_STARTED'; activateOn: string }
  | { code: 'CARD_EXPIRED_ON_DATE'; expiresOn: string }
  | { code: 'CARD_FROZEN_ON_DATE'; startOn: string; endOn: string }
  | { code: 'CARD_NOT_FOR_ITEM' }
  | { code: 'CARD_NOT_IN_STORE' }
  | { code: 'CARD_COACH_LEVEL'; coachLevel: string }
  | { code: 'CARD_SESSIONS_INSUFFICIENT'; available: number; required: number }
  | { code: 'CARD_DAILY_CAP'; cap: number }
  | { code: 'CARD_WEEKLY_CAP'; cap: number }
  | { code: 'CARD_USER_NOT_ALLOWED' }
  | { code: 'CARD_FAMILY_LIMIT'; limit: number; used: number };

export interface UseCardFacts {
  status: CardStatus;
  holderId: string;
  issuingStoreId: string;
  regionId: string | null;
  terms: CardTerms;
  activatedOn: string | null;
  activateOn: string | null;
  activateBy: string | null;
  expiresOn: string | null;
  sessionsRemaining: number;
  sessionsHeld: number;
  freezes: FreezeSpan[];
  /** The family entry of the user, when the user is not the holder. */
  family: { isActive: boolean; maxSessions: number | null; sessionsUsed: number; sessionsHeld: number } | null;
  /** Uses already counted on the day and in its week (consumptions net of reversals, plus open holds). */
  usesOnDate: number;
  usesInWeek: number;
}

export interface UseRequestFacts {
  userId: string;
  storeId: string;
  storeRegionId: string | null;
  forDate: string;
  items: UseKey[];
  units: number;
  coachLevel: string | null;
}

export interface UseVerdict {
  /** The card's last valid day for this use (projected for cards activated by this use). */
  expiresOn: string | null;
  sessionsAvailable: number | null;
  willActivate: boolean;
  willUnfreeze: boolean;
  isFamilyUse: boolean;
}

export function storeAllowed(scope: CardTerms['storeScope'], issuingStoreId: string, regionId: string | null, storeId: string, storeRegionId: string | null): boolean {
  if (scope === 'all_stores' || storeId === issuingStoreId) return true;
  return scope === 'issuing_region' && regionId !== null && storeRegionId === regionId;
}

export function checkUse(c: UseCardFacts, r: UseRequestFacts): { ok: true; verdict: UseVerdict } | { ok: false; problem: UseProblem } {
  const fail = (problem: UseProblem) => ({ ok: false as const, problem });
  const t = c.terms;
  if (isTerminal(c.status) || c.status === 'expired') return fail({ code: 'CARD_NOT_USABLE', status: c.status });

  // Who may use it: the holder, or a family member the holder named.
  let isFamilyUse = false;
  if (r.userId !== c.holderId) {
    if (!t.family.isAllowed || !c.family || !c.family.isActive) return fail({ code: 'CARD_USER_NOT_ALLOWED' });
    isFamilyUse = true;
  }

  // Validity on the day of use.
  let expiresOn = c.expiresOn;
  let willActivate = false;
  if (!c.activatedOn) {
    if (t.activationMode === 'date' && c.activateOn && r.forDate < c.activateOn) return fail({ code: 'CARD_NOT_STARTED', activateOn: c.activateOn });
    willActivate = true;
    // First use starts the card on the day of use (or on the latest activation day, if that comes first).
    const start = t.activationMode === 'date' && c.activateOn ? c.activateOn : c.activateBy ? minDate(c.activateBy, r.forDate) : r.forDate;
    expiresOn = t.validity ? expiryFor(start, t.validity) : null;
  } else if (r.forDate < c.activatedOn) {
    return fail({ code: 'CARD_NOT_STARTED', activateOn: c.activatedOn });
  }
  if (expiresOn && r.forDate > expiresOn) return fail({ code: 'CARD_EXPIRED_ON_DATE', expiresOn });

  // A scheduled freeze is the member's planned leave; a running one ends on use when the policy says so.
  let willUnfreeze = false;
  const freeze = c.freezes.find((f) => (f.status === 'scheduled' || f.status === 'active') && freezeCovers(f, r.forDate));
  if (freeze) {
    if (freeze.status === 'active' && t.freeze.isAutoUnfreezeOnUse) willUnfreeze = true;
    else return fail({ code: 'CARD_FROZEN_ON_DATE', startOn: freeze.startOn, endOn: freeze.endOn });
  }

  if (!covers(t.coverage, r.items)) return fail({ code: 'CARD_NOT_FOR_ITEM' });
  if (!storeAllowed(t.storeScope, c.issuingStoreId, c.regionId, r.storeId, r.storeRegionId)) return fail({ code: 'CARD_NOT_IN_STORE' });
  // A package for one coach level pays only for that level's coaches — not for a coach whose level is unknown.
  if (t.coachLevel && t.coachLevel !== r.coachLevel) return fail({ code: 'CARD_COACH_LEVEL', coachLevel: t.coachLevel });

  let sessionsAvailable: number | null = null;
  if (isSessionCard(t)) {
    sessionsAvailable = c.sessionsRemaining - c.sessionsHeld;
    if (sessionsAvailable < r.units) return fail({ code: 'CARD_SESSIONS_INSUFFICIENT', available: Math.max(0, sessionsAvailable), required: r.units });
  }
  if (t.perDayCap !== null && c.usesOnDate + 1 > t.perDayCap) return fail({ code: 'CARD_DAILY_CAP', cap: t.perDayCap });
  if (t.perWeekCap !== null && c.usesInWeek + 1 > t.perWeekCap) return fail({ code: 'CARD_WEEKLY_CAP', cap: t.perWeekCap });
  if (isFamilyUse && c.family!.maxSessions !== null) {
    const used = c.family!.sessionsUsed + c.family!.sessionsHeld;
    if (used + r.units > c.family!.maxSessions) return fail({ code: 'CARD_FAMILY_LIMIT', limit: c.family!.maxSessions, used });
  }
  return { ok: true, verdict: { expiresOn, sessionsAvailable, willActivate, willUnfreeze, isFamilyUse } };
}
