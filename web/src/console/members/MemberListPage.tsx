// Members: one search box the way the desk types (mobile tail, full mobile, name, pinyin or
// initials, member or card number) — ranked results as you type, across all stores; a barcode
// scanner typing a member number and Enter opens that member. Without search text the list
// shows the caller's stores with filters, cursor pages and an export of exactly that list.
import { DownloadOutlined, FilterOutlined, ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Input, type InputRef, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { CursorPagination, type PageResult, useCursorList } from '../components/CursorPager';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { ExportDialog } from './ExportDialog';
import { MemberFilterPanel } from './MemberFilterPanel';
import { ErasedTag, MemberAvatar, MobileText, TagList } from './bits';
import { type MemberFilters, activeFilterCount, filterParams, readFilters, writeFilters } from './filters';
import { MATCH_LABEL, ageOn, formatDate, genderLabel } from './format';
import type { MemberSummary, SearchResult } from './types';
import { memberToOpen, searchMembers } from './search';
import { useMemberMeta } from './useMemberMeta';

const PAGE_SIZE = 20;
const SEARCH_LIMIT = 50;

type Row = MemberSummary & { matchedBy?: SearchResult['matchedBy'] };

export default function MemberListPage() {
  const t = useT();
  const navigate = useNavigate();
  const { can } = useSession();
  const showError = useApiError();
  const meta = useMemberMeta();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const filterCount = activeFilterCount(filters);
  const urlQ = params.get('q') ?? '';
  const [text, setText] = useState(urlQ);
  const [showFilters, setShowFilters] = useState(filterCount > 0);
  const [active, setActive] = useState(-1);
  const [exporting, setExporting] = useState(false);
  const [count, setCount] = useState<number | null>(null);
  const inputRef = useRef<InputRef>(null);
  const searching = urlQ.trim().length > 0;
  // Search text alone: the ranked front-desk search (every store). With filters: the list.
  const rankedSearch = searching && filterCount === 0;

  // Set once Enter opens a member: a search still waiting to update the address must not
  // navigate back to the list afterwards (a scanner types faster than the pause below).
  const leaving = useRef(false);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const setQ = useCallback(
    (q: string) => {
      if (leaving.current) return;
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (q.trim()) next.set('q', q.trim());
          else next.delete('q');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  // As you type: the address (and so the results) follows the box after a short pause.
  useEffect(() => {
    if (text.trim() === urlQ.trim()) return;
    const timer = setTimeout(() => setQ(text), 200);
    pending.current = timer;
    return () => clearTimeout(timer);
  }, [text, urlQ, setQ]);

  const apiParams = useMemo(() => filterParams(filters, meta.fields, searching ? urlQ.trim() : undefined), [filters, meta.fields, searching, urlQ]);

  const list = useCursorList<Row>(
    async (cursor): Promise<PageResult<Row>> => {
      if (meta.loading) return { items: [], nextCursor: null };
      if (rankedSearch) return { items: await searchMembers(urlQ.trim(), SEARCH_LIMIT), nextCursor: null };
      return call(api.GET('/api/v1/members', { params: { query: { ...apiParams, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } as never } }));
    },
    [apiParams, rankedSearch, meta.loading],
  );

  useEffect(() => setActive(-1), [list.items]);

  // How many members the filters select (not for the ranked search, which shows its matches).
  useEffect(() => {
    if (rankedSearch || meta.loading) {
      setCount(null);
      return;
    }
    let live = true;
    call(api.GET('/api/v1/members/count', { params: { query: apiParams as never } }))
      .then((r) => live && setCount(r.count))
      .catch(() => live && setCount(null));
    return () => {
      live = false;
    };
  }, [apiParams, rankedSearch, meta.loading]);

  const open = (id: string) => {
    leaving.current = true;
    if (pending.current) clearTimeout(pending.current);
    navigate(`/members/${id}`);
  };

  async function onEnter() {
    const q = text.trim();
    if (pending.current) clearTimeout(pending.current);
    if (active >= 0 && list.items[active]) {
      open(list.items[active].id);
      return;
    }
    if (!q) return;
    try {
      const hit = memberToOpen(await searchMembers(q));
      if (hit) open(hit.id);
      else setQ(q);
    } catch (err) {
      showError(err);
    }
  }

  function applyFilters(f: MemberFilters) {
    setParams(writeFilters(params, f), { replace: true });
  }

  const summary = rankedSearch
    ? list.loading
      ? null
      : t('members.list.searchSummary', { count: list.items.length >= SEARCH_LIMIT ? `${SEARCH_LIMIT}+` : list.items.length })
    : count === null
      ? null
      : filterCount || searching
        ? t('members.list.filteredCount', { count })
        : t('members.list.count', { count });

  return (
    <Card
      title={t('nav.members')}
      extra={
        <Space wrap>
          {can('member.import') && (
            <Link to="/members/import">
              <Button icon={<ImportOutlined />}>{t('members.import.button')}</Button>
            </Link>
          )}
          {can('member.export') && (
            <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="export-button">
              {t('members.export.button')}
            </Button>
          )}
          {can('member.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/members/new')}>
              {t('members.new')}
            </Button>
          )}
        </Space>
      }
    >
      <div style={{ display: 'flex', gap: 12, marginBottom: 16, flexWrap: 'wrap' }}>
        <Input
          ref={inputRef}
          autoFocus
          size="large"
          allowClear
          prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
          placeholder={t('members.search.placeholder')}
          aria-label={t('members.search.label')}
          data-testid="member-search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(list.items.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(-1, a - 1));
            } else if (e.key === 'Escape') {
              setText('');
              setQ('');
            }
          }}
          onPressEnter={() => void onEnter()}
          style={{ flex: '1 1 420px', maxWidth: 720 }}
          autoComplete="off"
          spellCheck={false}
        />
        <Badge count={filterCount} size="small">
          <Button size="large" icon={<FilterOutlined />} onClick={() => setShowFilters((s) => !s)} aria-expanded={showFilters} data-testid="filter-toggle">
            {t('members.filter.button')}
          </Button>
        </Badge>
      </div>
      {showFilters && <MemberFilterPanel value={filters} meta={meta} onChange={applyFilters} />}
      <div style={{ minHeight: 22, marginBottom: 8 }}>
        <Typography.Text type="secondary" data-testid="member-list-summary">
          {summary}
          {rankedSearch && ` · ${t('members.list.searchHint')}`}
        </Typography.Text>
      </div>
      <Table<Row>
        rowKey="id"
        size="middle"
        data-testid="member-table"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 980 }}
        locale={{ emptyText: searching ? t('members.list.noMatch') : t('members.list.empty') }}
        rowClassName={(_, i) => (i === active ? 'ant-table-row-selected' : '')}
        onRow={(r) => ({ onClick: () => open(r.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('members.field.name'),
            key: 'name',
            width: 230,
            render: (_: unknown, m: Row) => (
              <div style={{ display: 'flex', gap: 10, alignItems: 'center' }}>
                <MemberAvatar member={m} />
                <div style={{ minWidth: 0 }}>
                  <Link to={`/members/${m.id}`} onClick={(e) => e.stopPropagation()}>
                    <Typography.Text strong>{m.name}</Typography.Text>
                  </Link>{' '}
                  {m.erasedAt && <ErasedTag />}
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.memberNo}
                    {m.cardNo ? ` · ${t('members.field.cardNo')} ${m.cardNo}` : ''}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          { title: t('members.field.mobile'), key: 'mobile', width: 150, render: (_: unknown, m: Row) => <MobileText mobile={m.mobile} masked={m.isMobileMasked} /> },
          {
            title: t('members.list.genderAge'),
            key: 'gender',
            width: 110,
            render: (_: unknown, m: Row) => [m.gender ? genderLabel(t, m.gender) : null, m.birthday ? t('members.age.years', { years: ageOn(m.birthday) }) : null].filter(Boolean).join(' · ') || '—',
          },
          { title: t('members.field.homeStore'), key: 'store', width: 140, render: (_: unknown, m: Row) => meta.storeName(m.homeStoreId) },
          { title: t('members.field.tags'), key: 'tags', render: (_: unknown, m: Row) => <TagList tags={m.tags} /> },
          { title: t('members.field.sourceChannel'), dataIndex: 'sourceChannel', width: 110, render: (v: string | null) => v ?? '—' },
          ...(rankedSearch
            ? [{ title: t('members.list.matchedBy'), key: 'match', width: 120, render: (_: unknown, m: Row) => (m.matchedBy ? <Tag color="geekblue">{t(MATCH_LABEL[m.matchedBy])}</Tag> : null) }]
            : [{ title: t('members.list.joined'), dataIndex: 'createdAt', width: 120, render: (v: string) => formatDate(v) }]),
        ]}
      />
      <CursorPagination list={list} />
      <ExportDialog open={exporting} params={apiParams} masked={!can('member.mobile.view')} onClose={() => setExporting(false)} />
    </Card>
  );
}
