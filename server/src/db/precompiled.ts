import { type Compilable, type CompiledQuery, type Insertable, type QueryResult, createQueryId } from 'kysely';
import type { Executor } from './database';
import type { DB } from './schema';

/**
 * A fixed-shape query built and compiled once per database, then run with new parameters.
 * Building a Kysely query (immutable node trees, frozen at every step) and compiling it to SQL
 * costs about as much as running a simple indexed statement on SQLite; for the statements every
 * request or every checkout runs, that is paid once instead of every time.
 *
 * `build` receives placeholders in place of the parameters and must use each one exactly once,
 * as a plain value (not inside `in` lists, whose SQL depends on their length); checked on the
 * first compile. Constants written into the query stay as compiled. Transactions share their
 * database's compiler, so one compile serves both.
 */
export function precompiled<A extends unknown[], R>(build: (x: Executor, ...args: A) => Compilable<R>, arity = build.length - 1) {
  const byCompiler = new WeakMap<object, { template: CompiledQuery<R>; positions: number[] }>();
  const placeholders = Array.from({ length: arity }, (_, i) => `\u0000precompiled-parameter-${i}\u0000`);

  function compiled(x: Executor) {
    const key = x.getExecutor().adapter;
    let hit = byCompiler.get(key);
    if (!hit) {
      const template = build(x, ...(placeholders as unknown as A)).compile();
      const positions = template.parameters.map((p) => placeholders.indexOf(p as string));
      for (let i = 0; i < placeholders.length; i++) {
        if (positions.filter((n) => n === i).length !== 1) throw new Error(`precompiled query must use parameter ${i} exactly once: ${template.sql}`);
      }
      hit = { template, positions };
      byCompiler.set(key, hit);
    }
    return hit;
  }

  return {
    async execute(x: Executor, ...args: A): Promise<QueryResult<R>> {
      const { template, positions } = compiled(x);
      // Constants written into the query keep their compiled value (position -1).
      const parameters = positions.map((i, j) => (i < 0 ? template.parameters[j] : args[i]));
      return x.executeQuery<R>({ query: template.query, queryId: createQueryId(), sql: template.sql, parameters });
    },
    async takeFirst(x: Executor, ...args: A): Promise<R | undefined> {
      return (await this.execute(x, ...args)).rows[0];
    },
  };
}

/**
 * A one-row INSERT of a fixed set of columns, compiled once. A row that leaves a column out (or
 * sets it undefined, which Kysely would leave out so the table's default applies) or carries
 * another column goes through the query builder as before: the statement is always the one the
 * row asks for.
 */
export function precompiledInsert<T extends keyof DB & string>(table: T, columns: readonly (keyof Insertable<DB[T]> & string)[]) {
  const insert = precompiled(
    (x: Executor, ...values: unknown[]) => x.insertInto(table).values(Object.fromEntries(columns.map((c, i) => [c, values[i]])) as never),
    columns.length,
  );
  const viaBuilder = async (x: Executor, row: Insertable<DB[T]>) => {
    await x.insertInto(table).values(row as never).execute();
  };
  return {
    async execute(x: Executor, row: Insertable<DB[T]>): Promise<void> {
      const r = row as Record<string, unknown>;
      let n = 0;
      for (const k in r) {
        if (r[k] === undefined) return viaBuilder(x, row);
        n++;
      }
      if (n !== columns.length) return viaBuilder(x, row);
      const values: unknown[] = [];
      for (const c of columns) {
        if (!(c in r)) return viaBuilder(x, row);
        values.push(r[c]);
      }
      await insert.execute(x, ...values);
    },
  };
}
