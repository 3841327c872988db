import type { Message, ReasoningBlock, TextPart, ToolCall } from '../../spec/chat-request.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { asObject } from '../toolkit/json-shapes.js';
import type { AnthropicMessage, WireBlock, WireObject, WireTextBlock } from './anthropic-wire.js';
import { convertToAnthropicContent, convertToAnthropicText } from './convert-to-anthropic-content.js';

export interface AnthropicPrompt {
  /** Every system message's text, in order: Anthropic takes the system prompt beside the messages. */
  system: WireTextBlock[];
  messages: AnthropicMessage[];
}

/**
 * Canonical messages as Anthropic's alternating user/assistant turns. Tool results become `tool_result`
 * blocks of a user turn; consecutive turns of one role are merged (Anthropic requires alternation), and
 * within a user turn the tool results come first, as Anthropic requires. An assistant's signed reasoning
 * blocks go back first in its turn, as `thinking` blocks with their signatures (and redacted reasoning as
 * `redacted_thinking`): with thinking and tool use, Anthropic requires the previous turn's thinking back
 * unmodified. Unsigned reasoning is not sent back, since Anthropic accepts earlier thinking only signed.
 */
export function convertToAnthropicMessages(messages: readonly Message[]): AnthropicPrompt {
  const system: WireTextBlock[] = [];
  const turns: AnthropicMessage[] = [];
  messages.forEach((msg, i) => {
    switch (msg.role) {
      case 'system':
        system.push(...convertToAnthropicText(msg.content));
        break;
      case 'user':
        appendTurn(turns, 'user', convertToAnthropicContent(msg.content, `messages[${i}].content`));
        break;
      case 'tool':
        appendTurn(turns, 'user', [
          { type: 'tool_result', tool_use_id: msg.toolCallId, content: convertToolResult(msg.content) },
        ]);
        break;
      case 'assistant':
        appendTurn(turns, 'assistant', [
          ...(msg.reasoningBlocks ?? []).flatMap(convertReasoningBlock),
          ...convertToAnthropicText(msg.content),
          ...(msg.toolCalls ?? []).map((call, j) => convertToolCall(call, `messages[${i}].tool_calls[${j}].function.arguments`)),
        ]);
        break;
    }
  });
  for (const turn of turns) {
    if (turn.role === 'user') turn.content = toolResultsFirst(turn.content);
  }
  return { system, messages: turns };
}

function appendTurn(turns: AnthropicMessage[], role: AnthropicMessage['role'], blocks: WireBlock[]): void {
  if (blocks.length === 0) return;
  const last = turns[turns.length - 1];
  if (last && last.role === role) last.content.push(...blocks);
  else turns.push({ role, content: blocks });
}

function convertReasoningBlock(block: ReasoningBlock): WireBlock[] {
  if (block.type === 'redacted-reasoning') return [{ type: 'redacted_thinking', data: block.data }];
  return block.signature ? [{ type: 'thinking', thinking: block.text, signature: block.signature }] : [];
}

function convertToolResult(content: string | TextPart[]): string | WireTextBlock[] {
  if (typeof content === 'string') return content;
  const blocks = convertToAnthropicText(content);
  return blocks.length > 0 ? blocks : '';
}

function convertToolCall(call: ToolCall, param: string): WireBlock {
  return { type: 'tool_use', id: call.id, name: call.name, input: parseToolArguments(call.arguments, param) };
}

/** A tool call's JSON arguments as the object Anthropic wants; empty arguments are an empty object. */
function parseToolArguments(text: string, param: string): WireObject {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const input = asObject(parsed);
  if (!input) {
    throw new GatewayError('invalid_request', 'Tool call arguments must be a JSON object.', { param });
  }
  return input;
}

function toolResultsFirst(blocks: WireBlock[]): WireBlock[] {
  const results = blocks.filter((b) => b.type === 'tool_result');
  if (results.length === 0 || results.length === blocks.length) return blocks;
  return [...results, ...blocks.filter((b) => b.type !== 'tool_result')];
}
