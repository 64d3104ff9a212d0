import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, inTransaction, migrateToLatest, openDatabase } from '../../src/db/database';
import { createTestDatabase, type TestDatabase, testDbKinds } from '../helpers/db';

// What a resolved transaction means, on both databases: committed and visible to another
// connection (SQLite commits transactions of one event-loop turn together — db/sqlite.ts — and
// answers each only after that COMMIT); a failing transaction takes back only itself; a read
// outside a transaction sees only what has committed.
describe.each(testDbKinds())('commits [%s]', (kind) => {
  let tdb: TestDatabase;
  let database: Database;
  let other: Database;
  const at = '2026-01-01T00:00:00.000Z';
  const tenant = (id: string) => ({ id, code: id, name: id, is_active: true, created_at: at, updated_at: at }) as never;
  const seenByOther = async (id: string) => !!(await other.db.selectFrom('tenants').select('id').where('id', '=', id).executeTakeFirst());

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    database = await openDatabase(tdb.config);
    await migrateToLatest(database);
    other = await openDatabase(tdb.config);
  });
  afterAll(async () => {
    await other?.close();
    await database?.close();
    await tdb?.drop();
  });

  it('100 concurrent transactions: each is answered only once another connection sees it; a failing one takes back only itself', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        inTransaction(database, async (trx) => {
          await trx.insertInto('tenants').values(tenant(`c${i}`)).execute();
          if (i % 10 === 3) throw new Error(`refused ${i}`);
          await trx.updateTable('tenants').set({ name: `committed ${i}` }).where('id', '=', `c${i}`).execute();
          return i;
        }).then(async (v) => ({ v, visible: await seenByOther(`c${v}`) })),
      ),
    );
    const ok = outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<{ v: number; visible: boolean }>).value);
    expect(ok).toHaveLength(90);
    expect(ok.every((o) => o.visible)).toBe(true);
    const rows = await other.db.selectFrom('tenants').select(['id', 'name']).where('id', 'like', 'c%').execute();
    expect(rows).toHaveLength(90);
    expect(rows.every((r) => r.name === `committed ${r.id.slice(1)}`)).toBe(true);
    for (let i = 3; i < 100; i += 10) expect(outcomes[i]).toMatchObject({ status: 'rejected', reason: { message: `refused ${i}` } });
  });

  it('a read outside a transaction never sees a transaction that has not committed', async () => {
    let inside!: () => void;
    const wrote = new Promise<void>((r) => (inside = r));
    let finish!: () => void;
    const held = new Promise<void>((r) => (finish = r));
    const tx = inTransaction(database, async (trx) => {
      await trx.insertInto('tenants').values(tenant('pending')).execute();
      inside();
      await held; // the transaction stays open across turns of the event loop
    });
    await wrote;
    expect(await database.db.selectFrom('tenants').select('id').where('id', '=', 'pending').executeTakeFirst()).toBeUndefined();
    finish();
    await tx;
    expect(await database.db.selectFrom('tenants').select('id').where('id', '=', 'pending').executeTakeFirst()).toEqual({ id: 'pending' });
    expect(await seenByOther('pending')).toBe(true);
  });

  it('a write outside a transaction, among transactions waiting for their commit, is committed when it is answered', async () => {
    const txs = Array.from({ length: 5 }, (_, i) => inTransaction(database, (trx) => trx.insertInto('tenants').values(tenant(`w${i}`)).execute()));
    await database.db.insertInto('tenants').values(tenant('plain')).execute();
    expect(await seenByOther('plain')).toBe(true);
    await Promise.all(txs);
    for (let i = 0; i < 5; i++) expect(await seenByOther(`w${i}`)).toBe(true);
  });
});

describe.each(testDbKinds().filter((k) => k === 'sqlite'))('SQLite group commit [%s]', (kind) => {
  let tdb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    database = await openDatabase(tdb.config);
    await migrateToLatest(database);
  });
  afterAll(async () => {
    await database?.close();
    await tdb?.drop();
  });

  it('transactions that finish in one turn of the event loop share a COMMIT', async () => {
    const before = database.commitStats!();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        inTransaction(database, (trx) => trx.insertInto('tenants').values({ id: `g${i}`, code: `g${i}`, name: 'g', is_active: true, created_at: 'x', updated_at: 'x' } as never).execute()),
      ),
    );
    const after = database.commitStats!();
    expect(after.transactions - before.transactions).toBe(40);
    expect(after.commits - before.commits).toBeLessThanOrEqual(2);
    expect(after.commits - before.commits).toBeGreaterThanOrEqual(1);
  });
});
