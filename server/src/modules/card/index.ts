import './card.permissions';

export { createCardModule, type CardModule } from './card.module';
export { cardRoutes } from './card.routes';
export { CardErrors } from './card.errors';
export { verifyCards } from './card.verify';
export type { CardPeople, CardDeps } from './card.types';
export type { ConsumptionService, UseRequest, KeyedUseRequest, TxOption } from './consumption.service';
export type { CardView } from './card.schemas';
export type { HoldView, UsageView, EligibilityView, EligibleCardView } from './use.schemas';
export type { UseKey, UseKeyType, CardTerms, CardStatus, CardKind } from '../../db/schema';
export { cardSchema } from './card.schemas';

import type { Executor } from '../../db/database';
import type { Ctx } from '../../shared/context';
import { cardRepo } from './card.repo';
import type { ConsumptionService as Consumption } from './consumption.service';
import type { UsageView as Usage } from './use.schemas';

/** One card usage (a consumption) as the consumption API presents it — e.g. a check-in's sessions remaining; null when there is none. */
export async function presentUsageById(consumption: Consumption, x: Executor, ctx: Ctx, usageId: string): Promise<Usage | null> {
  const u = await cardRepo.usageById(x, ctx.tenantId, usageId);
  return u ? (await consumption.presentUsages(x, ctx, [u]))[0] : null;
}
