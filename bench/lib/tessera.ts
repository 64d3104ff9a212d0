import { fileURLToPath } from 'node:url';
import { type AppConfig, type DatabaseConfig, loadConfig } from '../../server/src/config/config';
import { migrateToLatest, openDatabase } from '../../server/src/db/database';
import { createServices, type Services } from '../../server/src/services';
import { systemClock } from '../../server/src/shared/clock';
import { type ChildServer, startChildServer } from './child';
import { type FreshDatabase, freshPgDatabase, freshSqliteFile } from './databases';
import type { DbKind } from './result';

/**
 * The real Tessera server for a scenario: a fresh database, migrated and seeded through the
 * services in this process (so seeds follow the same rules as the product), then the server
 * (server/src/main.ts startServer) in a child process against it.
 */
const SERVER_SCRIPT = fileURLToPath(new URL('./tessera-server.ts', import.meta.url));

export interface TesseraTarget {
  kind: DbKind;
  database: DatabaseConfig;
  env: Record<string, string>;
  drop(): Promise<void>;
}

export interface Session {
  /** `tessera_sid=…`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
  me: { staff: { id: string; login: string }; [k: string]: unknown };
}

export interface TesseraServer extends ChildServer {
  /** Sign in through the real login route. */
  login(tenantCode: string, login: string, password: string): Promise<Session>;
  /** One request, for checking a scenario's request before the load. */
  fetchJson(path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: unknown }>;
}

export async function freshTesseraDatabase(kind: DbKind, pgAdminUrl: string, label: string): Promise<TesseraTarget> {
  const product = loadConfig({});
  let fresh: FreshDatabase;
  if (kind === 'sqlite') {
    fresh = freshSqliteFile(label);
    return {
      kind,
      // The product's durability mode: WAL with synchronous=FULL unless the operator lowers it.
      database: { kind, url: fresh.url, sqliteSynchronous: product.database.sqliteSynchronous, pgPoolSize: product.database.pgPoolSize },
      env: { DATABASE_URL: `sqlite:${fresh.url}`, TESSERA_SQLITE_SYNCHRONOUS: product.database.sqliteSynchronous },
      drop: fresh.drop,
    };
  }
  fresh = await freshPgDatabase(pgAdminUrl, label);
  return {
    kind,
    database: { kind, url: fresh.url, sqliteSynchronous: product.database.sqliteSynchronous, pgPoolSize: product.database.pgPoolSize },
    env: { DATABASE_URL: fresh.url },
    drop: fresh.drop,
  };
}

/** Migrate and seed through the services (the server is not running yet). */
export async function seedThroughServices<T>(target: TesseraTarget, seed: (s: Services) => Promise<T>): Promise<T> {
  const database = await openDatabase(target.database);
  try {
    await migrateToLatest(database);
    const config: AppConfig = { ...loadConfig({ LOG_LEVEL: 'silent', TESSERA_JOBS: 'off' }), database: target.database };
    return await seed(createServices({ database, clock: systemClock, config }));
  } finally {
    await database.close();
  }
}

export async function startTessera(target: TesseraTarget): Promise<TesseraServer> {
  const child = await startChildServer(SERVER_SCRIPT, [], target.env);
  const fetchJson: TesseraServer['fetchJson'] = async (path, init = {}) => {
    const res = await fetch(new URL(path, child.url), { method: init.method ?? 'GET', headers: init.headers, body: init.body });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: res.status, body };
  };
  return {
    ...child,
    fetchJson,
    async login(tenantCode, login, password) {
      const res = await fetch(new URL('/api/v1/auth/login', child.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
        body: JSON.stringify({ tenantCode, login, password }),
      });
      const body = (await res.json()) as Session['me'] & { csrfToken: string };
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tessera_sid='))?.split(';')[0];
      if (res.status !== 200 || !cookie) throw new Error(`login as ${login} failed: HTTP ${res.status} ${JSON.stringify(body)}`);
      return { cookie, csrfToken: body.csrfToken, me: body };
    },
  };
}
