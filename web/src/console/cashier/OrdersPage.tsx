// Orders (order.read): today's orders of the store by default, found by order number — the
// receipt's QR code carries it, so scanning a receipt opens its order — by date, status or
// member (?memberId=, for links from a member's page).
import { BarcodeOutlined } from '@ant-design/icons';
import { App, Card, DatePicker, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import type { Order } from '../../api/retail';
import { CursorPagination, useCursorList } from '../components/CursorPager';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { useT } from '../i18n';
import { useSession } from '../session';
import { METHOD_COLOR, methodName, orderStatus } from './labels';
import { yuan } from './money';

const PAGE_SIZE = 30;
type Status = NonNullable<Order['status']>;

export default function OrdersPage() {
  const t = useT();
  const navigate = useNavigate();
  const { currentStore } = useSession();
  const showError = useApiError();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const memberId = params.get('memberId') ?? undefined;
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(memberId ? null : [dayjs(), dayjs()]);
  const [status, setStatus] = useState<Status | undefined>();
  const [thisStore, setThisStore] = useState(!memberId);
  const [orderNo, setOrderNo] = useState('');

  const list = useCursorList<Order>(
    (cursor) =>
      call(
        api.GET('/api/v1/orders', {
          params: {
            query: {
              limit: PAGE_SIZE,
              cursor,
              memberId,
              status,
              storeId: thisStore ? currentStore?.id : undefined,
              from: range?.[0].format('YYYY-MM-DD'),
              to: range?.[1].format('YYYY-MM-DD'),
            },
          },
        }),
      ),
    [memberId, status, thisStore, currentStore?.id, range?.[0].format('YYYY-MM-DD'), range?.[1].format('YYYY-MM-DD')],
  );

  async function findByNumber() {
    const no = orderNo.trim();
    if (!no) return;
    try {
      const r = await call(api.GET('/api/v1/orders', { params: { query: { orderNo: no, limit: 2 } } }));
      if (r.items.length === 0) message.warning({ content: t('orders.notFound', { no }), key: 'order-no' });
      else navigate(`/orders/${r.items[0].id}`);
    } catch (err) {
      showError(err);
    }
  }

  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          autoFocus
          allowClear
          size="large"
          prefix={<BarcodeOutlined />}
          style={{ width: 320 }}
          aria-label={t('orders.findNo')}
          placeholder={t('orders.findNo.placeholder')}
          value={orderNo}
          onChange={(e) => setOrderNo(e.target.value)}
          onPressEnter={() => void findByNumber()}
          data-testid="order-no-search"
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} allowClear aria-label={t('orders.dates')} />
        <Select<Status>
          allowClear
          placeholder={t('orders.status')}
          aria-label={t('orders.status')}
          style={{ width: 150 }}
          value={status}
          onChange={setStatus}
          options={(['paid', 'partially_refunded', 'refunded'] as const).map((s) => ({ value: s, label: orderStatus(t, s).label }))}
        />
        <Space size={6}>
          <Switch size="small" checked={thisStore} onChange={setThisStore} aria-label={t('orders.thisStore')} />
          <Typography.Text>{t('orders.thisStore')}</Typography.Text>
        </Space>
        {memberId && <Tag closable onClose={() => navigate('/orders')}>{t('orders.ofMember')}</Tag>}
      </Space>
      <Table<Order>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1150 }}
        onRow={(o) => ({ onClick: () => navigate(`/orders/${o.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('orders.no'), dataIndex: 'orderNo', width: 190, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('orders.time'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
          { title: t('orders.member'), dataIndex: 'memberId', width: 80, render: (v: string | null) => (v ? <Tag color="blue">{t('orders.memberSale')}</Tag> : <Tag>{t('cashier.member.walkIn')}</Tag>) },
          {
            title: t('orders.items'),
            key: 'items',
            ellipsis: true,
            render: (_, o) => o.lines.map((l) => `${l.name}${l.quantity > 1 ? ` ×${l.quantity}` : ''}`).join(t('common.listSep')),
          },
          { title: t('orders.payable'), dataIndex: 'payable', width: 120, align: 'right', render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text> },
          {
            title: t('orders.tenders'),
            key: 'tenders',
            width: 200,
            render: (_, o) =>
              o.tenders.map((x) => (
                <Tag key={x.id} color={METHOD_COLOR[x.method]} style={{ marginBottom: 2 }}>
                  {methodName(t, x.method)}
                </Tag>
              )),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: string, o) => {
              const st = orderStatus(t, s);
              return (
                <Space size={2} orientation="vertical">
                  <Tag color={st.color}>{st.label}</Tag>
                  {o.refundedTotal > 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('orders.refunded', { amount: yuan(o.refundedTotal) })}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
          { title: t('orders.cashier'), dataIndex: 'createdByName', width: 110, render: (v: string | null) => v ?? '—' },
        ]}
      />
      <CursorPagination list={list} />
    </Card>
  );
}
