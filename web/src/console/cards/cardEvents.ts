// How a card's history events read, in the card's history drawer and on the member timeline.
import { yuan } from '../cashier/money';
import type { T } from '../i18n';

const EVENT_LABEL = {
  sold: 'cards.event.sold',
  activated: 'cards.event.activated',
  frozen: 'cards.event.frozen',
  unfrozen: 'cards.event.unfrozen',
  freeze_started: 'cards.event.freeze_started',
  freeze_ended: 'cards.event.freeze_ended',
  transferred_out: 'cards.event.transferred_out',
  transferred_in: 'cards.event.transferred_in',
  upgraded: 'cards.event.upgraded',
  adjusted: 'cards.event.adjusted',
  refunded: 'cards.event.refunded',
  cancelled: 'cards.event.cancelled',
  expired: 'cards.event.expired',
  status: 'cards.event.status',
  family_added: 'cards.event.family_added',
  family_changed: 'cards.event.family_changed',
  family_removed: 'cards.event.family_removed',
  fee_refunded: 'cards.event.fee_refunded',
} as const;

export function eventTitle(t: T, kind: string): string {
  return kind in EVENT_LABEL ? t(EVENT_LABEL[kind as keyof typeof EVENT_LABEL]) : kind;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const fen = (v: unknown) => (typeof v === 'number' ? yuan(v) : '');

export function eventDetail(t: T, kind: string, s: Record<string, unknown>): string | null {
  switch (kind) {
    case 'sold':
      return t('cards.eventDetail.sold', { paid: fen(s.paid), sessions: s.sessions === null || s.sessions === undefined ? t('cards.sessions.unlimited') : str(s.sessions) });
    case 'activated':
      return t('cards.eventDetail.activated', { from: str(s.activatedOn), to: str(s.expiresOn) || '—' });
    case 'frozen':
      return t('cards.eventDetail.frozen', { from: str(s.startOn), to: str(s.endOn), days: str(s.days), before: str(s.expiresOn) || '—', after: str(s.newExpiresOn) || '—', fee: fen(s.fee) });
    case 'unfrozen':
      return t('cards.eventDetail.unfrozen', { days: str(s.daysFrozen), expiry: str(s.expiresOn) || '—' });
    case 'transferred_out':
    case 'transferred_in':
      return t('cards.eventDetail.transfer', { from: str(s.fromCardNo), to: str(s.toCardNo), fee: fen(s.fee) });
    case 'refunded':
      return t('cards.eventDetail.refunded', { amount: fen(s.refunded), retained: fen(s.retained) });
    case 'adjusted':
    case 'cancelled':
      return s.reason ? str(s.reason) : null;
    case 'status':
      return `${str(s.from)} → ${str(s.to)}`;
    default:
      return null;
  }
}
