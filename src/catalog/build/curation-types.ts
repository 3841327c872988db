import type { Capabilities } from '../catalog-types.js';

/**
 * The hand-curated half of the catalog: which models it lists and how they map onto the shared public
 * data. Facts that change (prices, context, capabilities) come from the data; what the data cannot say
 * (who made a model, under what licence, which upstream name a provider uses) is written here.
 */

/**
 * A price the curation sets because the price list is wrong: the numbers that replace LiteLLM's (USD per
 * million tokens) and the evidence, which the offer's `source` then carries beside the list's name.
 */
export interface PriceCorrection {
  input?: number;
  output?: number;
  /** Why the list's number is wrong and where the replacement comes from. */
  evidence: string;
}

/** One upstream name at a provider, with the price-list key when the list spells it differently. */
export interface CuratedUpstream {
  model: string;
  /** The LiteLLM price-file key, when it is not the provider's usual prefix plus `model`. */
  litellm?: string;
  /** Set only where LiteLLM's price is wrong (`npm run catalog:check` flags implausible prices). */
  correction?: PriceCorrection;
}

export type CuratedOffers = Partial<Record<string, string | CuratedUpstream | Array<string | CuratedUpstream>>>;

export interface CuratedModel {
  /** The catalog's slug: lowercase, the name people use (`qwen3-32b`, `claude-sonnet-4.5`). */
  id: string;
  name: string;
  openWeights: boolean;
  /** SPDX id where there is one, else the licence's name; `proprietary` for closed models. */
  license: string;
  /** The model's id in the OpenRouter snapshot: context, capabilities, Hugging Face id and the `openrouter` offer. */
  openrouter?: string;
  /** Upstream names per provider type (not `openrouter`, which comes from `openrouter` above). */
  offers?: CuratedOffers;
  /** More names a self-hosted server may use: Ollama tags, Hugging Face ids the snapshot lacks. */
  aliases?: string[];
  /** Set only where the shared data is wrong or silent. */
  contextLength?: number;
  capabilities?: Partial<Capabilities>;
}

export interface DeveloperCuration {
  developer: string;
  /** ISO 3166-1 alpha-2. */
  origin: string;
  /** The organisation's name in Epoch AI's notable-models list, used to check `origin`; absent when Epoch has none. */
  epochOrganization?: string;
  models: CuratedModel[];
}

/**
 * Where each provider type's prices sit in LiteLLM's file: the key prefixes tried in order (`''` is the bare
 * name) and the `litellm_provider` value the entry must carry.
 */
export const LITELLM_KEYS: Readonly<Record<string, { prefixes: readonly string[]; provider: string }>> = {
  openai: { prefixes: [''], provider: 'openai' },
  anthropic: { prefixes: [''], provider: 'anthropic' },
  gemini: { prefixes: ['gemini/'], provider: 'gemini' },
  deepseek: { prefixes: ['', 'deepseek/'], provider: 'deepseek' },
  qwen: { prefixes: ['dashscope/'], provider: 'dashscope' },
  moonshot: { prefixes: ['moonshot/'], provider: 'moonshot' },
  zai: { prefixes: ['zai/'], provider: 'zai' },
  minimax: { prefixes: ['minimax/'], provider: 'minimax' },
  mistral: { prefixes: ['mistral/'], provider: 'mistral' },
  together: { prefixes: ['together_ai/'], provider: 'together_ai' },
  fireworks: { prefixes: ['fireworks_ai/'], provider: 'fireworks_ai' },
  groq: { prefixes: ['groq/'], provider: 'groq' },
  xai: { prefixes: ['xai/'], provider: 'xai' },
};
