import { createBookingHelpers } from './booking.helpers';
import { createBookingService } from './booking.service';
import { createCatalogService } from './catalog.service';
import { createCheckInService } from './checkin.service';
import { createCourseKit } from './course.kit';
import { createFeedbackService, createTeacherAccess } from './feedback.service';
import { createTeacherService } from './teacher.service';
import { courseRepo } from './course.repo';
import type { CourseDeps, CoachFacts } from './course.types';
import { createCancelPolicy } from './cancel-policy.service';
import { createKioskService } from './kiosk.service';
import { createTimetableEditService } from './timetable-edit.service';
import { createClassFeeLineHandler } from './fee-line';

/** The classes & booking module, wired once (services.ts). */
export function createCourseModule(deps: CourseDeps) {
  const kit = createCourseKit(deps);
  const policy = createCancelPolicy(kit);
  const helpers = createBookingHelpers(kit, policy);
  const booking = createBookingService(kit, helpers, policy);
  const checkIns = createCheckInService(kit, helpers);
  const catalog = createCatalogService(kit, booking.cancelSessionIn);
  /** Bookings, the waitlist, cancellations, leave, no-shows and check-ins (one face for routes and jobs). */
  const bookings = { ...booking, ...checkIns };
  const access = createTeacherAccess(kit);
  const feedback = createFeedbackService(kit, helpers, access);
  /** The teacher view: my classes, attendance through the check-in and no-show paths, feedback. */
  const teacher = createTeacherService(kit, helpers, access, checkIns, feedback);
  /** What the appointment module reads of teachers (coaches) and their classes. */
  const coaches: CoachFacts = {
    async teacher(x, tenantId, id) {
      const t = await courseRepo.teacher(x, tenantId, id);
      return t ? { id: t.id, name: t.name, staffId: t.staff_id, isActive: t.is_active } : null;
    },
    async teachers(x, tenantId) {
      return (await courseRepo.teachers(x, tenantId)).map((t) => ({ id: t.id, name: t.name, staffId: t.staff_id, isActive: t.is_active }));
    },
    async busy(x, tenantId, teacherId, fromIso, toIso) {
      return (await courseRepo.teacherBusy(x, tenantId, teacherId, fromIso, toIso)).map((s) => ({ sessionId: s.id, storeId: s.store_id, startsAt: s.starts_at, endsAt: s.ends_at }));
    },
  };
  return {
    /** Let another module (appointments) refuse classes at a teacher's busy time. */
    registerTeacherBusy: kit.registerTeacherBusy,
    catalog,
    coaches,
    bookings,
    teacher,
    feedback,
    /** Cancellation policy rules, cancel preview, late fees. */
    policy,
    /** Register with the order module: late-cancel fees are paid as `class_fee` order lines. */
    feeLineHandler: createClassFeeLineHandler(kit),
    /** The self check-in kiosk's lookup. */
    kiosk: createKioskService(kit),
    /** Editing weekly timetables, moving one day. */
    timetables: createTimetableEditService(kit, catalog, booking.cancelSessionIn),
    /** Daily: extend weekly timetables. */
    extendTimetables: () => catalog.extendTimetables(),
    /** Every few minutes: no-shows of ended classes, expired waitlists. */
    runNoShows: () => bookings.runNoShows(),
  };
}

export type CourseModule = ReturnType<typeof createCourseModule>;
