import { type Executor, type Tx, inTransaction } from '../../db/database';
import { toJson } from '../../db/dialect';
import { runIdempotent } from '../../db/idempotency';
import { enqueueEvents } from '../../db/outbox';
import type { CardStatus, CardTerms } from '../../db/schema';
import { type Ctx, canAccessStore } from '../../shared/context';
import { AppError, CommonErrors } from '../../shared/errors';
import { ID_PREFIXES, newId } from '../../shared/ids';
import type { Locale } from '../../shared/i18n';
import { formatYuan } from '../../shared/money';
import { OrgErrors } from '../org';
import { CardErrors } from './card.errors';
import { type CardRow, cardRepo } from './card.repo';
import { type CardDeps, type CardSettings, DEFAULT_CARD_SETTINGS } from './card.types';
import { productRepo } from './product.repo';
import { storeAllowed } from './use.rules';

/**
 * What the card services share: loading and locking cards, the caller's right to act on one,
 * postings of sessions and days to the ledger, history, rule problems as localised errors.
 */
export const STATUS_NAMES: Record<CardStatus, Record<Locale, string>> = {
  pending: { 'zh-CN': '待开卡', en: 'pending activation' },
  active: { 'zh-CN': '使用中', en: 'active' },
  expiring: { 'zh-CN': '即将到期', en: 'expiring' },
  expired: { 'zh-CN': '已过期', en: 'expired' },
  frozen: { 'zh-CN': '停卡中', en: 'frozen' },
  transferred: { 'zh-CN': '已转让', en: 'transferred' },
  refunded: { 'zh-CN': '已退卡', en: 'refunded' },
  cancelled: { 'zh-CN': '已注销', en: 'cancelled' },
};

/** Ledger journal kinds of card assets. */
export const CARD_JOURNALS = {
  issue: 'card_issue',
  activate: 'card_activate',
  consume: 'card_consume',
  freeze: 'card_freeze',
  unfreeze: 'card_unfreeze',
  adjust: 'card_adjust',
  upgrade: 'card_upgrade',
  transferOut: 'card_transfer_out',
  transferIn: 'card_transfer_in',
  refund: 'card_refund',
  cancel: 'card_cancel',
  writeoff: 'card_writeoff',
} as const;

export type CardKit = ReturnType<typeof createCardKit>;

