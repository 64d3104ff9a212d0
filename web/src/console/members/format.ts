// How members, families and CRM records read in the console: labels for the server's codes,
// ages, lunar dates, money in fen.
import dayjs from 'dayjs';
import type { MsgKey, T } from '../i18n';
import type { Gender, InteractionKind, InteractionStatus, LunarDate, MatchKind } from './types';

export const GENDER_LABEL: Record<Gender, MsgKey> = { male: 'members.gender.male', female: 'members.gender.female', unknown: 'members.gender.unknown' };

export function genderLabel(t: T, g: Gender | null | undefined): string {
  return g ? t(GENDER_LABEL[g]) : '—';
}

export const MATCH_LABEL: Record<MatchKind, MsgKey> = {
  memberNo: 'members.match.memberNo',
  cardNo: 'members.match.cardNo',
  mobile: 'members.match.mobile',
  mobileTail: 'members.match.mobileTail',
  mobilePrefix: 'members.match.mobilePrefix',
  name: 'members.match.name',
  pinyin: 'members.match.pinyin',
  initials: 'members.match.initials',
  dependent: 'members.match.dependent',
};

export const INTERACTION_KIND_LABEL: Record<InteractionKind, MsgKey> = {
  consultation: 'crm.kind.consultation',
  complaint: 'crm.kind.complaint',
  suggestion: 'crm.kind.suggestion',
  visit: 'crm.kind.visit',
};

export const INTERACTION_STATUS_LABEL: Record<InteractionStatus, MsgKey> = {
  open: 'crm.status.open',
  in_progress: 'crm.status.in_progress',
  resolved: 'crm.status.resolved',
};

export const INTERACTION_STATUS_COLOR: Record<InteractionStatus, string> = { open: 'red', in_progress: 'orange', resolved: 'green' };

export const CHANNELS = ['desk', 'phone', 'wechat', 'online', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABEL: Record<Channel, MsgKey> = {
  desk: 'crm.channel.desk',
  phone: 'crm.channel.phone',
  wechat: 'crm.channel.wechat',
  online: 'crm.channel.online',
  other: 'crm.channel.other',
};

export function channelLabel(t: T, c: string | null | undefined): string {
  if (!c) return '—';
  return c in CHANNEL_LABEL ? t(CHANNEL_LABEL[c as Channel]) : c;
}

/** Whole years between a birthday and today (or a given day). */
export function ageOn(birthday: string, on: string = dayjs().format('YYYY-MM-DD')): number {
  const [y, m, d] = birthday.split('-').map(Number);
  const [ty, tm, td] = on.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

/** A child's age: "3 岁 5 个月" under 6 (parents count months), whole years after. */
export function childAge(t: T, birthday: string): string {
  const b = dayjs(birthday);
  const now = dayjs();
  const months = now.diff(b, 'month');
  if (months < 0) return '—';
  if (months < 72) return t('members.age.yearsMonths', { years: Math.floor(months / 12), months: months % 12 });
  return t('members.age.years', { years: Math.floor(months / 12) });
}

const LUNAR_MONTHS = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊'];
const LUNAR_DAYS_TENS = ['初', '十', '廿', '三'];
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function lunarDayZh(day: number): string {
  if (day === 10) return '初十';
  if (day === 20) return '二十';
  if (day === 30) return '三十';
  return LUNAR_DAYS_TENS[Math.floor(day / 10)] + DIGITS[day % 10];
}

/** 农历 1990 年闰四月初八 / lunar 1990, leap month 4, day 8. */
export function formatLunar(t: T, l: LunarDate, locale: string): string {
  if (locale === 'zh-CN') return t('members.lunar.format', { year: l.year, month: `${l.isLeapMonth ? '闰' : ''}${LUNAR_MONTHS[l.month - 1]}`, day: lunarDayZh(l.day) });
  return t('members.lunar.format', { year: l.year, month: `${l.isLeapMonth ? 'leap ' : ''}${l.month}`, day: l.day });
}

/** Fen as ¥1,234.50. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '—';
}

export const today = (): string => dayjs().format('YYYY-MM-DD');
