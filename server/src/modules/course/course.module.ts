import { createBookingHelpers } from './booking.helpers';
import { createBookingService } from './booking.service';
import { createCatalogService } from './catalog.service';
import { createCheckInService } from './checkin.service';
import { createCourseKit } from './course.kit';
import { createCancelPolicy } from './cancel-policy.service';
import { createKioskService } from './kiosk.service';
import { createTimetableEditService } from './timetable-edit.service';
import type { CourseDeps } from './course.types';

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
  return {
    catalog,
    bookings,
    /** Cancellation policy rules, cancel preview, late fees. */
    policy,
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
