// Leave (请假) for a booked attendee from the class roster: the server releases the held session
// and grants a make-up credit (补课) for another class of the course; the dialog then says until
// when the credit is valid (it stays open so the desk can tell the member).
import { Alert, Button, Form, Input, Modal, Result } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { useAttemptKey } from '../cashier/idempotency';
import { EnterSubmits } from '../components/EnterSubmits';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import type { RosterBooking } from './types';

type LeaveResult = ResponseOf<'/api/v1/bookings/{bookingId}/leave', 'post'>;

export function LeaveModal(props: { booking: RosterBooking; onClose(): void; onLeft(r: LeaveResult): void }) {
  const t = useT();
  const showError = useApiError();
  const [form] = Form.useForm<{ reason?: string }>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<LeaveResult | null>(null);
  const attempt = useAttemptKey();
  const b = props.booking;

  async function submit(v: { reason?: string }) {
    const body = { reason: v.reason?.trim() || null };
    setBusy(true);
    try {
      const r = await call(api.POST('/api/v1/bookings/{bookingId}/leave', { params: { path: { bookingId: b.id } }, body, headers: { 'Idempotency-Key': attempt.keyFor({ leave: b.id, ...body }) } }));
      setDone(r);
      props.onLeft(r);
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <Modal open title={t('classes.leave.title', { name: b.attendeeName ?? '' })} onCancel={props.onClose} footer={<Button type="primary" autoFocus onClick={props.onClose}>{t('classes.leave.close')}</Button>} destroyOnHidden width={460}>
        <Result status="success" data-testid="leave-result" title={t('classes.leave.done', { name: b.attendeeName ?? '', date: done.makeupCredit.expiresOn })} subTitle={done.makeupCredit.courseName} />
      </Modal>
    );
  return (
    <Modal
      open
      title={t('classes.leave.title', { name: b.attendeeName ?? '' })}
      okText={t('classes.leave.submit')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={460}
    >
      <Alert style={{ marginBottom: 16 }} type="info" showIcon message={t('classes.leave.hint')} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('classes.leave.reason')}>
          <Input autoFocus maxLength={200} aria-label={t('classes.leave.reason')} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
