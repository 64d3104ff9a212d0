// Leads: the pipeline as a board (enquiry → contacted → trial booked → trial attended →
// converted / lost), cards dragged from stage to stage (or moved from the card's menu with the
// keyboard); the follow-ups due; conversions by source channel as a chart.
import { FireOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Col, DatePicker, Dropdown, Empty, Row, Segmented, Select, Space, Spin, Statistic, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type DragEvent, Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { storeOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { useT } from '../i18n';
import { useSession } from '../session';
import { MobileText } from '../members/bits';
import { today } from '../members/format';
import { FollowUpText } from '../members/tabs/InteractionsTab';
import type { ConversionReport, Lead, LeadBoard, LeadDetail, LeadStatus } from '../members/types';
import { useMemberMeta } from '../members/useMemberMeta';
import { LeadDrawer } from './LeadDrawer';
import { ConvertModal, LeadFormModal, MoveModal } from './LeadModals';
import { STATUSES, STATUS_COLOR, STATUS_LABEL, canMove, isOpen } from './lead-format';

// ECharts is large: it loads with the report, not with the board.
const ConversionChart = lazy(() => import('./ConversionChart'));

type View = 'board' | 'followUps' | 'report';

export default function LeadBoardPage() {
  const t = useT();
  const { me, can } = useSession();
  const meta = useMemberMeta();
  const [params, setParams] = useSearchParams();
  const view = (['board', 'followUps', 'report'].includes(params.get('view') ?? '') ? params.get('view') : 'board') as View;
  const [storeId, setStoreId] = useState<string | undefined>(undefined);
  const [mine, setMine] = useState(false);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((x) => x + 1), []);
  const manage = can('lead.manage');
  const ownerStaffId = mine ? me.staff.id : undefined;

  return (
    <Card
      title={t('nav.leads')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="lead-new">
            {t('leads.new')}
          </Button>
        )
      }
    >
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center', marginBottom: 16 }}>
        <Segmented<View>
          value={view}
          onChange={(v) => setParams({ view: v }, { replace: true })}
          options={[
            { value: 'board', label: t('leads.view.board') },
            { value: 'followUps', label: t('leads.view.followUps') },
            { value: 'report', label: t('leads.view.report') },
          ]}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('members.filter.anyStore')}
          aria-label={t('leads.field.store')}
          style={{ width: 200 }}
          value={storeId}
          onChange={(v: string | undefined) => setStoreId(v)}
          options={storeOptions(t, meta.stores)}
        />
        {view !== 'report' && (
          <Space>
            <Switch checked={mine} onChange={setMine} aria-label={t('leads.mine')} />
            <Typography.Text>{t('leads.mine')}</Typography.Text>
          </Space>
        )}
      </div>
      {view === 'board' && <Board storeId={storeId} ownerStaffId={ownerStaffId} tick={tick} onOpen={setOpenId} onChanged={refresh} />}
      {view === 'followUps' && <FollowUps storeId={storeId} ownerStaffId={ownerStaffId} tick={tick} onOpen={setOpenId} />}
      {view === 'report' && <Report storeId={storeId} />}
      {creating && (
        <LeadFormModal
          lead={null}
          onClose={() => setCreating(false)}
          onSaved={(l) => {
            setCreating(false);
            refresh();
            setOpenId(l.id);
          }}
        />
      )}
      {openId && <LeadDrawer leadId={openId} onClose={() => setOpenId(null)} onChanged={refresh} />}
    </Card>
  );
}

