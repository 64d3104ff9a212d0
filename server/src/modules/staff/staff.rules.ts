import { type BuiltinRole, BUILTIN_ROLES, builtinRolePermissions, isPermission } from '../../shared/permissions';

/** Login lockout: after this many consecutive failures the account is locked for a while. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

export interface LockState {
  failedLoginCount: number;
  lockedUntil: string | null;
}

export function isLocked(state: LockState, nowIso: string): boolean {
  return !!state.lockedUntil && state.lockedUntil > nowIso;
}

/** State after a failed attempt: the count rises; reaching the threshold locks and restarts the count. */
export function afterFailedLogin(state: LockState, now: Date): LockState {
  const count = state.failedLoginCount + 1;
  if (count >= LOCKOUT_THRESHOLD) {
    return { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() };
  }
  return { failedLoginCount: count, lockedUntil: state.lockedUntil };
}

export interface RoleGrant {
  builtinKey: string | null;
  permissions: string[];
}

/** The permission set a staff member holds through their roles. Unknown codes are ignored. */
export function effectivePermissions(roles: RoleGrant[]): Set<string> {
  const out = new Set<string>();
  for (const r of roles) {
    const perms = r.builtinKey && (BUILTIN_ROLES as readonly string[]).includes(r.builtinKey) ? builtinRolePermissions(r.builtinKey as BuiltinRole) : r.permissions;
    for (const p of perms) if (isPermission(p)) out.add(p);
  }
  return out;
}

export function isOwner(roles: RoleGrant[]): boolean {
  return roles.some((r) => r.builtinKey === 'owner');
}

/**
 * No privilege escalation: a staff member may hand out only permissions they hold themselves.
 * Returns the permissions that would be granted beyond the granter's own.
 */
export function excessPermissions(granter: ReadonlySet<string>, granted: Iterable<string>): string[] {
  if (granter.has('*')) return [];
  return [...granted].filter((p) => !granter.has(p));
}
