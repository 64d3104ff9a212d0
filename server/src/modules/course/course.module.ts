import { createBookingService } from './booking.service';
import { createCatalogService } from './catalog.service';
import { createCourseKit } from './course.kit';
import type { CourseDeps } from './course.types';

/** The classes & booking module, wired once (services.ts). */
export function createCourseModule(deps: CourseDeps) {
  const kit = createCourseKit(deps);
  const bookings = createBookingService(kit);
  const catalog = createCatalogService(kit, bookings.cancelSessionIn);
  return {
    catalog,
    bookings,
    /** Daily: extend weekly timetables. */
    extendTimetables: () => catalog.extendTimetables(),
    /** Every few minutes: no-shows of ended classes, expired waitlists. */
    runNoShows: () => bookings.runNoShows(),
  };
}

export type CourseModule = ReturnType<typeof createCourseModule>;
