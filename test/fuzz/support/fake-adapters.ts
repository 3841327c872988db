import { createAnthropicAdapter } from '../../../src/providers/anthropic/create-anthropic-adapter.js';
import { createGeminiAdapter } from '../../../src/providers/gemini/create-gemini-adapter.js';
import { createOpenAICompatibleAdapter } from '../../../src/providers/openai-compatible/create-openai-compatible-adapter.js';
import { OPENAI_COMPATIBLE_PROFILES } from '../../../src/providers/openai-compatible/profiles.js';
import type { HttpClient, HttpResponse } from '../../../src/spec/http-client.js';
import type { ProviderAdapter } from '../../../src/spec/provider-adapter.js';
import { API_KEY, HEADER_TOKEN } from './secrets.js';

/**
 * Each adapter, configured with credentials and given an HTTP client that answers every request with the
 * response set by `answer()`: the fuzz input goes through the adapter's whole read path, as a provider's
 * answer would. Import this module lazily (after coverage started), since it loads the adapters.
 */
export interface CannedAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body, as network chunks. */
  chunks: readonly Buffer[];
  maxEventBytes: number;
}

export class CannedHttp implements HttpClient {
  answer: CannedAnswer = { status: 200, headers: {}, chunks: [], maxEventBytes: 1 << 20 };

  async request(): Promise<HttpResponse> {
    const { status, headers, chunks, maxEventBytes } = this.answer;
    const whole = () => Buffer.concat(chunks as Buffer[]);
    return {
      status,
      headers,
      maxEventBytes,
      body: (async function* () {
        for (const c of chunks) yield c;
      })(),
      text: async (options) => {
        const all = whole();
        const max = options?.maxBytes;
        return (max !== undefined && options?.truncate ? all.subarray(0, max) : all).toString('utf8');
      },
      discard: async () => undefined,
    };
  }

  async close(): Promise<void> {}
}

export function makeAdapters(http: HttpClient): Record<'openai' | 'minimax' | 'anthropic' | 'gemini', ProviderAdapter> {
  const common = { baseUrl: 'http://upstream.invalid/v1', apiKey: API_KEY, headers: { 'x-extra-auth': HEADER_TOKEN }, http };
  return {
    openai: createOpenAICompatibleAdapter({ ...common, providerId: 'oai', profile: OPENAI_COMPATIBLE_PROFILES['openai-compatible']! }),
    minimax: createOpenAICompatibleAdapter({ ...common, providerId: 'mm', profile: OPENAI_COMPATIBLE_PROFILES.minimax!, thinkTags: true }),
    anthropic: createAnthropicAdapter({ ...common, providerId: 'ant' }),
    gemini: createGeminiAdapter({ ...common, providerId: 'gem' }),
  };
}
