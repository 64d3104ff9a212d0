export { createAuthService, type AuthService, SESSION_COOKIE } from './auth.service';
export { createStaffService, type StaffService } from './staff.service';
export { createApiKeyService, type ApiKeyService } from './apikey.service';
export { authRoutes } from './auth.routes';
export { staffRoutes } from './staff.routes';
export { StaffErrors } from './staff.errors';
export type { StaffDto, RoleDto, Me } from './staff.schemas';
