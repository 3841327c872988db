import type { RouteTable } from '../../http/route-table.js';
import type { DashboardQueries, LatencyDimension } from '../../ledger/dashboard-queries.js';
import { readChoice, readTimeRange } from './read-time-range.js';
import { rejectUnknownParams } from './reject-unknown-fields.js';

export interface LatencyDeps {
  dashboard: DashboardQueries;
  now: () => number;
}

const DIMENSIONS: readonly LatencyDimension[] = ['provider', 'model'];

/**
 * `GET /admin/latency?since=24h&until=&by=provider|model`: requests, errors, error rate and the 50th and
 * 99th percentiles of time to first token and of the whole request, per provider or served model, from
 * the ledger (docs/admin-api.md#latency).
 */
export function registerLatencyRoute(routes: RouteTable, deps: LatencyDeps): void {
  routes.get(
    '/admin/latency',
    async (rc) => {
      const params = new URL(rc.req.url ?? '/', 'http://admin').searchParams;
      rejectUnknownParams(params, ['since', 'until', 'by']);
      const { since, until } = readTimeRange(params, deps.now(), '24h');
      const by = readChoice(params, 'by', DIMENSIONS, 'provider')!;
      const rows = await deps.dashboard.latency({ since, until, by });
      return {
        since,
        until,
        by,
        data: rows.map((r) => ({
          name: r.group ?? 'unknown',
          requests: r.requests,
          errors: r.errors,
          error_rate: r.requests > 0 ? r.errors / r.requests : null,
          ttft_p50_ms: r.ttftP50Ms,
          ttft_p99_ms: r.ttftP99Ms,
          duration_p50_ms: r.durationP50Ms,
          duration_p99_ms: r.durationP99Ms,
        })),
      };
    },
    { admin: true },
  );
}
