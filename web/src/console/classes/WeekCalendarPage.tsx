// The week calendar of classes for the desk's store: days across, time down, one block per
// class (course, teacher, room, booked/capacity), filtered by room and teacher. Blocks are
// buttons (Tab, Enter); Alt+←/→ turn the week. A block opens the class drawer.
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import { useApiError } from '../errors';
import { type MsgKey, useT } from '../i18n';
import { useSession } from '../session';
import { NewSessionModal } from './NewSessionModal';
import { SessionDrawer } from './SessionDrawer';
import { type ClassSession, type Room, type Teacher, hm, weekStart, ymd } from './types';

const HOUR_PX = 56;

export default function WeekCalendarPage() {
  const t = useT();
  const showError = useApiError();
  const { currentStore, can } = useSession();
  const storeId = currentStore?.id ?? null;
  const [monday, setMonday] = useState(() => weekStart(dayjs()));
  const [roomId, setRoomId] = useState<string | null>(null);
  const [teacherId, setTeacherId] = useState<string | null>(null);
  const [rooms, setRooms] = useState<Room[]>([]);
  const [teachers, setTeachers] = useState<Teacher[]>([]);
  const [sessions, setSessions] = useState<ClassSession[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (!storeId) return;
    call(api.GET('/api/v1/rooms', { params: { query: { storeId } } })).then((r) => setRooms(r.items), showError);
    call(api.GET('/api/v1/teachers')).then((r) => setTeachers(r.items), showError);
  }, [storeId, showError]);

  // Only the newest request may set the blocks: turning the week or changing a filter while an
  // older answer is on its way must not let that older (unfiltered) answer win.
  const latest = useRef(0);
  const load = useCallback(() => {
    if (!storeId) return;
    const seq = ++latest.current;
    const query = {
      from: ymd(monday),
      to: ymd(monday.add(6, 'day')),
      storeId,
      includeCancelled: 'true' as const,
      ...(roomId ? { roomId } : {}),
      ...(teacherId ? { teacherId } : {}),
    };
    call(api.GET('/api/v1/class-sessions', { params: { query } })).then(
      (r) => {
        if (seq === latest.current) setSessions(r.items);
      },
      (e) => {
        if (seq === latest.current) showError(e);
      },
    );
  }, [storeId, monday, roomId, teacherId, showError]);
  useEffect(load, [load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
      e.preventDefault();
      setMonday((m) => m.add(e.key === 'ArrowLeft' ? -7 : 7, 'day'));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => monday.add(i, 'day')), [monday]);
  const [firstHour, lastHour] = useMemo(() => {
    let lo = 8;
    let hi = 21;
    for (const s of sessions ?? []) {
      lo = Math.min(lo, dayjs(s.startsAt).hour());
      hi = Math.max(hi, dayjs(s.endsAt).hour() + (dayjs(s.endsAt).minute() ? 1 : 0));
    }
    return [lo, Math.min(24, hi)];
  }, [sessions]);
  const hours = Array.from({ length: lastHour - firstHour }, (_, i) => firstHour + i);
  const today = ymd(dayjs());

  return (
    <Card
      data-testid="class-calendar"
      title={
        <Space wrap>
          <Button icon={<LeftOutlined />} aria-label={t('classes.prevWeek')} onClick={() => setMonday((m) => m.add(-7, 'day'))} />
          <Button onClick={() => setMonday(weekStart(dayjs()))}>{t('classes.thisWeek')}</Button>
          <Button icon={<RightOutlined />} aria-label={t('classes.nextWeek')} onClick={() => setMonday((m) => m.add(7, 'day'))} />
          <Typography.Text strong data-testid="week-label">
            {t('classes.week', { from: monday.format('YYYY-MM-DD'), to: monday.add(6, 'day').format('MM-DD') })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space wrap>
          <Select
            aria-label={t('classes.room')}
            style={{ width: 150 }}
            value={roomId ?? ''}
            onChange={(v) => setRoomId(v || null)}
            options={[{ value: '', label: t('classes.allRooms') }, ...rooms.map((r) => ({ value: r.id, label: r.name }))]}
          />
          <Select
            aria-label={t('classes.teacher')}
            style={{ width: 150 }}
            value={teacherId ?? ''}
            onChange={(v) => setTeacherId(v || null)}
            options={[{ value: '', label: t('classes.allTeachers') }, ...teachers.map((x) => ({ value: x.id, label: x.name }))]}
          />
          {can('course.manage') && (
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('classes.newSession')}
            </Button>
          )}
        </Space>
      }
    >
      {sessions === null ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : (
        <>
          <div style={{ display: 'grid', gridTemplateColumns: '48px repeat(7, minmax(0, 1fr))', borderTop: '1px solid #f0f0f0' }}>
            <div />
            {days.map((d) => (
              <div key={ymd(d)} style={{ textAlign: 'center', padding: '6px 0', fontWeight: 600, background: ymd(d) === today ? '#e6f4ff' : undefined }}>
                {t(`classes.weekday.${((d.day() + 6) % 7) + 1}` as MsgKey)} {d.format('MM-DD')}
              </div>
            ))}
            <div style={{ position: 'relative', height: hours.length * HOUR_PX }}>
              {hours.map((h, i) => (
                <div key={h} style={{ position: 'absolute', top: i * HOUR_PX - 8, right: 6, fontSize: 12, color: '#8c8c8c' }}>
                  {String(h).padStart(2, '0')}:00
                </div>
              ))}
            </div>
            {days.map((d) => (
              <DayColumn
                key={ymd(d)}
                date={ymd(d)}
                hours={hours.length}
                firstHour={firstHour}
                sessions={sessions.filter((s) => s.businessDate === ymd(d))}
                onOpen={setOpen}
              />
            ))}
          </div>
          {!sessions.length && <Empty description={t('classes.noClasses')} style={{ marginTop: 16 }} />}
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
            {t('classes.keys')}
          </Typography.Text>
        </>
      )}
      <SessionDrawer sessionId={open} onClose={() => setOpen(null)} onChanged={load} />
      {creating && storeId && (
        <NewSessionModal
          storeId={storeId}
          rooms={rooms}
          teachers={teachers}
          onClose={() => setCreating(false)}
          onCreated={(s) => {
            setCreating(false);
            setMonday(weekStart(dayjs(s.startsAt)));
            load();
          }}
        />
      )}
    </Card>
  );
}

