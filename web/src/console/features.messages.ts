// Each console feature keeps its messages beside its pages (web/src/console/<feature>/messages.ts,
// exporting a zh-CN dictionary and an English one typed `Record<keyof typeof zh, string>`, so
// tsc fails when a translation is missing). They are gathered here, one line per feature.
import { leadsEn, leadsZh } from './leads/messages';
import { membersEn, membersZh } from './members/messages';

export const featureZh = { ...membersZh, ...leadsZh };
export const featureEn: Record<keyof typeof featureZh, string> = { ...membersEn, ...leadsEn };
