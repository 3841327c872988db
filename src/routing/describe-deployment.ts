import type { CatalogModel, CatalogProvider, Offer, Price } from '../catalog/catalog-types.js';
import { catalogTypeOf, type ProviderConfig } from '../config/gateway-config.js';
import type { DeploymentInfo, DescribeDeployment } from './deployment-info.js';
import { isPrivateUrl } from '../config/private-host.js';
import { providerDataFacts, type DataFacts } from '../catalog/provider-data-facts.js';

/** Where a configured provider runs and what it does with prompts: the part of a deployment's facts that is the host's. */
export type HostingFacts = Pick<DeploymentInfo, 'selfHosted' | 'jurisdiction' | 'zeroRetention' | 'trainsOnPrompts'>;

/**
 * A self-hosted type (vllm, ollama, openai-compatible...) counts as a server you run only on a loopback or
 * private address, or when the config says so: the same type pointed at someone's public endpoint is a
 * provider of unknown jurisdiction and data policy. A server you run keeps and learns nothing you did not
 * set up; a hosted provider's data facts are the catalog's, or what the operator declares for its type or,
 * for one account, on the provider itself.
 * A jurisdiction set on the provider in the config wins over the catalog's.
 */
export function describeHosting(provider: CatalogProvider | undefined, p: ProviderConfig | undefined): HostingFacts {
  const selfHosted = provider ? (p?.selfHosted ?? (provider.selfHosted && (p === undefined || isPrivateUrl(p.baseUrl)))) : p?.selfHosted;
  const jurisdiction = p?.jurisdiction ?? (!selfHosted && provider?.jurisdiction ? provider.jurisdiction : undefined);
  const data = selfHosted ? { trainsOnPrompts: false, zeroRetention: true } : accountFacts(provider ? providerDataFacts(provider) : {}, p);
  return {
    ...(selfHosted !== undefined && { selfHosted }),
    ...(jurisdiction !== undefined && { jurisdiction }),
    ...data,
  };
}

/**
 * What this one account declares in the config (`providers.<id>.zero_retention`, `trains_on_prompts`) wins
 * over what is known of its type; an account that keeps nothing does not train on it either.
 */
function accountFacts(typeFacts: DataFacts, p: ProviderConfig | undefined): DataFacts {
  if (p?.zeroRetention === undefined && p?.trainsOnPrompts === undefined) return typeFacts;
  const zeroRetention = p.zeroRetention ?? typeFacts.zeroRetention;
  const trainsOnPrompts = p.trainsOnPrompts ?? (p.zeroRetention === true ? false : typeFacts.trainsOnPrompts);
  return { ...(zeroRetention !== undefined && { zeroRetention }), ...(trainsOnPrompts !== undefined && { trainsOnPrompts }) };
}

/** What describing a deployment needs from the catalog. */
export interface CatalogLookup {
  resolve(providerType: string, upstreamModel: string): { model?: CatalogModel; offer?: Offer };
  provider(type: string): CatalogProvider | undefined;
}

/**
 * Describe deployments from the catalog and the config: a price set in the config for that provider and
 * model wins over the catalog's; otherwise the catalog's offer for that provider type and model name, if
 * any; else `unknownPrice` (the config's limits.unknown_price) if set. A self-hosted model recognised by
 * name gets its origin and licence but no price of its own. A simulated provider is described as the
 * provider type it stands for: its offers, prices, jurisdiction and data policy.
 */
export function describeDeployments(providers: readonly ProviderConfig[], catalog: CatalogLookup, unknownPrice?: Price): DescribeDeployment {
  const byId = new Map(providers.map((p) => [p.id, p]));
  return (providerId, model) => {
    const p = byId.get(providerId);
    // a simulated provider is described as the provider type it stands for
    const providerType = p ? catalogTypeOf(p) : providerId;
    const { model: m, offer } = catalog.resolve(providerType, model);
    const provider = catalog.provider(providerType);
    // limits.unknown_price, when set, stands in for a price nobody states (its source says so)
    const price = p?.prices[model] ?? offer?.price ?? unknownPrice;
    return {
      providerType,
      ...(price && { price }),
      ...(m && {
        catalogModel: m.id,
        developer: m.developer,
        origin: m.origin,
        openWeights: m.openWeights,
        license: m.license,
        contextLength: m.contextLength,
        ...(m.maxOutputTokens !== undefined && { maxOutputTokens: m.maxOutputTokens }),
        capabilities: m.capabilities,
      }),
      ...(provider && m && { firstParty: provider.firstPartyFor.includes(m.developer) }),
      ...describeHosting(provider, p),
    };
  };
}
