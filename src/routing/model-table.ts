import type { ModelConfig } from '../config/gateway-config.js';
import type { ProviderAdapter } from '../spec/provider-adapter.js';
import type { DeploymentInfo, DescribeDeployment } from './deployment-info.js';

/** A deployment ready to be called: the provider's adapter, the model name it knows, and what is known of it. */
export interface ResolvedDeployment {
  providerId: string;
  model: string;
  adapter: ProviderAdapter;
  info: DeploymentInfo;
}

/** Direct `<provider>/<model>` deployments are described once and kept, up to this many. */
const DIRECT_CACHE_LIMIT = 10_000;

export interface ListedModel {
  id: string;
  ownedBy: string;
  deployments: readonly ResolvedDeployment[];
}

/**
 * The names clients may ask for. A configured model maps to its deployments; any other name of the form
 * `<provider id>/<upstream model>` goes straight to that provider. Built once at start.
 */
export class ModelTable {
  private readonly byName = new Map<string, readonly ResolvedDeployment[]>();
  private readonly direct = new Map<string, readonly ResolvedDeployment[]>();

  constructor(
    models: readonly ModelConfig[],
    private readonly adapters: ReadonlyMap<string, ProviderAdapter>,
    private readonly describe: DescribeDeployment,
    private readonly extraListed: readonly string[] = [],
  ) {
    for (const m of models) {
      const deployments: ResolvedDeployment[] = [];
      for (const d of m.deployments) {
        const adapter = adapters.get(d.providerId);
        if (adapter) deployments.push({ providerId: d.providerId, model: d.model, adapter, info: describe(d.providerId, d.model) });
      }
      this.byName.set(m.name, Object.freeze(deployments));
    }
  }

  /** The deployments for a requested name, or undefined when the gateway does not serve it. */
  resolve(name: string): readonly ResolvedDeployment[] | undefined {
    const configured = this.byName.get(name);
    if (configured) return configured;
    const known = this.direct.get(name);
    if (known) return known;
    const slash = name.indexOf('/');
    if (slash <= 0 || slash === name.length - 1) return undefined;
    const providerId = name.slice(0, slash);
    const adapter = this.adapters.get(providerId);
    if (!adapter) return undefined;
    const model = name.slice(slash + 1);
    const deployments = Object.freeze([{ providerId, model, adapter, info: this.describe(providerId, model) }]);
    if (this.direct.size < DIRECT_CACHE_LIMIT) this.direct.set(name, deployments);
    return deployments;
  }

  /** Every configured model, then well-known `<provider>/<model>` names when no models are configured. */
  list(): ListedModel[] {
    const out: ListedModel[] = [];
    for (const [id, deployments] of this.byName) {
      out.push({ id, ownedBy: deployments[0]?.providerId ?? 'switchyard', deployments });
    }
    for (const id of this.extraListed) {
      if (this.byName.has(id)) continue;
      const deployments = this.resolve(id);
      if (deployments) out.push({ id, ownedBy: deployments[0]?.providerId ?? 'switchyard', deployments });
    }
    return out;
  }
}
