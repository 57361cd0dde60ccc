/**
 * The board's trend chart: the county's last seven days (cases received, accepted and
 * completed, tasks turned red) drawn by uPlot, a small canvas chart library. This module is
 * its own chunk, loaded with the board only when a chart is drawn. The canvas is hidden from
 * assistive technology: the board prints the same figures as a table beside it.
 */
import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css';
import type { BoardDay } from '../../../contracts/supervision-reports.js';

/** The counters charted, each with its series' name and colour (distinguishable also by dash). */
export interface TrendSeries {
  counter: 'received' | 'accepted' | 'completed' | 'red';
  label: string;
  colour: string;
  dash?: number[];
}

let styled = false;

/** Draws (or redraws) the chart into `target`; answers a function that removes it. */
export function drawTrends(target: HTMLElement, week: readonly BoardDay[], series: readonly TrendSeries[], width: number): () => void {
  if (!styled) {
    const style = document.createElement('style');
    style.textContent = uPlotCss;
    document.head.append(style);
    styled = true;
  }
  const x = week.map((d) => Date.parse(`${d.day}T00:00:00+08:00`) / 1000);
  const data: uPlot.AlignedData = [x, ...series.map((s) => week.map((d) => d.counters[s.counter] ?? 0))];
  const chart = new uPlot(
    {
      width,
      height: 240,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Shanghai'),
      legend: { show: true },
      scales: { x: { time: true } },
      axes: [{}, { values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')) }],
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.colour, width: 2, dash: s.dash, points: { show: true } }))],
    },
    data,
    target,
  );
  return () => chart.destroy();
}
