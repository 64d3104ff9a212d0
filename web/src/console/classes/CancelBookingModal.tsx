// Cancelling a booking: before confirming, what it costs — in time (the held session goes
// back), late (forfeited, unless a manager waives it with a reason), or leaving the waitlist.
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { useAttemptKey } from '../cashier/idempotency';
import { EnterSubmits } from '../components/EnterSubmits';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { type Booking, isLateCancel } from './types';

export function CancelBookingModal(props: { booking: Booking; startsAt: string; lateCancelMinutes: number | null; onClose(): void; onCancelled(b: Booking): void }) {
  const t = useT();
  const showError = useApiError();
  const { can } = useSession();
  const [form] = Form.useForm<{ reason?: string; waive?: boolean }>();
  const [busy, setBusy] = useState(false);
  const attempt = useAttemptKey();
  const b = props.booking;
  const waitlisted = b.status === 'waitlisted';
  const late = !waitlisted && props.lateCancelMinutes !== null && isLateCancel(props.startsAt, props.lateCancelMinutes);

  async function submit(v: { reason?: string; waive?: boolean }) {
    const body = { reason: v.reason?.trim() || null, waive: !!v.waive };
    setBusy(true);
    try {
      const r = await call(
        api.POST('/api/v1/bookings/{bookingId}/cancel', {
          params: { path: { bookingId: b.id } },
          body,
          headers: { 'Idempotency-Key': attempt.keyFor({ id: b.id, ...body }) },
        }),
      );
      props.onCancelled(r);
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={t('classes.cancel.title', { name: b.attendeeName ?? '' })}
      okText={t('classes.cancel.submit')}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={460}
    >
      <Alert
        data-testid="cancel-outcome"
        style={{ marginBottom: 16 }}
        type={late ? 'warning' : 'info'}
        showIcon
        message={waitlisted ? t('classes.cancel.waitlisted') : late ? t('classes.cancel.late', { minutes: props.lateCancelMinutes ?? 0 }) : t('classes.cancel.inTime')}
      />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('classes.cancel.reason')}>
          <Input autoFocus maxLength={200} aria-label={t('classes.cancel.reason')} />
        </Form.Item>
        {late && can('course.waive') && (
          <Form.Item name="waive" valuePropName="checked">
            <Checkbox>{t('classes.cancel.waive')}</Checkbox>
          </Form.Item>
        )}
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
