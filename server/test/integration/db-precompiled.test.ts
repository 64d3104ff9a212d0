import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, migrateToLatest, openDatabase } from '../../src/db/database';
import { precompiled, precompiledInsert } from '../../src/db/precompiled';
import { createTestDatabase, type TestDatabase, testDbKinds } from '../helpers/db';

// Precompiled statements (db/precompiled.ts) and the SQLite driver (db/sqlite.ts): the same rows
// and the same statements as the query builder, on both databases.
describe.each(testDbKinds())('precompiled statements and the driver [%s]', (kind) => {
  let tdb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    database = await openDatabase(tdb.config);
    await migrateToLatest(database);
    await database.db
      .insertInto('tenants')
      .values({ id: 't1', code: 'acme', name: 'Acme', is_active: true, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' } as never)
      .execute();
  });
  afterAll(async () => {
    await database?.close();
    await tdb?.drop();
  });

  const byCode = precompiled((x, code: string) => x.selectFrom('tenants').selectAll().where('code', '=', code).where('is_active', '=', true));
  const insertTenant = precompiledInsert('tenants', ['id', 'code', 'name', 'is_active', 'created_at', 'updated_at']);

  it('reads like the builder, decodes booleans, keeps constants and serves transactions too', async () => {
    const built = await database.db.selectFrom('tenants').selectAll().where('code', '=', 'acme').executeTakeFirst();
    expect(await byCode.takeFirst(database.db, 'acme')).toEqual(built);
    expect(built?.is_active).toBe(true);
    expect(await byCode.takeFirst(database.db, 'nope')).toBeUndefined();
    await database.db.transaction().execute(async (trx) => {
      expect((await byCode.takeFirst(trx, 'acme'))?.id).toBe('t1');
    });
  });

  it('inserts a full row precompiled and a partial row through the builder', async () => {
    await insertTenant.execute(database.db, { id: 't2', code: 'b2', name: 'B', is_active: false, created_at: '2026-01-02T00:00:00.000Z', updated_at: '2026-01-02T00:00:00.000Z' } as never);
    await insertTenant.execute(database.db, { id: 't3', code: 'b3', name: 'C', created_at: '2026-01-02T00:00:00.000Z', updated_at: '2026-01-02T00:00:00.000Z', is_active: undefined } as never);
    const rows = await database.db.selectFrom('tenants').select(['id', 'is_active']).where('id', 'in', ['t2', 't3']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 't2', is_active: false },
      { id: 't3', is_active: true },
    ]);
  });

  it('refuses a build that does not use each parameter once', async () => {
    const bad = precompiled((x, code: string, _unused: string) => x.selectFrom('tenants').selectAll().where('code', '=', code));
    await expect(bad.execute(database.db, 'acme', 'x')).rejects.toThrow(/exactly once/);
  });

  it('serves concurrent callers of the one SQLite connection in turn, transactions included', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? database.db.transaction().execute(async (trx) => (await byCode.takeFirst(trx, 'acme'))?.id)
          : byCode.takeFirst(database.db, 'acme').then((r) => r?.id),
      ),
    );
    expect(results).toEqual(Array(20).fill('t1'));
  });
});
