import { useState } from 'preact/hooks';
import { getHealth, getLatency, getTimeseries } from '../api/admin-calls';
import type { HealthAnswer, LatencyAnswer, LatencyRow, Timeseries } from '../api/admin-types';
import { Chart } from '../components/chart';
import { DataTable } from '../components/data-table';
import { Empty, ErrorNote, Loading, PageHeader, Panel } from '../components/layout';
import { Picker, SeriesChart } from '../components/series-chart';
import { formatCompact, formatCount, formatMs, formatShare, formatTime } from '../lib/format';
import { useResource } from '../lib/use-resource';

const SPANS = [
  ['1h', 'Last hour'],
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
] as const;
type Span = (typeof SPANS)[number][0];

interface LatencyData {
  providers: LatencyAnswer;
  models: LatencyAnswer;
  requests: Timeseries;
  health: HealthAnswer;
}

/** Time to first token and total time (p50, p99) and error rates per provider and model; the circuit breakers. */
export function LatencyPage() {
  const [since, setSince] = useState<Span>('24h');
  const data = useResource<LatencyData>(
    async (signal) => {
      const bucket = since === '1h' || since === '24h' ? 'hour' : 'day';
      const [providers, models, requests, health] = await Promise.all([
        getLatency('provider', since, signal),
        getLatency('model', since, signal),
        getTimeseries('requests', { since, bucket }, signal),
        getHealth(signal),
      ]);
      return { providers, models, requests, health };
    },
    since,
    30_000,
  );
  const d = data.data;
  return (
    <>
      <PageHeader title="Latency & errors" intro="From the ledger: every request's time to first token (streams) and total time, and how many failed. Breaker states are this gateway process's own.">
        <Picker id="latency-range" label="Range" value={since} options={SPANS} onChange={setSince} />
      </PageHeader>
      <ErrorNote error={data.error} what="Could not load latency" />
      {!d && !data.error && <Loading what="latency" />}
      {d && (
        <>
          <LatencyPanel id="provider" title="By provider" answer={d.providers} />
          <LatencyPanel id="model" title="By model" answer={d.models} />
          <Panel id="errors" title="Requests and errors over time" wide>
            <SeriesChart id="requests" label="Successful and failed requests per bucket" answer={d.requests} kind="time" format={formatCount} axisFormat={formatCompact} />
          </Panel>
          <Panel id="breakers" title="Circuit breakers" wide>
            <p class="note muted">
              Panic rule {d.health.panic ? 'on' : 'off'}:{' '}
              {d.health.panic ? 'when every deployment of a request is paused, the one back soonest is tried rather than refusing it.' : 'a request whose every deployment is paused is refused.'}
            </p>
            {d.health.data.length === 0 ? (
              <Empty>No deployment is configured.</Empty>
            ) : (
              <DataTable
                id="breakers"
                caption="Deployment health as this process sees it"
                hideCaption
                columns={[
                  { title: 'deployment', value: (h) => <code>{h.deployment}</code>, header: true },
                  { title: 'state', value: (h) => <span class={`badge ${h.state === 'closed' ? 'good' : 'bad'}`}>{h.state}</span> },
                  { title: 'circuit', value: (h) => h.circuit },
                  { title: 'error rate', value: (h) => formatShare(h.error_rate), numeric: true },
                  { title: 'TTFT p50', value: (h) => formatMs(h.ttft_p50_ms), numeric: true },
                  { title: 'open until', value: (h) => (h.open_until ? formatTime(h.open_until) : '—') },
                  { title: 'last error', value: (h) => (h.last_error ? `${h.last_error.code}: ${h.last_error.message}` : '—') },
                ]}
                rows={d.health.data}
                rowKey={(h) => h.deployment}
              />
            )}
          </Panel>
        </>
      )}
    </>
  );
}

function LatencyPanel(props: { id: string; title: string; answer: LatencyAnswer }) {
  const rows = props.answer.data;
  return (
    <Panel id={props.id} title={props.title} wide>
      {rows.length === 0 ? (
        <Empty>No requests in this range.</Empty>
      ) : (
        <>
          <div class="chart-pair">
            <figure>
              <figcaption>Time to first token (p50 inside p99)</figcaption>
              <Chart id={`ttft-${props.id}`} label={`Time to first token by ${props.id}, p50 and p99`} kind="bars" xLabel={props.id} x={rows.map((_, i) => i)} categories={rows.map((r) => r.name)} series={bars(rows, 'ttft')} yFormat={formatMs} axisFormat={axisMs} height={220} />
            </figure>
            <figure>
              <figcaption>Total time (p50 inside p99)</figcaption>
              <Chart id={`duration-${props.id}`} label={`Total time by ${props.id}, p50 and p99`} kind="bars" xLabel={props.id} x={rows.map((_, i) => i)} categories={rows.map((r) => r.name)} series={bars(rows, 'duration')} yFormat={formatMs} axisFormat={axisMs} height={220} />
            </figure>
          </div>
          <DataTable
            id={`latency-${props.id}`}
            caption={`Latency and errors ${props.title.toLowerCase()}`}
            hideCaption
            columns={[
              { title: props.id, value: (r: LatencyRow) => r.name, header: true },
              { title: 'requests', value: (r) => formatCount(r.requests), numeric: true },
              { title: 'errors', value: (r) => formatCount(r.errors), numeric: true },
              { title: 'error rate', value: (r) => formatShare(r.error_rate), numeric: true },
              { title: 'TTFT p50', value: (r) => formatMs(r.ttft_p50_ms), numeric: true },
              { title: 'TTFT p99', value: (r) => formatMs(r.ttft_p99_ms), numeric: true },
              { title: 'total p50', value: (r) => formatMs(r.duration_p50_ms), numeric: true },
              { title: 'total p99', value: (r) => formatMs(r.duration_p99_ms), numeric: true },
            ]}
            rows={rows}
            rowKey={(r) => r.name}
          />
        </>
      )}
    </Panel>
  );
}

/** Axis labels: short enough for the axis gutter. */
function axisMs(v: number): string {
  return v >= 1000 ? `${+(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
}

function bars(rows: LatencyRow[], which: 'ttft' | 'duration') {
  return [
    { name: 'p99', values: rows.map((r) => r[`${which}_p99_ms`]), color: '#93c5fd' },
    { name: 'p50', values: rows.map((r) => r[`${which}_p50_ms`]), color: '#1d4ed8' },
  ];
}
