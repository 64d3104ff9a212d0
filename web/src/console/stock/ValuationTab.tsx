// Stock valuation at moving weighted-average cost: the total, and value by store and by
// category as charts (the numbers people compare), with the table beside them.
import { Card, Col, Empty, Row, Spin, Statistic, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, call } from '../../api/client';
import type { Category, StockValuation } from '../../api/retail';
import { Chart, type ChartOption, PALETTE, axisYuan } from '../cashier/Chart';
import { yuan } from '../cashier/money';
import { useOrgOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { useT } from '../i18n';

export function ValuationTab(props: { storeId: string | undefined; version: number }) {
  const t = useT();
  const showError = useApiError();
  const { stores } = useOrgOptions();
  const [v, setV] = useState<StockValuation | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    let live = true;
    Promise.all([call(api.GET('/api/v1/stock/valuation', { params: { query: { storeId: props.storeId } } })), call(api.GET('/api/v1/product-categories')).catch(() => ({ items: [] as Category[] }))])
      .then(([val, cats]) => {
        if (!live) return;
        setV(val);
        setCategories(cats.items);
      })
      .catch((err) => live && showError(err));
    return () => {
      live = false;
    };
  }, [props.storeId, props.version, showError]);

  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id;
  const catName = (id: string | null) => (id ? (categories.find((c) => c.id === id)?.name ?? '—') : t('products.category.none'));

  const byStore = useMemo<ChartOption | null>(() => {
    if (!v || v.stores.length === 0) return null;
    const rows = [...v.stores].sort((a, b) => a.value - b.value);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (x: number) => `¥${axisYuan(x)}` },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (x: number) => axisYuan(x) } },
      yAxis: { type: 'category', data: rows.map((s) => storeName(s.storeId)) },
      series: [{ type: 'bar', name: t('stock.value'), data: rows.map((s) => s.value), itemStyle: { color: PALETTE[0] }, barMaxWidth: 26 }],
    };
  }, [v, stores, t]);

  const byCategory = useMemo<ChartOption | null>(() => {
    if (!v || v.categories.length === 0) return null;
    return {
      tooltip: { trigger: 'item', valueFormatter: (x: number) => `¥${axisYuan(x)}` },
      legend: { bottom: 0 },
      color: PALETTE,
      series: [{ type: 'pie', radius: ['38%', '66%'], center: ['50%', '44%'], label: { formatter: '{b}\n{d}%', overflow: 'break', width: 110 }, data: v.categories.map((c) => ({ name: catName(c.categoryId), value: c.value })) }],
    };
  }, [v, categories, t]);

  if (!v) return <Spin />;
  return (
    <Row gutter={[16, 16]} data-testid="stock-valuation">
      <Col xs={24} md={8}>
        <Card><Statistic title={t('stock.valuation.total')} value={yuan(v.total.value)} /></Card>
      </Col>
      <Col xs={12} md={8}>
        <Card><Statistic title={t('stock.valuation.units')} value={v.total.quantity} /></Card>
      </Col>
      <Col xs={12} md={8}>
        <Card><Statistic title={t('stock.valuation.products')} value={v.total.products} /></Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('stock.valuation.byStore')} extra={t('stock.valuation.method')}>
          {byStore ? <Chart option={byStore} height={Math.max(180, v.stores.length * 44)} ariaLabel={t('stock.valuation.byStore')} testId="chart-stock-stores" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          <Table rowKey="storeId" size="small" pagination={false} dataSource={v.stores} style={{ marginTop: 12 }} columns={[
            { title: t('stock.store'), dataIndex: 'storeId', render: (id: string) => storeName(id) },
            { title: t('stock.valuation.products'), dataIndex: 'products', align: 'right' },
            { title: t('stock.valuation.units'), dataIndex: 'quantity', align: 'right' },
            { title: t('stock.value'), dataIndex: 'value', align: 'right', render: (x: number) => yuan(x) },
          ]} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('stock.valuation.byCategory')}>
          {byCategory ? <Chart option={byCategory} height={300} ariaLabel={t('stock.valuation.byCategory')} testId="chart-stock-categories" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          <Table rowKey={(c) => c.categoryId ?? 'none'} size="small" pagination={false} dataSource={v.categories} style={{ marginTop: 12 }} columns={[
            { title: t('products.category'), dataIndex: 'categoryId', render: (id: string | null) => catName(id) },
            { title: t('stock.valuation.units'), dataIndex: 'quantity', align: 'right' },
            { title: t('stock.value'), dataIndex: 'value', align: 'right', render: (x: number) => yuan(x) },
          ]} />
        </Card>
      </Col>
    </Row>
  );
}
