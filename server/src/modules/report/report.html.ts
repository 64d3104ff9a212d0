import type { Locale } from '../../shared/i18n';
import type { ShiftView } from '../shift';
import { type PaperWidth, esc, labels, money, printPage, row, rule } from './print';
import type { DailyView } from './report.schemas';

const L = {
  shiftTitle: { 'zh-CN': '交班报表', en: 'Shift report' },
  dailyTitle: { 'zh-CN': '收银日报', en: 'Daily cashier report' },
  shiftNo: { 'zh-CN': '班次', en: 'Shift' },
  status: { 'zh-CN': '状态', en: 'Status' },
  open: { 'zh-CN': '未交班', en: 'Open' },
  closed: { 'zh-CN': '已交班,待确认', en: 'Closed, awaiting confirmation' },
  confirmed: { 'zh-CN': '已确认', en: 'Confirmed' },
  openedBy: { 'zh-CN': '开班', en: 'Opened' },
  closedBy: { 'zh-CN': '交班', en: 'Closed' },
  confirmedBy: { 'zh-CN': '确认', en: 'Confirmed' },
  method: { 'zh-CN': '方式', en: 'Tender' },
  float: { 'zh-CN': '备用金', en: 'Float' },
  sales: { 'zh-CN': '收款', en: 'Sales' },
  refunds: { 'zh-CN': '退款', en: 'Refunds' },
  cashIn: { 'zh-CN': '存入', en: 'Cash in' },
  cashOut: { 'zh-CN': '取出', en: 'Cash out' },
  expected: { 'zh-CN': '应有', en: 'Expected' },
  counted: { 'zh-CN': '实点', en: 'Counted' },
  difference: { 'zh-CN': '差异', en: 'Difference' },
  reason: { 'zh-CN': '差异原因', en: 'Reason' },
  orders: { 'zh-CN': '订单数', en: 'Orders' },
  refundCount: { 'zh-CN': '退款笔数', en: 'Refunds' },
  change: { 'zh-CN': '找零合计', en: 'Change given' },
  storedValue: { 'zh-CN': '储值消费', en: 'Stored value spent' },
  storedValueBack: { 'zh-CN': '储值退回', en: 'Stored value returned' },
  points: { 'zh-CN': '积分抵扣', en: 'Points redeemed' },
  cashMoves: { 'zh-CN': '现金存取', en: 'Cash in / out' },
  note: { 'zh-CN': '备注', en: 'Note' },
  signCloser: { 'zh-CN': '交班人签字', en: 'Closed by (signature)' },
  signConfirmer: { 'zh-CN': '确认人签字', en: 'Confirmed by (signature)' },
  printed: { 'zh-CN': '打印时间', en: 'Printed' },
  date: { 'zh-CN': '营业日', en: 'Business date' },
  store: { 'zh-CN': '门店', en: 'Store' },
  payable: { 'zh-CN': '实收合计', en: 'Takings' },
  listTotal: { 'zh-CN': '原价合计', en: 'At list prices' },
  recharge: { 'zh-CN': '其中充值', en: 'of which recharges' },
  exRecharge: { 'zh-CN': '其中消费', en: 'of which sales' },
  avg: { 'zh-CN': '客单价', en: 'Average order' },
  memberOrders: { 'zh-CN': '会员订单', en: 'Member orders' },
  discounts: { 'zh-CN': '优惠', en: 'Discounts' },
  tier: { 'zh-CN': '等级折扣', en: 'Tier discounts' },
  memberPrice: { 'zh-CN': '会员价优惠', en: 'Member prices' },
  coupon: { 'zh-CN': '优惠券', en: 'Coupons' },
  total: { 'zh-CN': '合计', en: 'Total' },
  returned: { 'zh-CN': '退货金额', en: 'Value returned' },
  paidBack: { 'zh-CN': '退回资金', en: 'Paid back' },
  payouts: { 'zh-CN': '储值退款', en: 'Stored value paid out' },
  net: { 'zh-CN': '净收入', en: 'Net takings' },
  tenders: { 'zh-CN': '收款方式', en: 'Tenders' },
  byKind: { 'zh-CN': '分类销售', en: 'Sales by kind' },
  top: { 'zh-CN': '热销项目', en: 'Top items' },
  qty: { 'zh-CN': '数量', en: 'Qty' },
  amount: { 'zh-CN': '金额', en: 'Amount' },
  item: { 'zh-CN': '项目', en: 'Item' },
  product: { 'zh-CN': '商品', en: 'Products' },
  service: { 'zh-CN': '服务', en: 'Services' },
  fee: { 'zh-CN': '费用', en: 'Fees' },
  card: { 'zh-CN': '卡项', en: 'Cards' },
  rechargeKind: { 'zh-CN': '充值', en: 'Recharges' },
  custom: { 'zh-CN': '其他', en: 'Other' },
  none: { 'zh-CN': '无', en: 'None' },
  unitPts: { 'zh-CN': '分', en: 'pts' },
};

