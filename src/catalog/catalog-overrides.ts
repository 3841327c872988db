import type { Capabilities, CatalogData, CatalogModel, CatalogProvider, Offer, Price } from './catalog-types.js';

/** A price as config writes it: no source (it is always `config`), date optional (defaults to today). */
export type PriceInput = Omit<Price, 'source' | 'asOf'> & { asOf?: string };

/**
 * A model to add, or changes to a listed one (matched by id, case-insensitively). A new model needs at least
 * id, developer, origin, openWeights, license and contextLength; name defaults to the id. On a listed model,
 * given fields replace the catalog's, capabilities merge, aliases are added, offers are added or replace the
 * offer with the same provider and upstream name.
 */
export type ModelOverride = { id: string } & Partial<Omit<CatalogModel, 'id' | 'capabilities' | 'offers'>> & {
  capabilities?: Partial<Capabilities>;
  offers?: Array<{ provider: string; upstreamModel: string; price: PriceInput }>;
};

/**
 * What `provider` charges for `model` (its upstream name there), e.g. the cost per token of a self-hosted vLLM
 * server. It replaces the price of the offer with that provider and upstream name if there is one; else it
 * becomes an offer of `catalogModel`, or of the model whose id or alias is `model`; else it stands alone, and
 * `resolve` finds the price with no model. `provider` is whatever key the caller resolves by (a provider type).
 */
export interface PriceOverride {
  provider: string;
  model: string;
  catalogModel?: string;
  price: PriceInput;
}

/**
 * Changes to a listed provider (jurisdiction, ...) or a provider to add. The operator's own arrangement with it
 * (a zero-retention agreement, a tier that does not train) goes in `declared`, beside the catalog's published
 * facts, never over them: both are shown, and the declaration wins where policies read them.
 */
export type ProviderOverride = { id: string } & Partial<Omit<CatalogProvider, 'id' | 'dataPolicy'>>;

/** What config may add to or change in the catalog. Every price set here carries source `config`. */
export interface CatalogOverrides {
  models?: ModelOverride[];
  prices?: PriceOverride[];
  providers?: ProviderOverride[];
}

export class CatalogOverrideError extends Error {
  override name = 'CatalogOverrideError';
}

const REQUIRED_FOR_NEW = ['developer', 'origin', 'openWeights', 'license', 'contextLength'] as const;

export function configPrice(input: PriceInput, today: string, where: string): Price {
  for (const k of ['input', 'output', 'cachedInput', 'cacheWrite', 'reasoning'] as const) {
    const v = input[k];
    if ((k === 'input' || k === 'output' || v !== undefined) && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
      throw new CatalogOverrideError(`${where}: price.${k} must be a number of USD per million tokens, 0 or more`);
    }
  }
  const { asOf, ...rates } = input;
  return { ...rates, source: 'config', asOf: asOf ?? today };
}

function putOffer(offers: Offer[], offer: Offer): void {
  const i = offers.findIndex(
    (o) => o.provider === offer.provider && o.upstreamModel.toLowerCase() === offer.upstreamModel.toLowerCase(),
  );
  if (i >= 0) offers[i] = offer;
  else offers.push(offer);
}

function mergeModel(base: CatalogModel | undefined, o: ModelOverride, today: string): CatalogModel {
  const where = `catalog override for model ${o.id}`;
  if (!base) {
    const missing = REQUIRED_FOR_NEW.filter((k) => o[k] === undefined);
    if (missing.length > 0) throw new CatalogOverrideError(`${where}: a new model needs ${missing.join(', ')}`);
  }
  const { id, offers: extra = [], capabilities, aliases = [], ...fields } = o;
  const merged = {
    name: id,
    aliases: [] as string[],
    offers: [] as Offer[],
    ...base,
    ...fields,
    id: base?.id ?? id,
    capabilities: { tools: false, vision: false, jsonOutput: false, reasoning: false, ...base?.capabilities, ...capabilities },
  } as CatalogModel; // a new model's required fields were checked above
  merged.aliases = [...new Set([...(base?.aliases ?? []), ...aliases])];
  merged.offers = [...(base?.offers ?? [])];
  for (const offer of extra) putOffer(merged.offers, { ...offer, price: configPrice(offer.price, today, where) });
  return merged;
}

function mergeProvider(base: CatalogProvider | undefined, o: ProviderOverride): CatalogProvider {
  const { declared, ...fields } = o;
  if (declared?.zeroRetention === true && declared.trainsOnPrompts === true) {
    throw new CatalogOverrideError(`catalog override for provider ${o.id}: a provider that keeps nothing cannot train on prompts`);
  }
  return {
    name: o.id,
    jurisdiction: '',
    firstPartyFor: [],
    selfHosted: false,
    ...base,
    ...fields,
    ...(declared && { declared: { ...base?.declared, ...declared } }),
  };
}

/** The catalog with config applied; `data` is not changed. Prices that match no model come back as `looseOffers`. */
export function applyOverrides(
  data: CatalogData,
  overrides: CatalogOverrides,
  today: string,
): { data: CatalogData; looseOffers: Offer[] } {
  const models = data.models.map((m) => ({ ...m, offers: [...m.offers] }));
  for (const o of overrides.models ?? []) {
    const i = models.findIndex((m) => m.id.toLowerCase() === o.id.toLowerCase());
    if (i >= 0) models[i] = mergeModel(models[i], o, today);
    else models.push(mergeModel(undefined, o, today));
  }
  const providers = [...data.providers];
  for (const o of overrides.providers ?? []) {
    const i = providers.findIndex((p) => p.id === o.id);
    if (i >= 0) providers[i] = mergeProvider(providers[i], o);
    else providers.push(mergeProvider(undefined, o));
  }
  const looseOffers: Offer[] = [];
  const named = (name: string) => {
    const n = name.toLowerCase();
    return models.find((m) => m.id.toLowerCase() === n || m.aliases.some((a) => a.toLowerCase() === n));
  };
  for (const p of overrides.prices ?? []) {
    const where = `catalog price override for ${p.provider} ${p.model}`;
    const offer: Offer = { provider: p.provider, upstreamModel: p.model, price: configPrice(p.price, today, where) };
    const owner =
      models.find((m) => m.offers.some((o) => o.provider === p.provider && o.upstreamModel.toLowerCase() === p.model.toLowerCase())) ??
      (p.catalogModel !== undefined ? named(p.catalogModel) : named(p.model) ?? named(p.model.split('/').pop() ?? p.model));
    if (p.catalogModel !== undefined && !owner) throw new CatalogOverrideError(`${where}: no model "${p.catalogModel}" in the catalog`);
    if (owner) putOffer(owner.offers, offer);
    else putOffer(looseOffers, offer);
  }
  return { data: { ...data, models, providers }, looseOffers };
}
