import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDataKeys } from '../config/config';
import { fieldKeyUsage, rotateFieldKeys } from '../modules/member';
import { FieldCipher, generateKeyText, keyIdOf, parseKeyMaterial } from '../shared/crypto';
import { type Database, inTransaction, migrateToLatest, openDatabase, pendingMigrations } from '../db/database';
import { createServices, type Services } from '../services';
import { systemCtx } from '../shared/context';
import { AppError } from '../shared/errors';
import { BUILTIN_ROLES, type BuiltinRole } from '../shared/permissions';
import { verifyCards } from '../modules/card';
import { verifyLedger } from '../modules/ledger';
import { verifyOrders } from '../modules/order';
import { verifyPoints } from '../modules/points';
import { verifyStock } from '../modules/stock';
import { seedDemo } from './seed-demo';

const USAGE = `tessera — membership management and cashier (会员管理收银系统)

Usage:
  tessera start                      run the server (console at /, API docs at /api/docs)
  tessera init [options]             create a tenant, its first store and an owner account
      --tenant-name <name>           default 我的门店
      --tenant-code <code>           default main (letters, digits, - _)
      --store-name <name>            default 总店
      --owner-login <login>          default owner
      --owner-name <name>            default 店主
  tessera migrate                    bring the database schema up to date
  tessera staff create --tenant <code> --login <login> --name <name> --role <role> [--store <code>]...
                                     roles: ${BUILTIN_ROLES.join(', ')}
  tessera seed --demo                create the demo tenant "demo" (a yoga studio and an early-education centre)
  tessera keys generate              print a new random field-encryption key (base64)
  tessera keys status                which data key encrypts how many values (health data, ID numbers)
  tessera keys rotate [--new-key-file <file>]
                                     re-encrypt every encrypted value under the current key (or the new one)
  tessera verify [--tenant <code>]   recompute every balance from the ledger, every stock level from its moves,
                                     and check orders, points and membership cards;
                                     prints mismatches and exits 1 when there are any

Configuration comes from the environment: DATABASE_URL (postgres://…; unset = SQLite file data/tessera.db),
PORT (3000), HOST, LOG_LEVEL. See README.md.`;

export class CliError extends Error {}

async function withServices<T>(fn: (s: Services, db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database);
    return await fn(createServices({ database, clock: (await import('../shared/clock')).systemClock, config }), database);
  } finally {
    await database.close();
  }
}

function loginUrl(): string {
  const config = loadConfig();
  return config.publicUrl ?? `http://localhost:${config.port}/`;
}

async function cmdInit(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'tenant-name': { type: 'string', default: '我的门店' },
      'tenant-code': { type: 'string', default: 'main' },
      'store-name': { type: 'string', default: '总店' },
      'owner-login': { type: 'string', default: 'owner' },
      'owner-name': { type: 'string', default: '店主' },
    },
    strict: true,
  });
  const code = values['tenant-code']!;
  if (!/^[A-Za-z0-9_-]{2,40}$/.test(code)) throw new CliError(`--tenant-code must be 2–40 letters, digits, - or _ (got "${code}")`);
  const login = values['owner-login']!.toLowerCase();
  if (!/^[a-z0-9][a-z0-9._@-]{1,39}$/.test(login)) throw new CliError(`--owner-login must be 2–40 letters, digits, . _ @ - (got "${login}")`);
  return withServices(async (s) => {
    const result = await inTransaction(s.database, async (trx) => {
      const tenant = await s.org.createTenant({ code, name: values['tenant-name']! }, trx);
      const ctx = systemCtx(tenant.id, { name: 'tessera init' });
      const store = await s.org.createStore(ctx, { name: values['store-name']! }, trx);
      await s.staff.createBuiltinRoles(trx, tenant.id);
      const owner = await s.staff.createFromCli(trx, ctx, { login, name: values['owner-name']!, roleKeys: ['owner'], storeIds: [store.id], scopeType: 'all' });
      return { tenant, store, owner };
    });
    const single = (await s.org.tenantDirectory()).count === 1;
    console.log(`Created tenant "${result.tenant.name}" (code ${result.tenant.code}), store "${result.store.name}" and owner "${login}".
已创建商户、门店和老板账号。

  Sign in at / 登录地址:   ${loginUrl()}${single ? '' : `\n  Tenant code / 商户编号: ${result.tenant.code}`}
  Login / 账号:            ${login}
  One-time password / 一次性密码: ${result.owner.temporaryPassword}

You will be asked to choose a new password at first sign-in. 首次登录后请修改密码。`);
    return 0;
  });
}