function DayColumn(props: { date: string; hours: number; firstHour: number; sessions: ClassSession[]; onOpen(id: string): void }) {
  const t = useT();
  // Overlapping classes (other rooms) share the column in lanes.
  const sorted = [...props.sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const laneEnds: string[] = [];
  const lanes = sorted.map((s) => {
    let lane = laneEnds.findIndex((end) => end <= s.startsAt);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = s.endsAt;
    return lane;
  });
  const laneCount = Math.max(1, laneEnds.length);
  const top = (iso: string) => {
    const d = dayjs(iso);
    return ((d.hour() - props.firstHour) * 60 + d.minute()) * (HOUR_PX / 60);
  };
  return (
    <div
      data-testid={`day-${props.date}`}
      style={{
        position: 'relative',
        height: props.hours * HOUR_PX,
        borderLeft: '1px solid #f0f0f0',
        backgroundImage: `repeating-linear-gradient(to bottom, #f0f0f0 0, #f0f0f0 1px, transparent 1px, transparent ${HOUR_PX}px)`,
      }}
    >
      {sorted.map((s, i) => {
        const cancelled = s.status === 'cancelled';
        const full = s.available <= 0;
        const label = t('classes.block', { time: hm(s.startsAt), course: s.courseName, teacher: s.teacherName, room: s.roomName ?? '—', booked: s.booked, capacity: s.capacity });
        return (
          <button
            type="button"
            key={s.id}
            data-testid="class-block"
            aria-label={label}
            title={label}
            onClick={() => props.onOpen(s.id)}
            style={{
              position: 'absolute',
              top: top(s.startsAt) + 1,
              height: Math.max(28, top(s.endsAt) - top(s.startsAt) - 2),
              left: `calc(${(lanes[i] / laneCount) * 100}% + 2px)`,
              width: `calc(${100 / laneCount}% - 4px)`,
              textAlign: 'left',
              overflow: 'hidden',
              padding: '2px 6px',
              border: '1px solid',
              borderColor: cancelled ? '#d9d9d9' : full ? '#ffa39e' : '#91caff',
              borderRadius: 6,
              background: cancelled ? '#fafafa' : full ? '#fff1f0' : '#e6f4ff',
              color: cancelled ? '#8c8c8c' : undefined,
              textDecoration: cancelled ? 'line-through' : undefined,
              cursor: 'pointer',
              fontSize: 12,
              lineHeight: '16px',
            }}
          >
            <div style={{ fontWeight: 600 }}>
              {hm(s.startsAt)} {s.courseName}
            </div>
            <div>
              {s.teacherName} · {s.roomName ?? '—'}
            </div>
            <div>
              {cancelled ? (
                t('classes.cancelled')
              ) : (
                <>
                  <span data-testid="block-booked">{t('classes.booked', { booked: s.booked, capacity: s.capacity })}</span>
                  {s.waitlisted > 0 && (
                    <Tag color="orange" style={{ marginLeft: 4, fontSize: 11, lineHeight: '14px', padding: '0 3px' }}>
                      {t('classes.waitlisted', { n: s.waitlisted })}
                    </Tag>
                  )}
                </>
              )}
            </div>
          </button>
        );
      })}
    </div>
  );
}
