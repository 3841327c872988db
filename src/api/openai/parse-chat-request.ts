import type { ChatRequest } from '../../spec/chat-request.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { parseChatMessages } from './parse-chat-messages.js';
import { parseResponseFormat, parseToolChoice, parseTools } from './parse-chat-tools.js';
import { parseRoutingPreferences } from './parse-routing-preferences.js';
import { assign, describeType, invalid, isObject, optionalBoolean, optionalNumber, optionalString, requireModelName, type Obj } from './read-fields.js';

/** Fields this codec reads itself; anything else is kept as vendor-specific `extra`. */
const KNOWN = new Set([
  'model', 'messages', 'stream', 'stream_options', 'tools', 'tool_choice', 'parallel_tool_calls', 'response_format',
  'temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'stop', 'seed', 'n', 'frequency_penalty',
  'presence_penalty', 'logprobs', 'top_logprobs', 'logit_bias', 'user', 'reasoning_effort', 'models', 'provider',
  'router',
]);

/** A chat-completions request body as a canonical ChatRequest; every problem names its field. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (!isObject(body)) {
    throw new GatewayError('invalid_request', `The request body must be a JSON object, got ${describeType(body)}.`);
  }
  const model = requireModelName(body.model, 'model');
  const messages = parseChatMessages(body.messages);
  const stream = optionalBoolean(body, 'stream') ?? false;
  const streamOptions = body.stream_options == null ? undefined : body.stream_options;
  if (streamOptions !== undefined && !isObject(streamOptions)) throw invalid('stream_options', `expected an object, got ${describeType(streamOptions)}.`);
  const n = optionalNumber(body, 'n', { integer: true, min: 1 });
  if (n !== undefined && n !== 1) throw new GatewayError('unsupported_parameter', "Invalid 'n': only n=1 is supported.", { param: 'n' });
  // an empty tools list is no tools: some providers refuse `tools: []`
  const listed = parseTools(body.tools);
  const tools = listed && listed.length > 0 ? listed : undefined;
  const req: ChatRequest = {
    model,
    messages,
    stream,
    includeUsage: stream && streamOptions?.include_usage === true,
  };
  if (tools) req.tools = tools;
  assign(req, 'toolChoice', parseToolChoice(body.tool_choice, tools));
  assign(req, 'parallelToolCalls', optionalBoolean(body, 'parallel_tool_calls'));
  assign(req, 'responseFormat', parseResponseFormat(body.response_format));
  assign(req, 'temperature', optionalNumber(body, 'temperature', { min: 0, max: 2 }));
  assign(req, 'topP', optionalNumber(body, 'top_p', { min: 0, max: 1 }));
  assign(
    req,
    'maxTokens',
    optionalNumber(body, 'max_completion_tokens', { integer: true, min: 1 }) ??
      optionalNumber(body, 'max_tokens', { integer: true, min: 1 }),
  );
  assign(req, 'stop', parseStop(body.stop));
  assign(req, 'seed', optionalNumber(body, 'seed', { integer: true }));
  assign(req, 'frequencyPenalty', optionalNumber(body, 'frequency_penalty', { min: -2, max: 2 }));
  assign(req, 'presencePenalty', optionalNumber(body, 'presence_penalty', { min: -2, max: 2 }));
  // logprobs: false is the default some clients always send; only asking for them is a parameter.
  if (optionalBoolean(body, 'logprobs') === true) req.logprobs = true;
  assign(req, 'topLogprobs', optionalNumber(body, 'top_logprobs', { integer: true, min: 0, max: 20 }));
  assign(req, 'logitBias', parseLogitBias(body.logit_bias));
  assign(req, 'user', optionalString(body, 'user'));
  assign(req, 'reasoningEffort', optionalString(body, 'reasoning_effort'));
  const routing = parseRoutingPreferences(body);
  if (routing) req.routing = routing;
  const extra = collectExtra(body);
  if (extra) req.extra = extra;
  return req;
}

function parseStop(value: unknown): string[] | undefined {
  if (value == null) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((s) => typeof s === 'string')) return value.length > 0 ? (value as string[]) : undefined;
  throw invalid('stop', 'expected a string or an array of strings.');
}

function parseLogitBias(value: unknown): Record<string, number> | undefined {
  if (value == null) return undefined;
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'number')) {
    throw invalid('logit_bias', 'expected an object mapping token ids to numbers.');
  }
  return value as Record<string, number>;
}

/** Names that would reach an object's prototype rather than a field, wherever the extra fields are copied. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function collectExtra(body: Obj): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(body)) {
    if (KNOWN.has(key) || body[key] == null) continue;
    if (FORBIDDEN.has(key)) throw invalid(key, 'is not an accepted field name.');
    (extra ??= {})[key] = body[key];
  }
  return extra;
}
