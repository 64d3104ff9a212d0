import type { Executor } from '../../db/database';
import { type Ctx, requirePermission } from '../../shared/context';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import { type FieldProblem, invalidFields } from './member.errors';
import type { MemberKit } from './member.kit';
import { type MemberFilter, type MemberRow, membersRepo, tagsRepo } from './member.repo';
import { BRANCH, type SearchPlan, searchRepo } from './search.repo';
import {
  MATCH_RANK,
  type MatchKind,
  addDays,
  isValidDate,
  nameMatchKind,
  normalizeCardNo,
  parseRangeFilter,
  parseSearchQuery,
  prefixUpperBound,
  zonedDayStart,
} from './member.rules';
import type { MemberFilterQuery, MemberListQuery, MemberSummary } from './member.schemas';

const KNOWN_LIST_KEYS = new Set(['q', 'tag', 'storeId', 'birthdayMonth', 'sourceChannel', 'createdFrom', 'createdTo', 'includeErased', 'cursor', 'limit', 'format']);

export type SearchResult = MemberSummary & { matchedBy: MatchKind };

const BRANCH_KIND: Record<number, MatchKind> = {
  [BRANCH.memberNo]: 'memberNo',
  [BRANCH.cardNo]: 'cardNo',
  [BRANCH.mobile]: 'mobile',
  [BRANCH.mobileTail]: 'mobileTail',
  [BRANCH.mobilePrefix]: 'mobilePrefix',
};

/**
 * The front-desk search box and the filtered member list.
 * - Search is tenant-wide (a chain's member may be served at any store) and made of index
 *   probes only: exact member / card number and full mobile, mobile tail, mobile prefix, then one
 *   prefix range over name / pinyin / initials terms — all in one statement (search.repo.ts),
 *   with the members' tags. Ranked in that order.
 * - Lists and exports apply the caller's store scope to the member's home store.
 */
