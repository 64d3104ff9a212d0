import { type SelectQueryBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database';
import { precompiled } from '../../db/precompiled';
import type { DB } from '../../db/schema';
import type { MemberRow } from './member.repo';

/**
 * The search box in one statement: every lookup the typed text asks for (member number, card
 * number, full mobile, mobile tail, mobile prefix, name / pinyin / initials terms) is an index
 * probe producing (branch, order within the branch, member id); their UNION ALL is joined to the
 * member rows and their tags. One round trip per search instead of one per lookup plus the tags.
 * The statement of each combination of lookups is built and compiled once (precompiled.ts).
 */

/** Which lookup found a candidate, in the order the service ranks them before its match kinds. */
export const BRANCH = { memberNo: 0, cardNo: 1, mobile: 2, mobileTail: 3, mobilePrefix: 4, term: 5 } as const;
export type Branch = keyof typeof BRANCH;

export interface SearchPlan {
  memberNo?: string;
  cardNo?: string;
  mobile?: string;
  mobileTail?: string;
  mobilePrefix?: [lo: string, hi: string];
  /** Prefix range over the search terms. */
  term?: [lo: string, hi: string];
}

/** The member columns a search result shows (and the name keys its match kind is told from). */
export type SearchMemberRow = Pick<
  MemberRow,
  | 'id'
  | 'member_no'
  | 'name'
  | 'name_pinyin'
  | 'name_initials'
  | 'gender'
  | 'birthday'
  | 'mobile'
  | 'card_no'
  | 'home_store_id'
  | 'source_channel'
  | 'has_photo'
  | 'created_at'
  | 'erased_at'
>;

export interface SearchCandidate {
  branch: number;
  row: SearchMemberRow;
  tags: string[];
}

const MEMBER_COLUMNS = [
  'id',
  'member_no',
  'name',
  'name_pinyin',
  'name_initials',
  'gender',
  'birthday',
  'mobile',
  'card_no',
  'home_store_id',
  'source_channel',
  'has_photo',
  'created_at',
  'erased_at',
] as const satisfies readonly (keyof SearchMemberRow)[];

type CandidateRow = SearchMemberRow & { kind: number; sk: string | null; tid: string };
type CandidateQuery = SelectQueryBuilder<DB, never, CandidateRow>;

const kindOf = (b: Branch) => sql<number>`${sql.lit(BRANCH[b])}`;
const NO_KEY = sql<string | null>`null`;

/**
 * Each lookup selects the member columns itself (an index probe, then the row) and says which
 * lookup it is (`kind`) and, for the terms, the member's closest matching term (`sk`); the
 * order within a lookup is restored by the caller (mobile tail: id descending, prefix: mobile,
 * terms: closest term then id), which keeps window functions and sorts out of the statement.
 */
function build(x: Executor, shape: string, args: unknown[]) {
  const next = (() => {
    let i = 0;
    return () => args[i++] as string;
  })();
  const branches: CandidateQuery[] = [];
  const members = (kind: Branch) => x.selectFrom('members').select([kindOf(kind).as('kind'), NO_KEY.as('sk'), 'tenant_id as tid', ...MEMBER_COLUMNS]);
  const exact = (b: 'memberNo' | 'cardNo' | 'mobile', column: 'member_no' | 'card_no' | 'mobile') => {
    let q = members(b).where('tenant_id', '=', next()).where(column, '=', next());
    // The card and mobile unique indexes cover live members only (partial): say so to use them.
    if (b !== 'memberNo') q = q.where('erased_at', 'is', null);
    return q as unknown as CandidateQuery;
  };
  // SQLite allows ORDER BY / LIMIT in a UNION member only inside a subquery.
  const wrapped = (q: SelectQueryBuilder<DB, 'members', CandidateRow>, alias: string) => x.selectFrom(q.as(alias)).selectAll() as unknown as CandidateQuery;
  for (const part of shape.split(',')) {
    if (part === 'memberNo') branches.push(exact('memberNo', 'member_no'));
    else if (part === 'cardNo') branches.push(exact('cardNo', 'card_no'));
    else if (part === 'mobile') branches.push(exact('mobile', 'mobile'));
    else if (part === 'mobileTail') {
      const q = members('mobileTail')
        .where('tenant_id', '=', next())
        .where('mobile_last4', '=', next())
        .where('erased_at', 'is', null)
        .orderBy('id', 'desc')
        .limit(next() as unknown as number);
      branches.push(wrapped(q, 'tl'));
    } else if (part === 'mobilePrefix') {
      const q = members('mobilePrefix')
        .where('tenant_id', '=', next())
        .where('mobile', '>=', next())
        .where('mobile', '<', next())
        .where('erased_at', 'is', null)
        .orderBy('mobile')
        .limit(next() as unknown as number);
      branches.push(wrapped(q, 'mp'));
    } else if (part === 'term') {
      // The first term rows in primary-key order (the scan stops after them at any size), then
      // one candidate per member in the order of its first (closest) term.
      const rows = x
        .selectFrom('member_search_terms')
        .select(['tenant_id', 'term', 'member_id'])
        .where('tenant_id', '=', next())
        .where('term', '>=', next())
        .where('term', '<', next())
        .orderBy('term')
        .orderBy('member_id')
        .limit(next() as unknown as number);
      const perMember = x
        .selectFrom(rows.as('tr'))
        .select(['tr.tenant_id', 'tr.member_id', (eb) => eb.fn.min('tr.term').as('sk')])
        .groupBy(['tr.tenant_id', 'tr.member_id'])
        .orderBy('sk')
        .orderBy('tr.member_id')
        .limit(next() as unknown as number);
      // Joined on the candidates' own (tenant, id), with no filter of its own on members, so
      // the candidates drive the join and each member is a primary-key probe.
      const q = x
        .selectFrom(perMember.as('tm'))
        .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 'tm.tenant_id').onRef('m.id', '=', 'tm.member_id'))
        .select([kindOf('term').as('kind'), 'tm.sk', 'm.tenant_id as tid', ...MEMBER_COLUMNS.map((c) => `m.${c}` as const)]);
      branches.push(q as unknown as CandidateQuery);
    } else throw new Error(`unknown search branch ${part}`);
  }
  let union = branches[0];
  for (const b of branches.slice(1)) union = union.unionAll(b);
  return x
    .selectFrom(union.as('k'))
    .leftJoin('member_tags as mt', (j) => j.onRef('mt.tenant_id', '=', 'k.tid').onRef('mt.member_id', '=', 'k.id'))
    .select(['k.kind', 'k.sk', ...MEMBER_COLUMNS.map((c) => `k.${c}` as const), 'mt.tag'])
    .where('k.erased_at', 'is', null);
}

