import { CommonErrors } from './errors';
import type { Locale } from './i18n';

/**
 * Who is acting, for which tenant, with what rights. Routes build it from the request;
 * jobs and the CLI build a system context. Services take it as their first argument and
 * never look at HTTP.
 */
export interface Actor {
  type: 'staff' | 'apiKey' | 'system' | 'member';
  id: string | null;
  name: string;
}

/** Which stores the actor may see and act in. */
export type StoreScope = { all: true } | { all: false; storeIds: ReadonlySet<string> };

export interface Ctx {
  tenantId: string;
  actor: Actor;
  permissions: ReadonlySet<string>;
  storeScope: StoreScope;
  /** The store the request is made from (store switcher / X-Store-Id), when given. */
  storeId: string | null;
  requestId: string | null;
  ip: string | null;
  locale: Locale;
  /** Idempotency key and request fingerprint, when the route takes one. */
  idempotency?: { key: string; requestHash: string };
}

export function systemCtx(tenantId: string, opts: { name?: string; locale?: Locale } = {}): Ctx {
  return {
    tenantId,
    actor: { type: 'system', id: null, name: opts.name ?? 'system' },
    permissions: new Set(['*']),
    storeScope: { all: true },
    storeId: null,
    requestId: null,
    ip: null,
    locale: opts.locale ?? 'zh-CN',
  };
}

export function hasPermission(ctx: Ctx, permission: string): boolean {
  return ctx.permissions.has(permission) || ctx.permissions.has('*');
}

export function requirePermission(ctx: Ctx, permission: string): void {
  if (!hasPermission(ctx, permission)) throw CommonErrors.FORBIDDEN({ details: { permission } });
}

export function canAccessStore(ctx: Ctx, storeId: string): boolean {
  return ctx.storeScope.all || ctx.storeScope.storeIds.has(storeId);
}

export function requireStoreAccess(ctx: Ctx, storeId: string): void {
  if (!canAccessStore(ctx, storeId)) throw CommonErrors.STORE_OUT_OF_SCOPE({ details: { storeId } });
}
