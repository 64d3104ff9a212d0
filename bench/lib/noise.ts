import { readFileSync, readdirSync } from 'node:fs';
import type { Measurement } from './result';

/**
 * Other processes' CPU use during a measurement. The bench shares a 2-core machine: a test run
 * started by someone else halves a number without warning. Each row says how many cores others
 * used while it was measured, so a disturbed number is visible as such (Linux only: read from
 * /proc; elsewhere nothing is reported).
 *
 * Others = the machine's user-mode CPU (from /proc/stat, so processes that started and ended
 * inside the window count too) minus the user-mode CPU of our own processes. Kernel time is left
 * out on purpose: most of it is our own loopback traffic, fsyncs and writeback. CPU the
 * hypervisor took away (steal) is reported beside it.
 */
const TICKS_PER_S = 100; // USER_HZ on Linux

interface Snapshot {
  at: number;
  userTicks: number;
  stealTicks: number;
  procs: Map<number, { comm: string; utime: number; start: string }>;
}

function snapshot(): Snapshot | null {
  let pids: string[];
  let userTicks: number;
  let stealTicks: number;
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    userTicks = cpu[0] + cpu[1];
    stealTicks = cpu[7] ?? 0;
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const procs: Snapshot['procs'] = new Map();
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // fields[0] is field 3 (state): utime is field 14, starttime 22.
      procs.set(Number(p), { comm, utime: Number(fields[11]), start: fields[19] });
    } catch {
      // the process ended while we looked
    }
  }
  return { at: performance.now(), userTicks, stealTicks, procs };
}

export interface Noise {
  /** Average cores other processes used during the window (user mode). */
  otherCores: number;
  /** Average cores the hypervisor took away. */
  stolenCores: number;
  /** The busiest others still running at the end, e.g. "node 0.80, chromium 0.20". */
  top: string;
}

/**
 * Start watching; `stop()` returns the others' CPU since then. `ours` are the bench's own
 * processes; PostgreSQL server processes count as ours when the measurement uses PostgreSQL.
 */
export function watchNoise(opts: { ours: () => number[]; postgresIsOurs: boolean }): { stop(): Noise | null } {
  const before = snapshot();
  return {
    stop() {
      const after = snapshot();
      if (!before || !after) return null;
      const seconds = (after.at - before.at) / 1000;
      const cores = (ticks: number) => Math.max(0, ticks) / TICKS_PER_S / seconds;
      const ours = new Set([process.pid, ...opts.ours()]);
      let oursTicks = 0;
      const byComm = new Map<string, number>();
      for (const [pid, a] of after.procs) {
        const b = before.procs.get(pid);
        const d = a.utime - (b?.start === a.start ? b.utime : 0);
        if (d <= 0) continue;
        if (ours.has(pid) || (opts.postgresIsOurs && a.comm === 'postgres')) oursTicks += d;
        else byComm.set(a.comm, (byComm.get(a.comm) ?? 0) + d);
      }
      const top = [...byComm.entries()]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 3)
        .filter(([, t]) => cores(t) >= 0.01)
        .map(([c, t]) => `${c} ${cores(t).toFixed(2)}`)
        .join(', ');
      return { otherCores: cores(after.userTicks - before.userTicks - oursTicks), stolenCores: cores(after.stealTicks - before.stealTicks), top };
    },
  };
}

/** Above this, a row is marked as disturbed. */
export const NOISE_THRESHOLD_CORES = 0.15;

export function noiseNote(n: Noise | null): string | undefined {
  if (!n) return undefined;
  const parts: string[] = [];
  if (n.otherCores >= NOISE_THRESHOLD_CORES) parts.push(`other processes used ${n.otherCores.toFixed(2)} cores meanwhile${n.top ? ` (${n.top})` : ''}`);
  if (n.stolenCores >= NOISE_THRESHOLD_CORES) parts.push(`the hypervisor took ${n.stolenCores.toFixed(2)} cores`);
  return parts.length ? `DISTURBED: ${parts.join('; ')}` : undefined;
}

export interface NoiseWindow {
  begin(): void;
  end(): void;
}

export interface WatchOptions {
  ours: () => number[];
  postgresIsOurs: boolean;
  /** Measure again (after a pause) up to this many times while others disturb it; the least disturbed attempt is kept. */
  retries?: number;
  log?: (line: string) => void;
}

const RETRY_PAUSE_MS = 3000;

/**
 * Run a measurement while watching the others; the result says whether it was disturbed. A
 * measurement whose own processes end before it returns (pg backends of a closed pool: their
 * CPU would count as others') marks its window itself with `win.begin()` / `win.end()`.
 */
export async function watched(opts: WatchOptions, fn: (win: NoiseWindow) => Measurement | Promise<Measurement>): Promise<Measurement> {
  let best: { m: Measurement; n: Noise | null; score: number } | null = null;
  const retries = opts.retries ?? 0;
  let attempt = 0;
  for (; ; attempt++) {
    let w: ReturnType<typeof watchNoise> | null = null;
    let n: Noise | null | undefined;
    const win: NoiseWindow = {
      begin: () => {
        w = watchNoise(opts);
      },
      end: () => {
        n ??= w?.stop() ?? null;
      },
    };
    win.begin();
    const m = await fn(win);
    win.end();
    const noise = n ?? null;
    const score = noise ? noise.otherCores + noise.stolenCores : 0;
    if (!best || score < best.score) best = { m, n: noise, score };
    const note = noiseNote(noise);
    if (!note || attempt >= retries) break;
    opts.log?.(`  ${note}: measuring again`);
    await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
  }
  const { m, n } = best;
  const attempts = attempt > 0 ? `least disturbed of ${attempt + 1} attempts` : undefined;
  return { ...m, otherCores: n?.otherCores ?? null, notes: [m.notes, noiseNote(n), noiseNote(n) ? undefined : attempts].filter(Boolean).join('; ') || undefined };
}
