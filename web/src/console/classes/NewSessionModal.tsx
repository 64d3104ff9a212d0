// A one-off class: course, start, room and teacher (the course's default teacher when left
// empty), capacity (the course's when left empty). Room and teacher overlaps are refused.
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { EnterSubmits } from '../components/EnterSubmits';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { type ClassSession, type Course, type Room, type Teacher, hm } from './types';

interface Values {
  courseId: string;
  startsAt: string;
  roomId?: string;
  teacherId?: string;
  capacity?: number | null;
}

export function NewSessionModal(props: { storeId: string; rooms: Room[]; teachers: Teacher[]; onClose(): void; onCreated(s: ClassSession): void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const { message } = App.useApp();
  const [courses, setCourses] = useState<Course[]>([]);
  useEffect(() => {
    call(api.GET('/api/v1/courses', { params: { query: { active: 'true' } } })).then((r) => setCourses(r.items), showError);
  }, [showError]);

  async function submit(v: Values) {
    try {
      const s = await call(
        api.POST('/api/v1/class-sessions', {
          body: {
            courseId: v.courseId,
            storeId: props.storeId,
            startsAt: dayjs(v.startsAt).toISOString(),
            ...(v.roomId ? { roomId: v.roomId } : {}),
            ...(v.teacherId ? { teacherId: v.teacherId } : {}),
            ...(v.capacity ? { capacity: v.capacity } : {}),
          },
        }),
      );
      message.success(t('classes.admin.sessionCreated', { course: s.courseName, time: `${s.businessDate} ${hm(s.startsAt)}` }));
      props.onCreated(s);
    } catch (err) {
      showError(err, form);
    }
  }

  return (
    <Modal open title={t('classes.newSession')} onOk={() => form.submit()} onCancel={props.onClose} destroyOnHidden width={460}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="courseId" label={t('classes.course')} rules={[{ required: true, message: t('classes.admin.required', { field: t('classes.course') }) }]}>
          <Select autoFocus showSearch={{ optionFilterProp: 'label' }} options={courses.map((c) => ({ value: c.id, label: c.name }))} aria-label={t('classes.course')} />
        </Form.Item>
        <Form.Item name="startsAt" label={t('classes.admin.startsAt')} rules={[{ required: true, message: t('classes.admin.required', { field: t('classes.admin.startsAt') }) }]}>
          <Input type="datetime-local" aria-label={t('classes.admin.startsAt')} />
        </Form.Item>
        <Form.Item name="roomId" label={t('classes.room')}>
          <Select allowClear options={props.rooms.map((r) => ({ value: r.id, label: r.name }))} aria-label={t('classes.room')} />
        </Form.Item>
        <Form.Item name="teacherId" label={t('classes.teacher')}>
          <Select allowClear options={props.teachers.map((x) => ({ value: x.id, label: x.name }))} aria-label={t('classes.teacher')} />
        </Form.Item>
        <Form.Item name="capacity" label={t('classes.admin.capacity')}>
          <InputNumber min={1} max={1000} style={{ width: '100%' }} aria-label={t('classes.admin.capacity')} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
