import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { FromChild, ToChild } from './ipc';

/**
 * The child half of a bench server: tell the parent where it listens, profile on request (only
 * the measured load, not start-up), and shut down gracefully when asked.
 */
function send(msg: FromChild): void {
  process.send?.(msg);
}

export function serveBenchControl(url: string, close: () => Promise<void>): void {
  if (!process.send) throw new Error('bench servers run as a child process of bench/run.ts');
  let closing: Promise<void> | null = null;
  const closeOnce = () => (closing ??= close());
  let session: Session | null = null;
  process.on('message', async (msg: ToChild) => {
    try {
      if (msg.type === 'profile-start') {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        // 250 µs: fine enough for sub-millisecond requests, cheap enough not to distort much.
        await session.post('Profiler.setSamplingInterval', { interval: 250 });
        await session.post('Profiler.start');
      } else if (msg.type === 'profile-stop') {
        if (!session) throw new Error('profiler not started');
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(msg.file, JSON.stringify(profile));
        session.disconnect();
        session = null;
      } else if (msg.type === 'stop') {
        await closeOnce();
        send({ type: 'done', id: msg.id });
        process.disconnect();
        return;
      }
      send({ type: 'done', id: msg.id });
    } catch (err) {
      send({ type: 'done', id: msg.id, error: (err as Error).message });
    }
  });
  // The parent going away (Ctrl-C, crash) must not leave a server behind.
  process.on('disconnect', () => {
    void closeOnce().finally(() => process.exit(0));
  });
  send({ type: 'ready', url });
}

export function failStartup(err: unknown): never {
  console.error((err as Error)?.stack ?? String(err));
  process.exit(1);
}