export function createSearchService(kit: MemberKit) {
  const db = kit.db;

  async function search(ctx: Ctx, q: string, limit: number): Promise<SearchResult[]> {
    requirePermission(ctx, 'member.read');
    const p = parseSearchQuery(q);
    const plan: SearchPlan = {};
    if (p.code) {
      plan.memberNo = p.code;
      plan.cardNo = normalizeCardNo(p.code);
    }
    if (p.digits) {
      if (p.digits.length === 11) plan.mobile = p.digits;
      else if (p.digits.length === 4) plan.mobileTail = p.digits;
      else if (p.digits.length >= 5 && p.digits.length < 11) plan.mobilePrefix = [p.digits, prefixUpperBound(p.digits)];
    }
    if (p.term) plan.term = [p.term, prefixUpperBound(p.term)];
    // One statement; the term lookup reads `limit` members beyond those the exact lookups
    // (member and card number, at most two) may already have found.
    const candidates = await searchRepo.candidates(db, ctx.tenantId, plan, limit, limit + 2);
    const hits: { c: (typeof candidates)[number]; kind: MatchKind }[] = [];
    const seen = new Set<string>();
    let fromTerms = 0;
    for (const c of candidates) {
      if (seen.has(c.row.id)) continue;
      if (c.branch === BRANCH.term) {
        if (fromTerms >= limit) continue;
        fromTerms++;
      }
      seen.add(c.row.id);
      hits.push({ c, kind: c.branch === BRANCH.term ? nameMatchKind(p.term!, c.row) : BRANCH_KIND[c.branch] });
    }
    hits.sort((a, b) => MATCH_RANK[a.kind] - MATCH_RANK[b.kind]);
    return hits.slice(0, limit).map((h) => ({ ...kit.summary(ctx, h.c.row, h.c.tags), matchedBy: h.kind }));
  }

  /** Turn list query parameters into a repo filter, refusing unknown filters and custom fields. */
  async function parseFilter(x: Executor, ctx: Ctx, query: MemberFilterQuery): Promise<Omit<MemberFilter, 'limit' | 'beforeId'>> {
    const problems: FieldProblem[] = [];
    const filter: Omit<MemberFilter, 'limit' | 'beforeId'> = { storeIds: ctx.storeScope.all ? null : [...ctx.storeScope.storeIds] };
    if (query.storeId) filter.storeId = query.storeId;
    if (query.tag) filter.tags = [query.tag].flat().map(String);
    if (query.birthdayMonth) {
      const mm = String(query.birthdayMonth).padStart(2, '0');
      filter.birthMdRange = [`${mm}-01`, `${mm}-31`];
    }
    if (query.sourceChannel) filter.sourceChannel = query.sourceChannel;
    if (query.includeErased === 'true') filter.includeErased = true;
    if (query.createdFrom || query.createdTo) {
      const tz = (await kit.tenantInfo(ctx)).timeZone;
      if (query.createdFrom) filter.createdFrom = zonedDayStart(query.createdFrom, tz);
      if (query.createdTo) filter.createdBefore = zonedDayStart(addDays(query.createdTo, 1), tz);
    }
    if (query.q) {
      const p = parseSearchQuery(query.q);
      filter.q = { code: p.code, digits: p.digits, termRange: p.term ? [p.term, prefixUpperBound(p.term)] : null };
    }
    const customKeys = Object.keys(query).filter((k) => !KNOWN_LIST_KEYS.has(k));
    if (customKeys.length) {
      const defs = await kit.customDefs(x, ctx.tenantId);
      filter.custom = [];
      for (const k of customKeys) {
        const def = k.startsWith('cf.') ? defs.find((d) => d.field_key === k.slice(3)) : undefined;
        const raw = (query as Record<string, unknown>)[k];
        if (!k.startsWith('cf.')) {
          problems.push({ path: k, code: 'filter_unknown' });
          continue;
        }
        if (!def) {
          problems.push({ path: k, code: 'custom_field_unknown' });
          continue;
        }
        if (typeof raw !== 'string') {
          problems.push({ path: k, code: 'invalid_type' });
          continue;
        }
        const column = def.field_type === 'number' ? 'value_number' : def.field_type === 'date' ? 'value_date' : 'value_text';
        const check = (v: string): string | number | null => {
          if (def.field_type === 'number') return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : null;
          if (def.field_type === 'date') return isValidDate(v) ? v : null;
          return v;
        };
        const r = def.field_type === 'number' || def.field_type === 'date' ? parseRangeFilter(raw) : { eq: raw };
        const bad = () => problems.push({ path: k, code: def.field_type === 'number' ? 'invalid_number' : 'invalid_date' });
        if ('eq' in r) {
          const v = check(r.eq);
          if (v === null) bad();
          else filter.custom.push({ fieldId: def.id, column, op: '=', value: v });
        } else {
          for (const [side, op] of [
            [r.min, '>='],
            [r.max, '<='],
          ] as const) {
            if (side === null) continue;
            const v = check(side);
            if (v === null) bad();
            else filter.custom.push({ fieldId: def.id, column, op, value: v });
          }
        }
      }
    }
    if (problems.length) throw invalidFields(ctx.locale, problems);
    return filter;
  }

  return {
    search,
    parseFilter,

    async list(ctx: Ctx, query: MemberListQuery): Promise<Page<MemberSummary>> {
      requirePermission(ctx, 'member.read');
      const filter = await parseFilter(db, ctx, query);
      const cursor = decodeCursor(query.cursor);
      const rows = await membersRepo.list(db, ctx.tenantId, { ...filter, beforeId: cursor?.[0] as string | undefined, limit: query.limit });
      const page = toPage(rows, query.limit, (r) => [r.id]);
      return { items: await kit.presentSummaries(db, ctx, page.items), nextCursor: page.nextCursor };
    },

    /** How many members the list's filters select (shown above the list, and an export's total). */
    async count(ctx: Ctx, query: MemberFilterQuery): Promise<{ count: number }> {
      requirePermission(ctx, 'member.read');
      const filter = await parseFilter(db, ctx, query);
      return { count: await membersRepo.count(db, ctx.tenantId, filter) };
    },

    /** Every member matching a filter, in keyset pages (constant memory for exports). */
    async *iterate(ctx: Ctx, filter: Omit<MemberFilter, 'limit' | 'beforeId'>, pageSize = 500): AsyncGenerator<MemberRow[]> {
      let beforeId: string | undefined;
      for (;;) {
        const rows = await membersRepo.list(db, ctx.tenantId, { ...filter, beforeId, limit: pageSize });
        const page = rows.slice(0, pageSize);
        if (page.length) yield page;
        if (rows.length <= pageSize) return;
        beforeId = page[page.length - 1].id;
      }
    },

    async birthdays(ctx: Ctx, solarMds: string[], lunarMds: string[]) {
      requirePermission(ctx, 'member.read');
      const storeIds = ctx.storeScope.all ? null : [...ctx.storeScope.storeIds];
      const rows = await membersRepo.byBirthdays(db, ctx.tenantId, solarMds, lunarMds, storeIds);
      return rows.map((r) => ({
        id: r.id,
        memberNo: r.member_no,
        name: r.name,
        homeStoreId: r.home_store_id,
        birthday: r.birthday as string,
        calendar: r.birthday_calendar,
        birthMd: r.birth_md,
        lunarMd: r.lunar_md,
      }));
    },

    async facets(ctx: Ctx) {
      requirePermission(ctx, 'member.read');
      const [tags, sources] = await Promise.all([tagsRepo.counts(db, ctx.tenantId), membersRepo.sourceChannels(db, ctx.tenantId)]);
      return {
        tags: tags.map((t) => ({ tag: t.tag, count: Number(t.n) })),
        sourceChannels: sources.map((s) => ({ value: s.source_channel as string, count: Number(s.n) })),
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
