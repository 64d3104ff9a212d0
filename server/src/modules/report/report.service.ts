import type { Database } from '../../db/database';
import type { Clock } from '../../shared/clock';
import { type Ctx, requirePermission, requireStoreAccess } from '../../shared/context';
import type { MemberModule } from '../member';
import type { OrderService } from '../order';
import { OrgErrors, type OrgService } from '../org';
import { type ShiftService, tenderName } from '../shift';
import { type PaperWidth, localTime } from './print';
import { renderReceipt } from './receipt.html';
import { renderDailyReport, renderShiftReport } from './report.html';
import { reportRepo } from './report.repo';
import { buildDailyReport, maskName } from './report.rules';
import type { DailyView, ReceiptView } from './report.schemas';

export interface ReportDeps {
  database: Database;
  clock: Clock;
  org: OrgService;
  orders: OrderService;
  members: MemberModule;
  shifts: ShiftService;
}

export type ReportService = ReturnType<typeof createReportService>;

/** Receipts (data and printable pages), printable shift reports and the daily cashier report. */
export function createReportService(deps: ReportDeps) {
  const { database, clock, org, orders, members, shifts } = deps;
  const db = database.db;

  async function receipt(ctx: Ctx, orderId: string): Promise<ReceiptView> {
    const o = await orders.get(ctx, orderId);
    const [[store], tenant, tz, meta] = await Promise.all([org.storesByIds(ctx.tenantId, [o.storeId]), org.getTenant(ctx), org.timeZoneOf(ctx.tenantId), reportRepo.lineMeta(db, ctx.tenantId, orderId)]);
    let member: ReceiptView['member'] = null;
    const tierStep = o.pricing.find((s) => s.step === 'tier') as { tierName: string | null } | undefined;
    if (o.memberId) {
      const brief = (await members.briefs(db, ctx, [o.memberId])).get(o.memberId);
      const b = await reportRepo.balancesAfterOrder(db, ctx.tenantId, o.memberId, o.id);
      member = {
        maskedName: maskName(brief?.name ?? ''),
        memberNo: brief?.memberNo ?? '',
        tierName: tierStep?.tierName ?? null,
        balancesAfter: { storedValue: (b.sv_principal ?? 0) + (b.sv_bonus ?? 0), points: b.points ?? 0, pendingPoints: b.points_pending ?? 0 },
      };
    }
    const lines = o.lines.map((l) => {
      const m = meta.get(l.id) ?? {};
      const source = m.priceSource === 'member' || m.priceSource === 'override' ? m.priceSource : 'list';
      return {
        lineNo: l.lineNo,
        kind: l.kind,
        name: l.name,
        sku: typeof m.sku === 'string' ? m.sku : null,
        unit: typeof m.unit === 'string' ? m.unit : null,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        listPrice: typeof m.listPrice === 'number' ? m.listPrice : l.unitPrice,
        priceSource: source as 'list' | 'member' | 'override',
        listTotal: l.listTotal,
        tierDiscount: l.tierDiscount,
        couponDiscount: l.couponDiscount,
        pointsDiscount: l.pointsDiscount,
        netTotal: l.netTotal,
        refundedQuantity: l.refundedQuantity,
      };
    });
    const memberPriceSavings = lines.filter((l) => l.priceSource === 'member').reduce((s, l) => s + (l.listPrice - l.unitPrice) * l.quantity, 0);
    const now = clock.iso();
    return {
      orderId: o.id,
      orderNo: o.orderNo,
      status: o.status,
      tenant: { name: tenant.name },
      store: { id: store.id, code: store.code, name: store.name, address: store.address, phone: store.phone },
      cashierName: o.createdByName,
      createdAt: o.createdAt,
      localTime: localTime(o.createdAt, tz),
      businessDate: o.businessDate,
      member,
      lines,
      totals: {
        itemsTotal: o.listTotal + memberPriceSavings,
        memberPriceSavings,
        tierDiscount: o.tierDiscount,
        tierName: tierStep?.tierName ?? null,
        couponDiscount: o.couponDiscount,
        pointsUsed: o.pointsUsed,
        pointsValue: o.pointsValue,
        payable: o.payable,
        changeGiven: o.changeGiven,
        pointsEarned: o.pointsEarned,
        refundedTotal: o.refundedTotal,
      },
      tenders: o.tenders.map((t) => ({ method: t.method, methodName: tenderName(t.method, ctx.locale), amount: t.amount, tendered: t.tendered, changeGiven: t.changeGiven, reference: t.reference, points: t.points })),
      refunds: o.refunds.map((r) => ({
        refundNo: r.refundNo,
        createdAt: r.createdAt,
        localTime: localTime(r.createdAt, tz),
        total: r.total,
        payments: r.payments.map((p) => ({ method: p.method, methodName: tenderName(p.method, ctx.locale), amount: p.amount, points: p.points })),
      })),
      note: o.note,
      qrPayload: o.orderNo,
      printedAt: now,
    };
  }

  async function daily(ctx: Ctx, f: { storeId: string; date?: string }): Promise<DailyView> {
    requirePermission(ctx, 'report.cashier');
    const [store] = await org.storesByIds(ctx.tenantId, [f.storeId]);
    if (!store) throw OrgErrors.STORE_NOT_FOUND({ details: { storeId: f.storeId } });
    requireStoreAccess(ctx, f.storeId);
    const date = f.date ?? (await org.businessDate(ctx.tenantId, clock.now()));
    const dayOrders = await reportRepo.dayOrders(db, ctx.tenantId, f.storeId, date);
    const ids = dayOrders.map((o) => o.id);
    const refunds = await reportRepo.dayRefunds(db, ctx.tenantId, f.storeId, date);
    const [lines, tenders, refundPayments] = await Promise.all([reportRepo.linesOf(db, ctx.tenantId, ids), reportRepo.tendersOf(db, ctx.tenantId, ids), reportRepo.refundPaymentsOf(db, ctx.tenantId, refunds.map((r) => r.id))]);
    const r = buildDailyReport({ storeId: f.storeId, date, orders: dayOrders, lines, tenders, refunds, refundPayments });
    return { ...r, storeName: store.name, generatedAt: clock.iso(), tenders: r.tenders.map((x) => ({ ...x, methodName: tenderName(x.method, ctx.locale) })) };
  }

  return {
    receipt,

    async receiptHtml(ctx: Ctx, orderId: string, opts: { width: PaperWidth; reprint: boolean }): Promise<string> {
      const r = await receipt(ctx, orderId);
      return renderReceipt(r, { ...opts, locale: ctx.locale, printedLocal: localTime(r.printedAt, await org.timeZoneOf(ctx.tenantId)) });
    },

    async shiftReportHtml(ctx: Ctx, shiftId: string, opts: { width: PaperWidth }): Promise<string> {
      requirePermission(ctx, 'shift.read');
      const s = await shifts.get(ctx, shiftId);
      const [[store], tenant, tz] = await Promise.all([org.storesByIds(ctx.tenantId, [s.storeId]), org.getTenant(ctx), org.timeZoneOf(ctx.tenantId)]);
      return renderShiftReport(s, {
        width: opts.width,
        locale: ctx.locale,
        storeName: store.name,
        tenantName: tenant.name,
        time: (iso) => localTime(iso, tz),
        printedLocal: localTime(clock.iso(), tz),
        methodName: (m) => tenderName(m, ctx.locale),
      });
    },

    daily,

    async dailyHtml(ctx: Ctx, f: { storeId: string; date?: string; width: PaperWidth }): Promise<string> {
      const d = await daily(ctx, f);
      const [tenant, tz] = await Promise.all([org.getTenant(ctx), org.timeZoneOf(ctx.tenantId)]);
      return renderDailyReport(d, { width: f.width, locale: ctx.locale, tenantName: tenant.name, printedLocal: localTime(d.generatedAt, tz) });
    },
  };
}
