import type { AppConfig } from '../../config/config';
import { type Database, inTransaction } from '../../db/database';
import type { Principal } from '../../http/types';
import type { Clock } from '../../shared/clock';
import { type Ctx, systemCtx } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { isLocale } from '../../shared/i18n';
import { dummyPasswordHash, hashPassword, randomToken, safeEqual, sha256Hex, verifyPassword } from '../../shared/secrets';
import type { AuditService } from '../audit';
import type { OrgService } from '../org';
import { type ResolvedAccess, type ProfileExtras, createAccessCache, scopeOf } from './scope';
import { StaffErrors } from './staff.errors';
import { type StaffRow, apiKeysRepo, sessionsRepo, staffRepo } from './staff.repo';
import { afterFailedLogin, isLocked } from './staff.rules';
import type { Me } from './staff.schemas';

/** Sessions are refreshed (sliding expiry) at most this often, so reads stay reads. */
const TOUCH_AFTER_MS = 5 * 60_000;

export const SESSION_COOKIE = 'tessera_sid';

export interface LoginResult {
  cookieValue: string;
  maxAgeSeconds: number;
  me: Me;
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: { database: Database; clock: Clock; config: AppConfig; org: OrgService; audit: AuditService }) {
  const { database, clock, config, org, audit } = deps;
  const db = database.db;
  const sessionMs = config.sessionHours * 3600_000;
  // Per process (and per app instance): resolved access keyed by the tenant's access version.
  const accessCache = createAccessCache({ db, org });
  /** What the session query said about a request's principal, for GET /auth/me without re-reading it. */
  const sessionRows = new WeakMap<Principal, SessionStaff>();

  type SessionStaff = {
    id: string;
    login: string;
    name: string;
    locale: string | null;
    is_password_temporary: boolean;
    scope_type: StaffRow['scope_type'];
    scope_region_id: string | null;
    access_version: number;
  };

  function presentMe(staff: SessionStaff, access: ResolvedAccess, extras: ProfileExtras, csrfToken: string): Me {
    return {
      staff: {
        id: staff.id,
        login: staff.login,
        name: staff.name,
        locale: staff.locale,
        mustChangePassword: staff.is_password_temporary,
        scopeType: access.storeScope.all ? 'all' : staff.scope_type,
      },
      tenant: extras.tenant,
      roles: access.roles,
      permissions: [...access.permissions].sort(),
      stores: extras.stores.map((s) => ({ id: s.id, code: s.code, name: s.name, regionId: s.regionId })),
      csrfToken,
    };
  }

  /** The profile from the database as it is now (sign-in, after an edit of one's own profile). */
  async function buildMe(tenantId: string, staffId: string, csrfToken: string): Promise<Me> {
    const staff = await staffRepo.byId(db, tenantId, staffId);
    const tenant = await org.tenantById(tenantId);
    if (!staff || !tenant) throw StaffErrors.STAFF_NOT_FOUND();
    const access = await accessCache.load(tenantId, staff);
    const stores = await org.storesForScope(tenantId, access.storeScope);
    return presentMe({ ...staff, access_version: -1 }, access, { tenant, stores }, csrfToken);
  }

  function loginCtx(tenantId: string, staff: { id: string; name: string } | null, meta: { ip: string | null; requestId: string | null }): Ctx {
    return {
      ...systemCtx(tenantId),
      actor: staff ? { type: 'staff', id: staff.id, name: staff.name } : { type: 'system', id: null, name: 'login' },
      requestId: meta.requestId,
      ip: meta.ip,
    };
  }

  async function tenantForLogin(code: string | undefined) {
    if (code) return org.tenantByCode(code);
    const dir = await org.tenantDirectory();
    if (dir.single) return dir.single;
    throw StaffErrors.TENANT_REQUIRED();
  }

  return {
    async login(
      input: { tenantCode?: string; login: string; password: string },
      meta: { ip: string | null; userAgent: string | null; requestId: string | null },
    ): Promise<LoginResult> {
      const tenant = await tenantForLogin(input.tenantCode);
      const staff = tenant ? await staffRepo.byLogin(db, tenant.id, input.login) : undefined;
      const now = clock.now();
      const nowIso = now.toISOString();
      if (!tenant || !staff) {
        // Spend the same time as a real check so the response does not reveal which logins exist.
        await verifyPassword(input.password, await dummyPasswordHash());
        throw StaffErrors.LOGIN_FAILED();
      }
      if (isLocked({ failedLoginCount: staff.failed_login_count, lockedUntil: staff.locked_until }, nowIso)) {
        throw StaffErrors.ACCOUNT_LOCKED({ params: { until: staff.locked_until }, details: { lockedUntil: staff.locked_until } });
      }
      const ok = await verifyPassword(input.password, staff.password_hash);
      if (!ok) {
        const next = afterFailedLogin({ failedLoginCount: staff.failed_login_count, lockedUntil: staff.locked_until }, now);
        await inTransaction(database, async (trx) => {
          await staffRepo.update(trx, tenant.id, staff.id, { failed_login_count: next.failedLoginCount, locked_until: next.lockedUntil });
          await audit.record(trx, loginCtx(tenant.id, staff, meta), {
            action: next.lockedUntil && next.lockedUntil > nowIso ? 'auth.locked' : 'auth.login_failed',
            entityType: 'staff',
            entityId: staff.id,
          });
        });
        if (next.lockedUntil && next.lockedUntil > nowIso) {
          throw StaffErrors.ACCOUNT_LOCKED({ params: { until: next.lockedUntil }, details: { lockedUntil: next.lockedUntil } });
        }
        throw StaffErrors.LOGIN_FAILED();
      }
      if (staff.status !== 'active') throw StaffErrors.ACCOUNT_DISABLED();

      const token = randomToken(32);
      const csrfToken = randomToken(24);
      const sessionId = newId(ID_PREFIXES.session);
      await inTransaction(database, async (trx) => {
        await sessionsRepo.insert(trx, {
          tenant_id: tenant.id,
          id: sessionId,
          staff_id: staff.id,
          token_hash: sha256Hex(token),
          csrf_token: csrfToken,
          ip: meta.ip,
          user_agent: meta.userAgent?.slice(0, 300) ?? null,
          created_at: nowIso,
          last_seen_at: nowIso,
          expires_at: new Date(now.getTime() + sessionMs).toISOString(),
          revoked_at: null,
        });
        await staffRepo.update(trx, tenant.id, staff.id, { failed_login_count: 0, locked_until: null, last_login_at: nowIso });
        await audit.record(trx, loginCtx(tenant.id, staff, meta), { action: 'auth.login', entityType: 'staff', entityId: staff.id, after: { sessionId } });
      });
      return { cookieValue: `${tenant.id}.${token}`, maxAgeSeconds: Math.floor(sessionMs / 1000), me: await buildMe(tenant.id, staff.id, csrfToken) };
    },

    /** Resolve a session cookie to a principal; null when absent, expired or revoked. */
    async principalFromSession(cookieValue: string): Promise<Principal | null> {
      const dot = cookieValue.indexOf('.');
      if (dot <= 0) return null;
      const tenantId = cookieValue.slice(0, dot);
      const token = cookieValue.slice(dot + 1);
      if (!token || tenantId.length > 40) return null;
      const row = await sessionsRepo.activeByTokenHash(db, tenantId, sha256Hex(token));
      if (!row || row.revoked_at || row.status !== 'active') return null;
      const now = clock.now();
      const nowIso = now.toISOString();
      if (row.expires_at <= nowIso) return null;
      if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
        await sessionsRepo.touch(db, tenantId, row.session_id, nowIso, new Date(now.getTime() + sessionMs).toISOString());
      }
      const staff: SessionStaff = {
        id: row.staff_id,
        login: row.login,
        name: row.name,
        locale: row.locale,
        is_password_temporary: row.is_password_temporary,
        scope_type: row.scope_type,
        scope_region_id: row.scope_region_id,
        access_version: row.access_version,
      };
      const access = await accessCache.access(tenantId, staff, row.access_version);
      const principal: Principal = {
        tenantId,
        actor: { type: 'staff', id: row.staff_id, name: row.name },
        permissions: access.permissions,
        storeScope: access.storeScope,
        session: { id: row.session_id, csrfToken: row.csrf_token, staffId: row.staff_id },
        locale: isLocale(row.locale) ? row.locale : null,
      };
      sessionRows.set(principal, staff);
      return principal;
    },

    /** Resolve `Authorization: Bearer tsk.<tenant>.<key>.<secret>` to a principal. */
    async principalFromApiKey(token: string): Promise<Principal | null> {
      const parts = token.split('.');
      if (parts.length !== 4 || parts[0] !== 'tsk') return null;
      const [, tenantId, keyId, secret] = parts;
      const key = await apiKeysRepo.byId(db, tenantId, keyId);
      if (!key || key.revoked_at) return null;
      const nowIso = clock.iso();
      if (key.expires_at && key.expires_at <= nowIso) return null;
      if (!safeEqual(sha256Hex(secret), key.secret_hash)) return null;
      if (!key.last_used_at || Date.parse(nowIso) - Date.parse(key.last_used_at) > TOUCH_AFTER_MS) {
        await apiKeysRepo.touch(db, tenantId, keyId, nowIso);
      }
      const storeScope = await scopeOf(db, org, tenantId, null, key.scope_type, key.scope_region_id, false, key.scope_store_ids_json);
      return {
        tenantId,
        actor: { type: 'apiKey', id: key.id, name: key.name },
        permissions: new Set(key.permissions_json),
        storeScope,
        apiKeyId: key.id,
      };
    },

    async logout(ctx: Ctx, sessionId: string): Promise<void> {
      await inTransaction(database, async (trx) => {
        await sessionsRepo.revoke(trx, ctx.tenantId, sessionId, clock.iso());
        await audit.record(trx, ctx, { action: 'auth.logout', entityType: 'staff', entityId: ctx.actor.id, after: { sessionId } });
      });
    },

    /**
     * The signed-in profile. With the request's principal, the session query's staff row and the
     * cached access of its version serve it without further queries.
     */
    async me(ctx: Ctx, csrfToken: string, principal?: Principal | null): Promise<Me> {
      if (ctx.actor.type !== 'staff' || !ctx.actor.id) throw StaffErrors.STAFF_SESSION_REQUIRED();
      const staff = principal ? sessionRows.get(principal) : undefined;
      if (staff && staff.id === ctx.actor.id && principal?.tenantId === ctx.tenantId) {
        const { access, extras } = await accessCache.profile(ctx.tenantId, staff, staff.access_version);
        if (!extras) throw StaffErrors.STAFF_NOT_FOUND();
        return presentMe(staff, access, extras, csrfToken);
      }
      return buildMe(ctx.tenantId, ctx.actor.id, csrfToken);
    },

    async updateMe(ctx: Ctx, csrfToken: string, patch: { locale?: string; name?: string }): Promise<Me> {
      if (ctx.actor.type !== 'staff' || !ctx.actor.id) throw StaffErrors.STAFF_SESSION_REQUIRED();
      const staffId = ctx.actor.id;
      await inTransaction(database, async (trx) => {
        const before = await staffRepo.byId(trx, ctx.tenantId, staffId);
        if (!before) throw StaffErrors.STAFF_NOT_FOUND();
        const next: { updated_at: string; locale?: string; name?: string } = { updated_at: clock.iso() };
        if (patch.locale !== undefined) next.locale = patch.locale;
        if (patch.name !== undefined) next.name = patch.name;
        await staffRepo.update(trx, ctx.tenantId, staffId, next);
        await audit.record(trx, ctx, {
          action: 'staff.update_self',
          entityType: 'staff',
          entityId: staffId,
          before: { locale: before.locale, name: before.name },
          after: { locale: next.locale ?? before.locale, name: next.name ?? before.name },
          diff: true,
        });
      });
      return buildMe(ctx.tenantId, staffId, csrfToken);
    },

    /** Change one's own password; other sessions of the account are signed out. */
    async changePassword(ctx: Ctx, sessionId: string, input: { currentPassword: string; newPassword: string }): Promise<void> {
      if (ctx.actor.type !== 'staff' || !ctx.actor.id) throw StaffErrors.STAFF_SESSION_REQUIRED();
      const staffId = ctx.actor.id;
      const staff = await staffRepo.byId(db, ctx.tenantId, staffId);
      if (!staff) throw StaffErrors.STAFF_NOT_FOUND();
      if (!(await verifyPassword(input.currentPassword, staff.password_hash))) throw StaffErrors.PASSWORD_INCORRECT();
      if (input.currentPassword === input.newPassword) throw StaffErrors.PASSWORD_REUSED();
      const hash = await hashPassword(input.newPassword);
      await inTransaction(database, async (trx) => {
        const now = clock.iso();
        await staffRepo.update(trx, ctx.tenantId, staffId, { password_hash: hash, is_password_temporary: false, password_changed_at: now, updated_at: now });
        await sessionsRepo.revokeAllOf(trx, ctx.tenantId, staffId, now, sessionId);
        await audit.record(trx, ctx, { action: 'staff.password_change', entityType: 'staff', entityId: staffId });
      });
    },

    csrfMatches(expected: string, given: string | undefined): boolean {
      return !!given && safeEqual(expected, given);
    },
  };
}
