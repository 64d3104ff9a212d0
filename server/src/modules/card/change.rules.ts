import type { CardStatus, CardTerms } from '../../db/schema';
import { addDays, expiryFromDays, isSessionCard, isTerminal, validityDays } from './card.rules';

/** Transfer (转卡) and upgrade (补差价升级) rules, pure. */

export type TransferProblem =
  | { code: 'CARD_TRANSFER_NOT_ALLOWED' }
  | { code: 'CARD_TRANSFER_FROZEN' }
  | { code: 'CARD_TRANSFER_EXPIRED' }
  | { code: 'CARD_NOT_USABLE'; status: CardStatus }
  | { code: 'CARD_TRANSFER_LIMIT'; maxTimes: number }
  | { code: 'CARD_TRANSFER_SAME_MEMBER' };

export function checkTransfer(c: { status: CardStatus; terms: CardTerms; transferCount: number; holderId: string; expiresOn: string | null }, toMemberId: string, today: string): TransferProblem | null {
  if (!c.terms.transfer.isAllowed) return { code: 'CARD_TRANSFER_NOT_ALLOWED' };
  if (c.status === 'frozen') return { code: 'CARD_TRANSFER_FROZEN' };
  if (c.status === 'expired' || (c.expiresOn !== null && today > c.expiresOn)) return { code: 'CARD_TRANSFER_EXPIRED' };
  if (isTerminal(c.status)) return { code: 'CARD_NOT_USABLE', status: c.status };
  if (c.terms.transfer.maxTimes !== null && c.transferCount >= c.terms.transfer.maxTimes) return { code: 'CARD_TRANSFER_LIMIT', maxTimes: c.terms.transfer.maxTimes };
  if (toMemberId === c.holderId) return { code: 'CARD_TRANSFER_SAME_MEMBER' };
  return null;
}

export type UpgradeProblem =
  | { code: 'CARD_UPGRADE_NOT_ALLOWED' }
  | { code: 'CARD_UPGRADE_WINDOW_PASSED'; lastDay: string }
  | { code: 'CARD_NOT_USABLE'; status: CardStatus }
  | { code: 'CARD_UPGRADE_TARGET_INVALID' }
  | { code: 'CARD_UPGRADE_NOT_HIGHER' }
  | { code: 'CARD_UPGRADE_INCOMPATIBLE' }
  | { code: 'CARD_UPGRADE_SESSIONS_SHORT'; held: number }
  | { code: 'CARD_UPGRADE_EXPIRY_PAST' };

export interface UpgradeTarget {
  id: string;
  price: number;
  isActive: boolean;
  terms: CardTerms;
}

export interface UpgradePlan {
  difference: number;
  sessionsDelta: number;
  sessionsPaid: number | null;
  daysDelta: number;
  daysPaid: number;
  expiresOn: string | null;
  newExpiresOn: string | null;
}

export function planUpgrade(
  c: {
    status: CardStatus;
    terms: CardTerms;
    productId: string;
    listPrice: number;
    soldOn: string;
    activatedOn: string | null;
    expiresOn: string | null;
    sessionsRemaining: number;
    sessionsHeld: number;
    sessionsPaid: number | null;
    daysGranted: number;
    daysPaid: number;
  },
  to: UpgradeTarget,
  today: string,
): { ok: true; plan: UpgradePlan } | { ok: false; problem: UpgradeProblem } {
  const fail = (problem: UpgradeProblem) => ({ ok: false as const, problem });
  const w = c.terms.upgrade.windowDays;
  if (w === null) return fail({ code: 'CARD_UPGRADE_NOT_ALLOWED' });
  if (today > addDays(c.soldOn, w)) return fail({ code: 'CARD_UPGRADE_WINDOW_PASSED', lastDay: addDays(c.soldOn, w) });
  if (isTerminal(c.status) || c.status === 'expired') return fail({ code: 'CARD_NOT_USABLE', status: c.status });
  if (!to.isActive || to.id === c.productId) return fail({ code: 'CARD_UPGRADE_TARGET_INVALID' });
  const listed = c.terms.upgrade.toProductIds;
  if (listed.length && !listed.includes(to.id)) return fail({ code: 'CARD_UPGRADE_TARGET_INVALID' });
  if (to.price <= c.listPrice) return fail({ code: 'CARD_UPGRADE_NOT_HIGHER' });
  // Session cards upgrade to session cards, unlimited ones to unlimited ones, with or without an expiry alike.
  if (isSessionCard(c.terms) !== isSessionCard(to.terms) || (c.terms.validity === null) !== (to.terms.validity === null)) return fail({ code: 'CARD_UPGRADE_INCOMPATIBLE' });
  let sessionsDelta = 0;
  if (isSessionCard(to.terms)) {
    sessionsDelta = to.terms.sessions! - (c.sessionsPaid ?? 0);
    if (c.sessionsRemaining + sessionsDelta < c.sessionsHeld) return fail({ code: 'CARD_UPGRADE_SESSIONS_SHORT', held: c.sessionsHeld });
  }
  let daysDelta = 0;
  let daysPaid = c.daysPaid;
  let newExpiresOn = c.expiresOn;
  if (c.activatedOn && to.terms.validity) {
    daysPaid = validityDays(c.activatedOn, to.terms.validity);
    daysDelta = daysPaid - c.daysPaid;
    newExpiresOn = expiryFromDays(c.activatedOn, c.daysGranted + daysDelta);
    if (newExpiresOn < today) return fail({ code: 'CARD_UPGRADE_EXPIRY_PAST' });
  }
  return {
    ok: true,
    plan: { difference: to.price - c.listPrice, sessionsDelta, sessionsPaid: to.terms.sessions, daysDelta, daysPaid, expiresOn: c.expiresOn, newExpiresOn },
  };
}
