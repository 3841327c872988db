import type { KeyStore } from '../../auth/key-record.js';
import type { RouteTable } from '../../http/route-table.js';
import type { DashboardQueries } from '../../ledger/dashboard-queries.js';
import type { UsageQueries } from '../../ledger/usage-queries.js';
import { buildTimeseries, SPEND_DIMENSIONS, TIMESERIES_METRICS, type TimeseriesOptions } from '../../reports/build-timeseries.js';
import { ReportOptionError } from '../../reports/report-option-error.js';
import { resolveBaseline, type ReportCatalog } from '../../reports/resolve-baseline.js';
import { bucketCount, MAX_BUCKETS, type TimeseriesBucket } from '../../reports/timeseries-buckets.js';
import { invalid } from '../openai/read-fields.js';
import { readChoice, readTimeRange } from './read-time-range.js';
import { rejectUnknownParams } from './reject-unknown-fields.js';

export interface TimeseriesDeps {
  dashboard: DashboardQueries;
  usage: UsageQueries;
  keys: KeyStore;
  catalog: ReportCatalog;
  baseline: string | undefined;
  now: () => number;
}

const BUCKETS: readonly TimeseriesBucket[] = ['hour', 'day', 'week'];

/**
 * `GET /admin/timeseries?metric=&since=&until=&bucket=&by=&baseline=`: a metric over time for the
 * dashboard's charts (docs/admin-api.md#timeseries). `by` applies to `spend` only and `baseline` to
 * `savings` only; elsewhere they are 400, as is a range of more than 5,000 buckets.
 */
export function registerTimeseriesRoute(routes: RouteTable, deps: TimeseriesDeps): void {
  routes.get(
    '/admin/timeseries',
    async (rc) => {
      const params = new URL(rc.req.url ?? '/', 'http://admin').searchParams;
      rejectUnknownParams(params, ['metric', 'since', 'until', 'bucket', 'by', 'baseline']);
      const now = deps.now();
      const metric = readChoice(params, 'metric', TIMESERIES_METRICS, 'spend')!;
      const bucket = readChoice(params, 'bucket', BUCKETS, 'day')!;
      const { since, until } = readTimeRange(params, now, '30d');
      if (bucketCount(since, until, bucket) > MAX_BUCKETS) throw invalid('bucket', `the range holds more than ${MAX_BUCKETS} ${bucket}s: ask for a larger bucket or a shorter range.`);
      if (params.has('by') && metric !== 'spend') throw invalid('by', `applies to metric 'spend' only; '${metric}' is split its own way.`);
      if (params.has('baseline') && metric !== 'savings') throw invalid('baseline', "applies to metric 'savings' only.");
      const by = readChoice(params, 'by', SPEND_DIMENSIONS);
      const options: TimeseriesOptions = { metric, bucket, since, until, now, ...(by && { by }) };
      if (metric === 'savings') {
        try {
          const b = resolveBaseline(params.get('baseline') ?? deps.baseline, deps.catalog);
          options.baseline = { ref: b.ref, price: b.offer.price, ...(b.note && { note: b.note }) };
        } catch (err) {
          if (err instanceof ReportOptionError) throw invalid('baseline', err.describe('api'));
          throw err;
        }
      }
      if (by === 'key') options.keyLabels = new Map((await deps.keys.list()).map((k) => [k.id, k.name ?? k.prefix]));
      return buildTimeseries(options, deps.dashboard, deps.usage);
    },
    { admin: true },
  );
}
