import type { Executor } from '../../db/database';
import { toJson } from '../../db/dialect';
import type { CardTerms } from '../../db/schema';
import type { Ctx } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { CardErrors } from './card.errors';
import { activationAtSale, addDays, isSessionCard, prepayWarnings } from './card.rules';
import { CARD_JOURNALS, type CardKit } from './card.kit';
import { cardRepo } from './card.repo';
import { activateCard } from './lifecycle';
import { type ProductRow, productRepo } from './product.repo';
import { productTerms } from './products.service';

/**
 * Selling a card: the cashier puts a `card` line in POST /orders; the order module prices it and
 * takes the tenders, and calls back here inside the order's transaction to issue the card —
 * sessions to the holder's ledger, the validity days when it starts at sale, the order line
 * recorded as the card's funding.
 */
const DEFAULT_DATE_WINDOW_DAYS = 90;

export interface SaleCheck {
  product: ProductRow;
  terms: CardTerms;
  activateOn: string | null;
}

/** Whether a product may be sold to a member in a store today (no side effects). */
export async function checkSale(kit: CardKit, x: Executor, ctx: Ctx, req: { productId: string; quantity: number; storeId: string; memberId: string | null; activateOn?: unknown }): Promise<SaleCheck> {
  const p = await productRepo.byId(x, ctx.tenantId, req.productId);
  if (!p) throw CardErrors.CARD_PRODUCT_NOT_FOUND({ details: { path: 'lines', itemId: req.productId } });
  if (!p.is_active) throw CardErrors.CARD_PRODUCT_INACTIVE({ params: { name: p.name }, details: { path: 'lines', itemId: p.id } });
  if (!p.is_all_sale_stores && !(await productRepo.isSoldIn(x, ctx.tenantId, p.id, req.storeId))) {
    throw CardErrors.CARD_PRODUCT_NOT_SOLD_IN_STORE({ params: { name: p.name }, details: { path: 'lines', itemId: p.id, storeId: req.storeId } });
  }
  if (!req.memberId) throw CardErrors.CARD_SALE_MEMBER_REQUIRED({ details: { path: 'memberId' } });
  if (req.quantity !== 1) throw CardErrors.CARD_SALE_QUANTITY({ details: { path: 'lines', itemId: p.id } });
  if (p.sale_limit_per_member !== null) {
    const count = await cardRepo.salesOfProduct(x, ctx.tenantId, req.memberId, p.id);
    if (count >= p.sale_limit_per_member) throw CardErrors.CARD_SALE_LIMIT({ params: { name: p.name, limit: p.sale_limit_per_member, count }, details: { path: 'lines', itemId: p.id, limit: p.sale_limit_per_member, count } });
  }
  const terms = productTerms(p, (await productRepo.coverageOf(x, ctx.tenantId, [p.id])).map((c) => ({ type: c.key_type, id: c.key_id })));
  let activateOn: string | null = null;
  if (terms.activationMode === 'date') {
    const today = await kit.today(ctx.tenantId, x);
    const to = addDays(today, terms.activationDeadlineDays ?? DEFAULT_DATE_WINDOW_DAYS);
    activateOn = typeof req.activateOn === 'string' ? req.activateOn : today;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(activateOn) || activateOn < today || activateOn > to) throw CardErrors.CARD_ACTIVATE_ON_INVALID({ params: { from: today, to }, details: { path: 'lines.options.activateOn' } });
  }
  return { product: p, terms, activateOn };
}

