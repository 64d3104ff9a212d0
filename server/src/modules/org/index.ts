export { type AccessChangedHook, createOrgService, type OrgService, type TenantCreate, presentStore } from './org.service';
export { orgRoutes } from './org.routes';
export { OrgErrors } from './org.errors';
export type { Tenant, Region, Store } from './org.schemas';
