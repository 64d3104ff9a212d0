import type { Ctx } from '../../shared/context';
import { formatYuan } from '../../shared/money';
import { CardErrors } from './card.errors';
import type { CardKit } from './card.kit';
import type { CardRow } from './card.repo';
import type { Tender } from './card.schemas';

/**
 * Money for card changes (freeze and transfer fees, upgrade differences) comes in the one way
 * money comes in: an order with a `card` line naming the action. The order module prices it,
 * takes the tenders, joins the shift, and calls the card line handler, which applies the
 * change inside the order's transaction — paid and done together, or neither.
 */
export type Payments = ReturnType<typeof createPayments>;

export function createPayments(kit: CardKit) {
  return {
    async charge(
      ctx: Ctx,
      req: { card: CardRow; fee: number; storeId?: string; tenders?: Tender[]; payerId: string; options: Record<string, unknown> },
    ): Promise<{ orderId: string; replayed: boolean }> {
      const storeId = req.storeId ?? ctx.storeId;
      if (!storeId) throw CardErrors.CARD_FEE_STORE_REQUIRED({ details: { path: 'storeId' } });
      if (!req.tenders?.length) throw CardErrors.CARD_FEE_TENDERS_REQUIRED({ params: { fee: `¥${formatYuan(req.fee)}` }, details: { path: 'tenders', fee: req.fee } });
      const r = await kit.deps.orders.checkout(ctx, {
        storeId,
        memberId: req.payerId,
        lines: [{ kind: 'card', itemId: req.card.id, quantity: 1, options: req.options }],
        tenders: req.tenders,
      });
      return { orderId: r.order.id, replayed: r.replayed };
    },
  };
}
