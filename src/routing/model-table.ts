import type { ModelConfig } from '../config/gateway-config.js';
import type { ProviderAdapter } from '../spec/provider-adapter.js';

/** A deployment ready to be called: the provider's adapter and the model name it knows. */
export interface ResolvedDeployment {
  providerId: string;
  model: string;
  adapter: ProviderAdapter;
}

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

  constructor(
    models: readonly ModelConfig[],
    private readonly adapters: ReadonlyMap<string, ProviderAdapter>,
    private readonly extraListed: readonly string[] = [],
  ) {
    for (const m of models) {
      const deployments: ResolvedDeployment[] = [];
      for (const d of m.deployments) {
        const adapter = adapters.get(d.providerId);
        if (adapter) deployments.push({ providerId: d.providerId, model: d.model, adapter });
      }
      this.byName.set(m.name, Object.freeze(deployments));
    }
  }

  /** The deployments for a requested name, or undefined when the gateway does not serve it. */
  resolve(name: string): readonly ResolvedDeployment[] | undefined {
    const configured = this.byName.get(name);
    if (configured) return configured;
    const slash = name.indexOf('/');
    if (slash <= 0 || slash === name.length - 1) return undefined;
    const providerId = name.slice(0, slash);
    const adapter = this.adapters.get(providerId);
    return adapter ? [{ providerId, model: name.slice(slash + 1), adapter }] : undefined;
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
