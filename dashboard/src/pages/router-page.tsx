import { getRouter } from '../api/admin-calls';
import type { RouterAnswer } from '../api/admin-types';
import { Chart } from '../components/chart';
import { DataTable } from '../components/data-table';
import { Empty, ErrorNote, Loading, PageHeader, Panel, StatCard } from '../components/layout';
import { formatCount, formatShare } from '../lib/format';
import { useResource } from '../lib/use-resource';

/** The cost-quality router: its routes, its model's quality curve, and how often shadow runs found the cheap answer as good. */
export function RouterPage() {
  const data = useResource<RouterAnswer>((signal) => getRouter(signal), 'router');
  const d = data.data;
  return (
    <>
      <PageHeader title="Router" intro="Cost-quality routes send each request to a cheap or a strong model by the router's score. The curve is the quality the router's model reaches for each share of calls sent to the strong model; shadow runs ask the other tier too and measure how often the cheap answer was as good." />
      <ErrorNote error={data.error} what="Could not load the router" />
      {!d && !data.error && <Loading what="the router" />}
      {d && (
        <>
          <div class="stats">
            <StatCard id="router-active" label="Router" value={d.active ? 'active' : 'not configured'} tone={d.active ? 'good' : undefined} />
            <StatCard id="router-model" label="Router model" value={d.model?.kind ?? '—'} {...(d.model && { hint: describeModel(d.model) })} />
            <StatCard
              id="cheap-as-good"
              label="Cheap answer as good"
              value={formatShare(d.shadow?.rate ?? null)}
              hint={describeShadow(d.shadow)}
            />
          </div>
          <Panel id="routes" title="Routes" wide>
            {d.routes.length === 0 ? (
              <Empty>No cost-quality route is configured.</Empty>
            ) : (
              <DataTable
                id="routes"
                caption="Cost-quality routes"
                hideCaption
                columns={[
                  { title: 'route', value: (r) => <code>{r.route}</code>, header: true },
                  { title: 'strategy', value: (r) => r.strategy ?? '—' },
                  { title: 'cheap', value: (r) => names(r.cheap) },
                  { title: 'strong', value: (r) => names(r.strong) },
                  { title: 'set as', value: (r) => describeSetting(r.threshold_setting) },
                  { title: 'score threshold', value: (r) => (r.threshold == null ? '—' : r.threshold.toFixed(3)), numeric: true },
                  { title: 'shadow', value: (r) => (r.shadow ? `${formatShare(r.shadow.sample, 0)} sampled${r.shadow.judge ? `, judged by ${r.shadow.judge}` : ''}` : 'off') },
                ]}
                rows={d.routes}
                rowKey={(r) => r.route}
              />
            )}
          </Panel>
          <Panel id="curve" title="Quality kept against the share of calls sent to the strong model" wide>
            <p class="note muted">From the router model's validation data: quality relative to sending every call to the strong model (1.0), beside a random router's straight line.</p>
            {!d.curve || d.curve.length === 0 ? (
              <Empty>No router model with an evaluation curve is loaded.</Empty>
            ) : (
              <CurveChart curve={d.curve} />
            )}
          </Panel>
        </>
      )}
    </>
  );
}

function CurveChart({ curve }: { curve: Array<[number, number]> }) {
  const points = [...curve].sort((a, b) => a[0] - b[0]);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  // the random router: quality grows in a straight line from all-cheap to all-strong
  const random = points.map(([x]) => first[1] + ((x - first[0]) / (last[0] - first[0] || 1)) * (last[1] - first[1]));
  return (
    <>
      <Chart
        id="router-curve"
        label="Router quality against the share of calls sent to the strong model, beside a random router"
        kind="xy"
        x={points.map((p) => p[0])}
        series={[
          { name: 'router', values: points.map((p) => p[1]) },
          { name: 'random', values: random, color: '#64748b', dashed: true },
        ]}
        xLabel="strong share"
        xFormat={(v) => `${Math.round(v * 100)}%`}
        yFormat={(v) => v.toFixed(2)}
      />
      <details class="series-table">
        <summary>Show the figures ({points.length} points)</summary>
        <DataTable
          id="router-curve"
          caption="The router's curve"
          hideCaption
          columns={[
            { title: 'strong share', value: (p: [number, number]) => formatShare(p[0]), numeric: true, header: true },
            { title: 'quality', value: (p) => p[1].toFixed(4), numeric: true },
          ]}
          rows={points}
          rowKey={(p) => String(p[0])}
        />
      </details>
    </>
  );
}

function describeModel(m: NonNullable<RouterAnswer['model']>): string {
  const parts: string[] = [];
  if (typeof m.trained_on === 'number') parts.push(`trained on ${formatCount(m.trained_on)} examples`);
  else if (m.trained_on) parts.push(`trained on ${[m.trained_on].flat().join(', ')}`);
  if (m.datasets && Object.keys(m.datasets).length) parts.push(Object.keys(m.datasets).join(', '));
  if (m.trained_at) parts.push(m.trained_at.slice(0, 10));
  return parts.join(' · ') || (m.file ?? 'built in');
}

function describeShadow(s: RouterAnswer['shadow']): string {
  if (!s) return 'no shadow runs configured';
  const judged = s.judged ?? s.samples;
  const ci = s.ci ? `, 95% CI ${formatShare(s.ci[0])}–${formatShare(s.ci[1])}` : '';
  return `${formatCount(s.cheap_as_good)} of ${formatCount(judged)} judged (${formatCount(s.samples)} shadow samples)${ci}`;
}

function describeSetting(s: Record<string, number> | null | undefined): string {
  if (!s) return '—';
  if (s.strong_share !== undefined) return `${formatShare(s.strong_share, 0)} strong`;
  if (s.quality !== undefined) return `quality ${s.quality}`;
  if (s.score !== undefined) return `score ${s.score}`;
  return '—';
}

function names(v: string | string[] | null | undefined): string {
  if (v == null) return '—';
  return Array.isArray(v) ? v.join(', ') : v;
}
