// A real Tessera server for browser tests: startServer() on a free port against a fresh
// temporary SQLite file (jobs and logging off), serving the built console from web/dist.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/src/config/config';
import { inTransaction } from '../../server/src/db/database';
import { type RunningServer, type StartOptions, startServer } from '../../server/src/main';
import { systemCtx } from '../../server/src/shared/context';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Build the console when its sources are newer than web/dist (a no-op otherwise). */
export function ensureConsoleBuilt(): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-web.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`console build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface TenantSetup {
  tenantId: string;
  code: string;
  storeId: string;
  ownerLogin: string;
  ownerPassword: string;
}

export interface E2eServer {
  url: string;
  server: RunningServer;
  /** A tenant with its built-in roles, one store and an owner (password not temporary). */
  createTenant(opts?: { code?: string; name?: string; storeName?: string; ownerName?: string }): Promise<TenantSetup>;
  close(): Promise<void>;
}

export const OWNER_PASSWORD = 'Owner2024pass';

/**
 * `configureApp` may add hooks to the real app (e.g. to inject a fault), never replace routes;
 * `clock` lets a test move the server's time (e.g. past a freeze) — see `offsetClock`.
 */
export async function startE2eServer(opts: { configureApp?: StartOptions['configureApp']; clock?: StartOptions['clock'] } = {}): Promise<E2eServer> {
  ensureConsoleBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    TESSERA_JOBS: 'off',
    TESSERA_DATA_DIR: dir,
    TESSERA_SQLITE_FILE: join(dir, 'tessera.db'),
    TESSERA_SQLITE_SYNCHRONOUS: 'NORMAL',
  });
  const server = await startServer(config, { logger: false, configureApp: opts.configureApp, clock: opts.clock });
  const services = server.app.tessera.services;
  return {
    url: server.url,
    server,
    async createTenant(opts = {}) {
      const code = opts.code ?? 'main';
      const r = await inTransaction(server.database, async (trx) => {
        const tenant = await services.org.createTenant({ code, name: opts.name ?? '静心瑜伽' }, trx);
        const ctx = systemCtx(tenant.id);
        const store = await services.org.createStore(ctx, { name: opts.storeName ?? '总店' }, trx);
        await services.staff.createBuiltinRoles(trx, tenant.id);
        await services.staff.createFromCli(trx, ctx, {
          login: 'owner',
          name: opts.ownerName ?? '林老板',
          password: OWNER_PASSWORD,
          roleKeys: ['owner'],
          storeIds: [store.id],
          scopeType: 'all',
          temporary: false,
        });
        return { tenant, store };
      });
      return { tenantId: r.tenant.id, code, storeId: r.store.id, ownerLogin: 'owner', ownerPassword: OWNER_PASSWORD };
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real time moved by an offset the test can grow ("fifteen days later"); it keeps ticking. */
export function offsetClock(): { now(): Date; iso(): string; advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    iso: () => new Date(Date.now() + offset).toISOString(),
    advance(ms: number) {
      offset += ms;
    },
  };
}
