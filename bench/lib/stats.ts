/**
 * Latency samples in milliseconds (float, microsecond resolution) and their percentiles.
 * autocannon's own histogram rounds to whole milliseconds, which hides everything under 1 ms,
 * so the load driver and the TPC-B loops record here instead.
 */
export class LatencyRecorder {
  #data = new Float64Array(1 << 16);
  #n = 0;

  record(ms: number): void {
    if (this.#n === this.#data.length) {
      const next = new Float64Array(this.#data.length * 2);
      next.set(this.#data);
      this.#data = next;
    }
    this.#data[this.#n++] = ms;
  }

  get count(): number {
    return this.#n;
  }

  /** Percentiles (0–100) by nearest rank; NaN when nothing was recorded. */
  percentiles(ps: number[]): number[] {
    if (this.#n === 0) return ps.map(() => Number.NaN);
    const sorted = this.#data.slice(0, this.#n).sort();
    return ps.map((p) => sorted[Math.min(this.#n - 1, Math.max(0, Math.ceil((p / 100) * this.#n) - 1))]);
  }
}

/** A uniform random integer in [lo, hi]. */
export function randomInt(lo: number, hi: number): number {
  return lo + Math.floor(Math.random() * (hi - lo + 1));
}
