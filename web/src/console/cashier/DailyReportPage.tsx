// The daily cashier report of a store (report.cashier): sales, refunds and what was taken net,
// per tender, the discounts given step by step, sales by kind and the top items — as figures
// and charts — and the printable page (A4 or thermal paper) the server lays out.
import { LeftOutlined, PrinterOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Modal, Row, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import type { DailyReport } from '../../api/retail';
import { storeOptions, useOrgOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { Chart, type ChartOption, PALETTE, axisYuan } from './Chart';
import { kindName, methodName } from './labels';
import { yuan } from './money';
import { type PaperWidth, PrintControls, PrintFrame, type PrintFrameHandle } from './ReceiptFrame';

export default function DailyReportPage() {
  const t = useT();
  const { currentStore } = useSession();
  const { stores } = useOrgOptions();
  const showError = useApiError();
  const [storeId, setStoreId] = useState<string | undefined>(currentStore?.id);
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [report, setReport] = useState<DailyReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [width, setWidth] = useState<PaperWidth>('a4');
  const frame = useRef<PrintFrameHandle>(null);
  const day = date.format('YYYY-MM-DD');

  useEffect(() => {
    if (!storeId) return;
    let live = true;
    setLoading(true);
    call(api.GET('/api/v1/reports/cashier-daily', { params: { query: { storeId, date: day } } }))
      .then((r) => live && setReport(r))
      .catch((err) => live && showError(err))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [storeId, day, showError]);

  const tenderChart = useMemo<ChartOption | null>(() => {
    if (!report || report.tenders.length === 0) return null;
    const ts = report.tenders;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `¥${axisYuan(v)}` },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: ts.map((x) => methodName(t, x.method)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => axisYuan(v) } },
      series: [
        { name: t('report.sales'), type: 'bar', data: ts.map((x) => x.sales), itemStyle: { color: PALETTE[0] }, barMaxWidth: 36 },
        { name: t('report.refunds'), type: 'bar', data: ts.map((x) => x.refunds), itemStyle: { color: '#ff7875' }, barMaxWidth: 36 },
      ],
    };
  }, [report, t]);

  const topChart = useMemo<ChartOption | null>(() => {
    if (!report || report.topItems.length === 0) return null;
    const items = [...report.topItems].slice(0, 10).reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `¥${axisYuan(v)}` },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => axisYuan(v) } },
      yAxis: { type: 'category', data: items.map((i) => `${i.name} ×${i.quantity}`), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ name: t('report.net'), type: 'bar', data: items.map((i) => i.netTotal), itemStyle: { color: PALETTE[0] }, barMaxWidth: 22 }],
    };
  }, [report, t]);

  const discountChart = useMemo<ChartOption | null>(() => {
    if (!report || report.discounts.total === 0) return null;
    const d = report.discounts;
    const parts = [
      { name: t('report.discount.memberPrice'), value: d.memberPrice },
      { name: t('report.discount.tier'), value: d.tier },
      { name: t('report.discount.coupon'), value: d.coupon },
      { name: t('report.discount.points'), value: d.points },
    ].filter((p) => p.value > 0);
    return {
      tooltip: { trigger: 'item', valueFormatter: (v: number) => `¥${axisYuan(v)}` },
      legend: { bottom: 0 },
      color: PALETTE.slice(2),
      series: [{ type: 'pie', radius: ['36%', '60%'], center: ['50%', '45%'], label: { formatter: '{b}\n{d}%', overflow: 'break', width: 110 }, data: parts }],
    };
  }, [report, t]);

  const kindChart = useMemo<ChartOption | null>(() => {
    if (!report || report.byKind.length === 0) return null;
    return {
      tooltip: { trigger: 'item', valueFormatter: (v: number) => `¥${axisYuan(v)}` },
      legend: { bottom: 0 },
      color: PALETTE,
      series: [{ type: 'pie', radius: ['36%', '60%'], center: ['50%', '45%'], label: { formatter: '{b}\n{d}%', overflow: 'break', width: 110 }, data: report.byKind.map((k) => ({ name: kindName(t, k.kind), value: k.netTotal })) }],
    };
  }, [report, t]);

  const printSrc = storeId ? `/api/v1/reports/cashier-daily.html?storeId=${storeId}&date=${day}&width=${width}` : '';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <Select
            aria-label={t('report.store')}
            style={{ width: 220 }}
            value={storeId}
            onChange={setStoreId}
            showSearch={{ optionFilterProp: 'label' }}
            options={storeOptions(t, stores)}
          />
          <Space.Compact>
            <Button icon={<LeftOutlined />} aria-label={t('report.prevDay')} onClick={() => setDate((d) => d.subtract(1, 'day'))} />
            <DatePicker value={date} allowClear={false} onChange={(d) => d && setDate(d)} aria-label={t('report.date')} />
            <Button icon={<RightOutlined />} aria-label={t('report.nextDay')} disabled={!date.isBefore(dayjs(), 'day')} onClick={() => setDate((d) => d.add(1, 'day'))} />
          </Space.Compact>
          <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} disabled={!report}>
            {t('report.print')}
          </Button>
        </Space>
      </Card>
      {loading && !report ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : !report ? (
        <Empty />
      ) : (
        <Spin spinning={loading}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="daily-report">
            <Row gutter={[16, 16]}>
              <Col xs={12} lg={4}>
                <Card><Statistic title={t('report.salesTotal')} value={yuan(report.sales.payable)} data-testid="report-sales" /></Card>
              </Col>
              <Col xs={12} lg={4}>
                <Card><Statistic title={t('report.orders')} value={report.sales.orderCount} suffix={t('report.ordersMember', { n: report.sales.memberOrderCount })} styles={{ suffix: { fontSize: 13, color: '#8c8c8c' } }} /></Card>
              </Col>
              <Col xs={12} lg={4}>
                <Card><Statistic title={t('report.average')} value={yuan(report.sales.averageOrder)} /></Card>
              </Col>
              <Col xs={12} lg={4}>
                <Card><Statistic title={t('report.refunds')} value={yuan(report.refunds.total)} suffix={t('report.refundCount', { n: report.refunds.count })} styles={{ content: { color: report.refunds.total ? '#cf1322' : undefined }, suffix: { fontSize: 13, color: '#8c8c8c' } }} /></Card>
              </Col>
              <Col xs={12} lg={4}>
                <Card><Statistic title={t('report.discounts')} value={yuan(report.discounts.total)} /></Card>
              </Col>
              <Col xs={12} lg={4}>
                <Card><Statistic title={t('report.net')} value={yuan(report.net)} styles={{ content: { color: '#389e0d', fontWeight: 600 } }} data-testid="report-net" /></Card>
              </Col>
            </Row>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={14}>
                <Card title={t('report.byTender')}>
                  {tenderChart ? <Chart option={tenderChart} height={260} ariaLabel={t('report.byTender')} testId="chart-tenders" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
                  <Table
                    rowKey="method"
                    size="small"
                    pagination={false}
                    dataSource={report.tenders}
                    style={{ marginTop: 12 }}
                    columns={[
                      { title: t('report.tender'), dataIndex: 'method', render: (m: string) => methodName(t, m) },
                      { title: t('report.sales'), dataIndex: 'sales', align: 'right', render: (v: number) => yuan(v) },
                      { title: t('report.refunds'), dataIndex: 'refunds', align: 'right', render: (v: number) => (v ? yuan(-v) : '—') },
                      { title: t('report.net'), dataIndex: 'net', align: 'right', render: (v: number) => <Typography.Text strong>{yuan(v)}</Typography.Text> },
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card title={t('report.discountsBy')}>
                  {discountChart ? <Chart option={discountChart} height={300} ariaLabel={t('report.discountsBy')} testId="chart-discounts" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('report.noDiscounts')} />}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('report.pointsUsed', { points: report.discounts.pointsUsed.toLocaleString() })}
                  </Typography.Text>
                </Card>
              </Col>
              <Col xs={24} lg={14}>
                <Card title={t('report.topItems')}>{topChart ? <Chart option={topChart} height={Math.max(160, report.topItems.slice(0, 10).length * 34)} ariaLabel={t('report.topItems')} testId="chart-top" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}</Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card title={t('report.byKind')}>{kindChart ? <Chart option={kindChart} height={300} ariaLabel={t('report.byKind')} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}</Card>
              </Col>
            </Row>
            <Card title={t('report.moneyFlow')}>
              <Row gutter={[24, 8]}>
                <Col xs={12} lg={6}><Statistic title={t('report.recharges')} value={yuan(report.sales.rechargeTotal)} /></Col>
                <Col xs={12} lg={6}><Statistic title={t('report.salesExRecharge')} value={yuan(report.sales.salesExRecharge)} /></Col>
                <Col xs={12} lg={6}><Statistic title={t('report.svPayouts')} value={yuan(report.storedValuePayouts.total)} suffix={t('report.refundCount', { n: report.storedValuePayouts.count })} styles={{ suffix: { fontSize: 13, color: '#8c8c8c' } }} /></Col>
                <Col xs={12} lg={6}><Statistic title={t('report.changeGiven')} value={yuan(report.sales.changeGiven)} /></Col>
              </Row>
            </Card>
          </Space>
        </Spin>
      )}
      <Modal open={printing} onCancel={() => setPrinting(false)} footer={null} width={width === 'a4' ? 900 : 480} title={t('report.print')} destroyOnHidden>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <PrintControls width={width} onWidth={setWidth} onPrint={() => frame.current?.print()} />
          {printSrc && <PrintFrame handleRef={frame} src={printSrc} width={width} height={640} title={t('report.print')} testId="report-frame" />}
        </Space>
      </Modal>
    </Space>
  );
}
