import { randomBytes } from 'node:crypto';
import { type Database, inTransaction } from '../../db/database';
import { enqueueEvents } from '../../db/outbox';
import type { Principal } from '../../http/types';
import type { Clock } from '../../shared/clock';
import { type Ctx, systemCtx } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { randomToken, safeEqual, sha256Hex } from '../../shared/secrets';
import { normalizeMobile } from '../../shared/validation';
import type { AuditService } from '../audit';
import type { CardModule } from '../card';
import type { CourseModule } from '../course';
import type { MemberModule } from '../member';
import type { OrgService } from '../org';
import type { PointsService } from '../points';
import type { TierService } from '../tier';
import type { WalletService } from '../wallet';
import { PortalErrors } from './portal.errors';
import { portalRepo } from './portal.repo';
import { CODE_TTL_MS, MEMBER_SESSION_MS, codeFromBytes, codeHash, isUsable, resendWait } from './portal.rules';

export const MEMBER_COOKIE = 'tessera_member';
/** What a signed-in member may do through the services: the portal's use cases check ownership first. */
const MEMBER_ACTING = new Set(['course.read', 'course.book']);
const TOUCH_AFTER_MS = 5 * 60_000;

export interface PortalDeps {
  database: Database;
  clock: Clock;
  audit: AuditService;
  org: OrgService;
  members: MemberModule;
  courses: CourseModule;
  wallet: WalletService;
  points: PointsService;
  tier: TierService;
  cards: CardModule;
}

type Meta = { ip: string | null; userAgent: string | null; requestId: string | null };

/**
 * The member portal's side of the API: sign-in by mobile and a one-time code (sent as an outbox
 * event `member.login_code` for the SMS / WeChat sender; only its hash is kept), a member
 * session of its own, and what members do for themselves — see classes, book and cancel for
 * themselves and their children under the same rules as the desk (window, tier priority,
 * age, card, capacity, cancellation policy), never for anybody else.
 */
