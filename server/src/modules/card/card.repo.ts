import { type Insertable, type Selectable, type Updateable, sql } from 'kysely';
import type { Executor } from '../../db/database';
import type { Dialect } from '../../db/dialect';
import type {
  CardEventsTable,
  CardFamilyUsersTable,
  CardFreezesTable,
  CardFundingsTable,
  CardHoldsTable,
  CardRevenueTable,
  CardSettlementsTable,
  CardStatus,
  CardUsagesTable,
  CardWriteoffsTable,
  MemberCardsTable,
} from '../../db/schema';

export type CardRow = Selectable<MemberCardsTable>;
export type FundingRow = Selectable<CardFundingsTable>;
export type FreezeRow = Selectable<CardFreezesTable>;
export type FamilyRow = Selectable<CardFamilyUsersTable>;
export type HoldRow = Selectable<CardHoldsTable>;
export type UsageRow = Selectable<CardUsagesTable>;
export type EventRow = Selectable<CardEventsTable>;

const LIVE: CardStatus[] = ['pending', 'active', 'expiring', 'expired', 'frozen'];

/** Member cards and everything that happens to them. Kysely only; every query filters by tenant. */
export const cardRepo = {
  // ---- cards ----
  insert: (db: Executor, row: Insertable<MemberCardsTable>) => db.insertInto('member_cards').values(row).execute(),

  update: (db: Executor, tenantId: string, id: string, patch: Updateable<MemberCardsTable>) =>
    db.updateTable('member_cards').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  byId: (db: Executor, tenantId: string, id: string) => db.selectFrom('member_cards').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),

  /** The card, locked for the rest of the transaction: every change to a card goes through this lock. */
  lock: (db: Executor, d: Dialect, tenantId: string, id: string) => d.forUpdate(db.selectFrom('member_cards').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id)).executeTakeFirst(),

  byIds: (db: Executor, tenantId: string, ids: string[]) =>
    ids.length ? db.selectFrom('member_cards').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : Promise.resolve([] as CardRow[]),

  /** The one card of a transfer chain still standing (not transferred on). */
  liveOfRoot: (db: Executor, tenantId: string, rootId: string) =>
    db.selectFrom('member_cards').selectAll().where('tenant_id', '=', tenantId).where('root_card_id', '=', rootId).where('status', '<>', 'transferred').orderBy('id', 'desc').executeTakeFirst(),

  ofRoot: (db: Executor, tenantId: string, rootId: string) => db.selectFrom('member_cards').selectAll().where('tenant_id', '=', tenantId).where('root_card_id', '=', rootId).orderBy('id').execute(),

  ofMember: (db: Executor, tenantId: string, memberId: string) => db.selectFrom('member_cards').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', memberId).orderBy('id', 'desc').limit(500).execute(),

  /** Usable cards a person may pay with: their own, and cards naming them as family. */
  usableFor: async (db: Executor, tenantId: string, userId: string) => {
    const own = await db.selectFrom('member_cards').selectAll().where('tenant_id', '=', tenantId).where('member_id', '=', userId).where('status', 'in', LIVE).execute();
    const shared = await db
      .selectFrom('member_cards as c')
      .innerJoin('card_family_users as f', (j) => j.onRef('f.tenant_id', '=', 'c.tenant_id').onRef('f.card_id', '=', 'c.id'))
      .selectAll('c')
      .where('c.tenant_id', '=', tenantId)
      .where('f.user_id', '=', userId)
      .where('f.is_active', '=', true)
      .where('c.status', 'in', LIVE)
      .execute();
    return [...own, ...shared];
  },

  sharedWith: (db: Executor, tenantId: string, userId: string) =>
    db
      .selectFrom('member_cards as c')
      .innerJoin('card_family_users as f', (j) => j.onRef('f.tenant_id', '=', 'c.tenant_id').onRef('f.card_id', '=', 'c.id'))
      .selectAll('c')
      .where('c.tenant_id', '=', tenantId)
      .where('f.user_id', '=', userId)
      .orderBy('c.id', 'desc')
      .execute(),

  list: (db: Executor, tenantId: string, f: { memberId?: string; storeIds: string[] | null; status?: CardStatus; productId?: string; expiresBefore?: string; beforeId?: string; limit: number }) => {
    let q = db.selectFrom('member_cards').selectAll().where('tenant_id', '=', tenantId);
    if (f.memberId) q = q.where('member_id', '=', f.memberId);
    if (f.storeIds) q = f.storeIds.length ? q.where('store_id', 'in', f.storeIds) : q.where(sql<boolean>`1 = 0`);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.productId) q = q.where('product_id', '=', f.productId);
    if (f.expiresBefore) q = q.where('expires_on', '<=', f.expiresBefore);
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  },

  /** Cards of a product a member bought (for sale limits such as one trial per member). */
  salesOfProduct: async (db: Executor, tenantId: string, memberId: string, productId: string) => {
    const r = await db
      .selectFrom('member_cards')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('member_id', '=', memberId)
      .where('product_id', '=', productId)
      .where('origin', '=', 'sale')
      .where('status', '<>', 'cancelled')
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },

  nextCardNo: async (db: Executor, tenantId: string, storeId: string): Promise<number> => {
    const r = await db
      .insertInto('card_counters')
      .values({ tenant_id: tenantId, store_id: storeId, last_no: 1 })
      .onConflict((oc) => oc.columns(['tenant_id', 'store_id']).doUpdateSet((eb) => ({ last_no: eb('card_counters.last_no', '+', 1) })))
      .returning('last_no')
      .executeTakeFirstOrThrow();
    return Number(r.last_no);
  },

  // ---- fundings ----
  insertFunding: (db: Executor, row: Insertable<CardFundingsTable>) => db.insertInto('card_fundings').values(row).execute(),
  fundingsOfRoot: (db: Executor, tenantId: string, rootId: string) => db.selectFrom('card_fundings').selectAll().where('tenant_id', '=', tenantId).where('root_card_id', '=', rootId).orderBy('id').execute(),
  fundingByLine: (db: Executor, tenantId: string, lineId: string) => db.selectFrom('card_fundings').selectAll().where('tenant_id', '=', tenantId).where('order_line_id', '=', lineId).executeTakeFirst(),
  addFundingRefund: (db: Executor, tenantId: string, id: string, amount: number) =>
    db.updateTable('card_fundings').set((eb) => ({ refunded_amount: eb('refunded_amount', '+', amount) })).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),

  // ---- freezes ----
  insertFreeze: (db: Executor, row: Insertable<CardFreezesTable>) => db.insertInto('card_freezes').values(row).execute(),
  updateFreeze: (db: Executor, tenantId: string, id: string, patch: Updateable<CardFreezesTable>) => db.updateTable('card_freezes').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  freezesOf: (db: Executor, tenantId: string, cardIds: string[]) =>
    cardIds.length ? db.selectFrom('card_freezes').selectAll().where('tenant_id', '=', tenantId).where('card_id', 'in', cardIds).orderBy('start_on').orderBy('id').execute() : Promise.resolve([] as FreezeRow[]),

  // ---- family ----
  familyOf: (db: Executor, tenantId: string, cardIds: string[]) =>
    cardIds.length ? db.selectFrom('card_family_users').selectAll().where('tenant_id', '=', tenantId).where('card_id', 'in', cardIds).orderBy('created_at').execute() : Promise.resolve([] as FamilyRow[]),
  familyEntry: (db: Executor, tenantId: string, cardId: string, userId: string) =>
    db.selectFrom('card_family_users').selectAll().where('tenant_id', '=', tenantId).where('card_id', '=', cardId).where('user_id', '=', userId).executeTakeFirst(),
  insertFamily: (db: Executor, row: Insertable<CardFamilyUsersTable>) => db.insertInto('card_family_users').values(row).execute(),
  updateFamily: (db: Executor, tenantId: string, cardId: string, userId: string, patch: Updateable<CardFamilyUsersTable>) =>
    db.updateTable('card_family_users').set(patch).where('tenant_id', '=', tenantId).where('card_id', '=', cardId).where('user_id', '=', userId).execute(),
  deleteFamily: (db: Executor, tenantId: string, cardId: string, userId?: string) => {
    let q = db.deleteFrom('card_family_users').where('tenant_id', '=', tenantId).where('card_id', '=', cardId);
    if (userId) q = q.where('user_id', '=', userId);
    return q.execute();
  },

  // ---- holds ----
  insertHold: (db: Executor, row: Insertable<CardHoldsTable>) => db.insertInto('card_holds').values(row).execute(),
  updateHold: (db: Executor, tenantId: string, id: string, patch: Updateable<CardHoldsTable>) => db.updateTable('card_holds').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
  holdById: (db: Executor, tenantId: string, id: string) => db.selectFrom('card_holds').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  holdByKey: (db: Executor, tenantId: string, key: string) => db.selectFrom('card_holds').selectAll().where('tenant_id', '=', tenantId).where('idem_key', '=', key).executeTakeFirst(),
  openHolds: (db: Executor, tenantId: string, cardId: string) =>
    db.selectFrom('card_holds').selectAll().where('tenant_id', '=', tenantId).where('card_id', '=', cardId).where('status', '=', 'held').orderBy('for_date').orderBy('id').execute(),

  // ---- usages ----
  insertUsage: (db: Executor, row: Insertable<CardUsagesTable>) => db.insertInto('card_usages').values(row).execute(),
  usageById: (db: Executor, tenantId: string, id: string) => db.selectFrom('card_usages').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  usageByKey: (db: Executor, tenantId: string, key: string) => db.selectFrom('card_usages').selectAll().where('tenant_id', '=', tenantId).where('idem_key', '=', key).executeTakeFirst(),
  reversalOf: (db: Executor, tenantId: string, usageId: string) => db.selectFrom('card_usages').selectAll().where('tenant_id', '=', tenantId).where('reverses_usage_id', '=', usageId).executeTakeFirst(),
  usagesOf: (db: Executor, tenantId: string, cardId: string, f: { beforeId?: string; limit: number }) => {
    let q = db.selectFrom('card_usages').selectAll().where('tenant_id', '=', tenantId).where('card_id', '=', cardId);
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  },

  /** Uses of a card between two days (inclusive): consumptions net of reversals, plus open holds. */
  usesBetween: async (db: Executor, tenantId: string, cardId: string, from: string, to: string, excludeHoldId?: string): Promise<number> => {
    const used = await db
      .selectFrom('card_usages')
      .select((eb) => eb.fn.sum<number>(eb.case().when('kind', '=', 'consume').then(1).else(-1).end()).as('n'))
      .where('tenant_id', '=', tenantId)
      .where('card_id', '=', cardId)
      .where('for_date', '>=', from)
      .where('for_date', '<=', to)
      .executeTakeFirst();
    let held = db
      .selectFrom('card_holds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('card_id', '=', cardId)
      .where('status', '=', 'held')
      .where('for_date', '>=', from)
      .where('for_date', '<=', to);
    if (excludeHoldId) held = held.where('id', '<>', excludeHoldId);
    const h = await held.executeTakeFirst();
    return Number(used?.n ?? 0) + Number(h?.n ?? 0);
  },

  /** Sessions of open holds per user of a card (for family limits). */
  heldByUser: async (db: Executor, tenantId: string, cardId: string, userId: string, excludeHoldId?: string): Promise<number> => {
    let q = db
      .selectFrom('card_holds')
      .select((eb) => eb.fn.sum<number>('units').as('n'))
      .where('tenant_id', '=', tenantId)
      .where('card_id', '=', cardId)
      .where('user_id', '=', userId)
      .where('status', '=', 'held');
    if (excludeHoldId) q = q.where('id', '<>', excludeHoldId);
    return Number((await q.executeTakeFirst())?.n ?? 0);
  },

  /** Whether revenue was already recognised for a use of this card on a day (unlimited cards recognise a day once). */
  recognisedOn: async (db: Executor, tenantId: string, cardId: string, date: string): Promise<boolean> => {
    const r = await db
      .selectFrom('card_usages')
      .select((eb) => eb.fn.sum<number>('revenue').as('n'))
      .where('tenant_id', '=', tenantId)
      .where('card_id', '=', cardId)
      .where('for_date', '=', date)
      .executeTakeFirst();
    return Number(r?.n ?? 0) > 0;
  },

  // ---- money trail ----
  insertRevenue: (db: Executor, rows: Insertable<CardRevenueTable>[]) => (rows.length ? db.insertInto('card_revenue').values(rows).execute() : Promise.resolve([])),
  insertSettlement: (db: Executor, row: Insertable<CardSettlementsTable>) => db.insertInto('card_settlements').values(row).execute(),
  settlementOfUsage: (db: Executor, tenantId: string, usageId: string) => db.selectFrom('card_settlements').selectAll().where('tenant_id', '=', tenantId).where('usage_id', '=', usageId).executeTakeFirst(),
  insertWriteoff: (db: Executor, row: Insertable<CardWriteoffsTable>) => db.insertInto('card_writeoffs').values(row).execute(),

  // ---- history ----
  insertEvent: (db: Executor, row: Insertable<CardEventsTable>) => db.insertInto('card_events').values(row).execute(),
  eventsOfRoot: (db: Executor, tenantId: string, rootId: string, f: { beforeId?: string; limit: number }) => {
    let q = db.selectFrom('card_events').selectAll().where('tenant_id', '=', tenantId).where('root_card_id', '=', rootId);
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  },
  eventOfOrder: (db: Executor, tenantId: string, orderId: string, kind: string) =>
    db.selectFrom('card_events').selectAll().where('tenant_id', '=', tenantId).where('order_id', '=', orderId).where('kind', '=', kind).orderBy('id', 'desc').executeTakeFirst(),

  /** Remember that a reminder went out; false when it already had. */
  claimReminder: async (db: Executor, tenantId: string, cardId: string, key: string, at: string): Promise<boolean> => {
    const r = await db
      .insertInto('card_reminders')
      .values({ tenant_id: tenantId, card_id: cardId, reminder_key: key, created_at: at })
      .onConflict((oc) => oc.columns(['tenant_id', 'card_id', 'reminder_key']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  },

  // ---- the daily job ----
  tenantsWithLiveCards: async (db: Executor) =>
    (await db.selectFrom('member_cards').select('tenant_id').distinct().where('status', 'in', LIVE).execute()).map((r) => r.tenant_id),

  /** Ids of cards whose status, activation or freezes may change on this day, oldest first. */
  dueForLifecycle: async (db: Executor, tenantId: string, today: string, expiringUntil: string, reminderUntil: string, limit: number) => {
    const ids = new Set<string>();
    const add = (rows: { id: string }[]) => rows.forEach((r) => ids.add(r.id));
    add(
      await db
        .selectFrom('member_cards')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('activate_on', '<=', today), eb('activate_by', '<=', today)]))
        .limit(limit)
        .execute(),
    );
    add(
      await db
        .selectFrom('member_cards')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('status', 'in', ['active', 'expiring', 'frozen'])
        .where('expires_on', '<=', reminderUntil > expiringUntil ? reminderUntil : expiringUntil)
        .limit(limit)
        .execute(),
    );
    add(
      await db
        .selectFrom('card_freezes')
        .select('card_id as id')
        .where('tenant_id', '=', tenantId)
        .where((eb) => eb.or([eb.and([eb('status', '=', 'scheduled'), eb('start_on', '<=', today)]), eb.and([eb('status', '=', 'active'), eb('end_on', '<', today)])]))
        .limit(limit)
        .execute(),
    );
    // Expiring cards whose expiry moved out of the window (an extension) go back to active.
    add(await db.selectFrom('member_cards').select('id').where('tenant_id', '=', tenantId).where('status', '=', 'expiring').where('expires_on', '>', expiringUntil).limit(limit).execute());
    return [...ids].sort();
  },
};
