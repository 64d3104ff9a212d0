import { describe, expect, it } from 'vitest';
import { addDays, ageAllowed, ageInMonths, bookingWindow, canPromote, canUndoCheckIn, cancellationOutcome, checkBookable, checkInTime, isNoShowDue, isTime, localToUtc, overlaps, weekdayOf, weeklyDates } from './course.rules';

describe('course rules', () => {
  it('turns a local class time into an instant in the tenant time zone', () => {
    expect(localToUtc('2026-03-02', '10:00', 'Asia/Shanghai')).toBe('2026-03-02T02:00:00.000Z');
    expect(localToUtc('2026-03-02', '07:30', 'Asia/Shanghai')).toBe('2026-03-01T23:30:00.000Z');
    expect(localToUtc('2026-07-01', '09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(localToUtc('2026-01-01', '09:00', 'UTC')).toBe('2026-01-01T09:00:00.000Z');
  });

  it('lists the weekly dates of a timetable, skipping exceptions', () => {
    expect(weekdayOf('2026-03-02')).toBe(1);
    expect(weekdayOf('2026-03-08')).toBe(7);
    expect(weeklyDates('2026-03-01', '2026-03-31', 3)).toEqual(['2026-03-04', '2026-03-11', '2026-03-18', '2026-03-25']);
    expect(weeklyDates('2026-03-04', '2026-03-18', 3, new Set(['2026-03-11']))).toEqual(['2026-03-04', '2026-03-18']);
    expect(weeklyDates('2026-03-05', '2026-03-04', 3)).toEqual([]);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(isTime('09:30')).toBe(true);
    expect(isTime('24:00')).toBe(false);
  });

  it('half-open overlaps: back-to-back classes do not overlap', () => {
    expect(overlaps('2026-03-02T02:00:00Z', '2026-03-02T03:00:00Z', '2026-03-02T02:30:00Z', '2026-03-02T03:30:00Z')).toBe(true);
    expect(overlaps('2026-03-02T02:00:00Z', '2026-03-02T03:00:00Z', '2026-03-02T03:00:00Z', '2026-03-02T04:00:00Z')).toBe(false);
    expect(overlaps('2026-03-02T02:00:00Z', '2026-03-02T05:00:00Z', '2026-03-02T03:00:00Z', '2026-03-02T04:00:00Z')).toBe(true);
  });

  it('ages in whole months, and age ranges', () => {
    expect(ageInMonths('2024-03-15', '2025-03-14')).toBe(11);
    expect(ageInMonths('2024-03-15', '2025-03-15')).toBe(12);
    const range = { minMonths: 12, maxMonths: 24 };
    expect(ageAllowed(range, '2024-03-15', '2025-03-15')).toEqual({ ok: true });
    expect(ageAllowed(range, '2024-03-15', '2025-03-14')).toEqual({ ok: false, ageMonths: 11 });
    expect(ageAllowed(range, '2022-03-15', '2025-03-15')).toEqual({ ok: false, ageMonths: 36 });
    expect(ageAllowed(range, null, '2025-03-15')).toEqual({ ok: false, ageMonths: null });
    expect(ageAllowed({ minMonths: null, maxMonths: null }, null, '2025-03-15')).toEqual({ ok: true });
  });

  it('the booking window opens N days ahead, earlier by tier priority, and closes M minutes before start', () => {
    const w = bookingWindow('2026-03-10T02:00:00.000Z', { bookingOpensDays: 7, bookingClosesMinutes: 30 }, 0);
    expect(w).toEqual({ opensAt: '2026-03-03T02:00:00.000Z', closesAt: '2026-03-10T01:30:00.000Z' });
    expect(bookingWindow('2026-03-10T02:00:00.000Z', { bookingOpensDays: 7, bookingClosesMinutes: 30 }, 24).opensAt).toBe('2026-03-02T02:00:00.000Z');
    const s = { status: 'scheduled', startsAt: '2026-03-10T02:00:00.000Z' };
    expect(checkBookable('2026-03-03T01:59:00.000Z', s, w)).toEqual({ code: 'COURSE_BOOKING_NOT_OPEN', opensAt: w.opensAt });
    expect(checkBookable('2026-03-03T02:00:00.000Z', s, w)).toBeNull();
    expect(checkBookable('2026-03-10T01:31:00.000Z', s, w)).toEqual({ code: 'COURSE_BOOKING_CLOSED', closesAt: w.closesAt });
    expect(checkBookable('2026-03-10T02:00:00.000Z', s, w)).toEqual({ code: 'COURSE_SESSION_PAST' });
    expect(checkBookable('2026-03-05T00:00:00.000Z', { ...s, status: 'cancelled' }, w)).toEqual({ code: 'COURSE_SESSION_CANCELLED' });
  });

  it('cancellation: in time releases, late forfeits, a waiver releases', () => {
    const start = '2026-03-10T02:00:00.000Z';
    expect(cancellationOutcome('2026-03-09T23:59:00.000Z', start, 120, false)).toBe('release');
    expect(cancellationOutcome('2026-03-10T00:00:00.000Z', start, 120, false)).toBe('forfeit');
    expect(cancellationOutcome('2026-03-10T01:00:00.000Z', start, 120, true)).toBe('release');
    expect(canPromote('2026-03-09T23:59:00.000Z', start, 120)).toBe(true);
    expect(canPromote('2026-03-10T00:00:00.000Z', start, 120)).toBe(false);
  });

  it('check-in opens before the class and closes at its end; undo within the window; no-show after the grace', () => {
    const start = '2026-03-10T02:00:00.000Z';
    const end = '2026-03-10T03:00:00.000Z';
    expect(checkInTime('2026-03-10T00:59:00.000Z', start, end, 60)).toEqual({ code: 'COURSE_CHECKIN_NOT_OPEN', opensAt: '2026-03-10T01:00:00.000Z' });
    expect(checkInTime('2026-03-10T01:00:00.000Z', start, end, 60)).toBeNull();
    expect(checkInTime('2026-03-10T03:00:01.000Z', start, end, 60)).toEqual({ code: 'COURSE_CHECKIN_CLOSED' });
    expect(canUndoCheckIn('2026-03-10T02:30:00.000Z', '2026-03-10T02:00:00.000Z', 30)).toBe(true);
    expect(canUndoCheckIn('2026-03-10T02:30:01.000Z', '2026-03-10T02:00:00.000Z', 30)).toBe(false);
    expect(isNoShowDue('2026-03-10T03:14:00.000Z', end, 15)).toBe(false);
    expect(isNoShowDue('2026-03-10T03:15:00.000Z', end, 15)).toBe(true);
  });
});
