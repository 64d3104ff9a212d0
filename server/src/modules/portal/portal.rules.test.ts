import { describe, expect, it } from 'vitest';
import { CODE_LENGTH, MAX_WRONG_TRIES, codeFromBytes, codeHash, isUsable, resendWait } from './portal.rules';

const at = (iso: string) => Date.parse(iso);
const code = (over: Partial<{ createdAt: string; expiresAt: string; attempts: number; consumedAt: string | null }> = {}) => ({
  createdAt: '2026-12-03T10:00:00.000Z',
  expiresAt: '2026-12-03T10:05:00.000Z',
  attempts: 0,
  consumedAt: null,
  ...over,
});

describe('member sign-in codes', () => {
  it('waits a minute between codes, counting the seconds left', () => {
    expect(resendWait(undefined, at('2026-12-03T10:00:00Z'))).toBe(0);
    expect(resendWait(code(), at('2026-12-03T10:00:00.500Z'))).toBe(60);
    expect(resendWait(code(), at('2026-12-03T10:00:59.100Z'))).toBe(1);
    expect(resendWait(code(), at('2026-12-03T10:01:00Z'))).toBe(0);
  });

  it('takes a code until it expires, is used, or was tried wrong too often', () => {
    expect(isUsable(code(), at('2026-12-03T10:04:59Z'))).toBe(true);
    expect(isUsable(code(), at('2026-12-03T10:05:00Z'))).toBe(false);
    expect(isUsable(code({ consumedAt: '2026-12-03T10:01:00Z' }), at('2026-12-03T10:02:00Z'))).toBe(false);
    expect(isUsable(code({ attempts: MAX_WRONG_TRIES - 1 }), at('2026-12-03T10:02:00Z'))).toBe(true);
    expect(isUsable(code({ attempts: MAX_WRONG_TRIES }), at('2026-12-03T10:02:00Z'))).toBe(false);
  });

  it('makes six digits and binds the hash to the member', () => {
    expect(codeFromBytes(new Uint8Array([0, 9, 10, 255, 128, 37]))).toBe('090587');
    expect(codeFromBytes(new Uint8Array(16).fill(7))).toHaveLength(CODE_LENGTH);
    expect(codeHash('mbr_A', '123456')).not.toBe(codeHash('mbr_B', '123456'));
    expect(codeHash('mbr_A', '123456')).toBe(codeHash('mbr_A', '123456'));
  });
});
