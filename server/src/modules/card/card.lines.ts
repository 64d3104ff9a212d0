import { z } from 'zod';
import type { Executor } from '../../db/database';
import type { Ctx } from '../../shared/context';
import { CommonErrors } from '../../shared/errors';
import { localizeIssues } from '../../shared/validation';
import type { OrderLineHandler, ResolvedItem } from '../order';
import { CardErrors } from './card.errors';
import { prepayWarnings } from './card.rules';
import type { CardKit } from './card.kit';
import { cardRepo } from './card.repo';
import { applyFreeze, freezePlanFor } from './freeze.service';
import { plannedShare, planCardRefund, refundFundingLine } from './refund.service';
import { checkSale, issueCard } from './sale';
import { applyTransfer, checkTransferable } from './transfer.service';
import { applyUpgrade, upgradePlanFor } from './upgrade.service';

/**
 * How orders sell cards (the `card` line kind). A line is one of:
 * - a sale: `itemId` = a card product (cpr_…), `options.activateOn` for date activation;
 * - a fee or difference for a change of a member card (`itemId` = the card, mcd_…):
 *   `options.action` = 'freeze' ({ startOn, days }), 'transfer' ({ toMemberId }) or 'upgrade'
 *   ({ toProductId }). The card services build these lines; the change happens in fulfil, in
 *   the order's transaction.
 * Refunds of sale and upgrade lines refund the card by its formula (`refundLimit` gives the
 * amount); refunding a fee line gives the money back and leaves the change as it is.
 */
const D = /^\d{4}-\d{2}-\d{2}$/;
const actionOptions = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('freeze'), startOn: z.string().regex(D), days: z.number().int().min(1).max(366), reason: z.string().max(200).nullable().optional() }),
  z.strictObject({ action: z.literal('transfer'), toMemberId: z.string().min(3).max(64), reason: z.string().max(200).nullable().optional() }),
  z.strictObject({ action: z.literal('upgrade'), toProductId: z.string().min(3).max(64), reason: z.string().max(200).nullable().optional() }),
]);
const saleOptions = z.strictObject({ action: z.literal('sale').optional(), activateOn: z.string().regex(D).optional() });

const LABELS = {
  freeze: { 'zh-CN': '停卡手续费', en: 'Freeze fee' },
  transfer: { 'zh-CN': '转卡手续费', en: 'Transfer fee' },
  upgrade: { 'zh-CN': '升级补差价', en: 'Upgrade difference' },
} as const;

function parse<T>(ctx: Ctx, schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v ?? {});
  if (!r.success) throw CommonErrors.VALIDATION_FAILED({ details: localizeIssues(r.error.issues, ctx.locale, 'lines.options') });
  return r.data;
}

