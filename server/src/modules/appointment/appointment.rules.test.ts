import { describe, expect, it } from 'vitest';
import { type SlotQuery, cancellationOutcome, canComplete, daySlots, freeSlots, localToUtc, overlappingWindows, windowSlots, windowsOn } from './appointment.rules';

const TZ = 'Asia/Shanghai';
// 2026-03-02 is a Monday.
const MON = '2026-03-02';
const base = (q: Partial<SlotQuery> = {}): SlotQuery => ({
  from: MON,
  to: MON,
  timeZone: TZ,
  weekly: [{ weekday: 1, startTime: '09:00', endTime: '12:00', slotMinutes: 60 }],
  exceptions: [],
  appointments: [],
  classes: [],
  now: '2026-03-01T00:00:00.000Z',
  today: '2026-03-01',
  minNoticeMinutes: 60,
  maxDaysAhead: 14,
  ...q,
});
const starts = (q: SlotQuery) => freeSlots(q).map((s) => s.startsAt);
const at = (hhmm: string, date = MON) => localToUtc(date, hhmm, TZ);

describe('appointment slots', () => {
  it('a weekly window gives back-to-back slots that end by the window’s end, only on its weekday', () => {
    expect(windowSlots({ startTime: '09:00', endTime: '11:30', slotMinutes: 45 })).toEqual([
      { startTime: '09:00', endTime: '09:45' },
      { startTime: '09:45', endTime: '10:30' },
      { startTime: '10:30', endTime: '11:15' },
    ]);
    expect(starts(base())).toEqual([at('09:00'), at('10:00'), at('11:00')]);
    // 09:00 Shanghai is 01:00 UTC.
    expect(starts(base())[0]).toBe('2026-03-02T01:00:00.000Z');
    expect(starts(base({ from: '2026-03-03', to: '2026-03-08' }))).toEqual([]);
    expect(freeSlots(base({ from: MON, to: '2026-03-09' })).map((s) => s.businessDate)).toEqual([MON, MON, MON, '2026-03-09', '2026-03-09', '2026-03-09']);
  });

  it('a whole-day exception removes the day; partial time off blocks the slots it touches; extra hours add slots', () => {
    expect(starts(base({ exceptions: [{ onDate: MON, kind: 'off', startTime: null, endTime: null, slotMinutes: null }] }))).toEqual([]);
    expect(starts(base({ exceptions: [{ onDate: MON, kind: 'off', startTime: '10:30', endTime: '11:00', slotMinutes: null }] }))).toEqual([at('09:00'), at('11:00')]);
    const extra = base({ exceptions: [{ onDate: MON, kind: 'extra', startTime: '14:00', endTime: '15:00', slotMinutes: 30 }] });
    expect(starts(extra)).toEqual([at('09:00'), at('10:00'), at('11:00'), at('14:00'), at('14:30')]);
    // Extra hours on a day without weekly windows (default slot length from the weekly windows).
    const tue = '2026-03-03';
    expect(starts(base({ from: tue, to: tue, exceptions: [{ onDate: tue, kind: 'extra', startTime: '18:00', endTime: '20:00', slotMinutes: null }] }))).toEqual([at('18:00', tue), at('19:00', tue)]);
    expect(windowsOn(MON, base().weekly, [{ onDate: '2026-03-09', kind: 'off', startTime: null, endTime: null, slotMinutes: null }])).toHaveLength(1);
  });

  it('existing appointments and the coach’s group classes take their slots, with the reason', () => {
    const q = base({ appointments: [{ startsAt: at('09:00'), endsAt: at('10:00') }], classes: [{ startsAt: at('10:30'), endsAt: at('11:15') }] });
    expect(daySlots(q).map((s) => s.status)).toEqual(['booked', 'class', 'class']);
    expect(starts(q)).toEqual([]);
    // Back to back is not an overlap.
    expect(starts(base({ classes: [{ startsAt: at('08:00'), endsAt: at('09:00') }] }))).toHaveLength(3);
  });

  it('the booking window: not inside the minimum notice (nor past), not beyond the days ahead', () => {
    const now = at('08:30');
    const q = base({ now, today: MON, minNoticeMinutes: 60 });
    expect(daySlots(q).map((s) => s.status)).toEqual(['too_soon', 'free', 'free']);
    expect(daySlots(base({ now: at('10:30'), today: MON, minNoticeMinutes: 0 })).map((s) => s.status)).toEqual(['too_soon', 'too_soon', 'free']);
    const far = base({ from: '2026-03-16', to: '2026-03-16', today: MON, now: at('08:00'), maxDaysAhead: 13 });
    expect(daySlots(far).every((s) => s.status === 'too_far')).toBe(true);
    expect(starts({ ...far, maxDaysAhead: 14 })).toHaveLength(3);
  });

  it('windows of one weekday may not overlap; two windows starting together give one slot', () => {
    expect(overlappingWindows([{ weekday: 1, startTime: '09:00', endTime: '12:00', slotMinutes: 60 }, { weekday: 1, startTime: '11:00', endTime: '13:00', slotMinutes: 60 }])).not.toBeNull();
    expect(overlappingWindows([{ weekday: 1, startTime: '09:00', endTime: '12:00', slotMinutes: 60 }, { weekday: 1, startTime: '12:00', endTime: '13:00', slotMinutes: 60 }, { weekday: 2, startTime: '09:00', endTime: '12:00', slotMinutes: 60 }])).toBeNull();
    const q = base({ exceptions: [{ onDate: MON, kind: 'extra', startTime: '09:00', endTime: '10:00', slotMinutes: 60 }] });
    expect(starts(q)).toEqual([at('09:00'), at('10:00'), at('11:00')]);
  });

  it('cancellation: in time releases; late forfeits only when the setting says so; completing opens an hour before', () => {
    const start = '2026-03-02T10:00:00.000Z';
    expect(cancellationOutcome('2026-03-01T21:59:00.000Z', start, { lateCancelMinutes: 720, isLateCancelForfeit: true })).toBe('release');
    expect(cancellationOutcome('2026-03-01T22:00:00.000Z', start, { lateCancelMinutes: 720, isLateCancelForfeit: true })).toBe('forfeit');
    expect(cancellationOutcome('2026-03-02T09:00:00.000Z', start, { lateCancelMinutes: 720, isLateCancelForfeit: false })).toBe('release');
    expect(canComplete('2026-03-02T08:59:00.000Z', start)).toBe(false);
    expect(canComplete('2026-03-02T09:00:00.000Z', start)).toBe(true);
  });
});
