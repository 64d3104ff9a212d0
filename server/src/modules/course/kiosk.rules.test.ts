import { describe, expect, it } from 'vitest';
import { isKioskClass, maskName } from './kiosk.rules';

describe('kiosk rules', () => {
  it('masks names so one can pick oneself', () => {
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('王丽')).toBe('王*');
    expect(maskName('Alice')).toBe('A***e');
    expect(maskName('')).toBe('*');
  });
  it('shows classes not yet ended that start soon', () => {
    const s = { startsAt: '2026-03-02T10:00:00.000Z', endsAt: '2026-03-02T11:00:00.000Z', status: 'scheduled' };
    expect(isKioskClass('2026-03-02T07:00:00.000Z', s, 180)).toBe(true);
    expect(isKioskClass('2026-03-02T06:59:00.000Z', s, 180)).toBe(false);
    expect(isKioskClass('2026-03-02T10:59:00.000Z', s, 180)).toBe(true);
    expect(isKioskClass('2026-03-02T11:00:00.000Z', s, 180)).toBe(false);
    expect(isKioskClass('2026-03-02T10:00:00.000Z', { ...s, status: 'cancelled' }, 180)).toBe(false);
  });
});
