import { fileURLToPath } from 'node:url';

/**
 * Summarise a V8 CPU profile (the `Profiler.stop` result, also the .cpuprofile file format):
 * self time by area (our code by folder, each npm package, Node core, V8 builtins and native
 * add-ons, GC, idle) and the top functions by self time; plus inclusive time of our own
 * functions, which says which use case the time is spent under.
 */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  label: string;
  /** Sampled wall time in ms (idle included). */
  totalMs: number;
  areas: ProfileEntry[];
  selfTop: ProfileEntry[];
  ourInclusiveTop: ProfileEntry[];
  markdown: string;
}

const SPECIAL = new Set(['(garbage collector)', '(idle)', '(program)', '(root)']);

function pathOf(url: string): string {
  if (!url) return '';
  try {
    return url.startsWith('file:') ? fileURLToPath(url) : url;
  } catch {
    return url;
  }
}

/** Which area a frame belongs to. */
export function areaOf(functionName: string, url: string): string {
  if (SPECIAL.has(functionName)) return functionName;
  if (!url) return 'native & V8 builtins (SQLite calls, socket writes, JSON, crypto…)';
  if (url.startsWith('node:')) return 'Node core (net, http, streams)';
  const p = pathOf(url);
  const nm = p.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = p.slice(nm + '/node_modules/'.length).split('/');
    return `npm ${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const src = p.indexOf('/server/src/');
  if (src >= 0) {
    const rest = p.slice(src + '/server/src/'.length).split('/');
    return `tessera ${rest[0] === 'modules' ? `modules/${rest[1]}` : rest[0].replace(/\.ts$/, '')}`;
  }
  if (p.includes('/bench/')) return 'bench harness';
  return 'other';
}

function shortWhere(url: string, line: number): string {
  if (!url) return 'native';
  const p = pathOf(url);
  const nm = p.lastIndexOf('/node_modules/');
  if (nm >= 0) return `${p.slice(nm + '/node_modules/'.length)}:${line + 1}`;
  // Our TypeScript runs through tsx: its line numbers are those of the transpiled code, so name the file only.
  return p.includes('/server/src/') ? p.slice(p.indexOf('/server/src/') + 1) : p.includes('/bench/') ? p.slice(p.indexOf('/bench/') + 1) : p;
}

function top(map: Map<string, number>, totalMs: number, n: number): ProfileEntry[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: us / 1000, pct: totalMs ? (us / 1000 / totalMs) * 100 : 0 }));
}

export function summariseProfile(label: string, profile: CpuProfile, n = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);

  const selfByNode = new Map<number, number>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const d = Math.max(0, profile.timeDeltas[i] ?? 0);
    totalUs += d;
    selfByNode.set(profile.samples[i], (selfByNode.get(profile.samples[i]) ?? 0) + d);
  }
  const totalMs = totalUs / 1000;

  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  const ourInclusive = new Map<string, number>();
  for (const [id, us] of selfByNode) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(functionName, url);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const name = `${functionName || '(anonymous)'} — ${SPECIAL.has(functionName) ? '' : shortWhere(url, lineNumber)} [${area}]`;
    fns.set(name, (fns.get(name) ?? 0) + us);
    // Inclusive time of our named functions: every distinct one on this stack gets the sample.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)?.callFrame;
      if (!f || !f.functionName || !pathOf(f.url).includes('/server/src/')) continue;
      const key = `${f.functionName} — ${shortWhere(f.url, f.lineNumber)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ourInclusive.set(key, (ourInclusive.get(key) ?? 0) + us);
    }
  }

  const summary = {
    label,
    totalMs,
    areas: top(areas, totalMs, 30),
    selfTop: top(fns, totalMs, n),
    ourInclusiveTop: top(ourInclusive, totalMs, n),
  };
  return { ...summary, markdown: renderProfile(summary) };
}

function renderProfile(s: Omit<ProfileSummary, 'markdown'>): string {
  const row = (e: ProfileEntry) => `| ${e.name.replace(/\|/g, '\\|')} | ${e.ms.toFixed(0)} | ${e.pct.toFixed(1)} % |`;
  return [
    `Sampled ${s.totalMs.toFixed(0)} ms of the server process under load (idle = waiting for I/O).`,
    '',
    '| self time by area | ms | share |',
    '| --- | ---: | ---: |',
    ...s.areas.map(row),
    '',
    '| top functions by self time | ms | share |',
    '| --- | ---: | ---: |',
    ...s.selfTop.map(row),
    '',
    '| Tessera functions by inclusive time | ms | share |',
    '| --- | ---: | ---: |',
    ...s.ourInclusiveTop.map(row),
  ].join('\n');
}