function LeadCard(props: { lead: Lead; manage: boolean; onOpen(): void; onMove(to: LeadStatus): void }) {
  const t = useT();
  const l = props.lead;
  const due = isOpen(l.status) && !!l.nextFollowUpDate && l.nextFollowUpDate <= today();
  const moves = STATUSES.filter((s) => canMove(l.status, s));
  return (
    <div
      draggable={props.manage && moves.length > 0}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/lead', JSON.stringify({ id: l.id, from: l.status }));
        e.dataTransfer.effectAllowed = 'move';
      }}
      data-testid="lead-card"
      role="article"
      aria-label={l.name}
      tabIndex={0}
      onClick={props.onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter') props.onOpen();
      }}
      style={{ background: '#fff', border: '1px solid #f0f0f0', borderRadius: 8, padding: '10px 12px', cursor: 'pointer', boxShadow: '0 1px 2px rgba(0,0,0,0.04)' }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
          {l.name}
          {l.childName && <Typography.Text type="secondary"> · {l.childName}</Typography.Text>}
        </Typography.Text>
        {props.manage && moves.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: moves.map((s) => ({ key: s, label: s === 'converted' ? t('leads.convert') : s === 'lost' ? t('leads.markLost') : t('leads.moveTo', { status: t(STATUS_LABEL[s]) }), danger: s === 'lost' })),
              onClick: ({ key, domEvent }) => {
                domEvent.stopPropagation();
                props.onMove(key as LeadStatus);
              },
            }}
          >
            <Button size="small" type="text" icon={<MoreOutlined />} onClick={(e) => e.stopPropagation()} aria-label={t('leads.moveMenu', { name: l.name })} />
          </Dropdown>
        )}
      </div>
      <div style={{ fontSize: 12, marginTop: 4, display: 'grid', gap: 2 }}>
        {l.mobile && <MobileText mobile={l.mobile} masked={l.isMobileMasked} />}
        {l.interest && <Typography.Text type="secondary" ellipsis>{l.interest}</Typography.Text>}
        <Space size={4} wrap>
          {l.sourceChannel && <Tag style={{ marginInlineEnd: 0 }}>{l.sourceChannel}</Tag>}
          {l.ownerName && <Typography.Text type="secondary">{l.ownerName}</Typography.Text>}
        </Space>
        {l.status === 'lost' && l.lostReason && <Typography.Text type="danger">{l.lostReason}</Typography.Text>}
        {l.trialAt && l.status === 'trial_booked' && <Typography.Text type="secondary">{t('leads.trialOn', { time: formatTime(l.trialAt) })}</Typography.Text>}
        {isOpen(l.status) && l.nextFollowUpDate && (
          <span>
            {due && <FireOutlined style={{ color: '#fa541c', marginInlineEnd: 4 }} />}
            <FollowUpText date={l.nextFollowUpDate} />
          </span>
        )}
      </div>
    </div>
  );
}

