import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { BOOLEAN_COLUMN, JSON_COLUMN } from '../../src/db/dialect';
import { GLOBAL_TABLES } from '../../src/db/schema';
import { describeEachDb } from '../helpers/env';
import { introspect } from '../helpers/introspect';

/**
 * The schema stays ready for Citus: every tenant-owned table carries tenant_id, and its primary
 * key, unique keys and foreign keys include it. Reads the migrated schema of the real database.
 */
describeEachDb('schema is distributable by tenant_id', (use) => {
  it('every tenant-owned table includes tenant_id in its primary, unique and foreign keys', async () => {
    const env = use();
    const tables = await introspect(env);
    expect(tables.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const t of tables) {
      if (GLOBAL_TABLES.has(t.name)) continue;
      if (!t.columns.some((c) => c.name === 'tenant_id')) {
        problems.push(`${t.name}: no tenant_id column (or list it in GLOBAL_TABLES)`);
        continue;
      }
      if (!t.primaryKey.includes('tenant_id')) problems.push(`${t.name}: primary key (${t.primaryKey.join(', ')}) lacks tenant_id`);
      for (const u of t.uniques) if (!u.columns.includes('tenant_id')) problems.push(`${t.name}: unique ${u.name} (${u.columns.join(', ')}) lacks tenant_id`);
      for (const f of t.foreignKeys) {
        if (f.table === 'tenants') continue;
        if (GLOBAL_TABLES.has(f.table)) continue;
        const i = f.columns.indexOf('tenant_id');
        if (i < 0 || f.refColumns[i] !== 'tenant_id') problems.push(`${t.name}: foreign key (${f.columns.join(', ')}) → ${f.table} does not include tenant_id on both sides`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('column types follow the decoding conventions of db/dialect.ts', async () => {
    const env = use();
    const problems: string[] = [];
    for (const t of await introspect(env)) {
      if (t.name.startsWith('kysely_')) continue;
      for (const c of t.columns) {
        if (env.kind === 'sqlite') {
          if (BOOLEAN_COLUMN.test(c.name) && c.type !== 'integer') problems.push(`${t.name}.${c.name}: booleans are integer 0/1 on SQLite`);
          if (JSON_COLUMN.test(c.name) && c.type !== 'text') problems.push(`${t.name}.${c.name}: JSON is text on SQLite`);
          continue;
        }
        const isBool = c.type === 'boolean';
        if (isBool !== BOOLEAN_COLUMN.test(c.name)) problems.push(`${t.name}.${c.name} (${c.type}): boolean columns and only they are named is_/has_/allow_`);
        const isJson = c.type === 'jsonb' || c.type === 'json';
        if (isJson !== JSON_COLUMN.test(c.name)) problems.push(`${t.name}.${c.name} (${c.type}): JSON columns and only they end in _json`);
        if (/_at$/.test(c.name) && c.type !== 'timestamp with time zone') problems.push(`${t.name}.${c.name}: *_at columns are timestamptz`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the audit log is append-only in the database itself', async () => {
    const env = use();
    const t = await env.newTenant();
    const row = await env.database.db.selectFrom('audit_logs').select('id').where('tenant_id', '=', t.tenantId).executeTakeFirstOrThrow();
    await expect(sql`update audit_logs set action = 'x' where id = ${row.id}`.execute(env.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_logs where id = ${row.id}`.execute(env.database.db)).rejects.toThrow(/append-only/);
  });
});
