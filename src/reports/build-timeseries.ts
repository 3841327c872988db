import type { Price } from '../catalog/catalog-types.js';
import type { DashboardQueries, SeriesDimension, SeriesRow } from '../ledger/dashboard-queries.js';
import { priceUsage } from '../ledger/price-usage.js';
import { DAY_MS, type UsageQueries } from '../ledger/usage-queries.js';
import { describeGaps, plural } from './report-figures.js';
import { bucketStart, bucketStarts, type TimeseriesBucket } from './timeseries-buckets.js';

export const TIMESERIES_METRICS = ['spend', 'savings', 'tokens_by_origin', 'tokens_by_developer', 'tokens_by_jurisdiction', 'requests'] as const;
export type TimeseriesMetric = (typeof TIMESERIES_METRICS)[number];

/** What `spend` may be split by. */
export const SPEND_DIMENSIONS = ['team', 'key', 'model', 'provider', 'route'] as const;
export type SpendDimension = (typeof SPEND_DIMENSIONS)[number];

/** The most series one answer holds; the smallest of the rest are summed as `other`. */
export const MAX_SERIES = 20;

export interface TimeseriesOptions {
  metric: TimeseriesMetric;
  bucket: TimeseriesBucket;
  since: number;
  until: number;
  /** `spend` only; one series `total` without it. */
  by?: SpendDimension;
  /** `savings` only: the baseline's price and what to call it. */
  baseline?: { ref: string; price: Price; note?: string };
  /** Names to show beside key ids (`by: key`). */
  keyLabels?: ReadonlyMap<string, string>;
  now: number;
}

export interface Series {
  name: string;
  /** A key's name or prefix (`by: key`). */
  label?: string;
  /** `[bucket start (unix ms), value]`, one per bucket, ascending; 0 where nothing happened. */
  points: Array<[number, number]>;
}

export interface Timeseries {
  metric: TimeseriesMetric;
  bucket: TimeseriesBucket;
  since: number;
  until: number;
  by?: string;
  baseline?: string;
  series: Series[];
  /** `savings` only: a year at the pace of the last seven days (or fewer) of data; null under one day. */
  projection?: { year_spend_usd: number | null; year_saved_usd: number | null; from_days: number };
  notes: string[];
}

/** What each metric groups the ledger by. */
const DIMENSION_OF: Record<TimeseriesMetric, SeriesDimension | undefined> = {
  spend: undefined,
  savings: 'total',
  tokens_by_origin: 'origin',
  tokens_by_developer: 'developer',
  tokens_by_jurisdiction: 'jurisdiction',
  requests: 'total',
};

/**
 * A metric from the ledger as series over time, for the dashboard's charts: every series has a point for
 * every bucket (hour, day, or week from Monday, UTC), 0 where nothing happened. Spend is the known cost
 * of every ledger row, as in the spend report; savings compare what was paid with the baseline's price for
 * the same tokens on the requests whose tokens and cost are both known, as the savings report does.
 */
export async function buildTimeseries(o: TimeseriesOptions, dashboard: DashboardQueries, usage: UsageQueries): Promise<Timeseries> {
  const by = DIMENSION_OF[o.metric] ?? o.by ?? 'total';
  const rows = await dashboard.series({ since: o.since, until: o.until, step: o.bucket === 'hour' ? 'hour' : 'day', by });
  const starts = bucketStarts(o.since, o.until, o.bucket);
  const index = new Map(starts.map((t, i) => [t, i]));
  const series = new Map<string, number[]>();
  const add = (name: string, t: number, value: number) => {
    let values = series.get(name);
    if (!values) series.set(name, (values = starts.map(() => 0)));
    const i = index.get(bucketStart(t, o.bucket));
    if (i !== undefined) values[i]! += value;
  };
  const base = { metric: o.metric, bucket: o.bucket, since: o.since, until: o.until };
  if (o.metric === 'requests') {
    for (const name of ['ok', 'error']) series.set(name, starts.map(() => 0));
    for (const r of rows) {
      add('ok', r.start, r.requests - r.errors);
      add('error', r.start, r.errors - r.cancelledHedges);
    }
    return { ...base, series: toSeries(series, starts, false), notes: [] };
  }
  if (o.metric === 'savings') {
    const baseline = o.baseline!;
    for (const name of ['actual', 'baseline', 'saved']) series.set(name, starts.map(() => 0));
    for (const r of rows) {
      const at = baselineCost(r, baseline.price);
      add('actual', r.start, r.comparable.costUsd);
      add('baseline', r.start, at);
      add('saved', r.start, at - r.comparable.costUsd);
    }
    const compared = rows.reduce((n, r) => n + r.comparable.requests, 0);
    const all = rows.reduce((n, r) => n + r.requests, 0);
    return {
      ...base,
      baseline: baseline.ref,
      series: toSeries(series, starts, false),
      projection: await project(o, dashboard, usage),
      notes: [
        ...(baseline.note ? [baseline.note] : []),
        `Compared ${plural(compared, 'request')} of ${all}: those with known token counts and a known cost; the others are in no series.`,
      ],
    };
  }
  const tokens = o.metric !== 'spend';
  for (const r of rows) add(nameOf(r.group, by), r.start, tokens ? r.inputTokens + r.outputTokens : r.costUsd);
  const gaps = describeGaps({
    ...(!tokens && { unknownCostRequests: rows.reduce((n, r) => n + r.unknownCostRequests, 0) }),
    ...(tokens && { unknownTokenRequests: rows.reduce((n, r) => n + r.unknownTokenRequests, 0) }),
  });
  const named = toSeries(series, starts, true);
  const folded = fold(named, starts);
  for (const s of folded.series) {
    const label = by === 'key' ? o.keyLabels?.get(s.name) : undefined;
    if (label !== undefined) s.label = label;
  }
  return {
    ...base,
    ...(o.metric === 'spend' && { by: o.by ?? 'total' }),
    series: folded.series,
    notes: [...gaps, ...(folded.folded > 0 ? [`The ${folded.folded} smallest series are summed as 'other' (at most ${MAX_SERIES} series).`] : [])],
  };
}

