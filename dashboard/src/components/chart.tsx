import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { colorFor, cssVar } from './chart-colors';

export interface ChartSeries {
  name: string;
  values: Array<number | null>;
  color?: string;
  /** A reference line, drawn dashed. */
  dashed?: boolean;
}

export interface ChartProps {
  /** Names the chart for tests and styles (`data-chart`). */
  id: string;
  /** What the chart shows, for screen readers (a data table beside it gives the figures). */
  label: string;
  /**
   * `time`: x is unix ms, lines. `share`: x is unix ms, the series stacked as shares of each bucket's total.
   * `bars`: x is a category per index (`categories`), bars drawn from the widest to the narrowest.
   * `xy`: x is a plain number (the router's curve).
   */
  kind: 'time' | 'share' | 'bars' | 'xy';
  x: number[];
  series: ChartSeries[];
  categories?: string[];
  /** Figures in the legend (and on the axis, unless axisFormat is given). */
  yFormat?: (v: number) => string;
  axisFormat?: (v: number) => string;
  xFormat?: (v: number) => string;
  /** What x is, in the legend: `day`, `hour`, `share`. */
  xLabel?: string;
  height?: number;
  /** Fixed y range (the share chart's is [0, 1]). */
  yRange?: [number, number];
}

/** Each bucket's values as cumulative shares of its total: what a stacked share area draws. */
export function stackShares(series: ChartSeries[], length: number): { shares: number[][]; stacked: number[][] } {
  const shares = series.map(() => new Array<number>(length).fill(0));
  const stacked = series.map(() => new Array<number>(length).fill(0));
  for (let i = 0; i < length; i++) {
    let total = 0;
    for (const s of series) total += Math.max(0, s.values[i] ?? 0);
    let running = 0;
    series.forEach((s, k) => {
      const share = total > 0 ? Math.max(0, s.values[i] ?? 0) / total : 0;
      running += share;
      shares[k]![i] = share;
      stacked[k]![i] = total > 0 ? running : 0;
    });
  }
  return { shares, stacked };
}

/** A uPlot chart that follows its container's width. The uPlot instance's data is what tests read back. */
export function Chart(props: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  // redrawn when the figures change, not on every render of the page around it
  const signature = JSON.stringify([props.kind, props.x, props.series, props.categories, props.yRange, props.height]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const width = Math.max(280, el.clientWidth || 600);
    const { options, data } = buildChart(latest.current, width);
    const plot = new uPlot(options, data, el);
    // what uPlot holds, for tests: the number of points on the x axis and the series drawn
    el.dataset.points = String(plot.data[0]?.length ?? 0);
    el.dataset.series = plot.series
      .slice(1)
      .map((s) => String(s.label ?? ''))
      .join('|');
    const resize = new ResizeObserver(() => {
      const w = Math.max(280, el.clientWidth);
      if (Math.abs(w - plot.width) > 2) plot.setSize({ width: w, height: plot.height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [signature]);

  return <div class="chart" ref={host} data-chart={props.id} role="img" aria-label={props.label} />;
}

function buildChart(props: ChartProps, width: number): { options: uPlot.Options; data: uPlot.AlignedData } {
  const axis = cssVar('--chart-axis', '#475569');
  const grid = cssVar('--chart-grid', '#e2e8f0');
  const yFormat = props.yFormat ?? ((v: number) => String(v));
  const n = props.x.length;
  const isTime = props.kind === 'time' || props.kind === 'share';
  const xs = isTime ? props.x.map((t) => t / 1000) : props.kind === 'bars' ? props.x.map((_, i) => i) : props.x;
  const values: Array<Array<number | null>> = [];
  const axisFormat = props.axisFormat ?? yFormat;
  const xValue = props.xFormat ?? (props.kind === 'bars' ? (i: number) => props.categories?.[i] ?? '' : isTime ? (t: number) => legendDate(t) : (v: number) => String(v));
  const series: uPlot.Series[] = [{ label: props.xLabel ?? (props.kind === 'bars' ? 'name' : 'x'), value: (_u, v) => (v == null ? '—' : xValue(v)) }];

  if (props.kind === 'share') {
    // drawn from the top of the stack down, each filled to zero over the one before
    const { shares, stacked } = stackShares(props.series, n);
    for (let k = props.series.length - 1; k >= 0; k--) {
      const s = props.series[k]!;
      const color = s.color ?? colorFor(s.name, k);
      values.push(stacked[k]!);
      series.push({
        label: s.name,
        stroke: color,
        fill: color,
        width: 1,
        points: { show: false },
        value: (_u, _v, _si, idx) => (idx == null ? '—' : `${(shares[k]![idx]! * 100).toFixed(1)}%`),
      });
    }
  } else {
    props.series.forEach((s, k) => {
      const color = s.color ?? colorFor(s.name, k);
      values.push(s.values);
      if (props.kind === 'bars') {
        const size = 0.75 - (0.4 * k) / Math.max(1, props.series.length - 1 || 1);
        series.push({
          label: s.name,
          stroke: color,
          fill: color,
          width: 0,
          paths: uPlot.paths.bars!({ size: [props.series.length > 1 ? size : 0.6, 64] }),
          points: { show: false },
          value: (_u, v) => (v == null ? '—' : yFormat(v)),
        });
      } else {
        series.push({
          label: s.name,
          stroke: color,
          width: 2,
          ...(s.dashed && { dash: [6, 4] }),
          points: { show: n <= 40 && !s.dashed, size: 5 },
          spanGaps: false,
          value: (_u, v) => (v == null ? '—' : yFormat(v)),
        });
      }
    });
  }

  const categories = props.categories ?? [];
  const xAxis: uPlot.Axis =
    props.kind === 'bars'
      ? {
          stroke: axis,
          grid: { show: false },
          ticks: { stroke: grid },
          splits: () => xs,
          // as many characters as a category's width holds (about 7 px each)
          values: (u, splits) => {
            const room = Math.max(4, Math.floor(u.bbox.width / devicePixelRatio / Math.max(1, n) / 7));
            return splits.map((i) => truncate(categories[i] ?? '', room));
          },
          gap: 6,
        }
      : {
          stroke: axis,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          ...(props.xFormat && { values: (_u: uPlot, splits: number[]) => splits.map((v) => props.xFormat!(v)) }),
        };

  const options: uPlot.Options = {
    width,
    height: props.height ?? 260,
    series,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: {
      x: {
        time: isTime,
        ...(props.kind === 'bars' && { range: (): uPlot.Range.MinMax => [-0.5, Math.max(0.5, n - 0.5)] }),
        ...(props.kind === 'xy' && { range: (_u: uPlot, min: number, max: number): uPlot.Range.MinMax => [Math.min(0, min), Math.max(1, max)] }),
      },
      y: props.yRange
        ? { range: props.yRange }
        : props.kind === 'xy'
          ? { range: (_u, min, max): uPlot.Range.MinMax => [min - (max - min) * 0.1, max + (max - min) * 0.1 || max + 0.1] }
          : { range: (_u, min, max): uPlot.Range.MinMax => [Math.min(0, min), max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      xAxis,
      {
        stroke: axis,
        grid: { stroke: grid, width: 1 },
        ticks: { stroke: grid },
        size: 64,
        values: (_u, splits) => splits.map((v) => (props.kind === 'share' ? `${Math.round(v * 100)}%` : axisFormat(v))),
      },
    ],
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
  };
  return { options, data: [xs, ...values] as uPlot.AlignedData };
}

const legendFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** uPlot's x for time charts is unix seconds. */
function legendDate(seconds: number): string {
  return `${legendFormat.format(new Date(seconds * 1000))} UTC`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
