import { z } from 'zod';
import { type Locale, type Localized, interpolate } from './i18n';
import { idPattern } from './ids';

/**
 * Zod helpers shared by every module's schemas, and localisation of validation issues.
 * A schema can name a custom message with `vmsg('KEY')`; the error handler turns it into
 * zh-CN or English text. Other issues use zod's own zh-CN / English locales.
 */
const messages = new Map<string, Localized>();

export function defineValidationMessages(defs: Record<string, Localized>): void {
  for (const [k, v] of Object.entries(defs)) {
    if (messages.has(k) && messages.get(k) !== v) throw new Error(`validation message ${k} defined twice`);
    messages.set(k, v);
  }
}

/** Reference a custom validation message in a zod schema: `z.string().regex(re, vmsg('MOBILE_INVALID'))`. */
export function vmsg(key: string): { error: string } {
  return { error: `msg:${key}` };
}

defineValidationMessages({
  ID_INVALID: { 'zh-CN': '编号格式不正确', en: 'Malformed id' },
  MOBILE_INVALID: { 'zh-CN': '手机号格式不正确(应为 11 位中国大陆手机号)', en: 'Invalid mobile number (11-digit mainland China number expected)' },
  EMAIL_INVALID: { 'zh-CN': '邮箱格式不正确', en: 'Invalid email address' },
  AMOUNT_INVALID: { 'zh-CN': '金额必须是以分为单位的整数', en: 'Amount must be an integer number of fen' },
  AMOUNT_POSITIVE: { 'zh-CN': '金额必须大于 0', en: 'Amount must be greater than 0' },
  DATE_INVALID: { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'Date must be YYYY-MM-DD' },
  TIMESTAMP_INVALID: { 'zh-CN': '时间格式应为 ISO-8601', en: 'Time must be ISO-8601' },
  PASSWORD_WEAK: { 'zh-CN': '密码至少 8 位,且需同时包含字母和数字', en: 'Password needs at least 8 characters with letters and digits' },
  REQUIRED: { 'zh-CN': '必填', en: 'Required' },
});

const zodLocales = {
  'zh-CN': z.locales.zhCN().localeError!,
  en: z.locales.en().localeError!,
};

export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** Turn zod issues into localised field details; never echoes the input back. */
export function localizeIssues(issues: readonly z.core.$ZodIssue[], locale: Locale, prefix?: string): FieldIssue[] {
  return issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
    let message: string;
    const required =
      (issue.code === 'too_small' && (issue as { origin?: string }).origin === 'string' && Number((issue as { minimum?: unknown }).minimum) === 1) ||
      (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined);
    if (required) {
      message = messages.get('REQUIRED')![locale];
    } else if (issue.message?.startsWith('msg:')) {
      const def = messages.get(issue.message.slice(4));
      message = def ? interpolate(def[locale], issue as unknown as Record<string, unknown>) : issue.message;
    } else {
      const out = zodLocales[locale](issue as unknown as Parameters<(typeof zodLocales)['en']>[0]);
      message = typeof out === 'string' ? out : (out?.message ?? issue.message);
    }
    if (issue.code === 'unrecognized_keys') {
      return { path: path || (issue as { keys: string[] }).keys.join(','), code: issue.code, message };
    }
    return { path, code: issue.code, message };
  });
}

// ---- Reusable field schemas ----

export function idSchema(prefix: string) {
  return z.string().regex(idPattern(prefix), vmsg('ID_INVALID')).describe(`${prefix}_… id`);
}

/** Amount in fen: a safe integer. */
export const fenSchema = z.number(vmsg('AMOUNT_INVALID')).int(vmsg('AMOUNT_INVALID')).refine(Number.isSafeInteger, vmsg('AMOUNT_INVALID'));
export const positiveFenSchema = fenSchema.refine((v) => v > 0, vmsg('AMOUNT_POSITIVE'));

export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, vmsg('DATE_INVALID'))
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), vmsg('DATE_INVALID'));

export const timestampSchema = z.iso.datetime({ offset: true, ...vmsg('TIMESTAMP_INVALID') });

/** Mainland China mobile, normalised: spaces, dashes and a +86 / 86 prefix removed. */
export function normalizeMobile(raw: string): string {
  let s = raw.replace(/[\s\-()]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return s;
}
export const mobileSchema = z
  .string()
  .transform(normalizeMobile)
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, vmsg('MOBILE_INVALID')));

export const emailSchema = z.email(vmsg('EMAIL_INVALID')).max(254);

export const passwordSchema = z
  .string()
  .min(8, vmsg('PASSWORD_WEAK'))
  .max(128)
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), vmsg('PASSWORD_WEAK'));

/** A trimmed, non-empty, bounded text. */
export function text(max = 200) {
  return z.string().trim().min(1).max(max);
}
