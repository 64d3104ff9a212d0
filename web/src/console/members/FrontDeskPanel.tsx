// The front desk's corner of the workbench: find a member the way the desk types (or scan a
// card: Enter opens the member), the birthdays and anniversaries of the coming days, and the
// follow-ups due today — complaints and return visits, and leads to call back.
import { GiftOutlined, PhoneOutlined, SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Badge, Card, Col, Empty, Input, Row, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useApiError } from '../errors';
import { type MsgKey, useT } from '../i18n';
import { useSession } from '../session';
import { STATUS_LABEL } from '../leads/lead-format';
import { ListRow } from './bits';
import { memberToOpen, searchMembers } from './search';
import { INTERACTION_KIND_LABEL, MATCH_LABEL, today } from './format';
import { FollowUpText } from './tabs/InteractionsTab';
import type { Interaction, Lead, SearchResult, UpcomingItem } from './types';

const UPCOMING_KIND: Record<UpcomingItem['kind'], MsgKey> = {
  birthday: 'desk.upcoming.birthday',
  childBirthday: 'desk.upcoming.childBirthday',
  anniversary: 'desk.upcoming.anniversary',
  custom: 'desk.upcoming.custom',
};

export function QuickMemberSearch() {
  const t = useT();
  const navigate = useNavigate();
  const showError = useApiError();
  const [text, setText] = useState('');
  const [results, setResults] = useState<SearchResult[]>([]);
  const seq = useRef(0);

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setResults([]);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      searchMembers(q, 8)
        .then((r) => mine === seq.current && setResults(r))
        .catch(() => undefined);
    }, 180);
    return () => clearTimeout(timer);
  }, [text]);

  async function enter() {
    const q = text.trim();
    if (!q) return;
    try {
      const hit = memberToOpen(await searchMembers(q));
      navigate(hit ? `/members/${hit.id}` : `/members?q=${encodeURIComponent(q)}`);
    } catch (err) {
      showError(err);
    }
  }

  return (
    <AutoComplete
      style={{ width: '100%' }}
      value={text}
      onChange={setText}
      onSelect={(id: string) => navigate(`/members/${id}`)}
      options={results.map((r) => ({
        value: r.id,
        label: (
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <span>
              <Typography.Text strong>{r.name}</Typography.Text> <Typography.Text type="secondary">{r.memberNo}</Typography.Text>
            </span>
            <span>
              <Typography.Text type="secondary">{r.mobile ?? ''}</Typography.Text> <Tag style={{ marginInlineEnd: 0 }}>{t(MATCH_LABEL[r.matchedBy])}</Tag>
            </span>
          </div>
        ),
      }))}
    >
      <Input
        size="large"
        prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
        placeholder={t('members.search.placeholder')}
        aria-label={t('members.search.label')}
        data-testid="desk-member-search"
        onKeyDown={(e) => {
          // Enter without a highlighted option: open the member the text names (a scanned number).
          if (e.key === 'Enter' && !document.querySelector('.ant-select-item-option-active')) void enter();
        }}
        allowClear
        autoComplete="off"
      />
    </AutoComplete>
  );
}

