import { collectSecrets } from '../toolkit/collect-secrets.js';
import type { ChatParam } from '../../spec/chat-request.js';
import type { AdapterSettings, ChatCall, ProviderAdapter } from '../../spec/provider-adapter.js';
import { asArray, asObject, asString } from '../toolkit/json-shapes.js';
import { decodeEventStream } from '../toolkit/decode-event-stream.js';
import { getJson, openJsonPost, postJson } from '../toolkit/send-json.js';
import { convertToAnthropicRequest } from './convert-to-anthropic-request.js';
import { parseAnthropicResponse } from './parse-anthropic-response.js';
import { AnthropicStreamDecoder } from './decode-anthropic-stream.js';

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

/** The Anthropic Messages API (`POST {baseUrl}/messages`) as a provider adapter. */
export function createAnthropicAdapter(settings: AdapterSettings): ProviderAdapter {
  const { providerId, http } = settings;
  const base = settings.baseUrl.replace(/\/+$/, '');
  const headers = buildHeaders(settings);
  const secrets = collectSecrets(settings);
  const post = (body: unknown, signal: AbortSignal) => ({
    http,
    providerId,
    url: `${base}/messages`,
    headers,
    body,
    signal,
    secrets,
  });

  return {
    providerId,
    kind: 'anthropic',
    unsupportedParams: ANTHROPIC_UNSUPPORTED_PARAMS,

    async chat({ request, model, signal }: ChatCall) {
      const body = convertToAnthropicRequest(request, model, false);
      return parseAnthropicResponse(providerId, await postJson(post(body, signal)), secrets);
    },

    async streamChat({ request, model, signal }: ChatCall) {
      const body = convertToAnthropicRequest(request, model, true);
      const res = await openJsonPost(post(body, signal));
      return decodeEventStream(res.body, new AnthropicStreamDecoder(providerId, secrets), { providerId, maxEventBytes: res.maxEventBytes });
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
function buildHeaders(settings: AdapterSettings): Record<string, string> {
  const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION };
  for (const [name, value] of Object.entries(settings.headers)) headers[name.toLowerCase()] = value;
  if (settings.apiKey) headers['x-api-key'] = settings.apiKey;
  return headers;
}
