/**
 * npm run bench — ceilings and product scenarios, measured in one run; writes
 * bench/results/latest.md and a timestamped JSON. See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupAll } from './lib/databases';
import { hasFailures, runBench } from './lib/harness';
import { parseOptions, USAGE, UsageError } from './lib/options';
import { renderMarkdown, renderTable } from './lib/result';
import { SCENARIOS } from './scenarios';

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const t0 = Date.now();
  const log = (line: string) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  let report;
  try {
    report = await runBench(options, SCENARIOS, log);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }

  mkdirSync(options.outDir, { recursive: true });
  // latest.md is committed: only a full run of everything replaces it; a quick or partial run
  // writes partial.md (git-ignored).
  const complete = options.mode === 'full' && options.only.length === 0;
  const md = join(options.outDir, complete ? 'latest.md' : 'partial.md');
  const json = join(options.outDir, `${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(md, renderMarkdown(report));
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  for (const p of report.profiles) writeFileSync(join(options.outDir, `profile-${p.label.replace(/\W+/g, '-').replace(/-$/, '')}.md`), `# Profile: ${p.label}\n\n${p.markdown}\n`);

  console.log(`\n${renderTable(report.results)}\n`);
  console.log(`Wrote ${md} and ${json} in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
  if (hasFailures(report)) {
    console.error('Some rows FAILED (see notes): their numbers are not valid.');
    return 1;
  }
  return 0;
}

let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    // Dropping databases under open connections makes them emit errors; we are leaving anyway.
    process.on('uncaughtException', () => {});
    console.error(`\n${sig}: stopping servers and dropping bench databases…`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  })
  .catch(async (err) => {
    console.error(err);
    await cleanupAll();
    process.exit(1);
  });
