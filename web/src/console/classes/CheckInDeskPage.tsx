// The front desk's class check-in: today's classes of the store (the current or next one
// chosen), one always-focused input for a scanner or the keyboard (member QR / number, card
// number, mobile or its tail), the result shown large — who, which class, sessions left —
// a repeated scan said as "already checked in" (the server answers with the same check-in),
// and undo within the window.
import { App, Button, Card, Col, Empty, Input, type InputRef, List, Result, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, call, newIdempotencyKey } from '../../api/client';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { type CheckIn, type ClassSession, type CourseSettings, hm, ymd } from './types';

interface Shown {
  checkIn: CheckIn;
  session: ClassSession;
  repeat: boolean;
}

export default function CheckInDeskPage() {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const { currentStore } = useSession();
  const storeId = currentStore?.id ?? null;
  const [sessions, setSessions] = useState<ClassSession[]>([]);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [settings, setSettings] = useState<CourseSettings | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // Two children of the scanned guardian booked: the desk picks who came.
  const [choices, setChoices] = useState<{ bookingId: string; attendeeName: string | null }[]>([]);
  const known = useRef(new Set<string>());
  const input = useRef<InputRef>(null);

  const loadToday = useCallback(async () => {
    if (!storeId) return;
    const today = ymd(dayjs());
    const r = await call(api.GET('/api/v1/class-sessions', { params: { query: { from: today, to: today, storeId } } })).catch((err) => {
      showError(err);
      return null;
    });
    if (!r) return;
    setSessions(r.items);
    setSessionId((cur) => {
      if (cur && r.items.some((s) => s.id === cur)) return cur;
      const now = new Date().toISOString();
      return (r.items.find((s) => s.endsAt > now) ?? r.items[0])?.id ?? null;
    });
  }, [storeId, showError]);
  useEffect(() => {
    void loadToday();
    call(api.GET('/api/v1/course-settings')).then(setSettings, showError);
  }, [loadToday, showError]);

  // The check-ins this class already has: a scan answered with one of them is a repeat.
  const loadKnown = useCallback(async (id: string) => {
    const r = await call(api.GET('/api/v1/class-sessions/{sessionId}', { params: { path: { sessionId: id } } })).catch(() => null);
    known.current = new Set((r?.bookings ?? []).map((b) => b.checkInId).filter((x): x is string => !!x));
  }, []);
  useEffect(() => {
    if (sessionId) void loadKnown(sessionId);
    input.current?.focus();
  }, [sessionId, loadKnown]);

  const session = sessions.find((s) => s.id === sessionId) ?? null;

  async function scan(byBooking?: string) {
    const text = code.trim();
    if ((!text && !byBooking) || !session || busy) return;
    setBusy(true);
    setFailed(null);
    setChoices([]);
    try {
      await loadKnown(session.id);
      const ci = await call(
        api.POST('/api/v1/class-sessions/{sessionId}/check-ins', {
          params: { path: { sessionId: session.id } },
          body: byBooking ? { bookingId: byBooking } : { code: text },
          headers: { 'Idempotency-Key': newIdempotencyKey() },
        }),
      );
      setShown({ checkIn: ci, session, repeat: known.current.has(ci.id) });
      known.current.add(ci.id);
      void loadToday();
    } catch (err) {
      setShown(null);
      const options = err instanceof ApiError && err.code === 'COURSE_CHECKIN_AMBIGUOUS' ? ((err.details as { bookings?: { bookingId: string; attendeeName: string | null }[] } | null)?.bookings ?? []) : [];
      if (options.length) setChoices(options);
      else {
        setFailed(err instanceof Error ? err.message : String(err));
        showError(err);
      }
    } finally {
      setBusy(false);
      setCode('');
      input.current?.focus();
    }
  }

  async function undo(s: Shown) {
    try {
      const ci = await call(
        api.POST('/api/v1/class-check-ins/{checkInId}/undo', {
          params: { path: { checkInId: s.checkIn.id } },
          body: { reason: t('classes.desk.undoReason') },
          headers: { 'Idempotency-Key': newIdempotencyKey() },
        }),
      );
      known.current.delete(ci.id);
      message.success(t('classes.desk.undone', { name: ci.attendeeName ?? '' }));
      setShown(null);
      void loadToday();
    } catch (err) {
      showError(err);
    } finally {
      input.current?.focus();
    }
  }

  const canUndo = (s: Shown) => !s.checkIn.undoneAt && settings !== null && Date.now() - Date.parse(s.checkIn.createdAt) < settings.checkInUndoMinutes * 60_000;

  return (
    <Row gutter={16} data-testid="class-check-in">
      <Col xs={24} lg={16}>
        <Card title={t('classes.desk.title')}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t('classes.desk.session')}:{' '}
              <Typography.Text strong data-testid="desk-session">
                {session ? `${hm(session.startsAt)} ${session.courseName} · ${session.teacherName} · ${session.roomName ?? '—'}` : t('classes.desk.noSessions')}
              </Typography.Text>
            </Typography.Text>
            <Input
              ref={input}
              autoFocus
              size="large"
              data-testid="desk-code"
              aria-label={t('classes.desk.code')}
              placeholder={t('classes.desk.code')}
              value={code}
              disabled={!session}
              onChange={(e) => setCode(e.target.value)}
              onPressEnter={() => void scan()}
              style={{ fontSize: 24, height: 56 }}
            />
            <Typography.Text type="secondary">{t('classes.desk.hint')}</Typography.Text>
            {choices.length > 0 && (
              <Card size="small" data-testid="desk-choices" title={t('classes.desk.choose')}>
                <Space wrap>
                  {choices.map((c) => (
                    <Button key={c.bookingId} size="large" type="primary" onClick={() => void scan(c.bookingId)}>
                      {c.attendeeName ?? c.bookingId}
                    </Button>
                  ))}
                </Space>
              </Card>
            )}
            {shown ? (
              <Result
                data-testid="desk-result"
                status={shown.repeat ? 'info' : 'success'}
                title={
                  <span style={{ fontSize: 32 }}>
                    <span data-testid="desk-name">{shown.checkIn.attendeeName}</span> ·{' '}
                    <span data-testid="desk-verdict">{shown.repeat ? t('classes.desk.repeat') : t('classes.desk.ok')}</span>
                  </span>
                }
                subTitle={
                  <span style={{ fontSize: 18 }}>
                    {hm(shown.session.startsAt)} {shown.session.courseName} ·{' '}
                    <span data-testid="desk-left">
                      {shown.checkIn.sessionsRemaining === null ? t('classes.desk.unlimited') : t('classes.desk.sessionsLeft', { n: shown.checkIn.sessionsRemaining })}
                    </span>
                    {shown.checkIn.isWalkIn && (
                      <Tag color="orange" style={{ marginLeft: 8 }}>
                        {t('classes.desk.walkIn')}
                      </Tag>
                    )}
                    {shown.repeat && <div style={{ fontSize: 14 }}>{t('classes.desk.repeatHint')}</div>}
                  </span>
                }
                extra={
                  canUndo(shown) ? (
                    <Button onClick={() => void undo(shown)} data-testid="desk-undo">
                      {t('classes.desk.undo')}
                    </Button>
                  ) : null
                }
              />
            ) : failed ? (
              <Result data-testid="desk-result" status="error" title={t('classes.desk.failed')} subTitle={<span style={{ fontSize: 18 }}>{failed}</span>} />
            ) : null}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('classes.desk.today')} size="small">
          {sessions.length ? (
            <List
              data-testid="desk-sessions"
              dataSource={sessions}
              renderItem={(s) => (
                <List.Item
                  onClick={() => setSessionId(s.id)}
                  style={{ cursor: 'pointer', background: s.id === sessionId ? '#e6f4ff' : undefined, paddingInline: 8 }}
                  actions={[<span key="n">{t('classes.booked', { booked: s.booked, capacity: s.capacity })}</span>]}
                >
                  <button type="button" onClick={() => setSessionId(s.id)} style={{ all: 'unset', cursor: 'pointer' }} aria-pressed={s.id === sessionId}>
                    <Typography.Text strong>{hm(s.startsAt)}</Typography.Text> {s.courseName}
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                      {s.teacherName} · {s.roomName ?? '—'}
                    </div>
                  </button>
                </List.Item>
              )}
            />
          ) : (
            <Empty description={t('classes.desk.noSessions')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
