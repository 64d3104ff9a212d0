// 我的课表 — the teacher's day: their classes (substitutions included) as cards with time, room
// and roster; each child's allergy as a red tag at a glance, special needs and the family's
// notes beside; one click marks present or absent (the desk's check-in / no-show on the server,
// so a card session is consumed once), "all present" marks everyone still unmarked; feedback
// to parents per class and per child. ←/→ change the day. A manager may look at any teacher.
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { useAttemptKey } from '../cashier/idempotency';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { FeedbackModal, type FeedbackTarget } from './FeedbackModal';
import { StatusTag } from './SessionDrawer';
import { type Teacher, type TeacherClass, type TeacherDay, type TeacherRosterEntry, hm, ymd } from './types';

type Mark = 'present' | 'absent';

export default function TeacherDayPage() {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const { can } = useSession();
  const isManager = can('course.manage');
  const [day, setDay] = useState<Dayjs>(() => dayjs().startOf('day'));
  const [teacherId, setTeacherId] = useState<string | undefined>(undefined);
  const [teachers, setTeachers] = useState<Teacher[]>([]);
  const [data, setData] = useState<TeacherDay | null>(null);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<FeedbackTarget | null>(null);
  const attempt = useAttemptKey();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await call(api.GET('/api/v1/teacher/classes', { params: { query: { from: ymd(day), ...(teacherId ? { teacherId } : {}) } } })));
    } catch (err) {
      showError(err);
    } finally {
      setLoading(false);
    }
  }, [day, teacherId, showError]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (isManager) call(api.GET('/api/v1/teachers')).then((r) => setTeachers(r.items.filter((x) => x.isActive)), showError);
  }, [isManager, showError]);

  // ←/→ change the day, except while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
      if (feedback || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowLeft') setDay((d) => d.subtract(1, 'day'));
      if (e.key === 'ArrowRight') setDay((d) => d.add(1, 'day'));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [feedback]);

  async function mark(cls: TeacherClass, marks: { bookingId: string; mark: Mark }[]) {
    if (!marks.length) {
      message.info(t('teacher.allPresent.none'));
      return;
    }
    const body = { marks };
    setBusy(cls.id);
    try {
      const updated = await call(
        api.POST('/api/v1/teacher/classes/{sessionId}/attendance', {
          params: { path: { sessionId: cls.id } },
          body,
          headers: { 'Idempotency-Key': attempt.keyFor({ cls: cls.id, ...body }) },
        }),
      );
      attempt.reset();
      setData((d) => (d ? { ...d, items: d.items.map((c) => (c.id === updated.id ? updated : c)) } : d));
      message.success(t('teacher.marked', { n: marks.length }));
    } catch (err) {
      showError(err);
      void load();
    } finally {
      setBusy(null);
    }
  }

  const columns = (cls: TeacherClass) => [
    {
      title: t('classes.attendee'),
      key: 'who',
      render: (_: unknown, r: TeacherRosterEntry) => (
        <Space direction="vertical" size={2}>
          <Space size={4} wrap>
            <Typography.Text strong>{r.attendeeName ?? '—'}</Typography.Text>
            {r.allergies ? (
              <Tag color="red" data-testid="allergy-badge">
                {t('teacher.allergy', { text: r.allergies })}
              </Tag>
            ) : null}
            {r.specialNeeds ? <Tag color="orange">{t('teacher.specialNeeds', { text: r.specialNeeds })}</Tag> : null}
          </Space>
          {r.attendeeKind === 'dependent' && r.memberName ? <Typography.Text type="secondary">{t('teacher.parent', { name: r.memberName })}</Typography.Text> : null}
          {r.notes ? <Typography.Text type="secondary">{t('teacher.notes', { text: r.notes })}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('classes.status'), key: 'status', width: 130, render: (_: unknown, r: TeacherRosterEntry) => <StatusTag status={r.status} /> },
    {
      title: t('classes.actions'),
      key: 'actions',
      width: 260,
      render: (_: unknown, r: TeacherRosterEntry) => (
        <Space>
          <Button size="small" type={r.status === 'attended' ? 'primary' : 'default'} disabled={r.status !== 'confirmed' || busy === cls.id} onClick={() => mark(cls, [{ bookingId: r.bookingId, mark: 'present' }])} data-testid="mark-present">
            {t('teacher.present')}
          </Button>
          <Button size="small" danger={r.status === 'no_show'} disabled={r.status !== 'confirmed' || busy === cls.id} onClick={() => mark(cls, [{ bookingId: r.bookingId, mark: 'absent' }])} data-testid="mark-absent">
            {t('teacher.absent')}
          </Button>
          {r.status === 'attended' || r.status === 'confirmed' ? (
            <Button size="small" type="link" onClick={() => setFeedback({ cls, bookingId: r.bookingId, name: r.attendeeName, existing: r.feedback })} data-testid="child-feedback">
              {r.feedback ? t('teacher.feedback.edit') : t('teacher.feedback.child')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="teacher-day">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('teacher.title')}
          </Typography.Title>
          <Tooltip title={t('teacher.prevDay')}>
            <Button icon={<LeftOutlined />} aria-label={t('teacher.prevDay')} onClick={() => setDay((d) => d.subtract(1, 'day'))} />
          </Tooltip>
          <DatePicker value={day} allowClear={false} onChange={(d) => d && setDay(d.startOf('day'))} data-testid="teacher-date" />
          <Tooltip title={t('teacher.nextDay')}>
            <Button icon={<RightOutlined />} aria-label={t('teacher.nextDay')} onClick={() => setDay((d) => d.add(1, 'day'))} />
          </Tooltip>
          <Button onClick={() => setDay(dayjs().startOf('day'))}>{t('teacher.today')}</Button>
          {isManager ? (
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 180 }}
              placeholder={t('teacher.viewTeacher')}
              value={teacherId}
              onChange={(v) => setTeacherId(v)}
              options={teachers.map((x) => ({ value: x.id, label: x.name }))}
              data-testid="teacher-select"
            />
          ) : null}
        </Space>
        <Typography.Text type="secondary">{t('teacher.keys')}</Typography.Text>
      </Space>

      {!data ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : !data.teacher ? (
        <Empty description={t('teacher.notTeacher')} />
      ) : !data.items.length ? (
        <Empty description={t('teacher.noClasses')} />
      ) : (
        <Spin spinning={loading}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {data.items.map((cls) => (
              <Card
                key={cls.id}
                data-testid="teacher-class"
                title={
                  <Space wrap>
                    <span>
                      {hm(cls.startsAt)}–{hm(cls.endsAt)}
                    </span>
                    <span>{cls.courseName}</span>
                    {cls.roomName ? <Tag>{cls.roomName}</Tag> : null}
                    {cls.isSubstitute ? <Tag color="gold">{t('teacher.substitute')}</Tag> : null}
                  </Space>
                }
                extra={<Typography.Text type="secondary">{t('teacher.booked', { booked: cls.booked, capacity: cls.capacity })}</Typography.Text>}
                actions={[
                  <Button
                    key="all"
                    type="primary"
                    disabled={busy === cls.id}
                    onClick={() => mark(cls, cls.roster.filter((r) => r.status === 'confirmed').map((r) => ({ bookingId: r.bookingId, mark: 'present' as const })))}
                    data-testid="all-present"
                  >
                    {t('teacher.allPresent')}
                  </Button>,
                  <Button key="fb" onClick={() => setFeedback({ cls, bookingId: null, name: null, existing: cls.classFeedback })} data-testid="class-feedback">
                    {cls.classFeedback ? t('teacher.feedback.edit') : t('teacher.feedback.class')}
                  </Button>,
                ]}
              >
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text type="secondary">{t('teacher.attendanceWindow', { from: dayjs(cls.attendanceOpensAt).format('MM-DD HH:mm'), to: dayjs(cls.attendanceClosesAt).format('MM-DD HH:mm') })}</Typography.Text>
                  {cls.classFeedback ? <Typography.Paragraph style={{ margin: 0 }}>{cls.classFeedback.text}</Typography.Paragraph> : null}
                  <Table<TeacherRosterEntry> size="small" rowKey="bookingId" pagination={false} dataSource={cls.roster} columns={columns(cls)} locale={{ emptyText: t('teacher.roster.empty') }} />
                </Space>
              </Card>
            ))}
          </Space>
        </Spin>
      )}
      <FeedbackModal
        target={feedback}
        onClose={() => setFeedback(null)}
        onSaved={() => {
          setFeedback(null);
          void load();
        }}
      />
    </Space>
  );
}
