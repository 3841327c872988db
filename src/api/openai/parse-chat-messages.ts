import type { ContentPart, Message, TextPart, ToolCall } from '../../spec/chat-request.js';
import { describeType, invalid, isObject, optionalString, requireObject, requireString } from './read-fields.js';

/** The `messages` array of a chat-completions request as canonical messages. */
export function parseChatMessages(value: unknown): Message[] {
  if (value === undefined) throw invalid('messages', 'is required: a non-empty array of messages.');
  if (!Array.isArray(value)) throw invalid('messages', `expected an array, got ${describeType(value)}.`);
  if (value.length === 0) throw invalid('messages', 'must contain at least one message.');
  return value.map((m, i) => parseMessage(m, `messages[${i}]`));
}

function parseMessage(value: unknown, path: string): Message {
  const msg = requireObject(value, path);
  const role = msg.role;
  switch (role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: parseTextContent(msg.content, `${path}.content`) };
    case 'user': {
      const name = optionalString(msg, 'name', `${path}.name`);
      return { role: 'user', content: parseUserContent(msg.content, `${path}.content`), ...(name !== undefined && { name }) };
    }
    case 'assistant':
      return parseAssistant(msg, path);
    case 'tool':
      return {
        role: 'tool',
        toolCallId: requireString(msg.tool_call_id, `${path}.tool_call_id`),
        content: parseTextContent(msg.content, `${path}.content`),
      };
    default:
      throw invalid(`${path}.role`, `expected one of system, developer, user, assistant, tool; got ${JSON.stringify(role)}.`);
  }
}

function parseAssistant(msg: Record<string, unknown>, path: string): Message {
  const toolCalls = msg.tool_calls == null ? undefined : parseToolCalls(msg.tool_calls, `${path}.tool_calls`);
  const content = msg.content == null ? null : parseTextContent(msg.content, `${path}.content`, true);
  if (content === null && !toolCalls?.length) {
    throw invalid(`${path}.content`, 'an assistant message needs content or tool_calls.');
  }
  const reasoning = optionalString(msg, 'reasoning_content', `${path}.reasoning_content`);
  const name = optionalString(msg, 'name', `${path}.name`);
  return {
    role: 'assistant',
    content,
    ...(toolCalls?.length && { toolCalls }),
    ...(reasoning !== undefined && { reasoning }),
    ...(name !== undefined && { name }),
  };
}

function parseToolCalls(value: unknown, path: string): ToolCall[] {
  if (!Array.isArray(value)) throw invalid(path, `expected an array, got ${describeType(value)}.`);
  return value.map((raw, i) => {
    const call = requireObject(raw, `${path}[${i}]`);
    const fn = requireObject(call.function, `${path}[${i}].function`);
    return {
      id: requireString(call.id, `${path}[${i}].id`),
      name: requireString(fn.name, `${path}[${i}].function.name`),
      arguments: requireString(fn.arguments ?? '{}', `${path}[${i}].function.arguments`),
    };
  });
}

/** Text content: a string or an array of text parts (refusal parts of earlier answers are dropped). */
function parseTextContent(value: unknown, path: string, allowRefusal = false): string | TextPart[] {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) throw invalid(path, `expected a string or an array of content parts, got ${describeType(value)}.`);
  const parts: TextPart[] = [];
  value.forEach((raw, i) => {
    const part = requireObject(raw, `${path}[${i}]`);
    if (part.type === 'text') parts.push({ type: 'text', text: requireString(part.text, `${path}[${i}].text`) });
    else if (!(allowRefusal && part.type === 'refusal')) {
      throw invalid(`${path}[${i}].type`, `only 'text' parts are allowed here, got ${JSON.stringify(part.type)}.`);
    }
  });
  return parts;
}

function parseUserContent(value: unknown, path: string): string | ContentPart[] {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) throw invalid(path, `expected a string or an array of content parts, got ${describeType(value)}.`);
  return value.map((raw, i): ContentPart => {
    const p = `${path}[${i}]`;
    const part = requireObject(raw, p);
    if (part.type === 'text') return { type: 'text', text: requireString(part.text, `${p}.text`) };
    if (part.type === 'image_url') {
      const image = typeof part.image_url === 'string' ? { url: part.image_url } : requireObject(part.image_url, `${p}.image_url`);
      const url = requireString(image.url, `${p}.image_url.url`);
      if (!/^(https?:|data:image\/)/.test(url)) throw invalid(`${p}.image_url.url`, 'expected an http(s) URL or a data:image/... URL.');
      const detail = image.detail;
      if (detail != null && detail !== 'auto' && detail !== 'low' && detail !== 'high') {
        throw invalid(`${p}.image_url.detail`, "expected 'auto', 'low' or 'high'.");
      }
      return { type: 'image', url, ...(detail != null && { detail }) };
    }
    if (isObject(part) && typeof part.type === 'string') {
      throw invalid(`${p}.type`, `content parts of type '${part.type}' are not supported; use 'text' or 'image_url'.`);
    }
    throw invalid(`${p}.type`, "expected 'text' or 'image_url'.");
  });
}
