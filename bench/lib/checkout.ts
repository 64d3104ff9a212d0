import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { watched } from './noise';
import type { BenchOptions } from './options';
import { type CpuProfile, summariseProfile } from './profile';
import type { Measurement } from './result';
import type { ScenarioContext } from './scenario';
import type { TesseraServer } from './tessera';
import { LatencyRecorder } from './stats';

/**
 * The load of the checkout scenarios: POST /api/v1/orders by `clients` concurrent tills, each
 * client always the same till (its own member, its own store), every request with a fresh
 * Idempotency-Key — so autocannon is driven with a per-request setup instead of one fixed request.
 */
export interface CheckoutLoad {
  /** Scenario name, for the profile files. */
  name: string;
  clients: number;
  /** The JSON body of client `i`'s checkout. */
  body(client: number): string;
  /** Throw when the probe checkout is not what the scenario means to measure. */
  check(status: number, order: Record<string, unknown>): void;
}

function blast(url: string, load: CheckoutLoad, headers: Record<string, string>, seconds: number, rec: LatencyRecorder | null) {
  let nextClient = 0;
  const instance = autocannon({
    url,
    connections: load.clients,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    sampleInt: 100,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/orders',
        setupRequest(req: Record<string, unknown>, context: { client?: number }) {
          context.client ??= nextClient++ % load.clients;
          return { ...req, headers: { ...headers, 'idempotency-key': randomUUID() }, body: load.body(context.client) };
        },
      },
    ],
  } as unknown as Parameters<typeof autocannon>[0]);
  if (rec) {
    instance.on('response', (_c: unknown, status: number, _b: number, ms: number) => {
      if (status >= 200 && status < 300) rec.record(ms);
    });
  }
  return instance;
}

/** Probe once, then warm up, measure (and profile with --profile) the checkout load. */
export async function measureCheckout(ctx: ScenarioContext, server: TesseraServer, session: { cookie: string; csrfToken: string }, load: CheckoutLoad): Promise<Measurement> {
  const headers = { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': 'zh-CN' };
  const probe = await server.fetchJson('/api/v1/orders', { method: 'POST', headers: { ...headers, 'idempotency-key': randomUUID() }, body: load.body(0) });
  load.check(probe.status, (probe.body ?? {}) as Record<string, unknown>);
  const o = ctx.load as BenchOptions;
  const m = await watched({ ours: () => [server.pid], postgresIsOurs: ctx.db === 'postgres', retries: o.retries, log: ctx.log }, async () => {
    if (o.warmupS > 0) await blast(server.url, load, headers, o.warmupS, null);
    const rec = new LatencyRecorder();
    const r = await blast(server.url, load, headers, o.durationS, rec);
    const [p50, p99] = rec.percentiles([50, 99]);
    const bad = r.non2xx + r.errors + r.timeouts;
    const codes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, v]) => [code, v.count]));
    return { metric: 'tx/s', value: r['2xx'] / r.duration, p50, p99, samples: r['2xx'], errors: bad, notes: bad ? `status codes ${JSON.stringify(codes)}, socket errors ${r.errors}, timeouts ${r.timeouts}` : undefined };
  });
  if (o.profile) {
    ctx.log(`  profiling ${load.name} [${ctx.db}]`);
    const file = join(o.outDir, `profile-${load.name}-${ctx.db}.cpuprofile`);
    await server.profileStart();
    await blast(server.url, load, headers, o.durationS, null);
    await server.profileStop(file);
    const summary = summariseProfile(`${load.name} [${ctx.db}]`, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
    writeFileSync(join(o.outDir, `profile-${load.name}-${ctx.db}.md`), `# Profile: ${summary.label}\n\n${summary.markdown}\n`);
  }
  return { ...m, notes: [`${load.clients} clients (not --connections)`, m.notes].filter(Boolean).join('; ') };
}
