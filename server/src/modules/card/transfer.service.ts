import type { Executor } from '../../db/database';
import { toJson } from '../../db/dialect';
import { type Ctx, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { CardErrors } from './card.errors';
import { checkTransfer } from './change.rules';
import { CARD_JOURNALS, type CardKit } from './card.kit';
import { presentCard } from './card.present';
import { type CardRow, cardRepo } from './card.repo';
import type { CardView, Tender } from './card.schemas';
import { settleCard } from './lifecycle';
import type { Payments } from './payments';

/**
 * Transfer (转卡): the card ends as `transferred` and a new card for the recipient carries on
 * with what was left (sessions, validity, freeze usage, the paid value and the fundings of the
 * same chain), so the history of both members stays whole. Frozen, expired and ended cards are
 * refused; bookings on the card must be settled first; the holder's family loses access.
 */
export async function checkTransferable(kit: CardKit, x: Executor, ctx: Ctx, card: CardRow, toMemberId: string, today: string) {
  const freezes = await cardRepo.freezesOf(x, ctx.tenantId, [card.id]);
  const status = freezes.some((f) => f.status === 'scheduled' || f.status === 'active') && card.status !== 'expired' ? 'frozen' : card.status;
  const p = checkTransfer({ status, terms: card.terms_json, transferCount: card.transfer_count, holderId: card.member_id, expiresOn: card.expires_on }, toMemberId, today);
  if (p) throw kit.problem(ctx, p);
  const holds = await cardRepo.openHolds(x, ctx.tenantId, card.id);
  if (holds.length) throw CardErrors.CARD_HAS_OPEN_HOLDS({ params: { count: holds.length }, details: { holdIds: holds.map((h) => h.id) } });
  const to = await kit.deps.people.member(x, ctx, toMemberId);
  if (!to) throw CardErrors.CARD_MEMBER_NOT_FOUND({ details: { path: 'toMemberId', memberId: toMemberId } });
  return to;
}

export async function applyTransfer(kit: CardKit, trx: Executor, ctx: Ctx, cardId: string, toMemberId: string, paid: { orderId: string | null; fee: number; reason?: string | null }): Promise<string> {
  const card = await kit.requireCard(trx, ctx, cardId, { lock: true });
  await kit.requireCardAccess(trx, ctx, card);
  const today = await kit.today(ctx.tenantId, trx);
  await settleCard(kit, trx, ctx, card, today);
  const to = await checkTransferable(kit, trx, ctx, card, toMemberId, today);
  const now = kit.clock.iso();
  const id = newId(ID_PREFIXES.memberCard);
  const seq = await cardRepo.nextCardNo(trx, ctx.tenantId, card.store_id);
  const store = await kit.store(trx, ctx, card.store_id);
  const next: CardRow = {
    ...card,
    id,
    card_no: `${store.code}-${String(seq).padStart(6, '0')}`,
    member_id: to.id,
    origin: 'transfer',
    transferred_from_card_id: card.id,
    transferred_to_card_id: null,
    sessions_held: 0,
    transfer_count: card.transfer_count + 1,
    created_at: now,
    updated_at: now,
  };
  await cardRepo.insert(trx, { ...next, terms_json: toJson(card.terms_json), sale_warnings_json: toJson(card.sale_warnings_json) });
  const sessions = card.sessions_remaining;
  const days = card.days_granted;
  await kit.post(trx, ctx, card, { kind: CARD_JOURNALS.transferOut, sessions: -sessions, days: -days, orderId: paid.orderId, reason: `→ ${next.card_no}` });
  await kit.post(trx, ctx, next, { kind: CARD_JOURNALS.transferIn, sessions, days, orderId: paid.orderId, reason: `← ${card.card_no}` });
  await cardRepo.update(trx, ctx.tenantId, card.id, { status: 'transferred', sessions_remaining: 0, days_granted: 0, value_remaining: 0, transferred_to_card_id: id, ended_on: today, end_reason: 'transfer', updated_at: now });
  const family = await cardRepo.familyOf(trx, ctx.tenantId, [card.id]);
  await cardRepo.deleteFamily(trx, ctx.tenantId, card.id);
  const summary = { fromMemberId: card.member_id, toMemberId: to.id, fromCardId: card.id, fromCardNo: card.card_no, toCardId: id, toCardNo: next.card_no, sessions, expiresOn: card.expires_on, fee: paid.fee, familyRemoved: family.length, reason: paid.reason ?? null };
  await kit.history(trx, ctx, card, 'transferred_out', summary, { orderId: paid.orderId, topic: 'card.transferred' });
  await kit.history(trx, ctx, next, 'transferred_in', summary, { orderId: paid.orderId });
  await kit.deps.audit.record(trx, ctx, { action: 'card.transfer', entityType: 'member_card', entityId: card.id, before: { memberId: card.member_id, status: card.status }, after: summary });
  return id;
}

export function createTransferService(kit: CardKit, pay: Payments) {
  const { db } = kit;
  return {
    async preview(ctx: Ctx, cardId: string, req: { toMemberId: string }) {
      requirePermission(ctx, 'card.operate');
      const card = await kit.requireCard(db, ctx, cardId);
      await kit.requireCardAccess(db, ctx, card);
      const to = await checkTransferable(kit, db, ctx, card, req.toMemberId, await kit.today(ctx.tenantId));
      const family = await cardRepo.familyOf(db, ctx.tenantId, [card.id]);
      const max = card.terms_json.transfer.maxTimes;
      return {
        cardId,
        fee: card.terms_json.transfer.fee,
        toMember: to,
        sessionsRemaining: card.terms_json.sessions !== null ? card.sessions_remaining : null,
        expiresOn: card.expires_on,
        familyRemoved: family.length,
        transfersLeft: max === null ? null : max - card.transfer_count - 1,
      };
    },

    /** Transfer; returns the recipient's new card. A fee is paid through an order (by the holder unless feePaidBy is 'to'). */
    async transfer(ctx: Ctx, cardId: string, req: { toMemberId: string; feePaidBy?: 'from' | 'to'; waiveFee?: boolean; reason?: string | null; storeId?: string; tenders?: Tender[] }): Promise<{ card: CardView; replayed: boolean }> {
      requirePermission(ctx, 'card.operate');
      if (req.waiveFee) requirePermission(ctx, 'card.adjust');
      const card = await kit.requireCard(db, ctx, cardId);
      const fee = req.waiveFee ? 0 : card.terms_json.transfer.fee;
      let newCardId: string;
      let replayed: boolean;
      if (fee > 0) {
        // Say why the transfer cannot happen before asking for the fee.
        if (!req.tenders?.length) {
          await kit.requireCardAccess(db, ctx, card);
          await checkTransferable(kit, db, ctx, card, req.toMemberId, await kit.today(ctx.tenantId));
        }
        const r = await pay.charge(ctx, { card, fee, storeId: req.storeId, tenders: req.tenders, payerId: req.feePaidBy === 'to' ? req.toMemberId : card.member_id, options: { action: 'transfer', toMemberId: req.toMemberId, reason: req.reason ?? null } });
        const ev = await cardRepo.eventOfOrder(db, ctx.tenantId, r.orderId, 'transferred_in');
        newCardId = ev!.card_id;
        replayed = r.replayed;
      } else {
        const r = await kit.idempotent(ctx, (trx) => applyTransfer(kit, trx, ctx, cardId, req.toMemberId, { orderId: null, fee: 0, reason: req.reason }));
        newCardId = r.value;
        replayed = r.replayed;
      }
      return { card: await presentCard(kit, db, ctx, (await cardRepo.byId(db, ctx.tenantId, newCardId))!), replayed };
    },
  };
}
