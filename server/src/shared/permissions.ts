import type { Localized } from './i18n';

/**
 * The permission catalogue: every permission a route or service can check, its group and
 * labels for the role editor, and which built-in roles hold it. The owner holds everything.
 * Built-in roles take their permissions from here at run time, so a permission added by a later
 * module reaches existing tenants' built-in roles without a data migration.
 */
export const BUILTIN_ROLES = ['owner', 'manager', 'frontDesk', 'finance', 'teacher'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

export const BUILTIN_ROLE_NAMES: Record<BuiltinRole, Localized> = {
  owner: { 'zh-CN': '老板', en: 'Owner' },
  manager: { 'zh-CN': '店长', en: 'Manager' },
  frontDesk: { 'zh-CN': '前台', en: 'Front desk' },
  finance: { 'zh-CN': '财务', en: 'Finance' },
  teacher: { 'zh-CN': '老师/教练', en: 'Teacher / coach' },
};

export interface PermissionDef {
  code: string;
  group: string;
  label: Localized;
  /** Built-in roles besides the owner that hold this permission. */
  roles: BuiltinRole[];
  /** Sensitive permissions are highlighted in the role editor. */
  sensitive?: boolean;
}

export const PERMISSION_GROUPS: Record<string, Localized> = {
  org: { 'zh-CN': '门店与区域', en: 'Stores & regions' },
  staff: { 'zh-CN': '员工与角色', en: 'Staff & roles' },
  system: { 'zh-CN': '系统', en: 'System' },
};

const catalogue: PermissionDef[] = [
  { code: 'org.read', group: 'org', label: { 'zh-CN': '查看门店与区域', en: 'View stores and regions' }, roles: ['manager', 'frontDesk', 'finance', 'teacher'] },
  { code: 'org.manage', group: 'org', label: { 'zh-CN': '管理门店、区域与商户设置', en: 'Manage stores, regions and tenant settings' }, roles: [] },
  { code: 'staff.read', group: 'staff', label: { 'zh-CN': '查看员工', en: 'View staff' }, roles: ['manager'] },
  { code: 'staff.manage', group: 'staff', label: { 'zh-CN': '管理员工账号(新建、编辑、重置密码)', en: 'Manage staff accounts (create, edit, reset passwords)' }, roles: ['manager'], sensitive: true },
  { code: 'role.manage', group: 'staff', label: { 'zh-CN': '管理角色与权限', en: 'Manage roles and permissions' }, roles: [], sensitive: true },
  { code: 'apikey.manage', group: 'system', label: { 'zh-CN': '管理 API 密钥', en: 'Manage API keys' }, roles: [], sensitive: true },
  { code: 'audit.read', group: 'system', label: { 'zh-CN': '查看操作日志', en: 'View the audit log' }, roles: ['manager', 'finance'] },
];

const byCode = new Map<string, PermissionDef>();

/** Modules add their permissions at import time; a code may be defined only once. */
export function definePermissions(defs: PermissionDef[], groups: Record<string, Localized> = {}): void {
  Object.assign(PERMISSION_GROUPS, groups);
  for (const def of defs) {
    if (byCode.has(def.code)) throw new Error(`permission ${def.code} defined twice`);
    if (!/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/.test(def.code)) throw new Error(`bad permission code ${def.code}`);
    byCode.set(def.code, def);
    catalogue.includes(def) || catalogue.push(def);
  }
}
definePermissions([...catalogue]);

export function allPermissions(): PermissionDef[] {
  return [...byCode.values()];
}

export function isPermission(code: string): boolean {
  return byCode.has(code);
}

export function builtinRolePermissions(role: BuiltinRole): string[] {
  if (role === 'owner') return [...byCode.keys()];
  return [...byCode.values()].filter((p) => p.roles.includes(role)).map((p) => p.code);
}

/** What a route requires: a permission code, any signed-in staff, or nothing. */
/** 'member': a member signed in to the portal (their own cookie); staff credentials do not reach these routes. */
export type RoutePermission = string | 'authenticated' | 'member' | 'public';
