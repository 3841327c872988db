import { catalogTypeOf, type GatewayConfig } from '../config/gateway-config.js';
import { PROVIDER_TYPES } from '../providers/registry.js';
import { createHttpClient } from '../providers/toolkit/create-http-client.js';
import type { HttpClient } from '../spec/http-client.js';
import type { ProviderAdapter } from '../spec/provider-adapter.js';
import type { Catalog } from '../catalog/catalog.js';
import { describeDeployments } from '../routing/describe-deployment.js';
import { ModelTable } from '../routing/model-table.js';

export interface Providers {
  adapters: ReadonlyMap<string, ProviderAdapter>;
  models: ModelTable;
  close(): Promise<void>;
}

/** One adapter per configured provider, each over its own keep-alive connection pool. */
export function buildProviders(config: GatewayConfig, catalog: Catalog): Providers {
  const adapters = new Map<string, ProviderAdapter>();
  const clients: HttpClient[] = [];
  const wellKnown: string[] = [];
  for (const p of config.providers) {
    const type = PROVIDER_TYPES[p.type];
    if (!type) throw new Error(`unknown provider type '${p.type}'`); // loadConfig already refused it
    const http = createHttpClient(p.id, p.timeouts, config.limits.upstream);
    clients.push(http);
    adapters.set(
      p.id,
      type.create({
        providerId: p.id,
        baseUrl: p.baseUrl,
        ...(p.apiKey !== undefined && { apiKey: p.apiKey }),
        headers: p.headers,
        ...(p.thinkTags !== undefined && { thinkTags: p.thinkTags }),
        ...(p.passThrough !== undefined && { passThrough: p.passThrough }),
        ...(p.simulation && { simulation: p.simulation }),
        http,
      }),
    );
    const catalogType = catalogTypeOf(p);
    for (const m of catalog.models({ provider: catalogType })) {
      const offer = m.offers.find((o) => o.provider === catalogType);
      if (offer) wellKnown.push(`${p.id}/${offer.upstreamModel}`);
    }
  }
  // With no models configured, list what the catalog knows each provider serves, so clients can discover it.
  const describe = describeDeployments(config.providers, catalog, config.limits.unknownPrice);
  const models = new ModelTable(config.models, adapters, describe, config.models.length === 0 && config.routes.length === 0 ? wellKnown : [], config.routes);
  return {
    adapters,
    models,
    async close() {
      await Promise.allSettled(clients.map((c) => c.close()));
    },
  };
}
