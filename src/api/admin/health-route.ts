import type { RouteTable } from '../../http/route-table.js';
import type { DeploymentHealth } from '../../routing/health/deployment-health.js';
import { describeHealth } from '../../routing/health/describe-health.js';

/**
 * GET /admin/health: every deployment's state as this process sees it (closed, open until, half-open,
 * cooling until, misconfigured), its last error and when, its error rate and latency medians. What
 * `switchyard status` prints.
 */
export function registerHealthRoute(routes: RouteTable, deps: { configured: () => string[]; health: DeploymentHealth; now: () => number }): void {
  routes.get(
    '/admin/health',
    async () => ({ object: 'list', now: deps.now(), panic: deps.health.panic, data: describeHealth(deps.configured(), deps.health) }),
    { admin: true },
  );
}
