import type { NativeRequest } from '../../spec/native-request.js';
import type { OpenAICompatibleProfile } from './profiles.js';

type Obj = Record<string, unknown>;

/** Fields a client sends for the gateway itself (OpenRouter-style routing): never forwarded. */
const GATEWAY_FIELDS = new Set(['models', 'provider', 'router']);

/**
 * Fields the translation may rewrite (checked one by one below). Every other field the codec reads
 * (`temperature`, `seed`, `logit_bias`, `user`, ...) it has validated and the translation copies as it is,
 * as it does the vendor extras it does not read.
 */
const READ = new Set(['model', 'messages', 'stream', 'stream_options', 'tools', 'tool_choice', 'response_format', 'max_tokens', 'max_completion_tokens', 'stop', 'n', 'logprobs']);

/**
 * The body a relaying OpenAI-compatible upstream is sent for a request that arrived on the chat wire: the
 * client's own, with the deployment's model name, the gateway's fields (`models`, `provider`, `router`)
 * left out, and `stream` / `stream_options` as the translation sets them. Undefined unless that is exactly
 * the body the translation (convertToOpenAIChatRequest) would send, field order aside: a request with
 * anything the translation rewrites (a `developer` message, text parts joined into a string, a string
 * `stop`, `max_tokens` where the vendor takes `max_completion_tokens`, a renamed field, a null, a field of
 * a message or tool the canonical request does not carry) is translated instead. The property test in
 * test/providers/openai-compatible/relay-chat-request.test.ts holds this against the translation.
 */
export function relayChatBody(native: NativeRequest, model: string, profile: OpenAICompatibleProfile, stream: boolean): Obj | undefined {
  const body = native.body;
  const out: Obj = {};
  const maxField = profile.maxTokensField ?? 'max_tokens';
  const renamed = profile.renameFields;
  let limits = 0;
  for (const key in body) {
    const value = body[key];
    if (GATEWAY_FIELDS.has(key)) continue;
    if (value === null || value === undefined) return undefined;
    if (renamed && key in renamed) return undefined;
    if (READ.has(key) && !relaysField(key, value, maxField)) return undefined;
    if (key === 'max_tokens' || key === 'max_completion_tokens') limits++;
    if (key !== 'stream' && key !== 'stream_options') out[key] = value;
  }
  if (limits > 1 || out.messages === undefined) return undefined;
  out.model = model;
  if (stream) {
    out.stream = true;
    if (profile.streamUsageOption !== false) out.stream_options = { include_usage: true };
  }
  return out;
}

function relaysField(key: string, value: unknown, maxField: string): boolean {
  switch (key) {
    case 'model':
    case 'stream':
    case 'stream_options':
      return true;
    case 'messages':
      return Array.isArray(value) && value.length > 0 && value.every(relaysMessage);
    case 'max_tokens':
    case 'max_completion_tokens':
      return key === maxField;
    case 'stop':
      return Array.isArray(value) && value.length > 0;
    case 'logprobs':
      return value === true;
    case 'tools':
      return Array.isArray(value) && value.length > 0 && value.every(relaysTool);
    case 'tool_choice':
      return typeof value === 'string' || (isObj(value) && hasOnly(value, ['type', 'function'], 2) && isObj(value.function) && hasOnly(value.function, ['name'], 1));
    case 'response_format':
      return relaysFormat(value);
    default:
      return false; // `n`: the translation leaves it out
  }
}

function relaysMessage(value: unknown): boolean {
  if (!isObj(value)) return false;
  switch (value.role) {
    case 'system':
      return hasOnly(value, ['role', 'content'], 2) && typeof value.content === 'string';
    case 'user':
      return hasOnly(value, ['role', 'content', 'name'], nonNull(value, 'name') ? 3 : 2) && relaysUserContent(value.content);
    case 'assistant': {
      const calls = value.tool_calls;
      const keys = 2 + (nonNull(value, 'name') ? 1 : 0) + (calls !== undefined ? 1 : 0);
      if (!hasOnly(value, ['role', 'content', 'name', 'tool_calls'], keys) || !('content' in value)) return false;
      if (calls !== undefined && !(Array.isArray(calls) && calls.length > 0 && calls.every(relaysToolCall))) return false;
      return typeof value.content === 'string' || (value.content === null && calls !== undefined);
    }
    case 'tool':
      return hasOnly(value, ['role', 'tool_call_id', 'content'], 3) && typeof value.content === 'string';
    default:
      return false; // `developer` becomes `system`
  }
}

/** A string, or parts with at least one image (a list of text parts alone is joined into a string). */
function relaysUserContent(content: unknown): boolean {
  if (typeof content === 'string') return true;
  if (!Array.isArray(content) || content.length === 0) return false;
  let images = 0;
  for (const part of content) {
    if (!isObj(part)) return false;
    if (part.type === 'text') {
      if (!hasOnly(part, ['type', 'text'], 2)) return false;
    } else if (part.type === 'image_url') {
      const image = part.image_url;
      if (!hasOnly(part, ['type', 'image_url'], 2) || !isObj(image)) return false;
      if (!hasOnly(image, ['url', 'detail'], nonNull(image, 'detail') ? 2 : 1)) return false;
      images++;
    } else return false;
  }
  return images > 0;
}

function relaysToolCall(value: unknown): boolean {
  if (!isObj(value) || value.type !== 'function' || !hasOnly(value, ['id', 'type', 'function'], 3)) return false;
  const fn = value.function;
  return isObj(fn) && hasOnly(fn, ['name', 'arguments'], 2) && typeof fn.arguments === 'string';
}

function relaysTool(value: unknown): boolean {
  if (!isObj(value) || value.type !== 'function' || !hasOnly(value, ['type', 'function'], 2)) return false;
  const fn = value.function;
  return isObj(fn) && hasOnly(fn, ['name', 'description', 'parameters', 'strict'], Object.keys(fn).length) && allNonNull(fn);
}

function relaysFormat(value: unknown): boolean {
  if (!isObj(value)) return false;
  if (value.type === 'text' || value.type === 'json_object') return hasOnly(value, ['type'], 1);
  if (value.type !== 'json_schema' || !hasOnly(value, ['type', 'json_schema'], 2)) return false;
  const js = value.json_schema;
  return isObj(js) && hasOnly(js, ['name', 'schema', 'strict', 'description'], Object.keys(js).length) && allNonNull(js);
}

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `obj` has exactly `count` keys, all among `allowed`, none of them null. */
function hasOnly(obj: Obj, allowed: readonly string[], count: number): boolean {
  let n = 0;
  for (const key in obj) {
    if (!allowed.includes(key)) return false;
    if (obj[key] === null && key !== 'content') return false;
    n++;
  }
  return n === count;
}

function nonNull(obj: Obj, key: string): boolean {
  return obj[key] !== undefined && obj[key] !== null;
}

function allNonNull(obj: Obj): boolean {
  for (const key in obj) if (obj[key] === null || obj[key] === undefined) return false;
  return true;
}
