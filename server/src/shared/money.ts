/**
 * The one money module. Amounts are integers in fen (0.01 CNY) everywhere: database (BIGINT),
 * code and JSON. Rounding happens here and only here: half-up to the fen, remainders assigned
 * deterministically to the last share.
 */
export type Fen = number;

export const MAX_FEN = Number.MAX_SAFE_INTEGER;

export function isFen(v: unknown): v is Fen {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

export function assertFen(v: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(v)) throw new RangeError(`${what} must be an integer number of fen, got ${v}`);
  return v;
}

/** Parse a yuan string such as "12.5" or "-0.01" into fen, refusing more than two decimals. */
export function parseYuan(text: string): Fen {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a yuan amount: ${text}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount out of range: ${text}`);
  return m[1] ? -fen : fen;
}

/** 1234 → "12.34"; -5 → "-0.05". */
export function formatYuan(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Divide with half-up rounding (away from zero on .5), for integers. */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  if (denominator === 0) throw new RangeError('division by zero');
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor(n / d);
  const r = n - q * d;
  return sign * (r * 2 >= d ? q + 1 : q);
}

/** amount × basisPoints / 10000, half-up. 10000 bp = 100 %. */
export function applyBasisPoints(amount: Fen, basisPoints: number): Fen {
  return divRoundHalfUp(amount * basisPoints, 10_000);
}

/** amount × numerator / denominator, half-up (proportional shares, e.g. refund quotes). */
export function prorate(amount: Fen, numerator: number, denominator: number): Fen {
  return divRoundHalfUp(amount * numerator, denominator);
}

/**
 * Split `total` into shares proportional to `weights`. Every share is rounded down, and the
 * remainder goes to the last share with a non-zero weight, so the shares always sum to `total`.
 */
export function allocate(total: Fen, weights: number[]): Fen[] {
  assertFen(total, 'total');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  if (weights.some((w) => w < 0)) throw new RangeError('weights must not be negative');
  if (sum === 0) {
    const out = weights.map(() => 0);
    out[out.length - 1] = total;
    return out;
  }
  const shares = weights.map((w) => Math.trunc((total * w) / sum));
  const assigned = shares.reduce((a, b) => a + b, 0);
  let last = weights.length - 1;
  while (last > 0 && weights[last] === 0) last--;
  shares[last] += total - assigned;
  return shares;
}

export function sumFen(values: Fen[]): Fen {
  let s = 0;
  for (const v of values) s += assertFen(v);
  return assertFen(s, 'sum');
}
