import './attendance.permissions';

export { createAttendanceService, type AttendanceService } from './attendance.service';
export { attendanceRoutes } from './attendance.routes';
export { AttendanceErrors } from './attendance.errors';
