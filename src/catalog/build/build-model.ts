import type { Capabilities, CatalogModel, Offer } from '../catalog-types.js';
import { capabilitiesFromLiteLLM, capabilitiesFromOpenRouter, priceFromLiteLLM, priceFromOpenRouter } from './convert-prices.js';
import { correctPrice } from './correct-price.js';
import { LITELLM_KEYS, type CuratedModel, type CuratedUpstream, type DeveloperCuration } from './curation-types.js';
import type { LiteLLMEntry, SharedCatalogSources } from './shared-sources.js';

/** What building one model needs besides its curation: the data, the price labels, the retirement cut-off. */
export interface ModelBuildContext {
  sources: SharedCatalogSources;
  litellm: { source: string; asOf: string };
  openrouter: { source: string; asOf: string };
  /** Upstream names LiteLLM marks deprecated on or before this date are left out. */
  retiredBy: string;
  /** The provider types that are this developer's own API. */
  firstParty(developer: string): readonly string[];
  warn(message: string): void;
}

function upstreams(spec: string | CuratedUpstream | Array<string | CuratedUpstream>): CuratedUpstream[] {
  return (Array.isArray(spec) ? spec : [spec]).map((u) => (typeof u === 'string' ? { model: u } : u));
}

function findLiteLLM(ctx: ModelBuildContext, provider: string, up: CuratedUpstream): LiteLLMEntry {
  const keys = LITELLM_KEYS[provider];
  if (!keys) throw new Error(`no LiteLLM mapping for provider type "${provider}"`);
  const candidates = up.litellm ? [up.litellm] : keys.prefixes.map((p) => p + up.model);
  for (const key of candidates) {
    const entry = ctx.sources.litellm.entries[key];
    if (entry && entry.litellm_provider === keys.provider) return entry;
  }
  throw new Error(`no LiteLLM price for ${provider} "${up.model}" (tried ${candidates.join(', ')})`);
}

function orCapabilities(list: Capabilities[]): Capabilities {
  return {
    tools: list.some((c) => c.tools),
    vision: list.some((c) => c.vision),
    jsonOutput: list.some((c) => c.jsonOutput),
    reasoning: list.some((c) => c.reasoning),
  };
}

/** One catalog model: the curation, filled in with prices, context and capabilities from the shared data. */
export function buildModel(ctx: ModelBuildContext, dev: DeveloperCuration, cm: CuratedModel): CatalogModel {
  const offers: Offer[] = [];
  const entries: LiteLLMEntry[] = [];
  const ownEntries: LiteLLMEntry[] = [];
  const own = ctx.firstParty(dev.developer);
  for (const [provider, spec] of Object.entries(cm.offers ?? {})) {
    if (!spec) continue;
    for (const up of upstreams(spec)) {
      const entry = findLiteLLM(ctx, provider, up);
      if (entry.deprecation_date && entry.deprecation_date <= ctx.retiredBy) {
        ctx.warn(`${cm.id}: ${provider} "${up.model}" left out, retired ${entry.deprecation_date}`);
        continue;
      }
      const listed = priceFromLiteLLM(entry, ctx.litellm.source, ctx.litellm.asOf);
      if (!listed) throw new Error(`${cm.id}: LiteLLM has no usable price for ${provider} "${up.model}"`);
      const price = up.correction ? correctPrice(listed, up.correction) : listed;
      offers.push({ provider, upstreamModel: up.model, price });
      entries.push(entry);
      if (own.includes(provider)) ownEntries.push(entry);
    }
  }
  const or = cm.openrouter ? ctx.sources.openrouter.entries.get(cm.openrouter) : undefined;
  if (cm.openrouter && !or) throw new Error(`${cm.id}: "${cm.openrouter}" is not in the OpenRouter snapshot`);
  if (or) {
    const price = priceFromOpenRouter(or, ctx.openrouter.source, ctx.openrouter.asOf);
    if (!price) throw new Error(`${cm.id}: OpenRouter has no usable price for "${or.id}"`);
    offers.push({ provider: 'openrouter', upstreamModel: or.id, price });
  }
  if (offers.length === 0) throw new Error(`${cm.id}: no provider offers it`);

  const hf = or?.hugging_face_id?.trim() || undefined;
  if (hf && !cm.openWeights) throw new Error(`${cm.id}: curated as closed, but OpenRouter gives Hugging Face id ${hf}`);
  const aliases = [...new Set([...(hf ? [hf] : []), ...(cm.aliases ?? [])])].filter(
    (a) => a.toLowerCase() !== cm.id.toLowerCase(),
  );

  const fromData = or?.context_length || Math.max(0, ...entries.map((e) => e.max_input_tokens ?? 0));
  const contextLength = cm.contextLength ?? fromData;
  if (!contextLength) throw new Error(`${cm.id}: no context length in the data; set contextLength in the curation`);
  // The developer's own API's limit where there is one, else the limit at OpenRouter's main host.
  const maxOutputTokens =
    ownEntries.find((e) => e.max_output_tokens)?.max_output_tokens ?? or?.top_provider?.max_completion_tokens ?? undefined;
  const capabilities = {
    ...orCapabilities([...(or ? [capabilitiesFromOpenRouter(or)] : []), ...entries.map(capabilitiesFromLiteLLM)]),
    ...cm.capabilities,
  };
  return {
    id: cm.id,
    name: cm.name,
    developer: dev.developer,
    origin: dev.origin,
    openWeights: cm.openWeights,
    license: cm.license,
    contextLength,
    // Some price-list entries give the context size as the output limit: that says nothing, so leave it out.
    ...(maxOutputTokens && maxOutputTokens < contextLength ? { maxOutputTokens } : {}),
    capabilities,
    aliases,
    offers,
  };
}
