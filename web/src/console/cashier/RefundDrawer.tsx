// A refund at the counter: choose lines and quantities, see the server's quote — which tender
// gets what back, stored value and points returned, earned points clawed back (what the member
// already used is deducted) — and confirm exactly that quote. Products go back into stock.
import { Alert, App, Button, Drawer, Input, InputNumber, Radio, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, call } from '../../api/client';
import type { Order, OrderLine, RefundQuote } from '../../api/retail';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useAttemptKey } from './idempotency';
import { Kbd } from './Kbd';
import { METHOD_COLOR, kindName, methodName } from './labels';
import { yuan } from './money';

export function RefundDrawer(props: { order: Order; onClose(): void; onRefunded(order: Order): void }) {
  const t = useT();
  const { order } = props;
  const { message } = App.useApp();
  const showError = useApiError();
  const attempt = useAttemptKey();
  const [qty, setQty] = useState<Record<string, number>>({});
  const [moneyMethod, setMoneyMethod] = useState<'original' | 'cash'>('original');
  const [reason, setReason] = useState('');
  const [quote, setQuote] = useState<RefundQuote | null>(null);
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const [quoting, setQuoting] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [tick, setTick] = useState(0);

  const chosen = useMemo(() => Object.entries(qty).filter(([, q]) => q > 0).map(([lineId, quantity]) => ({ lineId, quantity })), [qty]);
  const key = JSON.stringify({ chosen, moneyMethod, tick });

  const seq = useRef(0);
  useEffect(() => {
    setQuote(null);
    setQuoteError(null);
    if (chosen.length === 0) return;
    const mine = ++seq.current;
    setQuoting(true);
    const timer = window.setTimeout(() => {
      call(api.POST('/api/v1/orders/{orderId}/refund-quote', { params: { path: { orderId: order.id } }, body: { lines: chosen, moneyMethod } }))
        .then((q) => mine === seq.current && setQuote(q))
        .catch((err) => mine === seq.current && setQuoteError(err instanceof ApiError ? err.message : t('error.network')))
        .finally(() => mine === seq.current && setQuoting(false));
    }, 200);
    return () => window.clearTimeout(timer);
  }, [key]);

  async function confirm() {
    if (!quote) return;
    const body = { lines: chosen, moneyMethod, reason: reason.trim() || null, quoteToken: quote.quoteToken };
    setCommitting(true);
    try {
      const r = await call(api.POST('/api/v1/orders/{orderId}/refunds', { params: { path: { orderId: order.id } }, body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      const refund = r.order.refunds.find((x) => x.id === r.refundId);
      message.success(t('refund.done', { no: refund?.refundNo ?? '', amount: yuan(refund?.total ?? quote.total) }));
      props.onRefunded(r.order);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'REFUND_QUOTE_STALE') {
        message.warning(err.message);
        setTick((x) => x + 1);
      } else showError(err);
    } finally {
      setCommitting(false);
    }
  }

  const refundable = (l: OrderLine) => l.quantity - l.refundedQuantity;
  const hasProducts = chosen.some((c) => order.lines.find((l) => l.id === c.lineId)?.kind === 'product');

  return (
    <Drawer
      open
      size={720}
      title={t('refund.title', { no: order.orderNo })}
      onClose={props.onClose}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Kbd>Esc</Kbd> {t('refund.keys')}
          </Typography.Text>
          <Space>
            <Button onClick={props.onClose}>{t('common.cancel')}</Button>
            <Button type="primary" danger disabled={!quote || quoting} loading={committing} onClick={() => void confirm()} data-testid="refund-confirm">
              {quote ? t('refund.confirm', { amount: yuan(quote.total) }) : t('refund.confirmPlain')}
            </Button>
          </Space>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('refund.intro')}</Typography.Paragraph>
      <Table<OrderLine>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={order.lines}
        data-testid="refund-lines"
        columns={[
          {
            title: t('cashier.cart.item'),
            dataIndex: 'name',
            render: (v: string, l) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                <Tag>{kindName(t, l.kind)}</Tag>
                {v}
              </span>
            ),
          },
          { title: t('refund.sold'), dataIndex: 'quantity', width: 60, align: 'right' },
          { title: t('refund.already'), dataIndex: 'refundedQuantity', width: 70, align: 'right', render: (v: number) => v || '—' },
          { title: t('orders.line.net'), dataIndex: 'netTotal', width: 100, align: 'right', render: (v: number) => yuan(v) },
          {
            title: t('refund.quantity'),
            key: 'qty',
            width: 170,
            render: (_, l) =>
              refundable(l) > 0 ? (
                <Space size={4}>
                  <InputNumber
                    aria-label={t('refund.quantityOf', { name: l.name })}
                    min={0}
                    max={refundable(l)}
                    precision={0}
                    value={qty[l.id] ?? 0}
                    onChange={(v) => setQty((q) => ({ ...q, [l.id]: typeof v === 'number' ? v : 0 }))}
                    style={{ width: 80 }}
                  />
                  <Button size="small" onClick={() => setQty((q) => ({ ...q, [l.id]: refundable(l) }))}>
                    {t('refund.all', { n: refundable(l) })}
                  </Button>
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('refund.none')}</Typography.Text>
              ),
          },
        ]}
      />
      <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }} size={12}>
        <Space wrap>
          <Typography.Text strong>{t('refund.moneyTo')}</Typography.Text>
          <Radio.Group
            optionType="button"
            value={moneyMethod}
            onChange={(e) => setMoneyMethod(e.target.value)}
            options={[
              { value: 'original', label: t('refund.method.original') },
              { value: 'cash', label: t('refund.method.cash') },
            ]}
          />
        </Space>
        <Input.TextArea aria-label={t('refund.reason')} placeholder={t('refund.reason.placeholder')} maxLength={500} autoSize={{ minRows: 2 }} value={reason} onChange={(e) => setReason(e.target.value)} />
        {chosen.length === 0 && <Alert type="info" showIcon title={t('refund.choose')} />}
        {quoteError && <Alert type="error" showIcon title={quoteError} data-testid="refund-error" />}
        {quoting && !quote && <Spin />}
        {quote && <QuoteView quote={quote} stock={hasProducts} />}
      </Space>
    </Drawer>
  );
}

