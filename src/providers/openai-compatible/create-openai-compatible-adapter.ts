import { collectSecrets } from '../toolkit/collect-secrets.js';
import type { ChatParam } from '../../spec/chat-request.js';
import type { EmbeddingResult } from '../../spec/embedding.js';
import type { AdapterSettings, ChatCall, EmbedCall, ProviderAdapter } from '../../spec/provider-adapter.js';
import { asArray, asObject, asString } from '../toolkit/json-shapes.js';
import { getJson, openJsonPost, parseUpstreamJson, postJson } from '../toolkit/send-json.js';
import { convertToOpenAIChatRequest } from './convert-to-openai-chat-request.js';
import { parseOpenAIChatResponse } from './parse-openai-chat-response.js';
import { parseOpenAIEmbeddings } from './parse-openai-embeddings.js';
import type { OpenAICompatibleProfile } from './profiles.js';
import { readOpenAIChatStreamResponse } from './read-openai-chat-stream-response.js';
import { nativeBody, type NativeRequest } from '../../spec/native-request.js';
import { decodeEventStream } from '../toolkit/decode-event-stream.js';
import { NativeFrameDecoder } from '../toolkit/pass-native-frames.js';
import { ResponsesStreamDecoder } from '../openai-responses/decode-responses-stream.js';
import { parseResponsesResult } from '../openai-responses/parse-responses-result.js';
import { relayChatBody } from './relay-chat-request.js';
import { cutPlainCompletion } from './cut-plain-completion.js';
import { holdsSecret } from './relay-chat-stream.js';
import type { ChatResult } from '../../spec/chat-result.js';
import type { JsonObject } from '../toolkit/json-shapes.js';

/** The Responses stream's last events of a finished answer: held by the door until the ledger row is durable. */
const RESPONSES_TERMINAL: ReadonlySet<string> = new Set(['response.completed', 'response.incomplete']);

/**
 * What a passed-through Responses request is sent unless the client says otherwise: nothing stored upstream.
 * The gateway is stateless (it refuses `previous_response_id`), so a stored response would serve nobody.
 */
const RESPONSES_DEFAULTS = { store: false };

export interface OpenAICompatibleSettings extends AdapterSettings {
  profile: OpenAICompatibleProfile;
  /** Overrides the profile's think-tag handling for this provider. */
  thinkTags?: boolean;
}

/**
 * One adapter for every OpenAI-compatible vendor; the profile carries what differs between them. A vendor
 * that serves the Responses API takes a request from the Responses door as the client wrote it (model
 * renamed, `store: false` unless the client set it) and answers with its own body or events.
 *
 * Requests from the chat-completions door take the fast path (`relayWire`) unless the profile rewrites
 * every answer (think tags) or the provider says `pass_through: false`: the client's body is sent where
 * translating it would send the same (relayChatBody), and the answer relayed where translating it would show
 * the same (ChatRelayTap for streams, cutPlainCompletion for whole answers).
 */
export function createOpenAICompatibleAdapter(settings: OpenAICompatibleSettings): ProviderAdapter {
  const { providerId, profile, http } = settings;
  const base = settings.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { ...settings.headers };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  const secrets = collectSecrets(settings);
  const thinkTags = settings.thinkTags ?? profile.thinkTags ?? false;
  const unsupportedParams = new Set<ChatParam>(profile.unsupportedParams ?? []);
  const responses = profile.responses === true && settings.passThrough !== false;
  const passes = (request: ChatCall['request']): NativeRequest | undefined => (responses && request.native?.wire === 'openai-responses' ? request.native : undefined);
  const relays = settings.passThrough !== false && !thinkTags;
  const relayed = (request: ChatCall['request']): NativeRequest | undefined => (relays && request.native?.wire === 'openai-chat' ? request.native : undefined);
  const chatBody = (request: ChatCall['request'], model: string, stream: boolean) => {
    const relay = relayed(request);
    return (relay && relayChatBody(relay, model, profile, stream)) ?? convertToOpenAIChatRequest(request, model, profile, stream);
  };
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
    ...(responses && { nativeWire: 'openai-responses' as const }),
    ...(relays && { relayWire: 'openai-chat' as const }),

    async chat({ request, model, signal }: ChatCall) {
      const native = passes(request);
      if (native) {
        const json = await postJson(call('/responses', nativeBody(native, model, false, RESPONSES_DEFAULTS), signal));
        return { ...parseResponsesResult(providerId, json, secrets), native: { wire: native.wire, body: json } };
      }
      if (!relayed(request)) {
        const answer = await postJson(call('/chat/completions', chatBody(request, model, false), signal));
        return parseOpenAIChatResponse(providerId, answer, thinkTags, secrets);
      }
      const res = await openJsonPost(call('/chat/completions', chatBody(request, model, false), signal));
      const text = await res.text();
      const answer = parseUpstreamJson(providerId, text);
      const result: ChatResult = parseOpenAIChatResponse(providerId, answer, false, secrets);
      // a body holding the provider's credential is rebuilt, never spliced as it came
      const cuts = holdsSecret(text, secrets) ? undefined : cutPlainCompletion(text, answer as JsonObject, result);
      return cuts ? { ...result, native: { wire: 'openai-chat', body: text, cuts } } : result;
    },

    async streamChat({ request, model, signal }: ChatCall) {
      const native = passes(request);
      if (native) {
        const res = await openJsonPost(call('/responses', nativeBody(native, model, true, RESPONSES_DEFAULTS), signal));
        const decoder = new NativeFrameDecoder(native.wire, new ResponsesStreamDecoder(providerId, secrets), RESPONSES_TERMINAL);
        return decodeEventStream(res.body, decoder, { providerId, maxEventBytes: res.maxEventBytes });
      }
      const relay = relayed(request);
      const res = await openJsonPost(call('/chat/completions', chatBody(request, model, true), signal));
      const answer = relay && !relay.readsText ? relay.answer : undefined;
      return readOpenAIChatStreamResponse(providerId, res, thinkTags, secrets, answer && { answer, model });
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
