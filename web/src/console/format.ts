import dayjs from 'dayjs';
import type { MsgKey, T } from './i18n';

const BUILTIN_ROLE: Record<string, MsgKey> = {
  owner: 'role.builtin.owner',
  manager: 'role.builtin.manager',
  frontDesk: 'role.builtin.frontDesk',
  finance: 'role.builtin.finance',
  teacher: 'role.builtin.teacher',
};

/** Built-in roles are named in the UI language; custom roles keep the name their tenant gave them. */
export function roleName(t: T, role: { name: string; builtinKey: string | null }): string {
  const key = role.builtinKey ? BUILTIN_ROLE[role.builtinKey] : undefined;
  return key ? t(key) : role.name;
}

/** A timestamp in the browser's time zone, to the minute (seconds when asked). */
export function formatTime(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '—';
  return dayjs(iso).format(seconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}