export function createPortalService(deps: PortalDeps) {
  const { database, clock, audit, org, members, courses, wallet, points, tier, cards } = deps;
  const db = database.db;

  async function tenantFor(code: string | undefined) {
    if (code) return org.tenantByCode(code);
    const dir = await org.tenantDirectory();
    if (dir.single) return dir.single;
    throw PortalErrors.PORTAL_TENANT_REQUIRED();
  }

  const signInCtx = (tenantId: string, meta: Meta, member?: { id: string; name: string }): Ctx => ({
    ...systemCtx(tenantId, { name: 'member sign-in' }),
    ...(member ? { actor: { type: 'member' as const, id: member.id, name: member.name } } : {}),
    requestId: meta.requestId,
    ip: meta.ip,
  });

  async function ownAttendee(ctx: Ctx, attendeeId: string) {
    if (attendeeId === ctx.actor.id) return;
    const children = await members.childrenOf(db, ctx, ctx.actor.id!);
    if (!children.some((c) => c.id === attendeeId)) throw PortalErrors.PORTAL_ATTENDEE_NOT_YOURS({ details: { attendeeId } });
  }

  async function ownBooking(ctx: Ctx, bookingId: string) {
    const b = await courses.bookings.getBooking(ctx, bookingId).catch(() => null);
    if (!b || b.memberId !== ctx.actor.id) throw PortalErrors.PORTAL_BOOKING_NOT_FOUND({ details: { bookingId } });
    return b;
  }

  async function meOf(ctx: Ctx, csrfToken: string) {
    const m = await members.requireMember(db, ctx, ctx.actor.id!, { live: true });
    const children = await members.childrenOf(db, ctx, m.id);
    return { id: m.id, name: m.name, memberNo: m.memberNo, mobile: m.mobile, children: children.map((c) => ({ id: c.id, name: c.name, birthday: c.birthday })), csrfToken };
  }

  return {
    /**
     * Send a code to a member's mobile. The answer is the same whether or not the mobile is a
     * member's, so the endpoint cannot be used to find out who is a member.
     */
    async requestCode(input: { tenantCode?: string; mobile: string }, meta: Meta): Promise<{ expiresInSeconds: number }> {
      const tenant = await tenantFor(input.tenantCode);
      const answer = { expiresInSeconds: CODE_TTL_MS / 1000 };
      if (!tenant) return answer;
      const ctx = signInCtx(tenant.id, meta);
      const member = await members.findByMobile(db, ctx, normalizeMobile(input.mobile));
      if (!member) return answer;
      const now = clock.now();
      const wait = resendWait(mapCode(await portalRepo.latestCode(db, tenant.id, member.id)), now.getTime());
      if (wait > 0) throw PortalErrors.PORTAL_CODE_TOO_SOON({ params: { seconds: wait }, details: { retryAfterSeconds: wait } });
      const code = codeFromBytes(randomBytes(16));
      const nowIso = now.toISOString();
      const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
      await inTransaction(database, async (trx) => {
        await portalRepo.insertCode(trx, { tenant_id: tenant.id, id: newId(ID_PREFIXES.memberLoginCode), member_id: member.id, code_hash: codeHash(member.id, code), attempts: 0, ip: meta.ip, created_at: nowIso, expires_at: expiresAt, consumed_at: null });
        // The sender (SMS / WeChat, the notifications module) delivers it after commit.
        await enqueueEvents(trx, tenant.id, nowIso, [{ topic: 'member.login_code', payload: { memberId: member.id, mobile: normalizeMobile(input.mobile), code, expiresAt } }]);
      });
      return answer;
    },

    /** Exchange a code for a member session; wrong codes count against it, a code works once. */
    async signIn(input: { tenantCode?: string; mobile: string; code: string }, meta: Meta) {
      const tenant = await tenantFor(input.tenantCode);
      if (!tenant) throw PortalErrors.PORTAL_CODE_INVALID();
      const ctx0 = signInCtx(tenant.id, meta);
      const member = await members.findByMobile(db, ctx0, normalizeMobile(input.mobile));
      if (!member) throw PortalErrors.PORTAL_CODE_INVALID();
      const now = clock.now();
      const nowIso = now.toISOString();
      const row = await portalRepo.latestCode(db, tenant.id, member.id);
      const c = mapCode(row);
      if (!row || !c || !isUsable(c, now.getTime())) throw PortalErrors.PORTAL_CODE_INVALID();
      if (!safeEqual(row.code_hash, codeHash(member.id, input.code.trim()))) {
        await portalRepo.countWrong(db, tenant.id, row.id);
        throw PortalErrors.PORTAL_CODE_INVALID();
      }
      const token = randomToken(32);
      const csrfToken = randomToken(24);
      const sessionId = newId(ID_PREFIXES.memberSession);
      const ctx = signInCtx(tenant.id, meta, member);
      await inTransaction(database, async (trx) => {
        if (!(await portalRepo.consume(trx, tenant.id, row.id, nowIso))) throw PortalErrors.PORTAL_CODE_INVALID();
        await portalRepo.insertSession(trx, { tenant_id: tenant.id, id: sessionId, member_id: member.id, token_hash: sha256Hex(token), csrf_token: csrfToken, ip: meta.ip, user_agent: meta.userAgent?.slice(0, 300) ?? null, created_at: nowIso, last_seen_at: nowIso, expires_at: new Date(now.getTime() + MEMBER_SESSION_MS).toISOString(), revoked_at: null });
        await audit.record(trx, ctx, { action: 'portal.sign_in', entityType: 'member', entityId: member.id, after: { sessionId } });
      });
      return { cookieValue: `${tenant.id}.${token}`, maxAgeSeconds: Math.floor(MEMBER_SESSION_MS / 1000), me: await meOf(memberCtx(tenant.id, member), csrfToken) };
    },

    /** A member cookie → the member principal; null when unknown, expired, revoked or the member erased. */
    async principalFromSession(cookieValue: string): Promise<Principal | null> {
      const dot = cookieValue.indexOf('.');
      if (dot <= 0) return null;
      const tenantId = cookieValue.slice(0, dot);
      const token = cookieValue.slice(dot + 1);
      if (!token || tenantId.length > 40) return null;
      const row = await portalRepo.sessionByTokenHash(db, tenantId, sha256Hex(token));
      const now = clock.now();
      if (!row || row.revoked_at || row.expires_at <= now.toISOString()) return null;
      // The member through the member module's facade (its table is its own): erased → signed out.
      const member = (await members.briefs(db, systemCtx(tenantId, { name: 'member session' }), [row.member_id])).get(row.member_id);
      if (!member || member.erasedAt) return null;
      if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_AFTER_MS) await portalRepo.touchSession(db, tenantId, row.id, now.toISOString());
      return {
        tenantId,
        actor: { type: 'member', id: row.member_id, name: member.name },
        permissions: MEMBER_ACTING,
        storeScope: { all: true },
        session: { id: row.id, csrfToken: row.csrf_token, memberId: row.member_id },
      };
    },

    async signOut(ctx: Ctx, sessionId: string): Promise<void> {
      await inTransaction(database, async (trx) => {
        await portalRepo.revokeSession(trx, ctx.tenantId, sessionId, clock.iso());
        await audit.record(trx, ctx, { action: 'portal.sign_out', entityType: 'member', entityId: ctx.actor.id, after: { sessionId } });
      });
    },

    /** The signed-in member and the children they may book for. */
    me: meOf,

    /**
     * The member's own balances: stored value, points (with lots by expiry), tier and progress,
     * and the cards they hold or share. Read with just the permissions these reads need, for
     * the member's own id only.
     */
    async account(ctx: Ctx) {
      const memberId = ctx.actor.id!;
      const reader: Ctx = { ...ctx, permissions: new Set(['tier.read', 'card.read']) };
      const [storedValue, pointsSummary, tierView, held] = await Promise.all([
        wallet.balances(db, ctx.tenantId, memberId),
        points.summary(db, ctx.tenantId, memberId),
        tier.memberTier(reader, memberId),
        cards.cards.ofMember(reader, memberId),
      ]);
      return { storedValue, points: pointsSummary, tier: tierView, cards: held };
    },

    /** Classes members may book: scheduled ones in the period (the desk's list without rosters). */
    async classes(ctx: Ctx, q: { from: string; to: string; storeId?: string; courseId?: string }) {
      return (await courses.catalog.listSessions(ctx, q)).filter((s) => s.status === 'scheduled');
    },

    async bookings(ctx: Ctx, limit: number) {
      return courses.bookings.listBookings(ctx, { memberId: ctx.actor.id!, limit });
    },

    async book(ctx: Ctx, input: { sessionId: string; attendeeId: string; cardId?: string; joinWaitlist: boolean; acceptLatePromotion?: boolean }) {
      await ownAttendee(ctx, input.attendeeId);
      return courses.bookings.book(ctx, { ...input, memberId: ctx.actor.id! }, 'member');
    },

    /** Cancel one's own booking: the cancellation policy applies as at the desk; members cannot waive it. */
    async cancel(ctx: Ctx, bookingId: string, input: { reason?: string | null }) {
      await ownBooking(ctx, bookingId);
      return courses.bookings.cancel(ctx, bookingId, { reason: input.reason ?? null, waive: false });
    },
  };
}

function memberCtx(tenantId: string, m: { id: string; name: string }): Ctx {
  return { ...systemCtx(tenantId), actor: { type: 'member', id: m.id, name: m.name }, permissions: MEMBER_ACTING };
}

function mapCode(r: { created_at: string; expires_at: string; attempts: number; consumed_at: string | null } | undefined) {
  return r ? { createdAt: r.created_at, expiresAt: r.expires_at, attempts: r.attempts, consumedAt: r.consumed_at } : undefined;
}

export type PortalService = ReturnType<typeof createPortalService>;
