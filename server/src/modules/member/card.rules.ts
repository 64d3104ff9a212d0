import QRCode from 'qrcode';

/**
 * The member QR code and the printable membership card. Both carry the member number: the
 * desk's scanner types it into the search box, which finds the member by exact number.
 */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Dark modules of a QR code as one SVG path in module units (0..size). */
export function qrPath(text: string): { size: number; d: string } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (qr.modules.get(y, x)) d += `M${x} ${y}h1v1h-1z`;
  }
  return { size, d };
}

/** A standalone QR code SVG with a quiet zone. */
export function qrSvg(text: string, px: number): string {
  const { size, d } = qrPath(text);
  const total = size + 8;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="-4 -4 ${total} ${total}" shape-rendering="crispEdges"><rect x="-4" y="-4" width="${total}" height="${total}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

export interface CardContent {
  tenantName: string;
  memberName: string;
  memberNo: string;
  cardNo: string | null;
  caption: string;
}

/**
 * A CR80 card (85.6 × 53.98 mm; the viewBox is in 0.1 mm) with the brand, the member's name,
 * the member number in large digits and its QR code, for printing on a card printer or A4.
 */
export function cardSvg(c: CardContent): string {
  const { size, d } = qrPath(c.memberNo);
  const qrMm = 300;
  const scale = qrMm / (size + 4);
  const font = `'PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="85.6mm" height="53.98mm" viewBox="0 0 856 540">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1f3b73"/><stop offset="1" stop-color="#3b6fd1"/></linearGradient></defs>
  <rect width="856" height="540" rx="32" fill="url(#bg)"/>
  <text x="48" y="96" font-family="${font}" font-size="44" font-weight="700" fill="#fff">${escapeXml(c.tenantName)}</text>
  <text x="48" y="140" font-family="${font}" font-size="26" fill="#c9d8ff">${escapeXml(c.caption)}</text>
  <text x="48" y="330" font-family="${font}" font-size="60" font-weight="700" fill="#fff">${escapeXml(c.memberName)}</text>
  <text x="48" y="410" font-family="'DejaVu Sans Mono',Menlo,Consolas,monospace" font-size="52" letter-spacing="4" fill="#fff">${escapeXml(c.memberNo)}</text>
  ${c.cardNo ? `<text x="48" y="470" font-family="'DejaVu Sans Mono',Menlo,monospace" font-size="26" fill="#c9d8ff">${escapeXml(c.cardNo)}</text>` : ''}
  <rect x="508" y="170" width="${qrMm}" height="${qrMm}" rx="16" fill="#fff"/>
  <g transform="translate(${508 + 2 * scale} ${170 + 2 * scale}) scale(${scale})" shape-rendering="crispEdges"><path d="${d}" fill="#000"/></g>
</svg>`;
}
