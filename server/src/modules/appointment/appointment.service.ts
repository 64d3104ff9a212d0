import { randomUUID } from 'node:crypto';
import { type Executor, inTransaction, type Tx } from '../../db/database';
import { enqueueEvents } from '../../db/outbox';
import type { AppointmentStatus, UseKey } from '../../db/schema';
import { type Ctx, hasPermission, requirePermission, systemCtx } from '../../shared/context';
import type { Locale } from '../../shared/i18n';
import { ID_PREFIXES, newId } from '../../shared/ids';
import type { Attendee } from '../course';
import { AppointmentErrors } from './appointment.errors';
import type { AppointmentKit } from './appointment.kit';
import { type AppointmentRow, appointmentRepo } from './appointment.repo';
import { canComplete, cancellationOutcome, COMPLETE_OPENS_MINUTES, isAppointmentNoShowDue, NO_SHOW_GRACE_MINUTES } from './appointment.rules';
import type { AppointmentView } from './appointment.schemas';
import type { createAvailabilityService } from './availability.service';

const STATUS_NAMES: Record<AppointmentStatus, Record<Locale, string>> = {
  booked: { 'zh-CN': '已预约', en: 'booked' },
  completed: { 'zh-CN': '已完成', en: 'completed' },
  cancelled: { 'zh-CN': '已取消', en: 'cancelled' },
  late_cancelled: { 'zh-CN': '迟取消', en: 'cancelled late' },
  no_show: { 'zh-CN': '未到', en: 'a no-show' },
};
const ACTIONS = { cancel: { 'zh-CN': '取消', en: 'cancelled' }, complete: { 'zh-CN': '完成', en: 'completed' }, noShow: { 'zh-CN': '标记未到', en: 'marked as a no-show' } } as const;

/**
 * Booking, cancelling, completing and no-shows of 1:1 appointments. Every change to a coach's
 * appointments locks the coach's row first (FOR UPDATE on PostgreSQL; SQLite serialises
 * writers), so one slot is booked once; the unique (coach, slot) key backs it up. The card hold,
 * its consumption or release happen through the card module's consumption API in the same
 * transaction. Booking rights include placing the hold (the caller need not hold card.consume).
 */