function QuoteView({ quote, stock }: { quote: RefundQuote; stock: boolean }) {
  const t = useT();
  const row = (key: string, label: React.ReactNode, value: string, tone?: 'danger' | 'success') => (
    <div key={key} style={{ display: 'flex', justifyContent: 'space-between', padding: '3px 0' }}>
      <Typography.Text>{label}</Typography.Text>
      <Typography.Text type={tone}>{value}</Typography.Text>
    </div>
  );
  return (
    <div data-testid="refund-quote" style={{ background: '#fff7e6', border: '1px solid #ffd591', borderRadius: 10, padding: '12px 16px' }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('refund.quote')}
      </Typography.Title>
      {quote.lines.map((l) => row(`l${l.lineId}`, `${l.name} × ${l.quantity}`, yuan(l.amount)))}
      <div style={{ borderTop: '1px dashed #ffd591', margin: '6px 0' }} />
      {quote.money.map((m) => row(`m${m.tenderId}`, <Tag color={METHOD_COLOR[m.method]}>{methodName(t, m.method)}</Tag>, yuan(m.amount)))}
      {quote.storedValue.map((s) =>
        row(`s${s.tenderId}`, <Tag color={METHOD_COLOR.stored_value}>{methodName(t, 'stored_value')}</Tag>, s.bonus ? t('refund.svSplit', { principal: yuan(s.principal), bonus: yuan(s.bonus) }) : yuan(s.principal)),
      )}
      {quote.pointsReturned > 0 && row('pb', t('refund.pointsBack'), t('pay.points.count', { points: quote.pointsReturned.toLocaleString() }), 'success')}
      {quote.pointsClawback > 0 && row('pc', t('refund.pointsClawback'), `-${t('pay.points.count', { points: quote.pointsClawback.toLocaleString() })}`, 'danger')}
      {quote.shortfallDeduction > 0 && row('sf', t('refund.shortfall', { points: quote.pointsShortfall.toLocaleString() }), yuan(-quote.shortfallDeduction), 'danger')}
      {(quote.rechargeTakenBack.principal > 0 || quote.rechargeTakenBack.bonus > 0) &&
        row('rb', t('refund.rechargeBack'), t('refund.svSplit', { principal: yuan(quote.rechargeTakenBack.principal), bonus: yuan(quote.rechargeTakenBack.bonus) }), 'danger')}
      {quote.limits.map((l) => row(`x${l.lineId}`, t('refund.limit'), yuan(l.amount)))}
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', borderTop: '1px solid #ffd591', marginTop: 6, paddingTop: 6 }}>
        <Typography.Text strong>{t('refund.total')}</Typography.Text>
        <span data-testid="refund-total" style={{ fontSize: 24, fontWeight: 700, color: '#d4380d' }}>
          {yuan(quote.total)}
        </span>
      </div>
      {stock && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('refund.stockBack')}
        </Typography.Text>
      )}
    </div>
  );
}
