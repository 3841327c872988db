import type { ToolCall } from '../../spec/chat-request.js';
import type { ChatResult } from '../../spec/chat-result.js';
import type { FinishReason } from '../../spec/finish-reason.js';
import { GatewayError } from '../../spec/gateway-error.js';
import { countOrUndefined, type Usage } from '../../spec/usage.js';
import { generateId } from '../toolkit/generate-id.js';
import { asArray, asNumber, asObject, asString, type JsonObject } from '../toolkit/json-shapes.js';
import { mapUpstreamError } from '../toolkit/map-upstream-error.js';

/**
 * A Responses API body (`POST /v1/responses`, not streamed) as a canonical result. `message` items make the
 * text (`output_text` parts) and the refusal (`refusal` parts); `reasoning` items the reasoning (summary
 * texts, and `reasoning_text` content where a model sends it, pieces apart by a blank line; encrypted
 * content is left out); `function_call` items the tool calls. Hosted tools, programs, custom tools and item
 * types added later are skipped. A body with an `error`, or whose status is `failed`, is thrown as the error.
 */
export function parseResponsesResult(providerId: string, value: unknown, secrets: readonly string[]): ChatResult {
  const body = asObject(value);
  if (body?.error != null) throw mapResponsesError(providerId, body.error, secrets);
  if (body?.status === 'failed') throw failedWithoutError(providerId);
  if (!body || !Array.isArray(body.output)) {
    throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent a response without output.`, {
      provider: providerId,
    });
  }
  let text: string | null = null;
  let refusal = '';
  const reasoning: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const raw of body.output) {
    const item = asObject(raw);
    if (item?.type === 'message') {
      for (const rawPart of asArray(item.content)) {
        const part = asObject(rawPart);
        if (part?.type === 'output_text') text = (text ?? '') + (asString(part.text) ?? '');
        else if (part?.type === 'refusal') refusal += asString(part.refusal) ?? '';
      }
    } else if (item?.type === 'reasoning') {
      for (const piece of [...asArray(item.summary), ...asArray(item.content)]) {
        const t = asString(asObject(piece)?.text);
        if (t) reasoning.push(t);
      }
    } else if (item?.type === 'function_call') {
      const name = asString(item.name);
      if (!name) continue;
      const args = item.arguments;
      toolCalls.push({
        id: asString(item.call_id) || generateId('call'),
        name,
        arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
      });
    }
  }
  const finish = readResponsesFinish(body, toolCalls.length > 0);
  const usage = readResponsesUsage(body.usage);
  return {
    id: asString(body.id),
    model: asString(body.model),
    created: asNumber(body.created_at),
    text,
    ...(reasoning.length > 0 && { reasoning: reasoning.join('\n\n') }),
    ...(refusal !== '' && { refusal }),
    toolCalls,
    finishReason: finish.reason,
    ...(finish.raw !== undefined && { rawFinishReason: finish.raw }),
    ...(usage && { usage }),
  };
}

/**
 * Responses API usage as canonical usage: `input_tokens` (cache hits in `input_tokens_details.cached_tokens`,
 * cache writes in `.cache_write_tokens`) and `output_tokens` (reasoning included, counted apart in
 * `output_tokens_details.reasoning_tokens`). Counts left out stay unknown; no usage object is undefined.
 */
export function readResponsesUsage(value: unknown): Usage | undefined {
  const u = asObject(value);
  if (!u) return undefined;
  const inputDetails = asObject(u.input_tokens_details);
  return {
    inputTokens: countOrUndefined(u.input_tokens),
    cachedInputTokens: countOrUndefined(inputDetails?.cached_tokens),
    cacheWriteTokens: countOrUndefined(inputDetails?.cache_write_tokens),
    outputTokens: countOrUndefined(u.output_tokens),
    reasoningTokens: countOrUndefined(asObject(u.output_tokens_details)?.reasoning_tokens),
    raw: value,
  };
}

/**
 * A finished `response` object's status as a finish reason. `incomplete` reads its reason: `max_output_tokens`
 * is `length`, `content_filter` stays. Anything else (`completed`, or no status at all, as some streams
 * send) is a stop, or `tool_calls` when the model called functions. `raw` is the incomplete reason, else the status.
 */
export function readResponsesFinish(
  response: JsonObject | undefined,
  hasToolCalls: boolean,
  status = asString(response?.status),
): { reason: FinishReason; raw?: string } {
  const reason = asString(asObject(response?.incomplete_details)?.reason);
  if (status === 'incomplete' || reason !== undefined) {
    if (reason === 'max_output_tokens') return { reason: 'length', raw: reason };
    if (reason === 'content_filter') return { reason: 'content_filter', raw: reason };
  }
  const raw = reason ?? status;
  return { reason: hasToolCalls ? 'tool_calls' : 'stop', ...(raw !== undefined && { raw }) };
}

/** The HTTP status OpenAI answers each error code or type with, so an in-band error maps as a response would. */
const STATUS_BY_ERROR: Readonly<Record<string, number>> = Object.freeze({
  invalid_request_error: 400,
  invalid_prompt: 400,
  context_length_exceeded: 400,
  authentication_error: 401,
  invalid_api_key: 401,
  permission_error: 403,
  not_found_error: 404,
  model_not_found: 404,
  rate_limit_exceeded: 429,
  rate_limit_error: 429,
  insufficient_quota: 429,
  server_error: 500,
  api_error: 500,
  overloaded: 503,
  service_unavailable: 503,
  vector_store_timeout: 504,
});

/**
 * A Responses API error object (a body's `error`, a `response.failed` response's `error`, or an `error`
 * stream event, flat or with its own `error`) as a GatewayError. A numeric code is the status; otherwise the
 * code or type picks it: rate limits are the upstream's rate limit, server errors an upstream error, request
 * errors (`invalid_*`, image problems) the upstream's bad request. The message is the provider's, minus `secrets`.
 */
export function mapResponsesError(providerId: string, error: unknown, secrets: readonly string[]): GatewayError {
  const obj = asObject(error);
  const numeric = asNumber(obj?.code) ?? asNumber(obj?.status);
  const status = numeric !== undefined && numeric >= 400 && numeric < 600 ? numeric : statusFor(obj);
  return mapUpstreamError({ providerId, status, headers: {}, bodyText: JSON.stringify({ error }), secrets });
}

function statusFor(error: JsonObject | undefined): number {
  for (const key of [asString(error?.code), asString(error?.type)]) {
    // own keys only: a code named `constructor` is unknown, not Object's constructor
    if (key !== undefined && Object.hasOwn(STATUS_BY_ERROR, key)) return STATUS_BY_ERROR[key] as number;
  }
  const code = asString(error?.code) ?? '';
  return /^(invalid_|image_|unsupported_|empty_|failed_to_download)/.test(code) ? 400 : 502;
}

/** A `failed` response with no error object beside it. */
export function failedWithoutError(providerId: string): GatewayError {
  return new GatewayError('upstream_error', `Provider '${providerId}' reported the response as failed.`, { provider: providerId });
}
