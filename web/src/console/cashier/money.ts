// Money on screen: amounts travel as integer fen and are shown as yuan (¥1,234.50). Typed
// amounts are parsed exactly (no floats): "12", "12.5", "12.50", "¥1,200" → fen, or null.

const GROUP = /\B(?=(\d{3})+(?!\d))/g;

/** ¥1,234.50 (negative: -¥12.00). */
export function yuan(fen: number | null | undefined, opts: { sign?: boolean } = {}): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const neg = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 100).toString().replace(GROUP, ',');
  const cents = String(abs % 100).padStart(2, '0');
  const sign = neg ? '-' : opts.sign && fen > 0 ? '+' : '';
  return `${sign}¥${whole}.${cents}`;
}

/** 1234.5 as "1234.50" (for an input's initial text). */
export function yuanPlain(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parse typed yuan into fen; null when it is not an amount (empty, letters, 3 decimals). */
export function parseYuan(text: string): number | null {
  const s = text.replace(/[¥￥,\s]/g, '');
  const m = /^(-)?(\d{0,12})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const fen = Number(m[2] || '0') * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** Basis points as a discount the desk reads: 1000 → "9 折" / "10 % off". */
export function discountLabel(bp: number, locale: 'zh-CN' | 'en'): string {
  if (locale === 'en') return `${Number((bp / 100).toFixed(2))}% off`;
  return `${Number(((10_000 - bp) / 1000).toFixed(2))} 折`;
}

/** Basis points as a percentage: 1300 → "13%". */
export function percent(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}
