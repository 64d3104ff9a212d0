// One class: when, where, who teaches, places; the roster (booked, checked in, no-show,
// cancelled) with check-in, no-show and cancel; the waitlist in order; and booking a member
// or their child (the card that will be held shown before booking; a full class offers the
// waitlist). Every POST that moves a card session carries an Idempotency-Key.
import { App, Button, Descriptions, Drawer, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, call } from '../../api/client';
import { useAttemptKey } from '../cashier/idempotency';
import { useApiError } from '../errors';
import { type MsgKey, useT } from '../i18n';
import { useSession } from '../session';
import { BookForm } from './BookForm';
import { CancelBookingModal } from './CancelBookingModal';
import { LeaveModal } from './LeaveModal';
import { type Booking, type BookingStatus, type CourseSettings, type Roster, type RosterBooking, hm } from './types';

const STATUS_COLOR: Record<BookingStatus, string> = {
  confirmed: 'blue',
  waitlisted: 'orange',
  attended: 'green',
  cancelled: 'default',
  late_cancelled: 'red',
  no_show: 'volcano',
  expired: 'default',
  on_leave: 'purple',
};

export function StatusTag({ status, waived }: { status: BookingStatus; waived?: boolean }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="booking-status">
      {t(`classes.status.${status}` as MsgKey)}
      {waived ? ` · ${t('classes.waived')}` : ''}
    </Tag>
  );
}

