import { type AppConfig, loadDataKeys } from './config/config';
import type { Database } from './db/database';
import { createAppointmentModule } from './modules/appointment';
import { createAttendanceService } from './modules/attendance';
import { createAuditService } from './modules/audit';
import { createMemberModule } from './modules/member';
import { type CardPeople, createCardModule } from './modules/card';
import { type CoursePeople, createCourseModule } from './modules/course';
import { createCrmService } from './modules/crm';
import { createLeadService } from './modules/lead';
import { createLedgerService } from './modules/ledger';
import { type MemberDirectory, createOrderService } from './modules/order';
import { createOrgService } from './modules/org';
import { createPointsService } from './modules/points';
import { createPortalService } from './modules/portal';
import { createCatalogueLineHandlers, createProductService } from './modules/product';
import { createReportService } from './modules/report';
import { createShiftService } from './modules/shift';
import { createStockService } from './modules/stock';
import { createTierService } from './modules/tier';
import { createWalletService } from './modules/wallet';
import { createApiKeyService, createAuthService, createStaffService } from './modules/staff';
import type { Clock } from './shared/clock';
import { FieldCipher } from './shared/crypto';

export interface CoreDeps {
  database: Database;
  clock: Clock;
  config: AppConfig;
}

/** Wire every module's service once; modules get their collaborators through their index. */
export function createServices(deps: CoreDeps) {
  const audit = createAuditService(deps);
  const org = createOrgService({ ...deps, audit });
  const auth = createAuthService({ ...deps, org, audit });
  const staff = createStaffService({ ...deps, org, audit });
  const apiKeys = createApiKeyService({ ...deps, org, audit });
  // Field-encryption keys load on first use, so commands that never touch sensitive data need none.
  let cipher: FieldCipher | null = null;
  const fieldCipher = () => (cipher ??= new FieldCipher(loadDataKeys(deps.config.dataKey)));
  const members = createMemberModule({ ...deps, audit, org, cipher: fieldCipher });
  const crm = createCrmService({ ...deps, audit, members });
  const leads = createLeadService({ ...deps, audit, org, members });

  // Money core: one ledger under stored value and points; orders are the one way money comes in.
  const businessDate = (tenantId: string, at: Date, x?: import('./db/database').Executor) => org.businessDate(tenantId, at, x);
  const idempotencyHours = deps.config.idempotencyHours;
  const ledger = createLedgerService({ ...deps, businessDate });
  // Balance changes that are not orders (adjustments, freezes, expiry, tier moves) join the member timeline too.
  const timeline = (trx: import('./db/database').Executor, ctx: import('./shared/context').Ctx, e: import('./shared/timeline').TimelineEntry) => members.timeline.append(trx, ctx, e);
  const wallet = createWalletService({ ...deps, audit, ledger, idempotencyHours, timeline });
  const points = createPointsService({ ...deps, audit, ledger, businessDate, idempotencyHours, timeline });
  const tier = createTierService({ ...deps, audit, businessDate, timeline });
  const memberDirectory: MemberDirectory = {
    async activeMember(trx, ctx, memberId) {
      try {
        const m = await members.requireMember(trx, ctx, memberId, { live: true });
        return { id: m.id, name: m.name, memberNo: m.memberNo, referrerMemberId: m.referrerMemberId };
      } catch (err) {
        if (['MEMBER_NOT_FOUND', 'MEMBER_ERASED'].includes((err as { code?: string }).code ?? '')) return null;
        throw err;
      }
    },
    async appendTimeline(trx, ctx, e) {
      await members.timeline.append(trx, ctx, e);
    },
  };
  const orders = createOrderService({ ...deps, audit, org, wallet, points, tier, ledger, members: memberDirectory, businessDate });

  // Cashier & retail: the catalogue sells through orders (products leave stock on sale and come
  // back on refund), and orders and refunds join the store's open shift.
  const products = createProductService({ ...deps, audit, org, tier });
  const stock = createStockService({ ...deps, audit, org, products, businessDate, idempotencyHours });
  products.attachStock(stock.link);
  for (const handler of createCatalogueLineHandlers({ products, tier })) orders.registerLineHandler(handler);
  const shifts = createShiftService({ ...deps, audit, org, businessDate, idempotencyHours });
  orders.registerHooks({ shiftFor: (trx, ctx, storeId) => shifts.shiftFor(trx, ctx, storeId) });

  // Points for events: sign-up when a member is created one by one, the referrer's points at the
  // referred member's first purchase (once per referred member), birthdays by a daily job.
  members.onCreated(async (trx, ctx, m) => {
    if (m.origin !== 'import') await points.onMemberSignedUp(trx, ctx, m.id, m.homeStoreId);
  });
  orders.registerHooks({
    afterPaid: async (trx, ctx, o) => {
      if (o.spendBase <= 0) return;
      // The checkout read the member already and passes the referrer along.
      const referrerMemberId = o.referrerMemberId !== undefined ? o.referrerMemberId : (await members.requireMember(trx, ctx, o.memberId)).referrerMemberId;
      if (!referrerMemberId) return;
      const referrer = (await members.briefs(trx, ctx, [referrerMemberId])).get(referrerMemberId);
      if (referrer && !referrer.erasedAt) await points.onReferredPurchase(trx, ctx, { referrerMemberId, memberId: o.memberId, orderId: o.orderId, storeId: o.storeId });
    },
  });
  const reports = createReportService({ ...deps, org, orders, members, shifts });

  // Membership cards: sold (and their fees paid) as `card` order lines; sessions and days on the ledger.
  const cardPeople: CardPeople = {
    async member(x, ctx, memberId) {
      try {
        const m = await members.requireMember(x, ctx, memberId, { live: true });
        return { id: m.id, name: m.name, memberNo: m.memberNo };
      } catch (err) {
        if (['MEMBER_NOT_FOUND', 'MEMBER_ERASED'].includes((err as { code?: string }).code ?? '')) return null;
        throw err;
      }
    },
    async names(x, ctx, ids) {
      const out = new Map<string, { name: string; memberNo: string | null }>();
      for (const m of (await members.briefs(x, ctx, ids.filter((i) => i.startsWith('mbr_')))).values()) out.set(m.id, { name: m.name, memberNo: m.memberNo });
      for (const d of (await members.dependentBriefs(x, ctx, ids.filter((i) => i.startsWith('dep_')))).values()) out.set(d.id, { name: d.name, memberNo: null });
      return out;
    },
    async dependent(x, ctx, dependentId) {
      return (await members.dependentBriefs(x, ctx, [dependentId])).get(dependentId) ?? null;
    },
    async timeline(trx, ctx, e) {
      await members.timeline.append(trx, ctx, e);
    },
  };
  const cards = createCardModule({ ...deps, audit, org, ledger, orders, people: cardPeople, businessDate, idempotencyHours });
  orders.registerLineHandler(cards.lineHandler);
  // Member import: opening balances carried over from another system land on the ledger.
  members.registerOpeningBalances({
    cardProducts: (x, tenantId, keys) => cards.opening.products(x, tenantId, keys),
    async apply(trx, ctx, o) {
      const reason = `导入期初余额 / opening balance (row ${o.row})`;
      if (o.storedValue > 0 || o.bonusValue > 0) await wallet.creditOpening(trx, ctx, { memberId: o.memberId, storeId: o.storeId, importJobId: o.importJobId, principal: o.storedValue, bonus: o.bonusValue, reason });
      if (o.points > 0) await points.grantOpening(trx, ctx, { memberId: o.memberId, storeId: o.storeId, importJobId: o.importJobId, points: o.points, reason });
      if (o.sessions > 0 && o.cardProductId) await cards.opening.issue(trx, ctx, { memberId: o.memberId, storeId: o.storeId, productId: o.cardProductId, sessions: o.sessions, expiresOn: o.cardExpiry, importJobId: o.importJobId });
    },
  });
  members.registerPersonalData('cards', { export: (x, ctx, memberId) => cards.exportOf(x, ctx, memberId) });

  // Classes & booking: a booking holds a card session; check-in, late cancellation and no-shows consume it.
  const coursePeople: CoursePeople = {
    async attendee(x, ctx, id) {
      if (id.startsWith('dep_')) {
        const dep = (await members.dependentBriefs(x, ctx, [id])).get(id);
        return dep ? { id: dep.id, kind: 'dependent', name: dep.name, birthday: dep.birthday, memberIds: dep.guardianMemberIds, allergies: dep.allergies, specialNeeds: dep.specialNeeds, notes: dep.notes } : null;
      }
      const m = (await members.briefs(x, ctx, [id])).get(id);
      return m && !m.erasedAt ? { id: m.id, kind: 'member', name: m.name, birthday: m.birthday, memberIds: [m.id], allergies: null, specialNeeds: null, notes: null } : null;
    },
    async names(x, ctx, ids) {
      const out = new Map<string, string>();
      for (const [id, v] of await cardPeople.names(x, ctx, ids)) out.set(id, v.name);
      return out;
    },
    async find(ctx, code) {
      const exact = { memberNo: 'member_no', cardNo: 'card_no', mobile: 'mobile', mobileTail: 'mobile_tail' } as const;
      const hits = (await members.search.search(ctx, code, 10)).filter((h) => h.matchedBy in exact);
      const best = hits.length ? hits[0].matchedBy : 'memberNo';
      return { memberIds: hits.filter((h) => h.matchedBy === best).map((h) => h.id), method: exact[best as keyof typeof exact] };
    },
    async timeline(trx, ctx, e) {
      await members.timeline.append(trx, ctx, e);
    },
  };
  const courses = createCourseModule({
    ...deps,
    audit,
    org,
    consumption: cards.consumption,
    tier,
    people: coursePeople,
    businessDate,
    idempotencyHours,
    hooks: { afterCheckIn: (trx, ctx, c) => points.onCheckIn(trx, ctx, c) },
  });
  // Late-cancel and no-show fees are paid at the cashier as `class_fee` order lines.
  orders.registerLineHandler(courses.feeLineHandler);
  // 1:1 appointments: coach availability, bookings holding a session on a private-lesson package.
  const appointments = createAppointmentModule({ ...deps, audit, org, consumption: cards.consumption, coaches: courses.coaches, cardBriefs: cards.briefs, people: coursePeople, businessDate, idempotencyHours });
  courses.registerTeacherBusy(appointments.teacherBusy);
  members.registerPersonalData('appointments', { export: (x, ctx, memberId) => appointments.exportOf(x, ctx, memberId) });
  /** 404 unless the member exists in the caller's tenant (erased members keep their financial records). */
  const requireMember = async (ctx: import('./shared/context').Ctx, memberId: string) => {
    await members.requireMember(deps.database.db, ctx, memberId);
  };
  // Staff attendance (考勤打卡): punches per store, corrections approved by a manager, monthly hours.
  const attendance = createAttendanceService({ ...deps, audit, org, businessDate });
  // The member portal: members sign in with a code and book for themselves and their children.
  const portal = createPortalService({ ...deps, audit, org, members, courses, wallet, points, tier, cards });
  return { ...deps, audit, org, auth, staff, apiKeys, members, crm, leads, ledger, wallet, points, tier, orders, products, stock, shifts, reports, cards, courses, attendance, appointments, portal, requireMember };
}

export type Services = ReturnType<typeof createServices>;
