// Each console feature keeps its messages beside its pages (web/src/console/<feature>/messages.ts,
// exporting a zh-CN dictionary and an English one typed `Record<keyof typeof zh, string>`, so
// tsc fails when a translation is missing). They are gathered here, one line per feature.
export const featureZh = {};
export const featureEn: Record<keyof typeof featureZh, string> = {};
