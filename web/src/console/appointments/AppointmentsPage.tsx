// 1:1 appointments (私教预约) for the desk's store: pick a coach and a day on the week strip, see
// the coach's free slots as buttons (Tab, Enter books) and the day's appointments with complete /
// no-show / cancel. Alt+←/→ move the day. The availability editor sets weekly windows and
// exceptions. Everything the server decides (free slots, which package pays, late or in time)
// is shown as the server answers.
import { LeftOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, call, newIdempotencyKey } from '../../api/client';
import { hm, weekStart, ymd } from '../classes/types';
import { useApiError } from '../errors';
import { type MsgKey, useT } from '../i18n';
import { useSession } from '../session';
import { AvailabilityDrawer } from './AvailabilityDrawer';
import { BookAppointmentModal } from './BookAppointmentModal';
import type { Appointment, AppointmentStatus, Coach, Slot } from './types';

const STATUS_COLORS: Record<AppointmentStatus, string> = { booked: 'blue', completed: 'green', cancelled: 'default', late_cancelled: 'orange', no_show: 'red' };

export default function AppointmentsPage() {
  const t = useT();
  const showError = useApiError();
  const { message, modal } = App.useApp();
  const { currentStore, can } = useSession();
  const storeId = currentStore?.id ?? null;
  const canManage = can('appointment.manage');
  const [coaches, setCoaches] = useState<Coach[] | null>(null);
  const [coachId, setCoachId] = useState<string | null>(null);
  const [day, setDay] = useState(() => ymd(dayjs()));
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [items, setItems] = useState<Appointment[] | null>(null);
  const [booking, setBooking] = useState<Slot | null>(null);
  const [editing, setEditing] = useState(false);
  const reasonRef = useRef('');

  useEffect(() => {
    call(api.GET('/api/v1/coaches')).then((r) => {
      setCoaches(r.items);
      setCoachId((id) => id ?? r.items.find((c) => c.isMe)?.teacherId ?? r.items[0]?.teacherId ?? null);
    }, showError);
  }, [showError]);

  const load = useCallback(() => {
    if (!storeId || !coachId) return;
    setSlots(null);
    setItems(null);
    call(api.GET('/api/v1/coach-slots', { params: { query: { teacherId: coachId, storeId, from: day, to: day } } })).then((r) => setSlots(r.items), showError);
    call(api.GET('/api/v1/appointments', { params: { query: { teacherId: coachId, storeId, from: day, to: day } } })).then((r) => setItems(r.items), showError);
  }, [storeId, coachId, day, showError]);
  useEffect(load, [load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
      e.preventDefault();
      setDay((d) => ymd(dayjs(d).add(e.key === 'ArrowLeft' ? -1 : 1, 'day')));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const monday = useMemo(() => weekStart(dayjs(day)), [day]);
  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => monday.add(i, 'day')), [monday]);
  const coach = coaches?.find((c) => c.teacherId === coachId) ?? null;
  const today = ymd(dayjs());

  async function act(a: Appointment, action: 'complete' | 'no-show') {
    try {
      const path = action === 'complete' ? '/api/v1/appointments/{appointmentId}/complete' : '/api/v1/appointments/{appointmentId}/no-show';
      const r = await call(api.POST(path, { params: { path: { appointmentId: a.id } }, body: {}, headers: { 'Idempotency-Key': newIdempotencyKey() } }));
      message.success(action === 'complete' ? t('appt.completed', { name: a.attendeeName ?? '', n: r.sessionsRemaining ?? '' }) : t('appt.noShowDone', { name: a.attendeeName ?? '' }));
      load();
    } catch (err) {
      showError(err);
    }
  }

  async function cancel(a: Appointment) {
    const settings = await call(api.GET('/api/v1/appointment-settings')).catch(() => null);
    const late = settings ? Date.now() >= Date.parse(a.startsAt) - settings.lateCancelMinutes * 60_000 && settings.isLateCancelForfeit : false;
    reasonRef.current = '';
    const key = newIdempotencyKey();
    modal.confirm({
      title: t('appt.cancelTitle', { name: a.attendeeName ?? '', time: hm(a.startsAt) }),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type={late ? 'warning' : 'secondary'} data-testid="cancel-note">
            {late ? t('appt.cancelLate', { hours: Math.round((settings?.lateCancelMinutes ?? 0) / 60) }) : t('appt.cancelInTime')}
          </Typography.Text>
          <Input aria-label={t('appt.cancelReason')} placeholder={t('appt.cancelReason')} onChange={(e) => (reasonRef.current = e.target.value)} />
        </Space>
      ),
      okText: t('appt.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await call(api.POST('/api/v1/appointments/{appointmentId}/cancel', { params: { path: { appointmentId: a.id } }, body: { reason: reasonRef.current.trim() || null }, headers: { 'Idempotency-Key': key } }));
          message.success(t('appt.cancelled', { name: a.attendeeName ?? '' }));
          load();
        } catch (err) {
          showError(err);
        }
      },
    });
  }

  if (coaches && !coaches.length) return <Card title={t('appt.title')}><Empty description={t('appt.noCoaches')} /></Card>;

  return (
    <Card
      data-testid="appointments-page"
      title={
        <Space wrap>
          <Typography.Text strong>{t('appt.title')}</Typography.Text>
          <Select
            aria-label={t('appt.coach')}
            data-testid="coach-select"
            style={{ width: 200 }}
            placeholder={t('appt.pickCoach')}
            loading={!coaches}
            value={coachId ?? undefined}
            onChange={setCoachId}
            options={(coaches ?? []).map((c) => ({ value: c.teacherId, label: c.coachLevel ? `${c.name} · ${c.coachLevel}` : c.name }))}
          />
        </Space>
      }
      extra={
        canManage &&
        coach && (
          <Button icon={<SettingOutlined />} onClick={() => setEditing(true)} data-testid="edit-availability">
            {t('appt.availability')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }} role="group" aria-label={t('appt.title')}>
        <Button icon={<LeftOutlined />} aria-label={t('appt.prevWeek')} onClick={() => setDay(ymd(dayjs(day).add(-7, 'day')))} />
        {days.map((d) => {
          const v = ymd(d);
          return (
            <Button key={v} type={v === day ? 'primary' : 'default'} aria-pressed={v === day} data-testid={`day-${v}`} onClick={() => setDay(v)} style={v === today && v !== day ? { borderColor: '#1677ff' } : undefined}>
              {t(`appt.weekday.${((d.day() + 6) % 7) + 1}` as MsgKey)} {d.format('MM-DD')}
            </Button>
          );
        })}
        <Button icon={<RightOutlined />} aria-label={t('appt.nextWeek')} onClick={() => setDay(ymd(dayjs(day).add(7, 'day')))} />
        <Button onClick={() => setDay(today)}>{t('appt.today')}</Button>
      </Space>

      <Typography.Title level={5}>{t('appt.slots')}</Typography.Title>
      {slots === null ? (
        <Spin />
      ) : slots.length ? (
        <Space wrap data-testid="free-slots" style={{ marginBottom: 16 }}>
          {slots.map((s) => (
            <Button key={s.startsAt} disabled={!canManage} aria-label={t('appt.slotAria', { from: hm(s.startsAt), to: hm(s.endsAt) })} data-testid={`slot-${hm(s.startsAt)}`} onClick={() => setBooking(s)}>
              {t('appt.slot', { from: hm(s.startsAt), to: hm(s.endsAt) })}
            </Button>
          ))}
        </Space>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appt.noSlots')} style={{ margin: '8px 0 16px' }} />
      )}

      <Typography.Title level={5}>{t('appt.booked')}</Typography.Title>
      <Table<Appointment>
        data-testid="appointment-list"
        rowKey="id"
        size="small"
        loading={items === null}
        pagination={false}
        dataSource={items ?? []}
        locale={{ emptyText: t('appt.noBooked') }}
        columns={[
          { title: t('appt.time'), key: 'time', render: (_, a) => `${hm(a.startsAt)}–${hm(a.endsAt)}` },
          { title: t('appt.attendee'), dataIndex: 'attendeeName' },
          { title: t('appt.card'), key: 'card', render: (_, a) => <span data-testid={`card-${a.id}`}>{a.cardName} · {t('appt.sessionsLeft', { n: a.sessionsRemaining ?? '' })}</span> },
          { title: t('appt.status'), key: 'status', render: (_, a) => <Tag color={STATUS_COLORS[a.status]} data-testid={`status-${a.id}`}>{t(`appt.status.${a.status}` as MsgKey)}</Tag> },
          {
            title: t('appt.actions'),
            key: 'actions',
            render: (_, a) =>
              a.status === 'booked' && (
                <Space>
                  <Button size="small" type="primary" onClick={() => void act(a, 'complete')} data-testid={`complete-${a.id}`}>
                    {t('appt.complete')}
                  </Button>
                  <Button size="small" onClick={() => void act(a, 'no-show')} disabled={Date.now() < Date.parse(a.startsAt)}>
                    {t('appt.noShow')}
                  </Button>
                  {canManage && (
                    <Button size="small" danger onClick={() => void cancel(a)} data-testid={`cancel-${a.id}`}>
                      {t('appt.cancel')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
        {t('appt.keys')}
      </Typography.Text>
      {booking && coach && storeId && (
        <BookAppointmentModal
          slot={booking}
          coach={coach}
          storeId={storeId}
          onClose={() => setBooking(null)}
          onBooked={() => {
            setBooking(null);
            load();
          }}
        />
      )}
      {editing && coach && storeId && (
        <AvailabilityDrawer
          coach={coach}
          storeId={storeId}
          weekday={((dayjs(day).day() + 6) % 7) + 1}
          onClose={() => {
            setEditing(false);
            load();
          }}
        />
      )}
    </Card>
  );
}
