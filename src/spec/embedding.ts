import type { RoutingPreferences } from './routing-preferences.js';
import type { Usage } from './usage.js';

export interface EmbeddingRequest {
  model: string;
  input: string | string[] | number[] | number[][];
  encodingFormat?: 'float' | 'base64';
  dimensions?: number;
  user?: string;
  /** OpenRouter's `models` and `provider`, as on chat completions (no `router`: that is for chat). */
  routing?: RoutingPreferences;
}

export interface EmbeddingResult {
  model?: string;
  /** One entry per input, in input order: floats, or base64 text when `encodingFormat` was base64. */
  data: Array<number[] | string>;
  usage?: Usage;
}
