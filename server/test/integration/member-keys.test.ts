import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { FieldCipher, keyIdOf, parseKeyMaterial } from '../../src/shared/crypto';
import { type TestDatabase, createTestDatabase, testDbKinds } from '../helpers/db';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'tessera.mjs');

/** `tessera keys …` as a real process: the default key file, status, and rotation to a new key. */
for (const kind of testDbKinds()) {
  describe(`tessera keys [${kind}]`, () => {
    let testDb: TestDatabase;
    let dataDir: string;
    let env: NodeJS.ProcessEnv;
    const run = (...args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
      return { code: r.status, out: `${r.stdout}${r.stderr}` };
    };

    beforeAll(async () => {
      testDb = await createTestDatabase(kind);
      dataDir = mkdtempSync(join(tmpdir(), 'tessera-keys-'));
      env = { ...process.env, TESSERA_DATA_DIR: dataDir, LOG_LEVEL: 'silent', TESSERA_DATA_KEY: '', TESSERA_DATA_KEY_FILE: '' };
      delete env.TESSERA_DATA_KEY;
      delete env.TESSERA_DATA_KEY_FILE;
      if (kind === 'postgres') env.DATABASE_URL = testDb.config.url;
      else env.TESSERA_SQLITE_FILE = testDb.config.url;
    }, 60_000);
    afterAll(async () => {
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('creates a private key file on first use, reports usage, and rotates every value to a new key', async () => {
      expect(run('seed', '--demo').code).toBe(0);
      const keyFile = join(dataDir, 'tessera.key');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const [oldKey] = parseKeyMaterial(readFileSync(keyFile, 'utf8'));

      const status = run('keys', 'status');
      expect(status.code).toBe(0);
      expect(status.out).toContain(`${keyIdOf(oldKey)}: 1 value(s) (current)`);

      const gen = run('keys', 'generate');
      expect(gen.code).toBe(0);
      const newKeyFile = join(dataDir, 'new.key');
      writeFileSync(newKeyFile, gen.out);
      const [newKey] = parseKeyMaterial(gen.out);

      const rotated = run('keys', 'rotate', '--new-key-file', newKeyFile);
      expect(rotated.code).toBe(0);
      expect(rotated.out).toContain(`Re-encrypted 1 of 1 value(s) in 1 row(s) under key ${keyIdOf(newKey)}`);
      expect(parseKeyMaterial(readFileSync(keyFile, 'utf8')).map(keyIdOf)).toEqual([keyIdOf(newKey), keyIdOf(oldKey)]);
      expect(run('keys', 'status').out).toContain(`${keyIdOf(newKey)}: 1 value(s) (current)`);

      const db = await openDatabase(testDb.config);
      try {
        const rows = await db.db.selectFrom('member_sensitive').selectAll().execute();
        expect(rows).toHaveLength(1);
        const r = rows[0];
        const health = new FieldCipher([newKey]).decrypt(r.health_enc!, `${r.tenant_id}:member_sensitive.health:${r.member_id}`);
        expect(JSON.parse(health).conditions).toBe('腰椎间盘突出');
      } finally {
        await db.close();
      }
      const bad = run('keys', 'rotate', '--new-key-file', join(dataDir, 'missing.key'));
      expect(bad.code).toBe(2);
      expect(bad.out).toContain('missing.key');
    }, 120_000);
  });
}
