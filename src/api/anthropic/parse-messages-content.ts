import type { ContentPart, ImagePart, Message, ReasoningBlock, TextPart, ToolCall } from '../../spec/chat-request.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { describeType, invalid, optionalBoolean, optionalString, requireObject, requireString, type Obj } from '../openai/read-fields.js';

/**
 * The `system` field and the `messages` array of a Messages API request as canonical messages.
 *
 * A user turn's `tool_result` blocks become tool messages, in place, so the turn's other content follows
 * them as a user message. An assistant turn's text, thinking and `tool_use` blocks become one assistant
 * message, its thinking and redacted thinking kept block by block, in order, with their signatures (an
 * Anthropic upstream needs them back verbatim; other upstreams ignore them). `cache_control` and
 * `citations` on blocks are hints the canonical request does not carry and are ignored.
 */
export function parseMessagesContent(system: unknown, messages: unknown): Message[] {
  const out: Message[] = [];
  if (system != null) {
    const text = parseTextBlocks(system, 'system');
    if (text.length > 0) out.push({ role: 'system', content: text });
  }
  if (messages === undefined) throw invalid('messages', 'is required: a non-empty array of messages.');
  if (!Array.isArray(messages)) throw invalid('messages', `expected an array, got ${describeType(messages)}.`);
  if (messages.length === 0) throw invalid('messages', 'must contain at least one message.');
  messages.forEach((raw, i) => {
    const path = `messages[${i}]`;
    const msg = requireObject(raw, path);
    if (msg.role === 'user') out.push(...parseUserTurn(msg.content, `${path}.content`));
    else if (msg.role === 'assistant') {
      const turn = parseAssistantTurn(msg.content, `${path}.content`);
      if (turn) out.push(turn);
    } else throw invalid(`${path}.role`, `expected 'user' or 'assistant', got ${JSON.stringify(msg.role)}.`);
  });
  // empty assistant turns are dropped above: what is left must still say something to answer
  if (!out.some((m) => m.role !== 'system')) throw invalid('messages', 'holds no content to answer: every turn is empty.');
  return out;
}

function blocksOf(content: unknown, path: string): unknown[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalid(path, `expected a string or an array of content blocks, got ${describeType(content)}.`);
  return content;
}

function parseUserTurn(content: unknown, path: string): Message[] {
  const out: Message[] = [];
  let parts: ContentPart[] = [];
  const flush = () => {
    if (parts.length > 0) out.push({ role: 'user', content: parts });
    parts = [];
  };
  blocksOf(content, path).forEach((raw, j) => {
    const at = `${path}[${j}]`;
    const block = requireObject(raw, at);
    switch (block.type) {
      case 'text':
        parts.push({ type: 'text', text: requireString(block.text, `${at}.text`) });
        break;
      case 'image':
        parts.push(parseImage(block, at));
        break;
      case 'tool_result':
        flush();
        out.push(parseToolResult(block, at));
        break;
      default:
        throw unsupportedBlock(block.type, at, 'text, image and tool_result');
    }
  });
  flush();
  if (out.length === 0) throw invalid(path, 'a user message needs at least one content block.');
  return out;
}

function parseAssistantTurn(content: unknown, path: string): Message | undefined {
  const text: TextPart[] = [];
  const toolCalls: ToolCall[] = [];
  let reasoning = '';
  const reasoningBlocks: ReasoningBlock[] = [];
  blocksOf(content, path).forEach((raw, j) => {
    const at = `${path}[${j}]`;
    const block = requireObject(raw, at);
    switch (block.type) {
      case 'text':
        text.push({ type: 'text', text: requireString(block.text, `${at}.text`) });
        break;
      case 'thinking': {
        const thinking = requireString(block.thinking, `${at}.thinking`);
        const signature = optionalString(block, 'signature', `${at}.signature`);
        reasoning += thinking;
        // an empty unsigned block says nothing; an empty signed one is still owed back to its provider
        if (thinking !== '' || signature) reasoningBlocks.push({ type: 'reasoning', text: thinking, ...(signature && { signature }) });
        break;
      }
      case 'redacted_thinking':
        reasoningBlocks.push({ type: 'redacted-reasoning', data: requireString(block.data, `${at}.data`) });
        break;
      case 'tool_use':
        toolCalls.push({
          id: requireString(block.id, `${at}.id`),
          name: requireString(block.name, `${at}.name`),
          arguments: JSON.stringify(requireObject(block.input, `${at}.input`)),
        });
        break;
      default:
        throw unsupportedBlock(block.type, at, 'text, thinking, redacted_thinking and tool_use');
    }
  });
  // an empty assistant turn (a prefill of nothing) says nothing
  if (text.length === 0 && toolCalls.length === 0 && reasoningBlocks.length === 0) return undefined;
  return {
    role: 'assistant',
    content: text.length > 0 ? text : null,
    ...(reasoning !== '' && { reasoning }),
    ...(reasoningBlocks.length > 0 && { reasoningBlocks }),
    ...(toolCalls.length > 0 && { toolCalls }),
  };
}

/** Base64 sources become `data:` URLs and URL sources stay URLs, as the canonical image part holds them. */
function parseImage(block: Obj, at: string): ImagePart {
  const source = requireObject(block.source, `${at}.source`);
  if (source.type === 'base64') {
    const mediaType = requireString(source.media_type, `${at}.source.media_type`);
    if (!/^image\/[a-z0-9.+-]+$/i.test(mediaType)) throw invalid(`${at}.source.media_type`, `expected an image media type such as image/png, got ${JSON.stringify(mediaType)}.`);
    return { type: 'image', url: `data:${mediaType};base64,${requireString(source.data, `${at}.source.data`)}` };
  }
  if (source.type === 'url') {
    const url = requireString(source.url, `${at}.source.url`);
    if (!/^https?:\/\//i.test(url)) throw invalid(`${at}.source.url`, 'expected an http(s) URL.');
    return { type: 'image', url };
  }
  throw invalid(`${at}.source.type`, `expected 'base64' or 'url', got ${JSON.stringify(source.type)}.`);
}

/**
 * A tool result as a tool message. `is_error` is checked but has no canonical counterpart: the result's
 * own text has to say what went wrong (clients such as Claude Code already write it so).
 */
function parseToolResult(block: Obj, at: string): Message {
  optionalBoolean(block, 'is_error', `${at}.is_error`);
  const toolCallId = requireString(block.tool_use_id, `${at}.tool_use_id`);
  const content = block.content == null ? '' : typeof block.content === 'string' ? block.content : parseTextBlocks(block.content, `${at}.content`);
  return { role: 'tool', toolCallId, content };
}

/** Text given as a string or as text blocks (the system prompt, a tool result). */
function parseTextBlocks(value: unknown, path: string): TextPart[] {
  if (typeof value === 'string') return value === '' ? [] : [{ type: 'text', text: value }];
  if (!Array.isArray(value)) throw invalid(path, `expected a string or an array of text blocks, got ${describeType(value)}.`);
  return value.map((raw, i) => {
    const block = requireObject(raw, `${path}[${i}]`);
    if (block.type !== 'text') throw unsupportedBlock(block.type, `${path}[${i}]`, 'text');
    return { type: 'text', text: requireString(block.text, `${path}[${i}].text`) };
  });
}

function unsupportedBlock(type: unknown, at: string, accepted: string): GatewayError {
  if (typeof type !== 'string') return invalid(`${at}.type`, `expected a content block type, got ${describeType(type)}.`);
  return new GatewayError('unsupported_parameter', `Content blocks of type '${type}' are not supported here; accepted: ${accepted}.`, {
    param: `${at}.type`,
  });
}