/** A new card's row, before activation (pending, nothing used, no freezes or transfers). */
export function newCardRow(c: {
  tenantId: string;
  id: string;
  cardNo: string;
  product: Pick<ProductRow, 'id' | 'kind' | 'name' | 'price'>;
  memberId: string;
  store: { id: string; regionId: string | null };
  origin: 'sale' | 'import';
  orderId: string | null;
  orderLineId: string | null;
  terms: CardTerms;
  warnings: ReturnType<typeof prepayWarnings>;
  paid: number;
  sessions: number | null;
  activateOn: string | null;
  activateBy: string | null;
  today: string;
  now: string;
}) {
  return {
    tenant_id: c.tenantId,
    id: c.id,
    card_no: c.cardNo,
    product_id: c.product.id,
    kind: c.product.kind,
    name: c.product.name,
    member_id: c.memberId,
    store_id: c.store.id,
    region_id: c.store.regionId,
    status: 'pending' as const,
    origin: c.origin,
    root_card_id: c.id,
    transferred_from_card_id: null,
    transferred_to_card_id: null,
    order_id: c.orderId,
    order_line_id: c.orderLineId,
    terms_json: toJson(c.terms),
    sale_warnings_json: toJson(c.warnings),
    list_price: c.product.price,
    paid_amount: c.paid,
    value_remaining: c.paid,
    sessions_total: c.sessions,
    sessions_remaining: c.sessions ?? 0,
    sessions_held: 0,
    sessions_used: 0,
    sessions_paid: c.sessions,
    days_granted: 0,
    days_paid: 0,
    activate_on: c.activateOn,
    activate_by: c.activateBy,
    activated_on: null,
    expires_on: null,
    freeze_count: 0,
    freeze_days_used: 0,
    transfer_count: 0,
    sold_on: c.today,
    ended_on: null,
    end_reason: null,
    last_used_at: null,
    created_at: c.now,
    updated_at: c.now,
  };
}

/** Issue the card of a paid sale line (inside the order's transaction). */
export async function issueCard(
  kit: CardKit,
  trx: Executor,
  ctx: Ctx,
  line: { orderId: string; lineId: string; itemId: string; quantity: number; netTotal: number; storeId: string; memberId: string | null; meta: Record<string, unknown> },
): Promise<{ cardId: string; cardNo: string; rootCardId: string }> {
  // Checked again here: two lines of one order may be the same limited product.
  const { product: p, terms, activateOn } = await checkSale(kit, trx, ctx, { productId: line.itemId, quantity: line.quantity, storeId: line.storeId, memberId: line.memberId, activateOn: line.meta.activateOn });
  const store = await kit.store(trx, ctx, line.storeId);
  const today = await kit.today(ctx.tenantId, trx);
  const settings = await kit.settings(trx, ctx.tenantId);
  const now = kit.clock.iso();
  const id = newId(ID_PREFIXES.memberCard);
  const seq = await cardRepo.nextCardNo(trx, ctx.tenantId, store.id);
  const cardNo = `${store.code}-${String(seq).padStart(6, '0')}`;
  const sessions = terms.sessions;
  const activatedOn = activationAtSale(terms.activationMode, today, activateOn);
  const row = newCardRow({
    tenantId: ctx.tenantId,
    id,
    cardNo,
    product: p,
    memberId: line.memberId!,
    store,
    origin: 'sale',
    orderId: line.orderId,
    orderLineId: line.lineId,
    terms,
    warnings: prepayWarnings(terms, settings),
    paid: line.netTotal,
    sessions,
    activateOn: terms.activationMode === 'date' ? activateOn : null,
    activateBy: terms.activationMode === 'first_use' && terms.activationDeadlineDays !== null ? addDays(today, terms.activationDeadlineDays) : null,
    today,
    now,
  });

  await cardRepo.insert(trx, row);
  if (isSessionCard(terms)) await kit.post(trx, ctx, row, { kind: CARD_JOURNALS.issue, sessions: sessions!, orderId: line.orderId, storeId: store.id });
  await cardRepo.insertFunding(trx, { tenant_id: ctx.tenantId, id: newId(ID_PREFIXES.cardFunding), root_card_id: id, kind: 'sale', order_id: line.orderId, order_line_id: line.lineId, amount: line.netTotal, refunded_amount: 0, created_at: now });
  await kit.history(trx, ctx, row, 'sold', { productId: p.id, price: p.price, paid: line.netTotal, sessions, activationMode: terms.activationMode, activateOn: row.activate_on }, { orderId: line.orderId, storeId: store.id, topic: 'card.issued' });
  const card = (await cardRepo.byId(trx, ctx.tenantId, id))!;
  if (activatedOn) await activateCard(kit, trx, ctx, card, activatedOn, 'sale', line.orderId);
  await kit.deps.audit.record(trx, ctx, { action: 'card.issue', entityType: 'member_card', entityId: id, storeId: store.id, after: { cardNo, productId: p.id, memberId: line.memberId, orderId: line.orderId, paid: line.netTotal, sessions, activatedOn, expiresOn: card.expires_on } });
  return { cardId: id, cardNo, rootCardId: id };
}
