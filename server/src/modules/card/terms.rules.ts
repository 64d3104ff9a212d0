import type { CardTerms } from '../../db/schema';
import type { Locale } from '../../shared/i18n';
import { formatYuan } from '../../shared/money';

/**
 * The terms a member is shown and signs at sale (refund terms first, as training-school rules
 * require), written from the card's own terms so the printed text always matches what the
 * system will do. Lines of plain text: the console and receipts lay them out.
 */
const yuan = (fen: number) => `¥${formatYuan(fen)}`;
const bp = (v: number) => `${(v / 100).toFixed(v % 100 === 0 ? 0 : 2)}%`;

export function termsLines(t: CardTerms, l: Locale, extra: (string | null)[] = []): string[] {
  const zh = l === 'zh-CN';
  const out: string[] = [];
  const unit = t.sessionUnit === 'class_hour' ? (zh ? '课时' : 'class hours') : zh ? '次' : 'sessions';
  const basis = t.sessions !== null ? (zh ? `已使用${unit}` : `${unit} used`) : zh ? '已使用天数(不含停卡天数)' : 'days used (frozen days excluded)';
  // What it is.
  const validity = t.validity ? (t.validity.unit === 'month' ? (zh ? `${t.validity.count} 个月` : `${t.validity.count} month(s)`) : zh ? `${t.validity.count} 天` : `${t.validity.count} day(s)`) : zh ? '长期有效' : 'no expiry';
  out.push(
    zh
      ? `内容:${t.sessions !== null ? `${t.sessions}${unit}` : '有效期内不限次数'},有效期 ${validity}${t.perDayCap ? `,每日限 ${t.perDayCap} 次` : ''}${t.perWeekCap ? `,每周限 ${t.perWeekCap} 次` : ''}`
      : `Includes: ${t.sessions !== null ? `${t.sessions} ${unit}` : 'unlimited use'} within ${validity}${t.perDayCap ? `, at most ${t.perDayCap} a day` : ''}${t.perWeekCap ? `, at most ${t.perWeekCap} a week` : ''}`,
  );
  const activation = {
    purchase: zh ? '购买当日开卡' : 'starts on the day of purchase',
    date: zh ? '按约定日期开卡' : 'starts on the agreed date',
    first_use: zh ? `首次使用当日开卡${t.activationDeadlineDays ? `(购买后 ${t.activationDeadlineDays} 天内未使用则自动开卡)` : ''}` : `starts on first use${t.activationDeadlineDays ? ` (automatically ${t.activationDeadlineDays} days after purchase if unused)` : ''}`,
  }[t.activationMode];
  out.push(zh ? `开卡:${activation}` : `Activation: ${activation}`);
  const scope = { issuing_store: zh ? '仅限购卡门店使用' : 'valid at the issuing store only', issuing_region: zh ? '限购卡门店所在区域的门店使用' : 'valid at the stores of the issuing store’s region', all_stores: zh ? '全部门店通用' : 'valid at every store' }[t.storeScope];
  out.push(zh ? `适用门店:${scope}` : `Stores: ${scope}`);

  // Refund terms.
  const r = t.refund;
  if (!r.isAllowed) out.push(zh ? '退卡:本卡售出后不予退款' : 'Refunds: this card cannot be refunded');
  else {
    const formula = {
      proportional: zh ? `退款金额 = 实付金额 − 实付金额 × ${basis} ÷ 总数` : `refund = amount paid − amount paid × ${basis} ÷ total`,
      package_unit_price: zh ? `退款金额 = 实付金额 − 原价单价 × ${basis}` : `refund = amount paid − package list unit price × ${basis}`,
      list_price_capped: zh
        ? `退款金额 = 实付金额 − ${basis} × 单次原价 ${yuan(r.unitListPrice ?? 0)}(扣除额最多为实付金额的 ${bp(r.deductionCapBp)})`
        : `refund = amount paid − ${basis} × single-use list price ${yuan(r.unitListPrice ?? 0)} (deduction at most ${bp(r.deductionCapBp)} of the amount paid)`,
    }[r.formula];
    out.push(zh ? `退卡:${formula}` : `Refunds: ${formula}`);
    if (r.feeFixed > 0 || r.feeBp > 0) {
      const fee = [r.feeFixed > 0 ? yuan(r.feeFixed) : null, r.feeBp > 0 ? (zh ? `实付金额的 ${bp(r.feeBp)}` : `${bp(r.feeBp)} of the amount paid`) : null].filter(Boolean).join(' + ');
      out.push(zh ? `退卡手续费:${fee}` : `Refund fee: ${fee}`);
    }
    out.push(zh ? '退款金额不低于零、不超过实付金额,以退款报价单为准,确认后退回原支付方式' : 'The refund is never below zero nor above what was paid; it follows the printed quote and goes back to the original payment method');
    if (!r.isAllowedAfterExpiry) out.push(zh ? '过期后不予退款,过期未使用的次数作废' : 'No refund after expiry; sessions unused at expiry lapse');
  }
  const f = t.freeze;
  if (!f.isAllowed) out.push(zh ? '停卡:本卡不可停卡' : 'Freezing: not available');
  else {
    const limits = [
      zh ? `每次 ${f.minDays}–${f.maxDays} 天` : `${f.minDays}–${f.maxDays} days each`,
      f.maxTimes !== null ? (zh ? `最多 ${f.maxTimes} 次` : `at most ${f.maxTimes} times`) : null,
      f.maxTotalDays !== null ? (zh ? `累计不超过 ${f.maxTotalDays} 天` : `${f.maxTotalDays} days in all`) : null,
      f.noticeDays > 0 ? (zh ? `需提前 ${f.noticeDays} 天申请` : `${f.noticeDays} days’ notice`) : null,
      f.fee > 0 ? (zh ? `每次手续费 ${yuan(f.fee)}` : `fee ${yuan(f.fee)} each`) : null,
      f.isExpiryExtended ? (zh ? '有效期顺延' : 'the expiry moves by the days frozen') : zh ? '有效期不顺延' : 'the expiry does not move',
    ].filter(Boolean);
    out.push(zh ? `停卡:${limits.join(',')}` : `Freezing: ${limits.join(', ')}`);
  }
  const tr = t.transfer;
  out.push(
    tr.isAllowed
      ? zh
        ? `转卡:可转让给其他会员${tr.fee > 0 ? `,手续费 ${yuan(tr.fee)}` : ''}${tr.maxTimes !== null ? `,最多 ${tr.maxTimes} 次` : ''};停卡中或已过期的卡不可转让`
        : `Transfers: to another member${tr.fee > 0 ? `, fee ${yuan(tr.fee)}` : ''}${tr.maxTimes !== null ? `, at most ${tr.maxTimes} times` : ''}; not while frozen or after expiry`
      : zh
        ? '转卡:本卡不可转让'
        : 'Transfers: not available',
  );
  if (t.family.isAllowed) out.push(zh ? `家庭共享:持卡人可指定最多 ${t.family.maxMembers} 名家庭成员使用` : `Family: the holder may name up to ${t.family.maxMembers} family members who may use it`);
  for (const e of [t.refundTermsText, ...extra]) if (e && e.trim()) out.push(e.trim());
  return out;
}
