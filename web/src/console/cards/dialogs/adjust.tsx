// Corrections by hand, with a reason and card.adjust: sessions or days added or taken away, and
// cancelling (注销) a card without a refund.
import { Alert, type ButtonProps, Form, Input, InputNumber, Modal, Space } from 'antd';
import { api, call } from '../../../api/client';
import { EnterSubmits } from '../../components/EnterSubmits';
import { useAssetSubmit } from '../../components/useAssetSubmit';
import { useT } from '../../i18n';
import type { DialogProps } from './shared';

export function AdjustDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const { saving, submit: send } = useAssetSubmit();
  const [form] = Form.useForm<{ sessions?: number | null; days?: number | null; reason: string }>();

  async function submit(v: { sessions?: number | null; days?: number | null; reason: string }) {
    if (!v.sessions && !v.days) {
      form.setFields([{ name: 'sessions', errors: [t('cards.adjust.nothing')] }]);
      return;
    }
    const body = { ...(v.sessions ? { sessions: v.sessions } : {}), ...(v.days ? { days: v.days } : {}), reason: v.reason.trim() };
    const r = await send(body, (headers) => call(api.POST('/api/v1/member-cards/{cardId}/adjustments', { params: { path: { cardId: card.id } }, body, headers })), form);
    if (r) onDone(r, t('cards.adjust.done'));
  }

  return (
    <Modal open title={t('cards.adjust.title', { name: card.name })} onCancel={onClose} okText={t('common.save')} okButtonProps={{ loading: saving }} onOk={() => form.submit()} cancelText={t('common.cancel')}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Space size={16} align="start">
          {card.sessions && (
            <Form.Item name="sessions" label={t('cards.adjust.sessions')} extra={t('cards.adjust.signed')}>
              <InputNumber min={-10000} max={10000} autoFocus style={{ width: 160 }} />
            </Form.Item>
          )}
          <Form.Item name="days" label={t('cards.adjust.days')} extra={t('cards.adjust.signed')}>
            <InputNumber min={-3660} max={3660} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('cards.reason')} rules={[{ required: true, whitespace: true, message: t('cards.adjust.reasonRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

/** 注销: the card ends without a refund (what is left is recognised at the issuing store). */
export function CancelDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const { saving, submit: send } = useAssetSubmit();
  const [form] = Form.useForm<{ reason: string }>();

  async function submit(v: { reason: string }) {
    const body = { reason: v.reason.trim() };
    const r = await send(body, (headers) => call(api.POST('/api/v1/member-cards/{cardId}/cancel', { params: { path: { cardId: card.id } }, body, headers })), form);
    if (r) onDone(r, t('cards.cancel.done', { name: card.name }));
  }

  const left = [card.sessions ? t('cards.cancel.sessions', { n: card.sessions.remaining }) : null, card.validity.expiresOn ? t('cards.cancel.until', { date: card.validity.expiresOn }) : null].filter(Boolean).join(t('common.listSep'));
  return (
    <Modal
      open
      title={t('cards.cancel.title', { name: card.name })}
      onCancel={onClose}
      okText={t('cards.cancel.confirm')}
      okButtonProps={{ danger: true, loading: saving, 'data-testid': 'cancel-card-ok' } as ButtonProps}
      onOk={() => form.submit()}
      cancelText={t('common.cancel')}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('cards.cancel.warning')} description={left || undefined} />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="cancel-card-form">
        <Form.Item name="reason" label={t('cards.reason')} rules={[{ required: true, whitespace: true, message: t('cards.adjust.reasonRequired') }]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
