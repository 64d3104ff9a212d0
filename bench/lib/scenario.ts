import type { Services } from '../../server/src/services';
import type { CeilingName } from './ceilings';
import type { HttpRequestSpec, LoadSettings } from './load';
import type { DbKind, Measurement } from './result';
import type { TesseraServer } from './tessera';

/**
 * A product scenario: what it measures, which ceilings its number is compared with (the first
 * gives the ratio in the table; the others are shown beside it), and how to run it on one
 * database. Most scenarios are HTTP routes: build them with httpScenario().
 */
export interface Scenario {
  name: string;
  /** One line for the table and README: what is measured. */
  title: string;
  ceilings: [CeilingName, ...CeilingName[]];
  /** Default: both. */
  databases?: DbKind[];
  /** One measurement, or several variants measured on the same seeded database (one row each, named `name/variant`). */
  run(ctx: ScenarioContext): Promise<Measurement | VariantMeasurement[]>;
}

export type VariantMeasurement = Measurement & { variant: string };

export interface ScenarioContext {
  scenario: string;
  db: DbKind;
  load: LoadSettings;
  log(line: string): void;
  /** A fresh database for this scenario, migrated and seeded through the services, and the server running against it. */
  startTessera<T>(seed: (s: Services) => Promise<T>): Promise<{ server: TesseraServer; fixture: T }>;
  /** Warm up and measure the request against the server (and profile it when --profile is on). */
  measure(server: TesseraServer, req: HttpRequestSpec, opts?: { connections?: number }): Promise<Measurement>;
}

export interface HttpScenarioDef<T> {
  name: string;
  title: string;
  ceilings: [CeilingName, ...CeilingName[]];
  databases?: DbKind[];
  /** Override the common connection count (e.g. a write scenario modelling few tills). */
  connections?: number;
  seed(s: Services): Promise<T>;
  /**
   * The request to load, prepared against the running server (e.g. sign in first), and a check
   * of one response before the load: throw when it is not what the scenario means to measure.
   */
  prepare(server: TesseraServer, fixture: T): Promise<{ request: HttpRequestSpec; check(res: { status: number; body: unknown }): void; notes?: string }>;
}

export function httpScenario<T>(def: HttpScenarioDef<T>): Scenario {
  return {
    name: def.name,
    title: def.title,
    ceilings: def.ceilings,
    databases: def.databases,
    async run(ctx) {
      const { server, fixture } = await ctx.startTessera(def.seed);
      const { request, check, notes } = await def.prepare(server, fixture);
      check(await server.fetchJson(request.path, request));
      const m = await ctx.measure(server, request, { connections: def.connections });
      return { ...m, notes: [notes, m.notes].filter(Boolean).join('; ') || undefined };
    },
  };
}
