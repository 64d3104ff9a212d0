// Printing the membership card the server draws (SVG, CR80 85.6 × 54 mm): a hidden frame holds
// a page of exactly that size, so card printers and A4 printers (at 100 %) print it true to size.
export function printMemberCard(member: { id: string; memberNo: string }): void {
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
    `<!doctype html><html><head><meta charset="utf-8"><title>${member.memberNo}</title>` +
      '<style>@page{size:85.6mm 54mm;margin:0}html,body{margin:0;padding:0}img{display:block;width:85.6mm;height:54mm}</style></head>' +
      `<body><img alt="${member.memberNo}" src="/api/v1/members/${encodeURIComponent(member.id)}/card"></body></html>`,
  );
  doc.close();
  const img = doc.querySelector('img');
  const go = () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    // Printing blocks until the dialog closes in most browsers; remove the frame afterwards.
    setTimeout(() => frame.remove(), 1000);
  };
  if (img && !img.complete) {
    img.addEventListener('load', go, { once: true });
    img.addEventListener('error', () => frame.remove(), { once: true });
  } else go();
}
