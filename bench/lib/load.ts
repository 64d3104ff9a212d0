import autocannon from 'autocannon';
import type { Measurement } from './result';
import { LatencyRecorder } from './stats';

/**
 * The HTTP load driver: autocannon in this (the parent) process against a server in a child
 * process. A warm-up run (JIT, statement caches, connection pools) is discarded; the measured
 * run records every 2xx latency with microsecond resolution (autocannon's own histogram keeps
 * whole milliseconds only).
 */
export interface HttpRequestSpec {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  /** JSON text for writes. */
  body?: string;
}

export interface LoadSettings {
  connections: number;
  durationS: number;
  warmupS: number;
}

async function blast(baseUrl: string, req: HttpRequestSpec, connections: number, seconds: number, rec: LatencyRecorder | null) {
  const instance = autocannon({
    url: new URL(req.path, baseUrl).toString(),
    method: req.method ?? 'GET',
    headers: { ...(req.body ? { 'content-type': 'application/json' } : {}), ...req.headers },
    body: req.body,
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    // autocannon stops at the first sample tick after the duration: tick often so windows are exact.
    sampleInt: 100,
  });
  if (rec) {
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) rec.record(ms);
    });
  }
  return instance;
}

export async function measureHttp(baseUrl: string, req: HttpRequestSpec, s: LoadSettings): Promise<Measurement & { statusCodes: Record<string, number> }> {
  if (s.warmupS > 0) await blast(baseUrl, req, s.connections, s.warmupS, null);
  const rec = new LatencyRecorder();
  const r = await blast(baseUrl, req, s.connections, s.durationS, rec);
  const ok = r['2xx'];
  const [p50, p99] = rec.percentiles([50, 99]);
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, v]) => [code, v.count]));
  const bad = r.non2xx + r.errors + r.timeouts;
  return {
    metric: 'req/s',
    value: ok / r.duration,
    p50,
    p99,
    samples: ok,
    errors: bad,
    notes: bad ? `status codes ${JSON.stringify(statusCodes)}, socket errors ${r.errors}, timeouts ${r.timeouts}` : undefined,
    statusCodes,
  };
}

/** Load without measuring (the profiled pass). */
export async function loadOnly(baseUrl: string, req: HttpRequestSpec, connections: number, seconds: number): Promise<void> {
  await blast(baseUrl, req, connections, seconds, null);
}
