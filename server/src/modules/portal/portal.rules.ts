// Member sign-in by mobile and one-time code: how long a code lives, how often one may be
// asked for, how many wrong tries it allows. Pure, unit-tested.
import { sha256Hex } from '../../shared/secrets';

export const CODE_TTL_MS = 5 * 60_000;
export const RESEND_AFTER_MS = 60_000;
export const MAX_WRONG_TRIES = 5;
export const CODE_LENGTH = 6;
export const MEMBER_SESSION_MS = 30 * 86_400_000;

/** The stored form of a code: bound to the member, so a hash says nothing on its own. */
export function codeHash(memberId: string, code: string): string {
  return sha256Hex(`${memberId}:${code}`);
}

export interface IssuedCode {
  createdAt: string;
  expiresAt: string;
  attempts: number;
  consumedAt: string | null;
}

/** Seconds to wait before another code may be sent (0: send now). */
export function resendWait(last: IssuedCode | undefined, nowMs: number): number {
  if (!last) return 0;
  const since = nowMs - Date.parse(last.createdAt);
  return since >= RESEND_AFTER_MS ? 0 : Math.ceil((RESEND_AFTER_MS - since) / 1000);
}

/** Whether a code may still be tried: not used, not expired, not worn out by wrong tries. */
export function isUsable(c: IssuedCode, nowMs: number): boolean {
  return c.consumedAt === null && Date.parse(c.expiresAt) > nowMs && c.attempts < MAX_WRONG_TRIES;
}

/** A code's digits, made from random bytes (the caller draws them). */
export function codeFromBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += String(bytes[i] % 10);
  return out;
}
