import type { ChatParam } from '../../spec/chat-request.js';
import type { EmbeddingResult } from '../../spec/embedding.js';
import { GatewayError } from '../../spec/gateway-error.js';
import type { AdapterSettings, ChatCall, EmbedCall, ProviderAdapter } from '../../spec/provider-adapter.js';
import { countOrUndefined } from '../../spec/usage.js';
import { asArray, asObject, asString } from '../toolkit/json-shapes.js';
import { readEventStream } from '../toolkit/read-event-stream.js';
import { getJson, openJsonPost, postJson } from '../toolkit/send-json.js';
import { convertToOpenAIChatRequest } from './convert-to-openai-chat-request.js';
import { parseOpenAIChatResponse } from './parse-openai-chat-response.js';
import { parseOpenAIChatStream } from './parse-openai-chat-stream.js';
import type { OpenAICompatibleProfile } from './profiles.js';

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
  const secrets = settings.apiKey ? [settings.apiKey] : [];
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
      return parseOpenAIChatResponse(providerId, await postJson(call('/chat/completions', body, signal)), thinkTags);
    },

    async streamChat({ request, model, signal }: ChatCall) {
      const body = convertToOpenAIChatRequest(request, model, profile, true);
      const res = await openJsonPost(call('/chat/completions', body, signal));
      return parseOpenAIChatStream(providerId, readEventStream(res.body), thinkTags, secrets);
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
      const res = asObject(await postJson(call('/embeddings', body, signal)));
      const data = asArray(res?.data)
        .map((d) => asObject(d))
        .sort((a, b) => Number(a?.index ?? 0) - Number(b?.index ?? 0))
        .map((d) => d?.embedding);
      if (!res || data.some((e) => !Array.isArray(e) && typeof e !== 'string')) {
        throw new GatewayError('upstream_invalid_response', `Provider '${providerId}' sent embeddings in an unknown shape.`, {
          provider: providerId,
        });
      }
      const usage = asObject(res.usage);
      return {
        model: asString(res.model),
        data: data as Array<number[] | string>,
        ...(usage && {
          usage: { inputTokens: countOrUndefined(usage.prompt_tokens), raw: res.usage },
        }),
      };
    };
  }
  return adapter;
}
