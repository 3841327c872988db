import { useState } from 'preact/hooks';
import { getTimeseries } from '../api/admin-calls';
import type { Timeseries } from '../api/admin-types';
import { ErrorNote, Loading, PageHeader, Panel, StatCard } from '../components/layout';
import { Picker, RANGES, SeriesChart, type RangeValue } from '../components/series-chart';
import { alignSeries } from '../lib/align-series';
import { formatCount, formatUsd } from '../lib/format';
import { useResource } from '../lib/use-resource';
import type { PageProps } from './page-list';

const DIMENSIONS = [
  ['', 'Total'],
  ['team', 'Team'],
  ['key', 'Key'],
  ['model', 'Model'],
  ['provider', 'Provider'],
  ['route', 'Route'],
] as const;
type Dimension = (typeof DIMENSIONS)[number][0];

interface OverviewData {
  spend: Timeseries;
  savings: Timeseries;
  requests: Timeseries;
}

/** Spend and savings over time, against the baseline model, and what a year at this rate comes to. */
export function OverviewPage(props: PageProps) {
  const [range, setRange] = useState<RangeValue>('30d');
  const [by, setBy] = useState<Dimension>('');
  const data = useResource<OverviewData>(
    async (signal) => {
      const q = { since: range, bucket: 'day' as const };
      const [spend, savings, requests] = await Promise.all([
        getTimeseries('spend', { ...q, ...(by && { by }) }, signal),
        getTimeseries('savings', q, signal),
        getTimeseries('requests', q, signal),
      ]);
      return { spend, savings, requests };
    },
    `${range}|${by}`,
  );

  const d = data.data;
  const total = (answer: Timeseries | undefined, name?: string) =>
    answer ? alignSeries(answer.series.filter((s) => name === undefined || s.name === name)).series.reduce((a, s) => a + s.total, 0) : undefined;
  const projection = d?.savings.projection;

  return (
    <>
      <PageHeader title="Overview" intro={<>Spend and savings from the ledger, by day (UTC). Savings compare what was paid with what the baseline model{props.baseline ? <> (<code>{props.baseline}</code>)</> : ''} would have cost for the same tokens.</>}>
        <Picker id="overview-range" label="Range" value={range} options={RANGES} onChange={setRange} />
      </PageHeader>
      <ErrorNote error={data.error} what="Could not load the overview" />
      {!d && !data.error && <Loading what="spend and savings" />}
      {d && (
        <>
          <div class="stats" aria-label="Totals for the range">
            <StatCard id="spend" label="Spend in range" value={formatUsd(total(d.spend))} />
            <StatCard id="saved" label="Saved vs baseline" value={formatUsd(total(d.savings, 'saved'))} tone="good" hint={`baseline would have cost ${formatUsd(total(d.savings, 'baseline'))}`} />
            <StatCard
              id="year-spend"
              label="Projected spend, one year"
              value={formatUsd(projection?.year_spend_usd)}
              {...(projection?.from_days != null && { hint: `from the last ${projection.from_days} days` })}
            />
            <StatCard id="year-saved" label="Projected savings, one year" value={formatUsd(projection?.year_saved_usd)} tone="good" />
            <StatCard id="requests" label="Requests" value={formatCount(total(d.requests))} hint={`${formatCount(total(d.requests, 'error'))} errors`} />
          </div>
          <Panel id="spend" title="Spend over time" wide actions={<Picker id="overview-by" label="Split by" value={by} options={DIMENSIONS} onChange={setBy} />}>
            <SeriesChart id="spend" label={`Spend per day${by ? ` by ${by}` : ''}`} answer={d.spend} kind="time" format={formatUsd} axisFormat={axisUsd} />
          </Panel>
          <Panel id="savings" title="Savings against the baseline" wide>
            {!props.baseline && <p class="note muted">No baseline model is configured (the config's <code>baseline</code>); the gateway's default is used where it has one.</p>}
            <SeriesChart id="savings" label="Actual cost, baseline cost and savings per day" answer={d.savings} kind="time" format={formatUsd} axisFormat={axisUsd} />
          </Panel>
        </>
      )}
    </>
  );
}

function axisUsd(v: number): string {
  if (v === 0) return '$0';
  const abs = Math.abs(v);
  if (abs >= 1000) return `$${+(v / 1000).toFixed(1)}k`;
  if (abs >= 1) return `$${+v.toFixed(2)}`;
  return `$${+v.toPrecision(2)}`;
}
