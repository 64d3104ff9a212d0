import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importCsv, importRowCount } from '../lib/import-rows';
import { watched } from '../lib/noise';
import { type CpuProfile, summariseProfile } from '../lib/profile';
import type { BenchOptions } from '../lib/options';
import type { Scenario } from '../lib/scenario';
import { seedOrg } from '../lib/seed';
import type { TesseraServer } from '../lib/tessera';

/**
 * member-import: a CSV of members (one tenth of the TPC-B accounts: 100,000 rows in a full run;
 * UTF-8 with BOM, 6 columns incl. tags) uploaded to the running server, checked (the dry run:
 * parsing, every cell, duplicates in the file and against the database) and applied (one
 * transaction: members, pinyin keys, search terms, tags, audit). The number is rows/s of
 * check + apply, from the validate request to the job's `succeeded`; the note gives the apply
 * alone and the server's peak RSS (VmHWM — the whole process, start-up included). Compared with
 * the raw driver writing the same rows (bulk-insert).
 */
function peakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function settle(server: TesseraServer, headers: Record<string, string>, jobId: string, want: string): Promise<Record<string, unknown>> {
  for (;;) {
    const r = await server.fetchJson(`/api/v1/member-imports/${jobId}`, { headers });
    const job = r.body as { status: string };
    if (r.status !== 200) throw new Error(`polling the import failed: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    if (job.status !== 'validating' && job.status !== 'applying') {
      if (job.status !== want) throw new Error(`the import ended ${job.status}, not ${want}: ${JSON.stringify(r.body).slice(0, 400)}`);
      return r.body as Record<string, unknown>;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const memberImport: Scenario = {
  name: 'member-import',
  title: 'member import of a CSV (N = TPC-B accounts ÷ 10 rows) over HTTP: dry run + apply, rows/s and the server’s peak RSS',
  ceilings: ['bulk-insert'],
  async run(ctx) {
    const o = ctx.load as BenchOptions;
    const rows = importRowCount(o);
    const { server, fixture } = await ctx.startTessera((s) => seedOrg(s, { stores: 1, frontDesk: 0 }));
    const session = await server.login(fixture.tenantCode, fixture.owner.login, fixture.password);
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': 'zh-CN' };
    const json = { ...headers, 'content-type': 'application/json' };
    /** Upload a file of `rows` members (generated from row `from` on), then dry run + apply; the times in ms. */
    async function importOnce(from: number): Promise<{ total: number; apply: number }> {
      const file = importCsv(rows, from);
      const boundary = '----tesserabench';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="members.csv"\r\nContent-Type: text/csv\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      // fetchJson takes text bodies; the upload is binary, so it goes through fetch directly.
      const up = await fetch(new URL('/api/v1/member-imports', server.url), { method: 'POST', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, body: payload });
      const job = (await up.json()) as { id: string; suggestedMapping: Record<string, string>; counts: { totalRows: number } };
      if (up.status !== 201 || job.counts.totalRows !== rows) throw new Error(`upload failed: HTTP ${up.status} ${JSON.stringify(job).slice(0, 300)}`);
      const t0 = performance.now();
      const v = await server.fetchJson(`/api/v1/member-imports/${job.id}/validate`, { method: 'POST', headers: json, body: JSON.stringify({ mapping: job.suggestedMapping, defaultStoreId: fixture.storeIds[0] }) });
      if (v.status !== 202) throw new Error(`validate failed: HTTP ${v.status} ${JSON.stringify(v.body).slice(0, 300)}`);
      const checked = (await settle(server, headers, job.id, 'validated')) as { counts: { insert: number } };
      if (checked.counts.insert !== rows) throw new Error(`the dry run plans ${checked.counts.insert} inserts, not ${rows}`);
      const t1 = performance.now();
      const a = await server.fetchJson(`/api/v1/member-imports/${job.id}/apply`, { method: 'POST', headers: json, body: '{}' });
      if (a.status !== 202) throw new Error(`apply failed: HTTP ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
      await settle(server, headers, job.id, 'succeeded');
      const t2 = performance.now();
      return { total: t2 - t0, apply: t2 - t1 };
    }
    ctx.log(`  importing ${rows.toLocaleString('en-US')} rows`);
    let applyMs = 0;
    const m = await watched({ ours: () => [server.pid], postgresIsOurs: ctx.db === 'postgres', retries: 0, log: ctx.log }, async () => {
      const t = await importOnce(0);
      applyMs = t.apply;
      return { metric: 'rows/s', value: rows / (t.total / 1000), p50: t.total, p99: t.total, samples: rows };
    });
    // Read before the profiled run, which imports a second file into the same database.
    const rss = peakRssMb(server.pid);
    if (o.profile) {
      ctx.log(`  profiling member-import [${ctx.db}] (a second file, other mobiles)`);
      const out = join(o.outDir, `profile-member-import-${ctx.db}.cpuprofile`);
      await server.profileStart();
      await importOnce(rows);
      await server.profileStop(out);
      const summary = summariseProfile(`member-import [${ctx.db}]`, JSON.parse(readFileSync(out, 'utf8')) as CpuProfile);
      writeFileSync(join(o.outDir, `profile-member-import-${ctx.db}.md`), `# Profile: ${summary.label}\n\n${summary.markdown}\n`);
    }
    return { ...m, notes: [`${rows.toLocaleString('en-US')} rows; apply alone ${Math.round(rows / (applyMs / 1000)).toLocaleString('en-US')} rows/s; server peak RSS ${rss ?? '?'} MB; p50 = p99 = the whole import in ms`, m.notes].filter(Boolean).join('; ') };
  },
};
