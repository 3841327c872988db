import { collectSecrets } from '../toolkit/collect-secrets.js';
import type { ChatParam } from '../../spec/chat-request.js';
import type { EmbeddingResult } from '../../spec/embedding.js';
import type { AdapterSettings, ChatCall, EmbedCall, ProviderAdapter } from '../../spec/provider-adapter.js';
import { asArray, asObject, asString } from '../toolkit/json-shapes.js';
import { getJson, openJsonPost, postJson } from '../toolkit/send-json.js';
import { convertToOpenAIChatRequest } from './convert-to-openai-chat-request.js';
import { parseOpenAIChatResponse } from './parse-openai-chat-response.js';
import { parseOpenAIEmbeddings } from './parse-openai-embeddings.js';
import type { OpenAICompatibleProfile } from './profiles.js';
import { readOpenAIChatStreamResponse } from './read-openai-chat-stream-response.js';

export interface OpenAICompatibleSettings extends AdapterSettings {
  profile: OpenAICompatibleProfile;
  /** Overrides the profile's think-tag handling for this provider. */
  thinkTags?: boolean;
}

/** One adapter for every OpenAI-compatible vendor; the profile carries what differs between them. */
export function createOpenAICompatibleAdapter(settings: OpenAICompatibleSettings): ProviderAdapter {
  const { providerId, profile, http } = settings;
  const base = settings.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { ...settings.headers };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  const secrets = collectSecrets(settings);
  const thinkTags = settings.thinkTags ?? profile.thinkTags ?? false;
  const unsupportedParams = new Set<ChatParam>(profile.unsupportedParams ?? []);
  const call = (path: string, body: unknown, signal: AbortSignal) => ({
    http,
    providerId,
    url: base + path,
    headers,
    body,
    signal,
    secrets,
  });

  const adapter: ProviderAdapter = {
    providerId,
    kind: `openai-compatible/${profile.name}`,
    unsupportedParams,

    async chat({ request, model, signal }: ChatCall) {
      const body = convertToOpenAIChatRequest(request, model, profile, false);
      const answer = await postJson(call('/chat/completions', body, signal));
      return parseOpenAIChatResponse(providerId, answer, thinkTags, secrets);
    },

    async streamChat({ request, model, signal }: ChatCall) {
      const body = convertToOpenAIChatRequest(request, model, profile, true);
      const res = await openJsonPost(call('/chat/completions', body, signal));
      return readOpenAIChatStreamResponse(providerId, res, thinkTags, secrets);
    },

    async listModels(signal: AbortSignal) {
      const list = await getJson({ http, providerId, url: `${base}/models`, headers, signal, secrets });
      return asArray(asObject(list)?.data)
        .map((m) => asString(asObject(m)?.id))
        .filter((id): id is string => id !== undefined);
    },
  };

  if (profile.embeddings) {
    adapter.embed = async ({ request, model, signal }: EmbedCall): Promise<EmbeddingResult> => {
      const body: Record<string, unknown> = { model, input: request.input };
      if (request.encodingFormat !== undefined) body.encoding_format = request.encodingFormat;
      if (request.dimensions !== undefined) body.dimensions = request.dimensions;
      if (request.user !== undefined) body.user = request.user;
      return parseOpenAIEmbeddings(providerId, await postJson(call('/embeddings', body, signal)), secrets);
    };
  }
  return adapter;
}
