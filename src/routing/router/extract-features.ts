import type { ChatRequest } from '../../spec/chat-request.js';
import { codeFeatures } from './code-features.js';
import { denseFeatures } from './dense-features.js';
import { checkFeatureConfig, ENSEMBLE_DENSE_DIM, TREE_DENSE_DIM, type FeatureConfig } from './feature-config.js';
import { hashFeatures, maxHashedEntries } from './hash-features.js';
import { viewOfChatRequest, viewOfPrompt, type PromptView } from './prompt-view.js';
import type { PromptMessage } from './routing-example.js';

/**
 * A prompt's features: `n` hashed (bucket, value) entries and the dense statistics (TREE_DENSE_DIM values, then,
 * when the code statistics were asked for, CODE_DIM more: ENSEMBLE_DENSE_DIM in all).
 */
export interface Features {
  idx: Int32Array;
  val: Float32Array;
  n: number;
  dense: Float32Array;
}

/** Features of one prompt view, in freshly allocated arrays sized to fit (for training sets). */
export function featuresOfView(view: PromptView, config: FeatureConfig, code = false): Features {
  checkFeatureConfig(config);
  const cap = maxHashedEntries(view.text.length, config);
  const idx = new Int32Array(cap);
  const val = new Float32Array(cap);
  const n = hashFeatures(view.text, config, idx, val);
  return { idx: idx.slice(0, n), val: val.slice(0, n), n, dense: denseOf(view, new Float32Array(code ? ENSEMBLE_DENSE_DIM : TREE_DENSE_DIM)) };
}

/** The dense statistics into `out`, and the code statistics after them when `out` has room for them. */
function denseOf(view: PromptView, out: Float32Array): Float32Array {
  denseFeatures(view, out);
  if (out.length === ENSEMBLE_DENSE_DIM) codeFeatures(view.text, out.subarray(TREE_DENSE_DIM));
  return out;
}

/** Features of a prompt string or an OpenAI-style messages array. */
export function featuresOfPrompt(prompt: string | readonly PromptMessage[], config: FeatureConfig, code = false): Features {
  return featuresOfView(viewOfPrompt(prompt), config, code);
}

/** Features of the gateway's canonical ChatRequest (tools, response format and system prompt included). */
export function featuresOfChatRequest(req: ChatRequest, config: FeatureConfig): Features {
  return featuresOfView(viewOfChatRequest(req), config);
}

/**
 * Reusable scratch buffers for the hot path: one extractor per model, no allocation per request once its
 * buffers have grown to the longest prompt's size (bounded by the head and tail windows).
 */
export class FeatureExtractor {
  readonly config: FeatureConfig;
  #idx: Int32Array;
  #val: Float32Array;
  readonly #dense: Float32Array;
  readonly #hashed: boolean;

  /**
   * `code`: also compute the code statistics (only the lr + gbt ensemble reads them). `hashed`: false when the
   * model gives the hashed n-grams no weight (a dense-only model): they are then not computed at all (n = 0).
   */
  constructor(config: FeatureConfig, code = false, hashed = true) {
    checkFeatureConfig(config);
    this.config = config;
    this.#hashed = hashed;
    this.#dense = new Float32Array(code ? ENSEMBLE_DENSE_DIM : TREE_DENSE_DIM);
    const cap = maxHashedEntries(config.headChars + config.tailChars, config);
    this.#idx = new Int32Array(cap);
    this.#val = new Float32Array(cap);
  }

  /** Features of a view in the extractor's buffers: valid until the next call. */
  extract(view: PromptView): Features {
    if (!this.#hashed) return { idx: this.#idx, val: this.#val, n: 0, dense: denseOf(view, this.#dense) };
    const cap = maxHashedEntries(view.text.length, this.config);
    if (cap > this.#idx.length) {
      this.#idx = new Int32Array(cap);
      this.#val = new Float32Array(cap);
    }
    const n = hashFeatures(view.text, this.config, this.#idx, this.#val);
    return { idx: this.#idx, val: this.#val, n, dense: denseOf(view, this.#dense) };
  }
}
