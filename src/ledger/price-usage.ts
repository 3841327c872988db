import type { Price } from '../catalog/catalog-types.js';
import type { Usage } from '../spec/usage.js';

export interface TokenEstimate {
  input: number;
  output: number;
}

export interface PricedUsage {
  /** USD; undefined when the price is unknown. */
  cost?: number;
  /** True when some count the cost rests on was estimated from the text (the provider reported none). */
  costEstimated: boolean;
}

/**
 * The cost of one answer. Each kind of token at its own rate: cache reads and writes where priced apart
 * (else at the input rate), reasoning where priced apart (else as output). Counts the provider did not
 * report are taken from `estimate` (a token count of the text) and the cost is marked estimated; the usage
 * itself stays unknown. No price, no cost: unknown is never 0.
 */
export function priceUsage(usage: Usage | undefined, price: Price | undefined, estimate: () => TokenEstimate): PricedUsage {
  if (!price) return { costEstimated: false };
  let input = usage?.inputTokens;
  let output = usage?.outputTokens;
  let costEstimated = false;
  if (input === undefined || output === undefined) {
    const e = estimate();
    input ??= e.input;
    output ??= e.output;
    costEstimated = true;
  }
  const cached = Math.min(usage?.cachedInputTokens ?? 0, input);
  const cacheWrite = Math.min(usage?.cacheWriteTokens ?? 0, input - cached);
  const reasoning = price.reasoning !== undefined ? Math.min(usage?.reasoningTokens ?? 0, output) : 0;
  const micro =
    (input - cached - cacheWrite) * price.input +
    cached * (price.cachedInput ?? price.input) +
    cacheWrite * (price.cacheWrite ?? price.input) +
    (output - reasoning) * price.output +
    reasoning * (price.reasoning ?? price.output);
  return { cost: micro / 1_000_000, costEstimated };
}
