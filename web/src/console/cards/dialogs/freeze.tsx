// Freeze a card: the server previews the period, the new expiry and the fee before anything changes.
import { type ButtonProps, Descriptions, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { yuan } from '../../cashier/money';
import { EnterSubmits } from '../../components/EnterSubmits';
import { useAssetSubmit } from '../../components/useAssetSubmit';
import { useApiError } from '../../errors';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { todayIso } from '../format';
import type { FreezePreview } from '../types';
import { type DialogProps, type Method, PayMethod, WaiveFee, payment } from './shared';

export function FreezeDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const showError = useApiError();
  const { currentStore } = useSession();
  const { saving, submit: send } = useAssetSubmit();
  const [form] = Form.useForm<{ startOn: string; days: number | null; reason?: string }>();
  const startOn = Form.useWatch('startOn', form);
  const days = Form.useWatch('days', form);
  const [preview, setPreview] = useState<FreezePreview | null>(null);
  const [method, setMethod] = useState<Method>('cash');
  const [waive, setWaive] = useState(false);

  useEffect(() => {
    setPreview(null);
    if (!startOn || !days || days < 1) return;
    let live = true;
    const timer = setTimeout(() => {
      call(api.POST('/api/v1/member-cards/{cardId}/freeze-preview', { params: { path: { cardId: card.id } }, body: { startOn, days } }))
        .then((p) => live && setPreview(p))
        .catch((err) => live && showError(err, form));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [startOn, days]);

  async function submit(v: { startOn: string; days: number | null; reason?: string }) {
    if (!preview) return;
    const body = { startOn: v.startOn, days: v.days!, reason: v.reason?.trim() || null, ...(waive && preview.fee > 0 ? { waiveFee: true } : payment(currentStore?.id, preview.fee, method)) };
    const r = await send(body, (headers) => call(api.POST('/api/v1/member-cards/{cardId}/freezes', { params: { path: { cardId: card.id } }, body, headers })), form);
    if (r) onDone(r, t('cards.freeze.done', { date: preview.newExpiresOn ?? '—' }));
  }

  return (
    <Modal
      open
      title={t('cards.freeze.title', { name: card.name })}
      onCancel={onClose}
      okText={t('cards.freeze.confirm')}
      okButtonProps={{ disabled: !preview, loading: saving, 'data-testid': 'freeze-ok' } as ButtonProps}
      onOk={() => form.submit()}
      cancelText={t('common.cancel')}
    >
      <Form form={form} layout="vertical" initialValues={{ startOn: todayIso(), days: null }} onFinish={submit}>
        <Space size={16} align="start">
          <Form.Item name="startOn" label={t('cards.freeze.startOn')} rules={[{ required: true, message: t('cards.required') }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="days" label={t('cards.freeze.days')} rules={[{ required: true, message: t('cards.required') }]} extra={t('cards.freeze.policy', { min: card.terms.freeze ? String((card.terms.freeze as { minDays: number }).minDays) : '1', max: card.terms.freeze ? String((card.terms.freeze as { maxDays: number }).maxDays) : '—' })}>
            <InputNumber min={1} max={366} autoFocus style={{ width: 140 }} aria-label={t('cards.freeze.days')} />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('cards.reason.optional')}>
          <Input maxLength={200} />
        </Form.Item>
        {preview && (
          <div data-testid="freeze-preview">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('cards.freeze.period')}>{t('cards.range', { from: preview.startOn, to: preview.endOn })}</Descriptions.Item>
              <Descriptions.Item label={t('cards.field.expiresOn')}>
                <Space>
                  <Typography.Text delete={preview.isExpiryExtended && preview.newExpiresOn !== preview.expiresOn}>{preview.expiresOn ?? '—'}</Typography.Text>
                  <span>→</span>
                  <Typography.Text strong data-testid="freeze-new-expiry">
                    {preview.newExpiresOn ?? '—'}
                  </Typography.Text>
                  {preview.extensionDays > 0 && <Typography.Text type="success">{t('cards.freeze.extended', { days: preview.extensionDays })}</Typography.Text>}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('cards.freeze.left')}>
                {t('cards.freeze.leftText', { times: preview.freezesLeft === null ? t('cards.unlimited') : String(preview.freezesLeft), days: preview.daysLeft === null ? t('cards.unlimited') : String(preview.daysLeft) })}
              </Descriptions.Item>
              <Descriptions.Item label={t('cards.fee')}>{yuan(preview.fee)}</Descriptions.Item>
            </Descriptions>
            <div style={{ marginTop: 12 }}>
              <WaiveFee fee={preview.fee} value={waive} onChange={setWaive} />
              {!waive && <PayMethod amount={preview.fee} value={method} onChange={setMethod} />}
            </div>
          </div>
        )}
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
