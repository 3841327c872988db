import { countOrUndefined, sumKnown, type Usage } from '../../spec/usage.js';
import { asObject } from '../toolkit/json-shapes.js';

/**
 * Gemini `usageMetadata` as canonical usage, in OpenAI's meaning: input counts the prompt and any tool-use
 * prompt (code execution, search), output counts the answer and the thinking, reasoning is the thinking.
 *
 * Gemini's JSON leaves out counts that are zero (proto3 defaults). When `totalTokenCount` is present the
 * report is a real one and a missing count is therefore 0; without it (Vertex sends `{trafficType}` alone on
 * stream chunks) nothing is known and every count stays undefined. Returns undefined for no usage object.
 */
export function readGeminiUsage(value: unknown): Usage | undefined {
  const u = asObject(value);
  if (!u) return undefined;
  const complete = countOrUndefined(u.totalTokenCount) !== undefined;
  const count = (key: string) => countOrUndefined(u[key]) ?? (complete ? 0 : undefined);
  const thoughts = count('thoughtsTokenCount');
  return {
    inputTokens: sumKnown(count('promptTokenCount'), countOrUndefined(u.toolUsePromptTokenCount)),
    cachedInputTokens: count('cachedContentTokenCount'),
    outputTokens: sumKnown(count('candidatesTokenCount'), thoughts),
    reasoningTokens: thoughts,
    raw: value,
  };
}

/** Whether a usage report holds any count (chunks may carry metadata without counts). */
export function hasCounts(usage: Usage): boolean {
  return usage.inputTokens !== undefined || usage.outputTokens !== undefined;
}
