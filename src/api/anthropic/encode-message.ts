import type { ChatRequest } from '../../spec/chat-request.js';
import type { ChatResult } from '../../spec/chat-result.js';
import type { AnswerIdentity } from '../chat-door.js';
import { encodeAnthropicUsage } from './encode-anthropic-usage.js';
import { mapStopReason } from './map-stop-reason.js';

/**
 * A canonical result as an Anthropic `message`: thinking, then text, then tool calls (the order Claude
 * answers in). Thinking carries an empty signature: the canonical result holds none, and a client that
 * sends the block back gets it dropped on the way (see parse-messages-content.ts). A refusal's
 * explanation is the text when the upstream gave no other.
 */
export function encodeMessage(result: ChatResult, identity: AnswerIdentity, req: ChatRequest): Record<string, unknown> {
  const content: Record<string, unknown>[] = [];
  if (result.reasoning) content.push({ type: 'thinking', thinking: result.reasoning, signature: '' });
  const text = result.text ?? (result.finishReason === 'content_filter' ? result.refusal : undefined);
  if (text) content.push({ type: 'text', text });
  for (const call of result.toolCalls) content.push({ type: 'tool_use', id: call.id, name: call.name, input: parseInput(call.arguments) });
  return {
    id: identity.id,
    type: 'message',
    role: 'assistant',
    model: identity.model,
    content,
    ...mapStopReason(result.finishReason, result.rawFinishReason, req),
    usage: encodeAnthropicUsage(result.usage),
  };
}

/**
 * Tool arguments as the object Anthropic's `input` is. Models behind OpenAI-style upstreams sometimes
 * emit arguments that are not a JSON object; they are kept under `_raw` rather than lost or thrown on.
 */
export function parseInput(args: string): Record<string, unknown> {
  if (args.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(args);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  return { _raw: args };
}
