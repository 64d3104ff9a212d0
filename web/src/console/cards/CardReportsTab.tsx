// Card reports (card.report) for a period (default: this month to today): revenue recognised per
// store (consumption, expiry write-offs, refunds kept, cancellations), inter-store settlement per
// store pair with the net each owes the other, and the expired sessions written off.
import { Card, DatePicker, Empty, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { ResponseOf } from '../../api/types';
import { yuan } from '../cashier/money';
import { useApiError } from '../errors';
import { useT } from '../i18n';

type Revenue = ResponseOf<'/api/v1/card-reports/revenue', 'get'>;
type Settlements = ResponseOf<'/api/v1/card-reports/settlements', 'get'>;
type Writeoffs = ResponseOf<'/api/v1/card-reports/write-offs', 'get'>;

export function CardReportsTab() {
  const t = useT();
  const showError = useApiError();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [data, setData] = useState<{ revenue: Revenue; settlements: Settlements; writeoffs: Writeoffs } | null>(null);

  useEffect(() => {
    let live = true;
    const query = range ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : {};
    Promise.all([
      call(api.GET('/api/v1/card-reports/revenue', { params: { query } })),
      call(api.GET('/api/v1/card-reports/settlements', { params: { query } })),
      call(api.GET('/api/v1/card-reports/write-offs', { params: { query } })),
    ])
      .then(([revenue, settlements, writeoffs]) => live && setData({ revenue, settlements, writeoffs }))
      .catch((err) => live && showError(err));
    return () => {
      live = false;
    };
  }, [range?.[0].format('YYYY-MM-DD'), range?.[1].format('YYYY-MM-DD')]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="card-reports">
      <Space>
        <DatePicker.RangePicker
          value={range ?? (data ? [dayjs(data.revenue.from), dayjs(data.revenue.to)] : null)}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
          allowClear={false}
          aria-label={t('cards.report.period')}
        />
      </Space>
      <Card size="small" title={t('cards.report.revenue')} extra={data && <Typography.Text strong data-testid="card-revenue-total">{yuan(data.revenue.total)}</Typography.Text>}>
        <Table
          rowKey="storeId"
          size="small"
          pagination={false}
          loading={!data}
          dataSource={data?.revenue.stores ?? []}
          data-testid="card-revenue"
          columns={[
            { title: t('cards.report.store'), dataIndex: 'storeName' },
            { title: t('cards.report.consumption'), dataIndex: 'consumption', align: 'right', render: (v: number) => yuan(v) },
            { title: t('cards.report.expiry'), dataIndex: 'expiry', align: 'right', render: (v: number) => yuan(v) },
            { title: t('cards.report.refundRetained'), dataIndex: 'refundRetained', align: 'right', render: (v: number) => yuan(v) },
            { title: t('cards.report.cancel'), dataIndex: 'cancel', align: 'right', render: (v: number) => yuan(v) },
            { title: t('cards.report.total'), dataIndex: 'total', align: 'right', render: (v: number) => <strong>{yuan(v)}</strong> },
          ]}
        />
      </Card>
      <Card size="small" title={t('cards.report.settlements')}>
        {data && data.settlements.pairs.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cards.report.noSettlements')} />
        ) : (
          <>
            <Table
              rowKey={(r) => `${r.issuingStoreId}-${r.consumingStoreId}`}
              size="small"
              pagination={false}
              loading={!data}
              dataSource={data?.settlements.pairs ?? []}
              columns={[
                { title: t('cards.report.issuing'), dataIndex: 'issuingStoreName' },
                { title: t('cards.report.consuming'), dataIndex: 'consumingStoreName' },
                { title: t('cards.report.uses'), dataIndex: 'uses', align: 'right' },
                { title: t('cards.report.owed'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
              ]}
            />
            {data?.settlements.net.map((n) => (
              <Typography.Paragraph key={`${n.storeA}-${n.storeB}`} style={{ margin: '8px 0 0' }}>
                {n.amount >= 0 ? t('cards.report.net', { a: n.storeAName, b: n.storeBName, amount: yuan(n.amount) }) : t('cards.report.net', { a: n.storeBName, b: n.storeAName, amount: yuan(-n.amount) })}
              </Typography.Paragraph>
            ))}
          </>
        )}
      </Card>
      <Card size="small" title={t('cards.report.writeoffs')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          loading={!data}
          dataSource={data?.writeoffs.items ?? []}
          locale={{ emptyText: t('cards.report.noWriteoffs') }}
          columns={[
            { title: t('cards.sold.cardNo'), dataIndex: 'cardNo' },
            { title: t('cards.field.name'), dataIndex: 'cardName' },
            { title: t('cards.sold.member'), dataIndex: 'memberName', render: (v: string | null) => v ?? '—' },
            { title: t('cards.report.sessions'), dataIndex: 'sessions', align: 'right' },
            { title: t('cards.report.value'), dataIndex: 'value', align: 'right', render: (v: number) => yuan(v) },
          ]}
        />
      </Card>
    </div>
  );
}
