import type { ContentPart, Message, TextPart } from '../../spec/chat-request.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { describeType, invalid, isObject, requireObject, requireString, type Obj } from '../openai/read-fields.js';

/**
 * The Responses API's `input` (a string, or a list of items) as canonical messages. A model's function
 * calls join the assistant message before them, as chat completions carries them; reasoning items from an
 * earlier turn are dropped (the canonical request has nowhere to keep their encrypted content).
 */
export function parseResponsesInput(value: unknown): Message[] {
  if (value === undefined || value === null) throw invalid('input', 'is required: a string or a non-empty array of input items.');
  if (typeof value === 'string') return [{ role: 'user', content: value }];
  if (!Array.isArray(value)) throw invalid('input', `expected a string or an array of input items, got ${describeType(value)}.`);
  if (value.length === 0) throw invalid('input', 'must contain at least one item.');
  const messages: Message[] = [];
  value.forEach((raw, i) => addItem(messages, requireObject(raw, `input[${i}]`), `input[${i}]`));
  if (messages.length === 0) throw invalid('input', 'holds no message or function call output: nothing to answer.');
  return messages;
}

function addItem(messages: Message[], item: Obj, path: string): void {
  // a message may leave out `type` (the SDK's "easy input message")
  const type = item.type ?? (item.role !== undefined ? 'message' : undefined);
  switch (type) {
    case 'message':
      messages.push(parseMessage(item, path));
      return;
    case 'function_call': {
      const call = {
        id: requireString(item.call_id, `${path}.call_id`),
        name: requireString(item.name, `${path}.name`),
        arguments: requireString(item.arguments ?? '{}', `${path}.arguments`),
      };
      const last = messages[messages.length - 1];
      if (last?.role === 'assistant') (last.toolCalls ??= []).push(call);
      else messages.push({ role: 'assistant', content: null, toolCalls: [call] });
      return;
    }
    case 'function_call_output':
      messages.push({
        role: 'tool',
        toolCallId: requireString(item.call_id, `${path}.call_id`),
        content: parseOutputContent(item.output, `${path}.output`),
      });
      return;
    case 'reasoning':
      return;
    case 'item_reference':
      throw new GatewayError('unsupported_parameter', `Invalid '${path}.type': item references point at server-side state; this gateway is stateless: send the whole conversation in input.`, { param: `${path}.type` });
    default:
      if (typeof type === 'string') {
        throw new GatewayError('unsupported_parameter', `Invalid '${path}.type': input items of type '${type}' are not supported; use message, function_call, function_call_output or reasoning.`, { param: `${path}.type` });
      }
      throw invalid(`${path}.type`, "expected 'message', 'function_call', 'function_call_output' or 'reasoning'.");
  }
}

function parseMessage(item: Obj, path: string): Message {
  switch (item.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: parseTextParts(item.content, `${path}.content`, 'input_text') };
    case 'user':
      return { role: 'user', content: parseUserContent(item.content, `${path}.content`) };
    case 'assistant':
      return { role: 'assistant', content: parseTextParts(item.content, `${path}.content`, 'output_text') };
    default:
      throw invalid(`${path}.role`, `expected one of user, assistant, system, developer; got ${JSON.stringify(item.role)}.`);
  }
}

/** Text content: a string, or parts of the given text type (an earlier answer's refusal parts are dropped). */
function parseTextParts(value: unknown, path: string, textType: 'input_text' | 'output_text'): string | TextPart[] {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) throw invalid(path, `expected a string or an array of content parts, got ${describeType(value)}.`);
  const parts: TextPart[] = [];
  value.forEach((raw, i) => {
    const part = requireObject(raw, `${path}[${i}]`);
    // clients echo an earlier answer's `output_text` back as it came; some send `input_text` for it
    if (part.type === textType || part.type === 'input_text' || part.type === 'output_text') {
      parts.push({ type: 'text', text: requireString(part.text, `${path}[${i}].text`) });
    } else if (part.type !== 'refusal') {
      throw invalid(`${path}[${i}].type`, `only '${textType}' parts are allowed here, got ${JSON.stringify(part.type)}.`);
    }
  });
  return parts;
}

function parseUserContent(value: unknown, path: string): string | ContentPart[] {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) throw invalid(path, `expected a string or an array of content parts, got ${describeType(value)}.`);
  if (value.length === 0) throw invalid(path, 'needs at least one content part.');
  return value.map((raw, i) => parseUserPart(requireObject(raw, `${path}[${i}]`), `${path}[${i}]`));
}

function parseUserPart(part: Obj, path: string): ContentPart {
  if (part.type === 'input_text') return { type: 'text', text: requireString(part.text, `${path}.text`) };
  if (part.type === 'input_image') {
    if (part.image_url == null && part.file_id != null) {
      throw new GatewayError('unsupported_parameter', `Invalid '${path}.file_id': uploaded files live on OpenAI's servers; send the image as image_url (an https or data: URL).`, { param: `${path}.file_id` });
    }
    const url = requireString(part.image_url, `${path}.image_url`);
    if (!/^(https?:|data:image\/)/.test(url)) throw invalid(`${path}.image_url`, 'expected an http(s) URL or a data:image/... URL.');
    const detail = part.detail;
    if (detail != null && detail !== 'auto' && detail !== 'low' && detail !== 'high') throw invalid(`${path}.detail`, "expected 'auto', 'low' or 'high'.");
    return { type: 'image', url, ...(detail != null && { detail }) };
  }
  if (isObject(part) && typeof part.type === 'string') {
    throw new GatewayError('unsupported_parameter', `Invalid '${path}.type': content parts of type '${part.type}' are not supported; use 'input_text' or 'input_image'.`, { param: `${path}.type` });
  }
  throw invalid(`${path}.type`, "expected 'input_text' or 'input_image'.");
}

/** A function call's output: a string, or text parts (canonical tool results carry text only). */
function parseOutputContent(value: unknown, path: string): string | TextPart[] {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) throw invalid(path, `expected a string or an array of content parts, got ${describeType(value)}.`);
  return value.map((raw, i) => {
    const part = requireObject(raw, `${path}[${i}]`);
    if (part.type === 'input_text' || part.type === 'output_text') return { type: 'text', text: requireString(part.text, `${path}[${i}].text`) };
    throw new GatewayError('unsupported_parameter', `Invalid '${path}[${i}].type': function call outputs carry text here ('input_text'), got ${JSON.stringify(part.type)}.`, { param: `${path}[${i}].type` });
  });
}
