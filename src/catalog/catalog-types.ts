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

export interface DataPolicy {
  /** How long prompts and answers are kept, in the provider's words, shortened. */
  retention: string;
  /** Days kept by default, where the provider states a number (0 = not stored). */
  retentionDays?: number;
  /** Whether a zero-retention option exists (by contract or setting). */
  zeroRetention: boolean;
  /** Whether prompts may be used to train models by default. */
  trainsOnPrompts: boolean;
  source: string;
  asOf: string;
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
}

export interface CatalogData {
  /** When the catalog data was assembled (YYYY-MM-DD). */
  asOf: string;
  models: CatalogModel[];
  providers: CatalogProvider[];
}
