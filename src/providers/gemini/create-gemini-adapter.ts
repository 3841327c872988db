import { collectSecrets } from '../toolkit/collect-secrets.js';
import { GatewayError } from '../../spec/gateway-error.js';
import type { ChatParam } from '../../spec/chat-request.js';
import type { AdapterSettings, ChatCall, EmbedCall, ProviderAdapter } from '../../spec/provider-adapter.js';
import { decodeEventStream } from '../toolkit/decode-event-stream.js';
import { convertToGeminiRequest } from './convert-to-gemini-request.js';
import { embedWithGemini } from './embed-with-gemini.js';
import { listGeminiModels } from './list-gemini-models.js';
import { parseGeminiResponse } from './parse-gemini-response.js';
import { GeminiStreamDecoder } from './decode-gemini-stream.js';
import { openJsonPost, postJson } from '../toolkit/send-json.js';
import { mapGeminiError } from './map-gemini-error.js';

export interface GeminiAdapterSettings extends AdapterSettings {
  /**
   * Ask for thought summaries (`thinkingConfig.includeThoughts`), returned as reasoning. Default true;
   * turn it off for models that do not think (Gemini 2.0, image models), which refuse the setting.
   */
  includeThoughts?: boolean;
}

/**
 * Parameters Gemini has no counterpart for. Gemini's logprobs (`responseLogprobs`) exist but the canonical
 * result cannot carry them back, so asking for them is refused rather than silently dropped.
 */
const UNSUPPORTED: readonly ChatParam[] = ['logprobs', 'topLogprobs', 'logitBias', 'user', 'extra'];

/**
 * The Google Gemini API (`generateContent`, `streamGenerateContent?alt=sse`, `batchEmbedContents`,
 * `models`). `baseUrl` includes the version (`https://generativelanguage.googleapis.com/v1beta`). The key
 * travels in the `x-goog-api-key` header, never in the URL, which ends up in logs.
 */
export function createGeminiAdapter(settings: GeminiAdapterSettings): ProviderAdapter {
  const { providerId, http } = settings;
  const base = settings.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { ...settings.headers };
  if (settings.apiKey) headers['x-goog-api-key'] = settings.apiKey;
  const secrets = collectSecrets(settings);
  const includeThoughts = settings.includeThoughts ?? true;
  const call = (signal: AbortSignal) => ({ http, providerId, headers, signal, secrets, mapError: mapGeminiError });
  const url = (model: string, method: string) => `${base}/${resourceName(model)}:${method}`;

  return {
    providerId,
    kind: 'gemini',
    unsupportedParams: new Set<ChatParam>(UNSUPPORTED),

    async chat({ request, model, signal }: ChatCall) {
      const body = convertToGeminiRequest(request, includeThoughts);
      const answer = await postJson({ ...call(signal), url: url(model, 'generateContent'), body });
      return parseGeminiResponse(providerId, answer);
    },

    async streamChat({ request, model, signal }: ChatCall) {
      const body = convertToGeminiRequest(request, includeThoughts);
      const res = await openJsonPost({ ...call(signal), url: url(model, 'streamGenerateContent?alt=sse'), body });
      return decodeEventStream(res.body, new GeminiStreamDecoder(providerId, secrets), { providerId, maxEventBytes: res.maxEventBytes });
    },

    async embed({ request, model, signal }: EmbedCall) {
      return embedWithGemini(call(signal), url(model, 'batchEmbedContents'), resourceName(model), request);
    },

    async listModels(signal: AbortSignal) {
      return listGeminiModels(call(signal), base);
    },
  };
}

/**
 * `gemini-2.5-flash` → `models/gemini-2.5-flash`; names that already carry a collection (`tunedModels/x`)
 * stay. The name becomes part of the URL path, so each segment is percent-encoded and a `.` or `..` segment
 * (or an empty one) is refused: a model name can never reach another path or query on the provider's host.
 */
export function resourceName(model: string): string {
  const segments = model.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new GatewayError('invalid_request', 'The model name is not a valid Gemini resource name (an empty, "." or ".." path segment).', {
      param: 'model',
    });
  }
  const encoded = segments.map(encodeURIComponent);
  return encoded.length > 1 ? encoded.join('/') : `models/${encoded[0]}`;
}