async function cmdMigrate(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    const before = await pendingMigrations(database);
    await migrateToLatest(database);
    console.log(before.length ? `Applied ${before.length} migration(s): ${before.join(', ')} (${database.description})` : `Schema is up to date (${database.description})`);
    return 0;
  } finally {
    await database.close();
  }
}

async function cmdStaff(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') throw new CliError(`unknown staff command "${sub ?? ''}"; try: tessera staff create --help`);
  const { values } = parseArgs({
    args: rest,
    options: {
      tenant: { type: 'string' },
      login: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      store: { type: 'string', multiple: true },
      password: { type: 'string' },
    },
    strict: true,
  });
  for (const k of ['tenant', 'login', 'name', 'role'] as const) if (!values[k]) throw new CliError(`--${k} is required`);
  const roles = values.role!;
  const bad = roles.filter((r) => !(BUILTIN_ROLES as readonly string[]).includes(r));
  if (bad.length) throw new CliError(`unknown role(s) ${bad.join(', ')}; choose from ${BUILTIN_ROLES.join(', ')}`);
  return withServices(async (s) => {
    const tenant = await s.org.tenantByCode(values.tenant!);
    if (!tenant) throw new CliError(`no tenant with code "${values.tenant}"`);
    const ctx = systemCtx(tenant.id, { name: 'tessera staff create' });
    const stores = await s.org.listStores(ctx, { includeInactive: true });
    const storeIds = (values.store ?? []).map((ref) => {
      const st = stores.find((x) => x.code === ref || x.id === ref || x.name === ref);
      if (!st) throw new CliError(`no store "${ref}" in tenant ${tenant.code}; stores: ${stores.map((x) => x.code).join(', ')}`);
      return st.id;
    });
    const r = await inTransaction(s.database, (trx) =>
      s.staff.createFromCli(trx, ctx, { login: values.login!, name: values.name!, password: values.password, roleKeys: roles as BuiltinRole[], storeIds, scopeType: 'stores' }),
    );
    console.log(`Created staff ${r.staff.login} (${r.staff.name}) with role(s) ${roles.join(', ')}.`);
    if (r.temporaryPassword) console.log(`One-time password / 一次性密码: ${r.temporaryPassword}`);
    return 0;
  });
}

async function cmdSeed(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean' }, password: { type: 'string' } }, strict: true });
  if (!values.demo) throw new CliError('seed needs --demo');
  return withServices(async (s) => {
    const out = await seedDemo(s, { password: values.password });
    console.log(out);
    return 0;
  });
}

