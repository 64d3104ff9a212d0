// Stored-value refund (储值退款): the server quotes it — principal paid in and consumed, the
// bonus that is forfeited, any fee, the amount back — the desk confirms it with the member, and
// only then is it paid out, exactly as quoted (the quote token must still match; when the
// balance moved meanwhile the dialog shows the new quote and asks again).
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Space, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError, api, call } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { useAttemptKey } from '../cashier/idempotency';
import { methodName } from '../cashier/labels';
import { yuan } from '../cashier/money';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import type { Member } from '../members/types';
import { useSession } from '../session';
import { onEnterSubmit } from './keys';

type Quote = ResponseOf<'/api/v1/members/{memberId}/stored-value/refund-quote', 'post'>;
const METHODS = ['cash', 'wechat', 'alipay', 'bank_card', 'other'] as const;
type Method = (typeof METHODS)[number];

export function RefundQuoteModal(props: { open: boolean; member: Member; onClose(): void; onDone(): void }) {
  const t = useT();
  const { currentStore } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const attempt = useAttemptKey();
  const [quote, setQuote] = useState<Quote | null>(null);
  const [stale, setStale] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [method, setMethod] = useState<Method>('cash');
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  async function loadQuote() {
    try {
      setQuote(await call(api.POST('/api/v1/members/{memberId}/stored-value/refund-quote', { params: { path: { memberId: props.member.id } } })));
    } catch (err) {
      showError(err);
    }
  }

  useEffect(() => {
    if (!props.open) return;
    setQuote(null);
    setStale(false);
    setAgreed(false);
    setMethod('cash');
    setReference('');
    setReason('');
    attempt.reset();
    void loadQuote();
  }, [props.open]);

  const storeId = currentStore?.id ?? null;
  const ready = !!quote && quote.refundAmount > 0 && agreed && !!storeId && !busy;

  async function confirm() {
    if (!quote || !storeId) return;
    if (!agreed) {
      message.warning({ content: t('svRefund.confirm.required'), key: 'sv-refund-agree' });
      return;
    }
    const body = { storeId, quoteToken: quote.quoteToken, method, ...(reference.trim() ? { reference: reference.trim() } : {}), reason: reason.trim() || null };
    setBusy(true);
    try {
      const r = await call(
        api.POST('/api/v1/members/{memberId}/stored-value/refunds', { params: { path: { memberId: props.member.id } }, body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }),
      );
      message.success(t('svRefund.done', { amount: yuan(r.moneyTotal), refundNo: r.refundNo }));
      props.onDone();
    } catch (err) {
      if (err instanceof ApiError && /QUOTE_STALE/.test(err.code)) {
        // The balance moved since the member agreed: show the new figures and ask again.
        setStale(true);
        setAgreed(false);
        await loadQuote();
      } else showError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title={t('svRefund.title', { name: props.member.name })}
      onCancel={props.onClose}
      destroyOnHidden
      width={560}
      mask={{ closable: false }}
      footer={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" danger disabled={!ready} loading={busy} onClick={() => void confirm()} data-testid="sv-refund-confirm">
            {t('svRefund.submit', { amount: yuan(quote?.refundAmount ?? 0) })}
          </Button>
        </Space>
      }
    >
      {!quote ? (
        <Spin style={{ display: 'block', margin: 32 }} />
      ) : (
        <div onKeyDown={onEnterSubmit(() => void confirm())} data-testid="sv-refund-dialog">
          {stale && <Alert type="warning" showIcon title={t('svRefund.stale')} style={{ marginBottom: 12 }} data-testid="sv-refund-stale" />}
          <div style={{ display: 'grid', gap: 4, background: '#f6f8fb', borderRadius: 10, padding: '12px 16px', marginBottom: 16, fontVariantNumeric: 'tabular-nums' }}>
            <Row label={t('svRefund.paid')} value={yuan(quote.paid)} testId="q-paid" />
            <Row label={t('svRefund.consumed')} value={yuan(-quote.consumed)} testId="q-consumed" />
            {quote.frozen > 0 && <Row label={t('svRefund.frozen')} value={yuan(-quote.frozen)} testId="q-frozen" />}
            <Row label={t('svRefund.refundable')} value={yuan(quote.refundablePrincipal)} testId="q-refundable" strong />
            <Row label={t('svRefund.fee')} value={yuan(-quote.fee)} testId="q-fee" />
            <Row label={t('svRefund.bonusForfeited')} value={yuan(quote.bonusForfeited)} testId="q-bonus" danger />
            <div style={{ borderTop: '1px solid #e5e7eb', margin: '6px 0' }} />
            <Row
              label={t('svRefund.amount')}
              value={
                <span style={{ fontSize: 26, fontWeight: 700, color: '#cf1322' }} data-testid="q-amount">
                  {yuan(quote.refundAmount)}
                </span>
              }
            />
          </div>
          {quote.refundAmount <= 0 ? (
            <Alert type="info" showIcon title={t('svRefund.nothing')} />
          ) : (
            <Form layout="vertical" component="div">
              <Form.Item label={t('svRefund.method')}>
                <Radio.Group value={method} onChange={(e) => setMethod(e.target.value)} optionType="button" options={METHODS.map((m) => ({ value: m, label: methodName(t, m) }))} />
              </Form.Item>
              {method !== 'cash' && (
                <Form.Item label={t('recharge.reference')}>
                  <Input maxLength={64} value={reference} onChange={(e) => setReference(e.target.value)} aria-label={t('recharge.reference')} />
                </Form.Item>
              )}
              <Form.Item label={t('svRefund.reason')}>
                <Input maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t('svRefund.reason')} autoFocus />
              </Form.Item>
              <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)} data-testid="sv-refund-agree">
                {t('svRefund.confirm')}
              </Checkbox>
            </Form>
          )}
        </div>
      )}
    </Modal>
  );
}

function Row(props: { label: string; value: ReactNode; testId?: string; strong?: boolean; danger?: boolean }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
      <Typography.Text type="secondary">{props.label}</Typography.Text>
      <Typography.Text strong={props.strong} type={props.danger ? 'danger' : undefined} data-testid={props.testId}>
        {props.value}
      </Typography.Text>
    </div>
  );
}
