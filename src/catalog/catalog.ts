import { applyOverrides, type CatalogOverrides } from './catalog-overrides.js';
import type { CatalogData, CatalogModel, CatalogProvider, Offer } from './catalog-types.js';
import { countryMatches } from '../routing/policies/eu-members.js';

export interface ModelFilter {
  /** ISO country of the developer (`CN`, `US`, ...), or `EU` for its member states as in policies; any case. */
  origin?: string;
  openWeights?: boolean;
  /** Only models this provider type offers. */
  provider?: string;
}

export interface Resolution {
  model?: CatalogModel;
  offer?: Offer;
}

export interface CatalogOptions {
  /** YYYY-MM-DD given to config prices that state no date (default: today, UTC). */
  today?: string;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const offerKey = (provider: string, upstream: string) => `${provider}\u0000${upstream.toLowerCase()}`;
const baseName = (name: string) => name.slice(name.lastIndexOf('/') + 1);

/**
 * The catalog the gateway prices and routes with: models, providers and offers, with config overrides applied.
 * Lookups go through maps built once here; `resolve` runs on every request.
 */
export class Catalog {
  readonly asOf: string;
  readonly #models: readonly CatalogModel[];
  readonly #providers: readonly CatalogProvider[];
  readonly #byId = new Map<string, CatalogModel>();
  /** Ids and aliases, lowercased. */
  readonly #byName = new Map<string, CatalogModel>();
  /** The part after the last `/` of each alias (`Qwen3-32B` of `Qwen/Qwen3-32B`), where only one model has it. */
  readonly #byAliasBase = new Map<string, CatalogModel | null>();
  readonly #offers = new Map<string, Resolution>();

  constructor(data: CatalogData, overrides?: CatalogOverrides, options: CatalogOptions = {}) {
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    const applied = overrides ? applyOverrides(data, overrides, today) : { data, looseOffers: [] };
    const { models, providers } = deepFreeze(structuredClone(applied.data));
    this.asOf = applied.data.asOf;
    this.#models = models;
    this.#providers = providers;
    for (const offer of deepFreeze(structuredClone(applied.looseOffers))) {
      this.#offers.set(offerKey(offer.provider, offer.upstreamModel), { offer });
    }
    for (const model of models) {
      this.#byId.set(model.id.toLowerCase(), model);
      for (const name of [model.id, ...model.aliases]) {
        if (!this.#byName.has(name.toLowerCase())) this.#byName.set(name.toLowerCase(), model);
      }
      for (const alias of model.aliases) {
        const base = baseName(alias).toLowerCase();
        const seen = this.#byAliasBase.get(base);
        this.#byAliasBase.set(base, seen === undefined || seen === model ? model : null);
      }
      for (const offer of model.offers) {
        const key = offerKey(offer.provider, offer.upstreamModel);
        if (!this.#offers.has(key)) this.#offers.set(key, { model, offer });
      }
    }
  }

  providers(): readonly CatalogProvider[] {
    return this.#providers;
  }

  provider(type: string): CatalogProvider | undefined {
    return this.#providers.find((p) => p.id === type);
  }

  models(filter: ModelFilter = {}): CatalogModel[] {
    const origin = filter.origin?.toUpperCase();
    return this.#models.filter(
      (m) =>
        (origin === undefined || countryMatches(origin, m.origin.toUpperCase())) &&
        (filter.openWeights === undefined || m.openWeights === filter.openWeights) &&
        (filter.provider === undefined || m.offers.some((o) => o.provider === filter.provider)),
    );
  }

  /** The model with this catalog id (any case). */
  model(id: string): CatalogModel | undefined {
    return this.#byId.get(id.toLowerCase());
  }

  /**
   * The model a name means: by id or alias (any case), then by the part after the last `/` of the name, then by
   * the part after the last `/` of an alias (`/models/Meta-Llama-3.1-8B-Instruct` finds Llama 3.1 8B).
   */
  findModel(name: string): CatalogModel | undefined {
    const full = name.toLowerCase();
    const base = baseName(full);
    return this.#byName.get(full) ?? this.#byName.get(base) ?? this.#byAliasBase.get(full) ?? this.#byAliasBase.get(base) ?? undefined;
  }

  /**
   * What a provider's model is and costs: the offer with this provider type and upstream name (any case)
   * first; else the model the name means, with no offer (a self-hosted server, or no known price there).
   */
  resolve(providerType: string, upstreamModel: string): Resolution {
    const hit = this.#offers.get(offerKey(providerType, upstreamModel));
    if (hit) return hit;
    const model = this.findModel(upstreamModel);
    return model ? { model } : {};
  }
}
