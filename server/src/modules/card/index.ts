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
