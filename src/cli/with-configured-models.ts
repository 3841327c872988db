import { loadDefaultCatalog } from '../catalog/load-catalog.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { ModelTable } from '../routing/model-table.js';
import { buildProviders } from '../server/build-providers.js';

/**
 * A gateway config's model table (described from the catalog), run `fn` on them, and release
 * the providers' connection pools. Nothing is sent to any provider.
 */
export async function withConfiguredModels<T>(config: GatewayConfig, fn: (config: GatewayConfig, models: ModelTable) => Promise<T>): Promise<T> {
  const providers = buildProviders(config, loadDefaultCatalog(config.catalogOverrides));
  try {
    return await fn(config, providers.models);
  } finally {
    await providers.close();
  }
}
