import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CEILINGS } from './lib/ceilings';
import { DEFAULT_PG_URL, probePostgres } from './lib/databases';
import { plan, runBench } from './lib/harness';
import { type BenchOptions, parseOptions, UsageError } from './lib/options';
import { type CpuProfile, summariseProfile } from './lib/profile';
import { type BenchReport, type BenchResult, renderMarkdown } from './lib/result';
import { LatencyRecorder } from './lib/stats';
import { SCENARIOS } from './scenarios';

/**
 * Structure, not speed: the harness runs every ceiling and scenario end to end on tiny data and
 * windows, and its report has the rows, ratios and skips it promises. No number is judged.
 */
const out = mkdtempSync(join(tmpdir(), 'tessera-bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const tiny = (over: Partial<BenchOptions>): BenchOptions => ({
  mode: 'quick',
  only: [],
  databases: ['sqlite', 'postgres'],
  durationS: 0.3,
  warmupS: 0,
  connections: 4,
  pgTpcbConnections: 8,
  accounts: 2000,
  retries: 0,
  profile: false,
  outDir: out,
  pgUrl: DEFAULT_PG_URL,
  ...over,
});

const find = (r: BenchReport, kind: BenchResult['kind'], name: string, db: BenchResult['database']) =>
  r.results.find((x) => x.kind === kind && x.scenario === name && x.database === db);

describe('bench options', () => {
  it('defaults to a full run and --quick shortens it', () => {
    const full = parseOptions([], {});
    const quick = parseOptions(['--quick'], {});
    const fromEnv = parseOptions([], { BENCH_QUICK: '1' });
    expect(full).toMatchObject({ mode: 'full', accounts: 1_000_000, databases: ['sqlite', 'postgres'] });
    expect(quick).toMatchObject({ mode: 'quick', accounts: 100_000 });
    expect(fromEnv).toMatchObject({ mode: 'quick' });
    expect(parseOptions(['--only', 'staff-me', '--db=sqlite', '--duration', '3'], {})).toMatchObject({ only: ['staff-me'], databases: ['sqlite'], durationS: 3 });
  });

  it('refuses bad options with a usage error', () => {
    expect(() => parseOptions(['--db', 'mysql'], {})).toThrow(UsageError);
    expect(() => parseOptions(['--duration', '-1'], {})).toThrow(UsageError);
    expect(() => parseOptions(['--frobnicate'], {})).toThrow(UsageError);
    expect(parseOptions(['--help'], {})).toBe('help');
  });

  it('--only brings the ceilings a scenario compares with, and refuses unknown names', () => {
    const p = plan(SCENARIOS, ['staff-me']);
    expect(p.scenarios.map((s) => s.name)).toEqual(['staff-me']);
    expect([...p.ceilings].sort()).toEqual(['http-hello', 'http-pk-select']);
    expect([...plan(SCENARIOS, ['tpcb']).ceilings]).toEqual(['tpcb']);
    expect(plan(SCENARIOS, ['tpcb']).scenarios).toEqual([]);
    expect(() => plan(SCENARIOS, ['nope'])).toThrow(/unknown scenario or ceiling: nope/);
  });
});

