import './tier.permissions';

export * from './tier.rules';
export { createTierService, type TierService, type TierLevelView, type TierLevelInput, type MemberTierView, type TierBenefits, DEFAULT_PROGRAM } from './tier.service';
export { TierErrors } from './tier.errors';
export { tierRoutes } from './tier.routes';
export { memberTierSchema } from './tier.schemas';
