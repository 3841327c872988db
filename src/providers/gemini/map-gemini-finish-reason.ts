import type { FinishReason } from '../../spec/finish-reason.js';

/** Gemini finish reasons (and prompt block reasons) that mean a safety or policy filter stopped the answer. */
const FILTERED: ReadonlySet<string> = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/**
 * A Gemini `finishReason` in OpenAI's vocabulary. Gemini ends a function-calling turn with STOP, so an
 * answer that holds tool calls reports `tool_calls` unless it was cut short (length) or filtered. Anything
 * else (MALFORMED_FUNCTION_CALL, OTHER, LANGUAGE, values added later) is a stop; callers keep the raw value.
 */
export function mapGeminiFinishReason(raw: string, hasToolCalls: boolean): FinishReason {
  if (raw === 'MAX_TOKENS') return 'length';
  if (FILTERED.has(raw)) return 'content_filter';
  return hasToolCalls ? 'tool_calls' : 'stop';
}
