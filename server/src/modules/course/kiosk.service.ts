import { type Ctx, hasPermission, requirePermission } from '../../shared/context';
import { CourseErrors } from './course.errors';
import type { CourseKit } from './course.kit';
import { type BookingRow, courseRepo } from './course.repo';
import { isKioskClass, maskName } from './kiosk.rules';

/** How far ahead the kiosk lists today's classes. */
const KIOSK_AHEAD_MINUTES = 3 * 60;
const MINUTE = 60_000;

/**
 * The self check-in kiosk at a store's entrance: a scanned member QR (or card number, mobile
 * tail) answers with the matching members under masked names and their classes in this store
 * starting soon today — nothing else of them. Checking in goes through the desk's idempotent
 * check-in route, so a repeated scan never makes a second row.
 */
export function createKioskService(kit: CourseKit) {
  const { db } = kit;
  const { people } = kit.deps;

  return {
    async lookup(ctx: Ctx, input: { storeId: string; code: string }) {
      requirePermission(ctx, 'course.checkin');
      await kit.requireStore(db, ctx, input.storeId);
      // The kiosk answers masked names only: the member search behind it runs with member.read
      // for this call alone, so a kiosk account needs course.checkin (what its route declares), not member.read.
      const found = await people.find(hasPermission(ctx, 'member.read') ? ctx : { ...ctx, permissions: new Set([...ctx.permissions, 'member.read']) }, input.code);
      if (!found.memberIds.length) throw CourseErrors.COURSE_CHECKIN_UNKNOWN({ params: { code: input.code }, details: [{ path: 'code' }] });
      const now = kit.clock.iso();
      const today = await kit.dateOf(ctx.tenantId, kit.clock.now());
      const sessions = (await courseRepo.sessions(db, ctx.tenantId, { storeIds: [input.storeId], fromIso: new Date(Date.parse(now) - DAY).toISOString(), toIso: new Date(Date.parse(now) + KIOSK_AHEAD_MINUTES * MINUTE).toISOString() })).filter(
        (s) => s.business_date === today && isKioskClass(now, { startsAt: s.starts_at, endsAt: s.ends_at, status: s.status }, KIOSK_AHEAD_MINUTES),
      );
      const settings = await kit.settings(db, ctx.tenantId);
      const bySession = new Map(sessions.map((s) => [s.id, s]));
      const rows: BookingRow[] = [];
      for (const s of sessions) rows.push(...(await courseRepo.bookingsOfSession(db, ctx.tenantId, s.id, ['confirmed', 'attended'])));
      const mine = rows.filter((b) => found.memberIds.includes(b.member_id) || found.memberIds.includes(b.attendee_id));
      const courses = new Map((await courseRepo.coursesByIds(db, ctx.tenantId, [...new Set(sessions.map((s) => s.course_id))])).map((c) => [c.id, c]));
      const names = await people.names(db, ctx, [...new Set([...found.memberIds, ...mine.map((b) => b.attendee_id)])]);
      return {
        matches: found.memberIds.map((memberId) => ({
          memberId,
          maskedName: maskName(names.get(memberId) ?? ''),
          classes: mine
            .filter((b) => b.member_id === memberId || b.attendee_id === memberId)
            .map((b) => {
              const s = bySession.get(b.session_id)!;
              return {
                bookingId: b.id,
                sessionId: s.id,
                courseName: courses.get(s.course_id)?.name ?? '',
                startsAt: s.starts_at,
                attendeeMaskedName: maskName(names.get(b.attendee_id) ?? ''),
                isCheckedIn: b.status === 'attended',
                checkInOpensAt: new Date(Date.parse(s.starts_at) - settings.checkInOpensMinutes * MINUTE).toISOString(),
              };
            })
            .sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
        })),
      };
    },
  };
}

const DAY = 24 * 60 * MINUTE;
