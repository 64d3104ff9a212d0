export { createCrmService, type CrmService } from './crm.service';
export { crmRoutes } from './crm.routes';
export { CrmErrors } from './crm.errors';
export type { InteractionDto } from './crm.schemas';
