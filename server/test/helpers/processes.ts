import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/**
 * Real server processes for the multi-process tests (several `tessera start` on one database):
 * start one on a random port and wait for /readyz, sign in the owner, POST with a fresh
 * Idempotency-Key.
 */
const BIN = join(__dirname, '..', '..', '..', 'bin', 'tessera.mjs');

export interface ServerProcess {
  proc: ChildProcess;
  base: string;
}

export interface ProcessAuth {
  cookie: string;
  csrf: string;
}

export async function startProcess(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const port = 41000 + Math.floor(Math.random() * 9000);
  const proc = spawn(process.execPath, [BIN, 'start'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', TESSERA_JOBS: 'off' }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return { proc, base };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill('SIGKILL');
  throw new Error('server process did not become ready');
}

export async function loginOwner(base: string, tenantCode: string, password: string): Promise<ProcessAuth> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenantCode, login: 'owner', password }) });
  const body = (await r.json()) as { csrfToken: string };
  return { cookie: String(r.headers.get('set-cookie')).split(';')[0], csrf: body.csrfToken };
}

export async function postJson(base: string, auth: ProcessAuth, path: string, body: unknown, key = randomUUID()) {
  const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'idempotency-key': key }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as any };
}
