// Cursor paging for lists the server pages with ?cursor=&limit= (stable order, no total count):
// the pager remembers the cursors it has seen so "previous" works without offsets.
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApiError } from '../errors';
import { useT } from '../i18n';

export interface PageResult<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorList<T> {
  items: T[];
  loading: boolean;
  page: number;
  hasPrev: boolean;
  hasNext: boolean;
  next(): void;
  prev(): void;
  /** Reload the current page (after an edit). */
  reload(): void;
  /** Back to the first page (after a filter change or a create). */
  reset(): void;
}

export function useCursorList<T>(fetchPage: (cursor: string | undefined) => Promise<PageResult<T>>, deps: unknown[]): CursorList<T> {
  const showError = useApiError();
  const depKey = JSON.stringify(deps);
  // cursors[i] opens page i; new filters (depKey) start over at the first page.
  const [nav, setNav] = useState<{ key: string; cursors: (string | undefined)[]; page: number }>({ key: depKey, cursors: [undefined], page: 0 });
  if (nav.key !== depKey) setNav({ key: depKey, cursors: [undefined], page: 0 });
  const [result, setResult] = useState<PageResult<T>>({ items: [], nextCursor: null });
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const cursor = nav.key === depKey ? nav.cursors[nav.page] : undefined;
  const page = nav.key === depKey ? nav.page : 0;

  useEffect(() => {
    let live = true;
    setLoading(true);
    fetchRef
      .current(cursor)
      .then((r) => {
        if (live) setResult(r);
      })
      .catch((err) => {
        if (live) showError(err);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [depKey, page, cursor, tick, showError]);

  const next = useCallback(() => {
    const nextCursor = result.nextCursor;
    if (!nextCursor) return;
    setNav((n) => ({ ...n, cursors: [...n.cursors.slice(0, n.page + 1), nextCursor], page: n.page + 1 }));
  }, [result.nextCursor]);

  return {
    items: result.items,
    loading,
    page,
    hasPrev: page > 0,
    hasNext: !!result.nextCursor,
    next,
    prev: () => setNav((n) => ({ ...n, page: Math.max(0, n.page - 1) })),
    reload: () => setTick((x) => x + 1),
    reset: () => {
      setNav((n) => ({ ...n, cursors: [undefined], page: 0 }));
      setTick((x) => x + 1);
    },
  };
}

export function CursorPagination<T>({ list }: { list: CursorList<T> }) {
  const t = useT();
  if (!list.hasPrev && !list.hasNext) return null;
  return (
    <Space style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }}>
      <Typography.Text type="secondary">{t('pager.page', { page: list.page + 1 })}</Typography.Text>
      <Button icon={<LeftOutlined />} disabled={!list.hasPrev || list.loading} onClick={list.prev}>
        {t('pager.prev')}
      </Button>
      <Button disabled={!list.hasNext || list.loading} onClick={list.next}>
        {t('pager.next')} <RightOutlined />
      </Button>
    </Space>
  );
}
