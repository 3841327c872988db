import type { CatalogProvider } from '../../catalog/catalog-types.js';
import { providerFactsView } from '../../catalog/provider-facts-view.js';
import { catalogTypeOf, type ProviderConfig } from '../../config/gateway-config.js';
import type { RouteTable } from '../../http/route-table.js';
import { describeHosting } from '../../routing/describe-deployment.js';

export interface ProviderFactsDeps {
  providers: readonly ProviderConfig[];
  /** The catalog with the config's overrides (declared agreements) applied. */
  catalog: { provider(type: string): CatalogProvider | undefined };
}

/**
 * `GET /admin/providers`, behind the admin key: each configured provider's hosting and data-policy facts,
 * worked out the way the planner works them out (the config's declarations and `self_hosted` /
 * `jurisdiction` applied), so an operator can see which providers a zero-retention rule lets through.
 */
export function registerProviderFactsRoute(routes: RouteTable, deps: ProviderFactsDeps): void {
  // the config is frozen: the answer is the same for the process's life
  const body = {
    object: 'list',
    data: deps.providers.map((p) => {
      const type = catalogTypeOf(p);
      const provider = deps.catalog.provider(type);
      const view = providerFactsView(type, provider, describeHosting(provider, p), p.id);
      // what this account declares on itself (providers.<id>.zero_retention) is part of what was declared
      const own = {
        ...(p.zeroRetention !== undefined && { zeroRetention: p.zeroRetention }),
        ...(p.trainsOnPrompts !== undefined && { trainsOnPrompts: p.trainsOnPrompts }),
      };
      return Object.keys(own).length > 0 ? { ...view, declared: { ...view.declared, ...own, note: `providers.${p.id} in the config` } } : view;
    }),
  };
  routes.get('/admin/providers', async () => body, { admin: true });
}
