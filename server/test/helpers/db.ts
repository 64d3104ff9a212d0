import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseConfig } from '../../src/config/config';

/**
 * Real databases for integration tests: a fresh SQLite file, and a fresh PostgreSQL database
 * on the local server (created here, dropped after). The global setup decides whether
 * PostgreSQL runs: in CI it must; elsewhere a missing server skips that half loudly.
 */
export type DbKind = 'sqlite' | 'postgres';

export const PG_ADMIN_URL = process.env.TESSERA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDbKinds(): DbKind[] {
  return inject('pgEnabled') ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
    return {
      config: { kind: 'sqlite', url: join(dir, 'test.db'), sqliteSynchronous: 'NORMAL', pgPoolSize: 1 },
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `tessera_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString(), sqliteSynchronous: 'NORMAL', pgPoolSize: 10 },
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