async function cmdKeys(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'generate') {
    console.log(generateKeyText());
    return 0;
  }
  if (sub !== 'status' && sub !== 'rotate') throw new CliError(`unknown keys command "${sub ?? ''}"; try: tessera keys generate | status | rotate`);
  const { values } = parseArgs({ args: rest, options: { 'new-key-file': { type: 'string' } }, strict: true });
  const config = loadConfig();
  const configured = loadDataKeys(config.dataKey);
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database);
    if (sub === 'status') {
      const usage = await fieldKeyUsage(database);
      const current = keyIdOf(configured[0]);
      console.log(`Configured keys (current first): ${configured.map((k) => keyIdOf(k)).join(', ')}`);
      for (const [id, n] of Object.entries(usage)) console.log(`  ${id}: ${n} value(s)${id === current ? ' (current)' : configured.some((k) => keyIdOf(k) === id) ? '' : ' — NOT CONFIGURED: these cannot be read'}`);
      if (!Object.keys(usage).length) console.log('  no encrypted values yet');
      return 0;
    }
    const fresh = values['new-key-file'] ? keyFileOrFail(values['new-key-file']) : null;
    const keys = fresh ? [fresh[0], ...configured.filter((k) => keyIdOf(k) !== keyIdOf(fresh[0]))] : configured;
    const report = await rotateFieldKeys(database, new FieldCipher(keys));
    console.log(
      `Re-encrypted ${report.reencrypted} of ${report.values} value(s) in ${report.rows} row(s) under key ${report.currentKeyId}; ${report.alreadyCurrent} already used it. 已完成密钥轮换。`,
    );
    for (const [id, n] of Object.entries(report.byKeyBefore)) console.log(`  before: ${id}: ${n}`);
    if (fresh) {
      const text = [`# Tessera field-encryption keys, current first (rotated ${new Date().toISOString()})`, ...keys.map((k) => k.toString('base64'))].join('\n');
      if (config.dataKey.inline) {
        console.log(`\nNow set TESSERA_DATA_KEY to the new key (keep the old ones after it until every process restarted):\n  TESSERA_DATA_KEY=${keys.map((k) => k.toString('base64')).join(',')}\nand restart every server process.`);
      } else {
        writeFileSync(config.dataKey.file, `${text}\n`, { mode: 0o600 });
        console.log(`\nWrote the new key first in ${config.dataKey.file} (old keys kept after it). Restart every server process; back the key file up with the database.`);
      }
    }
    return 0;
  } finally {
    await database.close();
  }
}

function keyFileOrFail(path: string): Buffer[] {
  try {
    return parseKeyMaterial(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CliError(`--new-key-file ${path}: ${(err as Error).message}`);
  }
}

async function cmdVerify(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { tenant: { type: 'string' } }, strict: true });
  return withServices(async (s) => {
    let tenantId: string | undefined;
    if (values.tenant) {
      const t = await s.org.tenantByCode(values.tenant);
      if (!t) throw new CliError(`no tenant with code "${values.tenant}"`);
      tenantId = t.id;
    }
    const results = [
      ['ledger', await verifyLedger(s.database.db, tenantId)],
      ['points', await verifyPoints(s.database.db, tenantId)],
      ['orders', await verifyOrders(s.database.db, tenantId)],
      ['cards', await verifyCards(s.database.db, tenantId)],
      [
        'stock',
        await verifyStock(s.database.db, {
          tenantId,
          allowsNegative: async (tid, ids) => new Set([...(await s.products.briefs(s.database.db, tid, ids)).values()].filter((p) => p.allowNegativeStock).map((p) => p.id)),
        }),
      ],
    ] as const;
    let total = 0;
    for (const [name, r] of results) {
      console.log(`${name}: ${r.checked} checked, ${r.mismatches.length} mismatch(es)`);
      for (const m of r.mismatches) console.log(`  ✖ [${m.check}] tenant ${m.tenantId} ${m.subject}: ${m.detail}`);
      total += r.mismatches.length;
    }
    console.log(total === 0 ? 'OK: every balance equals its ledger. 账实相符。' : `${total} mismatch(es) found. 发现 ${total} 处不一致。`);
    return total === 0 ? 0 : 1;
  });
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'start': {
        const { runUntilSignalled } = await import('../main');
        await runUntilSignalled();
        return 0;
      }
      case 'init':
        return await cmdInit(rest);
      case 'migrate':
        return await cmdMigrate();
      case 'staff':
        return await cmdStaff(rest);
      case 'seed':
        return await cmdSeed(rest);
      case 'keys':
        return await cmdKeys(rest);
      case 'verify':
        return await cmdVerify(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        console.error(`tessera: unknown command "${cmd}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof CliError || err instanceof ConfigError) {
      console.error(`tessera: ${err.message}`);
      return 2;
    }
    if (err instanceof AppError) {
      console.error(`tessera: ${err.localizedMessage('zh-CN')} / ${err.message} [${err.code}]`);
      return 1;
    }
    if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`tessera: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    console.error('tessera: unexpected error:', err);
    return 1;
  }
}
