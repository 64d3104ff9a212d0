import { type Ctx, requirePermission, requireStoreAccess } from '../../shared/context';
import type { CardKit } from './card.kit';

/**
 * Card reports over business days: the inter-store settlement per store pair (what the store
 * that sold a card owes the stores where its sessions were consumed, reversals netted), card
 * revenue recognised per store and kind, and the write-off of expired sessions.
 */
export function createReportsService(kit: CardKit) {
  const { db } = kit;

  /** Stores the caller may see (a report filtered to one store needs that store in scope). */
  function scopeOf(ctx: Ctx, storeId?: string): string[] | null {
    if (storeId) {
      requireStoreAccess(ctx, storeId);
      return [storeId];
    }
    return ctx.storeScope.all ? null : [...ctx.storeScope.storeIds];
  }

  /** The period asked for, by default this month up to today (business days of the tenant). */
  async function period(ctx: Ctx, q: { from?: string; to?: string }): Promise<{ from: string; to: string }> {
    const today = await kit.today(ctx.tenantId);
    return { from: q.from ?? `${(q.to ?? today).slice(0, 8)}01`, to: q.to ?? today };
  }

  async function storeNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
    return new Map((await kit.deps.org.storesByIds(ctx.tenantId, [...new Set(ids)], db)).map((s) => [s.id, s.name]));
  }

  return {
    async settlements(ctx: Ctx, asked: { from?: string; to?: string; storeId?: string }) {
      requirePermission(ctx, 'card.report');
      const q = { ...asked, ...(await period(ctx, asked)) };
      const scope = scopeOf(ctx, q.storeId);
      let query = db
        .selectFrom('card_settlements')
        .select(['issuing_store_id', 'consuming_store_id', (eb) => eb.fn.sum<number>('amount').as('amount'), (eb) => eb.fn.sum<number>(eb.case().when('reverses_settlement_id', 'is', null).then(1).else(-1).end()).as('uses')])
        .where('tenant_id', '=', ctx.tenantId)
        .where('business_date', '>=', q.from)
        .where('business_date', '<=', q.to);
      if (scope) query = query.where((eb) => eb.or([eb('issuing_store_id', 'in', scope), eb('consuming_store_id', 'in', scope)]));
      const rows = (await query.groupBy(['issuing_store_id', 'consuming_store_id']).execute()).map((r) => ({ issuing: r.issuing_store_id, consuming: r.consuming_store_id, amount: Number(r.amount ?? 0), uses: Number(r.uses ?? 0) }));
      const names = await storeNames(ctx, rows.flatMap((r) => [r.issuing, r.consuming]));
      const pairs = rows
        .filter((r) => r.amount !== 0 || r.uses !== 0)
        .map((r) => ({ issuingStoreId: r.issuing, issuingStoreName: names.get(r.issuing) ?? r.issuing, consumingStoreId: r.consuming, consumingStoreName: names.get(r.consuming) ?? r.consuming, uses: r.uses, amount: r.amount }))
        .sort((a, b) => (a.issuingStoreName + a.consumingStoreName).localeCompare(b.issuingStoreName + b.consumingStoreName));
      // Net per unordered pair: positive means store A owes store B.
      const net = new Map<string, number>();
      for (const r of rows) {
        const [a, b] = [r.issuing, r.consuming].sort();
        const k = `${a}|${b}`;
        net.set(k, (net.get(k) ?? 0) + (r.issuing === a ? r.amount : -r.amount));
      }
      return {
        from: q.from,
        to: q.to,
        pairs,
        net: [...net.entries()].filter(([, v]) => v !== 0).map(([k, amount]) => {
          const [storeA, storeB] = k.split('|');
          return { storeA, storeB, storeAName: names.get(storeA) ?? storeA, storeBName: names.get(storeB) ?? storeB, amount };
        }),
        total: rows.reduce((s, r) => s + r.amount, 0),
      };
    },

    async revenue(ctx: Ctx, asked: { from?: string; to?: string; storeId?: string }) {
      requirePermission(ctx, 'card.report');
      const q = { ...asked, ...(await period(ctx, asked)) };
      const scope = scopeOf(ctx, q.storeId);
      let query = db
        .selectFrom('card_revenue')
        .select(['store_id', 'kind', (eb) => eb.fn.sum<number>('amount').as('amount')])
        .where('tenant_id', '=', ctx.tenantId)
        .where('business_date', '>=', q.from)
        .where('business_date', '<=', q.to);
      if (scope) query = query.where('store_id', 'in', scope.length ? scope : ['']);
      const rows = await query.groupBy(['store_id', 'kind']).execute();
      const names = await storeNames(ctx, rows.map((r) => r.store_id));
      const byStore = new Map<string, { consumption: number; expiry: number; refundRetained: number; cancel: number }>();
      for (const r of rows) {
        const e = byStore.get(r.store_id) ?? { consumption: 0, expiry: 0, refundRetained: 0, cancel: 0 };
        const v = Number(r.amount ?? 0);
        if (r.kind === 'consumption' || r.kind === 'consumption_reversal') e.consumption += v;
        else if (r.kind === 'expiry') e.expiry += v;
        else if (r.kind === 'refund_retained') e.refundRetained += v;
        else e.cancel += v;
        byStore.set(r.store_id, e);
      }
      const stores = [...byStore.entries()].map(([storeId, e]) => ({ storeId, storeName: names.get(storeId) ?? storeId, ...e, total: e.consumption + e.expiry + e.refundRetained + e.cancel }));
      return { from: q.from, to: q.to, stores: stores.sort((a, b) => a.storeName.localeCompare(b.storeName)), total: stores.reduce((s, x) => s + x.total, 0) };
    },

    async writeoffs(ctx: Ctx, asked: { from?: string; to?: string; storeId?: string }) {
      requirePermission(ctx, 'card.report');
      const q = { ...asked, ...(await period(ctx, asked)) };
      const scope = scopeOf(ctx, q.storeId);
      let query = db
        .selectFrom('card_writeoffs as w')
        .innerJoin('member_cards as c', (j) => j.onRef('c.tenant_id', '=', 'w.tenant_id').onRef('c.id', '=', 'w.card_id'))
        .select(['w.id', 'w.card_id', 'c.card_no', 'c.name', 'w.member_id', 'w.store_id', 'w.sessions', 'w.value', 'w.reason', 'w.business_date'])
        .where('w.tenant_id', '=', ctx.tenantId)
        .where('w.business_date', '>=', q.from)
        .where('w.business_date', '<=', q.to);
      if (scope) query = query.where('w.store_id', 'in', scope.length ? scope : ['']);
      const rows = await query.orderBy('w.business_date').orderBy('w.id').limit(10_000).execute();
      const names = await kit.deps.people.names(db, ctx, rows.map((r) => r.member_id));
      return {
        from: q.from,
        to: q.to,
        items: rows.map((r) => ({ id: r.id, cardId: r.card_id, cardNo: r.card_no, cardName: r.name, memberId: r.member_id, memberName: names.get(r.member_id)?.name ?? null, storeId: r.store_id, sessions: r.sessions, value: r.value, reason: r.reason, businessDate: r.business_date })),
        totals: { cards: new Set(rows.map((r) => r.card_id)).size, sessions: rows.reduce((s, r) => s + r.sessions, 0), value: rows.reduce((s, r) => s + r.value, 0) },
      };
    },
  };
}
