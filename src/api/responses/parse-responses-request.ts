import type { ChatRequest, Message } from '../../spec/chat-request.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { assign, describeType, invalid, isObject, optionalBoolean, optionalNumber, optionalString, requireModelName, requireObject, type Obj } from '../openai/read-fields.js';
import { parseRoutingPreferences } from '../openai/parse-routing-preferences.js';
import { parseResponsesInput } from './parse-responses-input.js';
import { parseResponsesTextFormat, parseResponsesToolChoice, parseResponsesTools } from './parse-responses-tools.js';

/** Fields read into the canonical request. */
const READ = new Set([
  'model', 'input', 'instructions', 'tools', 'tool_choice', 'text', 'reasoning', 'max_output_tokens', 'temperature',
  'top_p', 'parallel_tool_calls', 'stream', 'user', 'models', 'provider', 'router',
]);

/**
 * Fields a Responses client may send that concern OpenAI's own servers (what it stores, caches, bills or
 * returns besides the answer): accepted, validated where cheap, and not forwarded, since no other upstream
 * knows them; agents such as Codex CLI send some of them with every request.
 */
const ACCEPTED_NOT_FORWARDED = new Set([
  'store', 'metadata', 'include', 'prompt_cache_key', 'prompt_cache_retention', 'safety_identifier', 'service_tier',
  'stream_options', 'truncation', 'max_tool_calls', 'background',
]);

/** Fields that name state kept on OpenAI's servers: refused by name, since this gateway keeps none. */
const STATEFUL = ['previous_response_id', 'conversation', 'prompt'] as const;

/** Names that would reach an object's prototype rather than a field, wherever the extra fields are copied. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** A Responses API request body (`POST /v1/responses`) as a canonical ChatRequest; every problem names its field. */
export function parseResponsesRequest(body: unknown): ChatRequest {
  if (!isObject(body)) throw new GatewayError('invalid_request', `The request body must be a JSON object, got ${describeType(body)}.`);
  for (const field of STATEFUL) {
    if (body[field] != null) {
      throw new GatewayError('unsupported_parameter', `Invalid '${field}': this gateway is stateless: send the whole conversation in input.`, { param: field });
    }
  }
  if (body.background === true) {
    throw new GatewayError('unsupported_parameter', "Invalid 'background': this gateway is stateless and cannot run a response in the background to fetch later.", { param: 'background' });
  }
  optionalBoolean(body, 'store');
  if (body.metadata != null) checkMetadata(requireObject(body.metadata, 'metadata'));
  const model = requireModelName(body.model, 'model');
  const messages = withInstructions(optionalString(body, 'instructions'), parseResponsesInput(body.input));
  const stream = optionalBoolean(body, 'stream') ?? false;
  const tools = parseResponsesTools(body.tools);
  const req: ChatRequest = { model, messages, stream, includeUsage: stream };
  if (tools) req.tools = tools;
  assign(req, 'toolChoice', parseResponsesToolChoice(body.tool_choice, tools));
  assign(req, 'parallelToolCalls', optionalBoolean(body, 'parallel_tool_calls'));
  assign(req, 'responseFormat', parseResponsesTextFormat(body.text));
  assign(req, 'temperature', optionalNumber(body, 'temperature', { min: 0, max: 2 }));
  assign(req, 'topP', optionalNumber(body, 'top_p', { min: 0, max: 1 }));
  assign(req, 'maxTokens', optionalNumber(body, 'max_output_tokens', { integer: true, min: 1 }));
  assign(req, 'user', optionalString(body, 'user'));
  if (body.reasoning != null) {
    const reasoning = requireObject(body.reasoning, 'reasoning');
    assign(req, 'reasoningEffort', optionalString(reasoning, 'effort', 'reasoning.effort'));
  }
  const routing = parseRoutingPreferences(body);
  if (routing) req.routing = routing;
  const extra = collectExtra(body);
  if (extra) req.extra = extra;
  return req;
}

/** `instructions` is the system message, ahead of everything in input. */
function withInstructions(instructions: string | undefined, messages: Message[]): Message[] {
  return instructions ? [{ role: 'system', content: instructions }, ...messages] : messages;
}

function checkMetadata(metadata: Obj): void {
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') throw invalid(`metadata.${key}`, `expected a string, got ${describeType(value)}.`);
  }
}

/** Fields nothing here knows: kept as vendor-specific `extra`, as chat completions keeps them. */
function collectExtra(body: Obj): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(body)) {
    if (READ.has(key) || ACCEPTED_NOT_FORWARDED.has(key) || body[key] == null) continue;
    if (FORBIDDEN.has(key)) throw invalid(key, 'is not an accepted field name.');
    (extra ??= {})[key] = body[key];
  }
  return extra;
}
