import { useState } from 'preact/hooks';
import { getTimeseries } from '../api/admin-calls';
import type { Timeseries } from '../api/admin-types';
import { DataTable } from '../components/data-table';
import { ErrorNote, Loading, PageHeader, Panel } from '../components/layout';
import { Picker, RANGES, SeriesChart, type RangeValue } from '../components/series-chart';
import { alignSeries } from '../lib/align-series';
import { formatCompact, formatCount, formatShare } from '../lib/format';
import { useResource } from '../lib/use-resource';

const VIEWS = [
  { metric: 'tokens_by_origin', id: 'origin', title: 'By model origin (country of the developer)', column: 'origin' },
  { metric: 'tokens_by_developer', id: 'developer', title: 'By developer', column: 'developer' },
  { metric: 'tokens_by_jurisdiction', id: 'jurisdiction', title: 'By hosting jurisdiction (where the provider serves from)', column: 'jurisdiction' },
] as const;

const BUCKETS = [
  ['day', 'Day'],
  ['week', 'Week'],
] as const;

/** Where the tokens came from: shares by model origin, developer and hosting jurisdiction, over time. */
export function OriginsPage() {
  const [range, setRange] = useState<RangeValue>('30d');
  const [bucket, setBucket] = useState<'day' | 'week'>('day');
  const data = useResource<Timeseries[]>(
    (signal) => Promise.all(VIEWS.map((v) => getTimeseries(v.metric, { since: range, bucket }, signal))),
    `${range}|${bucket}`,
  );
  return (
    <>
      <PageHeader title="Origins" intro="Each bucket's input and output tokens split by where the model comes from, who made it and where it was served. Tokens the ledger cannot place are counted as unknown.">
        <Picker id="origins-range" label="Range" value={range} options={RANGES} onChange={setRange} />
        <Picker id="origins-bucket" label="Bucket" value={bucket} options={BUCKETS} onChange={setBucket} />
      </PageHeader>
      <ErrorNote error={data.error} what="Could not load the origins" />
      {!data.data && !data.error && <Loading what="token shares" />}
      {data.data &&
        VIEWS.map((view, i) => {
          const answer = data.data![i]!;
          const aligned = alignSeries(answer.series);
          const all = aligned.series.reduce((a, s) => a + s.total, 0);
          const rows = aligned.series.map((s) => ({ name: s.name, tokens: s.total, share: all > 0 ? s.total / all : null })).sort((a, b) => b.tokens - a.tokens);
          return (
            <Panel id={view.id} title={view.title} wide>
              <div class="chart-with-table">
                <SeriesChart id={view.id} label={`Token share ${view.title.toLowerCase()}, per ${bucket}`} answer={answer} kind="share" format={formatCount} axisFormat={formatCompact} />
                <DataTable
                  id={`${view.id}-shares`}
                  caption={`Tokens ${view.title.toLowerCase()} over the range`}
                  hideCaption
                  columns={[
                    { title: view.column, value: (r) => r.name, header: true },
                    { title: 'tokens', value: (r) => formatCount(r.tokens), numeric: true },
                    { title: 'share', value: (r) => formatShare(r.share), numeric: true },
                  ]}
                  rows={rows}
                  rowKey={(r) => r.name}
                />
              </div>
            </Panel>
          );
        })}
    </>
  );
}
