import { sql } from 'kysely';
import type { TestEnv } from './env';

/** What the schema looks like, read from the database itself (both dialects). */
export interface TableShape {
  name: string;
  columns: { name: string; type: string }[];
  primaryKey: string[];
  uniques: { name: string; columns: string[] }[];
  foreignKeys: { columns: string[]; table: string; refColumns: string[] }[];
}

export async function introspect(env: TestEnv): Promise<TableShape[]> {
  const db = env.database.db;
  if (env.kind === 'postgres') {
    const tables = (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db)).rows;
    const cols = (
      await sql<{ t: string; name: string; type: string }>`select table_name as t, column_name as name, data_type as type from information_schema.columns where table_schema = 'public'`.execute(db)
    ).rows;
    const cons = (
      await sql<{ t: string; name: string; kind: string; cols: string[]; ft: string | null; fcols: string[] | null }>`
        select t.relname as t, c.conname as name, c.contype as kind,
          array(select a.attname::text from unnest(c.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as cols,
          ft.relname as ft,
          array(select a.attname::text from unnest(c.confkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o) as fcols
        from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace ns on ns.oid = t.relnamespace
        left join pg_class ft on ft.oid = c.confrelid
        where ns.nspname = 'public' and c.contype in ('p', 'u', 'f')`.execute(db)
    ).rows;
    const uidx = (
      await sql<{ t: string; name: string; cols: string[] }>`
        select t.relname as t, i.relname as name,
          array(select a.attname::text from unnest(ix.indkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = t.oid and a.attnum = k.n order by k.o) as cols
        from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_class t on t.oid = ix.indrelid join pg_namespace ns on ns.oid = t.relnamespace
        where ns.nspname = 'public' and ix.indisunique and not ix.indisprimary
          and not exists (select 1 from pg_constraint c where c.conindid = ix.indexrelid)`.execute(db)
    ).rows;
    return tables.map(({ name }) => ({
      name,
      columns: cols.filter((c) => c.t === name).map((c) => ({ name: c.name, type: c.type })),
      primaryKey: cons.find((c) => c.t === name && c.kind === 'p')?.cols ?? [],
      uniques: [
        ...cons.filter((c) => c.t === name && c.kind === 'u').map((c) => ({ name: c.name, columns: c.cols })),
        ...uidx.filter((u) => u.t === name).map((u) => ({ name: u.name, columns: u.cols })),
      ],
      foreignKeys: cons.filter((c) => c.t === name && c.kind === 'f').map((c) => ({ columns: c.cols, table: c.ft!, refColumns: c.fcols ?? [] })),
    }));
  }
  const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by 1`.execute(db)).rows;
  const out: TableShape[] = [];
  for (const { name } of tables) {
    const info = (await sql<{ name: string; type: string; pk: number }>`select name, type, pk from pragma_table_info(${name})`.execute(db)).rows;
    const idx = (await sql<{ name: string; unique: number; origin: string }>`select name, "unique", origin from pragma_index_list(${name})`.execute(db)).rows;
    const uniques: TableShape['uniques'] = [];
    for (const i of idx.filter((x) => x.unique && x.origin !== 'pk')) {
      const cols = (await sql<{ name: string }>`select name from pragma_index_info(${i.name}) order by seqno`.execute(db)).rows.map((r) => r.name);
      uniques.push({ name: i.name, columns: cols });
    }
    const fks = (await sql<{ id: number; table: string; from: string; to: string | null }>`select id, "table", "from", "to" from pragma_foreign_key_list(${name}) order by id, seq`.execute(db)).rows;
    const byId = new Map<number, { columns: string[]; table: string; refColumns: string[] }>();
    for (const f of fks) {
      const e = byId.get(f.id) ?? { columns: [], table: f.table, refColumns: [] };
      e.columns.push(f.from);
      e.refColumns.push(f.to ?? 'id');
      byId.set(f.id, e);
    }
    out.push({
      name,
      columns: info.map((c) => ({ name: c.name, type: c.type.toLowerCase() })),
      primaryKey: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      uniques,
      foreignKeys: [...byId.values()],
    });
  }
  return out;
}

/** Every row a tenant owns, table by table, in a stable order: compare before and after. */
export async function dumpTenant(env: TestEnv, tenantId: string, opts: { exclude?: string[] } = {}): Promise<Record<string, string[]>> {
  const shapes = await introspect(env);
  const out: Record<string, string[]> = {};
  for (const t of shapes) {
    if (!t.columns.some((c) => c.name === 'tenant_id') || opts.exclude?.includes(t.name)) continue;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const rows = await (env.database.db as any).selectFrom(t.name).selectAll().where('tenant_id', '=', tenantId).execute();
    out[t.name] = rows.map((r: unknown) => JSON.stringify(r)).sort();
  }
  return out;
}
