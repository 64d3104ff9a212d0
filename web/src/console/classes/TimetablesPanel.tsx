// Weekly timetables of the store, per course, and editing them: weekday, time, room, teacher,
// capacity and the valid range (the server moves the classes not yet started, bookings kept),
// skipping a day or moving one day's class. The server's overlap errors land on the fields they
// are about (room or teacher, and the time).
import { Button, DatePicker, Form, type FormInstance, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, call } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import type { Course, Room, Teacher } from './types';

type Timetable = ResponseOf<'/api/v1/timetables', 'get'>['items'][number];
type Patch = BodyOf<'/api/v1/timetables/{timetableId}', 'patch'>;
interface EditValues {
  courseId?: string;
  weekday: number;
  startTime: Dayjs;
  roomId?: string | null;
  teacherId?: string;
  capacity?: number;
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
  isActive?: boolean;
}
type DayAction = { kind: 'skip' | 'move'; timetable: Timetable };

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** A room or teacher overlap (409) said on the fields it is about; other errors as usual. */
// Any of this panel's forms.
function overlapOnFields(err: unknown, form: FormInstance<any>, timeField: string): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.code === 'COURSE_ROOM_OVERLAP') form.setFields([{ name: 'roomId', errors: [err.message] }, { name: timeField, errors: [err.message] }]);
  else if (err.code === 'COURSE_TEACHER_OVERLAP') form.setFields([{ name: 'teacherId', errors: [err.message] }, { name: timeField, errors: [err.message] }]);
  else return false;
  return true;
}

