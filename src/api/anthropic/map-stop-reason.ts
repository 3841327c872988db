import type { ChatRequest } from '../../spec/chat-request.js';
import type { FinishReason } from '../../spec/finish-reason.js';

export interface StopFields {
  stop_reason: string;
  stop_sequence: string | null;
}

/** Anthropic stop reasons that refine a canonical one: kept when the upstream (an Anthropic one) sent them. */
const REFINES: Readonly<Record<string, FinishReason>> = {
  stop_sequence: 'stop',
  pause_turn: 'stop',
  model_context_window_exceeded: 'length',
};

const BY_FINISH: Readonly<Record<FinishReason, string>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

/**
 * The canonical finish reason as Anthropic's `stop_reason`. Which stop sequence ended the answer is only
 * known when the client gave exactly one; other upstreams do not say, and `stop_sequence` is then null.
 */
export function mapStopReason(reason: FinishReason, raw: string | undefined, req: ChatRequest): StopFields {
  const stopReason = raw !== undefined && REFINES[raw] === reason ? raw : BY_FINISH[reason];
  const only = req.stop?.length === 1 ? req.stop[0] : undefined;
  return { stop_reason: stopReason, stop_sequence: stopReason === 'stop_sequence' && only !== undefined ? only : null };
}
