// An ECharts chart (bar and pie, canvas) sized to its box: for numbers people compare —
// tenders, top items, discounts, stock value by store and category.
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

const FONT = "-apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";

export function Chart(props: { option: ChartOption; height: number; testId?: string; ariaLabel: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: FONT }, animationDuration: 300, ...props.option }, true);
  }, [props.option]);

  return <div ref={box} role="img" aria-label={props.ariaLabel} data-testid={props.testId} style={{ width: '100%', height: props.height }} />;
}

/** Yuan on an axis: 123456 fen → "1,234.56". */
export function axisYuan(fen: number): string {
  return (fen / 100).toLocaleString(undefined, { maximumFractionDigits: 2 });
}

export const PALETTE = ['#1668dc', '#13a8a8', '#d48806', '#389e0d', '#c41d7f', '#531dab', '#d4380d', '#595959'];
