import type { Locale } from '../../shared/i18n';
import { escapeXml } from './card.rules';

/** A member's data export as a self-contained, printable HTML page (no scripts, no external assets). */
const LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  profile: { 'zh-CN': '基本资料', en: 'Profile' },
  family: { 'zh-CN': '家庭成员', en: 'Family' },
  consents: { 'zh-CN': '授权同意记录', en: 'Consents' },
  sensitive: { 'zh-CN': '敏感个人信息', en: 'Sensitive personal data' },
  timeline: { 'zh-CN': '时间线', en: 'Timeline' },
  interactions: { 'zh-CN': '沟通记录', en: 'Interactions' },
  importantDates: { 'zh-CN': '重要日期', en: 'Important dates' },
  leads: { 'zh-CN': '咨询记录', en: 'Enquiries' },
  memberNo: { 'zh-CN': '会员编号', en: 'Member number' },
  name: { 'zh-CN': '姓名', en: 'Name' },
  gender: { 'zh-CN': '性别', en: 'Gender' },
  birthday: { 'zh-CN': '生日', en: 'Birthday' },
  mobile: { 'zh-CN': '手机号', en: 'Mobile' },
  email: { 'zh-CN': '邮箱', en: 'Email' },
  address: { 'zh-CN': '地址', en: 'Address' },
  cardNo: { 'zh-CN': '卡号', en: 'Card number' },
  tags: { 'zh-CN': '标签', en: 'Tags' },
  notes: { 'zh-CN': '备注', en: 'Notes' },
  createdAt: { 'zh-CN': '建档时间', en: 'Created' },
  occurredAt: { 'zh-CN': '时间', en: 'Time' },
  kind: { 'zh-CN': '类型', en: 'Kind' },
  summary: { 'zh-CN': '摘要', en: 'Summary' },
  dependents: { 'zh-CN': '孩子/家属', en: 'Dependents' },
  included: { 'zh-CN': '已包含', en: 'Included' },
};

function label(key: string, locale: Locale): string {
  return LABELS[key]?.[locale] ?? key;
}

function scalar(v: unknown): string {
  if (v === null || v === undefined || v === '') return '<span class="empty">—</span>';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'object') return `<code>${escapeXml(JSON.stringify(v))}</code>`;
  return escapeXml(String(v));
}

function render(v: unknown, locale: Locale, depth: number): string {
  if (Array.isArray(v)) {
    if (!v.length) return '<p class="empty">—</p>';
    if (v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      const cols = [...new Set(v.flatMap((x) => Object.keys(x as object)))];
      const head = cols.map((c) => `<th>${escapeXml(label(c, locale))}</th>`).join('');
      const body = v
        .map((row) => `<tr>${cols.map((c) => `<td>${depth < 3 && (row as Record<string, unknown>)[c] && typeof (row as Record<string, unknown>)[c] === 'object' ? render((row as Record<string, unknown>)[c], locale, depth + 1) : scalar((row as Record<string, unknown>)[c])}</td>`).join('')}</tr>`)
        .join('');
      return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
    }
    return `<p>${v.map(scalar).join('、')}</p>`;
  }
  if (v && typeof v === 'object') {
    const rows = Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `<tr><th>${escapeXml(label(k, locale))}</th><td>${x && typeof x === 'object' && depth < 3 ? render(x, locale, depth + 1) : scalar(x)}</td></tr>`)
      .join('');
    return `<table class="kv">${rows}</table>`;
  }
  return `<p>${scalar(v)}</p>`;
}

export function renderDataExportHtml(data: Record<string, unknown> & { exportedAt: string; business: string }, locale: Locale): string {
  const title = locale === 'en' ? 'Personal data export' : '个人信息副本';
  const intro =
    locale === 'en'
      ? `Personal data held by ${data.business}, exported ${data.exportedAt}.`
      : `${data.business} 保存的个人信息,导出时间 ${data.exportedAt}。`;
  const sections = Object.entries(data)
    .filter(([k]) => k !== 'exportedAt' && k !== 'business')
    .map(([k, v]) => `<section><h2>${escapeXml(label(k, locale))}</h2>${render(v, locale, 0)}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>
body{font-family:'PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif;margin:2em auto;max-width:960px;color:#222;line-height:1.5}
h1{font-size:1.6em}h2{font-size:1.2em;border-bottom:2px solid #3b6fd1;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.4em 0}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f4f6fb;white-space:nowrap}table.kv th{width:12em}.empty{color:#999}code{font-size:.85em;white-space:pre-wrap}
@media print{body{margin:0}}
</style></head><body>
<h1>${escapeXml(title)}</h1><p>${escapeXml(intro)}</p>
${sections}
</body></html>`;
}
