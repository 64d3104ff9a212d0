export { createAuditService, type AuditService, type AuditEntryInput, type AuditEntry } from './audit.service';
export { auditRoutes } from './audit.routes';
export { redactForAudit, maskMobile } from './audit.rules';
