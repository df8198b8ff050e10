/**
 * The one module that imports uPlot (and its style sheet). The dashboard loads it with a
 * dynamic import(), so the chart library stays out of the initial bundle and out of every other
 * page.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface BarChartData {
  /** One label per bar, shown under it. */
  labels: string[];
  /**
   * Bar heights, one series per colour, null where the series has no bar. Numbers are for the
   * geometry only: every figure a person reads comes from the decimal strings (table, label).
   */
  series: { name: string; colour: string; values: (number | null)[] }[];
  /** Tick labels of the amount axis. */
  formatTick(value: number): string;
  /** Text alternative of the whole chart (the canvas is an image for assistive technologies). */
  label: string;
  height: number;
}

export interface DrawnChart {
  resize(width: number): void;
  destroy(): void;
}

export function drawBarChart(element: HTMLElement, width: number, data: BarChartData): DrawnChart {
  const n = data.labels.length;
  const indices = data.labels.map((_, i) => i);
  const text = '#3a3a3a';
  const grid = '#dddddd';
  const font = '12px Marianne, arial, sans-serif';
  const opts: uPlot.Options = {
    width,
    height: data.height,
    legend: { show: false },
    // No hover read-out: the figures are in the table next to the chart, reachable by keyboard.
    cursor: { show: false },
    scales: {
      x: { time: false, range: () => [-0.5, n - 0.5] },
      y: {
        range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1],
      },
    },
    axes: [
      {
        stroke: text,
        font,
        grid: { show: false },
        ticks: { show: false },
        splits: () => indices,
        values: (_u, splits) => splits.map((s) => data.labels[s] ?? ''),
      },
      {
        stroke: text,
        font,
        size: 80,
        grid: { stroke: grid, width: 1 },
        ticks: { show: false },
        values: (_u, splits) => splits.map((v) => data.formatTick(v)),
      },
    ],
    series: [
      {},
      ...data.series.map((s) => ({
        label: s.name,
        stroke: s.colour,
        fill: s.colour,
        width: 0,
        points: { show: false },
        paths: uPlot.paths.bars!({ size: [0.6, 64], align: 0 }),
      })),
    ],
  };
  const chart = new uPlot(opts, [indices, ...data.series.map((s) => s.values)], element);
  const canvas = chart.root.querySelector('canvas');
  if (canvas) {
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', data.label);
  }
  return {
    resize: (w) => chart.setSize({ width: w, height: data.height }),
    destroy: () => chart.destroy(),
  };
}
