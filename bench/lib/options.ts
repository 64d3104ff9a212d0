import { fileURLToPath } from 'node:url';
import { DEFAULT_PG_URL } from './databases';
import type { DbKind } from './result';

export interface BenchOptions {
  mode: 'quick' | 'full';
  /** Scenario or ceiling names to run; empty = everything. Ceilings a chosen scenario needs always run. */
  only: string[];
  databases: DbKind[];
  durationS: number;
  warmupS: number;
  /** HTTP connections for every HTTP ceiling and scenario (the same for all, so ratios compare like with like). */
  connections: number;
  /** Connections of the pg TPC-B ceiling. */
  pgTpcbConnections: number;
  accounts: number;
  /** Re-measure a disturbed number up to this many times (the machine is shared). */
  retries: number;
  profile: boolean;
  outDir: string;
  pgUrl: string;
}

export class UsageError extends Error {}

export const USAGE = `npm run bench -- [options]

  --quick               short run: 100,000 accounts, 2 s windows (also BENCH_QUICK=1)
  --only <a,b>          run only these scenarios / ceilings (plus the ceilings they compare to)
  --db <sqlite,postgres>  databases to run on (default both; PostgreSQL rows are skipped when unreachable)
  --duration <s>        measured seconds per number (default 8, quick 2)
  --warmup <s>          discarded warm-up seconds before each number (default 2, quick 0.5)
  --connections <n>     HTTP connections (default 16)
  --accounts <n>        TPC-B accounts (default 1,000,000, quick 100,000)
  --retries <n>         measure a number again, up to n times, while other processes disturb it
                        (default 2, quick 0); the least disturbed attempt is kept
  --profile             after each scenario's measured run, profile one more run of the server and
                        summarise where its CPU time goes (bench/results/profile-*.md)
  --pg-url <url>        PostgreSQL admin URL (default TESSERA_BENCH_PG_URL, TESSERA_TEST_PG_URL or
                        postgres://postgres@127.0.0.1:5432/postgres); the bench creates and drops its own databases
  --out <dir>           where results go (default bench/results)
  --help`;

const DEFAULT_OUT = fileURLToPath(new URL('../results', import.meta.url));

function positive(name: string, v: string | undefined, integer: boolean): number {
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${name} needs a positive ${integer ? 'integer' : 'number'}, got ${v ?? 'nothing'}`);
  }
  return n;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | 'help' {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  const o: BenchOptions = {
    mode: quick ? 'quick' : 'full',
    only: [],
    databases: ['sqlite', 'postgres'],
    durationS: quick ? 2 : 8,
    warmupS: quick ? 0.5 : 2,
    connections: 16,
    pgTpcbConnections: 8,
    accounts: quick ? 100_000 : 1_000_000,
    retries: quick ? 0 : 2,
    profile: false,
    outDir: DEFAULT_OUT,
    pgUrl: DEFAULT_PG_URL,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--quick':
        break;
      case '--help':
      case '-h':
        return 'help';
      case '--only':
        o.only = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        if (!o.only.length) throw new UsageError('--only needs a name');
        break;
      case '--db': {
        const dbs = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        for (const d of dbs) if (d !== 'sqlite' && d !== 'postgres') throw new UsageError(`--db takes sqlite and/or postgres, got ${d}`);
        if (!dbs.length) throw new UsageError('--db needs sqlite and/or postgres');
        o.databases = dbs as DbKind[];
        break;
      }
      case '--duration':
        o.durationS = positive('--duration', value(), false);
        break;
      case '--warmup': {
        const v = value();
        o.warmupS = v === '0' ? 0 : positive('--warmup', v, false);
        break;
      }
      case '--connections':
        o.connections = positive('--connections', value(), true);
        break;
      case '--accounts':
        o.accounts = positive('--accounts', value(), true);
        break;
      case '--retries': {
        const v = value();
        o.retries = v === '0' ? 0 : positive('--retries', v, true);
        break;
      }
      case '--profile':
        o.profile = true;
        break;
      case '--pg-url':
        o.pgUrl = value() ?? '';
        if (!/^postgres(ql)?:\/\//.test(o.pgUrl)) throw new UsageError('--pg-url must start with postgres://');
        break;
      case '--out':
        o.outDir = value() ?? '';
        if (!o.outDir) throw new UsageError('--out needs a folder');
        break;
      default:
        throw new UsageError(`unknown option ${a}`);
    }
  }
  return o;
}
