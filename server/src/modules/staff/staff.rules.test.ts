import { describe, expect, it } from 'vitest';
import { builtinRolePermissions } from '../../shared/permissions';
import { LOCKOUT_THRESHOLD, afterFailedLogin, effectivePermissions, excessPermissions, isLocked } from './staff.rules';

describe('login lockout', () => {
  it('locks after the threshold and unlocks when the time passes', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    let s = { failedLoginCount: 0, lockedUntil: null as string | null };
    for (let i = 1; i < LOCKOUT_THRESHOLD; i++) {
      s = afterFailedLogin(s, now);
      expect(isLocked(s, now.toISOString())).toBe(false);
    }
    s = afterFailedLogin(s, now);
    expect(isLocked(s, now.toISOString())).toBe(true);
    expect(isLocked(s, '2026-11-22T10:16:00.000Z')).toBe(false);
  });
});

describe('permissions', () => {
  it('built-in roles take their permissions from the catalogue; owner holds all', () => {
    const owner = effectivePermissions([{ builtinKey: 'owner', permissions: [] }]);
    expect([...owner].sort()).toEqual(builtinRolePermissions('owner').sort());
    const fd = effectivePermissions([{ builtinKey: 'frontDesk', permissions: ['role.manage'] }]);
    expect(fd.has('role.manage')).toBe(false);
  });
  it('custom roles ignore unknown codes and union across roles', () => {
    const p = effectivePermissions([
      { builtinKey: null, permissions: ['org.read', 'nope.nope'] },
      { builtinKey: null, permissions: ['audit.read'] },
    ]);
    expect([...p].sort()).toEqual(['audit.read', 'org.read']);
  });
  it('refuses to grant what the granter does not hold', () => {
    expect(excessPermissions(new Set(['org.read']), ['org.read', 'staff.manage'])).toEqual(['staff.manage']);
    expect(excessPermissions(new Set(['*']), ['x'])).toEqual([]);
  });
});
