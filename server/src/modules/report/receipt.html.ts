import type { Locale } from '../../shared/i18n';
import { type PaperWidth, esc, labels, money, printPage, qrSvg, row, rule } from './print';
import type { ReceiptView } from './report.schemas';

const L = {
  title: { 'zh-CN': '销售小票', en: 'Sales receipt' },
  orderNo: { 'zh-CN': '单号', en: 'Order' },
  time: { 'zh-CN': '时间', en: 'Time' },
  cashier: { 'zh-CN': '收银员', en: 'Cashier' },
  member: { 'zh-CN': '会员', en: 'Member' },
  item: { 'zh-CN': '品名', en: 'Item' },
  sku: { 'zh-CN': '编码', en: 'SKU' },
  qty: { 'zh-CN': '数量', en: 'Qty' },
  price: { 'zh-CN': '单价', en: 'Price' },
  discount: { 'zh-CN': '优惠', en: 'Discount' },
  amount: { 'zh-CN': '金额', en: 'Amount' },
  memberPrice: { 'zh-CN': '会员价', en: 'Member price' },
  was: { 'zh-CN': '原价', en: 'was' },
  override: { 'zh-CN': '改价', en: 'Price set' },
  tierDiscount: { 'zh-CN': '等级折扣', en: 'Tier discount' },
  coupon: { 'zh-CN': '优惠券', en: 'Coupon' },
  points: { 'zh-CN': '积分抵扣', en: 'Points' },
  itemsTotal: { 'zh-CN': '商品合计', en: 'Items' },
  memberSavings: { 'zh-CN': '会员价优惠', en: 'Member prices' },
  payable: { 'zh-CN': '应收', en: 'Total' },
  tendered: { 'zh-CN': '实收', en: 'Tendered' },
  change: { 'zh-CN': '找零', en: 'Change' },
  ref: { 'zh-CN': '流水号', en: 'Ref' },
  balances: { 'zh-CN': '余额(本单后)', en: 'Balances after this order' },
  storedValue: { 'zh-CN': '储值余额', en: 'Stored value' },
  pointsBalance: { 'zh-CN': '积分余额', en: 'Points' },
  pending: { 'zh-CN': '待生效', en: 'pending' },
  earned: { 'zh-CN': '本单积分', en: 'Points earned' },
  refunded: { 'zh-CN': '已退', en: 'refunded' },
  refunds: { 'zh-CN': '退款记录', en: 'Refunds' },
  note: { 'zh-CN': '备注', en: 'Note' },
  thanks: { 'zh-CN': '谢谢惠顾,欢迎再次光临', en: 'Thank you, see you again soon' },
  printed: { 'zh-CN': '打印时间', en: 'Printed' },
  reprint: { 'zh-CN': '重印', en: 'REPRINT' },
  phone: { 'zh-CN': '电话', en: 'Tel' },
  unitPts: { 'zh-CN': '分', en: 'pts' },
  scan: { 'zh-CN': '扫码查询订单', en: 'Scan for this order' },
};

/** A receipt for the browser to print: a thermal slip (58 / 80 mm) or an A4 sales slip. */
export function renderReceipt(r: ReceiptView, opts: { width: PaperWidth; locale: Locale; reprint: boolean; printedLocal: string }): string {
  const t = labels(L, opts.locale);
  const body = opts.width === 'a4' ? a4(r, t, opts) : thermal(r, t, opts);
  return printPage({ title: `${t.title} ${r.orderNo}`, width: opts.width, locale: opts.locale, body });
}

type T = ReturnType<typeof labels<typeof L>>;
const neg = (fen: number) => `-${money(fen)}`;

function lineNotes(l: ReceiptView['lines'][0], t: T): string[] {
  const out: string[] = [];
  if (l.priceSource === 'member') out.push(row(`${t.memberPrice} ${money(l.unitPrice)}`, `${t.was} ${money(l.listPrice)}`, 'sub'));
  if (l.priceSource === 'override') out.push(row(`${t.override} ${money(l.unitPrice)}`, `${t.was} ${money(l.listPrice)}`, 'sub'));
  if (l.tierDiscount) out.push(row(t.tierDiscount, neg(l.tierDiscount), 'sub'));
  if (l.couponDiscount) out.push(row(t.coupon, neg(l.couponDiscount), 'sub'));
  if (l.refundedQuantity) out.push(row(`${t.refunded} ×${l.refundedQuantity}`, '', 'sub'));
  return out;
}

