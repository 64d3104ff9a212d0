// The teacher's feedback to parents: on the whole class (every family of the class sees it) or
// on one child (that child's parent). Text, an optional 1–5 rating and the skills practised;
// the author can change it until the cut-off the server gives (editableUntil).
import { App, Form, Input, Modal, Rate, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import type { Feedback, TeacherClass } from './types';

export interface FeedbackTarget {
  cls: TeacherClass;
  /** null: the note on the whole class. */
  bookingId: string | null;
  name: string | null;
  existing: Feedback | null;
}

export function FeedbackModal(props: { target: FeedbackTarget | null; onClose(): void; onSaved(): void }) {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string; rating: number; skills: string[] }>();
  const [busy, setBusy] = useState(false);
  const { target } = props;

  useEffect(() => {
    if (target) form.setFieldsValue({ text: target.existing?.text ?? '', rating: target.existing?.rating ?? 0, skills: target.existing?.skills ?? [] });
  }, [target, form]);

  async function save() {
    if (!target) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await call(
        api.PUT('/api/v1/teacher/classes/{sessionId}/feedback', {
          params: { path: { sessionId: target.cls.id } },
          body: { bookingId: target.bookingId, text: v.text, rating: v.rating ? v.rating : null, skills: v.skills ?? [] },
        }),
      );
      message.success(t('teacher.feedback.saved'));
      props.onSaved();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  const title = !target ? '' : target.bookingId ? t('teacher.feedback.titleChild', { name: target.name ?? '' }) : t('teacher.feedback.titleClass', { course: target.cls.courseName });
  return (
    <Modal open={!!target} title={title} onCancel={props.onClose} onOk={save} okText={t('teacher.feedback.save')} confirmLoading={busy} destroyOnHidden data-testid="feedback-modal">
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="text" label={t('teacher.feedback.text')} rules={[{ required: true, whitespace: true, message: t('teacher.feedback.required') }]}>
          <Input.TextArea autoFocus rows={4} maxLength={2000} showCount placeholder={t('teacher.feedback.textPlaceholder')} data-testid="feedback-text" />
        </Form.Item>
        {target?.bookingId ? (
          <Form.Item name="rating" label={t('teacher.feedback.rating')}>
            <Rate />
          </Form.Item>
        ) : null}
        <Form.Item name="skills" label={t('teacher.feedback.skills')}>
          <Select mode="tags" open={false} placeholder={t('teacher.feedback.skillsPlaceholder')} tokenSeparators={[',', ',', '、']} />
        </Form.Item>
      </Form>
      {target ? (
        <Typography.Text type="secondary">{t('teacher.feedback.until', { time: dayjs(target.existing?.editableUntil ?? target.cls.feedbackClosesAt).format('YYYY-MM-DD HH:mm') })}</Typography.Text>
      ) : null}
    </Modal>
  );
}
