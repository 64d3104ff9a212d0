#!/usr/bin/env node
// Module boundaries and import cycles (run by `npm test` and CI):
// 1. a module (server/src/modules/<m>) is entered only through its index.ts;
// 2. shared/ and db/ know nothing of http/ or modules/; http/ knows nothing of modules/;
// 3. no import cycle between files, and none between modules.
// Tests (*.test.ts, server/test) may reach into the module they test.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'server', 'src');
const IMPORT_RE = /(?:^|[^\w.])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(cand) && statSync(cand).isFile()) return cand;
  }
  return null;
}

const rel = (p) => relative(root, p).split(sep).join('/');
const isTest = (p) => /\.test\.tsx?$/.test(p) || rel(p).startsWith('server/test/');
const moduleOf = (p) => {
  const m = /^server\/src\/modules\/([^/]+)\//.exec(rel(p));
  return m ? m[1] : null;
};
const layerOf = (p) => {
  const r = rel(p);
  const m = /^server\/src\/([^/]+)\//.exec(r);
  return m ? m[1] : null;
};

const files = walk(src);
const graph = new Map();
const problems = [];
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const deps = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    const target = resolveImport(f, spec);
    if (!target) {
      if (spec.startsWith('.')) problems.push(`${rel(f)}: cannot resolve import '${spec}'`);
      continue;
    }
    deps.push(target);
    if (isTest(f)) continue;
    const fromMod = moduleOf(f);
    const toMod = moduleOf(target);
    if (toMod && toMod !== fromMod && !rel(target).endsWith(`modules/${toMod}/index.ts`)) {
      problems.push(`${rel(f)}: imports ${rel(target)}; use modules/${toMod}/index.ts`);
    }
    const fromLayer = layerOf(f);
    const toLayer = layerOf(target);
    if ((fromLayer === 'shared' || fromLayer === 'db') && (toLayer === 'http' || toLayer === 'modules')) {
      // Types describing the caller (http/types.ts) are the one allowed exception for db? No: keep it strict.
      problems.push(`${rel(f)}: ${fromLayer}/ must not import ${toLayer}/ (${rel(target)})`);
    }
    if (fromLayer === 'shared' && toLayer !== 'shared' && toLayer !== null) {
      problems.push(`${rel(f)}: shared/ imports only shared/ (${rel(target)})`);
    }
    if (fromLayer === 'http' && toLayer === 'modules') problems.push(`${rel(f)}: http/ must not import modules/ (${rel(target)})`);
  }
  graph.set(f, deps);
}

// File-level cycles (tests excluded: they are leaves).
const WHITE = 0, GREY = 1, BLACK = 2;
const color = new Map();
const stack = [];
const cycles = new Set();
function dfs(n) {
  color.set(n, GREY);
  stack.push(n);
  for (const d of graph.get(n) ?? []) {
    if (isTest(d)) continue;
    const c = color.get(d) ?? WHITE;
    if (c === GREY) cycles.add(stack.slice(stack.indexOf(d)).concat(d).map(rel).join(' → '));
    else if (c === WHITE) dfs(d);
  }
  stack.pop();
  color.set(n, BLACK);
}
for (const f of files) if (!isTest(f) && (color.get(f) ?? WHITE) === WHITE) dfs(f);
for (const c of cycles) problems.push(`import cycle: ${c}`);

// Module-level cycles.
const modGraph = new Map();
for (const [f, deps] of graph) {
  if (isTest(f)) continue;
  const a = moduleOf(f);
  if (!a) continue;
  for (const d of deps) {
    const b = moduleOf(d);
    if (b && b !== a) modGraph.set(a, new Set([...(modGraph.get(a) ?? []), b]));
  }
}
const mColor = new Map();
const mStack = [];
function mdfs(n) {
  mColor.set(n, GREY);
  mStack.push(n);
  for (const d of modGraph.get(n) ?? []) {
    const c = mColor.get(d) ?? WHITE;
    if (c === GREY) problems.push(`module cycle: ${mStack.slice(mStack.indexOf(d)).concat(d).join(' → ')}`);
    else if (c === WHITE) mdfs(d);
  }
  mStack.pop();
  mColor.set(n, BLACK);
}
for (const m of modGraph.keys()) if ((mColor.get(m) ?? WHITE) === WHITE) mdfs(m);

if (problems.length) {
  console.error(`Module boundary check failed (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Module boundaries OK: ${files.length} files, ${new Set([...graph.keys()].map(moduleOf).filter(Boolean)).size} modules, no cycles.`);
