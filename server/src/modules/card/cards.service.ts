import type { CardStatus } from '../../db/schema';
import { type Ctx, requirePermission, requireStoreAccess } from '../../shared/context';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import { CardErrors } from './card.errors';
import type { CardKit } from './card.kit';
import { presentCard, presentCards, presentEvent } from './card.present';
import { cardRepo } from './card.repo';
import type { CardEventView, CardView } from './card.schemas';
import type { ConsumptionService } from './consumption.service';
import { termsLines } from './terms.rules';
import type { UsageView } from './use.schemas';

/**
 * Reading member cards: a member's cards (held, and shared with them as family), one card, the
 * history of its whole transfer chain, its consumptions, and its terms for printing. A member's
 * cards are open to card.read in the tenant (a chain's member is served at any store); lists
 * without a member follow the caller's store scope on the store that sold the card.
 */
export function createCardsService(kit: CardKit, consumption: ConsumptionService) {
  const { db } = kit;
  return {
    async list(ctx: Ctx, f: { memberId?: string; storeId?: string; productId?: string; status?: CardStatus; expiresBefore?: string; cursor?: string; limit: number }): Promise<Page<CardView>> {
      requirePermission(ctx, 'card.read');
      if (f.storeId) requireStoreAccess(ctx, f.storeId);
      const cursor = decodeCursor(f.cursor);
      const storeIds = f.storeId ? [f.storeId] : f.memberId || ctx.storeScope.all ? null : [...ctx.storeScope.storeIds];
      const rows = await cardRepo.list(db, ctx.tenantId, { ...f, storeIds, beforeId: cursor?.[0] as string | undefined });
      const page = toPage(rows, f.limit, (r) => [r.id]);
      return { nextCursor: page.nextCursor, items: await presentCards(kit, db, ctx, page.items) };
    },

    async ofMember(ctx: Ctx, memberId: string): Promise<{ held: CardView[]; shared: CardView[] }> {
      requirePermission(ctx, 'card.read');
      if (!(await kit.deps.people.names(db, ctx, [memberId])).has(memberId)) throw CardErrors.CARD_MEMBER_NOT_FOUND({ details: { memberId } });
      const [held, shared] = await Promise.all([cardRepo.ofMember(db, ctx.tenantId, memberId), cardRepo.sharedWith(db, ctx.tenantId, memberId)]);
      return { held: await presentCards(kit, db, ctx, held), shared: await presentCards(kit, db, ctx, shared) };
    },

    async get(ctx: Ctx, cardId: string): Promise<CardView> {
      requirePermission(ctx, 'card.read');
      return presentCard(kit, db, ctx, await kit.requireCard(db, ctx, cardId));
    },

    /** Everything that happened to the card and the cards it was transferred from or to, newest first. */
    async history(ctx: Ctx, cardId: string, f: { cursor?: string; limit: number }): Promise<Page<CardEventView>> {
      requirePermission(ctx, 'card.read');
      const card = await kit.requireCard(db, ctx, cardId);
      const cursor = decodeCursor(f.cursor);
      const rows = await cardRepo.eventsOfRoot(db, ctx.tenantId, card.root_card_id, { beforeId: cursor?.[0] as string | undefined, limit: f.limit });
      const page = toPage(rows, f.limit, (r) => [r.id]);
      return { nextCursor: page.nextCursor, items: page.items.map(presentEvent) };
    },

    async usages(ctx: Ctx, cardId: string, f: { cursor?: string; limit: number }): Promise<Page<UsageView>> {
      requirePermission(ctx, 'card.read');
      const card = await kit.requireCard(db, ctx, cardId);
      const cursor = decodeCursor(f.cursor);
      const rows = await cardRepo.usagesOf(db, ctx.tenantId, card.id, { beforeId: cursor?.[0] as string | undefined, limit: f.limit });
      const page = toPage(rows, f.limit, (r) => [r.id]);
      return { nextCursor: page.nextCursor, items: await consumption.presentUsages(db, ctx, page.items) };
    },

    /** The terms the card was sold on, as printed at sale (refund terms included). */
    async terms(ctx: Ctx, cardId: string): Promise<{ cardId: string; cardNo: string; name: string; lines: string[] }> {
      requirePermission(ctx, 'card.read');
      const card = await kit.requireCard(db, ctx, cardId);
      const s = await kit.settings(db, ctx.tenantId);
      return { cardId: card.id, cardNo: card.card_no, name: card.name, lines: termsLines(card.terms_json, ctx.locale, [s.refundTermsText]) };
    },
  };
}
