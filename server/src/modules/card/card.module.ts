import type { Executor } from '../../db/database';
import type { Ctx } from '../../shared/context';
import { createAdjustService } from './adjust.service';
import { createCardKit } from './card.kit';
import { createCardLineHandler } from './card.lines';
import { presentCards } from './card.present';
import { cardRepo } from './card.repo';
import type { CardDeps } from './card.types';
import { createCardsService } from './cards.service';
import { createConsumptionService } from './consumption.service';
import { createFamilyService } from './family.service';
import { createFreezeService } from './freeze.service';
import { issueOpeningCard, openingCardProducts } from './opening';
import { runLifecycle } from './lifecycle';
import { createPayments } from './payments';
import { createProductsService } from './products.service';
import { createRefundService } from './refund.service';
import { createReportsService } from './reports.service';
import { createTransferService } from './transfer.service';
import { createUpgradeService } from './upgrade.service';

/** The card module, wired once (services.ts). */
export function createCardModule(deps: CardDeps) {
  const kit = createCardKit(deps);
  const pay = createPayments(kit);
  const consumption = createConsumptionService(kit);
  return {
    products: createProductsService(kit),
    cards: createCardsService(kit, consumption),
    /** The consumption API for booking and check-in (see consumption.service.ts). */
    consumption,
    freezes: createFreezeService(kit, pay),
    transfers: createTransferService(kit, pay),
    upgrades: createUpgradeService(kit, pay),
    adjustments: createAdjustService(kit),
    refunds: createRefundService(kit),
    family: createFamilyService(kit),
    reports: createReportsService(kit),
    /** Register with the order module: cards are sold (and their fees paid) as `card` order lines. */
    lineHandler: createCardLineHandler(kit),
    /** The daily job: activation, freezes, statuses, expiry write-offs, reminder events. */
    runLifecycle: () => runLifecycle(kit),
    /** Run a change exactly once per Idempotency-Key (REST routes over the consumption API). */
    idempotent: kit.idempotent,
    /** Member import: card products by name, and the card carrying a member's remaining sessions. */
    opening: {
      products: openingCardProducts,
      issue: (trx: Executor, ctx: Ctx, input: Parameters<typeof issueOpeningCard>[3]) => issueOpeningCard(kit, trx, ctx, input),
    },
    /** Name and sessions of cards, read in the caller's transaction (the appointment page shows what is left). */
    async briefs(x: Executor, tenantId: string, ids: string[]) {
      const rows = ids.length ? await cardRepo.byIds(x, tenantId, ids) : [];
      return new Map(rows.map((c) => [c.id, { name: c.name, kind: c.kind, sessionsRemaining: c.sessions_remaining, sessionsHeld: c.sessions_held }]));
    },
    /** A member's cards for their data export. */
    async exportOf(x: Executor, ctx: Ctx, memberId: string) {
      return { cards: await presentCards(kit, x, ctx, await cardRepo.ofMember(x, ctx.tenantId, memberId)) };
    },
  };
}

export type CardModule = ReturnType<typeof createCardModule>;
