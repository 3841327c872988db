import type { Catalog } from '../../catalog/catalog.js';
import { readPackageVersion } from '../../cli/read-package-version.js';
import type { GatewayConfig } from '../../config/gateway-config.js';
import type { RouteTable } from '../../http/route-table.js';
import type { ModelTable } from '../../routing/model-table.js';
import { killVocabulary } from '../../routing/policies/kill-vocabulary.js';
import type { Stores } from '../../server/open-stores.js';
import { registerDrillRoute } from './drill-route.js';
import { registerInfoRoute } from './info-route.js';
import { registerLatencyRoute } from './latency-route.js';
import { registerRequestLogRoutes } from './request-log-routes.js';
import { registerRouterRoute } from './router-route.js';
import { registerTimeseriesRoute } from './timeseries-route.js';

export interface DashboardRouteDeps {
  config: GatewayConfig;
  models: ModelTable;
  stores: Pick<Stores, 'dashboard' | 'usage' | 'keys' | 'traffic' | 'control'>;
  catalog: Catalog;
  now: () => number;
}

/**
 * The admin endpoints the dashboard reads (beside the keys, kill switches, reports and health it shares with
 * the CLI): info, timeseries, latency, the request log, the router and the drill. Behind the admin key or a
 * dashboard session, like every /admin route.
 */
export function registerDashboardRoutes(routes: RouteTable, deps: DashboardRouteDeps): void {
  const { config, stores, now } = deps;
  registerInfoRoute(routes, { config, version: readPackageVersion(), startedAt: now() });
  registerTimeseriesRoute(routes, { dashboard: stores.dashboard, usage: stores.usage, keys: stores.keys, catalog: deps.catalog, baseline: config.baseline, now });
  registerLatencyRoute(routes, { dashboard: stores.dashboard, now });
  registerRequestLogRoutes(routes, { dashboard: stores.dashboard, now });
  registerRouterRoute(routes, { routes: config.routes, models: deps.models, usage: stores.usage, now });
  registerDrillRoute(routes, {
    traffic: stores.traffic,
    usage: stores.usage,
    control: stores.control,
    models: deps.models,
    policies: config.policies,
    health: config.health,
    vocabulary: killVocabulary(deps.catalog, config),
    now,
  });
}