function Board(props: { storeId?: string; ownerStaffId?: string; tick: number; onOpen(id: string): void; onChanged(): void }) {
  const t = useT();
  const { can } = useSession();
  const showError = useApiError();
  const { message } = App.useApp();
  const [board, setBoard] = useState<LeadBoard | null>(null);
  const [over, setOver] = useState<LeadStatus | null>(null);
  const [move, setMove] = useState<{ lead: Lead; to: LeadStatus } | null>(null);
  const [converting, setConverting] = useState<LeadDetail | null>(null);
  const navigate = useNavigate();
  const manage = can('lead.manage');

  useEffect(() => {
    let live = true;
    call(api.GET('/api/v1/leads/board', { params: { query: { perColumn: 30, ...(props.storeId ? { storeId: props.storeId } : {}), ...(props.ownerStaffId ? { ownerStaffId: props.ownerStaffId } : {}) } } }))
      .then((b) => live && setBoard(b))
      .catch((err) => live && showError(err));
    return () => {
      live = false;
    };
  }, [props.storeId, props.ownerStaffId, props.tick, showError]);

  async function startMove(lead: Lead, to: LeadStatus) {
    if (!canMove(lead.status, to)) {
      message.warning(t('leads.cannotMove', { from: t(STATUS_LABEL[lead.status]), to: t(STATUS_LABEL[to]) }));
      return;
    }
    if (to === 'converted') {
      try {
        setConverting(await call(api.GET('/api/v1/leads/{leadId}', { params: { path: { leadId: lead.id } } })));
      } catch (err) {
        showError(err);
      }
      return;
    }
    setMove({ lead, to });
  }

  function onDrop(e: DragEvent, to: LeadStatus) {
    e.preventDefault();
    setOver(null);
    const raw = e.dataTransfer.getData('text/lead');
    if (!raw || !board) return;
    const { id } = JSON.parse(raw) as { id: string };
    const lead = board.columns.flatMap((c) => c.items).find((x) => x.id === id);
    if (lead && lead.status !== to) void startMove(lead, to);
  }

  if (!board) return <Spin style={{ display: 'block', margin: 32 }} />;
  return (
    <>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(6, minmax(168px, 1fr))', gap: 10, overflowX: 'auto', paddingBottom: 8 }} data-testid="lead-board">
        {board.columns.map((col) => (
          <div
            key={col.status}
            data-testid={`lead-column-${col.status}`}
            onDragOver={(e) => {
              if (!manage) return;
              e.preventDefault();
              setOver(col.status);
            }}
            onDragLeave={() => setOver((o) => (o === col.status ? null : o))}
            onDrop={(e) => onDrop(e, col.status)}
            style={{
              background: over === col.status ? '#e6f4ff' : '#f5f6f8',
              borderRadius: 10,
              padding: 10,
              minHeight: 360,
              borderTop: `3px solid ${STATUS_COLOR[col.status]}`,
              transition: 'background 120ms',
            }}
          >
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 10 }}>
              <Typography.Text strong>{t(STATUS_LABEL[col.status])}</Typography.Text>
              <Badge count={col.count} showZero overflowCount={9999} color={STATUS_COLOR[col.status]} />
            </div>
            <div style={{ display: 'grid', gap: 8 }}>
              {col.items.length === 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('leads.column.empty')}</Typography.Text>}
              {col.items.map((l) => (
                <LeadCard key={l.id} lead={l} manage={manage} onOpen={() => props.onOpen(l.id)} onMove={(to) => void startMove(l, to)} />
              ))}
              {col.count > col.items.length && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('leads.column.more', { count: col.count - col.items.length })}
                </Typography.Text>
              )}
            </div>
          </div>
        ))}
      </div>
      {move && (
        <MoveModal
          lead={move.lead}
          to={move.to}
          onClose={() => setMove(null)}
          onSaved={() => {
            setMove(null);
            props.onChanged();
          }}
        />
      )}
      {converting && (
        <ConvertModal
          lead={converting}
          onClose={() => setConverting(null)}
          onConverted={(memberId) => {
            setConverting(null);
            props.onChanged();
            message.success(t('leads.converted'));
            navigate(`/members/${memberId}`);
          }}
        />
      )}
    </>
  );
}

