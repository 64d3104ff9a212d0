// One order: what was sold at which price, each pricing step, the tenders, the refunds so far;
// its receipt beside it, to reprint on any paper width; and the counter refund.
import { ArrowLeftOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api, call } from '../../api/client';
import type { Order, OrderLine } from '../../api/retail';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { useT } from '../i18n';
import { useLocale } from '../../i18n/locale';
import { useSession } from '../session';
import { receiptUrl } from './DoneModal';
import { METHOD_COLOR, kindName, methodName, orderStatus } from './labels';
import { discountLabel, yuan } from './money';
import { type PaperWidth, PrintControls, PrintFrame, type PrintFrameHandle, rememberWidth, rememberedWidth } from './ReceiptFrame';
import { RefundDrawer } from './RefundDrawer';

export default function OrderDetailPage() {
  const t = useT();
  const { locale } = useLocale();
  const { orderId } = useParams<{ orderId: string }>();
  const { can } = useSession();
  const showError = useApiError();
  const [order, setOrder] = useState<Order | null>(null);
  const [missing, setMissing] = useState(false);
  const [memberName, setMemberName] = useState<string | null>(null);
  const [width, setWidth] = useState<PaperWidth>(rememberedWidth);
  const [refunding, setRefunding] = useState(false);
  const [version, setVersion] = useState(0);
  const frame = useRef<PrintFrameHandle>(null);

  const load = useCallback(async () => {
    if (!orderId) return;
    try {
      setOrder(await call(api.GET('/api/v1/orders/{orderId}', { params: { path: { orderId } } })));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setMissing(true);
      else showError(err);
    }
  }, [orderId, showError]);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!order?.memberId || !can('member.read')) return;
    let live = true;
    call(api.GET('/api/v1/members/{memberId}', { params: { path: { memberId: order.memberId } } }))
      .then((m) => live && setMemberName(`${m.name} · ${m.memberNo}`))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [order?.memberId, can]);

  if (missing) return <Result status="404" title={t('orders.missing')} extra={<Link to="/orders">{t('orders.back')}</Link>} />;
  if (!order) return <Spin style={{ display: 'block', margin: 48 }} />;

  const st = orderStatus(t, order.status);
  const refundable = order.lines.some((l) => l.quantity > l.refundedQuantity);
  const tier = order.pricing.find((s) => s.step === 'tier');
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 380px', gap: 16, alignItems: 'start' }}>
      <Card
        title={
          <Space>
            <Link to="/orders" aria-label={t('orders.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="order-no">{order.orderNo}</span>
            <Tag color={st.color} data-testid="order-status">
              {st.label}
            </Tag>
          </Space>
        }
        extra={
          can('order.refund') && (
            <Button icon={<RollbackOutlined />} disabled={!refundable} onClick={() => setRefunding(true)} data-testid="refund-open">
              {t('refund.open')}
            </Button>
          )
        }
      >
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'time', label: t('orders.time'), children: formatTime(order.createdAt, true) },
            { key: 'member', label: t('orders.member'), children: order.memberId ? (memberName ?? t('orders.memberSale')) : t('cashier.member.walkIn') },
            { key: 'cashier', label: t('orders.cashier'), children: order.createdByName ?? '—' },
            { key: 'date', label: t('orders.businessDate'), children: order.businessDate },
            { key: 'earned', label: t('done.earned'), children: order.memberId ? order.pointsEarned.toLocaleString() : '—' },
            { key: 'note', label: t('orders.note'), children: order.note ?? '—' },
          ]}
          style={{ marginBottom: 16 }}
        />
        <Table<OrderLine>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={order.lines}
          scroll={{ x: 900 }}
          data-testid="order-lines"
          columns={[
            { title: '#', dataIndex: 'lineNo', width: 40 },
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
            { title: t('cashier.cart.price'), dataIndex: 'unitPrice', align: 'right', width: 100, render: (v: number) => yuan(v) },
            { title: t('cashier.cart.qty'), dataIndex: 'quantity', align: 'right', width: 60 },
            { title: t('orders.line.list'), dataIndex: 'listTotal', align: 'right', width: 100, render: (v: number) => yuan(v) },
            { title: t('cashier.cart.tierDiscount'), dataIndex: 'tierDiscount', align: 'right', width: 100, render: (v: number) => (v ? yuan(-v) : '—') },
            { title: t('orders.line.points'), dataIndex: 'pointsDiscount', align: 'right', width: 100, render: (v: number) => (v ? yuan(-v) : '—') },
            { title: t('orders.line.net'), dataIndex: 'netTotal', align: 'right', width: 100, render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text> },
            {
              title: t('orders.line.refunded'),
              key: 'refunded',
              align: 'right',
              width: 110,
              render: (_, l) => (l.refundedQuantity ? <Typography.Text type="danger">{`${l.refundedQuantity} · ${yuan(l.refundedAmount)}`}</Typography.Text> : '—'),
            },
          ]}
        />
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 24, marginTop: 16 }}>
          <div>
            <Typography.Title level={5}>{t('orders.pricing')}</Typography.Title>
            <Sum label={t('orders.listTotal')} value={yuan(order.listTotal)} />
            {order.tierDiscount > 0 && (
              <Sum
                label={t('cashier.sum.tier', { tier: tier && tier.step === 'tier' ? (tier.tierName ?? '') : '', rate: tier && tier.step === 'tier' ? discountLabel(tier.rateBp, locale) : '' })}
                value={yuan(-order.tierDiscount)}
                danger
              />
            )}
            {order.couponDiscount > 0 && <Sum label={t('cashier.sum.coupon')} value={yuan(-order.couponDiscount)} danger />}
            {order.pointsUsed > 0 && <Sum label={t('cashier.sum.points', { points: order.pointsUsed.toLocaleString() })} value={yuan(-order.pointsValue)} danger />}
            <Sum label={t('cashier.sum.due')} value={yuan(order.payable)} strong />
            {order.changeGiven > 0 && <Sum label={t('pay.change')} value={yuan(order.changeGiven)} />}
          </div>
          <div>
            <Typography.Title level={5}>{t('orders.tenders')}</Typography.Title>
            {order.tenders.map((x) => (
              <Sum
                key={x.id}
                label={
                  <span>
                    <Tag color={METHOD_COLOR[x.method]}>{methodName(t, x.method)}</Tag>
                    {x.reference && <Typography.Text type="secondary">{x.reference}</Typography.Text>}
                  </span>
                }
                value={`${yuan(x.amount)}${x.refundedAmount ? ` (${t('orders.refunded', { amount: yuan(x.refundedAmount) })})` : ''}`}
              />
            ))}
          </div>
        </div>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('orders.refunds')}
        </Typography.Title>
        {order.refunds.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.noRefunds')} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={order.refunds}
            data-testid="order-refunds"
            columns={[
              { title: t('refund.no'), dataIndex: 'refundNo' },
              { title: t('orders.time'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
              { title: t('refund.total'), dataIndex: 'total', align: 'right', render: (v: number) => yuan(v) },
              {
                title: t('refund.to'),
                key: 'payments',
                render: (_, r) => r.payments.map((p, i) => <Tag key={i}>{`${methodName(t, p.method)} ${p.method === 'points' ? p.points.toLocaleString() : yuan(p.amount)}`}</Tag>),
              },
              { title: t('refund.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
              { title: t('orders.cashier'), dataIndex: 'createdByName', render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
      </Card>
      <Card title={t('orders.receipt')} extra={null} styles={{ body: { display: 'grid', gap: 12 } }}>
        <PrintControls
          width={width}
          onWidth={(w) => {
            setWidth(w);
            rememberWidth(w);
          }}
          onPrint={() => frame.current?.print()}
          printLabel={t('done.reprint')}
        />
        <PrintFrame key={version} handleRef={frame} testId="receipt-frame" title={t('orders.receipt')} src={receiptUrl(order.id, width, true)} width={width} height={620} />
      </Card>
      {refunding && (
        <RefundDrawer
          order={order}
          onClose={() => setRefunding(false)}
          onRefunded={(next) => {
            setOrder(next);
            setRefunding(false);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </div>
  );
}

function Sum(props: { label: React.ReactNode; value: string; strong?: boolean; danger?: boolean }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', padding: '3px 0', borderTop: props.strong ? '1px dashed #d9d9d9' : undefined }}>
      <Typography.Text strong={props.strong}>{props.label}</Typography.Text>
      <Typography.Text strong={props.strong} type={props.danger ? 'danger' : undefined}>
        {props.value}
      </Typography.Text>
    </div>
  );
}