export function createCardLineHandler(kit: CardKit): OrderLineHandler {
  async function actionCard(trx: Executor, ctx: Ctx, cardId: string) {
    const card = await cardRepo.byId(trx, ctx.tenantId, cardId);
    if (!card) throw CardErrors.CARD_NOT_FOUND({ details: { path: 'lines', itemId: cardId } });
    await kit.requireCardAccess(trx, ctx, card);
    return card;
  }

  return {
    kind: 'card',

    async resolve(trx, ctx, req): Promise<ResolvedItem> {
      const action = (req.options as { action?: string } | undefined)?.action;
      if (!action || action === 'sale') {
        const o = parse(ctx, saleOptions, req.options);
        const { product: p, terms, activateOn } = await checkSale(kit, trx, ctx, { productId: req.itemId, quantity: req.quantity, storeId: req.storeId, memberId: req.memberId, activateOn: o.activateOn });
        const s = await kit.settings(trx, ctx.tenantId);
        return {
          name: p.name,
          unitPrice: req.unitPrice ?? p.price,
          isTierDiscountable: p.is_tier_discountable,
          isPointsPayable: p.is_points_payable,
          isStoredValuePayable: p.is_stored_value_payable,
          isSpend: true,
          meta: { action: 'sale', productId: p.id, cardKind: p.kind, sessions: terms.sessions, validity: terms.validity, activationMode: terms.activationMode, activateOn, listPrice: p.price, warnings: prepayWarnings(terms, s).map((w) => w.code) },
        };
      }
      const o = parse(ctx, actionOptions, req.options);
      if (req.quantity !== 1) throw CardErrors.CARD_SALE_QUANTITY({ details: { path: 'lines' } });
      const card = await actionCard(trx, ctx, req.itemId);
      const today = await kit.today(ctx.tenantId, trx);
      let price: number;
      let detail: Record<string, unknown>;
      if (o.action === 'freeze') {
        if (req.memberId !== card.member_id) throw CardErrors.CARD_USER_NOT_ALLOWED({ details: { path: 'memberId' } });
        const plan = await freezePlanFor(kit, trx, ctx, card, o, today);
        price = card.terms_json.freeze.fee;
        detail = { startOn: plan.startOn, endOn: plan.endOn, days: plan.days, newExpiresOn: plan.newExpiresOn };
      } else if (o.action === 'transfer') {
        if (req.memberId !== card.member_id && req.memberId !== o.toMemberId) throw CardErrors.CARD_USER_NOT_ALLOWED({ details: { path: 'memberId' } });
        await checkTransferable(kit, trx, ctx, card, o.toMemberId, today);
        price = card.terms_json.transfer.fee;
        detail = { toMemberId: o.toMemberId };
      } else {
        if (req.memberId !== card.member_id) throw CardErrors.CARD_USER_NOT_ALLOWED({ details: { path: 'memberId' } });
        const { product, plan } = await upgradePlanFor(kit, trx, ctx, card, o.toProductId, today);
        price = plan.difference;
        detail = { toProductId: product.id, toProductName: product.name, newExpiresOn: plan.newExpiresOn };
      }
      const label = LABELS[o.action][ctx.locale];
      return {
        name: `${label} · ${card.name}`,
        unitPrice: req.unitPrice ?? price,
        isTierDiscountable: false,
        isPointsPayable: o.action === 'upgrade',
        isStoredValuePayable: true,
        isSpend: o.action === 'upgrade',
        meta: { action: o.action, cardId: card.id, cardNo: card.card_no, rootCardId: card.root_card_id, ...detail, reason: o.reason ?? null },
      };
    },

    async fulfil(trx, ctx, line) {
      const action = line.meta.action as string;
      if (action === 'sale') {
        const r = await issueCard(kit, trx, ctx, line);
        return { cardId: r.cardId, cardNo: r.cardNo, rootCardId: r.rootCardId };
      }
      const o = parse(ctx, actionOptions, { action, ...pick(line.meta, action) });
      if (o.action === 'freeze') {
        const freezeId = await applyFreeze(kit, trx, ctx, line.itemId, o, { orderId: line.orderId, fee: line.netTotal });
        return { freezeId };
      }
      if (o.action === 'transfer') {
        const newCardId = await applyTransfer(kit, trx, ctx, line.itemId, o.toMemberId, { orderId: line.orderId, fee: line.netTotal, reason: o.reason ?? null });
        return { newCardId };
      }
      await applyUpgrade(kit, trx, ctx, line.itemId, o.toProductId, { orderId: line.orderId, lineId: line.lineId, amount: line.netTotal, reason: o.reason ?? null });
      return {};
    },

    async refundLimit(trx, ctx, line) {
      const action = line.meta.action as string;
      if (action !== 'sale' && action !== 'upgrade') return null;
      const funding = await cardRepo.fundingByLine(trx, ctx.tenantId, line.lineId);
      if (!funding) return null;
      const planned = plannedShare(trx, funding.root_card_id, line.lineId);
      const live = await cardRepo.liveOfRoot(trx, ctx.tenantId, funding.root_card_id);
      if (!live) return null;
      if (planned !== undefined) return { amount: planned, breakdown: { cardId: live.id, cardNo: live.card_no } };
      // An ended card gives nothing back (and its refund is refused with the card's reason).
      if (live.status === 'refunded' || live.status === 'cancelled') return { amount: 0, breakdown: { cardId: live.id, cardNo: live.card_no, status: live.status } };
      const p = await planCardRefund(kit, trx, ctx, live, await kit.today(ctx.tenantId, trx));
      return { amount: p.split.get(line.lineId) ?? 0, breakdown: { cardId: live.id, cardNo: live.card_no, ...p.calc } };
    },

    async refund(trx, ctx, line) {
      const action = line.meta.action as string;
      if (action === 'sale' || action === 'upgrade') return refundFundingLine(kit, trx, ctx, line);
      // A fee comes back; the freeze or transfer it paid for stays.
      const cardId = (line.meta.newCardId as string | undefined) ?? line.itemId;
      const card = await cardRepo.byId(trx, ctx.tenantId, cardId);
      if (card) await kit.history(trx, ctx, card, 'fee_refunded', { action, amount: line.amount, refundId: line.refundId }, { orderId: line.orderId, timeline: false });
    },
  };
}

function pick(meta: Record<string, unknown>, action: string): Record<string, unknown> {
  const keys = action === 'freeze' ? ['startOn', 'days', 'reason'] : action === 'transfer' ? ['toMemberId', 'reason'] : ['toProductId', 'reason'];
  return Object.fromEntries(keys.filter((k) => meta[k] !== undefined).map((k) => [k, meta[k]]));
}