const ARITY: Record<string, number> = { memberNo: 2, cardNo: 2, mobile: 2, mobileTail: 3, mobilePrefix: 4, term: 5 };
const statements = new Map<string, ReturnType<typeof precompiled<unknown[], unknown>>>();

function statementFor(shape: string) {
  let s = statements.get(shape);
  if (!s) {
    const arity = shape.split(',').reduce((n, p) => n + ARITY[p], 0);
    s = precompiled((x: Executor, ...args: unknown[]) => build(x, shape, args), arity) as ReturnType<typeof precompiled<unknown[], unknown>>;
    statements.set(shape, s);
  }
  return s;
}

type Out = SearchMemberRow & { kind: number; sk: string | null; tag: string | null };

/** Code-point order, as the statement's `term` ranges (and SQLite's BINARY / PostgreSQL's "C") compare. */
const byCodePoint = (a: string, b: string) => {
  for (let i = 0; ; i++) {
    const x = a.codePointAt(i);
    const y = b.codePointAt(i);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? -1 : 1;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
};
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Order within one lookup, as its index returned it (ids and mobiles are ASCII). */
function withinBranch(a: SearchCandidate & { sk: string | null }, b: SearchCandidate & { sk: string | null }): number {
  if (a.branch === BRANCH.mobileTail) return cmp(b.row.id, a.row.id);
  if (a.branch === BRANCH.mobilePrefix) return cmp(a.row.mobile ?? '', b.row.mobile ?? '') || cmp(a.row.id, b.row.id);
  if (a.branch === BRANCH.term) return byCodePoint(a.sk ?? '', b.sk ?? '') || cmp(a.row.id, b.row.id);
  return cmp(a.row.id, b.row.id);
}

export const searchRepo = {
  /**
   * Candidates of every lookup in the plan, at most `limit` per lookup (`termMembers` for the
   * terms), live members only, each with its tags; ordered by lookup, then within it.
   */
  async candidates(db: Executor, tenantId: string, plan: SearchPlan, limit: number, termMembers: number): Promise<SearchCandidate[]> {
    const parts: string[] = [];
    const args: unknown[] = [];
    if (plan.memberNo !== undefined) parts.push('memberNo'), args.push(tenantId, plan.memberNo);
    if (plan.cardNo !== undefined) parts.push('cardNo'), args.push(tenantId, plan.cardNo);
    if (plan.mobile !== undefined) parts.push('mobile'), args.push(tenantId, plan.mobile);
    if (plan.mobileTail !== undefined) parts.push('mobileTail'), args.push(tenantId, plan.mobileTail, limit);
    if (plan.mobilePrefix) parts.push('mobilePrefix'), args.push(tenantId, plan.mobilePrefix[0], plan.mobilePrefix[1], limit);
    // Several terms of one member can match (小明 and 小明's pinyin): read a few extra term rows.
    if (plan.term) parts.push('term'), args.push(tenantId, plan.term[0], plan.term[1], termMembers * 4, termMembers);
    if (!parts.length) return [];
    const { rows } = await statementFor(parts.join(',')).execute(db, ...args);
    const byKey = new Map<string, SearchCandidate & { sk: string | null }>();
    for (const r of rows as Out[]) {
      const kind = Number(r.kind);
      const key = `${kind}|${r.id}`;
      let c = byKey.get(key);
      if (!c) {
        const { kind: _k, sk, tag: _t, ...row } = r;
        c = { branch: kind, sk, row, tags: [] };
        byKey.set(key, c);
      }
      if (r.tag !== null) c.tags.push(r.tag);
    }
    return [...byKey.values()].sort((a, b) => a.branch - b.branch || withinBranch(a, b)).map(({ sk: _s, ...c }) => c);
  },
};
