import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus, platform } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CEILINGS, type CeilingName, runDbCeilings, runHelloCeiling } from './ceilings';
import { probePostgres, redactUrl } from './databases';
import { loadOnly, measureHttp } from './load';
import { watched } from './noise';
import { type BenchOptions, UsageError } from './options';
import { type CpuProfile, type ProfileSummary, summariseProfile } from './profile';
import { type BenchReport, type BenchResult, type DbKind, measuredRow, ratioOf, unmeasuredRow } from './result';
import type { Scenario, ScenarioContext } from './scenario';
import { freshTesseraDatabase, seedThroughServices, startTessera } from './tessera';

/**
 * One bench run: ceilings first (nothing else running), then each scenario on each database,
 * each on a fresh database with its own server process; then ratios.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function gitDescribe(): string | null {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'bench'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return null;
  }
}

/** Which scenarios and ceilings a run covers: --only names either; a scenario brings its ceilings. */
export function plan(scenarios: Scenario[], only: string[]): { scenarios: Scenario[]; ceilings: Set<CeilingName> } {
  const known = new Set<string>([...scenarios.map((s) => s.name), ...CEILINGS.map((c) => c.name)]);
  const unknown = only.filter((n) => !known.has(n));
  if (unknown.length) throw new UsageError(`unknown scenario or ceiling: ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  const chosen = only.length ? scenarios.filter((s) => only.includes(s.name)) : scenarios;
  const ceilings = new Set<CeilingName>(only.length ? (only.filter((n) => CEILINGS.some((c) => c.name === n)) as CeilingName[]) : CEILINGS.map((c) => c.name));
  for (const s of chosen) for (const c of s.ceilings) ceilings.add(c);
  return { scenarios: chosen, ceilings };
}

export async function runBench(o: BenchOptions, scenarioList: Scenario[], log: (line: string) => void = () => {}): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const { scenarios, ceilings } = plan(scenarioList, o.only);
  mkdirSync(o.outDir, { recursive: true });

  let pgNote = 'not requested (--db)';
  const dbs: DbKind[] = [];
  if (o.databases.includes('sqlite')) dbs.push('sqlite');
  let pgSkip: string | null = null;
  if (o.databases.includes('postgres')) {
    const probe = await probePostgres(o.pgUrl);
    if (probe.ok) {
      dbs.push('postgres');
      pgNote = `${probe.version} at ${redactUrl(o.pgUrl).replace(/\/[^/]*$/, '')}, ${probe.settings}; fresh database per ceiling set and per scenario, dropped afterwards`;
    } else {
      pgSkip = `PostgreSQL unreachable at ${redactUrl(o.pgUrl)} (${probe.reason}): rows skipped`;
      pgNote = pgSkip;
      log(pgSkip);
    }
  }

  const results: BenchResult[] = [];
  const profiles: ProfileSummary[] = [];

  // ---- ceilings ----
  if (ceilings.has('http-hello')) {
    try {
      results.push(await runHelloCeiling(o, log));
    } catch (err) {
      results.push(unmeasuredRow('ceiling', 'http-hello', 'none', 'req/s', 'failed', (err as Error).message));
    }
  }
  for (const kind of dbs) results.push(...(await runDbCeilings(kind, ceilings, o, log)));
  if (pgSkip) {
    for (const c of CEILINGS) {
      if (ceilings.has(c.name) && c.databases.includes('postgres')) results.push(unmeasuredRow('ceiling', c.name, 'postgres', c.name.startsWith('tpcb') ? 'tx/s' : 'req/s', 'skipped', pgSkip));
    }
  }
  const ceilingRow = (name: CeilingName, db: DbKind) =>
    results.find((r) => r.kind === 'ceiling' && r.scenario === name && (r.database === db || r.database === 'none'));

  // ---- scenarios ----
  for (const s of scenarios) {
    for (const db of s.databases ?? (['sqlite', 'postgres'] as DbKind[])) {
      if (!o.databases.includes(db)) continue;
      if (db === 'postgres' && pgSkip) {
        results.push(unmeasuredRow('scenario', s.name, db, 'req/s', 'skipped', pgSkip));
        continue;
      }
      log(`scenario ${s.name} [${db}]`);
      const drops: (() => Promise<void>)[] = [];
      const ctx: ScenarioContext = {
        scenario: s.name,
        db,
        load: o,
        log,
        async startTessera(seed) {
          const target = await freshTesseraDatabase(db, o.pgUrl, s.name);
          drops.push(target.drop);
          let t = Date.now();
          const fixture = await seedThroughServices(target, seed);
          log(`  seeded through the services in ${((Date.now() - t) / 1000).toFixed(1)} s`);
          t = Date.now();
          const server = await startTessera(target);
          drops.push(server.stop);
          log(`  server started in ${((Date.now() - t) / 1000).toFixed(1)} s`);
          return { server, fixture };
        },
        async measure(server, req, opts = {}) {
          const settings = { ...o, connections: opts.connections ?? o.connections };
          const m = await watched({ ours: () => [server.pid], postgresIsOurs: db === 'postgres', retries: o.retries, log }, () => measureHttp(server.url, req, settings));
          if (o.profile) {
            log(`  profiling ${s.name} [${db}]`);
            const file = join(o.outDir, `profile-${s.name}-${db}.cpuprofile`);
            await server.profileStart();
            await loadOnly(server.url, req, settings.connections, o.durationS);
            await server.profileStop(file);
            profiles.push(summariseProfile(`${s.name} [${db}]`, JSON.parse(readFileSync(file, 'utf8')) as CpuProfile));
          }
          return m;
        },
      };
      let rows: BenchResult[];
      try {
        const m = await s.run(ctx);
        rows = Array.isArray(m) ? m.map(({ variant, ...v }) => measuredRow('scenario', `${s.name}/${variant}`, db, v)) : [measuredRow('scenario', s.name, db, m)];
      } catch (err) {
        rows = [unmeasuredRow('scenario', s.name, db, 'req/s', 'failed', (err as Error).message.split('\n').slice(0, 3).join(' '))];
      } finally {
        // Stop servers before dropping their databases.
        for (const d of drops.reverse()) await d().catch(() => {});
      }
      const [primary, ...others] = s.ceilings;
      const pc = ceilingRow(primary, db);
      for (const row of rows) {
        row.ceilingName = primary;
        row.ceilingValue = pc?.value ?? null;
        row.ratio = ratioOf(row.value, pc);
        row.otherRatios = others.map((name) => {
          const c = ceilingRow(name, db);
          return { ceilingName: name, ceilingValue: c?.value ?? null, ratio: ratioOf(row.value, c) };
        });
        results.push(row);
      }
    }
  }

  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: o.mode,
    git: gitDescribe(),
    host: { node: process.version, platform: `${platform()}`, cpus: cpus().length, cpuModel: cpus()[0]?.model?.trim() ?? 'unknown' },
    settings: {
      durationS: o.durationS,
      warmupS: o.warmupS,
      connections: o.connections,
      accounts: o.accounts,
      sqlite: dbs.includes('sqlite') ? 'WAL, synchronous=FULL (the product default; tpcb-normal shows NORMAL for the report), fresh file per ceiling set and per scenario' : 'not requested (--db)',
      postgres: pgNote,
    },
    results,
    legend: [...CEILINGS.filter((c) => ceilings.has(c.name)), ...scenarios].map((x) => ({ name: x.name, title: x.title })),
    profiles,
  };
}

export function hasFailures(report: BenchReport): boolean {
  return report.results.some((r) => r.status === 'failed');
}