function thermal(r: ReceiptView, t: T, o: { width: PaperWidth; reprint: boolean; printedLocal: string }): string {
  const s: string[] = [];
  s.push(`<div class="c b big">${esc(r.store.name)}</div>`);
  if (r.tenant.name && r.tenant.name !== r.store.name) s.push(`<div class="c small">${esc(r.tenant.name)}</div>`);
  if (r.store.address) s.push(`<div class="c small">${esc(r.store.address)}</div>`);
  if (r.store.phone) s.push(`<div class="c small">${t.phone} ${esc(r.store.phone)}</div>`);
  if (o.reprint) s.push(`<div class="c"><span class="reprint">${t.reprint}</span></div>`);
  s.push(rule());
  s.push(row(t.orderNo, esc(r.orderNo)));
  s.push(row(t.time, esc(r.localTime)));
  if (r.cashierName) s.push(row(t.cashier, esc(r.cashierName)));
  if (r.member) s.push(row(t.member, `${esc(r.member.maskedName)} ${esc(r.member.memberNo)}${r.member.tierName ? ` · ${esc(r.member.tierName)}` : ''}`));
  s.push(rule());
  s.push(row(`<span class="b">${t.item}</span>`, `<span class="b">${t.amount}</span>`));
  for (const l of r.lines) {
    s.push(`<div class="item">${esc(l.name)}</div>`);
    s.push(row(`&nbsp;&nbsp;${l.quantity}${l.unit ? esc(l.unit) : ''} × ${money(l.priceSource === 'member' ? l.listPrice : l.unitPrice)}`, money(l.priceSource === 'member' ? l.listPrice * l.quantity : l.listTotal)));
    s.push(...lineNotes(l, t));
  }
  s.push(rule());
  const tt = r.totals;
  s.push(row(t.itemsTotal, money(tt.itemsTotal)));
  if (tt.memberPriceSavings) s.push(row(t.memberSavings, neg(tt.memberPriceSavings)));
  if (tt.tierDiscount) s.push(row(`${t.tierDiscount}${tt.tierName ? `(${esc(tt.tierName)})` : ''}`, neg(tt.tierDiscount)));
  if (tt.couponDiscount) s.push(row(t.coupon, neg(tt.couponDiscount)));
  if (tt.pointsUsed) s.push(row(`${t.points}(${tt.pointsUsed}${t.unitPts})`, neg(tt.pointsValue)));
  s.push(row(`<span class="b big">${t.payable}</span>`, `<span class="b big">¥${money(tt.payable)}</span>`));
  s.push(rule());
  for (const x of r.tenders.filter((x) => x.method !== 'points')) {
    s.push(row(esc(x.methodName), money(x.amount)));
    if (x.tendered !== null) s.push(row(`${t.tendered} ${money(x.tendered)}`, `${t.change} ${money(x.changeGiven)}`, 'sub'));
    if (x.reference) s.push(row(t.ref, esc(x.reference), 'sub'));
  }
  if (r.member) {
    s.push(rule());
    s.push(row(t.storedValue, money(r.member.balancesAfter.storedValue)));
    s.push(row(t.pointsBalance, `${r.member.balancesAfter.points}${r.member.balancesAfter.pendingPoints ? ` (+${r.member.balancesAfter.pendingPoints} ${t.pending})` : ''}`));
    if (tt.pointsEarned) s.push(row(t.earned, `+${tt.pointsEarned}`));
  }
  if (r.refunds.length) {
    s.push(rule());
    s.push(`<div class="b">${t.refunds}</div>`);
    for (const f of r.refunds) {
      s.push(`<div>${esc(f.refundNo)}</div>`);
      s.push(row(esc(f.localTime), neg(f.total), 'sub'));
      s.push(`<div class="sub">${f.payments.map((p) => `${esc(p.methodName)} ${p.method === 'points' ? `${p.points}${t.unitPts}` : money(p.amount)}`).join(' / ')}</div>`);
    }
  }
  if (r.note) s.push(rule(), `<div>${t.note}:${esc(r.note)}</div>`);
  s.push(rule());
  s.push(`<div class="qr">${qrSvg(r.qrPayload, o.width === '58mm' ? 26 : 32)}</div>`);
  s.push(`<div class="c small">${esc(r.qrPayload)}</div>`);
  s.push(`<div class="c" style="margin-top:2mm">${t.thanks}</div>`);
  s.push(`<div class="c small">${t.printed} ${esc(o.printedLocal)}</div>`);
  return s.join('\n');
}

