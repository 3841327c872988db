import type { Timeseries } from '../api/admin-types';
import { alignSeries } from '../lib/align-series';
import { formatCompact } from '../lib/format';
import { Chart } from './chart';
import { Empty } from './layout';
import { SeriesTable } from './series-table';

/** A time series answer drawn as lines or stacked shares, with its figures in a table and its notes. */
export function SeriesChart(props: {
  id: string;
  label: string;
  answer: Timeseries;
  kind: 'time' | 'share';
  format: (v: number) => string;
  axisFormat?: (v: number) => string;
  emptyText?: string;
}) {
  const aligned = alignSeries(props.answer.series);
  const hasData = aligned.series.some((s) => s.values.some((v) => v !== 0));
  return (
    <div class="series-chart" data-series-chart={props.id}>
      {aligned.x.length === 0 || aligned.series.length === 0 ? (
        <Empty>No buckets in this range.</Empty>
      ) : (
        <>
          {!hasData && <Empty>{props.emptyText ?? 'Nothing recorded in this range yet.'}</Empty>}
          <Chart
            id={props.id}
            label={props.label}
            kind={props.kind}
            x={aligned.x}
            series={aligned.series.map((s) => ({ name: s.name, values: s.values }))}
            yFormat={props.format}
            axisFormat={props.axisFormat ?? formatCompact}
            xLabel={props.answer.bucket}
            {...(props.kind === 'share' && { yRange: [0, 1] as [number, number] })}
          />
          <SeriesTable id={props.id} caption={props.label} aligned={aligned} bucket={props.answer.bucket} format={props.format} />
        </>
      )}
      {props.answer.notes && props.answer.notes.length > 0 && (
        <ul class="notes">
          {props.answer.notes.map((n) => (
            <li>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A labelled select: range, bucket, dimension. */
export function Picker<V extends string>(props: { id: string; label: string; value: V; options: ReadonlyArray<readonly [V, string]>; onChange: (v: V) => void }) {
  return (
    <label class="picker" for={props.id}>
      <span>{props.label}</span>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as V)}>
        {props.options.map(([v, text]) => (
          <option value={v}>{text}</option>
        ))}
      </select>
    </label>
  );
}

export const RANGES = [
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
  ['90d', 'Last 90 days'],
] as const;
export type RangeValue = (typeof RANGES)[number][0];
