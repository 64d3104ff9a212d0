import './report.permissions';

export { createReportService, type ReportService } from './report.service';
export { reportRoutes } from './report.routes';
export type { ReceiptView, DailyView } from './report.schemas';
