// Refund a card by its formula: the quote (paid, used, deduction, fee) is confirmed as quoted.
import { Alert, type ButtonProps, Checkbox, Descriptions, Input, Modal, Radio, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { yuan } from '../../cashier/money';
import { useAssetSubmit } from '../../components/useAssetSubmit';
import { useApiError } from '../../errors';
import { useT } from '../../i18n';
import type { CardRefundQuote } from '../types';
import type { DialogProps } from './shared';

export function RefundDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const showError = useApiError();
  const { saving, submit: send } = useAssetSubmit();
  const [moneyMethod, setMoneyMethod] = useState<'original' | 'cash'>('original');
  const [quote, setQuote] = useState<CardRefundQuote | null>(null);
  const [failed, setFailed] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [reason, setReason] = useState('');

  useEffect(() => {
    setQuote(null);
    setConfirmed(false);
    let live = true;
    call(api.POST('/api/v1/member-cards/{cardId}/refund-quote', { params: { path: { cardId: card.id } }, body: { moneyMethod } }))
      .then((q) => {
        if (live) {
          setQuote(q);
          setFailed(false);
        }
      })
      .catch((err) => {
        if (!live) return;
        setFailed(true);
        showError(err);
      });
    return () => {
      live = false;
    };
  }, [moneyMethod]);

  async function submit() {
    if (!quote || !confirmed) return;
    const body = { quoteToken: quote.quoteToken, moneyMethod, reason: reason.trim() || null };
    const amount = quote.amount;
    const r = await send(body, (headers) => call(api.POST('/api/v1/member-cards/{cardId}/refunds', { params: { path: { cardId: card.id } }, body, headers })));
    if (r) onDone(r.card, t('cards.refund.done', { amount: yuan(amount) }));
  }

  const unit = quote?.basis === 'days' ? t('cards.unit.day') : t('cards.unit.session');
  return (
    <Modal
      open
      width={600}
      title={t('cards.refund.title', { name: card.name })}
      onCancel={onClose}
      okText={quote ? t('cards.refund.confirm', { amount: yuan(quote.amount) }) : t('cards.refund.confirmPlain')}
      okButtonProps={{ danger: true, disabled: !quote || !confirmed, loading: saving, 'data-testid': 'refund-ok' } as ButtonProps}
      onOk={() => void submit()}
      cancelText={t('common.cancel')}
    >
      {!quote && !failed && <Spin style={{ display: 'block', margin: 24 }} />}
      {failed && !quote && <Alert type="error" showIcon title={t('cards.refund.quoteFailed')} />}
      {quote && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="refund-quote">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('cards.refund.formula')} span={2}>
              {t(FORMULA_LABEL[quote.formula])}
            </Descriptions.Item>
            <Descriptions.Item label={t('cards.refund.paid')}>
              <span data-testid="refund-paid">{yuan(quote.paid)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cards.refund.used')}>{t('cards.refund.usedOf', { used: quote.used, total: quote.total, unit })}</Descriptions.Item>
            <Descriptions.Item label={t('cards.refund.deduction')}>
              <span data-testid="refund-deduction">{yuan(-quote.deduction)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cards.refund.fee')}>{yuan(-quote.fee)}</Descriptions.Item>
            <Descriptions.Item label={t('cards.refund.amount')} span={2}>
              <Typography.Text strong style={{ fontSize: 18 }} data-testid="refund-amount">
                {yuan(quote.amount)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
                {t('cards.refund.split', { money: yuan(quote.moneyTotal), sv: yuan(quote.storedValueTotal) })}
              </Typography.Text>
            </Descriptions.Item>
            {quote.sessionsForfeited !== null && (
              <Descriptions.Item label={t('cards.refund.forfeited')} span={2}>
                {quote.sessionsForfeited}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Radio.Group value={moneyMethod} onChange={(e) => setMoneyMethod(e.target.value)} options={[{ value: 'original', label: t('refund.method.original') }, { value: 'cash', label: t('refund.method.cash') }]} />
          {quote.terms.length > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 20, fontSize: 12, color: '#595959' }}>
              {quote.terms.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          )}
          <Input maxLength={500} placeholder={t('cards.reason.optional')} value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t('cards.reason.optional')} />
          <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="refund-confirm">
            {t('cards.refund.check', { amount: yuan(quote.amount) })}
          </Checkbox>
        </div>
      )}
    </Modal>
  );
}

const FORMULA_LABEL = { proportional: 'cards.formula.proportional', package_unit_price: 'cards.formula.package_unit_price', list_price_capped: 'cards.formula.list_price_capped' } as const;
