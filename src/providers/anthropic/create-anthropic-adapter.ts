import { collectSecrets } from '../toolkit/collect-secrets.js';
import type { ChatParam } from '../../spec/chat-request.js';
import type { AdapterSettings, ChatCall, ProviderAdapter } from '../../spec/provider-adapter.js';
import { asArray, asObject, asString } from '../toolkit/json-shapes.js';
import { decodeEventStream } from '../toolkit/decode-event-stream.js';
import { getJson, openJsonPost, postJson } from '../toolkit/send-json.js';
import { convertToAnthropicRequest } from './convert-to-anthropic-request.js';
import { parseAnthropicResponse } from './parse-anthropic-response.js';
import { AnthropicStreamDecoder } from './decode-anthropic-stream.js';
import { nativeBody, type NativeRequest } from '../../spec/native-request.js';
import { NativeFrameDecoder } from '../toolkit/pass-native-frames.js';

/** The Messages API version this adapter speaks; a config header may override it. */
export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Parameters the Messages API has no field for. The core refuses a request that sets one, rather than
 * dropping it silently. `extra` (unmodelled vendor fields) is refused too: it carries OpenAI-style fields.
 */
export const ANTHROPIC_UNSUPPORTED_PARAMS: ReadonlySet<ChatParam> = new Set<ChatParam>([
  'seed',
  'frequencyPenalty',
  'presencePenalty',
  'logprobs',
  'topLogprobs',
  'logitBias',
  'extra',
]);

/** The Messages stream's last event: held by the door until the ledger row is durable. */
const TERMINAL_EVENTS: ReadonlySet<string> = new Set(['message_stop']);

/**
 * The Anthropic Messages API (`POST {baseUrl}/messages`) as a provider adapter, for Anthropic and the vendors'
 * Anthropic-compatible endpoints (`auth: 'bearer'` for those that take the key as a bearer token). A request
 * that arrived on the Messages wire is passed through: the client's body with the model renamed, its
 * `anthropic-beta` header added to the config's, and the upstream's body or events returned as they came.
 */
export function createAnthropicAdapter(settings: AdapterSettings, auth: 'x-api-key' | 'bearer' = 'x-api-key'): ProviderAdapter {
  const { providerId, http } = settings;
  const base = settings.baseUrl.replace(/\/+$/, '');
  const headers = buildHeaders(settings, auth);
  const secrets = collectSecrets(settings);
  const post = (body: unknown, signal: AbortSignal, native?: NativeRequest) => ({
    http,
    providerId,
    url: `${base}/messages`,
    headers: native ? withClientHeaders(headers, native) : headers,
    body,
    signal,
    secrets,
  });
  const passes = (request: ChatCall['request']): NativeRequest | undefined =>
    settings.passThrough !== false && request.native?.wire === 'anthropic-messages' ? request.native : undefined;

  return {
    providerId,
    kind: 'anthropic',
    unsupportedParams: ANTHROPIC_UNSUPPORTED_PARAMS,
    ...(settings.passThrough !== false && { nativeWire: 'anthropic-messages' as const }),

    async chat({ request, model, signal }: ChatCall) {
      const native = passes(request);
      if (!native) return parseAnthropicResponse(providerId, await postJson(post(convertToAnthropicRequest(request, model, false), signal)), secrets);
      const json = await postJson(post(nativeBody(native, model, false), signal, native));
      return { ...parseAnthropicResponse(providerId, json, secrets), native: { wire: native.wire, body: json } };
    },

    async streamChat({ request, model, signal }: ChatCall) {
      const native = passes(request);
      const body = native ? nativeBody(native, model, true) : convertToAnthropicRequest(request, model, true);
      const res = await openJsonPost(post(body, signal, native));
      const decoder = new AnthropicStreamDecoder(providerId, secrets);
      const limits = { providerId, maxEventBytes: res.maxEventBytes };
      return decodeEventStream(res.body, native ? new NativeFrameDecoder(native.wire, decoder, TERMINAL_EVENTS) : decoder, limits);
    },

    async listModels(signal: AbortSignal) {
      const url = `${base}/models?limit=1000`;
      const list = await getJson({ http, providerId, url, headers, signal, secrets });
      return asArray(asObject(list)?.data)
        .map((m) => asString(asObject(m)?.id))
        .filter((id): id is string => id !== undefined);
    },
  };
}

/** Version header, then the config's headers (names lower-cased, so one may replace the version), then the key. */
function buildHeaders(settings: AdapterSettings, auth: 'x-api-key' | 'bearer'): Record<string, string> {
  const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION };
  for (const [name, value] of Object.entries(settings.headers)) headers[name.toLowerCase()] = value;
  if (settings.apiKey) {
    if (auth === 'bearer') headers.authorization = `Bearer ${settings.apiKey}`;
    else headers['x-api-key'] = settings.apiKey;
  }
  return headers;
}

/** The client's beta features beside the config's (a comma-separated list either way). */
function withClientHeaders(headers: Record<string, string>, native: NativeRequest): Record<string, string> {
  const beta = native.headers['anthropic-beta'];
  if (!beta) return headers;
  const mine = headers['anthropic-beta'];
  return { ...headers, 'anthropic-beta': mine ? `${mine},${beta}` : beta };
}
