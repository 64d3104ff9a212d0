import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PG_ADMIN_URL } from './helpers/db';

/**
 * Decide whether the PostgreSQL half runs. CI (CI=true) requires a reachable server and fails
 * otherwise; a developer machine without PostgreSQL runs the SQLite half and says so loudly.
 */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgEnabled', false);
  if (process.env.TESSERA_TEST_PG === 'off') {
    banner('PostgreSQL tests are OFF (TESSERA_TEST_PG=off): only the SQLite half runs.');
    return;
  }
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    project.provide('pgEnabled', true);
  } catch (err) {
    if (process.env.CI === 'true' || process.env.CI === '1') {
      throw new Error(`PostgreSQL is unreachable at ${PG_ADMIN_URL} and CI requires it: ${(err as Error).message}`);
    }
    banner(`PostgreSQL is unreachable at ${PG_ADMIN_URL}: the PostgreSQL half of the integration tests is SKIPPED.\nSet TESSERA_TEST_PG_URL or start PostgreSQL to run it.`);
  } finally {
    await c.end().catch(() => {});
  }
}

function banner(text: string): void {
  const line = '!'.repeat(78);
  console.warn(`\n${line}\n${text}\n${line}\n`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgEnabled: boolean;
  }
}
