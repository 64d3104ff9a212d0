import './lead.permissions';

export { createLeadService, type LeadService } from './lead.service';
export { leadRoutes } from './lead.routes';
export { LeadErrors } from './lead.errors';
export type { LeadDto } from './lead.schemas';
