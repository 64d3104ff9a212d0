import type { ProfileSummary } from './profile';

/**
 * The result model: one row per (ceiling or scenario) × database. Ceiling rows carry no ratio;
 * scenario rows carry the ratio to their primary ceiling measured in the same run on the same
 * database, and further ratios to the other ceilings they name.
 */
export type DbKind = 'sqlite' | 'postgres';
/** `none` for measurements that touch no database (the hello route). */
export type ResultDatabase = DbKind | 'none';

export interface OtherRatio {
  ceilingName: string;
  ceilingValue: number | null;
  ratio: number | null;
}

export interface BenchResult {
  kind: 'ceiling' | 'scenario';
  scenario: string;
  database: ResultDatabase;
  /** Unit of `value`: 'tx/s' or 'req/s'. */
  metric: string;
  value: number | null;
  ceilingName: string | null;
  ceilingValue: number | null;
  /** value / ceilingValue: 1.0 would be as fast as the raw ceiling. */
  ratio: number | null;
  /** Latency percentiles in milliseconds. */
  p50: number | null;
  p99: number | null;
  notes: string;
  status: 'ok' | 'skipped' | 'failed';
  otherRatios: OtherRatio[];
  /** Completed transactions or requests in the measured window. */
  samples: number | null;
  /** Cores other processes on the machine used meanwhile (null: not known). */
  otherCores: number | null;
}

/** What a ceiling or scenario measured, before ratios are attached. */
export interface Measurement {
  metric: string;
  value: number;
  p50: number;
  p99: number;
  samples: number;
  notes?: string;
  /** Failed transactions / non-2xx responses / socket errors; any makes the row failed. */
  errors?: number;
  otherCores?: number | null;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  mode: 'quick' | 'full';
  git: string | null;
  host: { node: string; platform: string; cpus: number; cpuModel: string };
  settings: {
    durationS: number;
    warmupS: number;
    connections: number;
    accounts: number;
    sqlite: string;
    postgres: string;
  };
  results: BenchResult[];
  /** What each ceiling and scenario measures. */
  legend: { name: string; title: string }[];
  profiles: ProfileSummary[];
}

export function measuredRow(kind: BenchResult['kind'], scenario: string, database: ResultDatabase, m: Measurement): BenchResult {
  const failed = (m.errors ?? 0) > 0;
  return {
    kind,
    scenario,
    database,
    metric: m.metric,
    value: m.value,
    ceilingName: null,
    ceilingValue: null,
    ratio: null,
    // No latency without a completed request (a window shorter than one slow transaction).
    p50: Number.isFinite(m.p50) ? m.p50 : null,
    p99: Number.isFinite(m.p99) ? m.p99 : null,
    notes: [failed ? `${m.errors} errors during the run — the number is not valid` : '', m.samples === 0 ? 'nothing completed in the window' : '', m.notes ?? ''].filter(Boolean).join('; '),
    status: failed ? 'failed' : 'ok',
    otherRatios: [],
    samples: m.samples,
    otherCores: m.otherCores ?? null,
  };
}

export function unmeasuredRow(kind: BenchResult['kind'], scenario: string, database: ResultDatabase, metric: string, status: 'skipped' | 'failed', notes: string): BenchResult {
  return { kind, scenario, database, metric, value: null, ceilingName: null, ceilingValue: null, ratio: null, p50: null, p99: null, notes, status, otherRatios: [], samples: null, otherCores: null };
}

/** A valid ratio needs both sides measured cleanly. */
export function ratioOf(value: number | null, ceiling: BenchResult | undefined): number | null {
  if (value === null || !ceiling || ceiling.status !== 'ok' || !ceiling.value) return null;
  return value / ceiling.value;
}

// ---- rendering ----

const fmtInt = (n: number | null) => (n === null || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US'));
const fmtMs = (n: number | null) => (n === null || !Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
const fmtRatio = (r: number | null) => (r === null ? '–' : `${r.toFixed(r < 0.1 ? 3 : 2)}×`);
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderTable(results: BenchResult[]): string {
  const lines = [
    '| kind | name | database | value | p50 ms | p99 ms | vs ceiling | ratio | also vs | notes |',
    '| --- | --- | --- | ---: | ---: | ---: | --- | ---: | --- | --- |',
  ];
  for (const r of results) {
    const value = r.value === null ? (r.status === 'skipped' ? 'skipped' : 'FAILED') : `${fmtInt(r.value)} ${r.metric}`;
    const vs = r.ceilingName ? `${r.ceilingName} (${fmtInt(r.ceilingValue)})` : '';
    const also = r.otherRatios.map((o) => `${o.ceilingName} (${fmtInt(o.ceilingValue)}): ${fmtRatio(o.ratio)}`).join('<br>');
    const status = r.status === 'failed' && r.value !== null ? ' **FAILED**' : '';
    lines.push(
      `| ${r.kind} | ${r.scenario}${status} | ${r.database === 'none' ? '–' : r.database} | ${value} | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} | ${vs} | ${r.ceilingName ? fmtRatio(r.ratio) : ''} | ${also} | ${cell(r.notes)} |`,
    );
  }
  return lines.join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  const s = report.settings;
  const out = [
    `# Tessera bench — ${report.mode === 'quick' ? 'quick run (smaller data, short windows: orientation only)' : 'full run'}`,
    '',
    `${report.startedAt} · commit ${report.git ?? 'unknown'} · Node ${report.host.node} · ${report.host.cpus} × ${report.host.cpuModel} (${report.host.platform})`,
    '',
    `Each number is measured for ${s.durationS} s after a ${s.warmupS} s warm-up; HTTP load comes from autocannon in the parent process ` +
      `(${s.connections} connections, no pipelining) while the server runs in a child process. TPC-B data: ${s.accounts.toLocaleString('en-US')} accounts.`,
    '',
    `- SQLite: ${s.sqlite}`,
    `- PostgreSQL: ${s.postgres}`,
    '',
    renderTable(report.results),
    '',
    'Ratio = scenario throughput ÷ ceiling throughput on the same database in this run (1.00× = as fast as the raw ceiling).',
    '',
    ...report.legend.map((l) => `- **${l.name}**: ${l.title}`),
  ];
  for (const p of report.profiles) {
    out.push('', `## Profile: ${p.label}`, '', p.markdown);
  }
  return `${out.join('\n')}\n`;
}
