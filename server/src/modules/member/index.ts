import './member.permissions';

export { createMemberModule, type MemberModule, type MemberBrief, type DependentBrief } from './member.module';
export { memberRoutes } from './routes';
export { MemberErrors } from './member.errors';
export { type MemberCreatedHook, type MemberDeps, type OpeningBalanceHandler, type OpeningCredit } from './member.kit';
export { type TimelineEntryInput } from './timeline.service';
export { type MemberDataHooks } from './privacy.service';
export { rotateFieldKeys, fieldKeyUsage, type RotationReport } from './sensitive.service';
export { MOBILE_RE, nameKeys, normalizeText, addDays, monthDay, isValidDate, zonedDayStart, prefixUpperBound, parseSearchQuery } from './member.rules';
export { solarToLunar, lunarBirthdayIn, lunarMonthDay } from './lunar.rules';
export type { MemberDto, MemberCreate, MemberSummary } from './member.schemas';
