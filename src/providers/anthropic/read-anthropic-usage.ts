import { countOrUndefined, type Usage } from '../../spec/usage.js';
import { asObject } from '../toolkit/json-shapes.js';

/** The token counts an Anthropic `usage` object carries, each `undefined` when absent. */
export interface AnthropicTokenCounts {
  input?: number;
  cacheWrite?: number;
  cacheRead?: number;
  output?: number;
  thinking?: number;
}

/**
 * Counts from an Anthropic usage object. `withOutput: false` leaves out `output_tokens`: in a stream's
 * `message_start` it is a running count of the first tokens, not the answer's.
 */
export function readAnthropicTokenCounts(value: unknown, withOutput = true): AnthropicTokenCounts | undefined {
  const u = asObject(value);
  if (!u) return undefined;
  return {
    input: countOrUndefined(u.input_tokens),
    cacheWrite: countOrUndefined(u.cache_creation_input_tokens),
    cacheRead: countOrUndefined(u.cache_read_input_tokens),
    output: withOutput ? countOrUndefined(u.output_tokens) : undefined,
    thinking: countOrUndefined(asObject(u.output_tokens_details)?.thinking_tokens),
  };
}

/** A later report over an earlier one, count by count: a count the later one lacks keeps its earlier value. */
export function mergeTokenCounts(base: AnthropicTokenCounts | undefined, next: AnthropicTokenCounts): AnthropicTokenCounts {
  if (!base) return next;
  return {
    input: next.input ?? base.input,
    cacheWrite: next.cacheWrite ?? base.cacheWrite,
    cacheRead: next.cacheRead ?? base.cacheRead,
    output: next.output ?? base.output,
    thinking: next.thinking ?? base.thinking,
  };
}

/**
 * Anthropic counts in OpenAI's meaning. Anthropic's `input_tokens` excludes cache reads and writes, so
 * every input token is the sum of the three; it stays unknown when `input_tokens` itself is unknown,
 * rather than reporting a part as the whole.
 */
export function toCanonicalUsage(counts: AnthropicTokenCounts, raw: unknown): Usage {
  const { input, cacheWrite, cacheRead } = counts;
  return {
    inputTokens: input === undefined ? undefined : input + (cacheWrite ?? 0) + (cacheRead ?? 0),
    cachedInputTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    outputTokens: counts.output,
    reasoningTokens: counts.thinking,
    raw,
  };
}

/** A response's usage object as canonical usage; undefined when the response has none. */
export function readAnthropicUsage(value: unknown): Usage | undefined {
  const counts = readAnthropicTokenCounts(value);
  return counts ? toCanonicalUsage(counts, value) : undefined;
}