function FollowUps(props: { storeId?: string; ownerStaffId?: string; tick: number; onOpen(id: string): void }) {
  const t = useT();
  const showError = useApiError();
  const [items, setItems] = useState<Lead[] | null>(null);
  useEffect(() => {
    let live = true;
    call(
      api.GET('/api/v1/leads', {
        params: { query: { followUpBefore: today(), limit: 100, ...(props.storeId ? { storeId: props.storeId } : {}), ...(props.ownerStaffId ? { ownerStaffId: props.ownerStaffId } : {}) } },
      }),
    )
      .then((r) => live && setItems([...r.items].sort((a, b) => (a.nextFollowUpDate ?? '').localeCompare(b.nextFollowUpDate ?? ''))))
      .catch((err) => live && showError(err));
    return () => {
      live = false;
    };
  }, [props.storeId, props.ownerStaffId, props.tick, showError]);
  return (
    <Table<Lead>
      rowKey="id"
      size="middle"
      loading={!items}
      dataSource={items ?? []}
      pagination={false}
      locale={{ emptyText: <Empty description={t('leads.followUps.none')} /> }}
      onRow={(l) => ({ onClick: () => props.onOpen(l.id), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('leads.field.nextFollowUp'), key: 'due', width: 170, render: (_: unknown, l: Lead) => <FollowUpText date={l.nextFollowUpDate} /> },
        { title: t('leads.field.name'), key: 'name', render: (_: unknown, l: Lead) => <Typography.Text strong>{l.name}{l.childName ? ` · ${l.childName}` : ''}</Typography.Text> },
        { title: t('members.field.mobile'), key: 'mobile', width: 140, render: (_: unknown, l: Lead) => <MobileText mobile={l.mobile} masked={l.isMobileMasked} /> },
        { title: t('common.status'), key: 'status', width: 110, render: (_: unknown, l: Lead) => <Tag color={STATUS_COLOR[l.status]}>{t(STATUS_LABEL[l.status])}</Tag> },
        { title: t('leads.field.interest'), dataIndex: 'interest', ellipsis: true, render: (v: string | null) => v ?? '—' },
        { title: t('members.field.sourceChannel'), dataIndex: 'sourceChannel', width: 110, render: (v: string | null) => v ?? '—' },
        { title: t('leads.field.owner'), dataIndex: 'ownerName', width: 100, render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

function Report(props: { storeId?: string }) {
  const t = useT();
  const showError = useApiError();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(89, 'day'), dayjs()]);
  const [report, setReport] = useState<ConversionReport | null>(null);
  useEffect(() => {
    let live = true;
    call(
      api.GET('/api/v1/leads/conversion-report', {
        params: { query: { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), ...(props.storeId ? { storeId: props.storeId } : {}) } },
      }),
    )
      .then((r) => live && setReport(r))
      .catch((err) => live && showError(err));
    return () => {
      live = false;
    };
  }, [range, props.storeId, showError]);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space wrap>
        <Typography.Text>{t('leads.report.created')}</Typography.Text>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          presets={[
            { label: t('leads.report.last30'), value: [dayjs().subtract(29, 'day'), dayjs()] },
            { label: t('leads.report.last90'), value: [dayjs().subtract(89, 'day'), dayjs()] },
            { label: t('leads.report.thisYear'), value: [dayjs().startOf('year'), dayjs()] },
          ]}
        />
      </Space>
      {!report ? (
        <Spin />
      ) : (
        <>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title={t('leads.report.total')} value={report.totals.total} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('leads.report.trial')} value={report.totals.trialReached} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('leads.report.converted')} value={report.totals.converted} styles={{ content: { color: '#389e0d' } }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('leads.report.rate')} value={pct(report.totals.conversionRate)} />
            </Col>
          </Row>
          {report.rows.length === 0 ? <Empty description={t('leads.report.none')} /> : <Suspense fallback={<Spin />}>
              <ConversionChart report={report} />
            </Suspense>}
          <Table
            rowKey={(r) => r.sourceChannel ?? '—'}
            size="small"
            pagination={false}
            dataSource={report.rows}
            columns={[
              { title: t('members.field.sourceChannel'), dataIndex: 'sourceChannel', render: (v: string | null) => v ?? t('leads.report.noSource') },
              { title: t('leads.report.total'), dataIndex: 'total', align: 'right' as const },
              { title: t('leads.report.open'), dataIndex: 'open', align: 'right' as const },
              { title: t('leads.report.trial'), dataIndex: 'trialReached', align: 'right' as const },
              { title: t('leads.report.converted'), dataIndex: 'converted', align: 'right' as const },
              { title: t('leads.report.lost'), dataIndex: 'lost', align: 'right' as const },
              { title: t('leads.report.rate'), dataIndex: 'conversionRate', align: 'right' as const, render: (v: number) => pct(v) },
            ]}
          />
        </>
      )}
    </div>
  );
}
