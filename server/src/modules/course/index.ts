import './course.permissions';

export { createCourseModule, type CourseModule } from './course.module';
export { courseRoutes } from './course.routes';
export { CourseErrors } from './course.errors';
export type { CoursePeople, CourseDeps, CourseHooks, Attendee, CoachFacts } from './course.types';
export type { BookingView, CheckInView, SessionView } from './course.schemas';
export { bookingSchema, sessionSchema } from './course.schemas';
export type { FeedbackView, TeacherClassView } from './teacher.schemas';
export { createKitBasics, type KitBasicsDeps } from './kit.shared';
