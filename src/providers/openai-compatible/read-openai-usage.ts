import { countOrUndefined, type Usage } from '../../spec/usage.js';
import { asObject } from '../toolkit/json-shapes.js';

/**
 * OpenAI-style usage as canonical usage. Counts a vendor leaves out stay unknown. DeepSeek reports
 * cache hits as `prompt_cache_hit_tokens` besides (or instead of) `prompt_tokens_details.cached_tokens`.
 */
export function readOpenAIUsage(value: unknown): Usage | undefined {
  const u = asObject(value);
  if (!u) return undefined;
  const promptDetails = asObject(u.prompt_tokens_details);
  const completionDetails = asObject(u.completion_tokens_details);
  return {
    inputTokens: countOrUndefined(u.prompt_tokens),
    cachedInputTokens: countOrUndefined(promptDetails?.cached_tokens) ?? countOrUndefined(u.prompt_cache_hit_tokens),
    outputTokens: countOrUndefined(u.completion_tokens),
    reasoningTokens: countOrUndefined(completionDetails?.reasoning_tokens),
    raw: value,
  };
}

/** The usage object of a response or chunk: top level, or inside the first choice where some vendors put it. */
export function findOpenAIUsage(body: Record<string, unknown>, choice: Record<string, unknown> | undefined): unknown {
  return body.usage ?? choice?.usage ?? undefined;
}
