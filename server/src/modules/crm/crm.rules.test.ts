import { describe, expect, it } from 'vitest';
import { canMove, daysBetween, lookupDays, lunarDay, solarDay, turning, windowDays } from './crm.rules';

describe('interaction status', () => {
  it('moves open → in progress → resolved, and reopens', () => {
    expect(canMove('open', 'in_progress')).toBe(true);
    expect(canMove('open', 'resolved')).toBe(true);
    expect(canMove('in_progress', 'resolved')).toBe(true);
    expect(canMove('resolved', 'open')).toBe(true);
    expect(canMove('resolved', 'in_progress')).toBe(false);
  });
});

describe('upcoming windows', () => {
  it('finds solar and lunar days, including 29 February in common years', () => {
    const win = windowDays('2027-02-27', 5);
    expect(win.map((d) => d.date)).toEqual(['2027-02-27', '2027-02-28', '2027-03-01', '2027-03-02', '2027-03-03']);
    const look = lookupDays(win);
    expect(look.solar).toContain('02-29');
    expect(solarDay(win, '02-29')).toBe('2027-02-28');
    expect(solarDay(win, '03-02')).toBe('2027-03-02');
    expect(solarDay(win, '05-01')).toBeNull();
  });

  it('maps lunar birthdays onto this year’s solar days', () => {
    const win = windowDays('2026-09-20', 10);
    expect(lunarDay(win, '08-15')).toBe('2026-09-25');
    expect(lookupDays(win).lunar).toContain('08-15');
  });

  it('counts days and the age turned', () => {
    expect(daysBetween('2026-11-22', '2026-12-01')).toBe(9);
    expect(turning('1990-12-01', '2026-12-01')).toBe(36);
  });
});
