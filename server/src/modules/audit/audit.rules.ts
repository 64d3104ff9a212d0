/**
 * What an audit entry may keep of an entity. Secrets are replaced, sensitive personal data
 * (health, id numbers) is replaced, phone numbers are masked — the log stays useful without
 * becoming a copy of the data it protects.
 */
const SECRET_KEY = /(password|secret|token|hash|csrf|id_?number|health|medical|injur|condition)/i;
const PHONE_KEY = /(mobile|phone)/i;

export const REDACTED = '[REDACTED]';

export function maskMobile(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length === 11) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (value.length <= 4) return '****';
  return `${value.slice(0, 2)}****${value.slice(-2)}`;
}

export function redactForAudit(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (depth > 6) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactForAudit(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY.test(k)) out[k] = v === null || v === undefined ? v ?? null : REDACTED;
      else if (PHONE_KEY.test(k) && typeof v === 'string') out[k] = maskMobile(v);
      else out[k] = redactForAudit(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** Keep only the fields that changed, so an update's before/after reads as a diff. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
  }
  return { before: b, after: a };
}
