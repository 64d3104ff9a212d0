// Courses, rooms and teachers: a list each and a form to add one (enough to set a store up for
// booking); weekly timetables; the cancellation policy (its own tab, editable with course.settings).
import { App, Button, Card, Form, Input, InputNumber, Select, Table, Tabs, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { useLocale } from '../../i18n/locale';
import { MoneyInput } from '../cashier/MoneyInput';
import { yuan } from '../cashier/money';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { CancelPolicyPanel } from './CancelPolicyPanel';
import { TimetablesPanel } from './TimetablesPanel';
import { type Course, type Room, type Teacher, ageMonths } from './types';

export default function CourseAdminPage() {
  const t = useT();
  const { locale } = useLocale();
  const showError = useApiError();
  const { message } = App.useApp();
  const { currentStore, can } = useSession();
  const [courses, setCourses] = useState<Course[]>([]);
  const [rooms, setRooms] = useState<Room[]>([]);
  const [teachers, setTeachers] = useState<Teacher[]>([]);
  const [courseForm] = Form.useForm();
  const [roomForm] = Form.useForm();
  const [teacherForm] = Form.useForm();

  const load = useCallback(() => {
    call(api.GET('/api/v1/courses')).then((r) => setCourses(r.items), showError);
    call(api.GET('/api/v1/rooms', { params: { query: currentStore ? { storeId: currentStore.id } : {} } })).then((r) => setRooms(r.items), showError);
    call(api.GET('/api/v1/teachers')).then((r) => setTeachers(r.items), showError);
  }, [currentStore, showError]);
  useEffect(load, [load]);

  const teacherName = (id: string | null) => teachers.find((x) => x.id === id)?.name ?? '—';
  const age = (c: Course) =>
    c.minAgeMonths === null && c.maxAgeMonths === null
      ? t('classes.admin.anyAge')
      : `${c.minAgeMonths === null ? '…' : ageMonths(c.minAgeMonths, locale)} – ${c.maxAgeMonths === null ? '…' : ageMonths(c.maxAgeMonths, locale)}`;
  const active = (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('classes.admin.active') : t('classes.admin.inactive')}</Tag>;
  const required = (field: string) => [{ required: true, message: t('classes.admin.required', { field }) }];

  async function createCourse(v: any) {
    try {
      const c = await call(
        api.POST('/api/v1/courses', {
          body: {
            name: v.name,
            category: v.category,
            durationMinutes: v.durationMinutes,
            capacity: v.capacity,
            price: v.price ?? 0,
            minAgeMonths: v.minAgeMonths ?? null,
            maxAgeMonths: v.maxAgeMonths ?? null,
            defaultTeacherId: v.defaultTeacherId ?? null,
          },
        }),
      );
      message.success(t('classes.admin.created', { name: c.name }));
      courseForm.resetFields();
      load();
    } catch (err) {
      showError(err, courseForm);
    }
  }
  async function createRoom(v: any) {
    if (!currentStore) return;
    try {
      const r = await call(api.POST('/api/v1/rooms', { body: { storeId: currentStore.id, name: v.name, capacity: v.capacity ?? null } }));
      message.success(t('classes.admin.created', { name: r.name }));
      roomForm.resetFields();
      load();
    } catch (err) {
      showError(err, roomForm);
    }
  }
  async function createTeacher(v: any) {
    try {
      const skills = String(v.skills ?? '')
        .split(/[,，]/)
        .map((s: string) => s.trim())
        .filter(Boolean);
      const x = await call(api.POST('/api/v1/teachers', { body: { name: v.name, skills } }));
      message.success(t('classes.admin.created', { name: x.name }));
      teacherForm.resetFields();
      load();
    } catch (err) {
      showError(err, teacherForm);
    }
  }

  return (
    <Card data-testid="course-admin">
      <Tabs
        items={[
          {
            key: 'courses',
            label: t('classes.admin.courses'),
            children: (
              <>
                <Form form={courseForm} layout="inline" onFinish={(v) => void createCourse(v)} style={{ marginBottom: 16, rowGap: 8 }} initialValues={{ durationMinutes: 60, capacity: 10 }}>
                  <Form.Item name="name" rules={required(t('classes.admin.name'))}>
                    <Input autoFocus placeholder={t('classes.admin.name')} aria-label={t('classes.admin.name')} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name="category" rules={required(t('classes.admin.category'))} tooltip={t('classes.admin.category.hint')}>
                    <Input placeholder={t('classes.admin.category')} aria-label={t('classes.admin.category')} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name="durationMinutes" label={t('classes.admin.duration')} rules={required(t('classes.admin.duration'))}>
                    <InputNumber min={5} max={1440} aria-label={t('classes.admin.duration')} />
                  </Form.Item>
                  <Form.Item name="capacity" label={t('classes.admin.capacity')} rules={required(t('classes.admin.capacity'))}>
                    <InputNumber min={1} max={1000} aria-label={t('classes.admin.capacity')} />
                  </Form.Item>
                  <Form.Item name="minAgeMonths" label={t('classes.admin.minAge')}>
                    <InputNumber min={0} max={1200} aria-label={t('classes.admin.minAge')} />
                  </Form.Item>
                  <Form.Item name="maxAgeMonths" label={t('classes.admin.maxAge')}>
                    <InputNumber min={0} max={1200} aria-label={t('classes.admin.maxAge')} />
                  </Form.Item>
                  <Form.Item name="price" label={t('classes.admin.price')}>
                    <MoneyInput aria-label={t('classes.admin.price')} />
                  </Form.Item>
                  <Form.Item name="defaultTeacherId" label={t('classes.admin.defaultTeacher')}>
                    <Select allowClear style={{ width: 140 }} options={teachers.map((x) => ({ value: x.id, label: x.name }))} aria-label={t('classes.admin.defaultTeacher')} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit">
                    {t('classes.admin.newCourse')}
                  </Button>
                </Form>
                <Table<Course>
                  size="small"
                  rowKey="id"
                  dataSource={courses}
                  pagination={false}
                  columns={[
                    { title: t('classes.admin.name'), dataIndex: 'name' },
                    { title: t('classes.admin.category'), dataIndex: 'category' },
                    { title: t('classes.admin.ageRange'), render: (_: unknown, c) => age(c) },
                    { title: t('classes.admin.duration'), dataIndex: 'durationMinutes' },
                    { title: t('classes.admin.capacity'), dataIndex: 'capacity' },
                    { title: t('classes.admin.price'), dataIndex: 'price', render: (v: number) => yuan(v) },
                    { title: t('classes.admin.defaultTeacher'), dataIndex: 'defaultTeacherId', render: teacherName },
                    { title: t('classes.status'), dataIndex: 'isActive', render: active },
                  ]}
                />
              </>
            ),
          },
          { key: 'timetables', label: t('classes.tt.title'), children: <TimetablesPanel courses={courses} rooms={rooms} teachers={teachers} /> },
          {
            key: 'rooms',
            label: t('classes.admin.rooms'),
            children: (
              <>
                <Form form={roomForm} layout="inline" onFinish={(v) => void createRoom(v)} style={{ marginBottom: 16 }}>
                  <Form.Item name="name" rules={required(t('classes.admin.name'))}>
                    <Input placeholder={t('classes.admin.name')} aria-label={t('classes.admin.name')} />
                  </Form.Item>
                  <Form.Item name="capacity" label={t('classes.admin.capacity')}>
                    <InputNumber min={1} max={1000} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit">
                    {t('classes.admin.newRoom')}
                  </Button>
                </Form>
                <Table<Room>
                  size="small"
                  rowKey="id"
                  dataSource={rooms}
                  pagination={false}
                  columns={[
                    { title: t('classes.admin.name'), dataIndex: 'name' },
                    { title: t('classes.admin.capacity'), dataIndex: 'capacity', render: (v: number | null) => v ?? '—' },
                    { title: t('classes.status'), dataIndex: 'isActive', render: active },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'teachers',
            label: t('classes.admin.teachers'),
            children: (
              <>
                <Form form={teacherForm} layout="inline" onFinish={(v) => void createTeacher(v)} style={{ marginBottom: 16 }}>
                  <Form.Item name="name" rules={required(t('classes.admin.name'))}>
                    <Input placeholder={t('classes.admin.name')} aria-label={t('classes.admin.name')} />
                  </Form.Item>
                  <Form.Item name="skills">
                    <Input placeholder={t('classes.admin.skills')} aria-label={t('classes.admin.skills')} style={{ width: 220 }} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit">
                    {t('classes.admin.newTeacher')}
                  </Button>
                </Form>
                <Table<Teacher>
                  size="small"
                  rowKey="id"
                  dataSource={teachers}
                  pagination={false}
                  columns={[
                    { title: t('classes.admin.name'), dataIndex: 'name' },
                    { title: t('classes.admin.skills'), dataIndex: 'skills', render: (v: string[]) => v.join(', ') || '—' },
                    { title: t('classes.status'), dataIndex: 'isActive', render: active },
                  ]}
                />
              </>
            ),
          },
          ...(can('course.read') ? [{ key: 'cancelPolicy', label: t('classes.policy.title'), children: <CancelPolicyPanel /> }] : []),
        ]}
      />
    </Card>
  );
}
