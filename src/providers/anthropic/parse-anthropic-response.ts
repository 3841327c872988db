import type { ReasoningBlock, ToolCall } from '../../spec/chat-request.js';
import type { ChatResult } from '../../spec/chat-result.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { generateId } from '../toolkit/generate-id.js';
import { asArray, asObject, asString } from '../toolkit/json-shapes.js';
import { mapAnthropicErrorEvent } from './map-anthropic-error-event.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';
import { readAnthropicUsage } from './read-anthropic-usage.js';
import { readRefusalExplanation } from './read-refusal-explanation.js';

/**
 * A Messages API response body as a canonical result. Text blocks make the text, thinking blocks the
 * reasoning, `tool_use` blocks the tool calls. Thinking and redacted thinking are also kept block by block
 * with their signatures and data, so that a client can send them back. Server-side tool blocks
 * (`server_tool_use`, `web_search_tool_result`, ...) and block types added later are skipped: they carry
 * nothing an OpenAI client can use.
 */
export function parseAnthropicResponse(providerId: string, value: unknown, secrets: readonly string[]): ChatResult {
  const body = asObject(value);
  if (body?.type === 'error') throw mapAnthropicErrorEvent(providerId, body, secrets);
  if (!body || !Array.isArray(body.content)) {
    throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent a response without content.`, {
      provider: providerId,
    });
  }
  let text: string | null = null;
  let reasoning = '';
  const reasoningBlocks: ReasoningBlock[] = [];
  const toolCalls: ToolCall[] = [];
  for (const raw of asArray(body.content)) {
    const block = asObject(raw);
    if (block?.type === 'text') text = (text ?? '') + (asString(block.text) ?? '');
    else if (block?.type === 'thinking') {
      const thinking = asString(block.thinking) ?? '';
      const signature = asString(block.signature);
      reasoning += thinking;
      reasoningBlocks.push({ type: 'reasoning', text: thinking, ...(signature && { signature }) });
    } else if (block?.type === 'redacted_thinking') {
      const data = asString(block.data);
      if (data) reasoningBlocks.push({ type: 'redacted-reasoning', data });
    }
    else if (block?.type === 'tool_use') {
      const name = asString(block.name);
      if (!name) continue;
      toolCalls.push({
        id: asString(block.id) || generateId('toolu'),
        name,
        arguments: JSON.stringify(asObject(block.input) ?? {}),
      });
    }
  }
  const rawStop = asString(body.stop_reason);
  const refusal = rawStop === 'refusal' ? readRefusalExplanation(body.stop_details) : undefined;
  const usage = readAnthropicUsage(body.usage);
  return {
    id: asString(body.id),
    model: asString(body.model),
    text,
    ...(reasoning !== '' && { reasoning }),
    ...(reasoningBlocks.length > 0 && { reasoningBlocks }),
    ...(refusal && { refusal }),
    toolCalls,
    finishReason: mapAnthropicStopReason(rawStop, toolCalls.length > 0),
    ...(rawStop !== undefined && { rawFinishReason: rawStop }),
    ...(usage && { usage }),
  };
}
