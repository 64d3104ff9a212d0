import { describe, expect, it } from 'vitest';
import { REDACTED, diffFields, maskMobile, redactForAudit } from './audit.rules';

describe('audit redaction', () => {
  it('replaces secrets and sensitive data, masks phones, keeps the rest', () => {
    const out = redactForAudit({
      name: '张小明',
      passwordHash: 'scrypt$…',
      mobile: '13800138000',
      nested: { token_hash: 'x', idNumber: '110101199001011234', note: 'ok' },
      health: { conditions: ['asthma'] },
    });
    expect(out).toEqual({
      name: '张小明',
      passwordHash: REDACTED,
      mobile: '138****8000',
      nested: { token_hash: REDACTED, idNumber: REDACTED, note: 'ok' },
      health: REDACTED,
    });
  });
  it('masks short or odd phone values without leaking them', () => {
    expect(maskMobile('123')).toBe('****');
    expect(maskMobile('021-6487000')).toBe('02****00');
    expect(maskMobile('138 0013 8000')).toBe('138****8000');
  });
  it('diffs only changed fields', () => {
    expect(diffFields({ a: 1, b: 2 }, { a: 1, b: 3, c: 4 })).toEqual({ before: { b: 2, c: null }, after: { b: 3, c: 4 } });
  });
});
