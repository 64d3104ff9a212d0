// The member's timeline: profile changes, consents, family, interactions, lead conversion and
// whatever later modules append (orders today; bookings and check-ins when they land) — newest
// first, in cursor pages, optionally one group of kinds.
import { Button, Empty, Segmented, Spin, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { useApiError } from '../../errors';
import { formatTime } from '../../format';
import { useT } from '../../i18n';
import { TIMELINE_GROUPS, timelineKind } from '../timelineKinds';
import type { Member, TimelineEntry } from '../types';

export default function TimelineTab({ member: m }: { member: Member }) {
  const t = useT();
  const showError = useApiError();
  const [group, setGroup] = useState<string>('all');
  const [items, setItems] = useState<TimelineEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const kinds = TIMELINE_GROUPS.find((g) => g.key === group)?.kinds;

  const fetchPage = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const r = await call(
          api.GET('/api/v1/members/{memberId}/timeline', { params: { path: { memberId: m.id }, query: { limit: 30, ...(kinds ? { kind: kinds } : {}), ...(after ? { cursor: after } : {}) } } }),
        );
        setItems((prev) => (after ? [...prev, ...r.items] : r.items));
        setCursor(r.nextCursor);
      } catch (err) {
        showError(err);
      } finally {
        setLoading(false);
      }
    },
    // kinds follows group
    [m.id, group, showError],
  );

  useEffect(() => {
    void fetchPage(null);
  }, [fetchPage]);

  return (
    <div>
      <Segmented
        value={group}
        onChange={(v) => setGroup(String(v))}
        options={[{ value: 'all', label: t('common.all') }, ...TIMELINE_GROUPS.map((g) => ({ value: g.key, label: t(g.label) }))]}
        style={{ marginBottom: 20 }}
      />
      {items.length === 0 && !loading ? (
        <Empty description={t('timeline.none')} />
      ) : (
        <Timeline
          data-testid="member-timeline"
          items={items.map((e) => {
            const k = timelineKind(e.kind);
            const detail = k.detail?.(t, e.summary, e.kind) ?? null;
            return {
              key: e.id,
              color: k.color,
              icon: k.icon,
              content: (
                <div>
                  <Typography.Text strong>{k.title(t, e.summary, e.kind)}</Typography.Text>
                  {detail && (
                    <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                      {detail}
                    </Typography.Paragraph>
                  )}
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(e.occurredAt)}
                      {e.actorName ? ` · ${t('timeline.by', { name: e.actorName })}` : ''}
                    </Typography.Text>
                  </div>
                </div>
              ),
            };
          })}
        />
      )}
      {loading && <Spin style={{ display: 'block', margin: 16 }} />}
      {cursor && !loading && (
        <Button onClick={() => void fetchPage(cursor)} style={{ marginTop: 8 }}>
          {t('timeline.more')}
        </Button>
      )}
    </div>
  );
}
