/**
 * Token usage in OpenAI's meaning. Every count is `undefined` when the provider did not report it:
 * unknown is never recorded as 0.
 */
export interface Usage {
  /** Every input token, cached and cache-written ones included. */
  inputTokens?: number;
  /** Input tokens served from the provider's prompt cache (a subset of inputTokens). */
  cachedInputTokens?: number;
  /** Input tokens written to the provider's prompt cache (a subset of inputTokens). */
  cacheWriteTokens?: number;
  /** Every output token, reasoning tokens included. */
  outputTokens?: number;
  /** Reasoning tokens (a subset of outputTokens). */
  reasoningTokens?: number;
  /** The provider's usage object as it arrived, kept beside the unified counts. */
  raw?: unknown;
}

/** A finite, non-negative integer, or undefined. */
export function countOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Sum of counts where at least one is known; undefined when all are unknown. */
export function sumKnown(...values: Array<number | undefined>): number | undefined {
  let total: number | undefined;
  for (const v of values) if (v !== undefined) total = (total ?? 0) + v;
  return total;
}

/** Merge a later usage report into an earlier one: later known counts win, unknown never overwrites known. */
export function mergeUsage(base: Usage | undefined, next: Usage): Usage {
  if (!base) return next;
  return {
    inputTokens: next.inputTokens ?? base.inputTokens,
    cachedInputTokens: next.cachedInputTokens ?? base.cachedInputTokens,
    cacheWriteTokens: next.cacheWriteTokens ?? base.cacheWriteTokens,
    outputTokens: next.outputTokens ?? base.outputTokens,
    reasoningTokens: next.reasoningTokens ?? base.reasoningTokens,
    raw: next.raw ?? base.raw,
  };
}