export function createAppointmentService(kit: AppointmentKit, availability: ReturnType<typeof createAvailabilityService>) {
  const { db, d } = kit;
  const { audit, consumption, people } = kit.deps;
  const elevate = (ctx: Ctx): Ctx => (hasPermission(ctx, 'card.consume') ? ctx : { ...ctx, permissions: new Set([...ctx.permissions, 'card.consume']) });
  const itemsOf = (serviceId?: string): UseKey[] => (serviceId ? [{ type: 'service', id: serviceId }] : []);

  async function timeline(trx: Executor, ctx: Ctx, a: AppointmentRow, kind: string, coachName: string, extra: Record<string, unknown> = {}) {
    await people.timeline(trx, ctx, { memberId: a.member_id, kind, refType: 'appointment', refId: a.id, storeId: a.store_id, summary: { coachName, startsAt: a.starts_at, attendeeId: a.attendee_id, ...extra } });
  }

  function payerOf(a: Attendee, memberId?: string): string {
    if (a.kind === 'member') {
      if (memberId && memberId !== a.id) throw AppointmentErrors.APPOINTMENT_NOT_GUARDIAN({ details: [{ path: 'memberId' }] });
      return a.id;
    }
    if (memberId && !a.memberIds.includes(memberId)) throw AppointmentErrors.APPOINTMENT_NOT_GUARDIAN({ details: [{ path: 'memberId' }] });
    const m = memberId ?? a.memberIds[0];
    if (!m) throw AppointmentErrors.APPOINTMENT_NOT_GUARDIAN({ details: [{ path: 'memberId' }] });
    return m;
  }

  async function requireAttendee(x: Executor, ctx: Ctx, id: string) {
    const a = await people.attendee(x, ctx, id);
    if (!a) throw AppointmentErrors.APPOINTMENT_ATTENDEE_NOT_FOUND({ details: { attendeeId: id } });
    return a;
  }

  /** Private-lesson packages the attendee may pay with (the card module decides eligibility; only `private` cards count here). */
  async function privateCards(x: Executor, ctx: Ctx, r: { attendeeId: string; storeId: string; startsAt: string; coachLevel: string | null; serviceId?: string; cardId?: string }) {
    const e = await consumption.eligibleCards(elevate(ctx), { userId: r.attendeeId, storeId: r.storeId, items: itemsOf(r.serviceId), coachLevel: r.coachLevel, at: r.startsAt, ...(r.cardId ? { cardId: r.cardId } : {}) }, { trx: x });
    const notPrivate = e.eligible.filter((c) => c.kind !== 'private');
    return {
      eligible: e.eligible.filter((c) => c.kind === 'private').map((c) => ({ cardId: c.cardId, cardNo: c.cardNo, name: c.name, expiresOn: c.expiresOn, sessionsAvailable: c.sessionsAvailable })),
      ineligible: [...e.ineligible, ...notPrivate.map((c) => ({ cardId: c.cardId, cardNo: c.cardNo, name: c.name, code: 'APPOINTMENT_CARD_NOT_PRIVATE', message: AppointmentErrors.APPOINTMENT_CARD_NOT_PRIVATE().localizedMessage(ctx.locale) }))],
    };
  }

  /** Load and lock an appointment with its coach's row (the coach first, like bookings). */
  async function lockAppointment(trx: Tx, ctx: Ctx, id: string) {
    const a0 = await kit.requireAppointment(trx, ctx, id);
    await appointmentRepo.lockCoach(trx, d, ctx.tenantId, a0.teacher_id);
    const a = (await appointmentRepo.appointment(trx, ctx.tenantId, id))!;
    const coach = await kit.requireCoach(trx, ctx, a.teacher_id);
    return { a, coach };
  }

  /** A booked appointment becomes a no-show: the held session is consumed (by hand or by the job). */
  async function markNoShow(trx: Tx, ctx: Ctx, a: AppointmentRow, coachName: string) {
    const usage = await consumption.consumeHold(elevate(ctx), a.hold_id, { trx });
    await appointmentRepo.update(trx, ctx.tenantId, a.id, { status: 'no_show', updated_at: kit.clock.iso() });
    await timeline(trx, ctx, a, 'appointment.no_show', coachName);
    await audit.record(trx, ctx, { action: 'appointment.no_show', entityType: 'appointment', entityId: a.id, storeId: a.store_id, after: { usageId: usage.id, cardId: a.card_id, ...(ctx.actor.type === 'system' ? { isJob: true } : {}) } });
  }

  const refuseStatus = (ctx: Ctx, a: AppointmentRow, action: keyof typeof ACTIONS) => {
    throw AppointmentErrors.APPOINTMENT_STATUS({ params: { status: STATUS_NAMES[a.status][ctx.locale], action: ACTIONS[action][ctx.locale] }, details: { status: a.status } });
  };

  return {
    async list(ctx: Ctx, q: { teacherId?: string; storeId?: string; memberId?: string; from?: string; to?: string; status?: AppointmentStatus }): Promise<AppointmentView[]> {
      requirePermission(ctx, 'appointment.view');
      const scope = q.storeId ? [q.storeId] : ctx.storeScope.all ? null : [...ctx.storeScope.storeIds];
      if (q.storeId) await kit.requireStore(db, ctx, q.storeId);
      let teacherId = q.teacherId;
      if (!hasPermission(ctx, 'appointment.manage')) {
        // A coach sees only their own appointments.
        const own = (await kit.deps.coaches.teachers(db, ctx.tenantId)).filter((t) => kit.isCoach(ctx, t)).map((t) => t.id);
        if (!own.length || (teacherId && !own.includes(teacherId))) return [];
        teacherId = teacherId ?? own[0];
      }
      return kit.present(db, ctx, await appointmentRepo.list(db, ctx.tenantId, { ...q, teacherId, storeIds: scope }));
    },

    async get(ctx: Ctx, id: string): Promise<AppointmentView> {
      requirePermission(ctx, 'appointment.view');
      const a = await kit.requireAppointment(db, ctx, id);
      kit.requireManageOrOwn(ctx, await kit.requireCoach(db, ctx, a.teacher_id));
      return kit.presentOne(db, ctx, id);
    },

    /** Which private-lesson packages could pay for a slot (the book dialog's card choice). */
    async cardChoices(ctx: Ctx, q: { teacherId: string; storeId: string; attendeeId: string; startsAt: string; serviceId?: string }) {
      requirePermission(ctx, 'appointment.manage');
      await kit.requireCoach(db, ctx, q.teacherId);
      await kit.requireStore(db, ctx, q.storeId);
      await requireAttendee(db, ctx, q.attendeeId);
      const coach = await appointmentRepo.coach(db, ctx.tenantId, q.teacherId);
      return privateCards(db, ctx, { ...q, coachLevel: coach?.coach_level ?? null });
    },

    /**
     * Book a member or child with a coach at a free slot: the slot is checked against the
     * coach's availability, appointments, group classes and the booking window under the coach's
     * lock; the attendee must not have another appointment then; a session is held on the named
     * private-lesson package, or the soonest-expiring eligible one.
     */
    async book(ctx: Ctx, input: { teacherId: string; storeId: string; startsAt: string; attendeeId: string; memberId?: string; cardId?: string; serviceId?: string; note?: string | null }) {
      requirePermission(ctx, 'appointment.manage');
      return kit.idempotent(ctx, async (trx) => {
        const coach = await kit.requireCoach(trx, ctx, input.teacherId, { active: true });
        await kit.requireStore(trx, ctx, input.storeId);
        const attendee = await requireAttendee(trx, ctx, input.attendeeId);
        const memberId = payerOf(attendee, input.memberId);
        const startsAt = new Date(input.startsAt).toISOString();
        const settings = await kit.settings(trx, ctx.tenantId);
        const date = await kit.dateOf(ctx.tenantId, new Date(startsAt), trx);
        const unavailable = () => AppointmentErrors.APPOINTMENT_SLOT_UNAVAILABLE({ params: { startsAt: input.startsAt }, details: [{ path: 'startsAt' }] });

        const coachRow = await appointmentRepo.lockCoach(trx, d, ctx.tenantId, input.teacherId);
        if (!coachRow) throw unavailable();
        const slot = (await availability.slotsFor(trx, ctx, input.teacherId, input.storeId, date, date, settings)).find((s) => s.startsAt === startsAt);
        if (!slot) throw unavailable();
        if (slot.status === 'booked') throw AppointmentErrors.APPOINTMENT_SLOT_TAKEN({ details: { startsAt } });
        if (slot.status === 'class') throw AppointmentErrors.APPOINTMENT_SLOT_CLASS({ details: { startsAt } });
        if (slot.status === 'too_soon') throw AppointmentErrors.APPOINTMENT_TOO_SOON({ params: { minutes: settings.minNoticeMinutes }, details: { startsAt, minNoticeMinutes: settings.minNoticeMinutes } });
        if (slot.status === 'too_far') throw AppointmentErrors.APPOINTMENT_TOO_FAR({ params: { days: settings.maxDaysAhead }, details: { startsAt, maxDaysAhead: settings.maxDaysAhead } });

        // The card: the named one must be a private-lesson package; otherwise the soonest-expiring eligible package.
        const choice = await privateCards(trx, ctx, { attendeeId: attendee.id, storeId: input.storeId, startsAt, coachLevel: coachRow.coach_level, serviceId: input.serviceId, cardId: input.cardId });
        if (input.cardId && choice.ineligible.some((c) => c.cardId === input.cardId && c.code === 'APPOINTMENT_CARD_NOT_PRIVATE')) throw AppointmentErrors.APPOINTMENT_CARD_NOT_PRIVATE({ details: { cardId: input.cardId } });
        if (!input.cardId && !choice.eligible.length) throw AppointmentErrors.APPOINTMENT_NO_PRIVATE_CARD({ details: { ineligible: choice.ineligible } });
        const id = newId(ID_PREFIXES.appointment);
        // A named card that is not eligible is refused by the hold with the card module's reason.
        const hold = await consumption.hold(
          elevate(ctx),
          { key: `appointment:${id}:${randomUUID()}`, userId: attendee.id, storeId: input.storeId, items: itemsOf(input.serviceId), coachLevel: coachRow.coach_level, at: startsAt, cardId: input.cardId ?? choice.eligible[0].cardId, ref: { type: 'appointment', id } },
          { trx },
        );
        // Checked after the hold: two bookings of one attendee on the same card (the usual case) are serialised on the card's row lock by then.
        const [clash] = await appointmentRepo.attendeeBooked(trx, ctx.tenantId, attendee.id, slot.startsAt, slot.endsAt);
        if (clash) throw AppointmentErrors.APPOINTMENT_MEMBER_OVERLAP({ params: { startsAt: clash.starts_at }, details: { appointmentId: clash.id, startsAt: clash.starts_at } });
        const now = kit.clock.iso();
        const row: AppointmentRow = {
          tenant_id: ctx.tenantId,
          id,
          store_id: input.storeId,
          teacher_id: input.teacherId,
          member_id: memberId,
          attendee_id: attendee.id,
          business_date: date,
          starts_at: slot.startsAt,
          ends_at: slot.endsAt,
          status: 'booked',
          slot_key: slot.startsAt,
          card_id: hold.cardId,
          hold_id: hold.id,
          note: input.note ?? null,
          cancel_reason: null,
          created_at: now,
          updated_at: now,
          cancelled_at: null,
          completed_at: null,
        };
        try {
          await appointmentRepo.insert(trx, row);
        } catch (err) {
          // The coach's lock makes this unreachable; the unique (coach, slot) key is the last word if it ever is not.
          if (d.isUniqueViolation(err)) throw AppointmentErrors.APPOINTMENT_SLOT_TAKEN({ details: { startsAt: row.starts_at } });
          throw err;
        }
        await timeline(trx, ctx, row, 'appointment.booked', coach.name, { cardId: hold.cardId });
        await enqueueEvents(trx, ctx.tenantId, now, [{ topic: 'appointment.booked', payload: { appointmentId: id, memberId, attendeeId: attendee.id, teacherId: coach.id, coachName: coach.name, startsAt: row.starts_at, endsAt: row.ends_at, storeId: row.store_id } }]);
        await audit.record(trx, ctx, { action: 'appointment.book', entityType: 'appointment', entityId: id, storeId: row.store_id, after: { teacherId: coach.id, attendeeId: attendee.id, memberId, startsAt: row.starts_at, cardId: hold.cardId, holdId: hold.id } });
        return kit.presentOne(trx, ctx, id);
      });
    },

    /** Cancel: in time the held session is released; late (setting) it is forfeited. The slot becomes free again. */
    async cancel(ctx: Ctx, id: string, input: { reason?: string | null }) {
      requirePermission(ctx, 'appointment.manage');
      return kit.idempotent(ctx, async (trx) => {
        const { a, coach } = await lockAppointment(trx, ctx, id);
        if (a.status !== 'booked') refuseStatus(ctx, a, 'cancel');
        const settings = await kit.settings(trx, ctx.tenantId);
        const now = kit.clock.iso();
        const outcome = cancellationOutcome(now, a.starts_at, settings);
        if (outcome === 'release') await consumption.releaseHold(elevate(ctx), a.hold_id, { reason: input.reason ?? 'appointment cancelled' }, { trx });
        else await consumption.consumeHold(elevate(ctx), a.hold_id, { trx });
        const status = outcome === 'release' ? 'cancelled' : 'late_cancelled';
        await appointmentRepo.update(trx, ctx.tenantId, id, { status, slot_key: null, cancel_reason: input.reason ?? null, cancelled_at: now, updated_at: now });
        await timeline(trx, ctx, a, outcome === 'release' ? 'appointment.cancelled' : 'appointment.late_cancelled', coach.name, { reason: input.reason ?? null });
        await enqueueEvents(trx, ctx.tenantId, now, [{ topic: 'appointment.cancelled', payload: { appointmentId: id, memberId: a.member_id, attendeeId: a.attendee_id, teacherId: a.teacher_id, coachName: coach.name, startsAt: a.starts_at, storeId: a.store_id, outcome, reason: input.reason ?? null } }]);
        await audit.record(trx, ctx, { action: 'appointment.cancel', entityType: 'appointment', entityId: id, storeId: a.store_id, after: { outcome, reason: input.reason ?? null } });
        return kit.presentOne(trx, ctx, id);
      });
    },

    /** Complete (check in): the held session is consumed once; completing a completed appointment returns it unchanged. */
    async complete(ctx: Ctx, id: string) {
      requirePermission(ctx, 'appointment.view');
      return kit.idempotent(ctx, async (trx) => {
        const { a, coach } = await lockAppointment(trx, ctx, id);
        kit.requireManageOrOwn(ctx, coach);
        if (a.status === 'completed') return kit.presentOne(trx, ctx, id);
        if (a.status !== 'booked') refuseStatus(ctx, a, 'complete');
        const now = kit.clock.iso();
        if (!canComplete(now, a.starts_at)) throw AppointmentErrors.APPOINTMENT_TOO_EARLY({ params: { minutes: COMPLETE_OPENS_MINUTES }, details: { startsAt: a.starts_at } });
        const usage = await consumption.consumeHold(elevate(ctx), a.hold_id, { trx });
        await appointmentRepo.update(trx, ctx.tenantId, id, { status: 'completed', completed_at: now, updated_at: now });
        await timeline(trx, ctx, a, 'appointment.completed', coach.name, { sessionsRemaining: usage.sessionsRemaining });
        await audit.record(trx, ctx, { action: 'appointment.complete', entityType: 'appointment', entityId: id, storeId: a.store_id, after: { usageId: usage.id, cardId: a.card_id } });
        return kit.presentOne(trx, ctx, id);
      });
    },

    /** A no-show once the appointment started: the held session is consumed. */
    async noShow(ctx: Ctx, id: string) {
      requirePermission(ctx, 'appointment.view');
      return kit.idempotent(ctx, async (trx) => {
        const { a, coach } = await lockAppointment(trx, ctx, id);
        kit.requireManageOrOwn(ctx, coach);
        if (a.status === 'no_show') return kit.presentOne(trx, ctx, id);
        if (a.status !== 'booked') refuseStatus(ctx, a, 'noShow');
        const now = kit.clock.iso();
        if (Date.parse(now) < Date.parse(a.starts_at)) throw AppointmentErrors.APPOINTMENT_NO_SHOW_TOO_EARLY({ details: { startsAt: a.starts_at } });
        await markNoShow(trx, ctx, a, coach.name);
        return kit.presentOne(trx, ctx, id);
      });
    },

    /**
     * The job: appointments still booked a grace after their end become no-shows, with the
     * manual path's effects (the held session consumed, timeline, audit). Each one in its own
     * transaction under its coach's row lock, re-read there: an appointment completed, cancelled
     * or already marked meanwhile is left alone, so a second run (or process) changes nothing.
     */
    async runNoShows(limit = 500): Promise<{ noShows: number }> {
      const cutoff = new Date(kit.clock.now().getTime() - NO_SHOW_GRACE_MINUTES * 60_000).toISOString();
      const due = await appointmentRepo.dueNoShows(db, cutoff, limit);
      let noShows = 0;
      for (const row of due) {
        const ctx = systemCtx(row.tenant_id, { name: 'no-show job' });
        const marked = await inTransaction(kit.deps.database, async (trx) => {
          const { a, coach } = await lockAppointment(trx, ctx, row.id);
          if (a.status !== 'booked' || !isAppointmentNoShowDue(kit.clock.iso(), a.ends_at)) return false;
          await markNoShow(trx, ctx, a, coach.name);
          return true;
        });
        if (marked) noShows++;
      }
      return { noShows };
    },
  };
}
