import type { Executor } from '../../db/database';
import type { Ctx } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { CARD_JOURNALS, type CardKit } from './card.kit';
import { daysBetween, isSessionCard, prepayWarnings } from './card.rules';
import { cardRepo } from './card.repo';
import { activateCard } from './lifecycle';
import { productRepo } from './product.repo';
import { productTerms } from './products.service';
import { newCardRow } from './sale';

/**
 * Opening cards: the remaining sessions a member import carries over from the system a tenant
 * leaves. The card is issued on the named product's terms, active from today, with the sessions
 * on the ledger (journal card_issue, origin 'import'); its expiry is the file's date when given,
 * otherwise the product's validity from today. Nothing was paid through Tessera, so the refund
 * quote of such a card starts from zero paid (refunds of carried-over cards are settled by hand).
 */
export async function openingCardProducts(x: Executor, tenantId: string, keys: string[]): Promise<Map<string, { id: string; name: string; keepsSessions: boolean }>> {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  const out = new Map<string, { id: string; name: string; keepsSessions: boolean }>();
  for (const p of await productRepo.list(x, tenantId, { includeInactive: true })) {
    const key = p.name.toLowerCase();
    // An active product wins over a discontinued one of the same name.
    if (wanted.has(key) && (!out.has(key) || p.is_active)) out.set(key, { id: p.id, name: p.name, keepsSessions: p.sessions !== null && p.kind !== 'time' });
  }
  return out;
}

export async function issueOpeningCard(
  kit: CardKit,
  trx: Executor,
  ctx: Ctx,
  input: { memberId: string; storeId: string; productId: string; sessions: number; expiresOn: string | null; importJobId: string },
): Promise<{ cardId: string; cardNo: string }> {
  const p = await productRepo.byId(trx, ctx.tenantId, input.productId);
  if (!p) throw new Error(`card product ${input.productId} vanished during the import`);
  const terms = { ...productTerms(p, (await productRepo.coverageOf(trx, ctx.tenantId, [p.id])).map((c) => ({ type: c.key_type, id: c.key_id }))), sessions: input.sessions };
  const store = await kit.store(trx, ctx, input.storeId);
  const today = await kit.today(ctx.tenantId, trx);
  const settings = await kit.settings(trx, ctx.tenantId);
  const now = kit.clock.iso();
  const id = newId(ID_PREFIXES.memberCard);
  const cardNo = `${store.code}-${String(await cardRepo.nextCardNo(trx, ctx.tenantId, store.id)).padStart(6, '0')}`;
  const row = newCardRow({
    tenantId: ctx.tenantId,
    id,
    cardNo,
    product: p,
    memberId: input.memberId,
    store,
    origin: 'import',
    orderId: null,
    orderLineId: null,
    terms,
    warnings: prepayWarnings(terms, settings),
    paid: 0,
    sessions: input.sessions,
    activateOn: null,
    activateBy: null,
    today,
    now,
  });

  await cardRepo.insert(trx, row);
  if (isSessionCard(terms)) await kit.post(trx, ctx, row, { kind: CARD_JOURNALS.issue, sessions: input.sessions, storeId: store.id, reason: 'import' });
  await kit.history(trx, ctx, row, 'imported', { productId: p.id, sessions: input.sessions, expiresOn: input.expiresOn, importJobId: input.importJobId }, { storeId: store.id, topic: 'card.issued' });
  const card = (await cardRepo.byId(trx, ctx.tenantId, id))!;
  if (input.expiresOn) {
    // The file's expiry: the days from today to that date (inclusive) on the ledger.
    const days = daysBetween(today, input.expiresOn) + 1;
    await kit.post(trx, ctx, card, { kind: CARD_JOURNALS.activate, days, reason: 'import' });
    await cardRepo.update(trx, ctx.tenantId, id, { activated_on: today, days_granted: days, days_paid: days, expires_on: input.expiresOn, status: 'active', updated_at: now });
    await kit.history(trx, ctx, card, 'activated', { activatedOn: today, expiresOn: input.expiresOn, how: 'import' }, { topic: 'card.activated' });
  } else {
    await activateCard(kit, trx, ctx, card, today, 'manual');
  }
  return { cardId: id, cardNo };
}
