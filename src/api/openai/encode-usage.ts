import type { Usage } from '../../spec/usage.js';

export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

/** Canonical usage in OpenAI's shape. Only counts the provider reported appear; nothing is invented. */
export function encodeUsage(usage: Usage | undefined): WireUsage | undefined {
  if (!usage) return undefined;
  const out: WireUsage = {};
  if (usage.inputTokens !== undefined) out.prompt_tokens = usage.inputTokens;
  if (usage.outputTokens !== undefined) out.completion_tokens = usage.outputTokens;
  if (usage.inputTokens !== undefined && usage.outputTokens !== undefined) {
    out.total_tokens = usage.inputTokens + usage.outputTokens;
  }
  if (usage.cachedInputTokens !== undefined) out.prompt_tokens_details = { cached_tokens: usage.cachedInputTokens };
  if (usage.reasoningTokens !== undefined) out.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return Object.keys(out).length > 0 ? out : undefined;
}