describe('bench run (tiny data, sub-second windows)', () => {
  it('measures every ceiling and scenario and relates each scenario to its ceilings', async () => {
    const pg = await probePostgres(DEFAULT_PG_URL);
    const report = await runBench(tiny({}), SCENARIOS);
    const dbs = pg.ok ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

    expect(find(report, 'ceiling', 'http-hello', 'none')?.status).toBe('ok');
    for (const c of CEILINGS.filter((c) => c.databases.includes('sqlite'))) {
      const row = find(report, 'ceiling', c.name, 'sqlite');
      expect(row, c.name).toBeDefined();
      expect(row!.status, `${c.name}: ${row!.notes}`).toBe('ok');
      expect(row!.value).toBeGreaterThan(0);
      expect(row!.p50).toBeLessThanOrEqual(row!.p99!);
    }
    for (const db of dbs) {
      const me = find(report, 'scenario', 'staff-me', db)!;
      expect(me.status, me.notes).toBe('ok');
      expect(me.metric).toBe('req/s');
      expect(me.samples).toBeGreaterThan(0);
      expect(me.ceilingName).toBe('http-hello');
      expect(me.ceilingValue).toBe(find(report, 'ceiling', 'http-hello', 'none')!.value);
      expect(me.ratio).toBeCloseTo(me.value! / me.ceilingValue!, 10);
      expect(me.otherRatios).toHaveLength(1);
      const pk = find(report, 'ceiling', 'http-pk-select', db)!;
      expect(me.otherRatios[0]).toMatchObject({ ceilingName: 'http-pk-select', ceilingValue: pk.value });
      expect(me.otherRatios[0].ratio).toBeCloseTo(me.value! / pk.value!, 10);
    }
    // Every scenario ran on every database (a scenario with variants has one row per variant).
    for (const sc of SCENARIOS) {
      for (const db of dbs) {
        const rows = report.results.filter((r) => r.kind === 'scenario' && r.database === db && (r.scenario === sc.name || r.scenario.startsWith(`${sc.name}/`)));
        expect(rows.length, `${sc.name} [${db}]`).toBeGreaterThan(0);
        for (const r of rows) {
          expect(r.status, `${r.scenario} [${db}]: ${r.notes}`).toBe('ok');
          expect(r.ceilingName).toBe(sc.ceilings[0]);
          // Sub-second windows may see no slow checkout complete; the ratio must still be there.
          expect(r.ceilingValue, `${r.scenario} [${db}]`).toBeGreaterThan(0);
          expect(r.ratio, `${r.scenario} [${db}]`).toBeCloseTo(r.value! / r.ceilingValue!, 10);
        }
      }
    }
    expect(report.results.filter((r) => r.scenario.startsWith('member-search/')).map((r) => r.scenario)).toContain('member-search/initials');
    if (pg.ok) {
      expect(find(report, 'ceiling', 'tpcb', 'postgres')?.status).toBe('ok');
      expect(find(report, 'ceiling', 'tpcb', 'postgres')?.notes).toMatch(/8 connections/);
    }

    const md = renderMarkdown(report);
    expect(md).toContain('| kind | name | database | value | p50 ms | p99 ms | vs ceiling | ratio | also vs | notes |');
    expect(md).toMatch(/\| scenario \| staff-me \| sqlite \| [\d,]+ req\/s \|/);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  }, 600_000);

  it('skips the PostgreSQL rows and says so when PostgreSQL is unreachable', async () => {
    const report = await runBench(tiny({ only: ['staff-me'], databases: ['postgres'], pgUrl: 'postgres://postgres@127.0.0.1:1/postgres' }), SCENARIOS);
    const skipped = report.results.filter((r) => r.status === 'skipped');
    expect(skipped.map((r) => `${r.kind} ${r.scenario} ${r.database}`).sort()).toEqual(['ceiling http-pk-select postgres', 'scenario staff-me postgres']);
    for (const r of skipped) expect(r.notes).toMatch(/PostgreSQL unreachable at postgres:\/\/postgres@127\.0\.0\.1:1\/postgres/);
    expect(report.settings.postgres).toMatch(/unreachable/);
    expect(renderMarkdown(report)).toMatch(/\| scenario \| staff-me \| postgres \| skipped \|/);
  }, 30_000);
});

describe('bench helpers', () => {
  it('summarises a CPU profile by area and function', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 4] },
        { id: 2, callFrame: { functionName: 'principalFromSession', url: 'file:///x/server/src/modules/staff/auth.service.ts', lineNumber: 0 }, children: [3] },
        { id: 3, callFrame: { functionName: 'visitNode', url: 'file:///x/node_modules/kysely/dist/esm/v.js', lineNumber: 106 } },
        { id: 4, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
      ],
      startTime: 0,
      endTime: 4000,
      samples: [3, 3, 2, 4],
      timeDeltas: [1000, 1000, 1000, 1000],
    };
    const s = summariseProfile('t', profile);
    expect(s.totalMs).toBe(4);
    expect(s.areas).toEqual([
      { name: 'npm kysely', ms: 2, pct: 50 },
      { name: 'tessera modules/staff', ms: 1, pct: 25 },
      { name: '(idle)', ms: 1, pct: 25 },
    ]);
    expect(s.ourInclusiveTop[0]).toMatchObject({ name: 'principalFromSession — server/src/modules/staff/auth.service.ts', ms: 3 });
    expect(s.markdown).toContain('| npm kysely | 2 | 50.0 % |');
  });

  it('takes percentiles by nearest rank', () => {
    const r = new LatencyRecorder();
    expect(r.percentiles([50]).every(Number.isNaN)).toBe(true);
    for (let i = 100; i >= 1; i--) r.record(i);
    expect(r.count).toBe(100);
    expect(r.percentiles([50, 99, 100])).toEqual([50, 99, 100]);
  });
});
