import { type Database, type Executor, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import { runIdempotent } from '../../db/idempotency';
import type { Clock } from '../../shared/clock';
import { type TimelineSink, noTimeline } from '../../shared/timeline';
import { type Ctx, requirePermission } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { formatYuan } from '../../shared/money';
import { sha256Hex } from '../../shared/secrets';

const yuan = (fen: number) => `¥${formatYuan(fen)}`;
import type { AuditService } from '../audit';
import type { LedgerService, Posting } from '../ledger';
import { WalletErrors } from './wallet.errors';
import { type PackageRow, walletRepo } from './wallet.repo';
import { type BonusRule, type RefundFee, type SpendMode, type SvBalances, type SvRefundQuote, quoteSvRefund, rechargeCredit, splitSpend } from './wallet.rules';

/** Journal kinds that move stored value, for reports and the refund quote's "paid" figure. */
export const SV_JOURNALS = {
  recharge: 'recharge',
  rechargeRefund: 'recharge_refund',
  spend: 'sv_spend',
  restitution: 'sv_restitution',
  refund: 'sv_refund',
  bonusForfeit: 'sv_bonus_forfeit',
  adjust: 'sv_adjust',
  freeze: 'sv_freeze',
  unfreeze: 'sv_unfreeze',
  /** Balances carried over from another system by a member import (paid principal). */
  opening: 'sv_opening',
} as const;

export interface WalletSettings {
  spendMode: SpendMode;
  refundFee: RefundFee;
}

export interface RechargePackage {
  id: string;
  name: string;
  price: number;
  bonus: BonusRule;
  bonusPoints: number;
  /** What the package credits: principal and bonus. */
  credit: SvBalances;
  isActive: boolean;
  sortOrder: number;
}

export interface WalletBalances {
  principal: number;
  bonus: number;
  frozen: number;
  /** What can be spent now. */
  available: number;
}

export interface SvRefundQuoteView extends SvRefundQuote {
  memberId: string;
  /** Echo this back to confirm; it changes whenever the balances or the fee change. */
  quoteToken: string;
}

const DEFAULT_SETTINGS: WalletSettings = { spendMode: 'proportional', refundFee: { type: 'none' } };

function presentPackage(r: PackageRow): RechargePackage {
  const bonus: BonusRule = r.bonus_type === 'fixed' ? { type: 'fixed', amount: r.bonus_value } : r.bonus_type === 'percent' ? { type: 'percent', basisPoints: r.bonus_value } : { type: 'none' };
  return { id: r.id, name: r.name, price: r.price, bonus, bonusPoints: r.bonus_points, credit: rechargeCredit({ price: r.price, bonus }), isActive: r.is_active, sortOrder: r.sort_order };
}

export type WalletService = ReturnType<typeof createWalletService>;

export function createWalletService(deps: { database: Database; clock: Clock; audit: AuditService; ledger: LedgerService; idempotencyHours: number; timeline?: TimelineSink<Executor> }) {
  const timeline = deps.timeline ?? noTimeline;
  const { database, clock, audit, ledger } = deps;
  const db = database.db;
  const idem = { dialect: database.dialect, clock, ttlHours: deps.idempotencyHours };

  async function settings(trx: Executor, tenantId: string): Promise<WalletSettings> {
    const r = await walletRepo.settings(trx, tenantId);
    return r ? { spendMode: r.spend_mode, refundFee: r.refund_fee_json } : DEFAULT_SETTINGS;
  }

  async function balancesOf(trx: Executor, tenantId: string, memberId: string): Promise<WalletBalances> {
    const rows = await ledger.balances(trx, tenantId, memberId);
    const get = (k: string) => rows.find((r) => r.kind === k && r.refId === '')?.balance ?? 0;
    const principal = get('sv_principal');
    const bonus = get('sv_bonus');
    return { principal, bonus, frozen: get('sv_frozen'), available: principal + bonus };
  }

  async function paidPrincipal(trx: Executor, tenantId: string, memberId: string): Promise<number> {
    return ledger.sumByJournalKinds(trx, tenantId, memberId, 'sv_principal', [SV_JOURNALS.recharge, SV_JOURNALS.opening, SV_JOURNALS.rechargeRefund, SV_JOURNALS.refund]);
  }

  function tokenFor(memberId: string, q: SvRefundQuote): string {
    return sha256Hex(JSON.stringify([memberId, q.refundablePrincipal, q.bonusForfeited, q.fee, q.frozen, q.paid])).slice(0, 32);
  }

  async function quoteIn(trx: Executor, ctx: Ctx, memberId: string): Promise<SvRefundQuoteView> {
    const [bal, s, paid] = await Promise.all([balancesOf(trx, ctx.tenantId, memberId), settings(trx, ctx.tenantId), paidPrincipal(trx, ctx.tenantId, memberId)]);
    const q = quoteSvRefund({ paid: paid + bal.frozen, principal: bal.principal, bonus: bal.bonus, frozen: bal.frozen, fee: s.refundFee });
    return { ...q, memberId, quoteToken: tokenFor(memberId, q) };
  }

  return {
    // ---- settings & packages ----
    async getSettings(ctx: Ctx): Promise<WalletSettings> {
      requirePermission(ctx, 'wallet.read');
      return settings(db, ctx.tenantId);
    },

    async updateSettings(ctx: Ctx, input: WalletSettings): Promise<WalletSettings> {
      requirePermission(ctx, 'wallet.settings');
      return inTransaction(database, async (trx) => {
        const before = await settings(trx, ctx.tenantId);
        await walletRepo.upsertSettings(trx, { tenant_id: ctx.tenantId, spend_mode: input.spendMode, refund_fee_json: toJson(input.refundFee), updated_at: clock.iso() });
        await audit.record(trx, ctx, { action: 'wallet.settings_update', entityType: 'walletSettings', entityId: ctx.tenantId, before, after: input, diff: true });
        return input;
      });
    },

    async listPackages(ctx: Ctx, includeInactive = false): Promise<RechargePackage[]> {
      return (await walletRepo.packages(db, ctx.tenantId, includeInactive)).map(presentPackage);
    },

    async createPackage(ctx: Ctx, input: { name: string; price: number; bonus: BonusRule; bonusPoints: number; sortOrder?: number }): Promise<RechargePackage> {
      requirePermission(ctx, 'wallet.settings');
      return inTransaction(database, async (trx) => {
        const now = clock.iso();
        const row: PackageRow = {
          tenant_id: ctx.tenantId,
          id: newId(ID_PREFIXES.rechargePackage),
          name: input.name,
          price: input.price,
          bonus_type: input.bonus.type,
          bonus_value: input.bonus.type === 'fixed' ? input.bonus.amount : input.bonus.type === 'percent' ? input.bonus.basisPoints : 0,
          bonus_points: input.bonusPoints,
          is_active: true,
          sort_order: input.sortOrder ?? 0,
          created_at: now,
          updated_at: now,
        };
        try {
          await walletRepo.insertPackage(trx, row);
        } catch (err) {
          if (database.dialect.isUniqueViolation(err)) throw WalletErrors.RECHARGE_PACKAGE_NAME_TAKEN({ params: { name: input.name } });
          throw err;
        }
        const pkg = presentPackage(row);
        await audit.record(trx, ctx, { action: 'wallet.package_create', entityType: 'rechargePackage', entityId: row.id, after: pkg });
        return pkg;
      });
    },

    async updatePackage(ctx: Ctx, id: string, patch: { name?: string; isActive?: boolean; sortOrder?: number; bonusPoints?: number }): Promise<RechargePackage> {
      requirePermission(ctx, 'wallet.settings');
      return inTransaction(database, async (trx) => {
        const before = await walletRepo.packageById(trx, ctx.tenantId, id);
        if (!before) throw WalletErrors.RECHARGE_PACKAGE_NOT_FOUND({ details: { id } });
        // Price and bonus are fixed once created: receipts and refunds refer to them. Make a new package instead.
        const next: Partial<PackageRow> = { updated_at: clock.iso() };
        if (patch.name !== undefined) next.name = patch.name;
        if (patch.isActive !== undefined) next.is_active = patch.isActive;
        if (patch.sortOrder !== undefined) next.sort_order = patch.sortOrder;
        if (patch.bonusPoints !== undefined) next.bonus_points = patch.bonusPoints;
        try {
          await walletRepo.updatePackage(trx, ctx.tenantId, id, next);
        } catch (err) {
          if (database.dialect.isUniqueViolation(err)) throw WalletErrors.RECHARGE_PACKAGE_NAME_TAKEN({ params: { name: patch.name } });
          throw err;
        }
        const after = presentPackage({ ...before, ...next });
        await audit.record(trx, ctx, { action: 'wallet.package_update', entityType: 'rechargePackage', entityId: id, before: presentPackage(before), after, diff: true });
        return after;
      });
    },

    /** A package for an order line (active only). */
    async packageForSale(trx: Executor, tenantId: string, id: string): Promise<RechargePackage> {
      const r = await walletRepo.packageById(trx, tenantId, id);
      if (!r) throw WalletErrors.RECHARGE_PACKAGE_NOT_FOUND({ details: { id } });
      if (!r.is_active) throw WalletErrors.RECHARGE_PACKAGE_INACTIVE({ params: { name: r.name } });
      return presentPackage(r);
    },

    // ---- balances ----
    balances: (trx: Executor, tenantId: string, memberId: string) => balancesOf(trx, tenantId, memberId),

    // ---- used by orders (inside the order's transaction) ----
    /** Credit a recharge: principal and bonus as separate sub-balances. */
    creditRecharge(trx: Executor, ctx: Ctx, input: { memberId: string; orderId: string; storeId: string; credit: SvBalances; packageName: string }): Promise<Posting> {
      return ledger.post(trx, ctx, {
        memberId: input.memberId,
        kind: SV_JOURNALS.recharge,
        storeId: input.storeId,
        orderId: input.orderId,
        reason: input.packageName,
        lines: [
          { kind: 'sv_principal', amount: input.credit.principal },
          { kind: 'sv_bonus', amount: input.credit.bonus },
        ],
      });
    },

    /**
     * Opening stored value of an imported member (inside the import's transaction): the principal
     * counts as paid (the refund quote returns it), the bonus as bonus.
     */
    creditOpening(trx: Executor, ctx: Ctx, input: { memberId: string; storeId: string; importJobId: string; principal: number; bonus: number; reason: string }): Promise<Posting> {
      return ledger.post(trx, ctx, {
        memberId: input.memberId,
        kind: SV_JOURNALS.opening,
        storeId: input.storeId,
        reason: input.reason,
        refType: 'importJob',
        refId: input.importJobId,
        lines: [
          { kind: 'sv_principal', amount: input.principal },
          { kind: 'sv_bonus', amount: input.bonus },
        ],
      });
    },

    /** Spend stored value as a tender; principal and bonus drawn by the tenant's mode. */
    async spend(trx: Executor, ctx: Ctx, input: { memberId: string; orderId: string; storeId: string; amount: number }): Promise<{ posting: Posting; split: SvBalances }> {
      const locked = await ledger.lock(trx, ctx, input.memberId, [{ kind: 'sv_principal' }, { kind: 'sv_bonus' }]);
      const bal = { principal: locked.balance('sv_principal'), bonus: locked.balance('sv_bonus') };
      if (bal.principal + bal.bonus < input.amount) {
        throw WalletErrors.STORED_VALUE_INSUFFICIENT({
          params: { available: yuan(bal.principal + bal.bonus), required: yuan(input.amount) },
          details: { available: bal.principal + bal.bonus, required: input.amount },
        });
      }
      const s = await settings(trx, ctx.tenantId);
      const split = splitSpend(bal, input.amount, s.spendMode);
      const posting = await ledger.post(trx, ctx, {
        memberId: input.memberId,
        kind: SV_JOURNALS.spend,
        storeId: input.storeId,
        orderId: input.orderId,
        lines: [
          { kind: 'sv_principal', amount: -split.principal },
          { kind: 'sv_bonus', amount: -split.bonus },
        ],
      });
      return { posting, split };
    },

    /** Give stored value back after an order refund, linked to the entries of the original spend. */
    restitute(trx: Executor, ctx: Ctx, input: { memberId: string; orderId: string; storeId: string; refundId: string; parts: SvBalances; principalEntryId?: string; bonusEntryId?: string }): Promise<Posting> {
      return ledger.post(trx, ctx, {
        memberId: input.memberId,
        kind: SV_JOURNALS.restitution,
        storeId: input.storeId,
        orderId: input.orderId,
        refType: 'refund',
        refId: input.refundId,
        lines: [
          { kind: 'sv_principal', amount: input.parts.principal, refersToEntryId: input.principalEntryId },
          { kind: 'sv_bonus', amount: input.parts.bonus, refersToEntryId: input.bonusEntryId },
        ],
      });
    },

    /** Take back a refunded recharge; fails when the member already spent it. */
    takeBackRecharge(trx: Executor, ctx: Ctx, input: { memberId: string; orderId: string; storeId: string; refundId: string; parts: SvBalances; principalEntryId?: string; bonusEntryId?: string }): Promise<Posting> {
      return ledger.post(trx, ctx, {
        memberId: input.memberId,
        kind: SV_JOURNALS.rechargeRefund,
        storeId: input.storeId,
        orderId: input.orderId,
        refType: 'refund',
        refId: input.refundId,
        lines: [
          { kind: 'sv_principal', amount: -input.parts.principal, refersToEntryId: input.principalEntryId },
          { kind: 'sv_bonus', amount: -input.parts.bonus, refersToEntryId: input.bonusEntryId },
        ],
      });
    },

    // ---- stored-value refund (the order module records the money paid out) ----
    async quoteRefund(ctx: Ctx, memberId: string, trx?: Executor): Promise<SvRefundQuoteView> {
      requirePermission(ctx, 'wallet.refund');
      return quoteIn(trx ?? db, ctx, memberId);
    },

    /**
     * Pay out the refundable principal and forfeit the bonus, exactly as quoted. The accounts are
     * locked first and the quote recomputed: if anything moved since the quote, nothing happens.
     */
    async applyRefund(trx: Executor, ctx: Ctx, input: { memberId: string; quoteToken: string; storeId: string; refundId: string }): Promise<{ quote: SvRefundQuoteView; posting: Posting }> {
      requirePermission(ctx, 'wallet.refund');
      await ledger.lock(trx, ctx, input.memberId, [{ kind: 'sv_principal' }, { kind: 'sv_bonus' }, { kind: 'sv_frozen' }]);
      const quote = await quoteIn(trx, ctx, input.memberId);
      if (quote.quoteToken !== input.quoteToken) throw WalletErrors.SV_REFUND_QUOTE_STALE({ details: { quote } });
      if (quote.refundablePrincipal <= 0 && quote.bonusForfeited <= 0) throw WalletErrors.SV_REFUND_NOTHING();
      const posting = await ledger.post(trx, ctx, {
        memberId: input.memberId,
        kind: SV_JOURNALS.refund,
        storeId: input.storeId,
        refType: 'refund',
        refId: input.refundId,
        reason: quote.fee > 0 ? `fee ${quote.fee}` : null,
        lines: [
          { kind: 'sv_principal', amount: -quote.refundablePrincipal },
          { kind: 'sv_bonus', amount: -quote.bonusForfeited },
        ],
      });
      return { quote, posting };
    },

    // ---- freeze and adjust ----
    async freeze(ctx: Ctx, input: { memberId: string; amount: number; reason: string }, mode: 'freeze' | 'unfreeze'): Promise<WalletBalances> {
      requirePermission(ctx, 'wallet.freeze');
      return inTransaction(database, async (trx) => (await runIdempotent(trx, ctx, idem, async () => {
        const locked = await ledger.lock(trx, ctx, input.memberId, [{ kind: 'sv_principal' }, { kind: 'sv_frozen' }]);
        if (mode === 'freeze' && locked.balance('sv_principal') < input.amount) throw WalletErrors.SV_FREEZE_EXCEEDS({ params: { available: yuan(locked.balance('sv_principal')) } });
        if (mode === 'unfreeze' && locked.balance('sv_frozen') < input.amount) throw WalletErrors.SV_UNFREEZE_EXCEEDS({ params: { frozen: yuan(locked.balance('sv_frozen')) } });
        const sign = mode === 'freeze' ? 1 : -1;
        const posting = await ledger.post(trx, ctx, {
          memberId: input.memberId,
          kind: mode === 'freeze' ? SV_JOURNALS.freeze : SV_JOURNALS.unfreeze,
          reason: input.reason,
          lines: [
            { kind: 'sv_principal', amount: -sign * input.amount },
            { kind: 'sv_frozen', amount: sign * input.amount },
          ],
        });
        await audit.record(trx, ctx, { action: `wallet.${mode}`, entityType: 'member', entityId: input.memberId, after: { amount: input.amount, reason: input.reason, journalId: posting.journalId } });
        await timeline(trx, ctx, { memberId: input.memberId, kind: mode === 'freeze' ? 'stored_value.frozen' : 'stored_value.unfrozen', refType: 'journal', refId: posting.journalId, summary: { amount: input.amount, reason: input.reason } });
        return balancesOf(trx, ctx.tenantId, input.memberId);
      })).value);
    },

    /** A manual correction with a reason; needs its own permission, is idempotent and audited. */
    async adjust(ctx: Ctx, input: { memberId: string; principal: number; bonus: number; reason: string }): Promise<{ value: { id: string; balances: WalletBalances }; replayed: boolean }> {
      requirePermission(ctx, 'wallet.adjust');
      if (input.principal === 0 && input.bonus === 0) throw WalletErrors.SV_ADJUSTMENT_EMPTY();
      return inTransaction(database, (trx) =>
        runIdempotent(trx, ctx, idem, async () => {
          const posting = await ledger.post(trx, ctx, {
            memberId: input.memberId,
            kind: SV_JOURNALS.adjust,
            reason: input.reason,
            lines: [
              { kind: 'sv_principal', amount: input.principal },
              { kind: 'sv_bonus', amount: input.bonus },
            ],
          });
          await audit.record(trx, ctx, { action: 'wallet.adjust', entityType: 'member', entityId: input.memberId, after: { principal: input.principal, bonus: input.bonus, reason: input.reason, journalId: posting.journalId } });
          await timeline(trx, ctx, { memberId: input.memberId, kind: 'stored_value.adjusted', refType: 'journal', refId: posting.journalId, summary: { principal: input.principal, bonus: input.bonus, reason: input.reason } });
          return { id: posting.journalId, balances: await balancesOf(trx, ctx.tenantId, input.memberId) };
        }),
      );
    },
  };
}
