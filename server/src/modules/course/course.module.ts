import { createBookingHelpers } from './booking.helpers';
import { createBookingService } from './booking.service';
import { createCatalogService } from './catalog.service';
import { createCheckInService } from './checkin.service';
import { createCourseKit } from './course.kit';
import type { CourseDeps } from './course.types';
import { createFeedbackService, createTeacherAccess } from './feedback.service';
import { createTeacherService } from './teacher.service';

/** The classes & booking module, wired once (services.ts). */
export function createCourseModule(deps: CourseDeps) {
  const kit = createCourseKit(deps);
  const helpers = createBookingHelpers(kit);
  const booking = createBookingService(kit, helpers);
  const checkIns = createCheckInService(kit, helpers);
  const catalog = createCatalogService(kit, booking.cancelSessionIn);
  /** Bookings, the waitlist, cancellations, leave, no-shows and check-ins (one face for routes and jobs). */
  const bookings = { ...booking, ...checkIns };
  const access = createTeacherAccess(kit);
  const feedback = createFeedbackService(kit, helpers, access);
  /** The teacher view: my classes, attendance through the check-in and no-show paths, feedback. */
  const teacher = createTeacherService(kit, helpers, access, checkIns, feedback);
  return {
    catalog,
    bookings,
    teacher,
    feedback,
    /** Daily: extend weekly timetables. */
    extendTimetables: () => catalog.extendTimetables(),
    /** Every few minutes: no-shows of ended classes, expired waitlists. */
    runNoShows: () => bookings.runNoShows(),
  };
}

export type CourseModule = ReturnType<typeof createCourseModule>;
