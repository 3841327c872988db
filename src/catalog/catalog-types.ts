/**
 * The catalog's vocabulary: what the gateway knows about models (who made them, where, under what
 * licence, what they can do) and about providers (where they host, what they do with prompts), and what
 * each provider charges for each model. Every price carries its source and date.
 */

/** USD per million tokens. */
export interface Price {
  input: number;
  /** Input tokens served from the provider's prompt cache; absent when the provider has no cache discount. */
  cachedInput?: number;
  /** Input tokens written to the prompt cache, where charged apart (Anthropic). */
  cacheWrite?: number;
  output: number;
  /** Reasoning tokens, only where priced apart from output. */
  reasoning?: number;
  /** Where the figures come from (a price page, a public price list snapshot, the config). */
  source: string;
  /** The date the figures were true (YYYY-MM-DD). */
  asOf: string;
}

export interface Capabilities {
  tools: boolean;
  vision: boolean;
  jsonOutput: boolean;
  reasoning: boolean;
}

/** A provider serving a model: the name it uses in its API and what it charges. */
export interface Offer {
  /** The provider type (`deepseek`, `together`, `anthropic`, ...), as in the config's `type`. */
  provider: string;
  /** The model's name in that provider's API. */
  upstreamModel: string;
  price: Price;
}

export interface CatalogModel {
  /** The catalog's own slug, e.g. `deepseek-v3.1`. */
  id: string;
  name: string;
  /** The organization that trained it: `DeepSeek`, `Alibaba`, `Moonshot AI`, `OpenAI`... */
  developer: string;
  /** ISO 3166-1 alpha-2 country of the developer: `CN`, `US`, `FR`... */
  origin: string;
  openWeights: boolean;
  /** SPDX id where there is one (`Apache-2.0`, `MIT`), else the licence's name; `proprietary` for closed models. */
  license: string;
  contextLength: number;
  maxOutputTokens?: number;
  capabilities: Capabilities;
  /**
   * Other names the model goes by (Hugging Face ids such as `Qwen/Qwen3-32B`, Ollama tags): a self-hosted
   * deployment serving one of these is recognised as this model.
   */
  aliases: string[];
  offers: Offer[];
}

/**
 * What a provider keeps of prompts and answers by default, in three classes:
 * - `zero-by-default`: nothing (a feature that stores, such as batches, is opt-in);
 * - `zero-on-request`: keeps them, but a zero-retention agreement or setting exists; a deployment counts as
 *   zero-retention only once the operator declares it in the config (`catalog.providers.<type>.zero_retention`);
 * - `retains`: keeps them, and no zero-retention option is known.
 */
export type RetentionClass = 'zero-by-default' | 'zero-on-request' | 'retains';

/** What a provider's own published pages say it does with prompts by default. Any fact may be unknown. */
export interface DataPolicy {
  /** Absent where the provider's pages do not say, or contradict each other. */
  retention?: RetentionClass;
  /** Days prompts and answers are kept by default, where the provider states a number. */
  retentionDays?: number;
  /** Whether prompts may be used to train models by default; absent where the provider's pages do not say. */
  trainsOnPrompts?: boolean;
  /** What the pages say, shortened. */
  summary: string;
  /** The provider's own pages the facts come from. */
  sources: string[];
  /** The day the sources were read (YYYY-MM-DD). */
  asOf: string;
}

/** What the operator declares in the config about their own arrangement with a provider type. */
export interface DeclaredDataPolicy {
  /** true: a zero-retention agreement or setting is in place; false: prompts are kept whatever the catalog says. */
  zeroRetention?: boolean;
  /** Whether the provider trains on this operator's prompts (e.g. false on a paid tier that does not). */
  trainsOnPrompts?: boolean;
  /** The operator's own words (a contract reference, the setting turned on). */
  note?: string;
}

export interface CatalogProvider {
  /** The provider type, as in the config's `type`. */
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2 country whose law governs where the API is hosted and operated. */
  jurisdiction: string;
  /** Developers whose own API this is (`DeepSeek` for `deepseek`); empty for third-party hosts. */
  firstPartyFor: string[];
  /** Self-hosted servers (vLLM, Ollama, ...) run wherever the user runs them: no jurisdiction of their own. */
  selfHosted: boolean;
  dataPolicy?: DataPolicy;
  /** Set only by the config: what the operator declares; it wins over `dataPolicy`. */
  declared?: DeclaredDataPolicy;
}

export interface CatalogData {
  /** When the catalog data was assembled (YYYY-MM-DD). */
  asOf: string;
  models: CatalogModel[];
  providers: CatalogProvider[];
}
