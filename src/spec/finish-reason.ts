/** Why generation stopped, in OpenAI's vocabulary. Adapters map their provider's values onto these. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

const KNOWN: ReadonlySet<string> = new Set(['stop', 'length', 'tool_calls', 'content_filter']);

/**
 * Map an OpenAI-style finish reason as providers actually send it. Standard values pass through;
 * `function_call` is the legacy name of `tool_calls`; anything else (`eos`, `end_turn`, vendor values) is a stop.
 */
export function normalizeFinishReason(raw: string): FinishReason {
  if (KNOWN.has(raw)) return raw as FinishReason;
  if (raw === 'function_call') return 'tool_calls';
  if (raw === 'max_tokens' || raw === 'model_length') return 'length';
  return 'stop';
}
