// Attendance (考勤打卡, attendance.clock): one big button clocks the signed-in staff member in or out
// at the store chosen in the header; their month (spans, hours, missing punches) with a correction
// request for a forgotten punch. Managers (attendance.manage) decide pending corrections and read
// the monthly hours per staff member as a chart and a table.
import { LoginOutlined, LogoutOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, call } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { Chart, PALETTE } from '../cashier/Chart';
import { EnterSubmits } from '../components/EnterSubmits';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { useT } from '../i18n';
import { useSession } from '../session';

type Mine = ResponseOf<'/api/v1/attendance/me', 'get'>;
type Correction = ResponseOf<'/api/v1/attendance/corrections', 'get'>['items'][number];
type Report = ResponseOf<'/api/v1/attendance/report', 'get'>;

const hours = (minutes: number) => (Math.round(minutes / 6) / 10).toLocaleString();

export default function AttendancePage() {
  const t = useT();
  const { can, currentStore, me } = useSession();
  const showError = useApiError();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [mine, setMine] = useState<Mine | null>(null);
  const [corrections, setCorrections] = useState<Correction[]>([]);
  const [pending, setPending] = useState<Correction[]>([]);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const manage = can('attendance.manage');
  const m = month.format('YYYY-MM');
  const storeName = (id: string) => me.stores.find((s) => s.id === id)?.name ?? id;

  const load = useCallback(async () => {
    try {
      const [my, mineC] = await Promise.all([
        call(api.GET('/api/v1/attendance/me', { params: { query: { month: m } } })),
        call(api.GET('/api/v1/attendance/corrections', { params: { query: { mine: 'true' } } })),
      ]);
      setMine(my);
      setCorrections(mineC.items);
      if (manage) {
        const [p, r] = await Promise.all([
          call(api.GET('/api/v1/attendance/corrections', { params: { query: { status: 'pending' } } })),
          call(api.GET('/api/v1/attendance/report', { params: { query: { month: m } } })),
        ]);
        setPending(p.items);
        setReport(r);
      }
    } catch (err) {
      showError(err);
    }
  }, [m, manage]);

  useEffect(() => {
    void load();
  }, [load]);

  async function clock() {
    if (!currentStore || !mine) return;
    setBusy(true);
    try {
      const p = await call(api.POST('/api/v1/attendance/punches', { body: { storeId: currentStore.id, kind: mine.next } }));
      message.success(t(p.kind === 'in' ? 'attendance.done.in' : 'attendance.done.out', { time: formatTime(p.at) }));
      await load();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  async function decide(c: Correction, decision: 'approve' | 'reject') {
    try {
      await call(api.POST(`/api/v1/attendance/corrections/{correctionId}/${decision}`, { params: { path: { correctionId: c.id } }, body: {} }));
      message.success(t(decision === 'approve' ? 'attendance.approved' : 'attendance.rejected'));
      await load();
    } catch (err) {
      showError(err);
    }
  }

  const chart = useMemo(
    () =>
      report && {
        grid: { left: 90, right: 24, top: 16, bottom: 24 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: report.lines.map((l) => l.staffName).reverse() },
        series: [{ type: 'bar', data: report.lines.map((l) => l.hours).reverse(), itemStyle: { color: PALETTE[0] }, label: { show: true, position: 'right' } }],
      },
    [report],
  );

  const statusTag = (s: Correction['status']) => <Tag color={s === 'approved' ? 'green' : s === 'rejected' ? 'red' : 'gold'}>{t(`attendance.status.${s}`)}</Tag>;
  const correctionColumns = (withStaff: boolean) => [
    ...(withStaff ? [{ title: t('attendance.col.staff'), dataIndex: 'staffName', key: 'staff' }] : []),
    { title: t('attendance.col.kind'), key: 'kind', render: (_: unknown, c: Correction) => t(c.kind === 'in' ? 'attendance.clockIn' : 'attendance.clockOut') },
    { title: t('attendance.col.at'), key: 'at', render: (_: unknown, c: Correction) => formatTime(c.at) },
    { title: t('attendance.col.store'), key: 'store', render: (_: unknown, c: Correction) => storeName(c.storeId) },
    { title: t('attendance.col.reason'), dataIndex: 'reason', key: 'reason' },
    { title: t('attendance.col.status'), key: 'status', render: (_: unknown, c: Correction) => statusTag(c.status) },
  ];

  return (
    <div style={{ display: 'grid', gap: 16 }} data-testid="attendance-page">
      <Card>
        <Space direction="vertical" size={12} style={{ width: '100%', alignItems: 'center' }}>
          <Typography.Text type="secondary">{currentStore ? t('attendance.store', { store: currentStore.name }) : t('attendance.noStore')}</Typography.Text>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="attendance-state">
            {mine?.current ? t('attendance.clockedIn', { time: formatTime(mine.current.at), store: storeName(mine.current.storeId) }) : t('attendance.notClockedIn')}
          </Typography.Title>
          <Button
            type="primary"
            size="large"
            autoFocus
            danger={mine?.next === 'out'}
            icon={mine?.next === 'out' ? <LogoutOutlined /> : <LoginOutlined />}
            style={{ minWidth: 240, height: 64, fontSize: 22 }}
            loading={busy}
            disabled={!currentStore || !mine}
            onClick={() => void clock()}
            data-testid="attendance-clock"
          >
            {t(mine?.next === 'out' ? 'attendance.clockOut' : 'attendance.clockIn')}
          </Button>
        </Space>
      </Card>

      <Card
        title={t('attendance.myMonth')}
        extra={
          <Space>
            <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && setMonth(v)} aria-label={t('attendance.month')} />
            <Button onClick={() => setAsking(true)} data-testid="attendance-ask">{t('attendance.correction')}</Button>
          </Space>
        }
      >
        {mine && <Typography.Paragraph data-testid="attendance-totals">{t('attendance.totals', { month: m, days: mine.days, hours: hours(mine.minutes) })}</Typography.Paragraph>}
        <Table
          size="small"
          rowKey={(s) => s.inAt}
          pagination={false}
          dataSource={mine?.spans ?? []}
          locale={{ emptyText: t('attendance.empty') }}
          data-testid="attendance-spans"
          columns={[
            { title: t('attendance.col.date'), dataIndex: 'businessDate', key: 'date' },
            { title: t('attendance.col.store'), key: 'store', render: (_: unknown, s) => storeName(s.storeId) },
            { title: t('attendance.col.in'), key: 'in', render: (_: unknown, s) => formatTime(s.inAt) },
            { title: t('attendance.col.out'), key: 'out', render: (_: unknown, s) => (s.outAt ? formatTime(s.outAt) : '—') },
            { title: t('attendance.col.hours'), key: 'hours', align: 'right' as const, render: (_: unknown, s) => hours(s.minutes) },
            { title: t('attendance.col.status'), key: 'status', render: (_: unknown, s) => (s.isIncomplete ? <Tag color="red">{t('attendance.incomplete')}</Tag> : <Tag>{t('attendance.ok')}</Tag>) },
          ]}
        />
        {corrections.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('attendance.corrections.mine')}</Typography.Title>
            <Table size="small" rowKey="id" pagination={false} dataSource={corrections} columns={correctionColumns(false)} data-testid="attendance-my-corrections" />
          </>
        )}
      </Card>

      {manage && (
        <Card title={t('attendance.corrections.pending')} data-testid="attendance-pending">
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={pending}
            columns={[
              ...correctionColumns(true),
              {
                title: '',
                key: 'actions',
                render: (_: unknown, c: Correction) =>
                  c.staffId === me.staff.id ? null : (
                    <Space>
                      <Button size="small" type="primary" onClick={() => void decide(c, 'approve')}>{t('attendance.approve')}</Button>
                      <Button size="small" onClick={() => void decide(c, 'reject')}>{t('attendance.reject')}</Button>
                    </Space>
                  ),
              },
            ]}
          />
        </Card>
      )}

      {manage && report && (
        <Card title={t('attendance.report')} extra={<Typography.Text>{t('attendance.report.total', { hours: hours(report.totalMinutes) })}</Typography.Text>} data-testid="attendance-report">
          {report.lines.length > 0 && chart && <Chart option={chart} height={Math.max(120, report.lines.length * 36 + 40)} ariaLabel={t('attendance.report.chart')} testId="attendance-chart" />}
          <Table
            size="small"
            rowKey="staffId"
            pagination={false}
            dataSource={report.lines}
            locale={{ emptyText: t('attendance.empty') }}
            columns={[
              { title: t('attendance.col.staff'), dataIndex: 'staffName', key: 'staff' },
              { title: t('attendance.col.days'), dataIndex: 'days', key: 'days', align: 'right' as const },
              { title: t('attendance.col.hours'), dataIndex: 'hours', key: 'hours', align: 'right' as const },
              { title: t('attendance.col.incomplete'), dataIndex: 'incomplete', key: 'incomplete', align: 'right' as const, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
              { title: t('attendance.col.store'), key: 'stores', render: (_: unknown, l: Report['lines'][number]) => l.byStore.map((s) => `${storeName(s.storeId)} ${hours(s.minutes)}`).join(' · ') },
            ]}
          />
        </Card>
      )}

      <CorrectionModal open={asking} storeId={currentStore?.id ?? null} onClose={() => setAsking(false)} onDone={() => { setAsking(false); void load(); }} />
    </div>
  );
}

