// Cancelling a booking: before confirming, what it costs — the server's cancel preview under the
// tenant's policy (released or forfeited, a late fee, a strike toward the ban, a grace allowance
// used), or leaving the waitlist. Without the preview (offline) the simple late window is shown.
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../api/types';
import { yuan } from '../cashier/money';
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
  const [waive, setWaive] = useState(false);
  const [preview, setPreview] = useState<CancelPreview | null>(null);
  useEffect(() => {
    let live = true;
    call(api.GET('/api/v1/bookings/{bookingId}/cancel-preview', { params: { path: { bookingId: b.id }, query: waive ? { waive: 'true' } : {} } }))
      .then((p) => live && setPreview(p))
      .catch(() => live && setPreview(null));
    return () => {
      live = false;
    };
  }, [b.id, waive]);
  const late = !waitlisted && (preview ? preview.isLate : props.lateCancelMinutes !== null && isLateCancel(props.startsAt, props.lateCancelMinutes));
  const outcome = waitlisted ? [t('classes.cancel.waitlisted')] : preview ? describePreview(t, preview) : [late ? t('classes.cancel.late', { minutes: props.lateCancelMinutes ?? 0 }) : t('classes.cancel.inTime')];
  const penalised = !!preview && (preview.outcome === 'forfeit' || preview.feeFen > 0 || preview.countsTowardBan);

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
        type={(preview ? penalised : late) ? 'warning' : 'info'}
        showIcon
        message={outcome[0]}
        description={outcome.length > 1 ? outcome.slice(1).map((line) => <div key={line}>{line}</div>) : undefined}
      />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={(ch: { waive?: boolean }) => ch.waive !== undefined && setWaive(ch.waive)}>
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

type CancelPreview = ResponseOf<'/api/v1/bookings/{bookingId}/cancel-preview', 'get'>;

/** The preview as lines: what happens to the session first, then the fee and the strike. */
function describePreview(t: ReturnType<typeof useT>, p: CancelPreview): string[] {
  if (p.isWaived) return [t('classes.cancel.waived')];
  if (p.isGrace) return [t('classes.cancel.grace', { left: p.graceRemaining - 1 })];
  const lines: string[] = [];
  if (p.outcome === 'release') lines.push(t('classes.cancel.inTime'));
  else if (p.rule?.window === 'less_than') lines.push(t('classes.cancel.late', { minutes: p.rule.minutes ?? 0 }));
  else lines.push(t('classes.cancel.started'));
  if (p.feeFen > 0) lines.push(t('classes.cancel.fee', { amount: yuan(p.feeFen) }));
  if (p.countsTowardBan) lines.push(t('classes.cancel.strike'));
  return lines;
}
