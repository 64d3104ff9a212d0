import { sql } from 'kysely';
import { nameKeys } from '../../server/src/modules/member/member.rules';
import type { BenchOptions } from '../lib/options';
import { benchMobile, benchName, generateMembers } from '../lib/members';
import type { Scenario, VariantMeasurement } from '../lib/scenario';
import { seedOrg } from '../lib/seed';

/**
 * member-search: the front desk's search box over a large member base (as many members as
 * TPC-B accounts: 1,000,000 in a full run, 100,000 with --quick) — GET /api/v1/members/search
 * by a mobile tail (四位尾号, ~100 members share one in a million) and by pinyin initials (a
 * prefix range over the search terms), signed in as front desk (mobiles masked), 10 results.
 * Compared with the bare route doing one primary-key SELECT through the raw driver.
 */
export const memberSearch: Scenario = {
  name: 'member-search',
  title: 'GET /api/v1/members/search (limit 10) over N generated members (N = TPC-B accounts): /tail = last 4 digits of a mobile, /initials = pinyin initials',
  ceilings: ['http-pk-select', 'http-hello'],
  async run(ctx) {
    const count = (ctx.load as BenchOptions).accounts;
    const { server, fixture } = await ctx.startTessera(async (s) => {
      const org = await seedOrg(s, { stores: 5, frontDesk: 1 });
      ctx.log(`  generating ${count.toLocaleString('en-US')} members`);
      await generateMembers(s, org.tenantId, org.storeIds, count, ctx.log);
      // Rows written in bulk have no planner statistics until autovacuum's analyze comes round
      // (within a minute on a live server); without them PostgreSQL guesses one row per tenant
      // and may pick any index. Measure the steady state a running server is in.
      if (s.database.dialect.isPostgres) await sql`analyze members, member_search_terms, member_tags`.execute(s.database.db);
      return org;
    });
    const desk = fixture.frontDesk[0];
    const session = await server.login(fixture.tenantCode, desk.login, fixture.password);
    const headers = { cookie: session.cookie, 'accept-language': 'zh-CN' };
    const probeMember = Math.floor(count * 0.61);
    const queries = [
      { variant: 'tail', q: benchMobile(probeMember).slice(-4), matchedBy: 'mobileTail' },
      { variant: 'initials', q: nameKeys(benchName(probeMember)).initials, matchedBy: 'initials' },
    ];
    const out: VariantMeasurement[] = [];
    for (const { variant, q, matchedBy } of queries) {
      const request = { path: `/api/v1/members/search?q=${encodeURIComponent(q)}&limit=10`, headers };
      const res = await server.fetchJson(request.path, request);
      const items = (res.body as { items?: { matchedBy: string; mobile: string | null }[] }).items ?? [];
      // Tails repeat every 10⁴ members; a small base may have fewer than 10 per tail.
      const expected = Math.min(10, variant === 'tail' ? Math.floor(count / 10_000) || 1 : 10);
      if (res.status !== 200 || items.length < expected || !items.every((i) => i.matchedBy === matchedBy || (matchedBy === 'initials' && i.matchedBy !== 'mobileTail'))) {
        throw new Error(`search “${q}” did not return ${expected} ${matchedBy} matches: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      ctx.log(`  measuring ${variant} (q=${q})`);
      const m = await ctx.measure(server, request);
      out.push({ ...m, variant, notes: [`q=${q}, ${count.toLocaleString('en-US')} members`, m.notes].filter(Boolean).join('; ') });
    }
    return out;
  },
};