export function TimetablesPanel(props: { courses: Course[]; rooms: Room[]; teachers: Teacher[] }) {
  const t = useT();
  const showError = useApiError();
  const { currentStore } = useSession();
  const [items, setItems] = useState<Timetable[]>([]);
  const [courseId, setCourseId] = useState<string | undefined>(undefined);
  const [editing, setEditing] = useState<Timetable | 'new' | null>(null);
  const [day, setDay] = useState<DayAction | null>(null);
  const [form] = Form.useForm<EditValues>();
  const [dayForm] = Form.useForm<{ onDate: Dayjs; reason?: string; moveTo?: Dayjs }>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    const query = { ...(currentStore ? { storeId: currentStore.id } : {}), ...(courseId ? { courseId } : {}) };
    call(api.GET('/api/v1/timetables', { params: { query } })).then((r) => setItems(r.items), showError);
  }, [currentStore, courseId, showError]);
  useEffect(load, [load]);

  const courseName = (id: string) => props.courses.find((c) => c.id === id)?.name ?? '—';
  const weekdayName = (w: number) => t(`classes.tt.weekday.${w}` as 'classes.tt.weekday.1');

  function open(tt: Timetable | 'new') {
    setEditing(tt);
    form.resetFields();
    if (tt === 'new') form.setFieldsValue({ courseId, weekday: 1, startTime: dayjs('10:00', 'HH:mm'), startsOn: dayjs(), isActive: true });
    else
      form.setFieldsValue({
        weekday: tt.weekday,
        startTime: dayjs(tt.startTime, 'HH:mm'),
        roomId: tt.roomId,
        teacherId: tt.teacherId,
        capacity: tt.capacity,
        startsOn: dayjs(tt.startsOn),
        endsOn: tt.endsOn ? dayjs(tt.endsOn) : null,
        isActive: tt.isActive,
      });
  }

  async function save(v: EditValues) {
    if (!editing) return;
    setBusy(true);
    const common = { weekday: v.weekday, startTime: v.startTime.format('HH:mm'), roomId: v.roomId ?? null, capacity: v.capacity, startsOn: v.startsOn.format('YYYY-MM-DD'), endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null };
    try {
      if (editing === 'new') {
        if (!currentStore || !v.courseId) return;
        await call(api.POST('/api/v1/timetables', { body: { ...common, courseId: v.courseId, storeId: currentStore.id, ...(v.teacherId ? { teacherId: v.teacherId } : {}), exceptDates: [] } }));
      } else {
        const body: Patch = { ...common, ...(v.teacherId ? { teacherId: v.teacherId } : {}), isActive: v.isActive };
        await call(api.PATCH('/api/v1/timetables/{timetableId}', { params: { path: { timetableId: editing.id } }, body }));
      }
      setEditing(null);
      load();
    } catch (err) {
      if (!overlapOnFields(err, form, 'startTime')) showError(err, form);
    } finally {
      setBusy(false);
    }
  }

  async function saveDay(v: { onDate: Dayjs; reason?: string; moveTo?: Dayjs }) {
    if (!day) return;
    setBusy(true);
    const path = { timetableId: day.timetable.id };
    try {
      if (day.kind === 'skip') await call(api.POST('/api/v1/timetables/{timetableId}/exceptions', { params: { path }, body: { onDate: v.onDate.format('YYYY-MM-DD'), reason: v.reason?.trim() || null } }));
      else await call(api.POST('/api/v1/timetables/{timetableId}/moves', { params: { path }, body: { onDate: v.onDate.format('YYYY-MM-DD'), startsAt: v.moveTo!.toISOString(), reason: v.reason?.trim() || null } }));
      setDay(null);
      load();
    } catch (err) {
      if (!overlapOnFields(err, dayForm, 'moveTo')) showError(err, dayForm);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="timetables">
      <Space style={{ marginBottom: 16 }}>
        <Select allowClear style={{ width: 220 }} placeholder={t('classes.tt.course')} aria-label={t('classes.tt.course')} value={courseId} onChange={setCourseId} options={props.courses.map((c) => ({ value: c.id, label: c.name }))} />
        <Button type="primary" onClick={() => open('new')} disabled={!currentStore}>
          {t('classes.tt.add')}
        </Button>
      </Space>
      <Table<Timetable>
        size="small"
        rowKey="id"
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('classes.tt.none') }}
        columns={[
          { title: t('classes.tt.course'), dataIndex: 'courseId', render: courseName },
          { title: t('classes.tt.weekday'), dataIndex: 'weekday', render: weekdayName },
          { title: t('classes.tt.startTime'), dataIndex: 'startTime' },
          { title: t('classes.tt.room'), dataIndex: 'roomId', render: (id: string | null) => props.rooms.find((r) => r.id === id)?.name ?? '—' },
          { title: t('classes.tt.teacher'), dataIndex: 'teacherId', render: (id: string) => props.teachers.find((x) => x.id === id)?.name ?? '—' },
          { title: t('classes.tt.capacity'), dataIndex: 'capacity' },
          { title: `${t('classes.tt.startsOn')} – ${t('classes.tt.endsOn')}`, render: (_: unknown, r) => `${r.startsOn} – ${r.endsOn ?? '…'}` },
          { title: t('classes.tt.exceptions'), render: (_: unknown, r) => r.exceptions.map((e) => <Tag key={e.onDate} title={e.reason ?? undefined}>{e.onDate}</Tag>) },
          { title: t('classes.tt.active'), dataIndex: 'isActive', render: (v: boolean) => (v ? '✓' : '—') },
          {
            title: t('classes.actions'),
            render: (_: unknown, r) => (
              <Space size={4}>
                <Button size="small" onClick={() => open(r)}>
                  {t('classes.tt.edit')}
                </Button>
                <Button size="small" onClick={() => (dayForm.resetFields(), setDay({ kind: 'skip', timetable: r }))}>
                  {t('classes.tt.addException')}
                </Button>
                <Button size="small" onClick={() => (dayForm.resetFields(), setDay({ kind: 'move', timetable: r }))}>
                  {t('classes.tt.move')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={!!editing} title={editing === 'new' ? t('classes.tt.newTitle') : t('classes.tt.editTitle')} okText={t('classes.tt.save')} okButtonProps={{ loading: busy }} onOk={() => form.submit()} onCancel={() => setEditing(null)} destroyOnHidden forceRender width={520}>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="timetable-form">
          {editing === 'new' && (
            <Form.Item name="courseId" label={t('classes.tt.course')} rules={[{ required: true }]}>
              <Select options={props.courses.filter((c) => c.isActive).map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          )}
          <Space wrap>
            <Form.Item name="weekday" label={t('classes.tt.weekday')} rules={[{ required: true }]}>
              <Select style={{ width: 100 }} options={WEEKDAYS.map((w) => ({ value: w, label: weekdayName(w) }))} />
            </Form.Item>
            <Form.Item name="startTime" label={t('classes.tt.startTime')} rules={[{ required: true }]}>
              <TimePicker format="HH:mm" minuteStep={5} aria-label={t('classes.tt.startTime')} />
            </Form.Item>
            <Form.Item name="capacity" label={t('classes.tt.capacity')}>
              <InputNumber min={1} max={1000} aria-label={t('classes.tt.capacity')} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="roomId" label={t('classes.tt.room')}>
              <Select allowClear style={{ width: 180 }} aria-label={t('classes.tt.room')} options={props.rooms.filter((r) => r.isActive).map((r) => ({ value: r.id, label: r.name }))} />
            </Form.Item>
            <Form.Item name="teacherId" label={t('classes.tt.teacher')}>
              <Select allowClear style={{ width: 180 }} aria-label={t('classes.tt.teacher')} options={props.teachers.filter((x) => x.isActive).map((x) => ({ value: x.id, label: x.name }))} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="startsOn" label={t('classes.tt.startsOn')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="endsOn" label={t('classes.tt.endsOn')}>
              <DatePicker />
            </Form.Item>
            {editing !== 'new' && (
              <Form.Item name="isActive" label={t('classes.tt.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            )}
          </Space>
        </Form>
      </Modal>
      <Modal open={!!day} title={day ? `${day.kind === 'skip' ? t('classes.tt.addException') : t('classes.tt.move')} · ${courseName(day.timetable.courseId)}` : ''} okButtonProps={{ loading: busy }} onOk={() => dayForm.submit()} onCancel={() => setDay(null)} destroyOnHidden forceRender width={440}>
        <Form form={dayForm} layout="vertical" onFinish={(v) => void saveDay(v)}>
          <Form.Item name="onDate" label={t('classes.tt.exceptionDate')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => !!day && (d.day() || 7) !== day.timetable.weekday} />
          </Form.Item>
          {day?.kind === 'move' && (
            <Form.Item name="moveTo" label={t('classes.tt.moveTo')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          )}
          <Form.Item name="reason" label={t('classes.tt.exceptionReason')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
