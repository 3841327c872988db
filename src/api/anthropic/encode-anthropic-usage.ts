import type { Usage } from '../../spec/usage.js';

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
}

/**
 * Canonical usage in Anthropic's meaning. Canonical input counts every input token; Anthropic's
 * `input_tokens` leaves out the ones read from or written to the cache, which it reports apart. A cache
 * count the upstream did not report is null (Anthropic's own type allows it); the two main counts are
 * numbers on this wire, so an unreported one is 0 there (the ledger still records it as unknown).
 */
export function encodeAnthropicUsage(usage: Usage | undefined): AnthropicUsage {
  const read = usage?.cachedInputTokens;
  const write = usage?.cacheWriteTokens;
  const input = usage?.inputTokens;
  return {
    input_tokens: input === undefined ? 0 : Math.max(0, input - (read ?? 0) - (write ?? 0)),
    output_tokens: usage?.outputTokens ?? 0,
    cache_creation_input_tokens: write ?? null,
    cache_read_input_tokens: read ?? null,
  };
}