export function SessionDrawer(props: { sessionId: string | null; onClose(): void; onChanged(): void }) {
  const t = useT();
  const showError = useApiError();
  const { message, modal } = App.useApp();
  const { can } = useSession();
  const [roster, setRoster] = useState<Roster | null>(null);
  const [settings, setSettings] = useState<CourseSettings | null>(null);
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const [leaving, setLeaving] = useState<RosterBooking | null>(null);
  const attempt = useAttemptKey();
  const { sessionId, onChanged } = props;

  const load = useCallback(async () => {
    if (!sessionId) return null;
    try {
      const r = await call(api.GET('/api/v1/class-sessions/{sessionId}', { params: { path: { sessionId } } }));
      setRoster(r);
      return r;
    } catch (err) {
      showError(err);
      return null;
    }
  }, [sessionId, showError]);

  useEffect(() => {
    setRoster(null);
    void load();
  }, [load]);
  useEffect(() => {
    if (sessionId && !settings) call(api.GET('/api/v1/course-settings')).then(setSettings, showError);
  }, [sessionId, settings, showError]);

  const changed = useCallback(async () => {
    onChanged();
    return load();
  }, [onChanged, load]);

  async function checkIn(b: RosterBooking) {
    const body = { bookingId: b.id };
    try {
      await call(
        api.POST('/api/v1/class-sessions/{sessionId}/check-ins', {
          params: { path: { sessionId: b.sessionId } },
          body,
          headers: { 'Idempotency-Key': attempt.keyFor({ checkIn: b.id }) },
        }),
      );
      attempt.reset();
      message.success(t('classes.checkedIn', { name: b.attendeeName ?? '' }));
      await changed();
    } catch (err) {
      showError(err);
    }
  }

  function noShow(b: RosterBooking) {
    modal.confirm({
      title: t('classes.noShow'),
      content: t('classes.noShow.confirm', { name: b.attendeeName ?? '' }),
      onOk: async () => {
        try {
          await call(
            api.POST('/api/v1/bookings/{bookingId}/no-show', {
              params: { path: { bookingId: b.id } },
              body: {},
              headers: { 'Idempotency-Key': attempt.keyFor({ noShow: b.id }) },
            }),
          );
          attempt.reset();
          message.success(t('classes.markedNoShow', { name: b.attendeeName ?? '' }));
          await changed();
        } catch (err) {
          showError(err);
        }
      },
    });
  }

  async function afterCancel(before: Roster, b: Booking) {
    setCancelling(null);
    message.success(t(b.status === 'late_cancelled' ? 'classes.cancel.doneLate' : 'classes.cancel.done', { name: b.attendeeName ?? '' }));
    const after = await changed();
    if (!after) return;
    for (const w of before.waitlist) {
      if (after.bookings.some((x) => x.id === w.id && x.status === 'confirmed')) message.info(t('classes.cancel.promoted', { name: w.attendeeName ?? '' }));
    }
  }

  const started = roster ? Date.parse(roster.startsAt) <= Date.now() : false;
  const scheduled = roster?.status === 'scheduled';

  return (
    <Drawer
      open={!!sessionId}
      size={760}
      onClose={props.onClose}
      destroyOnHidden
      data-testid="session-drawer"
      title={roster ? t('classes.session.title', { course: roster.courseName, time: `${roster.businessDate} ${hm(roster.startsAt)}` }) : ' '}
    >
      {!roster ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('classes.session.when')}>
              {roster.businessDate} {hm(roster.startsAt)}–{hm(roster.endsAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('classes.teacher')}>{roster.teacherName}</Descriptions.Item>
            <Descriptions.Item label={t('classes.room')}>{roster.roomName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('classes.session.places')}>
              <span data-testid="session-places">
                {scheduled
                  ? t('classes.session.placesValue', { booked: roster.booked, capacity: roster.capacity, available: roster.available, waitlisted: roster.waitlisted })
                  : `${t('classes.cancelled')}${roster.cancelReason ? `:${roster.cancelReason}` : ''}`}
              </span>
            </Descriptions.Item>
          </Descriptions>

          {scheduled && can('course.book') && !started && <BookForm roster={roster} onBooked={changed} />}

          <div>
            <Typography.Title level={5}>{t('classes.roster')}</Typography.Title>
            <Table<RosterBooking>
              data-testid="roster"
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={roster.bookings}
              locale={{ emptyText: t('classes.roster.empty') }}
              columns={[
                { title: t('classes.attendee'), dataIndex: 'attendeeName', render: (v: string | null) => v ?? '—' },
                { title: t('classes.status'), dataIndex: 'status', render: (_: unknown, b) => <StatusTag status={b.status} waived={b.isWaived} /> },
                {
                  title: t('classes.notes'),
                  render: (_: unknown, b) => [b.allergies, b.specialNeeds].filter(Boolean).join(';') || '—',
                },
                {
                  title: t('classes.actions'),
                  render: (_: unknown, b) =>
                    b.status === 'confirmed' && scheduled ? (
                      <Space size={4}>
                        {can('course.checkin') && (
                          <Button size="small" type="primary" onClick={() => void checkIn(b)}>
                            {t('classes.checkIn')}
                          </Button>
                        )}
                        {can('course.checkin') && started && (
                          <Button size="small" onClick={() => noShow(b)}>
                            {t('classes.noShow')}
                          </Button>
                        )}
                        {can('course.book') && !started && (
                          <Button size="small" onClick={() => setLeaving(b)}>
                            {t('classes.leave')}
                          </Button>
                        )}
                        {can('course.book') && (
                          <Button size="small" danger onClick={() => setCancelling(b)}>
                            {t('classes.cancel')}
                          </Button>
                        )}
                      </Space>
                    ) : null,
                },
              ]}
            />
          </div>

          <div>
            <Typography.Title level={5}>{t('classes.waitlist')}</Typography.Title>
            <Table<Booking>
              data-testid="waitlist"
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={roster.waitlist}
              locale={{ emptyText: t('classes.waitlist.empty') }}
              columns={[
                { title: t('classes.position'), dataIndex: 'waitlistPosition', width: 70 },
                { title: t('classes.attendee'), dataIndex: 'attendeeName', render: (v: string | null) => v ?? '—' },
                { title: t('classes.status'), dataIndex: 'status', render: (_: unknown, b) => <StatusTag status={b.status} /> },
                {
                  title: t('classes.actions'),
                  render: (_: unknown, b) =>
                    can('course.book') ? (
                      <Button size="small" danger onClick={() => setCancelling(b)}>
                        {t('classes.cancel')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </div>
        </Space>
      )}
      {leaving && <LeaveModal booking={leaving} onClose={() => setLeaving(null)} onLeft={() => void changed()} />}
      {cancelling && roster && (
        <CancelBookingModal
          booking={cancelling}
          startsAt={roster.startsAt}
          lateCancelMinutes={settings?.lateCancelMinutes ?? null}
          onClose={() => setCancelling(null)}
          onCancelled={(b) => void afterCancel(roster, b)}
        />
      )}
    </Drawer>
  );
}

export function isApiCode(err: unknown, code: string): boolean {
  return err instanceof ApiError && err.code === code;
}