function CorrectionModal(props: { open: boolean; storeId: string | null; onClose(): void; onDone(): void }) {
  const t = useT();
  const [form] = Form.useForm<{ kind: 'in' | 'out'; at: Dayjs | null; reason: string }>();
  const showError = useApiError();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  async function submit(v: { kind: 'in' | 'out'; at: Dayjs | null; reason: string }) {
    if (!props.storeId || !v.at) return;
    setBusy(true);
    try {
      await call(api.POST('/api/v1/attendance/corrections', { body: { storeId: props.storeId, kind: v.kind, at: v.at.toISOString(), reason: v.reason.trim() } }));
      message.success(t('attendance.correction.sent'));
      form.resetFields();
      props.onDone();
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={props.open} title={t('attendance.correction.title')} onOk={() => form.submit()} onCancel={props.onClose} okButtonProps={{ loading: busy }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'out' }} onFinish={(v) => void submit(v)} data-testid="attendance-correction-form">
        <Form.Item name="kind" label={t('attendance.correction.kind')}>
          <Radio.Group optionType="button" options={[{ value: 'in', label: t('attendance.clockIn') }, { value: 'out', label: t('attendance.clockOut') }]} />
        </Form.Item>
        <Form.Item name="at" label={t('attendance.correction.at')} rules={[{ required: true, message: t('attendance.correction.at.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} aria-label={t('attendance.correction.at')} />
        </Form.Item>
        <Form.Item name="reason" label={t('attendance.correction.reason')} rules={[{ required: true, whitespace: true, message: t('attendance.correction.reason.required') }]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
