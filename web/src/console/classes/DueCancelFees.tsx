// Late-cancel and no-show fees a member owes (the cancellation policy's fees), on the member's
// bookings tab: paid here as an order (a `class_fee` line: tenders, the shift, the receipt — the
// one way money comes in), marked collected elsewhere (bank transfer …, with a note), or waived
// by a manager with a reason.
import { Alert, App, Button, type ButtonProps, Input, Modal, Radio, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api, call, newIdempotencyKey } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { yuan } from '../cashier/money';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { useAssetSubmit } from '../components/useAssetSubmit';

const METHODS = ['cash', 'wechat', 'alipay', 'bank_card', 'stored_value'] as const;

type Fee = ResponseOf<'/api/v1/class-cancel-fees', 'get'>['items'][number];

export function DueCancelFees({ memberId }: { memberId: string }) {
  const t = useT();
  const showError = useApiError();
  const { can, currentStore } = useSession();
  const { message } = App.useApp();
  const [fees, setFees] = useState<Fee[]>([]);
  const [paying, setPaying] = useState<Fee | null>(null);
  const [method, setMethod] = useState<(typeof METHODS)[number]>('cash');
  const pay = useAssetSubmit();
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

  async function takePayment() {
    if (!paying || !currentStore) return;
    const fee = paying;
    const body = { storeId: currentStore.id, memberId, lines: [{ kind: 'class_fee' as const, itemId: fee.id, quantity: 1 }], tenders: [{ method, amount: fee.amount }] };
    const order = await pay.submit(body, (headers) => call(api.POST('/api/v1/orders', { body, headers })));
    if (!order) return;
    message.success(t('classes.fees.paid', { amount: yuan(fee.amount), orderNo: order.orderNo }));
    setPaying(null);
    load();
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
                {can('order.create') && currentStore && (
                  <Button size="small" type="primary" data-testid="fee-pay" onClick={() => setPaying(f)}>
                    {t('classes.fees.pay')}
                  </Button>
                )}
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
      <Modal
        open={!!paying}
        title={paying ? t('classes.fees.payTitle', { what: t(paying.kind === 'no_show' ? 'classes.fees.noShow' : 'classes.fees.late'), amount: yuan(paying.amount) }) : ''}
        onOk={() => void takePayment()}
        okText={paying ? `${t('classes.fees.pay')} ${yuan(paying.amount)}` : undefined}
        okButtonProps={{ loading: pay.saving, 'data-testid': 'fee-pay-ok' } as ButtonProps}
        onCancel={() => setPaying(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('classes.fees.payMethod')}</Typography.Paragraph>
        <Radio.Group value={method} onChange={(e) => setMethod(e.target.value)} optionType="button" options={METHODS.map((m) => ({ value: m, label: t(`tender.${m}`) }))} />
      </Modal>
    </>
  );
}
