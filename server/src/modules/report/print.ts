import QRCode from 'qrcode';
import type { Locale } from '../../shared/i18n';
import { formatYuan } from '../../shared/money';

/**
 * Printable pages for the browser: thermal receipt paper (58 mm and 80 mm rolls) and A4. Each
 * page is self-contained (inline CSS and SVG, no scripts, no external assets), sized with
 * @page so the print dialog picks the right paper, and laid out in a monospace face with
 * Chinese fallbacks so columns line up on a thermal printer.
 */
export const PAPER_WIDTHS = ['58mm', '80mm', 'a4'] as const;
export type PaperWidth = (typeof PAPER_WIDTHS)[number];

export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** 123456 → "1,234.56"; -500 → "-5.00". */
export function money(fen: number): string {
  const [int, dec] = formatYuan(fen).split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  return `${neg ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}

/** An instant as the desk reads it, in the tenant's time zone: 2026-11-22 10:15. */
export function localTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour') === '24' ? '00' : get('hour')}:${get('minute')}`;
}

/** A QR code as inline SVG (module units scaled to the given size in mm). */
export function qrSvg(text: string, sizeMm: number): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  let d = '';
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (qr.modules.get(y, x)) d += `M${x} ${y}h1v1h-1z`;
  const total = n + 4;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${sizeMm}mm" height="${sizeMm}mm" viewBox="-2 -2 ${total} ${total}" shape-rendering="crispEdges" role="img" aria-label="${esc(text)}"><rect x="-2" y="-2" width="${total}" height="${total}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

export const row = (left: string, right: string, cls = '') => `<div class="row ${cls}"><span class="l">${left}</span><span class="r">${right}</span></div>`;
export const rule = (heavy = false) => `<div class="rule${heavy ? ' heavy' : ''}"></div>`;

const MONO = `"Noto Sans Mono CJK SC","WenQuanYi Zen Hei Mono","WenQuanYi Micro Hei Mono","Sarasa Mono SC","DejaVu Sans Mono",Menlo,Consolas,"WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",monospace`;
const SANS = `"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei","Helvetica Neue",Arial,sans-serif`;

function css(width: PaperWidth): string {
  if (width === 'a4') {
    return `@page{size:A4;margin:14mm 14mm 16mm}
html,body{margin:0;padding:0}
body{font:10.5pt/1.5 ${SANS};color:#111;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.paper{width:182mm;margin:0 auto}
@media screen{body{background:#e9e9e9;padding:16px 0}.paper{background:#fff;padding:14mm;box-shadow:0 1px 4px rgba(0,0,0,.2)}}
h1{font-size:16pt;margin:0 0 1mm}h2{font-size:11.5pt;margin:6mm 0 2mm;border-left:3px solid #111;padding-left:2mm}
.head{display:flex;justify-content:space-between;align-items:flex-start;gap:8mm;border-bottom:2px solid #111;padding-bottom:3mm;margin-bottom:4mm}
.muted{color:#555}.meta{display:grid;grid-template-columns:max-content auto;gap:.5mm 4mm;font-size:9.5pt}
table{width:100%;border-collapse:collapse;font-size:9.5pt}th,td{border-bottom:1px solid #ccc;padding:1.4mm 1.6mm;text-align:left;vertical-align:top}
th{background:#f2f2f2;border-bottom:1px solid #888;font-weight:600}td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.total td{border-top:1.5px solid #111;border-bottom:none;font-weight:700}
.boxes{display:grid;grid-template-columns:1fr 1fr;gap:5mm;margin-top:4mm}.box{border:1px solid #bbb;border-radius:1.5mm;padding:2.5mm 3mm}
.row{display:flex;justify-content:space-between;gap:4mm}.row .r{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.b{font-weight:700}.big{font-size:13pt}.neg{color:#000}.c{text-align:center}.tag{display:inline-block;border:1px solid #888;border-radius:1mm;padding:0 1mm;font-size:8pt;margin-left:1mm}
.foot{margin-top:8mm;display:flex;justify-content:space-between;align-items:flex-end;font-size:9pt}.sign{display:flex;gap:14mm;margin-top:10mm}.sign span{border-top:1px solid #111;padding-top:1mm;min-width:45mm;display:inline-block}
.reprint{border:2px solid #111;padding:0 2mm;font-weight:700;margin-left:3mm}`;
  }
  const paper = width === '58mm' ? 58 : 80;
  const printable = width === '58mm' ? 48 : 72;
  const font = width === '58mm' ? 11 : 12;
  return `@page{size:${paper}mm auto;margin:0}
html,body{margin:0;padding:0}
body{font:${font}px/1.45 ${MONO};color:#000;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.paper{width:${printable}mm;margin:0 auto;padding:3mm ${(paper - printable) / 2}mm 8mm}
@media screen{body{background:#e9e9e9;padding:16px 0}.paper{background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.2)}}
.c{text-align:center}.b{font-weight:700}.big{font-size:1.4em;line-height:1.3}.small{font-size:.88em}
.row{display:flex;justify-content:space-between;gap:2mm}.row .l{flex:1 1 auto;min-width:0;overflow-wrap:anywhere}.row .r{flex:0 0 auto;text-align:right;white-space:nowrap}
.sub{padding-left:1.2em;font-size:.92em}.rule{border-top:1px dashed #000;margin:1.6mm 0}.rule.heavy{border-top:2px solid #000}
.item{margin-top:.8mm}.qr{display:flex;justify-content:center;margin:2mm 0 1mm}
.reprint{border:1.5px solid #000;padding:0 1.5mm;display:inline-block;margin-top:1mm;font-weight:700}`;
}

/** A whole printable document. */
export function printPage(opts: { title: string; width: PaperWidth; locale: Locale; body: string }): string {
  return `<!doctype html>
<html lang="${opts.locale === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(opts.title)}</title>
<style>${css(opts.width)}</style></head>
<body class="w-${opts.width}"><div class="paper">${opts.body}</div></body></html>`;
}

/** Bilingual labels for printed pages. */
export function labels<T extends Record<string, { 'zh-CN': string; en: string }>>(defs: T, locale: Locale): { [K in keyof T]: string } {
  return Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, v[locale]])) as { [K in keyof T]: string };
}
