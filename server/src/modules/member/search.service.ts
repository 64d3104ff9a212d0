import type { Executor } from '../../db/database';
import { type Ctx, requirePermission } from '../../shared/context';
import { decodeCursor, type Page, toPage } from '../../shared/pagination';
import { type FieldProblem, invalidFields } from './member.errors';
import type { MemberKit } from './member.kit';
import { type MemberFilter, type MemberRow, membersRepo, tagsRepo, termsRepo } from './member.repo';
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

/**
 * The front-desk search box and the filtered member list.
 * - Search is tenant-wide (a chain's member may be served at any store) and made of index
 *   probes only: exact member / card number and full mobile, mobile tail, mobile prefix, then one
 *   prefix range over name / pinyin / initials terms. Ranked in that order.
 * - Lists and exports apply the caller's store scope to the member's home store.
 */
export function createSearchService(kit: MemberKit) {
  const db = kit.db;

  async function search(ctx: Ctx, q: string, limit: number): Promise<SearchResult[]> {
    requirePermission(ctx, 'member.read');
    const p = parseSearchQuery(q);
    const hits: { row: MemberRow; kind: MatchKind }[] = [];
    const seen = new Set<string>();
    const add = (rows: (MemberRow | undefined)[], kind: MatchKind) => {
      for (const row of rows) {
        if (!row || row.erased_at || seen.has(row.id)) continue;
        seen.add(row.id);
        hits.push({ row, kind });
      }
    };
    if (p.code) {
      add([await membersRepo.byMemberNo(db, ctx.tenantId, p.code)], 'memberNo');
      add([await membersRepo.byCardNo(db, ctx.tenantId, normalizeCardNo(p.code))], 'cardNo');
    }
    if (p.digits) {
      if (p.digits.length === 11) add([await membersRepo.byMobile(db, ctx.tenantId, p.digits)], 'mobile');
      else if (p.digits.length === 4) add(await membersRepo.searchByMobileTail(db, ctx.tenantId, p.digits, limit), 'mobileTail');
      else if (p.digits.length >= 5 && p.digits.length < 11) {
        add(await membersRepo.searchByMobilePrefix(db, ctx.tenantId, p.digits, prefixUpperBound(p.digits), limit), 'mobilePrefix');
      }
    }
    if (p.term && hits.length < limit) {
      // Several terms of one member can match (小明 and 小明's pinyin); fetch a few extra.
      const termRows = await termsRepo.search(db, ctx.tenantId, p.term, prefixUpperBound(p.term), limit * 4);
      const ids: string[] = [];
      for (const t of termRows) if (!ids.includes(t.member_id) && !seen.has(t.member_id)) ids.push(t.member_id);
      const rows = await membersRepo.byIds(db, ctx.tenantId, ids.slice(0, limit));
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const id of ids.slice(0, limit)) {
        const r = byId.get(id);
        if (r) add([r], nameMatchKind(p.term, r));
      }
    }
    hits.sort((a, b) => MATCH_RANK[a.kind] - MATCH_RANK[b.kind]);
    const top = hits.slice(0, limit);
    const summaries = await kit.presentSummaries(db, ctx, top.map((h) => h.row));
    return summaries.map((s, i) => ({ ...s, matchedBy: top[i].kind }));
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