type T = ReturnType<typeof labels<typeof L>>;

function kindName(kind: string, t: T): string {
  return ({ product: t.product, service: t.service, fee: t.fee, card: t.card, recharge: t.rechargeKind, custom: t.custom } as Record<string, string>)[kind] ?? kind;
}

const TOTAL = '__total__';

/** A table on A4, or a block of label/amount rows per table row on a thermal slip. A first cell TOTAL marks the total row. */
function grid(width: PaperWidth, head: string[], rows: string[][], numeric: number[], totalLabel = ''): string {
  if (width === 'a4') {
    const th = head.map((h, i) => `<th${numeric.includes(i) ? ' class="n"' : ''}>${h}</th>`).join('');
    const tr = rows.map((r) => `<tr${r[0] === TOTAL ? ' class="total"' : ''}>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${c === TOTAL ? totalLabel : c}</td>`).join('')}</tr>`).join('');
    return `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
  }
  return rows.map((r) => `<div class="item b">${r[0] === TOTAL ? totalLabel : r[0]}</div>${r.slice(1).map((c, i) => (c === '' ? '' : row(head[i + 1], c, 'sub'))).join('')}`).join('');
}

export function renderShiftReport(s: ShiftView, opts: { width: PaperWidth; locale: Locale; storeName: string; tenantName: string; time: (iso: string) => string; printedLocal: string; methodName: (m: string) => string }): string {
  const t = labels(L, opts.locale);
  const w = opts.width;
  const status = s.status === 'open' ? t.open : s.status === 'closed' ? t.closed : t.confirmed;
  const counts = new Map(s.counts.map((c) => [c.method, c]));
  const methods = [...new Set([...s.totals.methods.map((m) => m.method), ...s.counts.map((c) => c.method)])];
  const rows = methods.map((m) => {
    const x = s.totals.methods.find((y) => y.method === m) ?? { float: 0, sales: 0, refunds: 0, cashIn: 0, cashOut: 0, expected: 0 };
    const c = counts.get(m);
    const cells = [esc(opts.methodName(m)), money(x.float), money(x.sales), x.refunds ? `-${money(x.refunds)}` : money(0), money(x.cashIn), x.cashOut ? `-${money(x.cashOut)}` : money(0), money(c?.expected ?? x.expected), c ? money(c.counted) : '', c ? (c.difference > 0 ? `+${money(c.difference)}` : money(c.difference)) : ''];
    return w === 'a4' ? cells : cells.map((v, i) => (i > 0 && i < 6 && v === money(0) ? '' : v));
  });
  if (s.expectedTotal !== null) rows.push([TOTAL, '', '', '', '', '', money(s.expectedTotal), money(s.countedTotal ?? 0), s.differenceTotal && s.differenceTotal > 0 ? `+${money(s.differenceTotal)}` : money(s.differenceTotal ?? 0)]);
  const table = grid(w, [t.method, t.float, t.sales, t.refunds, t.cashIn, t.cashOut, t.expected, t.counted, t.difference], rows, [1, 2, 3, 4, 5, 6, 7, 8], t.total);
  const info = [
    row(t.store, esc(opts.storeName)),
    row(t.shiftNo, esc(s.shiftNo)),
    row(t.status, status),
    row(t.openedBy, `${esc(s.openedByName ?? '')} ${esc(opts.time(s.openedAt))}`),
    s.closedAt ? row(t.closedBy, `${esc(s.closedByName ?? '')} ${esc(opts.time(s.closedAt))}`) : '',
    s.confirmedAt ? row(t.confirmedBy, `${esc(s.confirmedByName ?? '')} ${esc(opts.time(s.confirmedAt))}`) : '',
  ].join('');
  const other = [
    row(t.orders, String(s.totals.orderCount)),
    row(t.refundCount, String(s.totals.refundCount)),
    row(t.change, money(s.totals.changeGiven)),
    row(t.storedValue, money(s.totals.storedValue.sales)),
    s.totals.storedValue.refunds ? row(t.storedValueBack, money(s.totals.storedValue.refunds)) : '',
    s.totals.points.points ? row(t.points, `${s.totals.points.points}${t.unitPts} / ${money(s.totals.points.value)}`) : '',
  ].join('');
  const moves = s.cashMoves.length
    ? s.cashMoves.map((m) => `${row(`${m.kind === 'in' ? t.cashIn : t.cashOut} · ${esc(m.reason)}`, `${m.kind === 'in' ? '+' : '-'}${money(m.amount)}`)}<div class="sub muted">${esc(m.createdByName ?? '')} ${esc(opts.time(m.createdAt))}</div>`).join('')
    : `<div class="muted">${t.none}</div>`;
  const reason = s.differenceReason ? `<div style="margin-top:2mm"><span class="b">${t.reason}:</span>${esc(s.differenceReason)}</div>` : '';
  const notes = [s.note, s.closeNote, s.confirmNote].filter(Boolean).map((n) => `<div>${t.note}:${esc(n)}</div>`).join('');
  let body: string;
  if (w === 'a4') {
    body = `<div class="head"><div><h1>${t.shiftTitle}</h1><div class="muted">${esc(opts.tenantName)}</div></div><div style="min-width:70mm">${info}</div></div>
${table}${reason}<div class="boxes"><div class="box">${other}</div><div class="box"><div class="b">${t.cashMoves}</div>${moves}</div></div>${notes}
<div class="sign"><span>${t.signCloser}</span><span>${t.signConfirmer}</span></div>
<div class="foot"><span></span><span class="muted">${t.printed} ${esc(opts.printedLocal)}</span></div>`;
  } else {
    body = [`<div class="c b big">${t.shiftTitle}</div>`, `<div class="c small">${esc(opts.tenantName)}</div>`, rule(), info, rule(), table, reason, rule(), other, rule(), `<div class="b">${t.cashMoves}</div>`, moves, notes, rule(), `<div style="margin-top:6mm">${t.signCloser}:</div>`, `<div style="margin-top:6mm">${t.signConfirmer}:</div>`, rule(), `<div class="c small">${t.printed} ${esc(opts.printedLocal)}</div>`].join('\n');
  }
  return printPage({ title: `${t.shiftTitle} ${s.shiftNo}`, width: w, locale: opts.locale, body });
}

