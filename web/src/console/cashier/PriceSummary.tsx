// The price of the basket step by step, as the server priced it: items at list price → member
// prices → tier discount → points → what is due, and the points the member will earn.
import { Alert, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CheckoutQuote } from '../../api/retail';
import { useLocale } from '../../i18n/locale';
import { useT } from '../i18n';
import { discountLabel, yuan } from './money';

export function priceBreakdown(q: CheckoutQuote) {
  const items = q.lines.reduce((s, l) => s + l.listUnitPrice * l.quantity, 0);
  const memberSavings = q.lines.reduce((s, l) => s + (l.priceSource === 'member' ? (l.listUnitPrice - l.unitPrice) * l.quantity : 0), 0);
  const overrides = q.lines.reduce((s, l) => s + (l.priceSource === 'override' ? (l.listUnitPrice - l.unitPrice) * l.quantity : 0), 0);
  const tier = q.steps.find((s) => s.step === 'tier');
  const coupon = q.steps.find((s) => s.step === 'coupon');
  const points = q.steps.find((s) => s.step === 'points');
  return {
    items,
    memberSavings,
    overrides,
    tier: tier && tier.step === 'tier' ? tier : null,
    coupon: coupon && coupon.step === 'coupon' ? coupon.discount : 0,
    points: points && points.step === 'points' ? points : null,
  };
}

function Row(props: { label: ReactNode; value: string; tone?: 'discount' | 'muted'; testId?: string }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', padding: '3px 0', fontSize: 14 }} data-testid={props.testId}>
      <Typography.Text type={props.tone === 'muted' ? 'secondary' : undefined}>{props.label}</Typography.Text>
      <Typography.Text type={props.tone === 'discount' ? 'danger' : props.tone === 'muted' ? 'secondary' : undefined}>{props.value}</Typography.Text>
    </div>
  );
}

export function PriceSummary(props: { quote: CheckoutQuote | null; quoting: boolean; error: string | null; empty: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const q = props.quote;
  if (props.empty) {
    return (
      <div style={{ padding: '8px 0' }}>
        <Row label={t('cashier.sum.items')} value={yuan(0)} tone="muted" />
        <Due amount={0} label={t('cashier.sum.due')} />
      </div>
    );
  }
  const b = q ? priceBreakdown(q) : null;
  return (
    <Spin spinning={props.quoting && !!q} delay={200}>
      {props.error && <Alert type="error" showIcon title={props.error} style={{ marginBottom: 8 }} data-testid="quote-error" />}
      {b && q && (
        <div data-testid="price-steps">
          <Row label={t('cashier.sum.items')} value={yuan(b.items)} testId="step-items" />
          {b.memberSavings > 0 && <Row label={t('cashier.sum.memberPrice')} value={yuan(-b.memberSavings)} tone="discount" testId="step-member" />}
          {b.overrides !== 0 && <Row label={t('cashier.sum.override')} value={yuan(-b.overrides)} tone="discount" />}
          {b.tier && b.tier.discount > 0 && (
            <Row
              label={t('cashier.sum.tier', { tier: b.tier.tierName ?? '', rate: discountLabel(b.tier.rateBp, locale) })}
              value={yuan(-b.tier.discount)}
              tone="discount"
              testId="step-tier"
            />
          )}
          {b.coupon > 0 && <Row label={t('cashier.sum.coupon')} value={yuan(-b.coupon)} tone="discount" />}
          {b.points && b.points.points > 0 && (
            <Row label={t('cashier.sum.points', { points: b.points.points.toLocaleString() })} value={yuan(-b.points.value)} tone="discount" testId="step-points" />
          )}
          <Due amount={q.payable} label={t('cashier.sum.due')} />
          {q.memberId && (
            <Row label={t('cashier.sum.earn')} value={t('cashier.sum.earnPoints', { points: q.pointsToEarn.toLocaleString() })} tone="muted" testId="step-earn" />
          )}
        </div>
      )}
      {!q && !props.error && <Spin style={{ display: 'block', margin: 16 }} />}
    </Spin>
  );
}

function Due(props: { amount: number; label: string }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', borderTop: '1px dashed #d9d9d9', marginTop: 8, paddingTop: 8 }}>
      <Typography.Text strong style={{ fontSize: 16 }}>
        {props.label}
      </Typography.Text>
      <span data-testid="due" style={{ fontSize: 34, fontWeight: 700, color: '#cf1322', fontVariantNumeric: 'tabular-nums' }}>
        {yuan(props.amount)}
      </span>
    </div>
  );
}
