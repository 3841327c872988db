import type { PricedUsage } from '../../ledger/price-usage.js';
import type { Usage } from '../../spec/usage.js';

export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
  /** USD; null when the price is unknown. */
  cost?: number | null;
  /** Present (true) when the cost rests on a token count the gateway estimated from the text. */
  cost_estimated?: boolean;
}

/**
 * Canonical usage in OpenAI's shape, with the gateway's cost. Only counts the provider reported appear;
 * nothing is invented. The cost is always there: a number, or null when the price is unknown.
 */
export function encodeUsage(usage: Usage | undefined, priced: PricedUsage): WireUsage {
  const out: WireUsage = {};
  if (!usage) return withCost(out, priced);
  if (usage.inputTokens !== undefined) out.prompt_tokens = usage.inputTokens;
  if (usage.outputTokens !== undefined) out.completion_tokens = usage.outputTokens;
  if (usage.inputTokens !== undefined && usage.outputTokens !== undefined) {
    out.total_tokens = usage.inputTokens + usage.outputTokens;
  }
  if (usage.cachedInputTokens !== undefined) out.prompt_tokens_details = { cached_tokens: usage.cachedInputTokens };
  if (usage.reasoningTokens !== undefined) out.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return withCost(out, priced);
}

/** The cost fields of an answer's usage: `cost` (null when unknown) and, when estimated, `cost_estimated`. */
export function withCost<T extends { cost?: number | null; cost_estimated?: boolean }>(out: T, priced: PricedUsage): T {
  out.cost = priced.cost === undefined ? null : roundUsd(priced.cost);
  if (priced.costEstimated) out.cost_estimated = true;
  return out;
}

/** USD to a millionth of a cent: enough for any single request, without float noise in the JSON. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e8) / 1e8;
}

/** The `x-switchyard-cost` header value. */
export function costHeader(priced: PricedUsage): string {
  return priced.cost === undefined ? 'unknown' : String(roundUsd(priced.cost));
}
