import { type ChildProcess, fork } from 'node:child_process';
import { onCleanup } from './databases';
import type { FromChild, ToChild } from './ipc';

/**
 * A server running in a child process (so the load generator in this process does not share
 * its event loop). The child script calls serveBenchControl() once it listens.
 */
export interface ChildServer {
  url: string;
  pid: number;
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<void>;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

export async function startChildServer(script: string, args: string[], env: Record<string, string>): Promise<ChildServer> {
  const child: ChildProcess = fork(script, args, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output}`)), STARTUP_TIMEOUT_MS);
    child.on('message', (m: FromChild) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve(m.url);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before it was ready:\n${output}`));
    });
  });

  let nextId = 1;
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  child.on('message', (m: FromChild) => {
    if (m.type !== 'done') return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p?.reject(new Error(m.error));
    else p?.resolve();
  });
  void exited.then((code) => {
    for (const p of pending.values()) p.reject(new Error(`server exited (code ${code}):\n${output}`));
    pending.clear();
  });
  const call = (msg: Omit<ToChild, 'id'>) =>
    new Promise<void>((resolve, reject) => {
      if (child.exitCode !== null || !child.connected) return reject(new Error(`server is not running:\n${output}`));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...msg, id } as ToChild);
    });

  const stop = onCleanup(async () => {
    if (child.exitCode === null && child.connected) {
      await call({ type: 'stop' }).catch(() => {});
    }
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  });

  return {
    url,
    pid: child.pid ?? -1,
    profileStart: () => call({ type: 'profile-start' }),
    profileStop: (file) => call({ type: 'profile-stop', file } as Omit<ToChild, 'id'>),
    stop,
  };
}
