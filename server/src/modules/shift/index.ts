import './shift.permissions';

export { createShiftService, type ShiftService } from './shift.service';
export { shiftRoutes } from './shift.routes';
export { ShiftErrors } from './shift.errors';
export { TENDER_NAMES, tenderName, DRAWER_METHODS } from './shift.rules';
export type { ShiftView } from './shift.schemas';
