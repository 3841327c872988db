import type { GatewayConfig } from '../../config/gateway-config.js';
import type { RouteTable } from '../../http/route-table.js';
import { rejectUnknownParams } from './reject-unknown-fields.js';

export interface InfoDeps {
  config: Pick<GatewayConfig, 'providers' | 'storage' | 'baseline'>;
  version: string;
  /** When this process started (unix ms). */
  startedAt: number;
}

/**
 * `GET /admin/info`: what the dashboard shows on every page: the gateway's version, the store kind,
 * when this process started, the savings baseline, and whether any provider is simulated (its figures are
 * not real traffic).
 */
export function registerInfoRoute(routes: RouteTable, deps: InfoDeps): void {
  const answer = {
    version: deps.version,
    simulated: deps.config.providers.some((p) => p.type === 'simulated'),
    store: deps.config.storage.kind,
    started_at: deps.startedAt,
    baseline: deps.config.baseline ?? null,
    admin_via_ui: true,
  };
  routes.get(
    '/admin/info',
    async (rc) => {
      rejectUnknownParams(new URL(rc.req.url ?? '/', 'http://admin').searchParams, []);
      return answer;
    },
    { admin: true },
  );
}
