#!/usr/bin/env node
// Build the console (web/) with Vite when its sources are newer than web/dist, or always with --force.
// `npm start` and `npm test` call this, so a fresh clone needs nothing but `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const dist = join(web, 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const force = process.argv.includes('--force');
if (!existsSync(join(web, 'index.html'))) {
  console.log('web/: no console sources, nothing to build');
  process.exit(0);
}
const stale = !existsSync(dist) || newest(web) > statSync(dist).mtimeMs;
if (!force && !stale) process.exit(0);
console.log('Building the console (vite build)…');
const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(web, 'vite.config.ts')], {
  cwd: web,
  stdio: 'inherit',
  // Always a production bundle: when a browser test rebuilds a stale console from inside Vitest,
  // NODE_ENV=test would leak into the bundle (React in dev mode, rc-components' ids all "test-id").
  env: { ...process.env, NODE_ENV: 'production' },
});
process.exit(r.status ?? 1);