/** The baseline's price for a row's compared tokens. */
function baselineCost(r: SeriesRow, price: Price): number {
  const c = r.comparable;
  if (c.requests === 0) return 0;
  const usage = { inputTokens: c.inputTokens, cachedInputTokens: c.cachedInputTokens, cacheWriteTokens: c.cacheWriteTokens, outputTokens: c.outputTokens, reasoningTokens: c.reasoningTokens };
  return priceUsage(usage, price, () => ({ input: 0, output: 0 })).cost ?? 0;
}

/**
 * A year at the pace of the last seven days of the range (fewer when the data starts later): known spend,
 * and what was saved on the compared requests. No projection from under a day of data.
 */
async function project(o: TimeseriesOptions, dashboard: DashboardQueries, usage: UsageQueries): Promise<Timeseries['projection']> {
  const end = Math.min(o.until, o.now);
  const span = await usage.span({ since: o.since, until: end });
  if (span.firstTs === undefined) return { year_spend_usd: null, year_saved_usd: null, from_days: 0 };
  const start = Math.max(end - 7 * DAY_MS, o.since, span.firstTs);
  const days = (end - start) / DAY_MS;
  if (days < 1) return { year_spend_usd: null, year_saved_usd: null, from_days: round(days) };
  const rows = await dashboard.series({ since: start, until: end, step: 'day', by: 'total' });
  let spend = 0;
  let saved = 0;
  for (const r of rows) {
    spend += r.costUsd;
    saved += baselineCost(r, o.baseline!.price) - r.comparable.costUsd;
  }
  return { year_spend_usd: (spend / days) * 365, year_saved_usd: (saved / days) * 365, from_days: round(days) };
}

function round(days: number): number {
  return Math.round(days * 10_000) / 10_000;
}

/** A group's series name: `unknown` where the ledger does not know it, `(none)` for no team, key or route. */
function nameOf(group: string | null, by: SeriesDimension): string {
  if (group !== null) return group;
  return by === 'team' || by === 'key' ? '(none)' : by === 'total' ? 'total' : 'unknown';
}

function toSeries(series: Map<string, number[]>, starts: number[], largestFirst: boolean): Series[] {
  // sums of floats: 12 decimals keep every real figure (a micro-dollar has 6) and drop the noise
  const out = [...series].map(([name, values]) => ({ name, points: values.map((v, i): [number, number] => [starts[i]!, Math.round(v * 1e12) / 1e12]), total: values.reduce((a, b) => a + b, 0) }));
  if (largestFirst) out.sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out.map(({ name, points }) => ({ name, points }));
}

/** At most MAX_SERIES series: the largest MAX_SERIES − 1 and their sum of the rest as `other`. */
function fold(series: Series[], starts: number[]): { series: Series[]; folded: number } {
  if (series.length <= MAX_SERIES) return { series, folded: 0 };
  const kept = series.slice(0, MAX_SERIES - 1);
  const rest = series.slice(MAX_SERIES - 1);
  const other: Series = { name: 'other', points: starts.map((t, i) => [t, rest.reduce((sum, s) => sum + s.points[i]![1], 0)]) };
  return { series: [...kept, other], folded: rest.length };
}
