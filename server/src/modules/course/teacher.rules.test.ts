import { describe, expect, it } from 'vitest';
import { attendanceWindow, feedbackWindow, markOutcome, teacherOf, windowProblem } from './teacher.rules';

describe('teacher view rules', () => {
  const start = '2026-03-02T02:00:00.000Z';
  const end = '2026-03-02T03:00:00.000Z';

  it('the substitute teaches, not the replaced teacher', () => {
    expect(teacherOf({ teacher_id: 'tch_a', substitute_teacher_id: null })).toBe('tch_a');
    expect(teacherOf({ teacher_id: 'tch_a', substitute_teacher_id: 'tch_b' })).toBe('tch_b');
  });

  it('attendance opens with check-in and closes 6 hours after the end, both ends included', () => {
    const w = attendanceWindow(start, end, 30);
    expect(w).toEqual({ opensAt: '2026-03-02T01:30:00.000Z', closesAt: '2026-03-02T09:00:00.000Z' });
    expect(windowProblem('2026-03-02T01:29:59.999Z', w)).toBe('early');
    expect(windowProblem('2026-03-02T01:30:00.000Z', w)).toBeNull();
    expect(windowProblem('2026-03-02T09:00:00.000Z', w)).toBeNull();
    expect(windowProblem('2026-03-02T09:00:00.001Z', w)).toBe('closed');
  });

  it('feedback from the start until 72 hours after the end', () => {
    const w = feedbackWindow(start, end);
    expect(w).toEqual({ opensAt: start, closesAt: '2026-03-05T03:00:00.000Z' });
    expect(windowProblem('2026-03-02T01:59:00.000Z', w)).toBe('early');
  });

  it('marking: present/absent of a confirmed booking, the same mark twice changes nothing, the opposite conflicts', () => {
    expect(markOutcome('confirmed', 'present')).toBe('check_in');
    expect(markOutcome('confirmed', 'absent')).toBe('no_show');
    expect(markOutcome('attended', 'present')).toBe('unchanged');
    expect(markOutcome('no_show', 'absent')).toBe('unchanged');
    expect(markOutcome('attended', 'absent')).toBe('conflict');
    expect(markOutcome('no_show', 'present')).toBe('conflict');
    expect(markOutcome('cancelled', 'present')).toBe('conflict');
    expect(markOutcome('on_leave', 'absent')).toBe('conflict');
  });
});
