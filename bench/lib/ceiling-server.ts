/**
 * Child process for the HTTP ceilings: a bare Fastify 5 app (no plugins, no logger) with
 *   hello      GET /hello → {"hello":"world"}
 *   pk-select  GET /pk-select → one primary-key SELECT of a random TPC-B account through the raw
 *              driver (prepared statement), returned as JSON
 * Usage (from bench/lib/ceilings.ts): ceiling-server.ts hello
 *   | pk-select sqlite <file> <accounts> <pragma=value,…>   (pragmas read from the product's own connection)
 *   | pk-select postgres <url> <accounts> <pool size>
 * Imports are per mode: loading Kysely through tsx takes seconds, and the ceilings need none of it.
 */
import Fastify from 'fastify';
import { failStartup, serveBenchControl } from './child-side';
import { randomInt } from './stats';

async function main(): Promise<void> {
  const [mode, kind, target, accountsText, extra] = process.argv.slice(2);
  const app = Fastify({ logger: false });
  let closeDb = async () => {};

  if (mode === 'hello') {
    app.get('/hello', async () => ({ hello: 'world' }));
  } else if (mode === 'pk-select' && kind === 'sqlite') {
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const accounts = Number(accountsText);
    const raw = new BetterSqlite3(target);
    for (const p of extra.split(',')) raw.pragma(p);
    const stmt = raw.prepare('select aid, bid, abalance from accounts where aid = ?');
    app.get('/pk-select', async () => stmt.get(randomInt(1, accounts)));
    closeDb = async () => {
      raw.close();
    };
  } else if (mode === 'pk-select' && kind === 'postgres') {
    const { openPgPool } = await import('../../server/src/db/postgres');
    const accounts = Number(accountsText);
    const pool = openPgPool(target, Number(extra));
    const text = 'select aid, bid, abalance from accounts where aid = $1';
    app.get('/pk-select', async () => (await pool.query({ name: 'pk_select', text, values: [randomInt(1, accounts)] })).rows[0]);
    closeDb = () => pool.end();
  } else {
    throw new Error(`unknown ceiling server mode: ${process.argv.slice(2).join(' ')}`);
  }

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  serveBenchControl(address, async () => {
    await app.close();
    await closeDb();
  });
}

main().catch(failStartup);
