// The member list's filters live in the address (so "back" from a member returns to the same
// list, and a filtered list can be bookmarked) and become the API's query parameters.
import type { CustomField } from './types';

export interface MemberFilters {
  tag: string[];
  storeId?: string;
  birthdayMonth?: number;
  sourceChannel?: string;
  createdFrom?: string;
  createdTo?: string;
  /** cf.<key> → value ("a", "min..max" for numbers and dates). */
  custom: Record<string, string>;
}

export function readFilters(sp: URLSearchParams): MemberFilters {
  const custom: Record<string, string> = {};
  for (const [k, v] of sp.entries()) if (k.startsWith('cf.') && v) custom[k.slice(3)] = v;
  const month = Number(sp.get('birthdayMonth'));
  return {
    tag: sp.getAll('tag').filter(Boolean),
    storeId: sp.get('storeId') || undefined,
    birthdayMonth: month >= 1 && month <= 12 ? month : undefined,
    sourceChannel: sp.get('sourceChannel') || undefined,
    createdFrom: sp.get('createdFrom') || undefined,
    createdTo: sp.get('createdTo') || undefined,
    custom,
  };
}

export function writeFilters(sp: URLSearchParams, f: MemberFilters): URLSearchParams {
  const next = new URLSearchParams();
  const q = sp.get('q');
  if (q) next.set('q', q);
  f.tag.forEach((t) => next.append('tag', t));
  if (f.storeId) next.set('storeId', f.storeId);
  if (f.birthdayMonth) next.set('birthdayMonth', String(f.birthdayMonth));
  if (f.sourceChannel) next.set('sourceChannel', f.sourceChannel);
  if (f.createdFrom) next.set('createdFrom', f.createdFrom);
  if (f.createdTo) next.set('createdTo', f.createdTo);
  for (const [k, v] of Object.entries(f.custom)) if (v) next.set(`cf.${k}`, v);
  return next;
}

export function activeFilterCount(f: MemberFilters): number {
  return (
    (f.tag.length ? 1 : 0) +
    (f.storeId ? 1 : 0) +
    (f.birthdayMonth ? 1 : 0) +
    (f.sourceChannel ? 1 : 0) +
    (f.createdFrom || f.createdTo ? 1 : 0) +
    Object.values(f.custom).filter(Boolean).length
  );
}

/** The API's query parameters for these filters (custom fields only when still defined). */
export function filterParams(f: MemberFilters, fields: CustomField[], q?: string): Record<string, string | number | string[] | undefined> {
  const out: Record<string, string | number | string[] | undefined> = {
    q: q || undefined,
    tag: f.tag.length ? f.tag : undefined,
    storeId: f.storeId,
    birthdayMonth: f.birthdayMonth,
    sourceChannel: f.sourceChannel,
    createdFrom: f.createdFrom,
    createdTo: f.createdTo,
  };
  const known = new Set(fields.map((d) => d.key));
  for (const [k, v] of Object.entries(f.custom)) if (v && known.has(k)) out[`cf.${k}`] = v;
  return out;
}
