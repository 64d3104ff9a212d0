import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { startServer } from '../../src/main';
import { describeEachDb } from '../helpers/env';
import { createTestDatabase } from '../helpers/db';

/** Health, readiness and graceful shutdown of a real listening server. */
describeEachDb('server lifecycle', (use) => {
  it('serves /healthz and /readyz, finishes in-flight requests on shutdown, then closes the database', async () => {
    const kind = use().kind;
    const testDb = await createTestDatabase(kind);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => (arrived = r));
    const server = await startServer(
      { ...loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TESSERA_JOBS: 'off' }), database: testDb.config },
      {
        logger: false,
        configureApp: (app) => {
          app.get('/api/v1/__slow', { config: { permission: 'public' } }, async () => {
            arrived();
            await gate;
            return { done: true };
          });
        },
      },
    );
    try {
      const base = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready', database: kind });

      const slow = fetch(`${base}/api/v1/__slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
      await inFlight;
      const closing = server.close();
      // New connections are refused while the in-flight request is still running.
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
      release();
      expect(await slow).toEqual({ status: 200, body: { done: true } });
      await closing;
      await expect(server.database.db.selectFrom('tenants').selectAll().execute()).rejects.toThrow();
    } finally {
      release();
      await server.close();
      await testDb.drop();
    }
  });
});
