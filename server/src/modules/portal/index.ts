export { createPortalService, type PortalService, MEMBER_COOKIE } from './portal.service';
export { portalRoutes } from './portal.routes';
export { PortalErrors } from './portal.errors';
