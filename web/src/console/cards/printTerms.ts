// Printing a card's terms of sale (refund terms included) for the member to sign: the server
// gives the lines in the staff member's language; a hidden frame holds an A4 page.
import { api, call } from '../../api/client';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export async function printCardTerms(cardId: string, labels: { holder: string; signature: string; date: string }, holderName: string): Promise<void> {
  const terms = await call(api.GET('/api/v1/member-cards/{cardId}/terms', { params: { path: { cardId } } }));
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
  document.body.appendChild(frame);
  const doc = frame.contentDocument;
  if (!doc) {
    frame.remove();
    return;
  }
  doc.open();
  doc.write(
    `<!doctype html><html><head><meta charset="utf-8"><title>${esc(terms.cardNo)}</title>` +
      '<style>@page{size:A4;margin:18mm}body{font:12pt/1.6 sans-serif;color:#000}h1{font-size:16pt;margin:0 0 4mm}ol{padding-left:6mm}.sign{margin-top:14mm;display:flex;gap:20mm}</style></head>' +
      `<body><h1>${esc(terms.name)} · ${esc(terms.cardNo)}</h1><div>${esc(labels.holder)}:${esc(holderName)}</div>` +
      `<ol>${terms.lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ol>` +
      `<div class="sign"><span>${esc(labels.signature)}:____________</span><span>${esc(labels.date)}:____________</span></div></body></html>`,
  );
  doc.close();
  frame.contentWindow?.focus();
  frame.contentWindow?.print();
  setTimeout(() => frame.remove(), 1000);
}