export function renderDailyReport(d: DailyView, opts: { width: PaperWidth; locale: Locale; tenantName: string; printedLocal: string }): string {
  const t = labels(L, opts.locale);
  const w = opts.width;
  const sales = [
    row(`<span class="b">${t.payable}</span>`, `<span class="b">¥${money(d.sales.payable)}</span>`),
    row(t.exRecharge, money(d.sales.salesExRecharge), 'sub'),
    row(t.recharge, money(d.sales.rechargeTotal), 'sub'),
    row(t.listTotal, money(d.sales.listTotal)),
    row(t.orders, `${d.sales.orderCount}(${t.memberOrders} ${d.sales.memberOrderCount})`),
    row(t.avg, money(d.sales.averageOrder)),
    row(t.change, money(d.sales.changeGiven)),
  ].join('');
  const discounts = [
    row(t.tier, money(d.discounts.tier)),
    row(t.memberPrice, money(d.discounts.memberPrice)),
    row(t.coupon, money(d.discounts.coupon)),
    row(t.points, `${money(d.discounts.points)}(${d.discounts.pointsUsed}${t.unitPts})`),
    row(`<span class="b">${t.total}</span>`, `<span class="b">${money(d.discounts.total)}</span>`),
  ].join('');
  const refunds = [
    row(t.refundCount, String(d.refunds.count)),
    row(t.returned, money(d.refunds.total)),
    row(t.paidBack, money(d.refunds.paidBack)),
    row(t.payouts, `${money(d.storedValuePayouts.total)}(${d.storedValuePayouts.count})`),
    row(`<span class="b">${t.net}</span>`, `<span class="b">¥${money(d.net)}</span>`),
  ].join('');
  // Points are not money: their row counts points redeemed and returned.
  const tenderRows = d.tenders.map((x) =>
    x.method === 'points'
      ? [esc(x.methodName), `${money(x.sales)}(${x.points}${t.unitPts})`, x.pointsReturned ? `-${x.pointsReturned}${t.unitPts}` : '', `${x.points - x.pointsReturned}${t.unitPts}`]
      : [esc(x.methodName), money(x.sales), x.refunds ? `-${money(x.refunds)}` : '', money(x.net)],
  );
  const tenders = grid(w, [t.method, t.sales, t.refunds, t.net], tenderRows.length ? tenderRows : [[t.none, '', '', '']], [1, 2, 3]);
  const kinds = w === 'a4' ? grid(w, [t.item, t.qty, t.amount], d.byKind.map((k) => [kindName(k.kind, t), String(k.quantity), money(k.netTotal)]), [1, 2]) : d.byKind.map((k) => row(`${kindName(k.kind, t)} ×${k.quantity}`, money(k.netTotal))).join('');
  const top =
    w === 'a4'
      ? grid(w, ['#', t.item, t.qty, t.amount], d.topItems.map((i, n) => [String(n + 1), esc(i.name), String(i.quantity), money(i.netTotal)]), [2, 3])
      : d.topItems.map((i, n) => row(`${n + 1}. ${esc(i.name)} ×${i.quantity}`, money(i.netTotal))).join('');
  let body: string;
  if (w === 'a4') {
    body = `<div class="head"><div><h1>${t.dailyTitle}</h1><div class="muted">${esc(opts.tenantName)}</div></div><div style="min-width:70mm">${row(t.store, esc(d.storeName))}${row(t.date, esc(d.date))}</div></div>
<div class="boxes"><div class="box">${sales}</div><div class="box">${refunds}</div></div>
<div class="boxes"><div class="box"><div class="b">${t.discounts}</div>${discounts}</div><div></div></div>
<h2>${t.tenders}</h2>${tenders}<h2>${t.byKind}</h2>${kinds}<h2>${t.top}</h2>${top}
<div class="foot"><span></span><span class="muted">${t.printed} ${esc(opts.printedLocal)}</span></div>`;
  } else {
    body = [`<div class="c b big">${t.dailyTitle}</div>`, `<div class="c">${esc(d.storeName)} · ${esc(d.date)}</div>`, rule(), sales, rule(), refunds, rule(), `<div class="b">${t.discounts}</div>`, discounts, rule(), `<div class="b">${t.tenders}</div>`, tenders, rule(), `<div class="b">${t.byKind}</div>`, kinds, rule(), `<div class="b">${t.top}</div>`, top, rule(), `<div class="c small">${t.printed} ${esc(opts.printedLocal)}</div>`].join('\n');
  }
  return printPage({ title: `${t.dailyTitle} ${d.storeName} ${d.date}`, width: w, locale: opts.locale, body });
}
