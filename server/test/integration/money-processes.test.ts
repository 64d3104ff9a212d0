import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { type Database, inTransaction, migrateToLatest, openDatabase } from '../../src/db/database';
import { verifyLedger } from '../../src/modules/ledger';
import { verifyOrders } from '../../src/modules/order';
import { verifyPoints } from '../../src/modules/points';
import { createServices } from '../../src/services';
import { systemClock } from '../../src/shared/clock';
import { systemCtx } from '../../src/shared/context';
import { type TestDatabase, createTestDatabase, testDbKinds } from '../helpers/db';
import { loginOwner, postJson, startProcess } from '../helpers/processes';

/**
 * Real server processes: two processes on one PostgreSQL keep the wallet invariant; a server
 * killed with SIGKILL mid-load loses nothing it acknowledged and leaves no partial order.
 */
const PASSWORD = 'Passw0rd!';
/** Each test starts real server processes (tsx compiles on start): generous on a loaded 2-core machine. */
const PROCESS_TEST_MS = 180_000;

const login = (base: string, tenantCode: string) => loginOwner(base, tenantCode, PASSWORD);
const post = postJson;

async function seed(database: Database, code: string) {
  const s = createServices({ database, clock: systemClock, config: loadConfig({ LOG_LEVEL: 'silent' }) });
  return inTransaction(database, async (trx) => {
    const tenant = await s.org.createTenant({ code, name: code }, trx);
    const ctx = systemCtx(tenant.id);
    const store = await s.org.createStore(ctx, { name: '总店' }, trx);
    await s.staff.createBuiltinRoles(trx, tenant.id);
    await s.staff.createFromCli(trx, ctx, { login: 'owner', name: '老板', password: PASSWORD, roleKeys: ['owner'], storeIds: [store.id], scopeType: 'all', temporary: false });
    return { tenantId: tenant.id, storeId: store.id };
  });
}

for (const kind of testDbKinds()) {
  describe(`money across real processes [${kind}]`, () => {
    let testDb: TestDatabase;
    let database: Database;
    let dataDir: string;
    let env: NodeJS.ProcessEnv;
    const procs: ChildProcess[] = [];

    beforeAll(async () => {
      testDb = await createTestDatabase(kind);
      database = await openDatabase(testDb.config);
      await migrateToLatest(database);
      dataDir = mkdtempSync(join(tmpdir(), 'tessera-proc-'));
      env = { ...process.env, TESSERA_DATA_DIR: dataDir, TESSERA_DATA_KEY: Buffer.alloc(32, 7).toString('base64') };
      if (kind === 'postgres') env.DATABASE_URL = testDb.config.url;
      else env.TESSERA_SQLITE_FILE = testDb.config.url;
    }, 60_000);
    afterAll(async () => {
      for (const p of procs) p.kill('SIGKILL');
      await database.close();
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    // Several processes share a database only on PostgreSQL (SQLite is one process by design).
    if (kind === 'postgres') it('two server processes on one PostgreSQL: exactly as many spends succeed as the balance allows', async () => {
      const { storeId } = await seed(database, 'twoproc');
      const a = await startProcess(env);
      const b = await startProcess(env);
      procs.push(a.proc, b.proc);
      const authA = await login(a.base, 'twoproc');
      const authB = await login(b.base, 'twoproc');
      const member = await post(a.base, authA, '/api/v1/members', { name: '并发测试', mobile: '13900001111' });
      const pkg = await post(a.base, authA, '/api/v1/recharge-packages', { name: '充300', price: 30000, bonus: { type: 'none' } });
      await post(a.base, authA, '/api/v1/orders', { storeId, memberId: member.body.id, lines: [{ kind: 'recharge', packageId: pkg.body.id }], tenders: [{ method: 'cash', amount: 30000 }] });
      const body = { storeId, memberId: member.body.id, lines: [{ kind: 'custom', name: '课', unitPrice: 1000, quantity: 1 }], tenders: [{ method: 'stored_value', amount: 1000 }] };
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? post(a.base, authA, '/api/v1/orders', body) : post(b.base, authB, '/api/v1/orders', body))));
      expect(results.filter((r) => r.status === 201)).toHaveLength(30);
      expect(results.filter((r) => r.status === 409)).toHaveLength(70);
      const ledger = await verifyLedger(database.db);
      expect(ledger.mismatches).toEqual([]);
      a.proc.kill('SIGTERM');
      b.proc.kill('SIGTERM');
    }, PROCESS_TEST_MS);

    it('a server killed with SIGKILL mid-load keeps every acknowledged order and no partial one', async () => {
      const { storeId, tenantId } = await seed(database, `kill${kind}`);
      const server = await startProcess(env);
      procs.push(server.proc);
      const auth = await login(server.base, `kill${kind}`);
      const member = await post(server.base, auth, '/api/v1/members', { name: '断电测试', mobile: '13900002222' });
      const pkg = await post(server.base, auth, '/api/v1/recharge-packages', { name: '充1000', price: 100000, bonus: { type: 'fixed', amount: 10000 } });
      const acknowledged: string[] = [];
      let stop = false;
      const worker = async (i: number) => {
        for (let n = 0; !stop; n++) {
          const body =
            n % 3 === 0
              ? { storeId, memberId: member.body.id, lines: [{ kind: 'recharge', packageId: pkg.body.id }], tenders: [{ method: 'cash', amount: 100000 }] }
              : { storeId, memberId: member.body.id, lines: [{ kind: 'custom', name: `课${i}`, unitPrice: 700, quantity: 1 }], tenders: [{ method: 'stored_value', amount: 700 }] };
          try {
            const r = await post(server.base, auth, '/api/v1/orders', body);
            if (r.status === 201) acknowledged.push(r.body.id);
          } catch {
            return; // the server is gone
          }
        }
      };
      const workers = Array.from({ length: 8 }, (_, i) => worker(i));
      while (acknowledged.length < 25) await new Promise((r) => setTimeout(r, 20));
      server.proc.kill('SIGKILL');
      stop = true;
      await Promise.all(workers);

      // Restart (SQLite recovers from its WAL) and check.
      const again = await startProcess(env);
      procs.push(again.proc);
      const check = await openDatabase(testDb.config);
      try {
        const rows = await check.db.selectFrom('orders').select('id').where('tenant_id', '=', tenantId).execute();
        const stored = new Set(rows.map((r) => r.id));
        expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
        for (const v of [await verifyLedger(check.db, tenantId), await verifyPoints(check.db, tenantId), await verifyOrders(check.db, tenantId)]) expect(v.mismatches).toEqual([]);
        const orphanLines = await check.db
          .selectFrom('order_lines as l')
          .leftJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'l.tenant_id').onRef('o.id', '=', 'l.order_id'))
          .select('l.id')
          .where('l.tenant_id', '=', tenantId)
          .where('o.id', 'is', null)
          .execute();
        expect(orphanLines).toEqual([]);
      } finally {
        await check.close();
        again.proc.kill('SIGTERM');
      }
    }, PROCESS_TEST_MS);
  });
}
