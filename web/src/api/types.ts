// Named DTO types picked out of the generated OpenAPI types, so screens say `Store`, not paths[…].
import type { paths } from './schema';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** The JSON body of a response (default: 200) of `METHOD path`. */
export type ResponseOf<P extends keyof paths, M extends Method & keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer R } } };
}
  ? R
  : never;

/** The JSON request body of `METHOD path`. */
export type BodyOf<P extends keyof paths, M extends Method & keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The query parameters of `GET path`. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;

export type Me = ResponseOf<'/api/v1/auth/me', 'get'>;
export type StoreRef = Me['stores'][number];
export type Bootstrap = ResponseOf<'/api/v1/auth/bootstrap', 'get'>;
export type Tenant = ResponseOf<'/api/v1/tenant', 'get'>;
export type Store = ResponseOf<'/api/v1/stores/{storeId}', 'get'>;
export type StoreCreate = BodyOf<'/api/v1/stores', 'post'>;
export type StoreUpdate = BodyOf<'/api/v1/stores/{storeId}', 'patch'>;
export type Region = ResponseOf<'/api/v1/regions', 'get'>['items'][number];
export type Staff = ResponseOf<'/api/v1/staff/{staffId}', 'get'>;
export type StaffCreate = BodyOf<'/api/v1/staff', 'post'>;
export type StaffUpdate = BodyOf<'/api/v1/staff/{staffId}', 'patch'>;
export type Role = ResponseOf<'/api/v1/roles', 'get'>['items'][number];
export type PermissionCatalogue = ResponseOf<'/api/v1/permissions', 'get'>;
export type ApiKey = ResponseOf<'/api/v1/api-keys', 'get'>['items'][number];
export type ApiKeyCreate = BodyOf<'/api/v1/api-keys', 'post'>;
export type AuditEntry = ResponseOf<'/api/v1/audit-logs', 'get'>['items'][number];
export type AuditQuery = QueryOf<'/api/v1/audit-logs'>;
export type ScopeType = Staff['scopeType'];
