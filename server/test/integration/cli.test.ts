import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { type TestDatabase, createTestDatabase, testDbKinds } from '../helpers/db';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'tessera.mjs');

/** The `tessera` command, run as a real process against each database. */
// Each step starts a real process (tsx compiles the server first): on a busy machine that alone
// takes seconds, so a test runs as long as its processes may (60 s each), not the default 30 s.
for (const kind of testDbKinds()) {
  describe(`tessera CLI [${kind}]`, { timeout: 240_000 }, () => {
    let testDb: TestDatabase;
    let dataDir: string;
    let env: NodeJS.ProcessEnv;
    const run = (...args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 60_000 });
      return { code: r.status, out: `${r.stdout}${r.stderr}` };
    };

    beforeAll(async () => {
      testDb = await createTestDatabase(kind);
      dataDir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
      env = { ...process.env, TESSERA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
      if (kind === 'postgres') env.DATABASE_URL = testDb.config.url;
      else env.TESSERA_SQLITE_FILE = testDb.config.url;
    });
    afterAll(async () => {
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('init creates a tenant, a store and an owner and prints a one-time password and where to sign in', async () => {
      const r = run('init', '--tenant-name', '静心瑜伽', '--tenant-code', 'jingxin', '--store-name', '徐汇店');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/One-time password \/ 一次性密码: [A-Za-z0-9]{12}/);
      expect(r.out).toMatch(/http:\/\/localhost:3000\//);
      const db = await openDatabase(testDb.config);
      try {
        const tenant = await db.db.selectFrom('tenants').selectAll().where('code', '=', 'jingxin').executeTakeFirstOrThrow();
        const stores = await db.db.selectFrom('stores').select('name').where('tenant_id', '=', tenant.id).execute();
        expect(stores.map((s) => s.name)).toEqual(['徐汇店']);
        const owner = await db.db.selectFrom('staff').selectAll().where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow();
        expect(owner).toMatchObject({ login: 'owner', is_password_temporary: true, scope_type: 'all' });
      } finally {
        await db.close();
      }
    }, 120_000);

    it('refuses a second tenant with the same code, and bad arguments, with non-zero exits', () => {
      const again = run('init', '--tenant-code', 'jingxin');
      expect(again.code).toBe(1);
      expect(again.out).toMatch(/TENANT_CODE_TAKEN/);
      const badCode = run('init', '--tenant-code', '!!');
      expect(badCode.code).toBe(2);
      expect(badCode.out).toMatch(/--tenant-code/);
      expect(run('frobnicate').code).toBe(2);
      expect(run('init', '--unknown-flag').code).toBe(2);
      const missing = run('staff', 'create', '--tenant', 'jingxin');
      expect(missing.code).toBe(2);
      expect(missing.out).toMatch(/--login is required/);
      const badRole = run('staff', 'create', '--tenant', 'jingxin', '--login', 'x1', '--name', 'x', '--role', 'janitor');
      expect(badRole.code).toBe(2);
      expect(badRole.out).toMatch(/unknown role/);
    }, 120_000);

    it('staff create adds an account to a store; migrate reports an up-to-date schema', () => {
      const r = run('staff', 'create', '--tenant', 'jingxin', '--login', 'desk', '--name', '前台小赵', '--role', 'frontDesk', '--store', 'S001');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Created staff desk/);
      const m = run('migrate');
      expect(m.code).toBe(0);
      expect(m.out).toMatch(/up to date/);
    }, 120_000);

    it('seed --demo creates the demo tenant once', async () => {
      const r = run('seed', '--demo');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/静心瑜伽馆/);
      expect(run('seed', '--demo').out).toMatch(/already exists/);
      const db = await openDatabase(testDb.config);
      try {
        const tenant = await db.db.selectFrom('tenants').selectAll().where('code', '=', 'demo').executeTakeFirstOrThrow();
        const staff = await db.db.selectFrom('staff').select('login').where('tenant_id', '=', tenant.id).execute();
        expect(staff.map((s) => s.login).sort()).toEqual(['desk', 'finance', 'manager.kids', 'manager.yoga', 'owner', 'teacher.kids', 'teacher.yoga']);
      } finally {
        await db.close();
      }
    }, 120_000);
  });
}
