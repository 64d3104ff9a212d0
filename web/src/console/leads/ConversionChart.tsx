// Conversions by source channel (ECharts): leads, trials reached and conversions per channel as
// bars, the conversion rate as a line on its own axis — which channels bring members, not
// just enquiries.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useT } from '../i18n';
import type { ConversionReport } from '../members/types';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function ConversionChart({ report, height = 320 }: { report: ConversionReport; height?: number }) {
  const t = useT();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    const resize = () => c.resize();
    const ro = new ResizeObserver(resize);
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const names = report.rows.map((r) => r.sourceChannel ?? t('leads.report.noSource'));
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 40, right: 48, top: 40, bottom: 24, containLabel: true },
        xAxis: { type: 'category', data: names, axisLabel: { interval: 0, hideOverlap: true } },
        yAxis: [
          { type: 'value', name: t('leads.report.leads'), minInterval: 1 },
          { type: 'value', name: t('leads.report.rate'), min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
        ],
        series: [
          { name: t('leads.report.total'), type: 'bar', data: report.rows.map((r) => r.total), itemStyle: { color: '#91caff' }, barMaxWidth: 28 },
          { name: t('leads.report.trial'), type: 'bar', data: report.rows.map((r) => r.trialReached), itemStyle: { color: '#b37feb' }, barMaxWidth: 28 },
          { name: t('leads.report.converted'), type: 'bar', data: report.rows.map((r) => r.converted), itemStyle: { color: '#52c41a' }, barMaxWidth: 28, label: { show: true, position: 'top' } },
          {
            name: t('leads.report.rate'),
            type: 'line',
            yAxisIndex: 1,
            data: report.rows.map((r) => Math.round(r.conversionRate * 1000) / 10),
            itemStyle: { color: '#fa8c16' },
            tooltip: { valueFormatter: (v: unknown) => `${v}%` },
          },
        ],
      },
      true,
    );
  }, [report, t]);

  return <div ref={el} style={{ width: '100%', height }} data-testid="conversion-chart" role="img" aria-label={t('leads.report.title')} />;
}