function a4(r: ReceiptView, t: T, o: { reprint: boolean; printedLocal: string }): string {
  const tt = r.totals;
  const head = `<div class="head"><div><h1>${esc(r.store.name)}${o.reprint ? `<span class="reprint">${t.reprint}</span>` : ''}</h1>
<div class="muted">${esc(r.tenant.name)}${r.store.address ? ` · ${esc(r.store.address)}` : ''}${r.store.phone ? ` · ${t.phone} ${esc(r.store.phone)}` : ''}</div>
<div class="meta" style="margin-top:3mm"><span>${t.title}</span><span class="b">${esc(r.orderNo)}</span><span>${t.time}</span><span>${esc(r.localTime)}</span>${r.cashierName ? `<span>${t.cashier}</span><span>${esc(r.cashierName)}</span>` : ''}${
    r.member ? `<span>${t.member}</span><span>${esc(r.member.maskedName)} ${esc(r.member.memberNo)}${r.member.tierName ? ` <span class="tag">${esc(r.member.tierName)}</span>` : ''}</span>` : ''
  }</div></div><div class="c">${qrSvg(r.qrPayload, 28)}<div class="muted" style="font-size:8pt">${t.scan}</div></div></div>`;
  const rows = r.lines
    .map((l) => {
      const disc = l.tierDiscount + l.couponDiscount + (l.priceSource === 'member' ? (l.listPrice - l.unitPrice) * l.quantity : 0);
      const tags = [l.priceSource === 'member' ? t.memberPrice : '', l.priceSource === 'override' ? t.override : '', l.refundedQuantity ? `${t.refunded} ×${l.refundedQuantity}` : ''].filter(Boolean);
      return `<tr><td>${l.lineNo}</td><td>${esc(l.name)}${tags.map((x) => `<span class="tag">${esc(x)}</span>`).join('')}</td><td>${esc(l.sku ?? '')}</td><td class="n">${l.quantity}${esc(l.unit ?? '')}</td><td class="n">${money(l.priceSource === 'member' ? l.listPrice : l.unitPrice)}</td><td class="n">${disc ? neg(disc) : ''}</td><td class="n">${money(l.listTotal - l.tierDiscount - l.couponDiscount)}</td></tr>`;
    })
    .join('');
  const table = `<table><thead><tr><th>#</th><th>${t.item}</th><th>${t.sku}</th><th class="n">${t.qty}</th><th class="n">${t.price}</th><th class="n">${t.discount}</th><th class="n">${t.amount}</th></tr></thead><tbody>${rows}</tbody></table>`;
  const totals = [
    row(t.itemsTotal, money(tt.itemsTotal)),
    tt.memberPriceSavings ? row(t.memberSavings, neg(tt.memberPriceSavings)) : '',
    tt.tierDiscount ? row(`${t.tierDiscount}${tt.tierName ? `(${esc(tt.tierName)})` : ''}`, neg(tt.tierDiscount)) : '',
    tt.couponDiscount ? row(t.coupon, neg(tt.couponDiscount)) : '',
    tt.pointsUsed ? row(`${t.points}(${tt.pointsUsed}${t.unitPts})`, neg(tt.pointsValue)) : '',
    row(`<span class="b big">${t.payable}</span>`, `<span class="b big">¥${money(tt.payable)}</span>`),
  ].join('');
  const tenders = r.tenders
    .filter((x) => x.method !== 'points')
    .map((x) => row(`${esc(x.methodName)}${x.reference ? ` <span class="muted">${t.ref} ${esc(x.reference)}</span>` : ''}`, `${money(x.amount)}${x.tendered !== null ? ` <span class="muted">(${t.tendered} ${money(x.tendered)} ${t.change} ${money(x.changeGiven)})</span>` : ''}`))
    .join('');
  const member = r.member
    ? `<div class="box"><div class="b">${t.balances}</div>${row(t.storedValue, money(r.member.balancesAfter.storedValue))}${row(t.pointsBalance, `${r.member.balancesAfter.points}${r.member.balancesAfter.pendingPoints ? ` (+${r.member.balancesAfter.pendingPoints} ${t.pending})` : ''}`)}${tt.pointsEarned ? row(t.earned, `+${tt.pointsEarned}`) : ''}</div>`
    : '';
  const refunds = r.refunds.length
    ? `<h2>${t.refunds}</h2><table><tbody>${r.refunds.map((f) => `<tr><td>${esc(f.refundNo)}</td><td>${esc(f.localTime)}</td><td>${f.payments.map((p) => `${esc(p.methodName)} ${p.method === 'points' ? `${p.points}${t.unitPts}` : money(p.amount)}`).join(' / ')}</td><td class="n">${neg(f.total)}</td></tr>`).join('')}</tbody></table>`
    : '';
  return `${head}${table}<div class="boxes"><div class="box">${totals}<div style="margin-top:2mm">${tenders}</div></div>${member}</div>${refunds}${r.note ? `<p>${t.note}:${esc(r.note)}</p>` : ''}
<div class="foot"><span>${t.thanks}</span><span class="muted">${t.printed} ${esc(o.printedLocal)}</span></div>`;
}
