import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { describeEachDb } from '../helpers/env';

/** The same process serves the console: SPA fallback, cacheable hashed assets, JSON 404s for the API. */
describeEachDb('console serving', (use) => {
  it('serves index.html for console paths, caches hashed assets for a year and keeps API 404s in JSON', async () => {
    const env = use();
    const dir = mkdtempSync(join(tmpdir(), 'tessera-web-'));
    try {
      mkdirSync(join(dir, 'assets'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Tessera console</title>');
      writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
      const app = await buildApp(env.services, { logger: false, webDist: dir });
      await app.ready();
      const page = await app.inject({ method: 'GET', url: '/members/mbr_x' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Tessera console');
      expect(page.headers['cache-control']).toBe('no-cache');
      const asset = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const missingAsset = await app.inject({ method: 'GET', url: '/assets/nope.js' });
      expect(missingAsset.statusCode).toBe(404);
      const api = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
      expect(api.statusCode).toBe(404);
      expect(JSON.parse(api.body).error.code).toBe('ROUTE_NOT_FOUND');
      await app.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
