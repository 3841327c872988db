import { countOrUndefined, type Usage } from '../../spec/usage.js';
import { asObject } from '../toolkit/json-shapes.js';

/**
 * OpenAI-style usage as canonical usage. Counts a vendor leaves out stay unknown. Cache hits are
 * `prompt_tokens_details.cached_tokens` (OpenAI and most), `prompt_cache_hit_tokens` (DeepSeek) or a top-level
 * `cached_tokens` (Moonshot).
 *
 * Canonical output tokens include reasoning tokens, as OpenAI's `completion_tokens` do. xAI's do not: its
 * totals read `prompt + completion + reasoning`. When the total says so, reasoning is added to the output.
 */
export function readOpenAIUsage(value: unknown): Usage | undefined {
  const u = asObject(value);
  if (!u) return undefined;
  const promptDetails = asObject(u.prompt_tokens_details);
  const completionDetails = asObject(u.completion_tokens_details);
  const input = countOrUndefined(u.prompt_tokens);
  const completion = countOrUndefined(u.completion_tokens);
  const reasoning = countOrUndefined(completionDetails?.reasoning_tokens);
  return {
    inputTokens: input,
    cachedInputTokens:
      countOrUndefined(promptDetails?.cached_tokens) ??
      countOrUndefined(u.prompt_cache_hit_tokens) ??
      countOrUndefined(u.cached_tokens),
    outputTokens: reasoningOutsideCompletion(input, completion, reasoning, countOrUndefined(u.total_tokens))
      ? completion! + reasoning!
      : completion,
    reasoningTokens: reasoning,
    raw: value,
  };
}

function reasoningOutsideCompletion(
  input: number | undefined,
  completion: number | undefined,
  reasoning: number | undefined,
  total: number | undefined,
): boolean {
  if (input === undefined || completion === undefined || !reasoning || total === undefined) return false;
  return total === input + completion + reasoning;
}

/**
 * The usage object of a response or chunk: top level, inside the first choice (Moonshot), or only in
 * Groq's `x_groq` envelope (older Groq streams).
 */
export function findOpenAIUsage(body: Record<string, unknown>, choice: Record<string, unknown> | undefined): unknown {
  return body.usage ?? choice?.usage ?? asObject(body.x_groq)?.usage ?? undefined;
}
