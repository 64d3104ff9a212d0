import { type Executor, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import type { CardKind, CardTerms, FamilyPolicy, FreezePolicy, RefundPolicy, TransferPolicy, UpgradePolicy, UseKey } from '../../db/schema';
import { type Ctx, requirePermission, requireStoreAccess } from '../../shared/context';
import { ID_PREFIXES, newId } from '../../shared/ids';
import { CardErrors } from './card.errors';
import { activationAtSale, addDays, expiryFor, prepayWarnings, validityMonths } from './card.rules';
import type { CardKit } from './card.kit';
import { cardRepo } from './card.repo';
import type { CardSettings } from './card.types';
import { type ProductRow, productRepo } from './product.repo';
import type { CardProductCreate, CardProductUpdate, CardProductView, CardSettingsView, SalePreview } from './product.schemas';
import { termsLines } from './terms.rules';

/**
 * Card products (卡项): what a card contains, what it pays for, where it is sold and used, and its
 * freeze / transfer / refund / family / upgrade rules; card settings; the sale preview the
 * cashier shows before adding a card to an order (expiry, training-school warnings, terms).
 */
function defaultFreeze(kind: CardKind, validity: CardProductCreate['validity']): FreezePolicy {
  const months = validity ? validityMonths(validity) : 12;
  const total = months <= 1 ? 5 : months <= 3 ? 15 : months <= 6 ? 30 : 60;
  return { isAllowed: kind !== 'trial', minDays: 1, maxDays: Math.min(30, total), maxTimes: 3, maxTotalDays: total, fee: 0, noticeDays: 0, isExpiryExtended: true, isAutoUnfreezeOnUse: true };
}
const defaultTransfer = (kind: CardKind): TransferPolicy => ({ isAllowed: kind !== 'trial', fee: 0, maxTimes: 1 });
const defaultRefund = (kind: CardKind): RefundPolicy => ({ isAllowed: kind !== 'trial', formula: 'proportional', unitListPrice: null, deductionCapBp: 10_000, feeFixed: 0, feeBp: 0, isAllowedAfterExpiry: false });
const DEFAULT_FAMILY: FamilyPolicy = { isAllowed: false, maxMembers: 0 };
const DEFAULT_UPGRADE: UpgradePolicy = { windowDays: null, toProductIds: [] };

export function productTerms(p: ProductRow, coverage: UseKey[]): CardTerms {
  return {
    kind: p.kind,
    sessions: p.sessions,
    sessionUnit: p.session_unit,
    validity: p.validity_unit && p.validity_count ? { unit: p.validity_unit, count: p.validity_count } : null,
    perDayCap: p.per_day_cap,
    perWeekCap: p.per_week_cap,
    coachLevel: p.coach_level,
    coverage,
    storeScope: p.store_scope,
    activationMode: p.activation_mode,
    activationDeadlineDays: p.activation_deadline_days,
    freeze: p.freeze_policy_json,
    transfer: p.transfer_policy_json,
    refund: p.refund_policy_json,
    family: p.family_policy_json,
    upgrade: p.upgrade_policy_json,
    refundTermsText: p.refund_terms_text,
  };
}

export type ProductsService = ReturnType<typeof createProductsService>;

export function createProductsService(kit: CardKit) {
  const { db } = kit;
  const { audit, clock } = { audit: kit.deps.audit, clock: kit.clock };

  async function present(x: Executor, ctx: Ctx, rows: ProductRow[]): Promise<CardProductView[]> {
    const ids = rows.map((r) => r.id);
    const [coverage, stores] = await Promise.all([productRepo.coverageOf(x, ctx.tenantId, ids), productRepo.saleStoresOf(x, ctx.tenantId, ids)]);
    return rows.map((p) => {
      const t = productTerms(
        p,
        coverage.filter((c) => c.product_id === p.id).map((c) => ({ type: c.key_type, id: c.key_id })),
      );
      return {
        id: p.id,
        kind: p.kind,
        name: p.name,
        description: p.description,
        price: p.price,
        sessions: p.sessions,
        sessionUnit: p.session_unit,
        validity: t.validity,
        perDayCap: p.per_day_cap,
        perWeekCap: p.per_week_cap,
        coachLevel: p.coach_level,
        coverage: t.coverage,
        storeScope: p.store_scope,
        saleStoreIds: p.is_all_sale_stores ? null : stores.filter((s) => s.product_id === p.id).map((s) => s.store_id),
        activationMode: p.activation_mode,
        activationDeadlineDays: p.activation_deadline_days,
        freezePolicy: t.freeze,
        transferPolicy: t.transfer,
        refundPolicy: t.refund,
        familyPolicy: t.family,
        upgradePolicy: t.upgrade,
        saleLimitPerMember: p.sale_limit_per_member,
        isTierDiscountable: p.is_tier_discountable,
        isPointsPayable: p.is_points_payable,
        isStoredValuePayable: p.is_stored_value_payable,
        refundTermsText: p.refund_terms_text,
        isActive: p.is_active,
        sortOrder: p.sort_order,
        createdAt: p.created_at,
        updatedAt: p.updated_at,
      };
    });
  }

  /** A product's shape must make sense for its kind (session cards have sessions, time cards a validity …). */
  async function validate(x: Executor, ctx: Ctx, kind: CardKind, v: { sessions: number | null; validity: CardProductCreate['validity'] | null; coverage: UseKey[]; saleStoreIds: string[] | null; upgrade: UpgradePolicy; activationMode: string; activationDeadlineDays: number | null }, selfId?: string): Promise<void> {
    const bad = (reason: { 'zh-CN': string; en: string }, path: string) => CardErrors.CARD_PRODUCT_INVALID({ params: { reason: reason[ctx.locale] }, details: { path } });
    if ((kind === 'count' || kind === 'private') && v.sessions === null) throw bad({ 'zh-CN': '次卡和私教课包需要填写次数', en: 'count cards and private-lesson packages need sessions' }, 'sessions');
    if (kind === 'time' && v.sessions !== null) throw bad({ 'zh-CN': '时间卡不限次数,请不要填写次数', en: 'time cards have no sessions' }, 'sessions');
    if (kind === 'time' && !v.validity) throw bad({ 'zh-CN': '时间卡需要填写有效期', en: 'time cards need a validity' }, 'validity');
    if (kind === 'trial' && v.sessions === null && !v.validity) throw bad({ 'zh-CN': '体验卡需要次数或有效期', en: 'trial cards need sessions or a validity' }, 'sessions');
    if (v.activationMode === 'first_use' && v.activationDeadlineDays === 0) throw bad({ 'zh-CN': '首次使用开卡的自动开卡天数需大于 0', en: 'the automatic start of first-use cards must be at least a day after sale' }, 'activationDeadlineDays');
    if (new Set(v.coverage.map((k) => `${k.type}:${k.id}`)).size !== v.coverage.length) throw bad({ 'zh-CN': '适用项目重复', en: 'coverage lists an item twice' }, 'coverage');
    if (v.saleStoreIds?.length) {
      const found = await kit.deps.org.storesByIds(ctx.tenantId, v.saleStoreIds, x);
      if (found.length !== new Set(v.saleStoreIds).size) throw bad({ 'zh-CN': '销售门店不存在', en: 'a sale store does not exist' }, 'saleStoreIds');
    }
    if (v.upgrade.toProductIds.length) {
      const found = await productRepo.byIds(x, ctx.tenantId, v.upgrade.toProductIds);
      if (found.length !== new Set(v.upgrade.toProductIds).size || v.upgrade.toProductIds.includes(selfId ?? '')) throw bad({ 'zh-CN': '可升级的卡项不存在', en: 'an upgrade target does not exist' }, 'upgradePolicy.toProductIds');
    }
  }

  async function requireProduct(x: Executor, ctx: Ctx, id: string): Promise<ProductRow> {
    const p = await productRepo.byId(x, ctx.tenantId, id);
    if (!p) throw CardErrors.CARD_PRODUCT_NOT_FOUND({ details: { productId: id } });
    return p;
  }

  async function coverageOf(x: Executor, tenantId: string, productId: string): Promise<UseKey[]> {
    return (await productRepo.coverageOf(x, tenantId, [productId])).map((c) => ({ type: c.key_type, id: c.key_id }));
  }

  return {
    requireProduct,
    coverageOf,
    present,

    async list(ctx: Ctx, f: { kind?: CardKind; includeInactive: boolean; coversType?: UseKey['type']; coversId?: string }): Promise<CardProductView[]> {
      requirePermission(ctx, 'card.read');
      const covering = f.coversType ? await productRepo.productIdsCovering(db, ctx.tenantId, { type: f.coversType, id: f.coversId ?? '' }) : null;
      return present(db, ctx, await productRepo.list(db, ctx.tenantId, { kind: f.kind, includeInactive: f.includeInactive, coveringProductIds: covering }));
    },

    async get(ctx: Ctx, id: string): Promise<CardProductView> {
      requirePermission(ctx, 'card.read');
      return (await present(db, ctx, [await requireProduct(db, ctx, id)]))[0];
    },

    async create(ctx: Ctx, input: CardProductCreate): Promise<CardProductView> {
      requirePermission(ctx, 'card.product.manage');
      const kind = input.kind;
      const sessions = input.sessions ?? null;
      const validity = input.validity ?? null;
      const upgrade = input.upgradePolicy ?? DEFAULT_UPGRADE;
      const activationMode = input.activationMode ?? 'purchase';
      const activationDeadlineDays = input.activationDeadlineDays ?? null;
      const id = newId(ID_PREFIXES.cardProduct);
      await inTransaction(kit.deps.database, async (trx) => {
        await validate(trx, ctx, kind, { sessions, validity, coverage: input.coverage, saleStoreIds: input.saleStoreIds ?? null, upgrade, activationMode, activationDeadlineDays });
        const now = clock.iso();
        await productRepo.insert(trx, {
          tenant_id: ctx.tenantId,
          id,
          kind,
          name: input.name,
          description: input.description ?? null,
          price: input.price,
          sessions,
          session_unit: input.sessionUnit ?? 'session',
          validity_unit: validity?.unit ?? null,
          validity_count: validity?.count ?? null,
          per_day_cap: input.perDayCap ?? null,
          per_week_cap: input.perWeekCap ?? null,
          coach_level: input.coachLevel ?? null,
          store_scope: input.storeScope ?? 'issuing_store',
          is_all_sale_stores: !input.saleStoreIds,
          activation_mode: activationMode,
          activation_deadline_days: activationDeadlineDays,
          freeze_policy_json: toJson(input.freezePolicy ?? defaultFreeze(kind, validity)),
          transfer_policy_json: toJson(input.transferPolicy ?? defaultTransfer(kind)),
          refund_policy_json: toJson(input.refundPolicy ?? defaultRefund(kind)),
          family_policy_json: toJson(input.familyPolicy ?? DEFAULT_FAMILY),
          upgrade_policy_json: toJson(upgrade),
          sale_limit_per_member: input.saleLimitPerMember !== undefined ? input.saleLimitPerMember : kind === 'trial' ? 1 : null,
          is_tier_discountable: input.isTierDiscountable ?? true,
          is_points_payable: input.isPointsPayable ?? true,
          is_stored_value_payable: input.isStoredValuePayable ?? true,
          refund_terms_text: input.refundTermsText ?? null,
          is_active: input.isActive ?? true,
          sort_order: input.sortOrder ?? 0,
          created_at: now,
          updated_at: now,
        });
        await productRepo.replaceCoverage(trx, ctx.tenantId, id, input.coverage);
        if (input.saleStoreIds) await productRepo.replaceSaleStores(trx, ctx.tenantId, id, [...new Set(input.saleStoreIds)]);
        const [view] = await present(trx, ctx, [(await productRepo.byId(trx, ctx.tenantId, id))!]);
        await audit.record(trx, ctx, { action: 'card.product.create', entityType: 'card_product', entityId: id, after: view });
      });
      return this.get(ctx, id);
    },

    /** Edits apply to cards sold from now on; sold cards keep the terms they were sold on. */
    async update(ctx: Ctx, id: string, patch: CardProductUpdate): Promise<CardProductView> {
      requirePermission(ctx, 'card.product.manage');
      await inTransaction(kit.deps.database, async (trx) => {
        const p = await requireProduct(trx, ctx, id);
        const [before] = await present(trx, ctx, [p]);
        const sessions = patch.sessions !== undefined ? patch.sessions : p.sessions;
        const validity = patch.validity !== undefined ? patch.validity : before.validity;
        const coverage = patch.coverage ?? before.coverage;
        const upgrade = patch.upgradePolicy ?? before.upgradePolicy;
        const activationMode = patch.activationMode ?? p.activation_mode;
        const activationDeadlineDays = patch.activationDeadlineDays !== undefined ? patch.activationDeadlineDays : p.activation_deadline_days;
        await validate(trx, ctx, p.kind, { sessions, validity, coverage, saleStoreIds: patch.saleStoreIds !== undefined ? patch.saleStoreIds : null, upgrade, activationMode, activationDeadlineDays }, id);
        await productRepo.update(trx, ctx.tenantId, id, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.price !== undefined ? { price: patch.price } : {}),
          sessions,
          ...(patch.sessionUnit !== undefined ? { session_unit: patch.sessionUnit } : {}),
          validity_unit: validity?.unit ?? null,
          validity_count: validity?.count ?? null,
          ...(patch.perDayCap !== undefined ? { per_day_cap: patch.perDayCap } : {}),
          ...(patch.perWeekCap !== undefined ? { per_week_cap: patch.perWeekCap } : {}),
          ...(patch.coachLevel !== undefined ? { coach_level: patch.coachLevel } : {}),
          ...(patch.storeScope !== undefined ? { store_scope: patch.storeScope } : {}),
          ...(patch.saleStoreIds !== undefined ? { is_all_sale_stores: patch.saleStoreIds === null } : {}),
          activation_mode: activationMode,
          activation_deadline_days: activationDeadlineDays,
          ...(patch.freezePolicy ? { freeze_policy_json: toJson(patch.freezePolicy) } : {}),
          ...(patch.transferPolicy ? { transfer_policy_json: toJson(patch.transferPolicy) } : {}),
          ...(patch.refundPolicy ? { refund_policy_json: toJson(patch.refundPolicy) } : {}),
          ...(patch.familyPolicy ? { family_policy_json: toJson(patch.familyPolicy) } : {}),
          ...(patch.upgradePolicy ? { upgrade_policy_json: toJson(patch.upgradePolicy) } : {}),
          ...(patch.saleLimitPerMember !== undefined ? { sale_limit_per_member: patch.saleLimitPerMember } : {}),
          ...(patch.isTierDiscountable !== undefined ? { is_tier_discountable: patch.isTierDiscountable } : {}),
          ...(patch.isPointsPayable !== undefined ? { is_points_payable: patch.isPointsPayable } : {}),
          ...(patch.isStoredValuePayable !== undefined ? { is_stored_value_payable: patch.isStoredValuePayable } : {}),
          ...(patch.refundTermsText !== undefined ? { refund_terms_text: patch.refundTermsText } : {}),
          ...(patch.isActive !== undefined ? { is_active: patch.isActive } : {}),
          ...(patch.sortOrder !== undefined ? { sort_order: patch.sortOrder } : {}),
          updated_at: clock.iso(),
        });
        if (patch.coverage) await productRepo.replaceCoverage(trx, ctx.tenantId, id, patch.coverage);
        if (patch.saleStoreIds !== undefined) await productRepo.replaceSaleStores(trx, ctx.tenantId, id, [...new Set(patch.saleStoreIds ?? [])]);
        const [after] = await present(trx, ctx, [(await productRepo.byId(trx, ctx.tenantId, id))!]);
        await audit.record(trx, ctx, { action: 'card.product.update', entityType: 'card_product', entityId: id, before, after, diff: true });
      });
      return this.get(ctx, id);
    },

    /**
     * What the cashier shows before adding a card to an order: price, when it starts and ends,
     * training-school warnings, the member's sale limit, and the terms to print and sign.
     */
    async salePreview(ctx: Ctx, id: string, req: { storeId: string; memberId?: string | null; activateOn?: string | null }): Promise<SalePreview> {
      requirePermission(ctx, 'card.read');
      const p = await requireProduct(db, ctx, id);
      requireStoreAccess(ctx, req.storeId);
      await kit.store(db, ctx, req.storeId);
      const t = productTerms(p, await coverageOf(db, ctx.tenantId, id));
      const today = await kit.today(ctx.tenantId);
      const s = await kit.settings(db, ctx.tenantId);
      const activateOn = t.activationMode === 'date' ? (req.activateOn ?? today) : null;
      const activatedOn = activationAtSale(t.activationMode, today, activateOn);
      const activateBy = t.activationMode === 'first_use' && t.activationDeadlineDays !== null ? addDays(today, t.activationDeadlineDays) : null;
      const start = activatedOn ?? activateOn ?? today;
      let count = 0;
      if (req.memberId) {
        if (!(await kit.deps.people.member(db, ctx, req.memberId))) throw CardErrors.CARD_MEMBER_NOT_FOUND({ details: { memberId: req.memberId } });
        count = await cardRepo.salesOfProduct(db, ctx.tenantId, req.memberId, id);
      }
      return {
        productId: p.id,
        name: p.name,
        price: p.price,
        activation: { mode: t.activationMode, activatedOn, activateOn, activateBy, expiresOn: t.validity ? expiryFor(start, t.validity) : null },
        warnings: prepayWarnings(t, s).map((w) => ({ code: w.code, message: w.message[ctx.locale] })),
        saleLimit: { limit: p.sale_limit_per_member, count, isReached: p.sale_limit_per_member !== null && count >= p.sale_limit_per_member },
        terms: termsLines(t, ctx.locale, [s.refundTermsText]),
        orderLine: { kind: 'card', itemId: p.id, quantity: 1, options: activateOn && activateOn !== today ? { activateOn } : {} },
      };
    },

    async getSettings(ctx: Ctx): Promise<CardSettingsView> {
      requirePermission(ctx, 'card.read');
      return kit.settings(db, ctx.tenantId);
    },

    async putSettings(ctx: Ctx, v: CardSettings): Promise<CardSettingsView> {
      requirePermission(ctx, 'card.settings');
      await inTransaction(kit.deps.database, async (trx) => {
        const before = await kit.settings(trx, ctx.tenantId);
        await productRepo.upsertSettings(trx, {
          tenant_id: ctx.tenantId,
          expiry_reminder_days_json: toJson([...v.expiryReminderDays].sort((a, b) => b - a)),
          low_sessions_threshold: v.lowSessionsThreshold,
          expiring_within_days: v.expiringWithinDays,
          is_training_school: v.isTrainingSchool,
          prepay_max_months: v.prepayMaxMonths,
          prepay_max_hours: v.prepayMaxHours,
          refund_terms_text: v.refundTermsText,
          updated_at: clock.iso(),
        });
        await audit.record(trx, ctx, { action: 'card.settings.update', entityType: 'card_settings', entityId: ctx.tenantId, before, after: v, diff: true });
      });
      return kit.settings(db, ctx.tenantId);
    },
  };
}
