import type { FinishReason } from '../../spec/finish-reason.js';

/**
 * An Anthropic `stop_reason` in OpenAI's vocabulary. `pause_turn` (a server tool loop paused) and values
 * this code does not know yet end the answer normally. `tool_use` becomes `tool_calls` only when the
 * answer holds a tool call for the client: a stop for a server-side tool has nothing for it to run.
 */
export function mapAnthropicStopReason(raw: string | undefined, hasToolCalls: boolean): FinishReason {
  switch (raw) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return hasToolCalls ? 'tool_calls' : 'stop';
    case 'refusal':
      return 'content_filter';
    default:
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