export function FrontDeskPanel() {
  const t = useT();
  const { can, me } = useSession();
  const [days, setDays] = useState<7 | 14 | 30>(7);
  const [upcoming, setUpcoming] = useState<UpcomingItem[] | null>(null);
  const [interactions, setInteractions] = useState<Interaction[] | null>(null);
  const [leads, setLeads] = useState<Lead[] | null>(null);
  const leadsVisible = can('lead.read');

  useEffect(() => {
    let live = true;
    call(api.GET('/api/v1/important-dates/upcoming', { params: { query: { days } } }))
      .then((r) => live && setUpcoming(r.items))
      .catch(() => live && setUpcoming([]));
    return () => {
      live = false;
    };
  }, [days]);

  useEffect(() => {
    let live = true;
    call(api.GET('/api/v1/interactions', { params: { query: { followUpBefore: today(), limit: 50 } } }))
      .then((r) => live && setInteractions(r.items))
      .catch(() => live && setInteractions([]));
    if (leadsVisible) {
      call(api.GET('/api/v1/leads', { params: { query: { followUpBefore: today(), limit: 50 } } }))
        .then((r) => live && setLeads(r.items))
        .catch(() => live && setLeads([]));
    }
    return () => {
      live = false;
    };
  }, [leadsVisible]);

  const dueCount = (interactions?.length ?? 0) + (leads?.length ?? 0);

  return (
    <Row gutter={[16, 16]} data-testid="front-desk-panel">
      <Col span={24}>
        <Card title={t('desk.search')}>
          <QuickMemberSearch />
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
            {t('desk.search.hint')}
          </Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          title={
            <Space>
              <GiftOutlined style={{ color: '#eb2f96' }} />
              {t('desk.upcoming')}
            </Space>
          }
          extra={
            <Segmented<7 | 14 | 30>
              size="small"
              value={days}
              onChange={setDays}
              options={[
                { value: 7, label: t('desk.days', { days: 7 }) },
                { value: 14, label: t('desk.days', { days: 14 }) },
                { value: 30, label: t('desk.days', { days: 30 }) },
              ]}
            />
          }
          style={{ height: '100%' }}
          styles={{ body: { maxHeight: 360, overflow: 'auto' } }}
        >
          {!upcoming ? (
            <Spin />
          ) : upcoming.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.upcoming.none')} />
          ) : (
            upcoming.map((u) => (
              <ListRow
                key={`${u.kind}-${u.memberId}-${u.dependentId ?? ''}-${u.label ?? ''}-${u.date}`}
                extra={
                  <Tag color={u.daysAway === 0 ? 'magenta' : undefined} style={{ marginInlineEnd: 0 }}>
                    {u.daysAway === 0 ? t('desk.today') : u.daysAway === 1 ? t('desk.tomorrow') : t('desk.inDays', { days: u.daysAway })}
                  </Tag>
                }
                title={
                  <Space size={6} wrap>
                    <Link to={`/members/${u.memberId}`}>{u.memberName}</Link>
                    <Typography.Text type="secondary">{u.memberNo}</Typography.Text>
                  </Space>
                }
                description={
                  <span>
                    {t(UPCOMING_KIND[u.kind], { child: u.dependentName ?? '', label: u.label ?? '' })}
                    {u.calendar === 'lunar' ? ` · ${t('members.birthday.lunar')}` : ''}
                    {u.turning ? ` · ${t(u.kind === 'anniversary' || u.kind === 'custom' ? 'desk.years' : 'desk.turning', { n: u.turning })}` : ''}
                    {` · ${u.date}`}
                  </span>
                }
              />
            ))
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          title={
            <Space>
              <PhoneOutlined style={{ color: '#fa8c16' }} />
              {t('desk.followUps')}
              <Badge count={dueCount} />
            </Space>
          }
          extra={leadsVisible && <Link to="/leads?view=followUps">{t('desk.allLeads')}</Link>}
          style={{ height: '100%' }}
          styles={{ body: { maxHeight: 360, overflow: 'auto' } }}
        >
          {interactions && (!leadsVisible || leads) && dueCount === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.followUps.none')} />
          ) : (
            <div>
              {(!interactions || (leadsVisible && !leads)) && <Spin />}
              {(interactions ?? []).map((i) => (
                <ListRow
                  key={i.id}
                  extra={<FollowUpText date={i.followUpDate} />}
                  title={
                    <Space size={6} wrap>
                      <Link to={`/members/${i.memberId}?tab=interactions`}>{i.memberName}</Link>
                      <Tag color={i.kind === 'complaint' ? 'red' : 'blue'}>{t(INTERACTION_KIND_LABEL[i.kind])}</Tag>
                      {i.ownerStaffId === me.staff.id && <Tag color="gold">{t('desk.mine')}</Tag>}
                    </Space>
                  }
                  description={i.subject ?? i.content}
                />
              ))}
              {(leads ?? []).map((l) => (
                <ListRow
                  key={l.id}
                  extra={<FollowUpText date={l.nextFollowUpDate} />}
                  title={
                    <Space size={6} wrap>
                      <Link to="/leads?view=followUps">{l.name}</Link>
                      <Tag color="purple">{t('desk.lead', { status: t(STATUS_LABEL[l.status]) })}</Tag>
                      {l.ownerStaffId === me.staff.id && <Tag color="gold">{t('desk.mine')}</Tag>}
                    </Space>
                  }
                  description={l.interest ?? l.mobile ?? ''}
                />
              ))}
            </div>
          )}
        </Card>
      </Col>
    </Row>
  );
}
