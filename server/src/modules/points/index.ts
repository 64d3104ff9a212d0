import './points.permissions';

export * from './points.rules';
export { createPointsService, type PointsService, type PointsSettings, type PointsSummary, DEFAULT_POINTS_SETTINGS, POINTS_JOURNALS } from './points.service';
export { PointsErrors } from './points.errors';
export { pointsRoutes } from './points.routes';
export { verifyPoints } from './points.verify';
export { pointsSummarySchema } from './points.schemas';
