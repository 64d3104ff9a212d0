// Client-side rules for member forms, worded like the server's own messages so a field says the
// same thing whether the browser or the server caught it.
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import type { T } from '../i18n';

/** What the server accepts as a mobile: +86, spaces and dashes removed, 1[3-9] and 9 digits. */
export function normalizeMobile(v: string): string {
  let s = v.replace(/[\s\-()]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  return s;
}

export const MOBILE_RE = /^1[3-9]\d{9}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function mobileRule(t: T): Rule {
  return { validator: (_, v?: string) => (!v || MOBILE_RE.test(normalizeMobile(v)) ? Promise.resolve() : Promise.reject(new Error(t('members.v.mobile')))) };
}

export function emailRule(t: T): Rule {
  return { validator: (_, v?: string) => (!v || EMAIL_RE.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('members.v.email')))) };
}

export function maxRule(t: T, max: number): Rule {
  return { max, message: t('members.v.max', { max }) };
}

export function requiredRule(t: T): Rule {
  return { required: true, whitespace: true, message: t('form.required') };
}

export function notFutureRule(t: T): Rule {
  return { validator: (_, v?: Dayjs | null) => (!v || !v.isAfter(dayjs(), 'day') ? Promise.resolve() : Promise.reject(new Error(t('members.v.birthdayFuture')))) };
}

export const notFutureDate = (d: Dayjs) => d.isAfter(dayjs(), 'day');
