// Transfer a card to another member: the recipient, what moves with the card and the fee, previewed first.
import { type ButtonProps, Descriptions, Form, Input, Modal, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { yuan } from '../../cashier/money';
import { EnterSubmits } from '../../components/EnterSubmits';
import { useAssetSubmit } from '../../components/useAssetSubmit';
import { useApiError } from '../../errors';
import { useT } from '../../i18n';
import { MemberPicker } from '../../members/MemberPicker';
import { useSession } from '../../session';
import type { TransferPreview } from '../types';
import { type DialogProps, type Method, PayMethod, WaiveFee, payment } from './shared';

export function TransferDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const showError = useApiError();
  const { currentStore } = useSession();
  const { saving, submit: send } = useAssetSubmit();
  const [form] = Form.useForm<{ toMemberId: string | null; feePaidBy: 'from' | 'to'; reason?: string }>();
  const toMemberId = Form.useWatch('toMemberId', form);
  const [preview, setPreview] = useState<TransferPreview | null>(null);
  const [method, setMethod] = useState<Method>('cash');
  const [waive, setWaive] = useState(false);

  useEffect(() => {
    setPreview(null);
    if (!toMemberId) return;
    let live = true;
    call(api.POST('/api/v1/member-cards/{cardId}/transfer-preview', { params: { path: { cardId: card.id } }, body: { toMemberId } }))
      .then((p) => live && setPreview(p))
      .catch((err) => live && showError(err, form));
    return () => {
      live = false;
    };
  }, [toMemberId]);

  async function submit(v: { toMemberId: string | null; feePaidBy: 'from' | 'to'; reason?: string }) {
    if (!preview || !v.toMemberId) return;
    const toMember = preview.toMember;
    const body = { toMemberId: v.toMemberId, feePaidBy: v.feePaidBy, reason: v.reason?.trim() || null, ...(waive && preview.fee > 0 ? { waiveFee: true } : payment(currentStore?.id, preview.fee, method)) };
    const r = await send(body, (headers) => call(api.POST('/api/v1/member-cards/{cardId}/transfers', { params: { path: { cardId: card.id } }, body, headers })), form);
    if (r) onDone(r, t('cards.transfer.done', { name: toMember.name, cardNo: r.cardNo }));
  }

  return (
    <Modal
      open
      title={t('cards.transfer.title', { name: card.name })}
      onCancel={onClose}
      okText={t('cards.transfer.confirm')}
      okButtonProps={{ disabled: !preview, loading: saving, 'data-testid': 'transfer-ok' } as ButtonProps}
      onOk={() => form.submit()}
      cancelText={t('common.cancel')}
    >
      <Form form={form} layout="vertical" initialValues={{ toMemberId: null, feePaidBy: 'from' }} onFinish={submit}>
        <Form.Item name="toMemberId" label={t('cards.transfer.to')} rules={[{ required: true, message: t('cards.required') }]}>
          <MemberPicker excludeId={card.memberId} autoFocus id="transfer-to" placeholder={t('cards.transfer.toPlaceholder')} />
        </Form.Item>
        {preview && (
          <div data-testid="transfer-preview">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('cards.transfer.recipient')}>{`${preview.toMember.name} · ${preview.toMember.memberNo}`}</Descriptions.Item>
              <Descriptions.Item label={t('cards.field.remaining')}>{preview.sessionsRemaining === null ? t('cards.sessions.unlimited') : String(preview.sessionsRemaining)}</Descriptions.Item>
              <Descriptions.Item label={t('cards.field.expiresOn')}>{preview.expiresOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('cards.fee')}>
                <Typography.Text strong data-testid="transfer-fee">
                  {yuan(preview.fee)}
                </Typography.Text>
              </Descriptions.Item>
              {preview.familyRemoved > 0 && <Descriptions.Item label={t('cards.family')}>{t('cards.transfer.familyRemoved', { n: preview.familyRemoved })}</Descriptions.Item>}
            </Descriptions>
            {preview.fee > 0 && (
              <div style={{ marginTop: 12 }}>
                <WaiveFee fee={preview.fee} value={waive} onChange={setWaive} />
                <Form.Item name="feePaidBy" label={t('cards.transfer.feePaidBy')} hidden={waive}>
                  <Radio.Group options={[{ value: 'from', label: t('cards.transfer.byFrom') }, { value: 'to', label: t('cards.transfer.byTo') }]} />
                </Form.Item>
                {!waive && <PayMethod amount={preview.fee} value={method} onChange={setMethod} />}
              </div>
            )}
          </div>
        )}
        <Form.Item name="reason" label={t('cards.reason.optional')}>
          <Input maxLength={200} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
