import type { CatalogProvider, DataPolicy, DeclaredDataPolicy } from './catalog-types.js';
import type { DataFacts } from './provider-data-facts.js';

/** Where a provider runs and what policies act on, as worked out for it (routing's `describeHosting`). */
export interface HostingView extends DataFacts {
  selfHosted?: boolean;
  jurisdiction?: string;
}

/**
 * One provider's data-policy facts as `switchyard catalog --providers` and `GET /admin/providers` show them:
 * what the provider publishes (with its sources and the day they were read), what the operator declares in
 * the config, and what zero_retention / no_training policies and a request's `zdr` act on. Unknown is null.
 */
export interface ProviderFactsView {
  /** The provider's id in the config (the admin API lists configured providers). */
  id?: string;
  /** The provider type (`openai`, `vllm`, ...). */
  type: string;
  name: string;
  /** ISO country of the hosting; null for a self-hosted server or where not known. */
  jurisdiction: string | null;
  selfHosted: boolean;
  published: DataPolicy | null;
  declared: DeclaredDataPolicy | null;
  /** What policies and `zdr` act on: self-hosted, the published class, or the declaration. */
  effective: { zeroRetention: boolean | null; trainsOnPrompts: boolean | null };
}

export function providerFactsView(type: string, provider: CatalogProvider | undefined, hosting: HostingView, id?: string): ProviderFactsView {
  return {
    ...(id !== undefined && { id }),
    type,
    name: provider?.name ?? type,
    jurisdiction: hosting.jurisdiction ?? null,
    selfHosted: hosting.selfHosted === true,
    published: provider?.dataPolicy ?? null,
    declared: provider?.declared ?? null,
    effective: { zeroRetention: hosting.zeroRetention ?? null, trainsOnPrompts: hosting.trainsOnPrompts ?? null },
  };
}
