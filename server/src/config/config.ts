import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { FieldCryptoError, generateKeyText, parseKeyMaterial } from '../shared/crypto';

/**
 * Process configuration from the environment, parsed once; a bad value stops start-up with a
 * clear message. Business settings (tax, policies, templates) live in the database, not here.
 */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .describe('postgres://user@host:5432/db for PostgreSQL; unset for the embedded SQLite file'),
  TESSERA_DATA_DIR: z.string().default('data'),
  TESSERA_SQLITE_FILE: z.string().optional(),
  TESSERA_SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TESSERA_PUBLIC_URL: z.string().optional(),
  TESSERA_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  TESSERA_SESSION_HOURS: z.coerce.number().positive().default(12),
  TESSERA_PG_POOL: z.coerce.number().int().min(1).max(200).default(10),
  TESSERA_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  TESSERA_IDEMPOTENCY_HOURS: z.coerce.number().positive().default(72),
  TESSERA_JOBS: z.enum(['on', 'off']).default('on'),
  TESSERA_DATA_KEY: z.string().optional().describe('base64 32-byte key(s) for field encryption, current first, comma-separated'),
  TESSERA_DATA_KEY_FILE: z.string().optional().describe('file holding the key(s), one per line, current first'),
});

export interface DatabaseConfig {
  kind: 'sqlite' | 'postgres';
  /** SQLite file path or PostgreSQL connection string. */
  url: string;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  pgPoolSize: number;
}

export interface AppConfig {
  database: DatabaseConfig;
  host: string;
  port: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  publicUrl: string | undefined;
  secureCookies: 'auto' | boolean;
  sessionHours: number;
  trustProxy: boolean;
  idempotencyHours: number;
  jobs: boolean;
  dataDir: string;
  /** Where the field-encryption keys come from (see loadDataKeys). */
  dataKey: DataKeyConfig;
}

/**
 * Field-encryption keys (health data, ID numbers): TESSERA_DATA_KEY inline, else the file named
 * by TESSERA_DATA_KEY_FILE, else `<data dir>/tessera.key`, created (mode 0600) on first use so a
 * plain `npm start` works. Several processes on one PostgreSQL must share the same key.
 */
export interface DataKeyConfig {
  /** Keys given inline, current first (already checked). */
  inline: Buffer[] | null;
  file: string;
  /** The file is the default one in the data dir (created when missing). */
  isDefaultFile: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.TESSERA_DATA_DIR);
  let database: DatabaseConfig;
  if (e.DATABASE_URL && /^postgres(ql)?:\/\//.test(e.DATABASE_URL)) {
    database = { kind: 'postgres', url: e.DATABASE_URL, sqliteSynchronous: e.TESSERA_SQLITE_SYNCHRONOUS, pgPoolSize: e.TESSERA_PG_POOL };
  } else if (e.DATABASE_URL && !e.DATABASE_URL.startsWith('sqlite:')) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// (or sqlite:<file>), got "${e.DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}"`);
  } else {
    const file = e.DATABASE_URL?.startsWith('sqlite:') ? e.DATABASE_URL.slice('sqlite:'.length) : (e.TESSERA_SQLITE_FILE ?? resolve(dataDir, 'tessera.db'));
    database = { kind: 'sqlite', url: file, sqliteSynchronous: e.TESSERA_SQLITE_SYNCHRONOUS, pgPoolSize: e.TESSERA_PG_POOL };
  }
  return {
    database,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.TESSERA_PUBLIC_URL,
    secureCookies: e.TESSERA_SECURE_COOKIES === 'auto' ? 'auto' : e.TESSERA_SECURE_COOKIES === 'true',
    sessionHours: e.TESSERA_SESSION_HOURS,
    trustProxy: e.TESSERA_TRUST_PROXY === 'true',
    idempotencyHours: e.TESSERA_IDEMPOTENCY_HOURS,
    jobs: e.TESSERA_JOBS === 'on',
    dataDir,
    dataKey: {
      inline: e.TESSERA_DATA_KEY ? keysOrFail(e.TESSERA_DATA_KEY, 'TESSERA_DATA_KEY') : null,
      file: resolve(e.TESSERA_DATA_KEY_FILE ?? resolve(dataDir, 'tessera.key')),
      isDefaultFile: !e.TESSERA_DATA_KEY_FILE,
    },
  };
}

function keysOrFail(text: string, what: string): Buffer[] {
  try {
    return parseKeyMaterial(text);
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  ${what}: ${(err as Error).message}`);
  }
}

/**
 * Read the field-encryption keys (current first). Creates the default key file when missing;
 * a named key file that is missing or malformed is an error (never silently a new key, which
 * would make existing data unreadable).
 */
export function loadDataKeys(cfg: DataKeyConfig): Buffer[] {
  if (cfg.inline) return cfg.inline;
  if (!existsSync(cfg.file)) {
    if (!cfg.isDefaultFile) throw new ConfigError(`TESSERA_DATA_KEY_FILE ${cfg.file} does not exist`);
    mkdirSync(dirname(cfg.file), { recursive: true });
    try {
      writeFileSync(cfg.file, `# Tessera field-encryption key (current first). Back it up with the database: without it, health data and ID numbers cannot be read.\n${generateKeyText()}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  try {
    chmodSync(cfg.file, 0o600);
  } catch {
    // Read-only mounts (secrets volumes) keep their own permissions.
  }
  try {
    return parseKeyMaterial(readFileSync(cfg.file, 'utf8'));
  } catch (err) {
    if (err instanceof FieldCryptoError) throw new ConfigError(`key file ${cfg.file}: ${err.message}`);
    throw err;
  }
}