export function createCardKit(deps: CardDeps) {
  const { database, clock, people } = deps;
  const db = database.db;
  const d = database.dialect;
  const idem = { dialect: d, clock, ttlHours: deps.idempotencyHours };

  const statusName = (ctx: Ctx, s: CardStatus) => STATUS_NAMES[s][ctx.locale];

  /** A rule problem (`{ code, …params }`) as its localised error; statuses and money read as words. */
  function problem(ctx: Ctx, p: { code: string } & Record<string, unknown>): AppError {
    const { code, ...rest } = p;
    const params: Record<string, unknown> = { ...rest };
    if (typeof rest.status === 'string' && rest.status in STATUS_NAMES) params.status = statusName(ctx, rest.status as CardStatus);
    for (const k of ['fee', 'amount']) if (typeof rest[k] === 'number') params[k] = `¥${formatYuan(rest[k] as number)}`;
    const factory = (CardErrors as unknown as Record<string, (o: { params?: Record<string, unknown>; details?: unknown }) => AppError>)[code];
    if (!factory) throw new Error(`unmapped card problem ${code}`);
    return factory({ params, details: rest });
  }

  async function settings(x: Executor, tenantId: string): Promise<CardSettings> {
    const r = await productRepo.settings(x, tenantId);
    if (!r) return DEFAULT_CARD_SETTINGS;
    return {
      expiryReminderDays: r.expiry_reminder_days_json,
      lowSessionsThreshold: r.low_sessions_threshold,
      expiringWithinDays: r.expiring_within_days,
      isTrainingSchool: r.is_training_school,
      prepayMaxMonths: r.prepay_max_months,
      prepayMaxHours: r.prepay_max_hours,
      refundTermsText: r.refund_terms_text,
    };
  }

  async function requireCard(x: Executor, ctx: Ctx, cardId: string, opts: { lock?: boolean } = {}): Promise<CardRow> {
    const c = opts.lock ? await cardRepo.lock(x, d, ctx.tenantId, cardId) : await cardRepo.byId(x, ctx.tenantId, cardId);
    if (!c) throw CardErrors.CARD_NOT_FOUND({ details: { cardId } });
    return c;
  }

  async function store(x: Executor, ctx: Ctx, storeId: string) {
    const [s] = await deps.org.storesByIds(ctx.tenantId, [storeId], x);
    if (!s) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId } });
    return s;
  }

  /**
   * Acting on a card: staff of the store that sold it, or of the store the request comes from
   * when the card is valid there (a chain card served at another store).
   */
  async function requireCardAccess(x: Executor, ctx: Ctx, card: CardRow): Promise<void> {
    if (canAccessStore(ctx, card.store_id)) return;
    if (ctx.storeId && canAccessStore(ctx, ctx.storeId)) {
      const here = await store(x, ctx, ctx.storeId);
      if (storeAllowed(card.terms_json.storeScope, card.store_id, card.region_id, here.id, here.regionId)) return;
    }
    throw CommonErrors.STORE_OUT_OF_SCOPE({ details: { storeId: card.store_id } });
  }

  /** Post sessions and/or days of a card to its holder's ledger; returns the journal (null when nothing moved). */
  async function post(
    trx: Executor,
    ctx: Ctx,
    card: Pick<CardRow, 'id' | 'member_id' | 'store_id'>,
    p: { kind: string; sessions?: number; days?: number; memberId?: string; orderId?: string | null; reason?: string | null; storeId?: string | null; reversesEntries?: { sessions?: string; days?: string } },
  ): Promise<{ journalId: string; sessionsEntryId: string | null; daysEntryId: string | null } | null> {
    const lines = [
      ...(p.sessions ? [{ kind: 'card_sessions' as const, refId: card.id, amount: p.sessions }] : []),
      ...(p.days ? [{ kind: 'card_days' as const, refId: card.id, amount: p.days }] : []),
    ];
    if (!lines.length) return null;
    const posting = await deps.ledger.post(trx, ctx, {
      memberId: p.memberId ?? card.member_id,
      kind: p.kind,
      storeId: p.storeId ?? ctx.storeId ?? card.store_id,
      orderId: p.orderId ?? null,
      refType: 'member_card',
      refId: card.id,
      reason: p.reason ?? null,
      lines,
    });
    return {
      journalId: posting.journalId,
      sessionsEntryId: posting.entries.find((e) => e.kind === 'card_sessions')?.id ?? null,
      daysEntryId: posting.entries.find((e) => e.kind === 'card_days')?.id ?? null,
    };
  }

  /** Record what happened to a card: its history, the holder's timeline and (optionally) an outbox event — all in the caller's transaction. */
  async function history(
    trx: Executor,
    ctx: Ctx,
    card: Pick<CardRow, 'id' | 'root_card_id' | 'member_id' | 'card_no' | 'name' | 'store_id'>,
    kind: string,
    summary: Record<string, unknown>,
    opts: { orderId?: string | null; storeId?: string | null; topic?: string; timeline?: boolean } = {},
  ): Promise<void> {
    const now = clock.iso();
    const storeId = opts.storeId ?? ctx.storeId ?? card.store_id;
    await cardRepo.insertEvent(trx, {
      tenant_id: ctx.tenantId,
      id: newId(ID_PREFIXES.cardEvent),
      card_id: card.id,
      root_card_id: card.root_card_id,
      member_id: card.member_id,
      kind,
      summary_json: toJson(summary),
      order_id: opts.orderId ?? null,
      store_id: storeId,
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      created_at: now,
    });
    if (opts.timeline !== false) {
      await people.timeline(trx, ctx, { memberId: card.member_id, kind: `card.${kind}`, refType: 'member_card', refId: card.id, storeId, summary: { cardNo: card.card_no, name: card.name, ...summary } });
    }
    if (opts.topic) await enqueueEvents(trx, ctx.tenantId, now, [{ topic: opts.topic, payload: { cardId: card.id, cardNo: card.card_no, memberId: card.member_id, ...summary } }]);
  }

  /** Run a card change exactly once per Idempotency-Key; the change returns the card id it touched. */
  async function idempotent<T>(ctx: Ctx, fn: (trx: Tx) => Promise<T>): Promise<{ value: T; replayed: boolean }> {
    const r = await inTransaction(database, (trx) => runIdempotent(trx, ctx, idem, () => fn(trx)));
    return { value: r.value, replayed: r.replayed };
  }

  return {
    deps,
    db,
    d,
    idem,
    clock,
    statusName,
    problem,
    settings,
    requireCard,
    requireCardAccess,
    store,
    post,
    history,
    idempotent,
    today: (tenantId: string, x?: Executor) => deps.businessDate(tenantId, clock.now(), x),
    dateOf: (tenantId: string, at: Date, x?: Executor) => deps.businessDate(tenantId, at, x),
    terms: (c: CardRow): CardTerms => c.terms_json,
  };
}
