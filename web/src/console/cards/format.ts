// How cards read on screen: kinds, statuses, sessions and validity.
import type { MsgKey, T } from '../i18n';
import type { CardProduct, CardProductKind, CardStatus, MemberCard } from './types';

export const KIND_LABEL: Record<CardProductKind, MsgKey> = { count: 'cards.kind.count', time: 'cards.kind.time', private: 'cards.kind.private', trial: 'cards.kind.trial' };
export const KIND_COLOR: Record<CardProductKind, string> = { count: 'blue', time: 'purple', private: 'cyan', trial: 'gold' };

export const STATUS_COLOR: Record<CardStatus, string> = {
  pending: 'default',
  active: 'green',
  expiring: 'orange',
  expired: 'red',
  frozen: 'geekblue',
  transferred: 'default',
  refunded: 'default',
  cancelled: 'default',
};

/** Cards still in the holder's hands (the rest are history). */
export const LIVE_STATUSES: CardStatus[] = ['pending', 'active', 'expiring', 'frozen'];

export function unitLabel(t: T, unit: 'session' | 'class_hour'): string {
  return t(unit === 'class_hour' ? 'cards.unit.classHour' : 'cards.unit.session');
}

export function validityText(t: T, v: CardProduct['validity']): string {
  if (!v) return t('cards.validity.none');
  return t(v.unit === 'month' ? 'cards.validity.months' : 'cards.validity.days', { n: v.count });
}

/** "8 / 10 次" (remaining of total) or "不限次" for time cards. */
export function sessionsText(t: T, c: MemberCard): string {
  if (!c.sessions) return t('cards.sessions.unlimited');
  return t('cards.sessions.of', { remaining: c.sessions.remaining, total: c.sessions.total, unit: unitLabel(t, c.sessions.unit) });
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today in the browser's time zone as YYYY-MM-DD. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
