import type { Executor } from '../../db/database';
import type { Ctx } from '../../shared/context';
import { daysBetween, isSessionCard } from './card.rules';
import type { CardKit } from './card.kit';
import { type CardRow, type EventRow, type FreezeRow, cardRepo } from './card.repo';
import type { CardEventView, CardView, FreezeView } from './card.schemas';

/** Cards as the API shows them: balances, validity, freezes, family, open holds, in the caller's language. */
export function presentFreeze(f: FreezeRow): FreezeView {
  return {
    id: f.id,
    status: f.status,
    startOn: f.start_on,
    endOn: f.end_on,
    days: f.days,
    endedOn: f.ended_on,
    actualDays: f.actual_days,
    isExpiryExtended: f.is_expiry_extended,
    extensionDays: f.extension_days,
    fee: f.fee,
    orderId: f.order_id,
    reason: f.reason,
    createdByName: f.created_by_name,
    createdAt: f.created_at,
  };
}

export function presentEvent(e: EventRow): CardEventView {
  return { id: e.id, cardId: e.card_id, kind: e.kind, summary: e.summary_json, orderId: e.order_id, storeId: e.store_id, actorName: e.actor_name, createdAt: e.created_at };
}

export async function presentCards(kit: CardKit, x: Executor, ctx: Ctx, cards: CardRow[]): Promise<CardView[]> {
  if (!cards.length) return [];
  const ids = cards.map((c) => c.id);
  const [freezes, family, holds, today] = await Promise.all([
    cardRepo.freezesOf(x, ctx.tenantId, ids),
    cardRepo.familyOf(x, ctx.tenantId, ids),
    x
      .selectFrom('card_holds')
      .select(['card_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', ctx.tenantId)
      .where('card_id', 'in', ids)
      .where('status', '=', 'held')
      .groupBy('card_id')
      .execute(),
    kit.today(ctx.tenantId, x),
  ]);
  const names = await kit.deps.people.names(x, ctx, [...new Set([...cards.map((c) => c.member_id), ...family.map((f) => f.user_id)])]);
  return cards.map((c) => {
    const t = c.terms_json;
    const fz = freezes.filter((f) => f.card_id === c.id);
    const current = fz.find((f) => f.status === 'active') ?? fz.find((f) => f.status === 'scheduled') ?? null;
    const holder = names.get(c.member_id);
    return {
      id: c.id,
      cardNo: c.card_no,
      productId: c.product_id,
      kind: c.kind,
      name: c.name,
      memberId: c.member_id,
      memberName: holder?.name ?? null,
      memberNo: holder?.memberNo ?? null,
      storeId: c.store_id,
      status: c.status,
      statusName: kit.statusName(ctx, c.status),
      origin: c.origin,
      rootCardId: c.root_card_id,
      transferredFromCardId: c.transferred_from_card_id,
      transferredToCardId: c.transferred_to_card_id,
      orderId: c.order_id,
      orderLineId: c.order_line_id,
      sessions: isSessionCard(t)
        ? { unit: t.sessionUnit, total: c.sessions_total ?? 0, remaining: c.sessions_remaining, held: c.sessions_held, available: c.sessions_remaining - c.sessions_held, used: c.sessions_used, paid: c.sessions_paid ?? 0 }
        : null,
      validity: {
        activatedOn: c.activated_on,
        activateOn: c.activate_on,
        activateBy: c.activate_by,
        expiresOn: c.expires_on,
        daysGranted: c.days_granted,
        daysLeft: c.expires_on ? Math.max(0, daysBetween(today, c.expires_on) + 1) : null,
      },
      listPrice: c.list_price,
      paidAmount: c.paid_amount,
      valueRemaining: c.value_remaining,
      freezes: { count: c.freeze_count, daysUsed: c.freeze_days_used, maxTimes: t.freeze.maxTimes, maxTotalDays: t.freeze.maxTotalDays, current: current ? presentFreeze(current) : null },
      transferCount: c.transfer_count,
      family: family
        .filter((f) => f.card_id === c.id)
        .map((f) => ({ userId: f.user_id, userKind: f.user_kind, name: names.get(f.user_id)?.name ?? null, relation: f.relation, maxSessions: f.max_sessions, sessionsUsed: f.sessions_used, isActive: f.is_active })),
      openHolds: Number(holds.find((h) => h.card_id === c.id)?.n ?? 0),
      isUsedUp: isSessionCard(t) && c.sessions_remaining === 0,
      terms: t as unknown as Record<string, unknown>,
      saleWarnings: c.sale_warnings_json.map((w) => ({ code: w.code, message: w.message[ctx.locale] })),
      soldOn: c.sold_on,
      endedOn: c.ended_on,
      endReason: c.end_reason,
      lastUsedAt: c.last_used_at,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
    };
  });
}

export async function presentCard(kit: CardKit, x: Executor, ctx: Ctx, card: CardRow): Promise<CardView> {
  return (await presentCards(kit, x, ctx, [card]))[0];
}
