// Late-cancel and no-show fees a member owes (the cancellation policy's fees), on the member's
// bookings tab: collected at the desk (with a note how) or waived by a manager with a reason.
// Collected here means taken outside the cashier — no order is created (see ARCHITECTURE.md).
import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api, call, newIdempotencyKey } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { yuan } from '../cashier/money';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';

type Fee = ResponseOf<'/api/v1/class-cancel-fees', 'get'>['items'][number];

export function DueCancelFees({ memberId }: { memberId: string }) {
  const t = useT();
  const showError = useApiError();
  const { can } = useSession();
  const [fees, setFees] = useState<Fee[]>([]);
  const [settling, setSettling] = useState<{ fee: Fee; to: 'collect' | 'waive' } | null>(null);
  const [note, setNote] = useState('');
  const load = useCallback(() => {
    call(api.GET('/api/v1/class-cancel-fees', { params: { query: { memberId, status: 'due' } } })).then((r) => setFees(r.items), showError);
  }, [memberId, showError]);
  useEffect(load, [load]);

  async function settle() {
    if (!settling || !note.trim()) return;
    const path = { feeId: settling.fee.id };
    const init = { params: { path }, body: { note: note.trim() }, headers: { 'Idempotency-Key': newIdempotencyKey() } };
    try {
      if (settling.to === 'collect') await call(api.POST('/api/v1/class-cancel-fees/{feeId}/collect', init));
      else await call(api.POST('/api/v1/class-cancel-fees/{feeId}/waive', init));
      setSettling(null);
      setNote('');
      load();
    } catch (err) {
      showError(err);
    }
  }

  if (!fees.length) return null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        data-testid="due-cancel-fees"
        style={{ marginBottom: 12 }}
        message={t('classes.fees.title', { amount: yuan(fees.reduce((a, f) => a + f.amount, 0)) })}
        description={
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            {fees.map((f) => (
              <Space key={f.id} wrap>
                <Typography.Text>{`${dayjs(f.startsAt).format('MM-DD HH:mm')} ${f.courseName} · ${t(f.kind === 'no_show' ? 'classes.fees.noShow' : 'classes.fees.late')} · ${yuan(f.amount)}`}</Typography.Text>
                {can('course.book') && (
                  <Button size="small" onClick={() => setSettling({ fee: f, to: 'collect' })}>
                    {t('classes.fees.collect')}
                  </Button>
                )}
                {can('course.waive') && (
                  <Button size="small" onClick={() => setSettling({ fee: f, to: 'waive' })}>
                    {t('classes.fees.waive')}
                  </Button>
                )}
              </Space>
            ))}
          </Space>
        }
      />
      <Modal open={!!settling} title={settling ? `${t(settling.to === 'collect' ? 'classes.fees.collect' : 'classes.fees.waive')} · ${yuan(settling.fee.amount)}` : ''} onOk={() => void settle()} okButtonProps={{ disabled: !note.trim() }} onCancel={() => setSettling(null)} destroyOnHidden>
        <Input autoFocus maxLength={200} value={note} aria-label={t('classes.fees.note')} placeholder={t('classes.fees.note')} onChange={(e) => setNote(e.target.value)} onPressEnter={() => void settle()} />
      </Modal>
    </>
  );
}
