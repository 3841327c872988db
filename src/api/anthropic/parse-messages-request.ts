import type { ChatRequest } from '../../spec/chat-request.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { parseRoutingPreferences } from '../openai/parse-routing-preferences.js';
import { assign, describeType, invalid, isObject, optionalBoolean, optionalNumber, optionalString, requireModelName, type Obj } from '../openai/read-fields.js';
import { parseMessagesContent } from './parse-messages-content.js';
import { parseMessagesToolChoice, parseMessagesTools } from './parse-messages-tools.js';
import { parseThinking } from './parse-thinking.js';

/** Fields this codec reads itself; anything else is kept as vendor-specific `extra`, as on chat completions. */
const KNOWN = new Set([
  'model', 'max_tokens', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'stop_sequences', 'temperature',
  'top_p', 'top_k', 'metadata', 'stream', 'models', 'provider', 'router',
]);

/** Names that would reach an object's prototype rather than a field, wherever the extra fields are copied. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** A Messages API request body as a canonical ChatRequest; every problem names its field. */
export function parseMessagesRequest(body: unknown): ChatRequest {
  if (!isObject(body)) {
    throw new GatewayError('invalid_request', `The request body must be a JSON object, got ${describeType(body)}.`);
  }
  const model = requireModelName(body.model, 'model');
  const maxTokens = optionalNumber(body, 'max_tokens', { integer: true, min: 1 });
  if (maxTokens === undefined) throw invalid('max_tokens', 'is required: the most tokens the answer may have.');
  const messages = parseMessagesContent(body.system, body.messages);
  const stream = optionalBoolean(body, 'stream') ?? false;
  const tools = parseMessagesTools(body.tools);
  const req: ChatRequest = { model, messages, stream, includeUsage: stream, maxTokens };
  if (tools) req.tools = tools;
  Object.assign(req, parseMessagesToolChoice(body.tool_choice, tools));
  const thinking = parseThinking(body.thinking, maxTokens);
  assign(req, 'reasoningEffort', thinking?.effort);
  assign(req, 'reasoningBudget', thinking?.budget);
  assign(req, 'stop', parseStopSequences(body.stop_sequences));
  assign(req, 'temperature', optionalNumber(body, 'temperature', { min: 0, max: 1 }));
  assign(req, 'topP', optionalNumber(body, 'top_p', { min: 0, max: 1 }));
  assign(req, 'user', parseUserId(body.metadata));
  const routing = parseRoutingPreferences(body);
  if (routing) req.routing = routing;
  const extra = collectExtra(body);
  if (extra) req.extra = extra;
  return req;
}

function parseStopSequences(value: unknown): string[] | undefined {
  if (value == null) return undefined;
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string')) throw invalid('stop_sequences', 'expected an array of strings.');
  return value.length > 0 ? (value as string[]) : undefined;
}

function parseUserId(value: unknown): string | undefined {
  if (value == null) return undefined;
  if (!isObject(value)) throw invalid('metadata', `expected an object, got ${describeType(value)}.`);
  return optionalString(value, 'user_id', 'metadata.user_id');
}

/**
 * Fields the canonical request does not model, kept for upstreams that take vendor fields: `top_k` (an
 * integer, checked here) and whatever else the client sent. Upstreams that cannot take them refuse the
 * request rather than drop them, unless the client allows it (`provider.require_parameters: false`).
 */
function collectExtra(body: Obj): Record<string, unknown> | undefined {
  optionalNumber(body, 'top_k', { integer: true, min: 0 });
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(body)) {
    if ((KNOWN.has(key) && key !== 'top_k') || body[key] == null) continue;
    if (FORBIDDEN.has(key)) throw invalid(key, 'is not an accepted field name.');
    (extra ??= {})[key] = body[key];
  }
  return extra;
}
