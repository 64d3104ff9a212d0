import { afterAll, beforeAll, describe } from 'vitest';
import { type TesseraApp, buildApp } from '../../src/app';
import { type AppConfig, loadConfig } from '../../src/config/config';
import { type Database, inTransaction, migrateToLatest, openDatabase } from '../../src/db/database';
import { createServices, type Services } from '../../src/services';
import { ManualClock } from '../../src/shared/clock';
import { systemCtx } from '../../src/shared/context';
import type { BuiltinRole } from '../../src/shared/permissions';
import { TestClient } from './client';
import { createTestDatabase, type DbKind, testDbKinds, type TestDatabase } from './db';

/**
 * One integration-test environment per database: a migrated fresh database, the services,
 * the Fastify app (requests are injected, no port), and a clock the test controls.
 */
export interface TestEnv {
  kind: DbKind;
  database: Database;
  services: Services;
  app: TesseraApp;
  clock: ManualClock;
  config: AppConfig;
  /** A tenant with its built-in roles, one store and an owner; returns a signed-in client. */
  newTenant(opts?: { code?: string; storeName?: string }): Promise<TenantFixture>;
  /** Create a staff member in a tenant with built-in roles and sign them in. */
  newStaff(t: TenantFixture, opts: { roles: BuiltinRole[]; login?: string; storeIds?: string[]; scope?: 'all' | 'region' | 'stores' }): Promise<TestClient>;
  client(): TestClient;
}

export interface TenantFixture {
  tenantId: string;
  code: string;
  storeId: string;
  ownerId: string;
  owner: TestClient;
}

export const TEST_PASSWORD = 'Passw0rd!';
/** The field-encryption key of test environments (base64 of 32 bytes). */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

let counter = 0;

export async function createTestEnv(kind: DbKind): Promise<TestEnv & { destroy(): Promise<void>; testDb: TestDatabase }> {
  const testDb = await createTestDatabase(kind);
  const database = await openDatabase(testDb.config);
  await migrateToLatest(database);
  // Tests pass the field-encryption key explicitly (never a key file in the checkout).
  const config: AppConfig = { ...loadConfig({ LOG_LEVEL: 'silent', TESSERA_JOBS: 'off', TESSERA_DATA_KEY: TEST_DATA_KEY }), database: testDb.config };
  const clock = new ManualClock(new Date());
  const services = createServices({ database, clock, config });
  const app = await buildApp(services, { logger: false });
  await app.ready();

  const env: TestEnv & { destroy(): Promise<void>; testDb: TestDatabase } = {
    kind,
    database,
    services,
    app,
    clock,
    config,
    testDb,
    client: () => new TestClient(app),
    async newTenant(opts = {}) {
      const code = opts.code ?? `t${++counter}${Math.random().toString(36).slice(2, 6)}`;
      const r = await inTransaction(database, async (trx) => {
        const tenant = await services.org.createTenant({ code, name: `测试商户 ${code}` }, trx);
        const ctx = systemCtx(tenant.id);
        const store = await services.org.createStore(ctx, { name: opts.storeName ?? '总店' }, trx);
        await services.staff.createBuiltinRoles(trx, tenant.id);
        const owner = await services.staff.createFromCli(trx, ctx, {
          login: 'owner',
          name: '老板',
          password: TEST_PASSWORD,
          roleKeys: ['owner'],
          storeIds: [store.id],
          scopeType: 'all',
          temporary: false,
        });
        return { tenant, store, owner };
      });
      const owner = new TestClient(app);
      await owner.login(code, 'owner', TEST_PASSWORD);
      return { tenantId: r.tenant.id, code, storeId: r.store.id, ownerId: r.owner.staff.id, owner };
    },
    async newStaff(t, opts) {
      const login = opts.login ?? `s${++counter}`;
      await inTransaction(database, (trx) =>
        services.staff.createFromCli(trx, systemCtx(t.tenantId), {
          login,
          name: `员工${counter}`,
          password: TEST_PASSWORD,
          roleKeys: opts.roles,
          storeIds: opts.storeIds ?? [t.storeId],
          scopeType: opts.scope ?? 'stores',
          temporary: false,
        }),
      );
      const c = new TestClient(app);
      await c.login(t.code, login, TEST_PASSWORD);
      return c;
    },
    async destroy() {
      await app.close();
      await database.close();
      await testDb.drop();
    },
  };
  return env;
}

/**
 * Run a suite once per database. `use()` returns the environment inside tests.
 * describeEachDb('stores', (use) => { it('…', async () => { const env = use(); … }) })
 */
export function describeEachDb(name: string, body: (use: () => TestEnv) => void): void {
  for (const kind of testDbKinds()) {
    describe(`${name} [${kind}]`, () => {
      let env: (TestEnv & { destroy(): Promise<void> }) | undefined;
      beforeAll(async () => {
        env = await createTestEnv(kind);
      }, 60_000);
      afterAll(async () => {
        await env?.destroy();
      }, 60_000);
      body(() => {
        if (!env) throw new Error('test environment not ready');
        return env;
      });
    });
  }
}
