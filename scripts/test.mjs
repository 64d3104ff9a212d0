#!/usr/bin/env node
// `npm test`: boundaries → types → console build → every test (unit, integration on SQLite and
// PostgreSQL, browser). Extra arguments go to vitest (e.g. `npm test -- server/test/integration/auth.test.ts`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const quick = args.length > 0;

function run(label, cmd, cmdArgs) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`✖ ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const node = process.execPath;
if (!quick) {
  run('module boundaries and import cycles', node, ['scripts/check-boundaries.mjs']);
  run('type check (server)', node, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
  run('type check (web)', node, ['node_modules/typescript/bin/tsc', '-p', 'web/tsconfig.json', '--noEmit']);
}
run('console build', node, ['scripts/build-web.mjs']);
run('tests', node, ['node_modules/vitest/vitest.mjs', 'run', ...args]);
