import { describe, expect, it } from 'vitest';
import { canMove, conversionBySource } from './lead.rules';

describe('lead pipeline', () => {
  it('moves forwards, may skip stages, never back, and reopens lost leads', () => {
    expect(canMove('enquiry', 'contacted')).toBe(true);
    expect(canMove('enquiry', 'trial_attended')).toBe(true);
    expect(canMove('trial_booked', 'contacted')).toBe(false);
    expect(canMove('contacted', 'lost')).toBe(true);
    expect(canMove('lost', 'contacted')).toBe(true);
    expect(canMove('lost', 'trial_booked')).toBe(false);
    expect(canMove('converted', 'lost')).toBe(false);
    expect(canMove('trial_attended', 'converted')).toBe(false);
  });

  it('counts conversions by source channel', () => {
    const r = conversionBySource([
      { source_channel: '美团', status: 'converted', n: 3 },
      { source_channel: '美团', status: 'lost', n: 1 },
      { source_channel: '美团', status: 'contacted', n: 2 },
      { source_channel: null, status: 'trial_booked', n: 1 },
    ]);
    expect(r.rows[0]).toEqual({ sourceChannel: '美团', total: 6, converted: 3, lost: 1, open: 2, trialReached: 3, conversionRate: 0.5 });
    expect(r.rows[1]).toMatchObject({ sourceChannel: null, total: 1, open: 1, conversionRate: 0 });
    expect(r.totals).toEqual({ total: 7, converted: 3, lost: 1, open: 3, trialReached: 4, conversionRate: 0.4286 });
  });
});
