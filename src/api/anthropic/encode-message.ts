import type { ChatRequest } from '../../spec/chat-request.js';
import type { ChatResult } from '../../spec/chat-result.js';
import type { AnswerIdentity } from '../chat-door.js';
import { encodeAnthropicUsage } from './encode-anthropic-usage.js';
import { mapStopReason } from './map-stop-reason.js';

/**
 * A canonical result as an Anthropic `message`: thinking, then text, then tool calls (the order Claude
 * answers in). Thinking blocks carry the signatures and redacted data the upstream gave; reasoning from
 * an upstream that signs nothing is one thinking block with an empty signature. A refusal's explanation
 * is the text when the upstream gave no other.
 */
export function encodeMessage(result: ChatResult, identity: AnswerIdentity, req: ChatRequest): Record<string, unknown> {
  const content: Record<string, unknown>[] = [];
  content.push(...encodeThinking(result));
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

function encodeThinking(result: ChatResult): Record<string, unknown>[] {
  if (!result.reasoningBlocks) return result.reasoning ? [{ type: 'thinking', thinking: result.reasoning, signature: '' }] : [];
  return result.reasoningBlocks.map((block) =>
    block.type === 'redacted-reasoning'
      ? { type: 'redacted_thinking', data: block.data }
      : { type: 'thinking', thinking: block.text, signature: block.signature ?? '' },
  );
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
